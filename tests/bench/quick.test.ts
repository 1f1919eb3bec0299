/**
 * `npm run bench -- --quick` inside npm test: every scenario at tiny sizes, so the benchmark code keeps working.
 * Asserts only that each scenario completes and yields its figures; timings are never asserted.
 */
import { describe, expect, it } from 'vitest';
import { rows } from './report';
import { runBench } from './run';
import { QUICK_CACHE } from './scenarios/cache';
import { QUICK_GRID } from './scenarios/grid';

describe('npm run bench --quick', () => {
  it('runs every scenario at tiny sizes and reports every figure', async () => {
    const r = await runBench({ quick: true });
    expect(r.sync?.full.requests).toBeGreaterThan(0);
    expect(r.sync?.faults.outcome).toBeDefined();
    expect(r.sync?.incremental.unchanged.requests).toBeGreaterThan(0);
    expect(r.cache?.list.runs).toBeGreaterThan(0);
    expect(r.export?.outcome).toBe('ok');
    // Every borrower reached the grid: its first screen, then the whole list.
    expect(r.ui?.rows).toBe(QUICK_CACHE.borrowers);
    // Scenario 8 at a small size: the whole book read into the grid, every query and browser action timed.
    expect(r.grid?.queries.window.runs).toBe(QUICK_GRID.runs);
    expect(r.grid?.ui.rows).toBe(QUICK_GRID.borrowers);
    expect(r.grid?.ui.sort.length).toBeGreaterThan(0);
    expect(r.grid?.ui.heapMB).toBeGreaterThan(0);
    expect(r.grid?.ui.domRows).toBeLessThan(QUICK_GRID.borrowers);
    const figures = rows(r);
    expect(figures.length).toBeGreaterThan(20);
    for (const f of figures) expect(f.value).not.toMatch(/NaN|undefined/);
  }, 240_000);
});
