/**
 * The team sync: the desktop's sync engine (sync/engine.ts), with its retries, fault handling, cancellation and
 * progress, writing into the team database instead of a cache. One at a time per database (a session advisory
 * lock, released by PostgreSQL when the process dies, however it dies), and one bank per database.
 */
import os from 'node:os';
import type pg from 'pg';
import { AppError } from '../../../shared/contract';
import type { SyncProgress, SyncRun } from '../../../shared/contract/dto';
import type { Logger } from '../log';
import type { SymetriskClient } from '../symetrisk/client';
import { runSync } from '../sync/engine';
import type { TeamDatabaseTarget } from './database-url';
import { LOCKS, LOCK_NAMESPACE } from './locks';
import { teamDbError } from './pg';
import { migrateTeamDatabase } from './schema';
import { teamRuns, teamSyncStore, teamWriter } from './team-store';

export interface TeamSyncOptions {
  pool: pg.Pool;
  target: TeamDatabaseTarget;
  profileId: string;
  client: SymetriskClient;
  /** The API client id the run uses: a database filled for one bank refuses another's. */
  clientId: string;
  appVersion: string;
  clock: () => Date;
  log?: Logger;
  signal?: AbortSignal;
  concurrency?: number;
  pageSize?: number;
  onProgress?: (p: SyncProgress) => void;
  progressIntervalMs?: number;
  /** Called once the run is recorded as running (its id), before anything is fetched. */
  onStarted?: (runId: number) => void;
  /**
   * The bank's customer list, followed when the database follows nothing and has never synced: the Demo starts as a
   * bank would (its relationships carry no org number, so the followed numbers key them). A real bank adds its
   * numbers itself (docs/team.md).
   */
  seedFollowed?: () => Promise<readonly string[]>;
}

/**
 * Migrates the team database, takes the team sync lock, closes runs a killed job left 'running', and runs one
 * sync into it. Resolves with the finished run (an API failure is its outcome, as on the desktop); rejects with
 * AppError when the database cannot be used (unreachable, refused, newer schema, another job running, another bank).
 */
export async function runTeamSync(o: TeamSyncOptions): Promise<SyncRun> {
  const { pool, target } = o;
  let session: pg.PoolClient;
  try {
    session = await pool.connect();
  } catch (e) {
    throw teamDbError(e, target, 'connecting');
  }
  try {
    try {
      await migrateTeamDatabase(session, { appVersion: o.appVersion });
    } catch (e) {
      throw teamDbError(e, target, 'bringing the team schema up to date');
    }
    const locked = await session
      .query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, LOCKS.sync])
      .catch((e: unknown) => Promise.reject(teamDbError(e, target, 'taking the team sync lock')));
    if (!locked.rows[0]?.ok) {
      throw new AppError('conflict', 'Another team sync is writing to this team database; this one did not start.', { reason: 'team_sync_running', database: target.database });
    }
    try {
      await claimBank(session, target, o.clientId, o.clock);
      const who = { profileId: o.profileId, host: os.hostname(), pid: process.pid };
      const runs = teamRuns(session, target, who);
      const abandoned = await runs.abandonRunning();
      if (abandoned > 0) o.log?.warn('team sync: closed runs left unfinished by a stopped job', { abandoned });
      if (o.seedFollowed) await seedFollowed(session, target, o.seedFollowed, o.clock);
      const runId = await runs.start(o.clock().toISOString());
      o.onStarted?.(runId);
      const run = await runSync({
        profileId: o.profileId,
        runId,
        store: teamSyncStore(pool, target, who),
        writer: teamWriter(pool, target, o.log),
        client: o.client,
        clock: o.clock,
        ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
        ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        ...(o.progressIntervalMs !== undefined ? { progressIntervalMs: o.progressIntervalMs } : {}),
        ...(o.log ? { log: o.log } : {}),
      });
      if (run.outcome !== 'failed' && run.outcome !== 'cancelled') await recordBank(session, target, o.client, o.clock, o.log, o.signal);
      return run;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, LOCKS.sync]).catch(() => undefined);
    }
  } finally {
    session.release();
  }
}

/** Follows the customer list in a database that follows nothing and has never synced (see TeamSyncOptions.seedFollowed). */
async function seedFollowed(db: pg.ClientBase, target: TeamDatabaseTarget, list: () => Promise<readonly string[]>, clock: () => Date): Promise<void> {
  try {
    const fresh = async () =>
      (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM desk.followed)::int + (SELECT count(*) FROM desk.sync_runs)::int AS n')).rows[0]!.n === 0;
    if (!(await fresh())) return;
    const numbers = await list();
    const at = clock().toISOString();
    await db.query('BEGIN');
    try {
      for (const orgNr of numbers) {
        await db.query("INSERT INTO desk.followed (org_nr, source, added_at) VALUES ($1, 'customer_list', $2) ON CONFLICT (org_nr) DO NOTHING", [orgNr, at]);
      }
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } catch (e) {
    throw teamDbError(e, target, 'following the customer list');
  }
}

/** One database, one bank: the first run records its API client; a run with another is refused. */
async function claimBank(db: pg.ClientBase, target: TeamDatabaseTarget, clientId: string, clock: () => Date): Promise<void> {
  try {
    const r = await db.query<{ client_id: string }>('SELECT client_id FROM desk.bank');
    const stored = r.rows[0]?.client_id;
    if (stored === undefined) {
      await db.query('INSERT INTO desk.bank (client_id, checked_at) VALUES ($1, $2) ON CONFLICT (singleton) DO NOTHING', [clientId, clock().toISOString()]);
      return;
    }
    if (stored !== clientId) {
      throw new AppError(
        'conflict',
        'This team database is filled for another Symetrisk API client (another bank, or the bank’s other client). One team database holds one bank: use another database, or the profile of the client it was filled with.',
        { reason: 'team_database_other_client', database: target.database },
      );
    }
  } catch (e) {
    throw teamDbError(e, target, 'checking which bank the database is for');
  }
}

/** The bank's name and org number from /self, for the desktops' covers and titles. Best effort: the run is done. */
async function recordBank(db: pg.ClientBase, target: TeamDatabaseTarget, client: SymetriskClient, clock: () => Date, log?: Logger, signal?: AbortSignal): Promise<void> {
  try {
    const self = await client.self({ signal, retry: false });
    await db.query(
      `UPDATE desk.bank SET name = $1, org_nr = $2, scopes = $3, checked_at = $4
       WHERE (name, org_nr, scopes) IS DISTINCT FROM ($1, $2, $3::text[]) OR checked_at IS NULL`,
      [self.company.name, self.company.brreg_organization_number, self.client.scopes, clock().toISOString()],
    );
  } catch (e) {
    log?.warn('team sync: the bank (/self) was not recorded', { error: teamDbError(e, target, 'recording the bank').message });
  }
}
