/**
 * A team connection through the handler table the browser host serves (outputs checked against the contract): it
 * lists the borrowers the team database holds, still lists them with PostgreSQL stopped, and a second copy after a
 * new team sync brings exactly the rows that changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, PortfolioRow, SyncRun } from '../../../shared/contract/dto';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { openCache } from '../../../electron/db/cache';
import { replicateTeam } from '../../../electron/services/team/replicator';
import { runTeamSync } from '../../../electron/services/team/team-sync';
import { makeSecurityApp, type SecurityApp } from '../../security/helpers';
import { FIXED_NOW, newClient } from '../sync/helpers';
import { poolFor } from './helpers';
import { startPostgres, type PgCluster } from './postgres';

let cluster: PgCluster;
let sandbox: Sandbox;
let app: SecurityApp;
let database: string;
let writer: { pool: pg.Pool; target: ReturnType<typeof poolFor>['target'] };

beforeAll(async () => {
  cluster = await startPostgres();
  database = await cluster.createDatabase();
  writer = poolFor(cluster, database);
  sandbox = await startSandbox({ seed: 41, borrowers: 40, now: FIXED_NOW, frozenClock: true });
  app = await makeSecurityApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await writer?.pool.end();
  await sandbox?.close();
  cluster?.stop();
});

async function teamSync(): Promise<SyncRun> {
  return runTeamSync({
    pool: writer.pool,
    target: writer.target,
    profileId: 'bank',
    client: newClient(sandbox),
    clientId: sandbox.clientId,
    appVersion: 'test',
    clock: () => new Date(),
    seedFollowed: async () => sandbox.control.customerList(),
  });
}

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const env = await app.call(channel, input);
  if (!env.ok) throw new Error(`${channel}: ${JSON.stringify(env.error)}`);
  return env.value as T;
}

/** Starts the team connection's sync through the bridge and waits for its sync:finished event. */
async function replicate(profileId: string): Promise<SyncRun> {
  const since = app.events.length;
  const { runId } = await ok<{ runId: number }>('sync:start', { profileId });
  return (await app.waitForEvent('sync:finished', (p) => (p as SyncRun).profileId === profileId && (p as SyncRun).id === runId, since)) as SyncRun;
}

async function teamBorrowers(): Promise<{ orgNr: string; name: string }[]> {
  const r = await writer.pool.query<{ org_nr: string; name: string }>('SELECT org_nr, name FROM desk.relationships ORDER BY org_nr');
  return r.rows.map((x) => ({ orgNr: x.org_nr, name: x.name }));
}

async function listed(profileId: string): Promise<{ orgNr: string; name: string }[]> {
  const rows = await ok<PortfolioRow[]>('portfolio:list', { profileId });
  return rows.map((r) => ({ orgNr: r.orgNr, name: r.name })).sort((a, b) => a.orgNr.localeCompare(b.orgNr));
}

async function changedSince(cursors: Record<string, number>): Promise<Record<'relationships' | 'snapshots' | 'notifications', number>> {
  const out = { relationships: 0, snapshots: 0, notifications: 0 };
  for (const t of ['relationships', 'snapshots', 'notifications'] as const) {
    out[t] = (await writer.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM desk.${t} WHERE change_seq > $1`, [cursors[t] ?? 0])).rows[0]!.n;
  }
  return out;
}

function cacheCursors(profileId: string): Record<string, number> {
  const rows = app.services.caches.open(profileId).db.prepare('SELECT table_name, change_seq FROM team_replica_cursors').all() as { table_name: string; change_seq: number }[];
  return Object.fromEntries(rows.map((r) => [r.table_name, r.change_seq]));
}

describe('a team connection', () => {
  let profileId = '';

  it('is added with its read-only role, its password in the keychain, and listed with environment "team"', async () => {
    expect((await teamSync()).outcome).toBe('ok');
    const refused = await app.call('connections:create', { name: 'Team', environment: 'team', databaseUrl: `postgres://${cluster.reader.user}:${cluster.reader.password}@127.0.0.1:${cluster.port}/${database}` });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.details?.['reason']).toBe('database_url_password');
    expect(JSON.stringify(refused)).not.toContain(cluster.reader.password);

    const created = await ok<Profile>('connections:create', { name: 'Team', environment: 'team', databaseUrl: cluster.url(database, cluster.reader), secret: cluster.reader.password });
    profileId = created.id;
    expect(await app.credentials.get(profileId)).toBe(cluster.reader.password);
    const list = await ok<Profile[]>('connections:list');
    const team = list.find((p) => p.id === profileId)!;
    expect(team).toMatchObject({ environment: 'team', hasSecret: true, databaseUrl: `postgres://${cluster.reader.user}@127.0.0.1:${cluster.port}/${database}`, clientId: '', scopes: [] });
    expect(JSON.stringify(list)).not.toContain(cluster.reader.password);

    const test = await ok<{ ok: boolean; bankName: string | null; steps: { step: string; ok: boolean }[] }>('connections:test', { profileId });
    expect(test.ok).toBe(true);
    expect(test.bankName).toBe('Demo Sparebank');
    expect(test.steps.map((s) => [s.step, s.ok])).toEqual([
      ['secret', true],
      ['database', true],
      ['self', true],
    ]);
    expect((await ok<{ reachable: boolean }>('connections:reachability', { profileId })).reachable).toBe(true);
  });

  it('its sync copies the team database: the same borrowers, every snapshot, and the bank', async () => {
    const run = await replicate(profileId);
    expect(run.errors).toEqual([]);
    expect(run.outcome).toBe('ok');
    const borrowers = await teamBorrowers();
    // Every relationship the bank's customer list keys (the list items carry no org number; the rest stay unkeyed).
    const customers = new Set(sandbox.control.customerList());
    expect(borrowers.length).toBe(sandbox.control.truth().filter((t) => customers.has(t.orgNr)).length);
    expect(borrowers.length).toBeGreaterThan(30);
    expect(await listed(profileId)).toEqual(borrowers);
    const cache = app.services.caches.open(profileId);
    const pgSnapshots = (await writer.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.snapshots')).rows[0]!.n;
    expect((cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n).toBe(pgSnapshots);
    expect(run.newSnapshots).toBe(pgSnapshots);
    // The same snapshot is the same key on every desktop, and the borrower page reads it.
    const approved = sandbox.control.orgNrs(undefined, 'access_approved')[0]!;
    const detail = await ok<{ snapshots: { key: number }[] }>('portfolio:borrower', { profileId, orgNr: approved });
    const keys = (await writer.pool.query<{ key: number }>('SELECT key FROM desk.snapshots WHERE org_nr = $1 ORDER BY key', [approved])).rows.map((r) => r.key);
    expect(detail.snapshots.map((s) => s.key).sort((a, b) => a - b)).toEqual(keys);
    expect((await ok<Profile[]>('connections:list')).find((p) => p.id === profileId)?.bankName).toBe('Demo Sparebank');
    expect(await changedSince(cacheCursors(profileId))).toEqual({ relationships: 0, snapshots: 0, notifications: 0 });
  });

  it('still lists the borrowers with PostgreSQL stopped, and its sync says the team database is out of reach', async () => {
    const before = await listed(profileId);
    cluster.pause();
    try {
      expect(await listed(profileId)).toEqual(before);
      expect((await ok<{ reachable: boolean }>('connections:reachability', { profileId })).reachable).toBe(false);
      const run = await replicate(profileId);
      expect(run.outcome).toBe('failed');
      expect(run.message).toMatch(/^The team database could not be reached: .* The saved data was not changed\.$/);
      expect(run.errors[0]).toMatchObject({ orgNr: null, code: 'offline' });
      expect(await listed(profileId)).toEqual(before);
      const approved = sandbox.control.orgNrs(undefined, 'access_approved')[0]!;
      expect((await ok<{ snapshots: unknown[] }>('portfolio:borrower', { profileId, orgNr: approved })).snapshots.length).toBeGreaterThan(0);
    } finally {
      cluster.start();
    }
  });

  it('a second copy after a new team sync brings exactly the rows that changed, and keeps the analyst’s read marks', async () => {
    const cache = app.services.caches.open(profileId);
    const someNote = cache.db.prepare('SELECT key FROM notifications ORDER BY key LIMIT 1').get() as { key: number };
    await ok('notifications:markRead', { profileId, keys: [someNote.key], read: true });

    const { changedOrgNrs } = sandbox.control.advanceTime({ days: 30 });
    expect(changedOrgNrs.length).toBeGreaterThan(0);
    expect((await teamSync()).outcome).toBe('ok');
    const cursors = cacheCursors(profileId);
    const changed = await changedSince(cursors);
    expect(changed.snapshots).toBeGreaterThanOrEqual(changedOrgNrs.length);
    const snapshotsBefore = (cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n;

    const run = await replicate(profileId);
    expect(run.outcome).toBe('ok');
    expect(run.borrowersSynced).toBe(changed.relationships);
    expect(run.newSnapshots).toBe(changed.snapshots);
    expect(run.newNotifications).toBe(changed.notifications);
    expect((cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n).toBe(snapshotsBefore + changed.snapshots);
    // The copy read only what was numbered after the cursors, not the tables: per table (seven, with the analysts'
    // four) a count, one page with rows at most and the empty page that ends it, besides the start, the bank and the end.
    expect(run.requests).toBeLessThanOrEqual(3 + 7 * 3);
    expect(await changedSince(cacheCursors(profileId))).toEqual({ relationships: 0, snapshots: 0, notifications: 0 });
    expect(await listed(profileId)).toEqual(await teamBorrowers());
    // The grid shows each borrower's newest snapshot as the team database has it.
    const latest = new Map(
      (await writer.pool.query<{ org_nr: string; k: number | null }>('SELECT org_nr, latest_snapshot_key AS k FROM desk.relationships')).rows.map((r) => [r.org_nr, r.k] as const),
    );
    const rows = await ok<PortfolioRow[]>('portfolio:list', { profileId });
    for (const r of rows) expect(r.latest?.snapshotKey ?? null, r.orgNr).toBe(latest.get(r.orgNr) ?? null);
    expect((cache.db.prepare('SELECT read FROM notifications WHERE key = ?').get(someNote.key) as { read: number }).read).toBe(1);
    // A third copy with nothing new copies nothing.
    const idle = await replicate(profileId);
    expect([idle.outcome, idle.borrowersSynced, idle.newSnapshots, idle.newNotifications]).toEqual(['ok', 0, 0, 0]);
  });

  it('cannot be used to reach Symetrisk, and refuses API fields', async () => {
    const access = await app.call('access:request', { profileId, bankContactEmail: 'kreditt@bank.no', lines: ['923609016'] });
    expect(access.ok).toBe(false);
    expect(!access.ok && access.error.details?.['reason']).toBe('team_connection_no_api');
    const update = await app.call('connections:update', { id: profileId, clientId: 'x' });
    expect(!update.ok && update.error.details?.['reason']).toBe('team_connection_api_fields');
  });
});

describe('the replicator', () => {
  it('a copy cut short keeps whole pages with their cursor, and the next copy resumes after them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-replica-'));
    const cache = openCache('cut', path.join(dir, 'cut.sqlite'));
    try {
      const controller = new AbortController();
      const base = { profileId: 'cut', cache, databaseUrl: cluster.url(database, cluster.reader), password: cluster.reader.password, clock: () => new Date(), pageRows: 7, progressIntervalMs: 0 };
      // Cancelled once the first page of snapshots is in.
      const first = await replicateTeam({
        ...base,
        runId: cache.syncRuns.start(new Date().toISOString()),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'accounting' && p.done >= 7) controller.abort();
        },
      });
      expect(first.run.outcome).toBe('cancelled');
      expect(first.copied.snapshots).toBe(7);
      const stored = cache.db.prepare("SELECT change_seq FROM team_replica_cursors WHERE table_name = 'snapshots'").get() as { change_seq: number };
      expect(stored.change_seq).toBe(first.cursors.snapshots);
      expect((cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n).toBe(7);

      const second = await replicateTeam({ ...base, runId: cache.syncRuns.start(new Date().toISOString()) });
      expect(second.run.outcome).toBe('ok');
      expect(second.copied.relationships).toBe(0);
      const pgSnapshots = (await writer.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.snapshots')).rows[0]!.n;
      expect(second.copied.snapshots).toBe(pgSnapshots - 7);
      expect((cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n).toBe(pgSnapshots);
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a team database of another bank than the one the cache was copied from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-replica-'));
    const cache = openCache('other', path.join(dir, 'other.sqlite'));
    try {
      cache.db.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (1, 'another-bank')").run();
      const r = await replicateTeam({
        profileId: 'other',
        cache,
        runId: cache.syncRuns.start(new Date().toISOString()),
        databaseUrl: cluster.url(database, cluster.reader),
        password: cluster.reader.password,
        clock: () => new Date(),
      });
      expect(r.run.outcome).toBe('failed');
      expect(r.run.errors[0]?.code).toBe('conflict');
      expect(r.run.message).toContain('another bank');
      expect((cache.db.prepare('SELECT COUNT(*) AS n FROM relationships').get() as { n: number }).n).toBe(0);
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
