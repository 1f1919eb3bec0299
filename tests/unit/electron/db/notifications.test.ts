/**
 * Unread notifications newest first come from an index, for the whole bank and for one borrower (migration 0003, whose upgrade
 * test is migrations/0003-unread-by-date.test.ts): the query plans SQLite chooses for the statements the app runs, on a real file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/db/cache';

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

// The notifications centre's page: each notification with its borrower's name, newest first, at any offset.
const PAGE = `SELECT n.key, n.id, n.org_nr, r.name, n.text, n.type, n.created_at, n.read
  FROM notifications n LEFT JOIN relationships r ON r.org_nr = n.org_nr`;

it('reads a page of every notification with its borrower’s name in date order, the name by key', () => {
  const p = plan(`${PAGE} ORDER BY n.created_at DESC, n.key DESC LIMIT 100 OFFSET 23000`);
  expect(p).toContain('notifications_by_created_at');
  expect(p).toContain("SEARCH r USING INDEX sqlite_autoindex_relationships_1 (org_nr=?)");
  expect(p).not.toContain('TEMP B-TREE');
});

it('reads a page of unread notifications with names from the unread index, without sorting', () => {
  const p = plan(`${PAGE} WHERE n.read = 0 ORDER BY n.created_at DESC, n.key DESC LIMIT 100 OFFSET 0`);
  expect(p).toContain('notifications_unread_by_date');
  expect(p).not.toContain('TEMP B-TREE');
});
