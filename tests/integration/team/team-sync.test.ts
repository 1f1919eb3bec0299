import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/contract';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { teamWriter } from '../../../electron/services/team/team-store';
import { runTeamSync, type TeamSyncOptions } from '../../../electron/services/team/team-sync';
import type { CacheWrite } from '../../../electron/services/sync/cache-writes';
import { ACCOUNTING_PAGE } from '../../fixtures/document-examples';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import { FIXED_NOW, newClient } from '../sync/helpers';
import { compareTeamWithTruth, consistencyProblems, poolFor } from './helpers';
import { startPostgres, type PgCluster } from './postgres';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(() => cluster?.stop());

async function withSandbox<T>(opts: Parameters<typeof startSandbox>[0], body: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ seed: 21, borrowers: 30, now: FIXED_NOW, ...opts });
  try {
    return await body(sb);
  } finally {
    await sb.close();
  }
}

function options(sb: Sandbox, pool: TeamSyncOptions['pool'], target: TeamSyncOptions['target'], extra: Partial<TeamSyncOptions> = {}): TeamSyncOptions {
  return {
    pool,
    target,
    profileId: 'bank',
    client: newClient(sb),
    clientId: sb.clientId,
    appVersion: 'test',
    clock: () => new Date(),
    concurrency: 6,
    // The bank's customer list, followed before the first run (the list's items carry no org number).
    seedFollowed: async () => sb.control.customerList(),
    ...extra,
  };
}

describe('team writes', () => {
  it('keeps a changed item beside its earlier version, counts only new content, and rolls a failed borrower back whole', async () => {
    const { pool, target } = poolFor(cluster, await cluster.createDatabase());
    const c = await pool.connect();
    const writer = teamWriter(pool, target);
    try {
      await migrateTeamDatabase(c, { appVersion: 'test' });
      const item = ACCOUNTING_PAGE.items[0] as AccountingItem;
      const rel = { relationshipId: 'r1', relationshipState: 'access_approved', borrowerCompanyName: 'Fjordkraft Bygg AS', borrowerContactEmail: null, bankContactEmail: 'b@bank.no', relationshipCreatedAt: '2025-01-01T00:00:00.000000', orgNr: '923609016' };
      const commit = async (w: CacheWrite) => (await writer.commit([w]))[0]!;
      expect(await commit({ kind: 'relationships', upserts: [{ orgNr: '923609016', item: rel, raw: rel }], lost: [], at: 't1' })).toEqual({ ok: true, value: 1 });
      expect(await commit({ kind: 'accounting', orgNr: '923609016', items: [{ item, raw: item }], at: 't1' })).toEqual({ ok: true, value: 1 });
      expect(await commit({ kind: 'accounting', orgNr: '923609016', items: [{ item, raw: item }], at: 't2' })).toEqual({ ok: true, value: 0 });
      const changed = { ...item, data: { ...item.data, p_and_l_items: { ...item.data.p_and_l_items, revenues: item.data.p_and_l_items.revenues + 1 } } };
      expect(await commit({ kind: 'accounting', orgNr: '923609016', items: [{ item: changed, raw: changed }], at: 't3' })).toEqual({ ok: true, value: 1 });
      const rows = (await c.query('SELECT item_id::int, revenues, first_seen_at, last_seen_at FROM desk.snapshots ORDER BY key')).rows;
      expect(rows).toEqual([
        { item_id: item.id, revenues: item.data.p_and_l_items.revenues, first_seen_at: 't1', last_seen_at: 't2' },
        { item_id: item.id, revenues: item.data.p_and_l_items.revenues + 1, first_seen_at: 't3', last_seen_at: 't3' },
      ]);
      // A borrower whose relationship is unknown fails alone, and nothing of it is written.
      const orphan = await commit({ kind: 'accounting', orgNr: '974760673', items: [{ item, raw: item }], at: 't4' });
      expect(orphan.ok).toBe(false);
      expect(!orphan.ok && isAppError(orphan.error) && orphan.error.code).toBe('storage');
      expect((await c.query("SELECT count(*)::int AS n FROM desk.snapshots WHERE org_nr = '974760673'")).rows[0].n).toBe(0);
      const newest = (await c.query('SELECT max(key)::int AS k FROM desk.snapshots')).rows[0].k;
      expect((await c.query('SELECT latest_snapshot_key::int AS k, last_fetched_at FROM desk.relationships')).rows).toEqual([{ k: newest, last_fetched_at: 't3' }]);
    } finally {
      await writer.close();
      c.release();
      await pool.end();
    }
  });
});

describe('team sync', () => {
  it('fills the team database from the sandbox: every relationship, snapshot and notification, and the bank', async () => {
    const { pool, target } = poolFor(cluster, await cluster.createDatabase());
    try {
      await withSandbox({}, async (sb) => {
        const run = await runTeamSync(options(sb, pool, target));
        expect(run.errors).toEqual([]);
        expect(run.outcome).toBe('ok');
        const { mismatches, approved } = await compareTeamWithTruth(pool, sb);
        expect(mismatches).toEqual([]);
        expect(run.borrowersSynced).toBe(approved);
        const snapshots = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.snapshots')).rows[0]!.n;
        expect(run.newSnapshots).toBe(snapshots);
        expect(await consistencyProblems(pool)).toEqual([]);
        expect((await pool.query('SELECT client_id, name, org_nr FROM desk.bank')).rows).toEqual([
          { client_id: sb.clientId, name: 'Demo Sparebank', org_nr: '987654325' },
        ]);
        const runs = (await pool.query('SELECT outcome, profile_id, pid FROM desk.sync_runs')).rows;
        expect(runs).toEqual([{ outcome: 'ok', profile_id: 'bank', pid: process.pid }]);
      });
    } finally {
      await pool.end();
    }
  });

  it('a second run after the books moved adds exactly the new snapshots and keeps every version', async () => {
    const { pool, target } = poolFor(cluster, await cluster.createDatabase());
    try {
      await withSandbox({ frozenClock: true }, async (sb) => {
        expect((await runTeamSync(options(sb, pool, target))).outcome).toBe('ok');
        const keysBefore = (await pool.query<{ key: number }>('SELECT key FROM desk.snapshots ORDER BY key')).rows.map((r) => r.key);
        const before = keysBefore.length;
        const { changedOrgNrs } = sb.control.advanceTime({ days: 40 });
        expect(changedOrgNrs.length).toBeGreaterThan(0);
        const run = await runTeamSync(options(sb, pool, target));
        expect(run.outcome).toBe('ok');
        const after = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.snapshots')).rows[0]!.n;
        expect(run.newSnapshots).toBe(after - before);
        const keysAfter = new Set((await pool.query<{ key: number }>('SELECT key FROM desk.snapshots')).rows.map((r) => r.key));
        expect(keysBefore.filter((k) => !keysAfter.has(k))).toEqual([]);
        expect(run.newSnapshots).toBeGreaterThanOrEqual(changedOrgNrs.length);
        // Only the borrowers that changed got new snapshots.
        const changed = (
          await pool.query<{ org_nr: string }>('SELECT DISTINCT org_nr FROM desk.snapshots WHERE first_seen_at = (SELECT max(first_seen_at) FROM desk.snapshots) ORDER BY 1')
        ).rows.map((r) => r.org_nr);
        expect(changed.every((o) => changedOrgNrs.includes(o))).toBe(true);
        expect((await compareTeamWithTruth(pool, sb)).mismatches).toEqual([]);
        expect(await consistencyProblems(pool)).toEqual([]);
      });
    } finally {
      await pool.end();
    }
  });

  it('retries through the API faults as the desktop sync does, and ends with the same data', async () => {
    const { pool, target } = poolFor(cluster, await cluster.createDatabase());
    try {
      await withSandbox({ faults: { errorRate: 0.15, errorStatuses: [503], rateLimit: { everyNth: 9, burst: 2, retryAfterSeconds: 1 }, dropRate: 0.05 } }, async (sb) => {
        // As the desktop's fault tests: a borrower whose retries ran out fails alone, and the next run picks it up.
        const runs = [await runTeamSync(options(sb, pool, target))];
        while (runs[runs.length - 1]!.outcome !== 'ok' && runs.length < 4) runs.push(await runTeamSync(options(sb, pool, target)));
        expect(runs.map((r) => r.outcome)).toContain('ok');
        expect(runs[0]!.retries).toBeGreaterThan(0);
        expect((await compareTeamWithTruth(pool, sb)).mismatches).toEqual([]);
        expect(await consistencyProblems(pool)).toEqual([]);
      });
    } finally {
      await pool.end();
    }
  });

  it('refuses a second team sync while one runs, and a database filled for another API client', async () => {
    const db = await cluster.createDatabase();
    const { pool, target } = poolFor(cluster, db);
    const other = poolFor(cluster, db);
    try {
      await withSandbox({ faults: { latencyMs: 20 } }, async (sb) => {
        let second: unknown = null;
        const first = runTeamSync(
          options(sb, pool, target, {
            onStarted: () => {
              second = runTeamSync(options(sb, other.pool, other.target)).catch((e: unknown) => e);
            },
          }),
        );
        expect((await first).outcome).toBe('ok');
        const e = await (second as unknown as Promise<unknown>);
        expect(isAppError(e) && e.code).toBe('conflict');
        expect(isAppError(e) && e.details?.['reason']).toBe('team_sync_running');

        const foreign = await runTeamSync(options(sb, pool, target, { clientId: 'another-bank' })).catch((x: unknown) => x);
        expect(isAppError(foreign) && foreign.details?.['reason']).toBe('team_database_other_client');
        expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk.sync_runs')).rows[0]!.n).toBe(1);
      });
    } finally {
      await Promise.all([pool.end(), other.pool.end()]);
    }
  });

  it('a team database that cannot be reached fails at once with a named reason, before Symetrisk is asked', async () => {
    const { pool, target } = poolFor(cluster, 'no_such_database');
    try {
      await withSandbox({}, async (sb) => {
        const e = await runTeamSync(options(sb, pool, target)).catch((x: unknown) => x);
        expect(isAppError(e) && e.details?.['reason']).toBe('team_database_missing');
        expect(sb.control.stats().requests).toBe(0);
      });
    } finally {
      await pool.end();
    }
  });
});
