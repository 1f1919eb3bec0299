import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/connection';
import { MIGRATIONS } from '../../../../electron/db/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('migration 0008 upgrades a cache written by the version before, keeping its rows, with empty replica cursors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-m8-'));
  dirs.push(dir);
  const file = path.join(dir, 'c.sqlite');
  const before = MIGRATIONS.filter((m) => m.version < 8);
  const old = openDatabase(file, { migrations: before });
  old.prepare("INSERT INTO relationships (org_nr, state, name, first_seen_at) VALUES ('923609016', 'access_approved', 'Fjordkraft Bygg AS', 't0')").run();
  expect(old.pragma('user_version', { simple: true })).toBe(before[before.length - 1]!.version);
  old.close();

  const db = openDatabase(file);
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT name FROM relationships').all()).toEqual([{ name: 'Fjordkraft Bygg AS' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM team_replica_cursors').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (1, 'c')").run();
    expect(() => db.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (2, 'd')").run()).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});
