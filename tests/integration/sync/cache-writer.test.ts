/**
 * The cache-writer worker (electron/services/sync/cache-writer.ts): a real worker thread with its own connection to
 * a real cache file, committing the sync's batches; what happens when it cannot start or dies; and the worker as
 * the desktop app runs it (the chunk electron-vite builds beside out/main/main.cjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/db/cache';
import type { CacheWrite } from '../../../electron/services/sync/cache-writes';
import { workerWriter, type CacheWriter } from '../../../electron/services/sync/cache-writer';
import { sourceWriterWorker } from '../../../electron/services/sync/source-writer-worker';
import type { Logger } from '../../../electron/services/log';
import { AccountingItem, Notification, Relationship } from '../../../shared/symetrisk/schemas';
import { ACCOUNTING_PAGE, BORROWER_NOTIFICATION_PAGE, RELATIONSHIP } from '../../fixtures/document-examples';
import { bundledWorkerChunk } from '../../fixtures/bundled-worker';

const ROOT = path.resolve(__dirname, '../../..');
const ORG = '999888777';
const AT = '2026-03-02T09:00:00.000Z';

let dir: string;
let cache: Cache;
let writer: CacheWriter | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-writer-'));
  cache = openCache('writer', path.join(dir, 'cache.sqlite'));
  cache.relationships.upsert(ORG, Relationship.parse(RELATIONSHIP), RELATIONSHIP, AT);
});
afterEach(async () => {
  await writer?.close();
  writer = null;
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const accounting = (orgNr = ORG): CacheWrite => ({
  kind: 'accounting',
  orgNr,
  items: ACCOUNTING_PAGE.items.map((raw) => ({ item: AccountingItem.parse(raw), raw })),
  at: AT,
});
const notifications: CacheWrite = {
  kind: 'notifications',
  scope: ORG,
  orgNr: ORG,
  items: BORROWER_NOTIFICATION_PAGE.items.map((raw) => ({ item: Notification.parse(raw), raw })),
  at: AT,
  added: 1,
};

it('commits a batch in the worker thread: results per write, visible to this thread once answered', async () => {
  writer = workerWriter(sourceWriterWorker(), cache);
  expect(writer.mode()).toBe('worker');
  const results = await writer.commit([accounting(), notifications]);
  expect(results).toEqual([
    { ok: true, value: ACCOUNTING_PAGE.items.length },
    { ok: true, value: 1 },
  ]);
  expect(cache.snapshots.count()).toBe(ACCOUNTING_PAGE.items.length);
  expect(cache.notifications.knownIds(ORG)).toEqual(new Set([1]));
  expect(cache.relationships.get(ORG)?.last_fetched_at).toBe(AT);
  // The same listing again adds nothing new.
  expect(await writer.commit([accounting()])).toEqual([{ ok: true, value: 0 }]);
  expect(writer.mode()).toBe('worker');
});

it('a write that fails is rolled back alone and reports SQLite’s code across the thread boundary', async () => {
  writer = workerWriter(sourceWriterWorker(), cache);
  // No relationship row for this org number: the snapshots' foreign key refuses the borrower's first insert.
  const results = await writer.commit([accounting('111222333'), notifications]);
  expect(results[0]).toMatchObject({ ok: false, error: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
  expect(results[1]).toEqual({ ok: true, value: 1 });
  expect(cache.snapshots.count()).toBe(0);
  expect(cache.notifications.knownIds(ORG).size).toBe(1);
});

it('a batch that cannot be committed rejects as a whole with its code, and nothing of it is written', async () => {
  const other = new Database(cache.file);
  other.exec('BEGIN IMMEDIATE');
  try {
    // The worker's connection waits for the lock (busy timeout) and then gives up: SQLITE_BUSY.
    writer = workerWriter(sourceWriterWorker(), cache);
    const pending = writer.commit([accounting()]);
    await expect(pending).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(cache.snapshots.count()).toBe(0);
  // The worker is still there and commits the next batch.
  expect(await writer.commit([accounting()])).toEqual([{ ok: true, value: ACCOUNTING_PAGE.items.length }]);
  expect(writer.mode()).toBe('worker');
}, 20_000);

it('when the worker dies, what it held is rejected and every later batch is written in this thread', async () => {
  const warnings: string[] = [];
  const log: Logger = { info: () => {}, warn: (m) => void warnings.push(m), error: () => {}, debug: () => {} };
  // A "worker" that ends at once without answering: as if the thread crashed.
  writer = workerWriter((options) => new Worker('process.exit(3)', { ...options, eval: true }), cache, log);
  await expect(writer.commit([accounting()])).rejects.toThrow(/stopped before it confirmed.*code 3/);
  expect(writer.mode()).toBe('in-thread');
  expect(await writer.commit([accounting()])).toEqual([{ ok: true, value: ACCOUNTING_PAGE.items.length }]);
  expect(warnings).toEqual(['sync: the cache-writer worker stopped; writing in the main thread']);
});

it('when the worker cannot be started, batches are written in this thread from the start', async () => {
  writer = workerWriter(() => {
    throw new Error('no worker threads here');
  }, cache);
  expect(writer.mode()).toBe('in-thread');
  expect(await writer.commit([accounting()])).toEqual([{ ok: true, value: ACCOUNTING_PAGE.items.length }]);
});

it('close() waits for the batches already sent, and a closed writer still commits (in this thread)', async () => {
  writer = workerWriter(sourceWriterWorker(), cache);
  const sent = writer.commit([accounting()]);
  await writer.close();
  expect(await sent).toEqual([{ ok: true, value: ACCOUNTING_PAGE.items.length }]);
  expect(writer.mode()).toBe('in-thread');
  expect(await writer.commit([notifications])).toEqual([{ ok: true, value: 1 }]);
  expect(cache.notifications.knownIds(ORG).size).toBe(1);
});

// electron/app/main.ts starts this chunk through `?nodeWorker`; Electron itself cannot run on this machine, so the
// bundled worker is started here with Node's Worker, outside tsx.
it.skipIf(!fs.existsSync(path.join(ROOT, 'out/main/main.cjs')))(
  'the bundled worker (out/main) commits a borrower in its own thread (skipped where out/ is not built: npm run build)',
  async () => {
    const chunks = path.join(ROOT, 'out/main/chunks');
    const file = bundledWorkerChunk(ROOT, 'cache-writer-worker');
    expect(file, 'electron-vite built no cache-writer worker chunk beside main.cjs').toBeDefined();
    expect(fs.readFileSync(path.join(ROOT, 'out/main/main.cjs'), 'utf8')).toContain(`./chunks/${file}`);
    writer = workerWriter((options) => new Worker(path.join(chunks, file!), options), cache);
    expect(await writer.commit([accounting()])).toEqual([{ ok: true, value: ACCOUNTING_PAGE.items.length }]);
    expect(writer.mode()).toBe('worker');
    expect(cache.snapshots.count()).toBe(ACCOUNTING_PAGE.items.length);
  },
);
