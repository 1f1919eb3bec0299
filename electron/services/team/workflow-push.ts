/**
 * The push: the analyst's versions this desk has queued (cache migration 0007) sent to the team database (team
 * migration 0002), in the order they were written, with the author and time the desk gave them.
 *
 * - Idempotent: the version's UUID is the key (ON CONFLICT DO NOTHING). A version already there is shared when what
 *   the database holds under its id is what the desk sent; that is the case after a crash between the database's
 *   commit and the desk noting the version as sent, and the next push completes it.
 * - Atomic per batch: one transaction, so a push cut short (the app killed, the network gone) leaves no version
 *   half written, and the queue changes only after the commit. A version the database refuses (it breaks a rule, or
 *   follows one that was refused) is rolled back alone (a savepoint), stays queued with its reason, and the rest go.
 * - Never throws for a database that cannot be reached or used: the versions stay queued and the result says why
 *   (`reason`, the error's details.reason), which the borrower page words.
 * - Short: the batch's rows draw change numbers under the team database's one change lock (migration 0001), so the
 *   transaction is bounded (statement, lock and idle timeouts) and a stalled desk cannot hold up the team sync.
 */
import type pg from 'pg';
import { AppError, isAppError } from '../../../shared/contract';
import type { Cache } from '../../db/cache';
import type { OutboxEntry, VersionKind } from '../../db/workflow';
import { VERSION_TABLES } from '../../db/workflow';
import type { Logger } from '../log';
import { parseTeamDatabaseUrl, type TeamDatabaseTarget } from './database-url';
import { TEAM_SCHEMA_VERSION, TEAM_WORKFLOW_SCHEMA } from './migrations';
import { DESK_COLUMNS } from './migrations/0002-analyst-workflow';
import { teamDbError, teamPool } from './pg';
import { assertKnownSchema, teamSchemaVersion } from './schema';

/** Versions per transaction: a batch is a handful of statements, whatever its size. */
export const PUSH_BATCH = 500;

/** The application name the push shows in pg_stat_activity. */
export const PUSH_APPLICATION_NAME = 'symetrisk-desk workflow push';

export interface PushOptions {
  cache: Cache;
  databaseUrl: string;
  password: string;
  clock: () => Date;
  log?: Logger;
  connectTimeoutMs?: number;
  batchSize?: number;
}

export interface PushResult {
  /** Versions the team database now holds that were queued (sent now, or found there already). */
  shared: number;
  /** Versions still queued. */
  pending: number;
  /** Versions the team database refused, each with its reason (they stay queued). */
  refused: { versionId: string; reason: string }[];
  /** Why the push stopped short (details.reason), null when it went through. */
  reason: string | null;
  error: AppError | null;
}

const KIND_ORDER: readonly VersionKind[] = ['note', 'watch', 'assignment', 'assessment'];
const BOOLEAN_COLUMNS = new Set(['deleted', 'watched']);

type TableName = keyof typeof DESK_COLUMNS;
const tableOf = (kind: VersionKind) => VERSION_TABLES[kind] as TableName;

/** A cache row as the team database holds it: its desk columns, SQLite's 0/1 as booleans. */
function teamValues(kind: VersionKind, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of DESK_COLUMNS[tableOf(kind)]) out[c] = BOOLEAN_COLUMNS.has(c) ? record[c] === 1 || record[c] === true : (record[c] ?? null);
  return out;
}

function insertSql(kind: VersionKind): string {
  const cols = DESK_COLUMNS[tableOf(kind)];
  const arrays = cols.map((c, i) => `$${i + 1}::${BOOLEAN_COLUMNS.has(c) ? 'boolean' : 'text'}[]`).join(', ');
  // In the order given: a version's number follows the one it replaces (team migration 0002 insists on it).
  return `INSERT INTO desk.${tableOf(kind)} (${cols.join(', ')})
    SELECT ${cols.map((c) => `x.${c}`).join(', ')} FROM unnest(${arrays}) WITH ORDINALITY AS x(${cols.join(', ')}, ord) ORDER BY x.ord
    ON CONFLICT (id) DO NOTHING RETURNING id`;
}

const columnsOf = (kind: VersionKind, rows: Record<string, unknown>[]) => DESK_COLUMNS[tableOf(kind)].map((c) => rows.map((r) => r[c]));

/** A refusal of one version's data (integrity or data class), as opposed to the database or the session failing. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'));
}

function refusalReason(e: unknown): string {
  return (e as { code?: string }).code === '23503' ? 'replaced_version_not_shared' : 'version_refused';
}

/**
 * Sends the cache's queued versions to the team database. Resolves with what was shared and what waits, and why;
 * only a failure of the cache itself rejects.
 */
export async function pushWorkflow(o: PushOptions): Promise<PushResult> {
  const repo = o.cache.workflow;
  const now = () => o.clock().toISOString();
  const result: PushResult = { shared: 0, pending: 0, refused: [], reason: null, error: null };
  const finish = (): PushResult => {
    result.pending = repo.unsharedCount();
    if (result.shared > 0 || result.reason) {
      o.log?.info('team push: done', { shared: result.shared, pending: result.pending, refused: result.refused.length, reason: result.reason });
    }
    return result;
  };
  // Versions from here on were not tried by this push: they wait, for the reason the push stopped.
  let afterSeq = 0;
  const stop = (e: unknown): PushResult => {
    const err = isAppError(e) ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
    const reason = typeof err.details?.['reason'] === 'string' ? err.details['reason'] : err.code;
    result.reason = reason;
    result.error = err;
    repo.markWaiting(afterSeq, reason, now());
    o.log?.warn('team push: not shared', { code: err.code, reason });
    return finish();
  };

  if (repo.unsharedCount() === 0) return finish();
  let target: TeamDatabaseTarget;
  try {
    target = parseTeamDatabaseUrl(o.databaseUrl, { requireUser: true });
  } catch (e) {
    return stop(e);
  }
  const pool: pg.Pool = teamPool(target, {
    password: o.password,
    applicationName: PUSH_APPLICATION_NAME,
    max: 1,
    ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
  });
  let client: pg.PoolClient | null = null;
  try {
    try {
      client = await pool.connect();
    } catch (e) {
      throw teamDbError(e, target, 'connecting to share the analyst’s work');
    }
    const c = client;
    const q = async <T extends pg.QueryResultRow>(doing: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<T>> => {
      try {
        return await c.query<T>(sql, params);
      } catch (e) {
        throw teamDbError(e, target, doing);
      }
    };
    const version = await teamSchemaVersion(c).catch((e: unknown) => Promise.reject(teamDbError(e, target, 'reading the schema version')));
    assertKnownSchema(version, TEAM_SCHEMA_VERSION);
    if (version < TEAM_WORKFLOW_SCHEMA) {
      throw new AppError(
        'storage',
        `The team database (schema ${version}) does not take the analysts’ notes and assessments yet: the bank’s team sync must be updated first. They are kept on this desk and shared once it is.`,
        { reason: 'team_workflow_not_set_up', schemaVersion: version },
      );
    }

    for (;;) {
      const batch = repo.outbox(o.batchSize ?? PUSH_BATCH, afterSeq);
      if (batch.length === 0) break;
      const sent = new Map<VersionKind, { entry: OutboxEntry; values: Record<string, unknown> }[]>();
      const gone: string[] = [];
      for (const entry of batch) {
        const record = repo.versionRecord(entry.kind, entry.versionId);
        // Versions are never deleted, and a version is queued in the transaction that wrote it: this cannot be,
        // but a queue entry naming nothing must not block the ones after it.
        if (!record) {
          gone.push(entry.versionId);
          continue;
        }
        let list = sent.get(entry.kind);
        if (!list) sent.set(entry.kind, (list = []));
        list.push({ entry, values: teamValues(entry.kind, record) });
      }
      const shared: string[] = [];
      const refused: { versionId: string; reason: string }[] = [];

      await q('starting to share', 'BEGIN');
      try {
        await q('starting to share', "SET LOCAL statement_timeout = '30s'");
        await q('starting to share', "SET LOCAL lock_timeout = '15s'");
        await q('starting to share', "SET LOCAL idle_in_transaction_session_timeout = '30s'");
        for (const kind of KIND_ORDER) {
          const rows = sent.get(kind);
          if (!rows?.length) continue;
          const values = rows.map((r) => r.values);
          const inserted = new Set<string>();
          await q('sharing', 'SAVEPOINT batch');
          try {
            for (const r of (await c.query<{ id: string }>(insertSql(kind), columnsOf(kind, values))).rows) inserted.add(r.id);
            await q('sharing', 'RELEASE SAVEPOINT batch');
          } catch (e) {
            if (!isDataError(e)) throw teamDbError(e, target, 'sharing the analyst’s work');
            // One of them breaks a rule: each on its own, so the others still go.
            await q('sharing', 'ROLLBACK TO SAVEPOINT batch');
            for (const r of values) {
              await q('sharing', 'SAVEPOINT one');
              try {
                for (const x of (await c.query<{ id: string }>(insertSql(kind), columnsOf(kind, [r]))).rows) inserted.add(x.id);
                await q('sharing', 'RELEASE SAVEPOINT one');
              } catch (e1) {
                if (!isDataError(e1)) throw teamDbError(e1, target, 'sharing the analyst’s work');
                await q('sharing', 'ROLLBACK TO SAVEPOINT one');
                refused.push({ versionId: r['id'] as string, reason: refusalReason(e1) });
                o.log?.warn('team push: a version was refused', { versionId: r['id'], kind, sqlstate: (e1 as { code?: string }).code });
              }
            }
          }
          // Already there (sent before, the desk did not get to note it): shared, if it is the same version.
          const refusedIds = new Set(refused.map((r) => r.versionId));
          const there = values.filter((v) => !inserted.has(v['id'] as string) && !refusedIds.has(v['id'] as string));
          if (there.length) {
            const cols = DESK_COLUMNS[tableOf(kind)];
            const stored = await q<Record<string, unknown>>('checking what was shared before', `SELECT ${cols.join(', ')} FROM desk.${tableOf(kind)} WHERE id = ANY($1::text[])`, [
              there.map((v) => v['id']),
            ]);
            const byId = new Map(stored.rows.map((r) => [r['id'] as string, r] as const));
            for (const v of there) {
              const s = byId.get(v['id'] as string);
              if (s && cols.every((col) => s[col] === v[col])) shared.push(v['id'] as string);
              else refused.push({ versionId: v['id'] as string, reason: 'version_id_taken' });
            }
          }
          for (const id of inserted) shared.push(id);
        }
        await q('sharing', 'COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      // After the commit only: a crash before this line sends them again, and they are found there.
      repo.markShared([...shared, ...gone]);
      for (const r of refused) repo.markAttempt([r.versionId], r.reason, now());
      result.shared += shared.length;
      result.refused.push(...refused);
      afterSeq = batch[batch.length - 1]!.seq;
    }
    if (result.refused.length) result.reason = result.refused[0]!.reason;
    return finish();
  } catch (e) {
    return stop(isAppError(e) ? e : teamDbError(e, target, 'sharing the analyst’s work'));
  } finally {
    client?.release(true);
    await pool.end().catch(() => undefined);
  }
}
