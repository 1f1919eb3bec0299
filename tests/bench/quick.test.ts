/**
 * `npm run bench -- --quick` inside npm test: every scenario at tiny sizes, so the benchmark code keeps working.
 * Asserts only that each scenario completes and yields its figures; timings are never asserted.
 */
import { describe, expect, it } from 'vitest';
import { machineInfo } from './machine';
import { rows } from './report';
import { runBench, SCENARIOS } from './run';
import { QUICK_CACHE } from './scenarios/cache';
import { QUICK_GRID } from './scenarios/grid';
import { QUICK_TEAM, teamSkipReason } from './scenarios/team';

describe('npm run bench --quick', () => {
  it('runs every scenario at tiny sizes and reports every figure', async () => {
    const r = await runBench({ quick: true, only: SCENARIOS.filter((s) => s !== 'team') });
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

  it('runs the team scenario (PostgreSQL) at tiny sizes and reports its figures', async (ctx) => {
    // The team tests need PostgreSQL and fail without it; the bench says why it did not run instead.
    const missing = teamSkipReason();
    if (missing) ctx.skip(`skipped: ${missing}`);
    const r = await runBench({ quick: true, only: ['team'] });
    expect(r.team?.skipped).toBeNull();
    expect(r.team?.sync?.outcome).toBe('ok');
    expect(r.team?.sync?.requests).toBeGreaterThan(0);
    expect(r.team?.sync?.snapshots).toBe(r.team?.sync?.desktop.snapshots);
    expect(r.team?.replication?.borrowers).toBe(QUICK_TEAM.replicaBorrowers);
    expect(r.team?.replication?.full.copied.snapshots).toBe(QUICK_TEAM.replicaBorrowers * QUICK_TEAM.snapshots);
    // The small change comes back as exactly what changed: its snapshots, notifications and borrowers.
    const inc = r.team!.replication!.incremental;
    expect([inc.copied.relationships, inc.copied.snapshots, inc.copied.notifications]).toEqual([QUICK_TEAM.changedBorrowers, QUICK_TEAM.changedBorrowers, QUICK_TEAM.changedBorrowers]);
    const figures = rows(r);
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) expect(f.value).not.toMatch(/NaN|undefined/);
  }, 240_000);

  it('reports the team scenario as skipped, with its reason, where PostgreSQL is missing', () => {
    const base = { quick: true, machine: machineInfo(), loadBefore: [], loadAfter: [], totalSeconds: 0 };
    const figures = rows({ ...base, team: { skipped: 'PostgreSQL is not installed' } });
    expect(figures).toEqual([{ scenario: '9 team mode on PostgreSQL', measure: 'skipped', value: 'PostgreSQL is not installed', target: '', met: null }]);
  });
});
