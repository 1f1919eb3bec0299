/**
 * The cache-writer worker as the desktop app runs it: the chunk electron-vite builds beside out/main/main.cjs
 * (electron/main.ts starts it through `?nodeWorker`), started here with Node's Worker and committing a real batch.
 * Electron itself cannot run on this machine; this proves the bundled worker loads and writes outside tsx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/db/cache';
import { workerWriter, type CacheWriter } from '../../../electron/services/sync/cache-writer';
import { AccountingItem, Relationship } from '../../../shared/symetrisk/schemas';
import { ACCOUNTING_PAGE, RELATIONSHIP } from '../../fixtures/document-examples';

const ROOT = path.resolve(__dirname, '../../..');
const chunks = path.join(ROOT, 'out/main/chunks');
const built = fs.existsSync(path.join(ROOT, 'out/main/main.cjs'));
const ORG = '999888777';
const AT = '2026-03-02T09:00:00.000Z';

let dir: string;
let cache: Cache;
let writer: CacheWriter | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-built-writer-'));
  cache = openCache('built', path.join(dir, 'cache.sqlite'));
  cache.relationships.upsert(ORG, Relationship.parse(RELATIONSHIP), RELATIONSHIP, AT);
});
afterEach(async () => {
  await writer?.close();
  writer = null;
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it.skipIf(!built)('the bundled worker (out/main) commits a borrower in its own thread (skipped where out/ is not built: npm run build)', async () => {
  const file = fs.readdirSync(chunks).find((f) => /^cache-writer-worker.*\.cjs$/.test(f));
  expect(file, 'electron-vite built no cache-writer worker chunk beside main.cjs').toBeDefined();
  const main = fs.readFileSync(path.join(ROOT, 'out/main/main.cjs'), 'utf8');
  expect(main).toContain(`./chunks/${file}`);
  writer = workerWriter((options) => new Worker(path.join(chunks, file!), options), cache);
  const items = ACCOUNTING_PAGE.items.map((raw) => ({ item: AccountingItem.parse(raw), raw }));
  expect(await writer.commit([{ kind: 'accounting', orgNr: ORG, items, at: AT }])).toEqual([{ ok: true, value: items.length }]);
  expect(writer.mode()).toBe('worker');
  expect(cache.snapshots.count()).toBe(items.length);
});
