/** desk.sqlite's migrations: a file written by the version before is upgraded in place, its profiles kept. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_DB_FILE, openAppDb } from '../../../../../electron/services/connections/app-db';
import { ProfileStore } from '../../../../../electron/services/connections/profile-store';
import { tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('desk.sqlite migration 2 (bank facts of /self)', () => {
  it('adds the bank number and check time to a version 1 file, keeping its profiles', () => {
    const dir = tempDir();
    dirs.push(dir);
    // Version 1 as released: profiles with a bank name only.
    const v1 = new Database(path.join(dir, APP_DB_FILE));
    v1.exec(`
      CREATE TABLE profiles (id TEXT PRIMARY KEY, name TEXT NOT NULL,
        environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom')), token_url TEXT NOT NULL,
        api_base_url TEXT NOT NULL, client_id TEXT NOT NULL, scopes TEXT NOT NULL, bank_name TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      INSERT INTO profiles VALUES ('vest', 'Vest', 'production', 'https://t', 'https://a', 'c', '[]', 'Sparebanken Vest', '2026-01-01', '2026-01-01');
      PRAGMA user_version = 1;
    `);
    v1.close();
    const db = openAppDb(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      const store = new ProfileStore(db);
      expect(store.get('vest')).toMatchObject({ bankName: 'Sparebanken Vest', bankOrgNr: null, bankCheckedAt: null });
      expect(store.setBank('vest', { name: 'Sparebanken Vest', orgNr: '987654321', checkedAt: '2026-02-01T10:00:00.000Z' })).toBe(true);
      expect(store.setBank('vest', { name: 'Sparebanken Vest', orgNr: '987654321', checkedAt: '2026-02-02T10:00:00.000Z' })).toBe(false);
      expect(store.get('vest')).toMatchObject({ bankOrgNr: '987654321', bankCheckedAt: '2026-02-02T10:00:00.000Z' });
    } finally {
      db.close();
    }
  });
});
