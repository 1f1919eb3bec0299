/**
 * Unread notifications newest first come from an index, for the whole bank and for one borrower (migration 0003):
 * the query plans SQLite chooses for the statements the app runs, on a real file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/db/cache';
import { openDatabase } from '../../../../electron/db/connection';
import { MIGRATIONS } from '../../../../electron/db/migrations';

let dir: string;
let cache: Cache;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-plan-'));
  cache = openCache('plan', path.join(dir, 'cache.sqlite'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const plan = (sql: string, ...args: unknown[]) =>
  (cache.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
const COLUMNS = 'key, id, org_nr, text, type, created_at, read';

it('reads the bank’s unread notifications newest first without sorting them', () => {
  const p = plan(`SELECT ${COLUMNS} FROM notifications WHERE read = 0 ORDER BY created_at DESC, key DESC LIMIT 1 OFFSET 0`);
  expect(p).toContain('notifications_unread_by_date');
  expect(p).not.toContain('TEMP B-TREE');
});

it('reads one borrower’s unread notifications by borrower, newest first without sorting them', () => {
  const p = plan(`SELECT ${COLUMNS} FROM notifications WHERE org_nr = ? AND read = 0 ORDER BY created_at DESC, key DESC LIMIT 200 OFFSET 0`, '923609016');
  expect(p).toContain('notifications_by_read (read=? AND org_nr=?)');
  expect(p).not.toContain('TEMP B-TREE');
});

it('brings a cache of schema 2 to 3 with its notifications kept', () => {
  const file = path.join(dir, 'old.sqlite');
  const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
  old.prepare("INSERT INTO notifications (scope, org_nr, id, text, type, created_at, raw, first_seen_at) VALUES ('bank', NULL, 1, 't', 'information', '2026-01-01T00:00:00.000000', '{}', '2026-01-01T00:00:00Z')").run();
  old.close();
  const reopened = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
  try {
    expect(reopened.pragma('user_version', { simple: true })).toBe(3);
    expect((reopened.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n).toBe(1);
    const indexes = (reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['notifications_by_read', 'notifications_unread_by_date']));
  } finally {
    reopened.close();
  }
});
