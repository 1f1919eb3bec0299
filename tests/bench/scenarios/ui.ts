/**
 * Scenarios 6 and 7: the portfolio grid at 10,000 borrowers through the browser host (`npm run web`'s server,
 * a child process) in Debian's Chromium, driven by Playwright with the e2e suite's launch options.
 *
 * Every time is taken inside the page, against the page's own clock, up to the frame after the change was
 * rendered (a requestAnimationFrame, then a task after it, i.e. after the paint), so Playwright's round trips are
 * not part of any figure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { spawnWebHost, type SpawnedHost } from '../../e2e/web-host';
import { ROOT } from '../sandbox-process';
import { quantile, round } from '../stats';

/**
 * The page's globals as the functions below use them inside Chromium. Spelled out here because this file is
 * type-checked with the Node project (no DOM library); each function passed to Playwright runs in the page.
 */
interface PageEl {
  getAttribute(name: string): string | null;
  scrollTop: number;
  focus(): void;
  addEventListener(type: string, fn: (e: { timeStamp: number }) => void, capture?: boolean): void;
}
interface PageGlobals {
  document: { querySelector(sel: string): PageEl | null };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: { childList: boolean; subtree: boolean; attributes?: boolean; attributeFilter?: string[] }): void; disconnect(): void };
  PerformanceObserver: new (cb: (list: { getEntries(): { duration: number }[] }) => void) => { observe(opts: { type: string; buffered: boolean }): void; disconnect(): void };
  requestAnimationFrame(cb: (t: number) => void): number;
  setTimeout(cb: () => void, ms?: number): unknown;
  performance: { now(): number };
  __firstRowPainted?: number;
  __allRowsPainted?: number;
  __keyAt?: number;
  __painted?: number;
}

export interface UiSizes {
  /** Navigations measured on a running host (after the cold one). */
  navigations: number;
  /** The quick-search text, typed one key at a time. */
  search: string;
  scrollFrames: number;
  scrollPxPerFrame: number;
}

export const FULL_UI: UiSizes = { navigations: 5, search: 'bygg', scrollFrames: 300, scrollPxPerFrame: 240 };
export const QUICK_UI: UiSizes = { navigations: 1, search: 'a', scrollFrames: 30, scrollPxPerFrame: 100 };

export interface UiResult {
  rows: number;
  /** Scenario 7: a new host process on the existing cache. */
  coldStart: { hostReadyMs: number; firstRowsAfterNavigationMs: number; allRowsAfterNavigationMs: number; spawnToFirstRowsMs: number };
  /**
   * Scenario 6: navigation to the first grid rows on a running host, over `navigations` runs; and to every row
   * (the whole list read and the grid painted with it, after its first screen).
   */
  navigation: { p50: number; max: number; runs: number; samples: number[]; allRows: { p50: number; max: number } };
  /** Each keystroke of the search: ms from keydown to the filtered grid painted, and the rows then shown. */
  search: { key: string; ms: number; rows: number }[];
  scroll: { frames: number; p50FrameMs: number; p95FrameMs: number; maxFrameMs: number; longTasks: number; maxLongTaskMs: number };
}

/**
 * The built renderer, copied to `into` so that a rebuild of out/ by other work on the machine cannot change it
 * mid-run; built first (as `npm run web` does) when `rebuild` is true or nothing is built yet.
 */
export function prepareRenderer(into: string, rebuild: boolean, log: (s: string) => void): string {
  if (rebuild || !fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) buildApp(log);
  fs.cpSync(path.join(ROOT, 'out/renderer'), into, { recursive: true });
  return into;
}

/** Builds the app (main, its workers, preload and renderer) as `npm run web` does. */
export function buildApp(log: (s: string) => void): void {
  log('  building the app (electron-vite build --mode web-host) ...');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--mode', 'web-host', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the app build failed');
}

/**
 * Records, in the page, when the first grid row was rendered and painted, and when the grid was painted with every
 * row (the page's `data-complete`), in ms since navigation start.
 */
export async function installFirstRowProbe(page: Page): Promise<void> {
  // tsx (esbuild, keepNames) wraps named functions in a __name() helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    const obs = new g.MutationObserver(() => {
      if (g.document.querySelector('[data-testid="grid-row"]')) {
        obs.disconnect();
        g.requestAnimationFrame(() => g.setTimeout(() => (g.__firstRowPainted = g.performance.now())));
      }
    });
    obs.observe(g.document, { childList: true, subtree: true });
    const all = new g.MutationObserver(() => {
      if (g.document.querySelector('[data-complete="true"] [data-testid="grid-row"]')) {
        all.disconnect();
        g.requestAnimationFrame(() => g.setTimeout(() => (g.__allRowsPainted = g.performance.now())));
      }
    });
    all.observe(g.document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-complete'] });
  });
}

/** Waits until the page has painted its first rows and then every row; returns both times. */
export async function rowsPainted(page: Page): Promise<{ first: number; all: number }> {
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__allRowsPainted !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { first: g.__firstRowPainted!, all: g.__allRowsPainted! };
  });
}

async function rowsAfterNavigation(browser: Browser, url: string): Promise<{ first: number; all: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  try {
    const page = await context.newPage();
    await installFirstRowProbe(page);
    await page.goto(url);
    return await rowsPainted(page);
  } finally {
    await context.close();
  }
}

async function measureSearch(page: Page, text: string): Promise<UiResult['search']> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const box = g.document.querySelector('[data-testid="grid-search"]')!;
    box.addEventListener('keydown', (e) => (g.__keyAt = e.timeStamp), true);
    // The input handler runs Vue's update in a microtask; the rAF after it precedes the paint, the task after that follows it.
    box.addEventListener('input', () => g.requestAnimationFrame(() => g.setTimeout(() => (g.__painted = g.performance.now()))));
    box.focus();
  });
  const out: UiResult['search'] = [];
  for (const key of text) {
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__painted = undefined;
    });
    await page.keyboard.press(key);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__painted !== undefined);
    const r = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return { ms: g.__painted! - g.__keyAt!, rows: Number(g.document.querySelector('[data-testid="portfolio-grid"]')?.getAttribute('data-rows') ?? 0) };
    });
    out.push({ key, ms: round(r.ms), rows: r.rows });
  }
  return out;
}

async function measureScroll(page: Page, frames: number, px: number): Promise<UiResult['scroll']> {
  return page.evaluate(
    ({ frames, px }) =>
      new Promise<UiResult['scroll']>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const scroller = g.document.querySelector('[data-testid="portfolio-grid"]')!;
        const longTasks: number[] = [];
        const po = new g.PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push(e.duration);
        });
        po.observe({ type: 'longtask', buffered: false });
        const deltas: number[] = [];
        let last = 0;
        let n = 0;
        const step = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          if (n++ < frames) {
            scroller.scrollTop += px;
            g.requestAnimationFrame(step);
          } else {
            g.setTimeout(() => {
              po.disconnect();
              const sorted = [...deltas].sort((a, b) => a - b);
              const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
              resolve({
                frames: deltas.length,
                p50FrameMs: Math.round(q(0.5) * 10) / 10,
                p95FrameMs: Math.round(q(0.95) * 10) / 10,
                maxFrameMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
                longTasks: longTasks.length,
                maxLongTaskMs: Math.round(Math.max(0, ...longTasks)),
              });
            }, 200);
          }
        };
        g.requestAnimationFrame(step);
      }),
    { frames, px },
  );
}

/** Runs scenarios 7 then 6 on a data folder whose Demo profile has a synced cache. */
export async function runUiScenarios(dataDir: string, rendererDir: string, sizes: UiSizes, log: (s: string) => void = () => {}): Promise<UiResult> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  let host: SpawnedHost | null = null;
  try {
    // A browser that has started once, so the cold start measures the host and the app, not Chromium's own start.
    await (await browser.newPage()).close();
    log('  cold start of the browser host ...');
    host = await spawnWebHost({ dataDir, rendererDir });
    const coldNav = await rowsAfterNavigation(browser, host.url);
    const coldStart = {
      hostReadyMs: round(host.readyMs),
      firstRowsAfterNavigationMs: round(coldNav.first),
      allRowsAfterNavigationMs: round(coldNav.all),
      spawnToFirstRowsMs: round(host.readyMs + coldNav.first),
    };

    log('  navigations on the running host ...');
    const samples: number[] = [];
    const allSamples: number[] = [];
    for (let i = 0; i < sizes.navigations; i++) {
      const r = await rowsAfterNavigation(browser, host.url);
      samples.push(round(r.first));
      allSamples.push(round(r.all));
    }

    log('  quick search and scrolling ...');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    await installFirstRowProbe(page);
    await page.goto(host.url);
    // Searching and scrolling are measured on the whole list.
    await rowsPainted(page);
    const rows = Number(await page.getByTestId('portfolio-grid').getAttribute('data-rows'));
    const search = await measureSearch(page, sizes.search);
    await page.getByTestId('grid-search').fill('');
    await page.waitForFunction((n) => Number((globalThis as unknown as PageGlobals).document.querySelector('[data-testid="portfolio-grid"]')?.getAttribute('data-rows')) === n, rows);
    const scroll = await measureScroll(page, sizes.scrollFrames, sizes.scrollPxPerFrame);
    await context.close();
    return {
      rows,
      coldStart,
      navigation: { p50: quantile(samples, 0.5), max: Math.max(...samples), runs: samples.length, samples, allRows: { p50: quantile(allSamples, 0.5), max: Math.max(...allSamples) } },
      search,
      scroll,
    };
  } finally {
    await host?.stop();
    await browser.close();
  }
}
