/**
 * Scenarios 1-3: the real sync engine (runSync with the real client and cache) against the sandbox in its own
 * process, with 25 ms latency per answer. The sandbox's list carries org numbers here (the opt-in of a later API
 * version): the baseline clients below key borrowers by them, and the figures stay comparable with the earlier
 * measurements in docs/benchmarks.md. The documented shape adds one GET /relationship per followed number to a
 * first sync only (later syncs match list items by relationshipId).
 */
import fs from 'node:fs';
import pLimit from 'p-limit';
import os from 'node:os';
import path from 'node:path';
import { ALL_SCOPES } from '../../../shared/symetrisk/defaults';
import { openCache, type Cache } from '../../../electron/db/cache';
import { DEFAULT_CONCURRENCY, runSync } from '../../../electron/services/sync/engine';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { sourceWriterWorker } from '../../../electron/services/sync/source-writer-worker';
import type { SyncRun } from '../../../shared/contract/dto';
import type { TruthRow } from '../../../electron/sandbox/index';
import { startSandboxProcess, type SandboxProcess } from '../sandbox-process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { round, since } from '../stats';

export interface SyncSizes {
  borrowers: number;
  latencyMs: number;
  /** Approved borrowers the sequential client reads (its time is extrapolated to all of them). */
  sequentialSample: number;
  /** Share of borrowers given new data before the second incremental sync. */
  changedShare: number;
  /** Approved borrowers whose listings warm the sandbox before anything is timed (warmSandbox). */
  warmBorrowers: number;
}

export const FULL_SYNC: SyncSizes = { borrowers: 2000, latencyMs: 25, sequentialSample: 150, changedShare: 0.05, warmBorrowers: 100 };
export const QUICK_SYNC: SyncSizes = { borrowers: 40, latencyMs: 5, sequentialSample: 8, changedShare: 0.2, warmBorrowers: 4 };

const SEED = 7;
const NOW = '2026-10-10T12:00:00Z';

export interface FullSyncResult {
  borrowers: number;
  approved: number;
  snapshots: number;
  notifications: number;
  latencyMs: number;
  concurrency: number;
  wallMs: number;
  requests: number;
  byEndpoint: Record<string, number>;
  floorMs: number;
  vsFloor: number;
  sequential: { sampleBorrowers: number; requests: number; measuredMs: number; estimatedMs: number; estimatedRequests: number };
  speedupVsSequential: number;
  /** The same requests, as fast as this machine's loopback and the sandbox allow: see transportOnlyClient. */
  transportOnly: { wallMs: number; requests: number; vsFloor: number };
  /** The same full sync into a fresh cache with every write in the engine's thread (no cache-writer worker). */
  inThread: { wallMs: number; vsFloor: number; loopDelay: LoopDelay };
  /** How long the engine's thread (the app's main process) was held up during the full sync with the worker. */
  loopDelay: LoopDelay;
  outcome: SyncRun['outcome'];
}

export interface IncrementalResult {
  unchanged: { wallMs: number; requests: number; byEndpoint: Record<string, number>; accountingPerBorrower: number; notificationsPerBorrower: number; newSnapshots: number; newNotifications: number };
  afterChange: {
    changedBorrowers: number;
    wallMs: number;
    requests: number;
    byEndpoint: Record<string, number>;
    accountingPerBorrower: number;
    notificationsPerBorrower: number;
    newSnapshots: number;
    expectedNewSnapshots: number;
    newNotifications: number;
    expectedNewNotifications: number;
  };
}

export interface FaultResult {
  faults: string;
  wallMs: number;
  faultFreeMs: number;
  ratio: number;
  requests: number;
  retries: number;
  injected: Record<string, number>;
  outcome: SyncRun['outcome'];
  lost: { borrowers: number; snapshots: number; notifications: number };
  complete: boolean;
}

export interface SyncResults {
  full: FullSyncResult;
  incremental: IncrementalResult;
  faults: FaultResult;
}

function tempCache(label: string): { cache: Cache; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `desk-bench-${label}-`));
  return { cache: openCache('bench', path.join(dir, 'cache.sqlite')), dir };
}

function clientFor(sb: SandboxProcess): SymetriskClient {
  return new SymetriskClient(
    { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: ALL_SCOPES },
    { fetch: globalThis.fetch, clock: () => new Date() },
  );
}

/** Event-loop delay of the syncing thread: what a window's call waits for while the sync runs. */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

async function timedSync(
  sb: SandboxProcess,
  cache: Cache,
  client = clientFor(sb),
  writer: 'worker' | 'in-thread' = 'worker',
): Promise<{ run: SyncRun; wallMs: number; loopDelay: LoopDelay; stats: Awaited<ReturnType<SandboxProcess['stats']>> }> {
  await sb.resetStats();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const run = await runSync({ profileId: 'bench', cache, client, clock: () => new Date(), ...(writer === 'worker' ? { startWriterWorker: sourceWriterWorker() } : {}) });
  const wallMs = since(t0);
  delay.disable();
  const loopDelay = { p99Ms: round(delay.percentile(99) / 1e6), maxMs: round(delay.max / 1e6) };
  return { run, wallMs, loopDelay, stats: await sb.stats() };
}

/** A token from the sandbox through plain fetch, for the clients written in the benchmark (not the app's client). */
async function plainToken(sb: SandboxProcess): Promise<string> {
  const res = await fetch(sb.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * The obvious alternative: one request at a time, no incremental logic, nothing written. Reads the token, every
 * relationship page and the bank's feed, then for a sample of approved borrowers their notifications and
 * accounting pages; the per-borrower time of the sample is extrapolated to every approved borrower.
 */
export async function sequentialClient(sb: SandboxProcess, sample: number): Promise<FullSyncResult['sequential'] & { approved: number }> {
  let requests = 0;
  const get = async (url: string, token: string): Promise<{ metadata: { totalItems: number }; items: Record<string, unknown>[] }> => {
    requests++;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (!res.ok) throw new Error(`sequential client: ${url} answered ${res.status}`);
    return (await res.json()) as { metadata: { totalItems: number }; items: Record<string, unknown>[] };
  };
  const all = async (base: string, token: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    for (let skip = 0; ; skip += 100) {
      const page = await get(`${base}?limit=100&skip=${skip}`, token);
      items.push(...page.items);
      if (page.items.length === 0 || skip + page.items.length >= page.metadata.totalItems) return items;
    }
  };
  const t0 = performance.now();
  requests++;
  const token = await plainToken(sb);
  const rels = await all(`${sb.apiBaseUrl}/relationship`, token);
  await all(`${sb.apiBaseUrl}/notifications`, token);
  const approved = rels.filter((r) => r['relationshipState'] === 'access_approved').map((r) => String(r['orgNr']));
  const fixedMs = since(t0);
  const fixedRequests = requests;
  const picked = approved.slice(0, Math.min(sample, approved.length));
  const t1 = performance.now();
  for (const orgNr of picked) {
    await all(`${sb.apiBaseUrl}/notifications/${orgNr}`, token);
    await all(`${sb.apiBaseUrl}/accounting-data/${orgNr}`, token);
  }
  const perBorrowerMs = since(t1) / Math.max(1, picked.length);
  const perBorrowerRequests = (requests - fixedRequests) / Math.max(1, picked.length);
  return {
    approved: approved.length,
    sampleBorrowers: picked.length,
    requests,
    measuredMs: round(since(t0)),
    estimatedMs: round(fixedMs + perBorrowerMs * approved.length),
    estimatedRequests: Math.round(fixedRequests + perBorrowerRequests * approved.length),
  };
}

/**
 * Warms the sandbox process before anything against it is timed: Symetrisk's servers are warm when an analyst
 * syncs, and a client must not be timed on the sandbox's own start (its code not yet compiled by the JIT: the
 * first seconds of a fresh sandbox answer measurably slower). Plain fetch, eight at a time: the token, the first
 * relationship and bank-feed pages, and both listings of `borrowers` approved borrowers; answers are not checked
 * (the faults scenario's sandbox answers some with errors). The client under test runs none of its own code here.
 */
export async function warmSandbox(sb: SandboxProcess, borrowers: number): Promise<void> {
  const token = await plainToken(sb);
  const urls = [`${sb.apiBaseUrl}/relationship?limit=100&skip=0`, `${sb.apiBaseUrl}/notifications?limit=100&skip=0`];
  for (const orgNr of (await sb.orgNrs('access_approved')).slice(0, borrowers)) {
    urls.push(`${sb.apiBaseUrl}/notifications/${orgNr}?limit=100&skip=0`, `${sb.apiBaseUrl}/accounting-data/${orgNr}?limit=100&skip=0`);
  }
  const next = urls.values();
  const worker = async () => {
    for (const url of next) await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * The floor as this machine sets it: the requests a full sync makes (token, ping, every relationship and bank-feed
 * page, then every approved borrower's notifications and accounting data, page by page), `concurrency` at a time
 * through p-limit, each answer read and parsed with JSON.parse and nothing else: no validation, no incremental
 * logic, nothing written. What the sync engine takes beyond this is its own work; what this takes beyond the floor
 * is loopback HTTP, the sandbox building each answer, and two processes sharing the cores.
 */
export async function transportOnlyClient(sb: SandboxProcess, concurrency: number): Promise<{ wallMs: number; requests: number }> {
  const limit = pLimit(concurrency);
  let requests = 0;
  const t0 = performance.now();
  requests++;
  const token = await plainToken(sb);
  type Page = { metadata: { totalItems: number }; items: Record<string, unknown>[] };
  const get = (url: string) =>
    limit(async () => {
      requests++;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      return JSON.parse(await res.text()) as Page;
    });
  /** Page 1, then the rest at once (as the engine reads the relationships and the bank's feed). */
  const all = async (base: string): Promise<Record<string, unknown>[]> => {
    const first = await get(`${base}?limit=100&skip=0`);
    const pages = Math.ceil(first.metadata.totalItems / 100);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => get(`${base}?limit=100&skip=${(i + 1) * 100}`)));
    return [first, ...rest].flatMap((p) => p.items);
  };
  /** Page after page inside one slot's worth of requests (as the engine reads a borrower's listing). */
  const listing = async (base: string): Promise<void> => {
    for (let skip = 0; ; skip += 100) {
      const page = await get(`${base}?limit=100&skip=${skip}`);
      if (page.items.length === 0 || skip + page.items.length >= page.metadata.totalItems) return;
    }
  };
  await get(`${sb.apiBaseUrl}/ping`);
  const rels = await all(`${sb.apiBaseUrl}/relationship`);
  await all(`${sb.apiBaseUrl}/notifications`);
  const approved = rels.filter((r) => r['relationshipState'] === 'access_approved').map((r) => String(r['orgNr']));
  await Promise.all(approved.map((o) => listing(`${sb.apiBaseUrl}/notifications/${o}`)));
  await Promise.all(approved.map((o) => listing(`${sb.apiBaseUrl}/accounting-data/${o}`)));
  return { wallMs: since(t0), requests };
}

function perBorrower(byEndpoint: Record<string, number>, key: string, approved: number): number {
  return round((byEndpoint[key] ?? 0) / Math.max(1, approved), 3);
}

/** What the cache holds against what the sandbox says exists: anything missing is "lost". */
function compareWithTruth(cache: Cache, truth: TruthRow[]): FaultResult['lost'] {
  const snaps = new Map(
    (cache.db.prepare('SELECT org_nr, COUNT(DISTINCT item_id) AS n FROM snapshots GROUP BY org_nr').all() as { org_nr: string; n: number }[]).map((r) => [r.org_nr, r.n]),
  );
  const notes = new Map(
    (cache.db.prepare("SELECT scope, COUNT(*) AS n FROM notifications WHERE scope <> 'bank' GROUP BY scope").all() as { scope: string; n: number }[]).map((r) => [r.scope, r.n]),
  );
  const known = new Set(cache.relationships.all().map((r) => r.org_nr));
  const lost = { borrowers: 0, snapshots: 0, notifications: 0 };
  for (const t of truth) {
    if (!known.has(t.orgNr)) lost.borrowers++;
    lost.snapshots += Math.max(0, t.accountingItems - (snaps.get(t.orgNr) ?? 0));
    lost.notifications += Math.max(0, t.notifications - (notes.get(t.orgNr) ?? 0));
  }
  return lost;
}

const sumItems = (truth: TruthRow[]) => truth.reduce((s, t) => s + t.accountingItems, 0);
const sumNotes = (truth: TruthRow[]) => truth.reduce((s, t) => s + t.notifications, 0);

export async function runSyncScenarios(sizes: SyncSizes, log: (s: string) => void = () => {}): Promise<SyncResults> {
  const concurrency = DEFAULT_CONCURRENCY;
  // ---- 1 + 2: full sync, the sequential client, then incremental syncs on the same sandbox and cache ------------
  const sb = await startSandboxProcess({ borrowers: sizes.borrowers, seed: SEED, now: NOW, frozenClock: true, relationshipOrgNr: true, faults: { latencyMs: sizes.latencyMs } });
  const { cache, dir } = tempCache('sync');
  let full: FullSyncResult;
  let incremental: IncrementalResult;
  try {
    await warmSandbox(sb, sizes.warmBorrowers);
    log(`  full sync of ${sizes.borrowers} borrowers at ${sizes.latencyMs} ms ...`);
    const first = await timedSync(sb, cache);
    const truth = await sb.truth();
    const approved = truth.filter((t) => t.state === 'access_approved').length;
    log(`  sequential client on ${sizes.sequentialSample} borrowers ...`);
    await sb.resetStats();
    const seq = await sequentialClient(sb, sizes.sequentialSample);
    log('  transport-only client ...');
    const transport = await transportOnlyClient(sb, concurrency);
    // The cache-writer worker's worth, measured rather than assumed: the same full sync, every write in this thread.
    log('  full sync again, writes in the engine thread (no worker) ...');
    const plain = tempCache('sync-in-thread');
    let inThreadMs: number;
    let inThreadDelay: LoopDelay;
    try {
      const t = await timedSync(sb, plain.cache, clientFor(sb), 'in-thread');
      inThreadMs = t.wallMs;
      inThreadDelay = t.loopDelay;
    } finally {
      plain.cache.close();
      fs.rmSync(plain.dir, { recursive: true, force: true });
    }
    const floorMs = (first.stats.requests * sizes.latencyMs) / concurrency;
    full = {
      borrowers: sizes.borrowers,
      approved,
      snapshots: cache.snapshots.count(),
      notifications: (cache.db.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n,
      latencyMs: sizes.latencyMs,
      concurrency,
      wallMs: round(first.wallMs),
      requests: first.stats.requests,
      byEndpoint: first.stats.byEndpoint,
      floorMs: round(floorMs),
      vsFloor: round(first.wallMs / floorMs, 2),
      sequential: { sampleBorrowers: seq.sampleBorrowers, requests: seq.requests, measuredMs: seq.measuredMs, estimatedMs: seq.estimatedMs, estimatedRequests: seq.estimatedRequests },
      speedupVsSequential: round(seq.estimatedMs / first.wallMs, 2),
      transportOnly: {
        wallMs: round(transport.wallMs),
        requests: transport.requests,
        vsFloor: round(transport.wallMs / ((transport.requests * sizes.latencyMs) / concurrency), 2),
      },
      inThread: { wallMs: round(inThreadMs), vsFloor: round(inThreadMs / floorMs, 2), loopDelay: inThreadDelay },
      loopDelay: first.loopDelay,
      outcome: first.run.outcome,
    };

    log('  incremental sync, nothing changed ...');
    const same = await timedSync(sb, cache);
    const before = await sb.truth();
    const { changedOrgNrs } = await sb.advanceTime({ days: 7, share: sizes.changedShare });
    const after = await sb.truth();
    log(`  incremental sync after ${changedOrgNrs.length} borrowers changed ...`);
    const changed = await timedSync(sb, cache);
    incremental = {
      unchanged: {
        wallMs: round(same.wallMs),
        requests: same.stats.requests,
        byEndpoint: same.stats.byEndpoint,
        accountingPerBorrower: perBorrower(same.stats.byEndpoint, 'accountingData', approved),
        notificationsPerBorrower: perBorrower(same.stats.byEndpoint, 'borrowerNotifications', approved),
        newSnapshots: same.run.newSnapshots,
        newNotifications: same.run.newNotifications,
      },
      afterChange: {
        changedBorrowers: changedOrgNrs.length,
        wallMs: round(changed.wallMs),
        requests: changed.stats.requests,
        byEndpoint: changed.stats.byEndpoint,
        accountingPerBorrower: perBorrower(changed.stats.byEndpoint, 'accountingData', approved),
        notificationsPerBorrower: perBorrower(changed.stats.byEndpoint, 'borrowerNotifications', approved),
        newSnapshots: changed.run.newSnapshots,
        expectedNewSnapshots: sumItems(after) - sumItems(before),
        // The bank's own feed grows too (a data_refresh per change); the borrowers' feeds are what this counts.
        newNotifications: changed.run.newNotifications,
        expectedNewNotifications: sumNotes(after) - sumNotes(before),
      },
    };
  } finally {
    cache.close();
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // ---- 3: the same full sync under faults, on a fresh sandbox and cache ------------------------------------------
  const rateLimit = { everyNth: 400, burst: 4, retryAfterSeconds: 1 };
  const faultConfig = { latencyMs: sizes.latencyMs, errorRate: 0.05, errorStatuses: [503 as const], rateLimit };
  const fsb = await startSandboxProcess({ borrowers: sizes.borrowers, seed: SEED, now: NOW, frozenClock: true, relationshipOrgNr: true, faults: faultConfig });
  const f = tempCache('faults');
  let faults: FaultResult;
  try {
    await warmSandbox(fsb, sizes.warmBorrowers);
    log('  full sync under faults ...');
    const client = clientFor(fsb);
    const r = await timedSync(fsb, f.cache, client);
    const lost = compareWithTruth(f.cache, await fsb.truth());
    faults = {
      faults: `5 % 503 (Retry-After: 1), 429 for ${rateLimit.burst} of every ${rateLimit.everyNth} requests (Retry-After: ${rateLimit.retryAfterSeconds} s), ${sizes.latencyMs} ms latency`,
      wallMs: round(r.wallMs),
      faultFreeMs: full.wallMs,
      ratio: round(r.wallMs / full.wallMs, 2),
      requests: r.stats.requests,
      retries: r.run.retries,
      injected: r.stats.faultsInjected,
      outcome: r.run.outcome,
      lost,
      complete: r.run.outcome === 'ok' && lost.borrowers + lost.snapshots + lost.notifications === 0,
    };
  } finally {
    f.cache.close();
    await fsb.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  }
  return { full, incremental, faults };
}
