/**
 * Scenario 4: the read side at portfolio scale. The cache is built straight into a file (tests/fixtures/build-cache.ts), then the
 * real PortfolioService answers the three questions the analyst asks most: the portfolio list, one borrower, and a
 * comparison of two of its snapshots.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nullLogger } from '../../../electron/services/log';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../electron/services/portfolio/portfolio-service';
import { buildPortfolioCache, type BuiltCache } from '../../fixtures/build-cache';
import { round, since, timeRepeated, type Timing } from '../stats';

export interface CacheSizes {
  borrowers: number;
  snapshots: number;
  listRuns: number;
  detailRuns: number;
}

export const FULL_CACHE: CacheSizes = { borrowers: 10_000, snapshots: 12, listRuns: 30, detailRuns: 300 };
// More borrowers than the renderer's first screen (FIRST_SCREEN_ROWS, 100): the quick run loads the grid in its two steps.
export const QUICK_CACHE: CacheSizes = { borrowers: 150, snapshots: 12, listRuns: 3, detailRuns: 10 };

export interface CacheResult {
  borrowers: number;
  snapshots: number;
  notifications: number;
  buildMs: number;
  fileBytes: number;
  bytesPerBorrower: number;
  /** The first list ever on this cache: every row analysed (and stored), as after a sync that changed everyone. */
  listColdMs: number;
  /** The first list of a restarted service (a new process on the same file): stored rows, no analysis. */
  listRestartMs: number;
  list: Timing;
  detail: Timing;
  compare: Timing;
}

function service(file: string, now: Date): PortfolioService {
  return new PortfolioService({
    caches: new CacheRegistry(() => file),
    clock: () => now,
    log: nullLogger,
  });
}

/** Measures list, detail and comparison on an existing cache file. */
export function measureCache(built: BuiltCache, sizes: CacheSizes): CacheResult {
  const now = built.dataNow;
  const cold = service(built.file, now);
  const t0 = performance.now();
  const rows = cold.list('bench');
  const listColdMs = since(t0);
  if (rows.length !== built.borrowers) throw new Error(`list returned ${rows.length} rows, expected ${built.borrowers}`);
  const restarted = service(built.file, now);
  const t1 = performance.now();
  restarted.list('bench');
  const listRestartMs = since(t1);
  const list = timeRepeated(() => cold.list('bench'), sizes.listRuns);
  // A borrower at random each run (seeded by position), so no single row is served from a warm page.
  const orgNrs = rows.map((r) => r.orgNr);
  let i = 0;
  const pick = () => orgNrs[(i++ * 7919) % orgNrs.length]!;
  const detail = timeRepeated(() => cold.borrower('bench', pick()), sizes.detailRuns, 5);
  // Two snapshots of one borrower: its latest and its oldest.
  const pairs = orgNrs.slice(0, 500).map((o) => {
    const snaps = cold.borrower('bench', o).snapshots;
    return { orgNr: o, a: snaps[0]!.key, b: snaps[snaps.length - 1]!.key };
  });
  let j = 0;
  const compare = timeRepeated(() => {
    const p = pairs[j++ % pairs.length]!;
    return cold.compare('bench', p.orgNr, p.a, p.b, 'annualised');
  }, sizes.detailRuns, 5);
  return {
    borrowers: built.borrowers,
    snapshots: built.snapshots,
    notifications: built.notifications,
    buildMs: round(built.buildMs),
    fileBytes: built.bytes,
    bytesPerBorrower: Math.round(built.bytes / built.borrowers),
    listColdMs: round(listColdMs),
    listRestartMs: round(listRestartMs),
    list,
    detail,
    compare,
  };
}

export function runCacheScenario(sizes: CacheSizes, log: (s: string) => void = () => {}): CacheResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-cache-'));
  try {
    log(`  building a cache of ${sizes.borrowers} borrowers x ${sizes.snapshots} snapshots ...`);
    const built = buildPortfolioCache({ file: path.join(dir, 'cache.sqlite'), borrowers: sizes.borrowers, snapshots: sizes.snapshots });
    log(`  built in ${Math.round(built.buildMs)} ms; measuring ...`);
    return measureCache(built, sizes);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
