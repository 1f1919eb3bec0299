import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commitBatch } from '../../../../../electron/services/sync/cache-writes';
import { WriteBatcher } from '../../../../../electron/services/sync/write-batch';

/** Commits closures (each a borrower's write) in this thread, as the in-thread writer commits CacheWrites. */
const closures = (db: Database.Database) => (writes: (() => number)[]) => commitBatch(db, writes, (w) => w());

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-batch-'));
  db = new Database(path.join(dir, 'b.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (borrower TEXT NOT NULL, n INTEGER NOT NULL)');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (borrower: string, count: number) => () => {
  const stmt = db.prepare('INSERT INTO rows (borrower, n) VALUES (?, ?)');
  for (let i = 0; i < count; i++) stmt.run(borrower, i);
  return count;
};
const rowsOf = (borrower: string) => (db.prepare('SELECT COUNT(*) AS n FROM rows WHERE borrower = ?').get(borrower) as { n: number }).n;

it('commits the queued writes together after the delay, each resolving with its own result', async () => {
  const w = new WriteBatcher(closures(db), { maxDelayMs: 1, maxWrites: 100 });
  const a = w.submit(insert('a', 3));
  const b = w.submit(insert('b', 2));
  // Nothing is written before the batch is committed.
  expect(rowsOf('a') + rowsOf('b')).toBe(0);
  expect(await Promise.all([a, b])).toEqual([3, 2]);
  expect([rowsOf('a'), rowsOf('b')]).toEqual([3, 2]);
});

it('commits at once when the batch is full', () => {
  const w = new WriteBatcher(closures(db), { maxDelayMs: 60_000, maxWrites: 2 });
  void w.submit(insert('a', 1));
  expect(rowsOf('a')).toBe(0);
  void w.submit(insert('b', 1));
  expect([rowsOf('a'), rowsOf('b')]).toEqual([1, 1]);
});

it('a write that throws is rolled back alone (nothing of it is kept) and rejects; the others commit', async () => {
  const w = new WriteBatcher(closures(db), { maxDelayMs: 0, maxWrites: 100 });
  const a = w.submit(insert('a', 2));
  const half = w.submit(() => {
    insert('half', 4)();
    throw new Error('the borrower failed half-way');
  });
  const c = w.submit(insert('c', 1));
  await expect(half).rejects.toThrow('half-way');
  expect(await Promise.all([a, c])).toEqual([2, 1]);
  expect([rowsOf('a'), rowsOf('half'), rowsOf('c')]).toEqual([2, 0, 1]);
});

it('when the batch cannot be committed, every write rejects and none is written', async () => {
  // Another connection holds the write lock; with no busy timeout BEGIN IMMEDIATE fails at once.
  const other = new Database(path.join(dir, 'b.sqlite'));
  db.pragma('busy_timeout = 0');
  other.exec('BEGIN IMMEDIATE');
  try {
    const w = new WriteBatcher(closures(db), { maxDelayMs: 0, maxWrites: 100 });
    const a = w.submit(insert('a', 1));
    const b = w.submit(insert('b', 1));
    await expect(a).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await expect(b).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(rowsOf('a') + rowsOf('b')).toBe(0);
});

it('flush() commits what is queued now, and an empty flush does nothing', async () => {
  const w = new WriteBatcher(closures(db), { maxDelayMs: 60_000, maxWrites: 100 });
  w.flush();
  const a = w.submit(insert('a', 2));
  w.flush();
  expect(rowsOf('a')).toBe(2);
  expect(await a).toBe(2);
});
