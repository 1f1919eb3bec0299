/**
 * `npm run bench [-- --quick] [-- --only sync,cache,export,ui,grid,team] [-- --no-build] [-- --no-write]`
 *
 * Runs the performance scenarios of issue 7 against the sandbox on loopback, prints a table and (full runs only)
 * rewrites the bench section of docs/benchmarks.md between its markers. `--quick` runs everything at tiny sizes
 * (what tests/bench/quick.test.ts does inside npm test, so this code never rots) and writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildPortfolioCache } from '../fixtures/build-cache';
import { machineInfo } from './machine';
import { consoleTable, markdownSection, writeSection, type BenchResults } from './report';
import { FULL_CACHE, QUICK_CACHE, measureCache } from './scenarios/cache';
import { FULL_EXPORT, QUICK_EXPORT, runExportScenario } from './scenarios/export';
import { FULL_GRID, QUICK_GRID, runGridScenario } from './scenarios/grid';
import { FULL_SYNC, QUICK_SYNC, runSyncScenarios } from './scenarios/sync';
import { runTeamScenario, teamSizes } from './scenarios/team';
import { FULL_UI, QUICK_UI, prepareRenderer, runUiScenarios } from './scenarios/ui';
import { ROOT } from './sandbox-process';

export const SCENARIOS = ['sync', 'cache', 'export', 'ui', 'grid', 'team'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  only?: readonly ScenarioName[];
  /** Rebuild the renderer before the UI scenarios (default: full runs yes, quick runs only when nothing is built). */
  build?: boolean;
  log?: (s: string) => void;
}

/** Runs the chosen scenarios and returns every figure. */
export async function runBench(opts: BenchOptions): Promise<BenchResults> {
  const log = opts.log ?? (() => {});
  const want = (s: ScenarioName) => !opts.only || opts.only.includes(s);
  const t0 = performance.now();
  const results: BenchResults = { quick: opts.quick, machine: machineInfo(), loadBefore: os.loadavg(), loadAfter: [], totalSeconds: 0 };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  try {
    if (want('sync')) {
      log('Scenarios 1-3: sync');
      results.sync = await runSyncScenarios(opts.quick ? QUICK_SYNC : FULL_SYNC, log);
    }
    // One data folder whose Demo profile holds the large cache: measured directly (4), then shown by the host (6, 7).
    const dataDir = path.join(work, 'data');
    const cacheSizes = opts.quick ? QUICK_CACHE : FULL_CACHE;
    if (want('cache') || want('ui')) {
      log(`Building a cache of ${cacheSizes.borrowers} borrowers × ${cacheSizes.snapshots} snapshots`);
      const built = buildPortfolioCache({ file: path.join(dataDir, 'cache', 'demo.sqlite'), borrowers: cacheSizes.borrowers, snapshots: cacheSizes.snapshots, profileId: 'demo' });
      if (want('cache')) {
        log('Scenario 4: cache queries');
        results.cache = measureCache(built, cacheSizes);
      } else {
        // An existing cache has been listed before (the app lists after every sync): its rows are stored.
        measureCache(built, { ...cacheSizes, listRuns: 1, detailRuns: 1 });
      }
    }
    let rebuild = opts.build ?? !opts.quick;
    if (want('export')) {
      log('Scenario 5: export');
      results.export = await runExportScenario(opts.quick ? QUICK_EXPORT : FULL_EXPORT, log, rebuild);
      // One build a run: the UI scenarios use this one.
      rebuild = false;
    }
    let rendererDir: string | null = null;
    const renderer = () => (rendererDir ??= prepareRenderer(path.join(work, 'renderer'), rebuild, log));
    if (want('ui')) {
      log('Scenarios 6-7: UI through the browser host');
      results.ui = await runUiScenarios(dataDir, renderer(), opts.quick ? QUICK_UI : FULL_UI, log);
    }
    if (want('grid')) {
      // Its own data folder: a book of 50,000 borrowers beside the 10,000 of scenarios 4, 6 and 7.
      log('Scenario 8: the grid as a query of the cache (50,000 borrowers in full runs)');
      results.grid = await runGridScenario(path.join(work, 'grid-data'), renderer(), opts.quick ? QUICK_GRID : FULL_GRID, log);
    }
    if (want('team')) {
      log('Scenario 9: team mode on PostgreSQL');
      results.team = await runTeamScenario(teamSizes(opts.quick), log);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  results.loadAfter = os.loadavg();
  results.totalSeconds = (performance.now() - t0) / 1000;
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim()) as ScenarioName[] | undefined;
  const unknown = only?.filter((s) => !(SCENARIOS as readonly string[]).includes(s)) ?? [];
  if (unknown.length) throw new Error(`--only takes ${SCENARIOS.join(', ')}; not ${unknown.join(', ')}`);
  const results = await runBench({
    quick: values.quick,
    ...(only ? { only } : {}),
    ...(values['no-build'] ? { build: false } : {}),
    log: (s) => process.stdout.write(`${s}\n`),
  });
  process.stdout.write(consoleTable(results));
  process.stdout.write(`\nTotal: ${results.totalSeconds.toFixed(0)} s\n`);
  // Only a full run of every scenario may replace the figures in the docs.
  if (!values.quick && !only && !values['no-write']) {
    const file = path.join(ROOT, 'docs/benchmarks.md');
    writeSection(file, markdownSection(results));
    process.stdout.write(`Wrote ${path.relative(ROOT, file)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, 'tests/bench/run.ts')) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
