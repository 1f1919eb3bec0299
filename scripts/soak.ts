/**
 * Soak run (npm run soak; not part of npm test): 50 consecutive syncs of one profile against the sandbox with faults
 * switched on at random (seeded), through the real services. After each sync: RSS and heap (after a GC when
 * --expose-gc is on), the cache's size on disk (database + WAL) and the process's open handles. Fails when any of
 * them keeps growing past its tolerance after the warm-up, and writes the figures to docs/benchmarks.md between the
 * soak markers. Options: --runs N (default 50), --seed N (default 1), --borrowers N (default 40), --no-write.
 *
 * --hostile: the same syncs through the hostile Symetrisk (tests/fixtures/hostile-server.ts), every fault mode of it
 * switched on in turn (SOAK_PLAN: stalls, drips, lying lengths, a gigabyte, redirects, junk fields, lying totals,
 * repeated pages, foreign identities, bad and duplicate numbers, control characters, oversized items), with a
 * short deadline per attempt (--deadline-ms, default 1500). Besides flat memory and size, after every run the cache
 * must pass integrity_check and hold exactly what the last honest run left (names with control characters: cleaned).
 * Its figures go between the soak-hostile markers. A reduced run: `npm run soak -- --hostile --runs 16 --no-write`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../electron/core/dispatch';
import { startSandbox, type FaultConfig } from '../electron/sandbox/index';
import { createAppServices } from '../electron/core/container';
import { createAppContext } from '../electron/core/context';
import { sourceWriterWorker } from '../electron/services/sync/source-writer-worker';
import { MemoryCredentialStore } from '../electron/services/credentials/credential-store';
import { nullLogger } from '../electron/services/log';
import type { EventName } from '../shared/contract';
import Database from 'better-sqlite3';
import { ALL_SCOPES } from '../shared/symetrisk/defaults';
import { SOAK_PLAN, cacheFingerprint, startHostileServer, type HostileServer } from '../tests/fixtures/hostile-server';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    borrowers: { type: 'string', default: '40' },
    'no-write': { type: 'boolean', default: false },
    hostile: { type: 'boolean', default: false },
    'deadline-ms': { type: 'string', default: '1500' },
  },
});
const HOSTILE = values.hostile === true;
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const HOSTILE_CYCLE = SOAK_PLAN.length;
// The hostile modes differ in what they hold for a moment (an 8 MB answer, a stalled socket): the warm-up is one
// whole cycle of them, and early and late are compared over a whole cycle each, so each side meets every mode once.
const WARMUP = HOSTILE ? HOSTILE_CYCLE : Math.min(10, Math.floor(RUNS / 5));

/** mulberry32: a small seeded PRNG, so a soak run can be repeated exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);

/** Faults that the client's retries absorb without long waits; each run gets a random mix. */
function randomFaults(i: number): FaultConfig {
  const f: FaultConfig = { seed: SEED * 1000 + i };
  if (rand() < 0.5) f.errorRate = 0.05;
  if (rand() < 0.3) f.malformedRate = 0.03;
  if (rand() < 0.3) f.truncatedRate = 0.03;
  if (rand() < 0.3) f.dropRate = 0.03;
  if (rand() < 0.3) f.earlyTokenExpiryRate = 0.03;
  if (rand() < 0.2) f.pageDrift = true;
  return f;
}

const gc = (globalThis as { gc?: () => void }).gc;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-soak-'));
// A frozen clock in the hostile soak: the honest data never moves, so any change to the cache is a hostile answer's.
// The hostile answers forge the org numbers of list items (as tests/integration/sync/hostile.test.ts), so the hostile
// soak's list carries them (the opt-in of a later API version); the plain soak runs the documented shape.
const sandbox = await startSandbox({
  seed: SEED,
  borrowers: Number(values.borrowers),
  now: new Date('2026-03-02T09:00:00Z'),
  frozenClock: HOSTILE,
  relationshipOrgNr: HOSTILE,
});
const hostile: HostileServer | null = HOSTILE ? await startHostileServer({ upstream: new URL(sandbox.tokenUrl).origin }) : null;
const credentials = new MemoryCredentialStore();
const waiters = new Map<number, (run: { outcome: string; message: string | null }) => void>();
const services = await createAppServices(
  createAppContext({
    appVersion: 'soak',
    dataDir: dir,
    host: 'cli',
    credentials,
    emit: (event: EventName, payload: unknown) => {
      if (event === 'sync:finished') waiters.get((payload as { id: number }).id)?.(payload as { outcome: string; message: string | null });
    },
    log: nullLogger,
    // As the app syncs: a cache-writer worker per sync, so a worker or connection left behind shows in the handles.
    startWriterWorker: sourceWriterWorker(),
  }),
  HOSTILE ? { syncAttemptTimeoutMs: Number(values['deadline-ms']) } : {},
);
const dispatch = createDispatcher(services.handlers);
const created = await dispatch(
  'connections:create',
  {
    name: 'Soak',
    environment: 'custom',
    clientId: sandbox.clientId,
    tokenUrl: hostile?.tokenUrl ?? sandbox.tokenUrl,
    apiBaseUrl: hostile?.apiBaseUrl ?? sandbox.apiBaseUrl,
    scopes: [...ALL_SCOPES],
    secret: sandbox.clientSecret,
  },
  { host: 'cli' },
);
if (!created.ok) throw new Error(created.error.message);
const profileId = (created.value as { id: string }).id;
// As a bank would: its customer list followed (the documented relationship list carries no org numbers).
const imported = await dispatch('followed:follow', { profileId, lines: sandbox.control.customerList(), source: 'import' }, { host: 'cli' });
if (!imported.ok) throw new Error(imported.error.message);
const cacheFile = path.join(dir, 'cache', `${profileId}.sqlite`);
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

interface Sample {
  run: number;
  outcome: string;
  /** Hostile soak: the reasons the run's errors named, and whether the cache was intact afterwards. */
  reasons: string;
  intact: boolean;
  ms: number;
  rssMb: number;
  heapMb: number;
  dbKb: number;
  handles: number;
  faults: string;
}
const samples: Sample[] = [];
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/** The cache as the last honest run left it (hostile soak). */
let honest: string | null = null;
const problems: string[] = [];
// eslint-disable-next-line no-control-regex -- what no stored name may hold
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** After a hostile run: sound, and unchanged (or, for control characters, only cleaned names). */
function checkCache(run: number, mode: string): boolean {
  const db = new Database(cacheFile, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true }) === 'ok';
    if (!ok) problems.push(`run ${run} (${mode}): integrity_check failed`);
    const print = cacheFingerprint(db);
    if (mode === 'none') honest = print;
    else if (mode === 'control-chars') {
      // The server renamed its borrowers: stored, cleaned. From here on, that is what no hostile answer may change.
      const names = (db.prepare('SELECT name FROM relationships').all() as { name: string }[]).filter((r) => UNSAFE.test(r.name));
      if (names.length) problems.push(`run ${run} (${mode}): ${names.length} names with control characters stored`);
      honest = print;
    } else if (honest !== null && print !== honest) problems.push(`run ${run} (${mode}): the cache changed`);
    return problems.length === 0;
  } finally {
    db.close();
  }
}

for (let i = 1; i <= RUNS; i++) {
  const plan = SOAK_PLAN[(i - 1) % SOAK_PLAN.length]!;
  const faults: FaultConfig = HOSTILE ? {} : randomFaults(i);
  sandbox.control.setFaults(faults);
  hostile?.set(plan.mode, { where: plan.where });
  const t0 = performance.now();
  const started = await dispatch('sync:start', { profileId }, { host: 'cli' });
  if (!started.ok) throw new Error(`run ${i}: ${started.error.message}`);
  const runId = (started.value as { runId: number }).runId;
  const run = await new Promise<{ outcome: string; message: string | null; errors?: { reason?: string }[] }>((r) => waiters.set(runId, r));
  waiters.delete(runId);
  const ms = Math.round(performance.now() - t0);
  gc?.();
  const mem = process.memoryUsage();
  const handles = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'Immediate').length;
  const names = HOSTILE ? [plan.mode] : Object.keys(faults).filter((k) => k !== 'seed');
  const reasons = [...new Set((run.errors ?? []).map((e) => e.reason).filter(Boolean))].join(' ');
  const intact = HOSTILE ? checkCache(i, plan.mode) : true;
  samples.push({ run: i, outcome: run.outcome, reasons, intact, ms, rssMb: mb(mem.rss), heapMb: mb(mem.heapUsed), dbKb: Math.round((size(cacheFile) + size(`${cacheFile}-wal`)) / 1024), handles, faults: names.join(' ') || 'none' });
  process.stdout.write(`run ${String(i).padStart(2)}: ${run.outcome.padEnd(7)} ${String(ms).padStart(5)} ms  rss ${samples.at(-1)!.rssMb} MB  heap ${samples.at(-1)!.heapMb} MB  db ${samples.at(-1)!.dbKb} KB  handles ${handles}  faults: ${samples.at(-1)!.faults}${HOSTILE ? `  reasons: ${reasons || '-'}  cache ${intact ? 'intact' : 'CHANGED'}` : ''}\n`);
}
sandbox.control.setFaults({});
await hostile?.close();
await services.close();
await sandbox.close();
fs.rmSync(dir, { recursive: true, force: true });

// Flat means: after the warm-up, the last tenth is not meaningfully above the first tenth.
const steady = samples.slice(WARMUP);
const tenth = HOSTILE ? HOSTILE_CYCLE : Math.max(3, Math.floor(steady.length / 5));
const judged = !HOSTILE || steady.length >= 2 * HOSTILE_CYCLE;
const avg = (xs: Sample[], k: keyof Sample) => xs.reduce((a, s) => a + (s[k] as number), 0) / xs.length;
const early = steady.slice(0, tenth);
const late = steady.slice(-tenth);
const checks = [
  { name: 'heap', unit: 'MB', early: avg(early, 'heapMb'), late: avg(late, 'heapMb'), tolerance: (e: number) => Math.max(e * 0.2, 8) },
  { name: 'RSS', unit: 'MB', early: avg(early, 'rssMb'), late: avg(late, 'rssMb'), tolerance: (e: number) => Math.max(e * 0.2, 30) },
  { name: 'database + WAL', unit: 'KB', early: avg(early, 'dbKb'), late: avg(late, 'dbKb'), tolerance: (e: number) => Math.max(e * 0.1, 512) },
  { name: 'open handles', unit: '', early: avg(early, 'handles'), late: avg(late, 'handles'), tolerance: () => 2 },
].map((c) => ({ ...c, ok: !judged || c.late - c.early <= c.tolerance(c.early) }));
const outcomes = samples.reduce<Record<string, number>>((o, s) => ((o[s.outcome] = (o[s.outcome] ?? 0) + 1), o), {});
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

const marker = HOSTILE ? 'soak-hostile' : 'soak';
const section = [
  `<!-- ${marker}:start -->`,
  HOSTILE ? '## Soak against a hostile server' : '## Soak',
  '',
  `Generated by \`npm run soak${HOSTILE ? ' -- --hostile' : ''}\` (scripts/soak.ts) on ${new Date().toISOString().slice(0, 10)}: ${RUNS} consecutive syncs of one profile`,
  HOSTILE
    ? `(${values.borrowers} borrowers) through the hostile proxy in front of the sandbox, each of its ${SOAK_PLAN.length} modes in turn (an honest run among them), ${values['deadline-ms']} ms per attempt,`
    : `(${values.borrowers} borrowers) against the sandbox through the real services, faults switched on at random (seed ${SEED}),`,
  `measured after each sync${gc ? ' after a forced GC' : ' (no --expose-gc: without a forced GC)'}. Node ${process.version}, ${os.cpus().length} CPUs, ${process.platform}.`,
  `Outcomes: ${Object.entries(outcomes).map(([k, v]) => `${v} ${k}`).join(', ')} (a partial or failed run is a fault doing its job; the next run catches up).`,
  ...(HOSTILE ? ['', `Cache after every run: ${problems.length === 0 ? 'integrity_check ok and exactly what the last honest run left (control characters: names cleaned)' : `**${problems.length} problems**: ${problems.join('; ')}`}.`] : []),
  '',
  `| Measure | runs ${WARMUP + 1}–${WARMUP + tenth} (avg) | last ${tenth} runs (avg) | tolerance | flat |`,
  '|---|---|---|---|---|',
  ...checks.map((c) => `| ${c.name}${c.unit ? ` (${c.unit})` : ''} | ${fmt(c.early)} | ${fmt(c.late)} | +${fmt(c.tolerance(c.early))} | ${c.ok ? 'yes' : '**no**'} |`),
  '',
  '<details><summary>Every run</summary>',
  '',
  `| Run | Outcome | ms | RSS MB | heap MB | DB KB | handles | ${HOSTILE ? 'mode | reasons | cache |' : 'faults |'}`,
  HOSTILE ? '|---|---|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|---|---|',
  ...samples.map(
    (s) =>
      `| ${s.run} | ${s.outcome} | ${s.ms} | ${s.rssMb} | ${s.heapMb} | ${s.dbKb} | ${s.handles} | ${s.faults} |${HOSTILE ? ` ${s.reasons || '-'} | ${s.intact ? 'intact' : '**changed**'} |` : ''}`,
  ),
  '',
  '</details>',
  `<!-- ${marker}:end -->`,
].join('\n');

if (!values['no-write']) {
  const file = path.resolve(import.meta.dirname, '../docs/benchmarks.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const re = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*?<!-- ${marker}:end -->`);
  fs.writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`\nFigures written to docs/benchmarks.md\n`);
}
for (const c of checks) process.stdout.write(`${c.ok ? 'flat' : 'GROWING'}: ${c.name} ${fmt(c.early)} -> ${fmt(c.late)} ${c.unit} (tolerance +${fmt(c.tolerance(c.early))})\n`);
if (!judged) process.stdout.write(`Too few runs to judge growth (the hostile soak needs ${3 * HOSTILE_CYCLE}); the cache was checked after every run.\n`);
for (const p of problems) process.stdout.write(`CACHE: ${p}\n`);
process.exit(checks.every((c) => c.ok) && problems.length === 0 ? 0 : 1);
