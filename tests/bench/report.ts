/** The bench's table (console) and its section of docs/benchmarks.md, regenerated between its markers only. */
import fs from 'node:fs';
import type { MachineInfo } from './machine';
import type { CacheResult } from './scenarios/cache';
import type { Timing } from './stats';
import type { ExportResult } from './scenarios/export';
import type { GridResult } from './scenarios/grid';
import type { SyncResults } from './scenarios/sync';
import type { TeamResult } from './scenarios/team';
import type { UiResult } from './scenarios/ui';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

export interface BenchResults {
  quick: boolean;
  machine: MachineInfo;
  loadBefore: number[];
  loadAfter: number[];
  totalSeconds: number;
  sync?: SyncResults;
  cache?: CacheResult;
  export?: ExportResult;
  ui?: UiResult;
  grid?: GridResult;
  team?: TeamResult;
}

export interface Row {
  scenario: string;
  measure: string;
  value: string;
  target: string;
  met: boolean | null;
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const x = (n: number) => `${n.toFixed(2)}×`;

/** Every figure with its target (null: reported, no target). */
export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const add = (scenario: string, measure: string, value: string, target = '', met: boolean | null = null) => out.push({ scenario, measure, value, target, met });
  if (r.sync) {
    const { full, incremental: inc, faults } = r.sync;
    const s1 = `1 full sync (${full.borrowers} borrowers, ${full.approved} approved, ${full.latencyMs} ms/request)`;
    add(s1, 'wall time', ms(full.wallMs));
    add(s1, 'requests (sandbox count)', String(full.requests));
    add(s1, `floor = requests × ${full.latencyMs} ms / ${full.concurrency}`, ms(full.floorMs));
    add(s1, 'wall / floor', x(full.vsFloor), '≤ 1.30×', full.vsFloor <= 1.3);
    add(
      s1,
      `this machine's floor: transport-only client (same ${full.transportOnly.requests} requests, ${full.concurrency} at a time, fetch + JSON.parse only): wall, wall / floor`,
      `${ms(full.transportOnly.wallMs)}, ${x(full.transportOnly.vsFloor)}`,
    );
    add(s1, 'sync engine / transport-only client', x(full.wallMs / full.transportOnly.wallMs));
    add(s1, 'the same sync with every write in the engine thread (no cache-writer worker): wall time, wall / floor', `${ms(full.inThread.wallMs)}, ${x(full.inThread.vsFloor)}`);
    add(s1, 'the syncing thread held up (event-loop delay p99 / max): with the worker; writes in the thread', `${ms(full.loopDelay.p99Ms)} / ${ms(full.loopDelay.maxMs)}; ${ms(full.inThread.loopDelay.p99Ms)} / ${ms(full.inThread.loopDelay.maxMs)}`);
    add(s1, `sequential client (${full.sequential.sampleBorrowers} borrowers measured, extrapolated)`, ms(full.sequential.estimatedMs));
    add(s1, 'speed-up vs sequential', x(full.speedupVsSequential), '≥ 6×', full.speedupVsSequential >= 6);
    add(s1, 'snapshots / notifications stored', `${full.snapshots} / ${full.notifications}`);
    const s2 = '2 incremental sync';
    add(s2, 'unchanged: wall time, requests', `${ms(inc.unchanged.wallMs)}, ${inc.unchanged.requests}`);
    add(s2, 'unchanged: accounting-data requests per borrower', inc.unchanged.accountingPerBorrower.toFixed(3), '≤ 1.1', inc.unchanged.accountingPerBorrower <= 1.1);
    add(s2, 'unchanged: notification requests per borrower', inc.unchanged.notificationsPerBorrower.toFixed(3), '≤ 1.1', inc.unchanged.notificationsPerBorrower <= 1.1);
    add(s2, 'unchanged: new rows', `${inc.unchanged.newSnapshots} snapshots, ${inc.unchanged.newNotifications} notifications`, '0', inc.unchanged.newSnapshots + inc.unchanged.newNotifications === 0);
    const a = inc.afterChange;
    add(s2, `after ${a.changedBorrowers} borrowers changed: wall time, requests`, `${ms(a.wallMs)}, ${a.requests}`);
    add(s2, 'after change: accounting-data / notification requests per borrower', `${a.accountingPerBorrower.toFixed(3)} / ${a.notificationsPerBorrower.toFixed(3)}`, '≤ 1.1', a.accountingPerBorrower <= 1.1 && a.notificationsPerBorrower <= 1.1);
    add(s2, 'after change: new snapshots (expected from truth)', `${a.newSnapshots} (${a.expectedNewSnapshots})`, '= expected', a.newSnapshots === a.expectedNewSnapshots);
    add(s2, 'after change: new notifications, bank feed included (borrower feeds grew by)', `${a.newNotifications} (${a.expectedNewNotifications})`);
    const s3 = '3 full sync under faults';
    add(s3, 'faults', faults.faults);
    add(s3, 'wall time (fault-free)', `${ms(faults.wallMs)} (${ms(faults.faultFreeMs)})`);
    add(s3, 'requests, retries', `${faults.requests}, ${faults.retries}`);
    add(s3, 'faults injected', Object.entries(faults.injected).filter(([k]) => k !== 'latency').map(([k, v]) => `${k} ${v}`).join(', ') || 'none');
    add(s3, 'outcome; lost vs truth() (borrowers/snapshots/notifications)', `${faults.outcome}; ${faults.lost.borrowers}/${faults.lost.snapshots}/${faults.lost.notifications}`, 'ok; 0/0/0', faults.complete);
    add(s3, 'time / fault-free time', x(faults.ratio), '≤ 2×', faults.ratio <= 2);
  }
  if (r.cache) {
    const c = r.cache;
    const s4 = `4 cache (${c.borrowers} borrowers × ${c.snapshots / c.borrowers} snapshots, ${c.notifications} notifications)`;
    add(s4, 'built in', ms(c.buildMs));
    add(s4, 'file size per borrower', `${(c.bytesPerBorrower / 1024).toFixed(1)} KiB (${(c.fileBytes / 2 ** 20).toFixed(0)} MiB in all)`);
    add(s4, 'portfolio list, first ever (every row analysed and stored)', ms(c.listColdMs));
    add(s4, 'portfolio list, first call of a restarted service (stored rows)', ms(c.listRestartMs));
    add(s4, `portfolio list p50 / p95 (${c.list.runs} runs)`, `${ms(c.list.p50)} / ${ms(c.list.p95)}`, 'p95 ≤ 50 ms', c.list.p95 <= 50);
    add(s4, `borrower detail p50 / p95 (${c.detail.runs} runs)`, `${ms(c.detail.p50)} / ${ms(c.detail.p95)}`, 'p95 ≤ 5 ms', c.detail.p95 <= 5);
    add(s4, `comparison p50 / p95 (${c.compare.runs} runs)`, `${ms(c.compare.p50)} / ${ms(c.compare.p95)}`, 'p95 ≤ 5 ms', c.compare.p95 <= 5);
  }
  if (r.export) {
    const e = r.export;
    const s5 = `5 export pack (${e.borrowers} borrowers, ${e.snapshots} snapshots, charts)`;
    add(s5, 'wall time', ms(e.wallMs), '≤ 10 s', e.wallMs <= 10_000);
    add(s5, 'peak RSS of the exporting process', `${e.peakRssMB.toFixed(0)} MB`, '≤ 300 MB', e.peakRssMB <= 300);
    add(s5, 'RSS of that process before the export began (Node, tsx, the app\'s modules and services)', `${e.startRssMB.toFixed(0)} MB`);
    add(s5, 'file size', `${e.fileMB} MB`);
  }
  if (r.ui) {
    const u = r.ui;
    const s6 = `6 UI (${u.rows} rows, browser host, Chromium)`;
    add(s6, `navigation → first rows painted, p50 / max of ${u.navigation.runs}`, `${ms(u.navigation.p50)} / ${ms(u.navigation.max)}`, '≤ 1.5 s', u.navigation.max <= 1500);
    add(s6, 'navigation → every row read and painted (after the first screen), p50 / max', `${ms(u.navigation.allRows.p50)} / ${ms(u.navigation.allRows.max)}`);
    const worst = Math.max(...u.search.map((k) => k.ms));
    add(s6, 'quick search, keystroke → filtered grid painted', u.search.map((k) => `"${k.key}" ${ms(k.ms)} (${k.rows} rows)`).join(', '), '≤ 150 ms', worst <= 150);
    const sc = u.scroll;
    add(s6, `scrolling ${sc.frames} frames: frame p50 / p95 / max`, `${ms(sc.p50FrameMs)} / ${ms(sc.p95FrameMs)} / ${ms(sc.maxFrameMs)}`);
    add(s6, 'long tasks while scrolling (count, longest)', `${sc.longTasks}, ${ms(sc.maxLongTaskMs)}`, 'none > 100 ms', sc.maxLongTaskMs <= 100);
    const s7 = '7 cold start of the browser host (existing cache)';
    add(s7, 'spawn → host ready', ms(u.coldStart.hostReadyMs));
    add(s7, 'navigation → first rows painted (first list of the process)', ms(u.coldStart.firstRowsAfterNavigationMs), '≤ 1.5 s', u.coldStart.firstRowsAfterNavigationMs <= 1500);
    add(s7, 'navigation → every row read and painted', ms(u.coldStart.allRowsAfterNavigationMs));
    add(s7, 'host ready + first rows painted', ms(u.coldStart.spawnToFirstRowsMs));
  }
  if (r.grid) {
    const g = r.grid;
    const s8 = `8 grid (${g.borrowers} borrowers × ${g.snapshots / g.borrowers} snapshots, windows from the cache)`;
    add(s8, 'cache built in; file with the grid read in', `${ms(g.buildMs)}; ${g.fileMB.toFixed(0)} MiB`);
    add(s8, 'every borrower read into the grid (analysed and indexed, a first list after a sync that changed everyone)', ms(g.firstReadMs));
    add(s8, 'first window of a restarted service', ms(g.restartFirstWindowMs));
    const cold = (name: string, x: Timing) => add(s8, `portfolio:window on a fresh service (nothing kept), ${name}, p50 / p95 (${x.runs} runs)`, `${ms(x.p50)} / ${ms(x.p95)}`);
    cold('100 rows in name order at any depth', g.queries.window);
    cold('the last 100 rows', g.queries.deepWindow);
    cold('sorted by a figure', g.queries.sort);
    cold('filtered', g.queries.filter);
    cold(`searched (${g.queries.search.matched} found)`, g.queries.search);
    const t = (name: string, x: Timing) => add(s8, `portfolio:window on the running service, ${name}, p50 / p95 (${x.runs} runs)`, `${ms(x.p50)} / ${ms(x.p95)}`, 'p95 ≤ 150 ms', x.p95 <= 150);
    t('re-sorted by a figure', g.running.sort);
    t('filtered', g.running.filter);
    t('searched', g.running.search);
    const u = g.ui;
    const worst = (xs: number[]) => Math.max(...xs);
    add(s8, `browser: navigation → first rows painted (${u.rows} rows)`, ms(u.firstRowsMs), '≤ 1 s', u.firstRowsMs <= 1000);
    add(s8, 'browser: sort → new list painted, each run', u.sort.map(ms).join(', '), '≤ 150 ms', worst(u.sort) <= 150);
    add(s8, 'browser: filter → new list painted, each run', u.filter.map(ms).join(', '), '≤ 150 ms', worst(u.filter) <= 150);
    add(s8, 'browser: search → new list painted, each run', u.search.map(ms).join(', '), '≤ 150 ms', worst(u.search) <= 150);
    add(s8, 'renderer JS heap after a garbage collection (rows in the DOM)', `${u.heapMB.toFixed(1)} MB (${u.domRows})`, '≤ 200 MB', u.heapMB <= 200);
  }
  if (r.team) {
    const t = r.team;
    if (t.skipped !== null || !t.sync || !t.replication) {
      add('9 team mode on PostgreSQL', 'skipped', t.skipped ?? 'not run');
    } else {
      const s9 = `9a team sync into PostgreSQL (${t.sync.borrowers} borrowers, ${t.sync.latencyMs} ms/request)`;
      add(s9, 'wall time', ms(t.sync.wallMs));
      add(s9, 'requests (sandbox count)', String(t.sync.requests));
      add(s9, `floor = requests × ${t.sync.latencyMs} ms / ${t.sync.concurrency}`, ms(t.sync.floorMs));
      add(s9, 'wall / floor', x(t.sync.vsFloor), '≤ 1.30×', t.sync.vsFloor <= 1.3);
      add(s9, 'the desktop’s full sync of the same sandbox: wall time, wall / floor', `${ms(t.sync.desktop.wallMs)}, ${x(t.sync.desktop.vsFloor)}`);
      add(s9, 'team sync / desktop sync', x(t.sync.vsDesktop));
      add(s9, 'snapshots stored (team database = cache)', String(t.sync.snapshots));
      const rep = t.replication;
      const s9b = `9b replica of the team database (${rep.borrowers} borrowers × ${rep.snapshots / Math.max(1, rep.borrowers)} snapshots, ${rep.notifications} notifications)`;
      add(s9b, 'team database filled in (not a sync: generated rows in the team sync’s shape)', ms(rep.fillMs));
      add(s9b, 'whole portfolio into a fresh desk cache: wall time', ms(rep.full.wallMs), '≤ 60 s', rep.full.wallMs <= 60_000);
      add(s9b, 'rows copied, rows per second', `${rep.full.rows}, ${rep.full.rowsPerSecond}/s`);
      add(s9b, 'cache file size', `${rep.cacheMB} MiB`);
      const inc = rep.incremental;
      add(s9b, `incremental after ${inc.changedBorrowers} borrowers changed: wall time`, ms(inc.wallMs));
      add(s9b, 'incremental: rows copied (relationships / snapshots / notifications)', `${inc.rows} (${inc.copied.relationships} / ${inc.copied.snapshots} / ${inc.copied.notifications})`);
    }
  }
  return out;
}

const mark = (m: boolean | null) => (m === null ? '' : m ? 'met' : '**missed**');

export function consoleTable(r: BenchResults): string {
  const rs = rows(r);
  const w = [0, 0, 0, 0];
  const cells = rs.map((x) => [x.measure, x.value, x.target, x.met === null ? '' : x.met ? 'met' : 'MISSED']);
  for (const c of cells) c.forEach((v, i) => (w[i] = Math.max(w[i]!, v.length)));
  let out = '';
  let last = '';
  rs.forEach((row, i) => {
    if (row.scenario !== last) out += `\n${(last = row.scenario)}\n`;
    out += `  ${cells[i]!.map((v, j) => v.padEnd(Math.min(w[j]!, 70))).join('  ')}\n`;
  });
  return out;
}

export function markdownSection(r: BenchResults): string {
  const m = r.machine;
  const rs = rows(r);
  let md = `${START}\n## Benchmark (\`npm run bench\`)\n\n`;
  md += `Generated by \`npm run bench\` (tests/bench/run.ts) on ${m.date.slice(0, 16).replace('T', ' ')} UTC in ${r.totalSeconds.toFixed(0)} s. `;
  md += `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}. `;
  md += `Load average before / after: ${r.loadBefore.map((l) => l.toFixed(1)).join(' ')} / ${r.loadAfter.map((l) => l.toFixed(1)).join(' ')} `;
  md += `(other work on the machine shares its ${m.cores} cores; every figure is one run, not a best of several).\n\n`;
  md += 'How: the sandbox runs in its own process on 127.0.0.1 (so that it does not share the client\'s event loop); syncs are the real ';
  md += 'engine (`runSync`, the real client and cache files); the sequential client is written in the benchmark (one request at a time, ';
  md += 'page size 100, no incremental logic, writes nothing) and is measured on a sample of borrowers, its per-borrower time extrapolated ';
  md += 'to every approved borrower plus its measured token, relationship and bank-feed requests. Before anything is timed against a ';
  md += 'sandbox, it answers the listings of 100 borrowers (a real API\'s servers are warm; the client under test runs none of its code). ';
  md += 'The transport-only client makes the full sync\'s requests, 8 at a time, and only parses the answers: the floor as this machine sets it. ';
  md += 'The 10,000-borrower cache is generated ';
  md += 'by the sandbox\'s own generator and written with the cache\'s own write functions (every borrower approved, 12 snapshots each), ';
  md += 'the same file serves scenarios 4, 6 and 7. The export runs in a child process (the real services, charts on) and reports its ';
  md += 'own peak RSS (`process.resourceUsage().maxRSS`). UI times are taken inside the page up to the frame after the change was painted. ';
  md += 'Scenario 8 builds its own cache of 50,000 borrowers × 12 snapshots the same way, reads it into the grid (migration 0009), times ';
  md += 'portfolio:window in process (on a fresh service with nothing kept, and on one running service as the analyst re-sorts, filters and searches: each run a new list), then the ';
  md += 'same actions in the browser host and the renderer\'s JS heap after a garbage collection (CDP `Runtime.getHeapUsage`).\n\n';
  if (r.team) {
    md += 'Scenario 9 runs on a throwaway PostgreSQL cluster on loopback (fsync off): 9a is the real team sync against scenario 1\'s sandbox ';
    md += 'and floor, beside the desktop\'s full sync of the same sandbox; 9b fills the team database directly (the sandbox\'s generator, ';
    md += 'multi-row INSERTs into the team sync\'s tables, every change number drawn by the schema\'s trigger), then times `replicateTeam` ';
    md += 'into a fresh cache as a desktop\'s role, and again after a small change (a new snapshot and notification per changed borrower).\n\n';
  }
  md += '| Scenario | Measure | Value | Target | |\n|---|---|---|---|---|\n';
  let last = '';
  for (const row of rs) {
    md += `| ${row.scenario === last ? '' : row.scenario} | ${row.measure} | ${row.value} | ${row.target} | ${mark(row.met)} |\n`;
    last = row.scenario;
  }
  if (r.sync) {
    md += `\nRequests by endpoint, full sync: ${Object.entries(r.sync.full.byEndpoint).map(([k, v]) => `${k} ${v}`).join(', ')}. `;
    md += `After the change: ${Object.entries(r.sync.incremental.afterChange.byEndpoint).map(([k, v]) => `${k} ${v}`).join(', ')}.\n`;
  }
  md += `\n${END}`;
  return md;
}

/** Replaces the bench section of the file (or adds it after the title), leaving every other section as it is. */
export function writeSection(file: string, section: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  let next: string;
  if (a >= 0 && b > a) next = current.slice(0, a) + section + current.slice(b + END.length);
  else {
    const nl = current.indexOf('\n');
    next = nl >= 0 ? `${current.slice(0, nl + 1)}\n${section}\n${current.slice(nl + 1)}` : `${current}\n\n${section}\n`;
  }
  fs.writeFileSync(file, next);
}
