import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDb } from '../../../../../electron/services/connections/app-db';
import { ProfileStore } from '../../../../../electron/services/connections/profile-store';
import { tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('desk.sqlite migration 2 (team connections)', () => {
  it('upgrades a version 1 file with its profiles kept, and takes team profiles with their database URL only', () => {
    const dir = tempDir('desk-appdb-');
    dirs.push(dir);
    // A file as version 1 wrote it.
    const v1 = new Database(path.join(dir, 'desk.sqlite'));
    v1.exec(`
      CREATE TABLE profiles (id TEXT PRIMARY KEY, name TEXT NOT NULL,
        environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom')), token_url TEXT NOT NULL,
        api_base_url TEXT NOT NULL, client_id TEXT NOT NULL, scopes TEXT NOT NULL, bank_name TEXT, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL) STRICT;
      CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      INSERT INTO profiles VALUES ('vest', 'Vest', 'custom', 'https://a/t', 'https://a/v1', 'cid', '["read"]', 'Vest Bank', 't0', 't0');
      INSERT INTO settings VALUES ('language', '"nb"');
      PRAGMA user_version = 1;`);
    v1.close();

    const db = openAppDb(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      const store = new ProfileStore(db);
      expect(store.get('vest')).toMatchObject({ name: 'Vest', environment: 'custom', clientId: 'cid', scopes: ['read'], bankName: 'Vest Bank', databaseUrl: null });
      expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"nb"' });
      const team = { id: 'team', name: 'Team', environment: 'team' as const, tokenUrl: '', apiBaseUrl: '', clientId: '', scopes: [], bankName: null, createdAt: 't1', updatedAt: 't1' };
      store.insert({ ...team, databaseUrl: 'postgres://kari@127.0.0.1/symetrisk' });
      expect(store.get('team')?.databaseUrl).toBe('postgres://kari@127.0.0.1/symetrisk');
      // A team profile has a database URL, and only a team profile has one.
      expect(() => store.insert({ ...team, id: 'team-2', name: 'Team 2', databaseUrl: null })).toThrow(/CHECK/);
      expect(() => store.insert({ ...team, id: 'x', name: 'X', environment: 'custom', databaseUrl: 'postgres://a@b/c' })).toThrow(/CHECK/);
      expect(() => store.insert({ ...team, id: 'dup', name: 'team', databaseUrl: 'postgres://a@b/c' })).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
