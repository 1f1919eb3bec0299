import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract';
import { openCache } from '../../../electron/db/cache';
import { runPackInWorker, type StartPackWorker } from '../../../electron/services/export/pack-runner';
import type { PackJob } from '../../../electron/services/export/pack-worker-protocol';
import { sourcePackWorker } from '../../../electron/services/export/source-pack-worker';
import { buildPortfolioCache } from '../../fixtures/build-cache';
import { bundledWorkerChunk } from '../../fixtures/bundled-worker';
import { tempDir } from '../../unit/electron/services/connections/helpers';

/**
 * The pack worker (export/pack-worker.ts) on a real cache file: the pack it builds is the one the main thread builds,
 * its progress and errors reach the caller as the builder's own, a cancel leaves no file, and a worker that dies
 * leaves none either. The Demo's pack through the handler table runs in the worker too (pack.test.ts).
 */
const ROOT = path.resolve(__dirname, '../../..');
const NOW = new Date('2026-11-20T10:00:00Z');
let dir: string;
let cacheFile: string;
let orgNrs: string[];

function job(target: string, extra: Partial<PackJob> = {}): PackJob {
  return {
    profileId: 'demo',
    cacheFile,
    profile: { id: 'demo', name: 'Demo', environment: 'demo', apiBaseUrl: 'https://sandbox.invalid', bankName: 'Testbanken ASA', bankOrgNr: null },
    orgNrs: undefined,
    options: { language: 'nb', amountUnit: 'thousands', now: NOW, appVersion: '0.0.0-test', maxAgeDays: 45 },
    target,
    today: NOW,
    ...extra,
  };
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

const parts = (target: string) => fs.readdirSync(path.dirname(target)).filter((n) => n.startsWith(`.${path.basename(target)}.`));

beforeAll(() => {
  dir = tempDir('desk-pack-worker-');
  cacheFile = path.join(dir, 'cache', 'demo.sqlite');
  buildPortfolioCache({ file: cacheFile, borrowers: 12, snapshots: 6, profileId: 'demo', end: NOW });
  const cache = openCache('demo', cacheFile);
  orgNrs = cache.relationships.all().map((r) => r.org_nr);
  cache.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runPackInWorker', () => {
  const start = sourcePackWorker();

  it('builds the pack in its own thread, with its progress, as the main thread builds it', async () => {
    const inWorker = path.join(dir, 'worker.xlsx');
    const seen: { phase: string; done: number; total: number }[] = [];
    const out = await runPackInWorker(start, job(inWorker), { onProgress: (p) => seen.push(p) });
    expect(out).toMatchObject({ path: inWorker, borrowers: 12 });
    expect(fs.statSync(inWorker).size).toBe(out.bytes);
    expect(seen.filter((p) => p.phase === 'borrowers').at(-1)).toEqual({ phase: 'borrowers', done: 12, total: 12 });
    expect(seen.map((p) => p.phase)).toContain('finishing');

    // The same workbook as the builder makes in this thread from the same cache.
    const { cachePackSource } = await import('../../../electron/services/export/cache-pack-source');
    const { buildPack } = await import('../../../electron/services/export/pack-builder');
    const cache = openCache('demo', cacheFile);
    const j = job(path.join(dir, 'thread.xlsx'));
    const source = await cachePackSource({ openCache: () => cache, profile: () => j.profile, clock: () => NOW })('demo', undefined);
    await buildPack(source, j.options, j.target);
    cache.close();
    expect(await sheetNames(inWorker)).toEqual(await sheetNames(j.target));
    expect(parts(inWorker)).toEqual([]);
  });

  it('keeps an AppError from the worker as it is: its code and details reach the analyst', async () => {
    const target = path.join(dir, 'unknown.xlsx');
    const e = await runPackInWorker(start, job(target, { orgNrs: ['999999999'] })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'not_found', details: { unknown: ['999999999'] } });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('cancels through the signal: the worker stops, and no file or temporary file is left', async () => {
    const target = path.join(dir, 'cancelled.xlsx');
    const ac = new AbortController();
    const e = await runPackInWorker(start, job(target, { orgNrs }), {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'borrowers' && p.done === 2) ac.abort();
      },
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'cancelled' });
    expect(fs.existsSync(target)).toBe(false);
    expect(parts(target)).toEqual([]);
  });

  it('reports a worker that dies without an answer in words, and removes what it left', async () => {
    const target = path.join(dir, 'died.xlsx');
    // What an AtomicFile of a worker killed mid-pack leaves behind.
    fs.writeFileSync(path.join(dir, `.${path.basename(target)}.0a1b2c3d4e5f.part`), 'half a zip');
    const dies: StartPackWorker = (options) => new Worker('process.exit(7)', { ...options, eval: true });
    const e = await runPackInWorker(dies, job(target)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'internal', details: { reason: 'pack_worker_stopped', why: 'exit 7' } });
    expect(parts(target)).toEqual([]);
  });

  // electron/app/main.ts starts this chunk through `?nodeWorker`; Electron cannot run here, so Node starts it.
  it.skipIf(!fs.existsSync(path.join(ROOT, 'out/main/main.cjs')))(
    'the bundled worker (out/main) builds the pack (skipped where out/ is not built: npm run build)',
    async () => {
      const chunks = path.join(ROOT, 'out/main/chunks');
      const file = bundledWorkerChunk(ROOT, 'pack-worker');
      expect(file, 'electron-vite built no pack worker chunk beside main.cjs').toBeDefined();
      expect(fs.readFileSync(path.join(ROOT, 'out/main/main.cjs'), 'utf8')).toContain(`./chunks/${file}`);
      const target = path.join(dir, 'bundled.xlsx');
      const out = await runPackInWorker((options) => new Worker(path.join(chunks, file!), options), job(target));
      expect(out.borrowers).toBe(12);
      expect((await sheetNames(target)).length).toBe(out.sheets);
    },
  );
});
