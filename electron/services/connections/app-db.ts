/**
 * The app-level store <dataDir>/desk.sqlite: connection profiles and settings. Secrets are never written here
 * (they live in the keychain); this file holds only what may be read by anyone with access to the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract';
import { applyMigrations, type Migration } from './migrations';

export const APP_DB_FILE = 'desk.sqlite';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom')),
          token_url TEXT NOT NULL,
          api_base_url TEXT NOT NULL,
          client_id TEXT NOT NULL,
          scopes TEXT NOT NULL,
          bank_name TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    up(db) {
      // Team connections: environment 'team' and the team database's URL (its role, never a password). SQLite cannot
      // change a CHECK constraint in place, so the table is rebuilt with the same rows.
      db.exec(`
        CREATE TABLE profiles_v2 (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom', 'team')),
          token_url TEXT NOT NULL,
          api_base_url TEXT NOT NULL,
          client_id TEXT NOT NULL,
          scopes TEXT NOT NULL,
          bank_name TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          database_url TEXT,
          CHECK ((environment = 'team') = (database_url IS NOT NULL))
        ) STRICT;
        INSERT INTO profiles_v2 (id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, created_at, updated_at)
          SELECT id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, created_at, updated_at FROM profiles;
        DROP TABLE profiles;
        ALTER TABLE profiles_v2 RENAME TO profiles;
        CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
      `);
    },
  },
];

/** Opens (creating if needed) and migrates the app-level store. */
export function openAppDb(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, APP_DB_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new AppError('storage', `The app's settings file could not be opened (${file}).`, { reason: (e as Error).message });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, MIGRATIONS, APP_DB_FILE);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    throw new AppError('storage', `The app's settings file is damaged or not a Symetrisk Desk file (${file}).`, {
      reason: (e as Error).message,
    });
  }
}
