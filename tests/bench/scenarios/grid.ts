/**
 * Scenario 8: the portfolio grid at 50,000 borrowers × 12 snapshots (issue 19). The grid is a query of the cache
 * (migration 0009: sort keys, filters and a folded FTS5 search in SQLite; the renderer holds the windows in view), so
 * this measures both sides of it:
 *
 * - main side, in process: the first read of the book into the grid (every borrower analysed and indexed, as after
 *   an upgrade or a sync that changed everyone), the first window of a restarted service, and portfolio:window's
 *   query times: a window in name order at any depth, sorted by a figure, filtered, searched, each run on a fresh
 *   service (nothing kept: the list, the book's counts and the filters' choices all computed), and the same sort,
 *   filter and search on one running service as the analyst changes them (each run a list other than the one
 *   before, so none is served from the list kept for scrolling; the book's counts stay kept, as in the app);
 * - in the browser host (Chromium), on the same file: navigation to the first rows painted, and a sort, a filter and
 *   a search from the action to the new list painted; then the renderer's JS heap after a garbage collection.
 *
 * Times in the page are taken against the page's own clock up to the frame after the change was painted, as
 * scenario 6 does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { nullLogger } from '../../../electron/services/log';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../electron/services/portfolio/portfolio-service';
import type { dto } from '../../../shared/contract';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { spawnWebHost, type SpawnedHost } from '../../e2e/web-host';
import { buildPortfolioCache } from '../../fixtures/build-cache';
import { quantile, round, since, type Timing } from '../stats';
import { installFirstRowProbe, rowsPainted } from './ui';

export interface GridSizes {
  borrowers: number;
  snapshots: number;
  /** Runs of each main-side query. */
  runs: number;
  /** Browser runs of each action (sort, filter, search). */
  uiRuns: number;
  search: string;
}

export const FULL_GRID: GridSizes = { borrowers: 50_000, snapshots: 12, runs: 20, uiRuns: 3, search: 'bygg' };
/** npm test's quick run: the same code on a small book. */
export const QUICK_GRID: GridSizes = { borrowers: 250, snapshots: 2, runs: 2, uiRuns: 1, search: 'bygg' };

export interface GridResult {
  borrowers: number;
  snapshots: number;
  buildMs: number;
  /** The cache file with the grid read in. */
  fileMB: number;
  /** Every borrower read into the grid (analysed, indexed) by a service that found none there. */
  firstReadMs: number;
  /** The first window of a restarted service on the indexed file. */
  restartFirstWindowMs: number;
  queries: { window: Timing; deepWindow: Timing; sort: Timing; filter: Timing; search: Timing & { matched: number } };
  /** Sort, filter and search on one running service, each run a new list (see the file's header). */
  running: { sort: Timing; filter: Timing; search: Timing };
  ui: {
    rows: number;
    firstRowsMs: number;
    sort: number[];
    filter: number[];
    search: number[];
    heapMB: number;
    /** Rows in the DOM and rows the page was shown (the renderer holds a few windows, never the book). */
    domRows: number;
  };
}

function timeEach(runs: number, fn: (i: number) => unknown): Timing {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(since(t0));
  }
  return { p50: round(quantile(samples, 0.5)), p95: round(quantile(samples, 0.95)), max: round(Math.max(...samples)), runs };
}

/** The page's globals as the functions below use them inside Chromium (this file has no DOM library). */
interface El {
  getAttribute(name: string): string | null;
  click(): void;
  value: string;
  dispatchEvent(e: unknown): boolean;
}
interface G {
  document: { querySelector(sel: string): El | null; querySelectorAll(sel: string): { length: number }; body: unknown };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: Record<string, unknown>): void; disconnect(): void };
  Event: new (type: string, init?: { bubbles: boolean }) => unknown;
  requestAnimationFrame(cb: () => void): number;
  setTimeout(cb: () => void, ms?: number): unknown;
  performance: { now(): number };
}

/**
 * Does one grid action in the page and times it from the action to the new list painted (the grid's list version
 * moved and its answer is in, then the frame after).
 */
async function timeRelist(page: Page, action: { kind: 'click'; selector: string } | { kind: 'type'; selector: string; text: string }): Promise<{ ms: number; rows: number }> {
  return page.evaluate(
    (a) =>
      new Promise<{ ms: number; rows: number }>((resolve) => {
        const g = globalThis as unknown as G;
        const grid = g.document.querySelector('[data-testid="portfolio-grid"]')!;
        const section = g.document.querySelector('section[data-complete]')!;
        const before = grid.getAttribute('data-list');
        const obs = new g.MutationObserver(() => {
          if (grid.getAttribute('data-list') === before || section.getAttribute('data-complete') !== 'true') return;
          obs.disconnect();
          g.requestAnimationFrame(() => g.setTimeout(() => resolve({ ms: g.performance.now() - t0, rows: Number(grid.getAttribute('data-rows')) })));
        });
        obs.observe(g.document.body, { subtree: true, attributes: true, attributeFilter: ['data-list', 'data-complete'] });
        const el = g.document.querySelector(a.selector)!;
        const t0 = g.performance.now();
        if (a.kind === 'click') el.click();
        else {
          el.value = a.text;
          el.dispatchEvent(new g.Event('input', { bubbles: true }));
        }
      }),
    action,
  );
}

async function measureUi(dataDir: string, rendererDir: string, sizes: GridSizes, log: (s: string) => void): Promise<GridResult['ui']> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  let host: SpawnedHost | null = null;
  try {
    host = await spawnWebHost({ dataDir, rendererDir });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    await installFirstRowProbe(page);
    log('  navigation to the first rows ...');
    await page.goto(host.url);
    const painted = await rowsPainted(page);
    const rows = Number(await page.getByTestId('portfolio-grid').getAttribute('data-rows'));
    const sort: number[] = [];
    const filter: number[] = [];
    const search: number[] = [];
    log('  sort, filter and search in the browser ...');
    for (let i = 0; i < sizes.uiRuns; i++) {
      // Sorted by revenues (lowest first), highest first, then back to the name: each a new list from the cache.
      for (let k = 0; k < 3; k++) sort.push(round((await timeRelist(page, { kind: 'click', selector: '[data-testid="sort-revenues"]' })).ms));
      for (let k = 0; k < 2; k++) filter.push(round((await timeRelist(page, { kind: 'click', selector: '[data-testid="flagged-only"]' })).ms));
      search.push(round((await timeRelist(page, { kind: 'type', selector: '[data-testid="grid-search"]', text: sizes.search })).ms));
      await timeRelist(page, { kind: 'type', selector: '[data-testid="grid-search"]', text: '' });
    }
    // Scrolled through a good part of the list first, so the heap holds what scrolling leaves behind.
    await page.getByTestId('portfolio-grid').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await page.waitForFunction(() => (globalThis as unknown as G).document.querySelectorAll('[data-testid="grid-row-pending"]').length === 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const domRows = await page.locator('[data-testid="grid-row"]').count();
    await context.close();
    return { rows, firstRowsMs: round(painted.first), sort, filter, search, heapMB: round(heap.usedSize / 2 ** 20), domRows };
  } finally {
    await host?.stop();
    await browser.close();
  }
}

/** Builds the book into `dataDir`'s Demo cache and measures both sides of the grid on it. */
export async function runGridScenario(dataDir: string, rendererDir: string, sizes: GridSizes, log: (s: string) => void = () => {}): Promise<GridResult> {
  log(`  building a cache of ${sizes.borrowers} borrowers × ${sizes.snapshots} snapshots ...`);
  const built = buildPortfolioCache({ file: path.join(dataDir, 'cache', 'demo.sqlite'), borrowers: sizes.borrowers, snapshots: sizes.snapshots, profileId: 'demo' });
  const now = built.dataNow;
  const caches = new CacheRegistry(() => built.file);
  const fresh = () => new PortfolioService({ caches, clock: () => now, log: nullLogger });
  try {
    log('  reading the book into the grid ...');
    const t0 = performance.now();
    // As the grid would: windows asked for until no borrower is left to read in.
    const first = fresh();
    while (first.window({ profileId: 'demo', limit: 100 }).pending > 0);
    const firstReadMs = round(since(t0));
    const t1 = performance.now();
    const w = fresh().window({ profileId: 'demo', limit: 100 });
    const restartFirstWindowMs = round(since(t1));
    if (w.matched !== built.borrowers) throw new Error(`the grid lists ${w.matched} borrowers, expected ${built.borrowers}`);

    log('  portfolio:window queries ...');
    const q = (input: Omit<dto.PortfolioWindowInput, 'profileId' | 'limit'>) => fresh().window({ profileId: 'demo', limit: 100, ...input });
    const window = timeEach(sizes.runs, (i) => q({ offset: ((i * 7919) % built.borrowers) - (((i * 7919) % built.borrowers) % 100) }));
    const deepWindow = timeEach(sizes.runs, () => q({ offset: Math.max(0, built.borrowers - 100) }));
    const sort = timeEach(sizes.runs, (i) => q({ sort: { id: i % 2 ? 'equity_ratio' : 'revenues', desc: i % 4 < 2 } }));
    const filter = timeEach(sizes.runs, (i) => q({ filters: i % 2 ? { flaggedOnly: true } : { fallbackOnly: true } }));
    let matched = 0;
    const search = timeEach(sizes.runs, () => (matched = q({ filters: { query: sizes.search } }).matched));
    const svc = fresh();
    svc.window({ profileId: 'demo', limit: 100 });
    const r = (input: Omit<dto.PortfolioWindowInput, 'profileId' | 'limit'>) => svc.window({ profileId: 'demo', limit: 100, ...input });
    const running = {
      sort: timeEach(sizes.runs, (i) => r({ sort: { id: i % 2 ? 'equity_ratio' : 'revenues', desc: i % 4 < 2 } })),
      filter: timeEach(sizes.runs, (i) => r({ filters: i % 2 ? { flaggedOnly: true } : { fallbackOnly: true } })),
      search: timeEach(sizes.runs, (i) => r({ filters: { query: sizes.search }, sort: { id: 'name', desc: i % 2 === 1 } })),
    };

    const ui = await measureUi(dataDir, rendererDir, sizes, log);
    return {
      borrowers: built.borrowers,
      snapshots: built.snapshots,
      buildMs: round(built.buildMs),
      // With the grid's tables and indexes (migration 0009), after the first read.
      fileMB: round(fs.statSync(built.file).size / 2 ** 20),
      firstReadMs,
      restartFirstWindowMs,
      queries: { window, deepWindow, sort, filter, search: { ...search, matched } },
      running,
      ui,
    };
  } finally {
    caches.closeAll();
  }
}
