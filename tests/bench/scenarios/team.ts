/**
 * Scenario 9: team mode on PostgreSQL (docs/team.md), on a throwaway cluster started as the team tests start one
 * (tests/integration/team/postgres.ts; fsync off, as there).
 *
 * 9a, the team sync: the real runTeamSync (sync engine, client, pg writes) into a fresh team database against the
 * sandbox in its own process, with scenario 1's sandbox options (seed, size, 25 ms latency, org numbers in the list)
 * and its floor, requests × latency / concurrency; then the desktop's full sync (runSync into a fresh cache, the
 * cache-writer worker) on the same sandbox, for the ratio of the two.
 *
 * 9b, the replica: a team database of 50,000 borrowers × 12 snapshots, copied into a fresh desk cache by the real
 * replicateTeam over loopback TCP as a desktop's role (desk_reader + desk_analyst), then again after a small change.
 * The team database is not filled through a sandbox sync (that would take many minutes at 25 ms a request): the
 * sandbox's own generator makes the borrowers, their 12 snapshots and notifications (as tests/fixtures/build-cache.ts
 * does for a cache, in worlds of GEN_CHUNK borrowers with their own seeds, a number seen twice kept once), and they go
 * into the tables the team sync writes, in the team sync's shape (the same columns as pg-writes.ts, contentHash of
 * the item as received, the latest snapshot and fetch time set afterwards), by multi-row INSERTs of a few hundred
 * borrowers in transactions of GEN_CHUNK; every row's change number is drawn by the schema's own trigger, as in a sync.
 * The small change is what a sync of CHANGED borrowers writes: a new snapshot, a new notification, and the
 * borrower's latest snapshot, each with its new change number.
 *
 * Without PostgreSQL installed the scenario is skipped and says why (the tests need it; .ci/run installs it).
 * BENCH_TEAM_SYNC_BORROWERS and BENCH_TEAM_REPLICA_BORROWERS override the sizes for a reduced run (the docs' figures
 * are the full sizes, which `npm run bench` writes only from a full run of every scenario).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openCache } from '../../../electron/db/cache';
import { contentHash } from '../../../electron/db/json-hash';
import { FIGURE_COLUMNS, FLOW_COLUMNS, STOCK_COLUMNS } from '../../../electron/db/snapshots';
import { createSandboxCore } from '../../../electron/sandbox/index';
import { Rng } from '../../../electron/sandbox/prng';
import { formatMicros } from '../../../electron/sandbox/time';
import { DEFAULT_CONCURRENCY, runSync } from '../../../electron/services/sync/engine';
import { sourceWriterWorker } from '../../../electron/services/sync/source-writer-worker';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { parseTeamDatabaseUrl } from '../../../electron/services/team/database-url';
import { teamPool } from '../../../electron/services/team/pg';
import { replicateTeam, type ReplicatedTable } from '../../../electron/services/team/replicator';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { runTeamSync } from '../../../electron/services/team/team-sync';
import { ALL_SCOPES } from '../../../shared/symetrisk/defaults';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import { findPostgresBin, startPostgres, type PgCluster } from '../../integration/team/postgres';
import { startSandboxProcess, type SandboxProcess } from '../sandbox-process';
import { round, since } from '../stats';
import { warmSandbox } from './sync';

export interface TeamSizes {
  /** Borrowers of the sandbox the team sync (and the desktop's sync beside it) reads. */
  syncBorrowers: number;
  latencyMs: number;
  warmBorrowers: number;
  /** Borrowers of the team database the replica copies, each with `snapshots` snapshots. */
  replicaBorrowers: number;
  snapshots: number;
  /** Borrowers given a new snapshot and notification before the incremental copy. */
  changedBorrowers: number;
}

export const FULL_TEAM: TeamSizes = { syncBorrowers: 2000, latencyMs: 25, warmBorrowers: 100, replicaBorrowers: 50_000, snapshots: 12, changedBorrowers: 100 };
export const QUICK_TEAM: TeamSizes = { syncBorrowers: 40, latencyMs: 5, warmBorrowers: 4, replicaBorrowers: 150, snapshots: 12, changedBorrowers: 5 };

/**
 * The sizes of a run: the quick or full ones, for a reduced run with the sync's and the replica's borrowers from
 * BENCH_TEAM_SYNC_BORROWERS and BENCH_TEAM_REPLICA_BORROWERS.
 */
export function teamSizes(quick: boolean, env: NodeJS.ProcessEnv = process.env): TeamSizes {
  const sizes = { ...(quick ? QUICK_TEAM : FULL_TEAM) };
  const count = (name: string) => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isInteger(n) && n > 0 ? n : null;
  };
  sizes.syncBorrowers = count('BENCH_TEAM_SYNC_BORROWERS') ?? sizes.syncBorrowers;
  sizes.replicaBorrowers = count('BENCH_TEAM_REPLICA_BORROWERS') ?? sizes.replicaBorrowers;
  return sizes;
}

/** Scenario 1's sandbox: same seed and day. */
const SEED = 7;
const NOW = '2026-10-10T12:00:00Z';
/** Borrowers per generator world and per filling transaction; borrowers per INSERT statement. */
const GEN_CHUNK = 2500;
const STATEMENT_BORROWERS = 250;
const CLIENT_ID = 'symetrisk-desk-demo';

export interface TeamSyncResult {
  borrowers: number;
  latencyMs: number;
  concurrency: number;
  wallMs: number;
  requests: number;
  floorMs: number;
  vsFloor: number;
  outcome: string;
  snapshots: number;
  /** The desktop's full sync of the same sandbox into a cache. */
  desktop: { wallMs: number; requests: number; vsFloor: number; snapshots: number };
  /** Team sync wall time / desktop sync wall time. */
  vsDesktop: number;
}

export interface ReplicationRun {
  wallMs: number;
  rows: number;
  rowsPerSecond: number;
  copied: Record<ReplicatedTable, number>;
  outcome: string;
}

export interface TeamReplicationResult {
  borrowers: number;
  snapshots: number;
  notifications: number;
  fillMs: number;
  full: ReplicationRun;
  cacheMB: number;
  incremental: ReplicationRun & { changedBorrowers: number };
}

export interface TeamResult {
  /** Why the scenario did not run (no PostgreSQL here), or null. */
  skipped: string | null;
  sync?: TeamSyncResult;
  replication?: TeamReplicationResult;
}

function clientFor(sb: SandboxProcess): SymetriskClient {
  return new SymetriskClient(
    { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: ALL_SCOPES },
    { fetch: globalThis.fetch, clock: () => new Date() },
  );
}

async function teamSyncScenario(cluster: PgCluster, sizes: TeamSizes, work: string, log: (s: string) => void): Promise<TeamSyncResult> {
  const sb = await startSandboxProcess({ borrowers: sizes.syncBorrowers, seed: SEED, now: NOW, frozenClock: true, relationshipOrgNr: true, faults: { latencyMs: sizes.latencyMs } });
  const database = await cluster.createDatabase('bench_sync');
  const target = parseTeamDatabaseUrl(cluster.url(database));
  const pool = teamPool(target, { password: cluster.writer.password, applicationName: 'desk bench team sync', max: 4 });
  const cache = openCache('bench', path.join(work, 'desktop-sync.sqlite'));
  const concurrency = DEFAULT_CONCURRENCY;
  try {
    await warmSandbox(sb, sizes.warmBorrowers);
    log(`  team sync of ${sizes.syncBorrowers} borrowers at ${sizes.latencyMs} ms into PostgreSQL ...`);
    await sb.resetStats();
    const t0 = performance.now();
    const run = await runTeamSync({ pool, target, profileId: 'bench', client: clientFor(sb), clientId: sb.clientId, appVersion: 'bench', clock: () => new Date(), concurrency });
    const wallMs = since(t0);
    const stats = await sb.stats();
    if (run.outcome !== 'ok') throw new Error(`the team sync ended ${run.outcome}: ${run.message ?? ''}`);
    const snapshots = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.snapshots')).rows[0]!.n;

    log('  the desktop’s full sync of the same sandbox into a cache ...');
    await sb.resetStats();
    const t1 = performance.now();
    const desk = await runSync({ profileId: 'bench', cache, client: clientFor(sb), clock: () => new Date(), startWriterWorker: sourceWriterWorker(), concurrency });
    const deskMs = since(t1);
    const deskStats = await sb.stats();
    if (desk.outcome !== 'ok') throw new Error(`the desktop sync ended ${desk.outcome}: ${desk.message ?? ''}`);
    const floor = (requests: number) => (requests * sizes.latencyMs) / concurrency;
    const deskSnapshots = cache.snapshots.count();
    if (deskSnapshots !== snapshots) throw new Error(`the team database holds ${snapshots} snapshots, the desktop's cache ${deskSnapshots}`);
    return {
      borrowers: sizes.syncBorrowers,
      latencyMs: sizes.latencyMs,
      concurrency,
      wallMs: round(wallMs),
      requests: stats.requests,
      floorMs: round(floor(stats.requests)),
      vsFloor: round(wallMs / floor(stats.requests), 2),
      outcome: run.outcome,
      snapshots,
      desktop: { wallMs: round(deskMs), requests: deskStats.requests, vsFloor: round(deskMs / floor(deskStats.requests), 2), snapshots: deskSnapshots },
      vsDesktop: round(wallMs / deskMs, 2),
    };
  } finally {
    cache.close();
    await pool.end();
    await sb.close();
  }
}

const REL_INSERT = `
INSERT INTO desk.relationships (org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw,
                                lost, ever_approved, first_seen_at, last_seen_at)
SELECT x.org_nr, x.relationship_id, 'access_approved', x.name, x.borrower_contact_email, x.bank_contact_email, x.created_at, x.raw, false, true, $2, $2
FROM jsonb_to_recordset($1::jsonb) AS x(org_nr text, relationship_id text, name text, borrower_contact_email text, bank_contact_email text, created_at text, raw text)`;

const SNAP_INSERT = `
INSERT INTO desk.snapshots (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included,
  snapshot_date, fetched_at, origin, accounting_system, ${FIGURE_COLUMNS.join(', ')}, raw, first_seen_at, last_seen_at)
SELECT x.org_nr, x.item_id, x.content_hash, x.format_version, x.year, x.start_date, x.end_date, x.days_included,
  x.snapshot_date, x.fetched_at, x.origin, x.accounting_system, ${FIGURE_COLUMNS.map((c) => `x.${c}`).join(', ')}, x.raw, $2, $2
FROM jsonb_to_recordset($1::jsonb) AS x(org_nr text, item_id bigint, content_hash text, format_version text, year integer, start_date text,
  end_date text, days_included integer, snapshot_date text, fetched_at text, origin text, accounting_system text,
  ${FIGURE_COLUMNS.map((c) => `${c} double precision`).join(', ')}, raw text)`;

const NOTE_INSERT = `
INSERT INTO desk.notifications (scope, org_nr, id, text, type, created_at, raw, first_seen_at)
SELECT x.org_nr, x.org_nr, x.id, x.text, x.type, x.created_at, x.raw, $2
FROM jsonb_to_recordset($1::jsonb) AS x(org_nr text, id bigint, text text, type text, created_at text, raw text)`;

/** As pg-writes.ts's REFRESH_BORROWER, for many borrowers in one statement. */
const REFRESH = `
UPDATE desk.relationships r SET
  latest_snapshot_key = (SELECT key FROM desk.snapshots s WHERE s.org_nr = r.org_nr
                         ORDER BY snapshot_date DESC, fetched_at DESC, item_id DESC, key DESC LIMIT 1),
  last_fetched_at = $2
WHERE r.org_nr = ANY($1::text[])`;

/** A snapshot row as pg-writes.ts makes it from an item as received. */
function snapshotRow(orgNr: string, raw: AccountingItem): Record<string, unknown> {
  const d = raw.data;
  const row: Record<string, unknown> = {
    org_nr: orgNr,
    item_id: raw.id,
    content_hash: contentHash(raw),
    format_version: d.symetrisk_real_time_accounts_format_version,
    year: d.year,
    start_date: d.start_date,
    end_date: d.end_date,
    days_included: d.days_included,
    snapshot_date: raw.snapshotDate,
    fetched_at: raw.fetchedAt,
    origin: raw.origin,
    accounting_system: raw.accountingSystem,
    raw: JSON.stringify(raw),
  };
  for (const c of FLOW_COLUMNS) row[c] = d.p_and_l_items[c];
  for (const c of STOCK_COLUMNS) row[c] = d.balance_items[c];
  return row;
}

/** Fills a migrated team database with `borrowers` approved borrowers (see the file's header). */
async function fillTeamDatabase(db: pg.Client, sizes: TeamSizes, log: (s: string) => void): Promise<{ borrowers: number; snapshots: number; notifications: number; at: string }> {
  const end = new Date(NOW);
  const start = new Date(end.getTime() - sizes.snapshots * 30 * 86_400_000);
  const at = end.toISOString();
  const seen = new Set<string>();
  let snapshots = 0;
  let notifications = 0;
  await db.query('INSERT INTO desk.bank (client_id, name, org_nr, checked_at) VALUES ($1, $2, $3, $4)', [CLIENT_ID, 'Benkebanken ASA', '923609016', at]);
  for (let chunk = 0; seen.size < sizes.replicaBorrowers; chunk++) {
    const want = Math.min(GEN_CHUNK, sizes.replicaBorrowers - seen.size);
    const seed = SEED * 1000 + chunk;
    const { world } = createSandboxCore({ seed, borrowers: want, now: start, frozenClock: true });
    for (const c of world.companies) world.materialize(c);
    for (let r = 1; r <= sizes.snapshots; r++) {
      world.advanceTime({ days: 30, share: 0 });
      for (const c of world.companies) if (c.items!.length < sizes.snapshots) world.refresh(c, Rng.of(seed, 'bench-refresh', r, c.orgNr));
    }
    const rels = world.client().relationships.filter((rel) => !seen.has(rel.orgNr));
    await db.query('BEGIN');
    for (let i = 0; i < rels.length; i += STATEMENT_BORROWERS) {
      const part = rels.slice(i, i + STATEMENT_BORROWERS);
      const relRows = [];
      const snapRows = [];
      const noteRows = [];
      for (const rel of part) {
        seen.add(rel.orgNr);
        const company = world.companyByOrgNr.get(rel.orgNr)!;
        const item = {
          relationshipId: rel.relationshipId,
          relationshipState: 'access_approved',
          borrowerCompanyName: company.name,
          borrowerContactEmail: company.profile.contact.email,
          bankContactEmail: rel.bankContactEmail,
          relationshipCreatedAt: formatMicros(rel.createdUs),
          orgNr: rel.orgNr,
        };
        relRows.push({
          org_nr: rel.orgNr,
          relationship_id: item.relationshipId,
          name: item.borrowerCompanyName,
          borrower_contact_email: item.borrowerContactEmail,
          bank_contact_email: item.bankContactEmail,
          created_at: item.relationshipCreatedAt,
          raw: JSON.stringify(item),
        });
        for (const it of company.items!.slice(0, sizes.snapshots)) snapRows.push(snapshotRow(rel.orgNr, world.itemJson(company, it) as unknown as AccountingItem));
        for (const n of company.notifications!) {
          const note = { id: n.id, text: n.text, type: n.type, createdAt: formatMicros(n.createdUs) };
          noteRows.push({ org_nr: rel.orgNr, id: n.id, text: n.text, type: n.type, created_at: note.createdAt, raw: JSON.stringify(note) });
        }
      }
      await db.query(REL_INSERT, [JSON.stringify(relRows), at]);
      if (snapRows.length) await db.query(SNAP_INSERT, [JSON.stringify(snapRows), at]);
      if (noteRows.length) await db.query(NOTE_INSERT, [JSON.stringify(noteRows), at]);
      await db.query(REFRESH, [part.map((r) => r.orgNr), at]);
      snapshots += snapRows.length;
      notifications += noteRows.length;
    }
    await db.query('COMMIT');
    log(`  filled ${seen.size} of ${sizes.replicaBorrowers} borrowers ...`);
  }
  await db.query('ANALYZE');
  return { borrowers: seen.size, snapshots, notifications, at };
}

/** What a sync of `n` changed borrowers writes: a new snapshot and notification each, and the borrower's latest. */
async function changeBorrowers(db: pg.Client, n: number, at: string): Promise<number> {
  const picked = (await db.query<{ org_nr: string }>('SELECT org_nr FROM desk.relationships ORDER BY org_nr LIMIT $1', [n])).rows.map((r) => r.org_nr);
  await db.query('BEGIN');
  const later = new Date(Date.parse(at) + 7 * 86_400_000).toISOString();
  for (const orgNr of picked) {
    const latest = (await db.query<{ raw: string }>('SELECT s.raw FROM desk.snapshots s JOIN desk.relationships r ON r.latest_snapshot_key = s.key WHERE r.org_nr = $1', [orgNr]))
      .rows[0]!;
    const prev = JSON.parse(latest.raw) as AccountingItem;
    const raw: AccountingItem = {
      ...prev,
      id: prev.id + 1_000_000,
      snapshotDate: formatMicros(Date.parse(later) * 1000),
      fetchedAt: formatMicros(Date.parse(later) * 1000),
      data: { ...prev.data, p_and_l_items: { ...prev.data.p_and_l_items, revenues: prev.data.p_and_l_items.revenues * 1.01 } },
    };
    await db.query(SNAP_INSERT, [JSON.stringify([snapshotRow(orgNr, raw)]), later]);
    const note = { id: 9_000_000, text: 'Nye regnskapstall er tilgjengelige.', type: 'data_refresh', createdAt: raw.fetchedAt };
    await db.query(NOTE_INSERT, [JSON.stringify([{ org_nr: orgNr, id: note.id, text: note.text, type: note.type, created_at: note.createdAt, raw: JSON.stringify(note) }]), later]);
  }
  await db.query(REFRESH, [picked, later]);
  await db.query('COMMIT');
  return picked.length;
}

async function replicateOnce(cluster: PgCluster, database: string, file: string): Promise<ReplicationRun> {
  const cache = openCache('bench', file);
  try {
    const runId = cache.syncRuns.start(new Date().toISOString());
    const t0 = performance.now();
    const r = await replicateTeam({ profileId: 'bench', runId, cache, databaseUrl: cluster.url(database, cluster.reader), password: cluster.reader.password, clock: () => new Date() });
    const wallMs = since(t0);
    if (r.run.outcome !== 'ok') throw new Error(`the replica copy ended ${r.run.outcome}: ${r.run.message ?? ''}`);
    const rows = Object.values(r.copied).reduce((a, b) => a + b, 0);
    return { wallMs: round(wallMs), rows, rowsPerSecond: Math.round(rows / (wallMs / 1000)), copied: r.copied, outcome: r.run.outcome };
  } finally {
    cache.close();
  }
}

async function replicationScenario(cluster: PgCluster, sizes: TeamSizes, work: string, log: (s: string) => void): Promise<TeamReplicationResult> {
  const database = await cluster.createDatabase('bench_replica');
  const db = new pg.Client(cluster.config(database));
  await db.connect();
  try {
    await migrateTeamDatabase(db, { appVersion: 'bench' });
    log(`  filling a team database of ${sizes.replicaBorrowers} borrowers × ${sizes.snapshots} snapshots ...`);
    const t0 = performance.now();
    const filled = await fillTeamDatabase(db, sizes, log);
    const fillMs = since(t0);
    const file = path.join(work, 'replica.sqlite');
    log('  replicating the whole team database into a fresh desk cache ...');
    const full = await replicateOnce(cluster, database, file);
    if (full.copied.relationships !== filled.borrowers || full.copied.snapshots !== filled.snapshots || full.copied.notifications !== filled.notifications) {
      throw new Error(`the replica copied ${JSON.stringify(full.copied)}; the team database holds ${JSON.stringify(filled)}`);
    }
    const cacheMB = round(fs.statSync(file).size / 2 ** 20, 0);
    const changed = await changeBorrowers(db, sizes.changedBorrowers, filled.at);
    log(`  replicating again after ${changed} borrowers changed ...`);
    const incremental = await replicateOnce(cluster, database, file);
    return { borrowers: filled.borrowers, snapshots: filled.snapshots, notifications: filled.notifications, fillMs: round(fillMs), full, cacheMB, incremental: { ...incremental, changedBorrowers: changed } };
  } finally {
    await db.end();
  }
}

/** Why the scenario cannot run here (no PostgreSQL server binaries), or null. */
export function teamSkipReason(): string | null {
  try {
    findPostgresBin();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function runTeamScenario(sizes: TeamSizes, log: (s: string) => void = () => {}): Promise<TeamResult> {
  const skipped = teamSkipReason();
  if (skipped) {
    log(`  skipped: ${skipped}`);
    return { skipped };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-team-'));
  const cluster = await startPostgres();
  try {
    const sync = await teamSyncScenario(cluster, sizes, work, log);
    const replication = await replicationScenario(cluster, sizes, work, log);
    return { skipped: null, sync, replication };
  } finally {
    cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
