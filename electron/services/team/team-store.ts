/**
 * The team database as the sync engine's store (what it reads, where it records its run) and writer (where each
 * listing's write is committed): one transaction per write, so a borrower is all or nothing, on a connection of
 * its own, one write after the other in the order the engine handed them over (the relationships' first, which
 * the borrowers' snapshots need).
 */
import type pg from 'pg';
import type { SyncRun } from '../../../shared/contract/dto';
import { MAX_RUN_ERRORS, type RunError, type RunTotals } from '../../db/sync-runs';
import type { Logger } from '../log';
import type { CacheWriter } from '../sync/cache-writer';
import type { BatchResult, CacheWrite } from '../sync/cache-writes';
import type { SyncStore } from '../sync/engine';
import type { TeamDatabaseTarget } from './database-url';
import { teamDbError } from './pg';
import { applyTeamWrite } from './pg-writes';

interface RunRow {
  id: number;
  profile_id: string;
  started_at: Date;
  ended_at: Date | null;
  outcome: SyncRun['outcome'];
  requests: number;
  retries: number;
  borrowers_synced: number;
  borrowers_failed: number;
  new_snapshots: number;
  new_notifications: number;
  message: string | null;
  errors: RunError[];
}

function toRun(r: RunRow): SyncRun {
  return {
    id: r.id,
    profileId: r.profile_id,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    outcome: r.outcome,
    requests: r.requests,
    retries: r.retries,
    borrowersSynced: r.borrowers_synced,
    borrowersFailed: r.borrowers_failed,
    newSnapshots: r.new_snapshots,
    newNotifications: r.new_notifications,
    message: r.message,
    errors: r.errors,
  };
}

export type Target = Pick<TeamDatabaseTarget, 'host' | 'port' | 'database'>;

/** The sync runs of the team database. */
export function teamRuns(db: pg.Pool | pg.ClientBase, target: Target, who: { profileId: string; host: string; pid: number }) {
  const q = async <T extends pg.QueryResultRow>(doing: string, sql: string, params: unknown[]): Promise<pg.QueryResult<T>> => {
    try {
      return await db.query<T>(sql, params);
    } catch (e) {
      throw teamDbError(e, target, doing);
    }
  };
  return {
    async start(at: string): Promise<number> {
      const r = await q<{ id: number }>(
        'recording the start of the run',
        "INSERT INTO desk.sync_runs (profile_id, started_at, outcome, host, pid) VALUES ($1, $2, 'running', $3, $4) RETURNING id",
        [who.profileId, at, who.host, who.pid],
      );
      return r.rows[0]!.id;
    },
    async finish(id: number, endedAt: string, t: RunTotals): Promise<SyncRun> {
      const r = await q<RunRow>(
        'recording the end of the run',
        `UPDATE desk.sync_runs SET ended_at = $2, outcome = $3, requests = $4, retries = $5, borrowers_synced = $6, borrowers_failed = $7,
           new_snapshots = $8, new_notifications = $9, message = $10, errors = $11::jsonb
         WHERE id = $1 RETURNING *`,
        [id, endedAt, t.outcome, t.requests, t.retries, t.borrowersSynced, t.borrowersFailed, t.newSnapshots, t.newNotifications, t.message, JSON.stringify(t.errors.slice(0, MAX_RUN_ERRORS))],
      );
      return toRun(r.rows[0]!);
    },
    /**
     * Runs left 'running' by a sync job that was killed or crashed: closed as failed. Only called while holding the
     * team sync lock, so none of them is still running. Every borrower of such a run was written in its own
     * transaction: nothing else of it remains.
     */
    async abandonRunning(): Promise<number> {
      const r = await q(
        'closing runs left unfinished',
        "UPDATE desk.sync_runs SET outcome = 'failed', ended_at = COALESCE(ended_at, started_at), message = 'The team sync stopped during this run (killed or crashed); the next run fetched what was missing.' WHERE outcome = 'running'",
        [],
      );
      return r.rowCount ?? 0;
    },
    async recent(limit: number): Promise<SyncRun[]> {
      const r = await q<RunRow>('reading the sync runs', 'SELECT * FROM desk.sync_runs ORDER BY id DESC LIMIT $1', [limit]);
      return r.rows.map(toRun);
    },
  };
}

/** What the engine reads of the team database, through the pool (each read is one query). */
export function teamSyncStore(pool: pg.Pool, target: Target, who: { profileId: string; host: string; pid: number }): SyncStore {
  const q = async <T extends pg.QueryResultRow>(doing: string, sql: string): Promise<T[]> => {
    try {
      return (await pool.query<T>(sql)).rows;
    } catch (e) {
      throw teamDbError(e, target, doing);
    }
  };
  return {
    relationships: {
      all: () =>
        q<{ org_nr: string; relationship_id: string | null; lost: number }>(
          'reading the relationships',
          'SELECT org_nr, relationship_id, CASE WHEN lost THEN 1 ELSE 0 END AS lost FROM desk.relationships',
        ),
    },
    followed: { all: () => q<{ orgNr: string }>('reading the followed numbers', 'SELECT org_nr AS "orgNr" FROM desk.followed') },
    notifications: {
      async knownIdsByScope() {
        const out = new Map<string, Set<number>>();
        for (const r of await q<{ scope: string; id: number }>('reading the known notifications', 'SELECT scope, id FROM desk.notifications')) {
          let set = out.get(r.scope);
          if (!set) out.set(r.scope, (set = new Set()));
          set.add(r.id);
        }
        return out;
      },
    },
    snapshots: {
      async knownByBorrower() {
        const out = new Map<string, Map<number, Set<string>>>();
        const rows = await q<{ org_nr: string; item_id: number; content_hash: string }>(
          'reading the known snapshots',
          'SELECT org_nr, item_id, content_hash FROM desk.snapshots',
        );
        for (const r of rows) {
          let ids = out.get(r.org_nr);
          if (!ids) out.set(r.org_nr, (ids = new Map()));
          let set = ids.get(r.item_id);
          if (!set) ids.set(r.item_id, (set = new Set()));
          set.add(r.content_hash);
        }
        return out;
      },
    },
    syncRuns: teamRuns(pool, target, who),
  };
}

/**
 * Commits the engine's writes into the team database: each write in its own transaction (a borrower whole or not
 * at all), one after the other on one connection. A write that fails is rolled back alone and reported (its
 * borrower is fetched again by the next run); a connection that broke is replaced for the next write.
 */
export function teamWriter(pool: pg.Pool, target: Target, log?: Logger): CacheWriter {
  let client: pg.PoolClient | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const one = async (w: CacheWrite): Promise<BatchResult<number>> => {
    let c: pg.PoolClient;
    try {
      c = client ??= await pool.connect();
    } catch (e) {
      return { ok: false, error: teamDbError(e, target, 'connecting to write') };
    }
    try {
      await c.query('BEGIN');
      const value = await applyTeamWrite(c, w);
      await c.query('COMMIT');
      return { ok: true, value };
    } catch (e) {
      const error = teamDbError(e, target, w.kind === 'accounting' ? `writing borrower ${w.orgNr}` : `writing the ${w.kind}`);
      try {
        await c.query('ROLLBACK');
      } catch {
        // The connection itself is gone: the next write takes a new one.
        c.release(true);
        client = null;
        log?.warn('team sync: the write connection broke; taking a new one', { reason: error.details?.['reason'] });
      }
      return { ok: false, error };
    }
  };

  return {
    commit(writes) {
      const batch = [...writes];
      const done = queue.then(async () => {
        const results: BatchResult<number>[] = [];
        for (const w of batch) results.push(await one(w));
        return results;
      });
      queue = done.catch(() => undefined);
      return done;
    },
    mode: () => 'in-thread',
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      client?.release();
      client = null;
    },
  };
}
