/**
 * A team connection's "sync": copies what changed in the bank's team database since the last copy into the
 * profile's own cache, so that every screen works from the cache, online or not, exactly as after a Symetrisk sync.
 *
 * Incremental by the change sequence (team migration 0001): per table, the rows numbered above the cursor the cache
 * keeps (db migration 0008), page by page in number order. The whole copy reads one REPEATABLE READ snapshot, in
 * which the numbers visible are all numbers up to some N (the team database draws them under a lock held to
 * commit), and relationships come before the snapshots that need them. Each page is written in one transaction of
 * the cache together with its table's cursor, so a copy cut short (PostgreSQL gone, the app closed, a cancel)
 * leaves whole pages and resumes after them. The team database's snapshot keys become the cache's, so a snapshot is
 * the same row on every desktop. Analysts' read marks stay the desktop's own.
 *
 * From team schema 2 on, the analysts' versions come too (notes, watch-list, saksbehandler, assessment; team
 * migration 0002), by the same numbers, after the tables they are about: other desks' versions are added beside this
 * desk's, a version the cache already holds (this desk's own, come back) is left as it is and leaves the desk's
 * queue of versions to share, and nothing is ever updated. Each version is checked against the rules of
 * shared/workflow.ts before the cache takes it.
 */
import type pg from 'pg';
import { AppError, isAppError } from '../../../shared/contract';
import type { SyncProgress, SyncRun } from '../../../shared/contract/dto';
import type { Cache } from '../../db/cache';
import type { Db } from '../../db/connection';
import { relationshipsRepo } from '../../db/relationships';
import { FIGURE_COLUMNS } from '../../db/snapshots';
import type { RunError } from '../../db/sync-runs';
import type { Logger } from '../log';
import { parseTeamDatabaseUrl, type TeamDatabaseTarget } from './database-url';
import { TEAM_SCHEMA_VERSION, TEAM_WORKFLOW_SCHEMA } from './migrations';
import { teamDbError, teamPool } from './pg';
import { assertKnownSchema, teamSchemaVersion } from './schema';
import { DESK_COLUMNS } from './migrations/0002-analyst-workflow';
import { checkAnalystName, checkAssessment, checkNoteText, checkWatchReason, RECOMMENDATIONS, type Recommendation, type TextCheck } from '../../../shared/workflow';

/** Rows per page: a page is one query and one cache transaction (a snapshot row is about 1.5 kB). */
export const REPLICA_PAGE_ROWS = 2000;

export type WorkflowTable = 'note_versions' | 'watch_versions' | 'assignment_versions' | 'assessment_versions';
export type ReplicatedTable = 'relationships' | 'snapshots' | 'notifications' | WorkflowTable;
const WORKFLOW_TABLES: readonly WorkflowTable[] = ['note_versions', 'watch_versions', 'assignment_versions', 'assessment_versions'];
const TABLES: readonly ReplicatedTable[] = ['relationships', 'snapshots', 'notifications', ...WORKFLOW_TABLES];
const isWorkflow = (t: ReplicatedTable): t is WorkflowTable => (WORKFLOW_TABLES as readonly string[]).includes(t);
const none = (): Record<ReplicatedTable, number> => Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<ReplicatedTable, number>;

export interface ReplicateOptions {
  profileId: string;
  /** The run the sync service recorded in the cache as running; finished here. */
  runId: number;
  cache: Cache;
  databaseUrl: string;
  password: string;
  clock: () => Date;
  log?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  progressIntervalMs?: number;
  pageRows?: number;
  connectTimeoutMs?: number;
}

export interface ReplicationResult {
  run: SyncRun;
  /** Rows copied per table (changed or new). */
  copied: Record<ReplicatedTable, number>;
  /** The cursors after the copy. */
  cursors: Record<ReplicatedTable, number>;
  /** The bank's name as the team sync recorded it (null when not known yet or not reached). */
  bankName: string | null;
  /** Other desks' versions of the analysts' workflow the cache took in. */
  newVersions: number;
}

const REL_COLUMNS =
  'org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw, lost, ever_approved, first_seen_at, last_seen_at, last_fetched_at';
const SNAP_COLUMNS = `key, org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included, snapshot_date, fetched_at,
  origin, accounting_system, ${FIGURE_COLUMNS.join(', ')}, raw, first_seen_at, last_seen_at`;
const NOTE_COLUMNS = 'key, scope, org_nr, id, text, type, created_at, raw, first_seen_at';
const COLUMNS: Record<ReplicatedTable, string> = {
  relationships: REL_COLUMNS,
  snapshots: SNAP_COLUMNS,
  notifications: NOTE_COLUMNS,
  ...(Object.fromEntries(WORKFLOW_TABLES.map((t) => [t, DESK_COLUMNS[t].join(', ')])) as Record<WorkflowTable, string>),
};

/**
 * Why a version from the team database may not enter the cache, or null: the rules the desk that wrote it applied
 * (shared/workflow.ts), so a desk with other rules, or a row written past them, cannot put into this desk what its
 * own analyst could not have typed. The team database's checks (migration 0002) make this the exception.
 */
function versionProblem(table: WorkflowTable, r: Row): string | null {
  const same = (c: TextCheck, v: unknown) => c.ok && c.value === v;
  const text = (v: unknown) => typeof v === 'string';
  if (!text(r['id'])) return 'id';
  if (!text(r['org_nr']) || !/^[0-9]{9}$/.test(r['org_nr'] as string)) return 'org_nr';
  if (!text(r['author']) || !same(checkAnalystName(r['author'] as string), r['author'])) return 'author';
  if (!text(r['created_at']) || Number.isNaN(Date.parse(r['created_at'] as string))) return 'created_at';
  switch (table) {
    case 'note_versions':
      return text(r['text']) && same(checkNoteText(r['text'] as string), r['text']) && typeof r['deleted'] === 'boolean' ? null : 'text';
    case 'watch_versions':
      if (r['watched'] === false) return r['review_date'] === null ? null : 'review_date';
      return r['watched'] === true && text(r['reason']) && same(checkWatchReason(r['reason'] as string), r['reason']) && /^\d{4}-\d{2}-\d{2}$/.test(String(r['review_date']))
        ? null
        : 'watch';
    case 'assignment_versions':
      return r['assignee'] === null || (text(r['assignee']) && same(checkAnalystName(r['assignee'] as string), r['assignee'])) ? null : 'assignee';
    case 'assessment_versions': {
      const rec = r['recommendation'];
      if (rec !== null && !RECOMMENDATIONS.includes(rec as Recommendation)) return 'recommendation';
      if (!text(r['comment']) || !text(r['conditions'])) return 'assessment';
      const c = checkAssessment({ comment: r['comment'] as string, recommendation: rec as Recommendation | null, conditions: r['conditions'] as string });
      return c.ok && c.value.comment === r['comment'] && c.value.conditions === r['conditions'] ? null : 'assessment';
    }
  }
}

type Row = Record<string, unknown> & { change_seq: number };

/** The cache's side: prepared once per copy, on the cache's connection. */
function replicaWriter(db: Db) {
  const names = (cols: string) => cols.split(',').map((c) => c.trim());
  const params = (cols: string) => names(cols).map((c) => `@${c}`).join(', ');
  const updates = (cols: string, except: string[]) =>
    names(cols)
      .filter((c) => !except.includes(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
  const upsertRel = db.prepare(
    `INSERT INTO relationships (${REL_COLUMNS}) VALUES (${params(REL_COLUMNS)}) ON CONFLICT (org_nr) DO UPDATE SET ${updates(REL_COLUMNS, ['org_nr'])}`,
  );
  const snapExists = db.prepare('SELECT 1 FROM snapshots WHERE key = ?');
  const upsertSnap = db.prepare(
    `INSERT INTO snapshots (${SNAP_COLUMNS}) VALUES (${params(SNAP_COLUMNS)}) ON CONFLICT (key) DO UPDATE SET ${updates(SNAP_COLUMNS, ['key'])}`,
  );
  const noteExists = db.prepare('SELECT 1 FROM notifications WHERE scope = ? AND id = ?');
  // The analyst's read mark is this desktop's: an update from the team database leaves it.
  const upsertNote = db.prepare(
    `INSERT INTO notifications (${NOTE_COLUMNS}) VALUES (${params(NOTE_COLUMNS)})
     ON CONFLICT (scope, id) DO UPDATE SET org_nr = excluded.org_nr, text = excluded.text, type = excluded.type, created_at = excluded.created_at, raw = excluded.raw`,
  );
  const setCursor = db.prepare(
    'INSERT INTO team_replica_cursors (table_name, change_seq) VALUES (?, ?) ON CONFLICT (table_name) DO UPDATE SET change_seq = excluded.change_seq',
  );
  const cursors = db.prepare('SELECT table_name, change_seq FROM team_replica_cursors');
  const source = db.prepare('SELECT client_id FROM team_replica_source WHERE singleton = 1');
  const setSource = db.prepare('INSERT INTO team_replica_source (singleton, client_id) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET client_id = excluded.client_id');
  const relCount = db.prepare('SELECT COUNT(*) AS n FROM relationships');
  const relationships = relationshipsRepo(db);
  // A version the cache holds (this desk's own, come back) stays as it is: versions never change.
  const insertVersion = Object.fromEntries(
    WORKFLOW_TABLES.map((t) => [t, db.prepare(`INSERT INTO ${t} (${COLUMNS[t]}) VALUES (${params(COLUMNS[t])}) ON CONFLICT (id) DO NOTHING`)]),
  ) as Record<WorkflowTable, ReturnType<Db['prepare']>>;
  const leaveQueue = db.prepare('DELETE FROM workflow_outbox WHERE version_id = ?');
  const versionById = Object.fromEntries(WORKFLOW_TABLES.map((t) => [t, db.prepare(`SELECT ${COLUMNS[t]} FROM ${t} WHERE id = ?`)])) as Record<
    WorkflowTable,
    ReturnType<Db['prepare']>
  >;

  const bind = (r: Row, cols: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of names(cols)) {
      const v = r[c];
      out[c] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    return out;
  };

  return {
    cursors(): Record<ReplicatedTable, number> {
      const out = none();
      for (const r of cursors.all() as { table_name: ReplicatedTable; change_seq: number }[]) if (r.table_name in out) out[r.table_name] = r.change_seq;
      return out;
    },
    source: () => (source.get() as { client_id: string } | undefined)?.client_id ?? null,
    hasData: () => (relCount.get() as { n: number }).n > 0,
    setSource: (clientId: string) => void setSource.run(clientId),
    /** Writes one page and its table's cursor in one transaction; returns how many rows were new to the cache. */
    page(table: ReplicatedTable, rows: Row[]): number {
      let added = 0;
      db.transaction(() => {
        if (table === 'relationships') {
          for (const r of rows) upsertRel.run(bind(r, REL_COLUMNS));
        } else if (table === 'snapshots') {
          const borrowers = new Set<string>();
          for (const r of rows) {
            if (snapExists.get(r['key']) === undefined) added++;
            upsertSnap.run(bind(r, SNAP_COLUMNS));
            borrowers.add(r['org_nr'] as string);
          }
          for (const orgNr of borrowers) relationships.refreshLatest(orgNr);
        } else if (table === 'notifications') {
          for (const r of rows) {
            if (noteExists.get(r['scope'], r['id']) === undefined) added++;
            upsertNote.run(bind(r, NOTE_COLUMNS));
          }
        } else {
          for (const r of rows) {
            const problem = versionProblem(table, r);
            if (problem) {
              throw new AppError(
                'storage',
                `The team database holds a version this desk cannot take (${table} ${String(r['id']).slice(0, 40)}: ${problem}); nothing of this page was copied.`,
                { reason: 'team_workflow_invalid', table, versionId: String(r['id']).slice(0, 40), field: problem },
              );
            }
            const values = bind(r, COLUMNS[table]);
            if (insertVersion[table].run(values).changes > 0) {
              added++;
              continue;
            }
            // This desk's own version, come back: it is shared. (Another under the same id stays queued, and the
            // push reports it as version_id_taken.)
            const held = versionById[table].get(r['id'] as string) as Record<string, unknown> | undefined;
            if (held && names(COLUMNS[table]).every((c) => held[c] === values[c])) leaveQueue.run(r['id'] as string);
          }
        }
        setCursor.run(table, rows[rows.length - 1]!.change_seq);
      }).immediate();
      return added;
    },
  };
}

/**
 * Copies the team database's changes into the profile's cache and finishes the cache's run with the outcome.
 * Never throws for an unreachable or refusing team database: that is the run's outcome ('failed'), and the cache
 * keeps what it had.
 */
export async function replicateTeam(o: ReplicateOptions): Promise<ReplicationResult> {
  const now = () => o.clock().toISOString();
  const writer = replicaWriter(o.cache.db);
  const cursors = writer.cursors();
  const copied = none();
  /** Versions of other desks the cache took in. */
  let newVersions = 0;
  let newSnapshots = 0;
  let newNotifications = 0;
  let queries = 0;
  let bankName: string | null = null;
  const progress: SyncProgress = { profileId: o.profileId, runId: o.runId, phase: 'starting', done: 0, total: 0, currentOrgNr: null, requests: 0, retries: 0, errors: 0 };
  let lastEmit = 0;
  const emit = (force = false) => {
    const t = Date.now();
    if (!force && t - lastEmit < (o.progressIntervalMs ?? 100)) return;
    lastEmit = t;
    progress.requests = queries;
    o.onProgress?.({ ...progress });
  };
  const finish = (outcome: Exclude<SyncRun['outcome'], 'running'>, message: string | null, errors: RunError[] = []): ReplicationResult => {
    progress.phase = 'done';
    progress.errors = errors.length;
    emit(true);
    const run = o.cache.syncRuns.finish(o.runId, now(), {
      outcome,
      requests: queries,
      retries: 0,
      borrowersSynced: copied.relationships,
      borrowersFailed: 0,
      newSnapshots,
      newNotifications,
      message,
      errors,
    });
    o.log?.info('team replica: finished', { profileId: o.profileId, runId: o.runId, outcome, copied, newVersions });
    return { run, copied, cursors, bankName, newVersions };
  };

  let target: TeamDatabaseTarget;
  try {
    target = parseTeamDatabaseUrl(o.databaseUrl, { requireUser: true });
  } catch (e) {
    const err = e as AppError;
    return finish('failed', `The team connection's database URL is not usable: ${err.message}`, [{ orgNr: null, code: err.code, message: err.message }]);
  }
  emit(true);
  const pool: pg.Pool = teamPool(target, { password: o.password, applicationName: 'symetrisk-desk replica', max: 1, ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}) });
  let client: pg.PoolClient | null = null;
  try {
    const q = async <T extends pg.QueryResultRow>(doing: string, sql: string, params: unknown[] = []): Promise<T[]> => {
      queries++;
      try {
        return (await client!.query<T>(sql, params)).rows;
      } catch (e) {
        throw teamDbError(e, target, doing);
      }
    };
    try {
      client = await pool.connect();
    } catch (e) {
      throw teamDbError(e, target, 'connecting');
    }
    // One snapshot for the whole copy, and nothing this session could write even with a role that may.
    await q('starting the copy', 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = await teamSchemaVersion(client).catch((e: unknown) => Promise.reject(teamDbError(e, target, 'reading the schema version')));
    if (version === 0) {
      throw new AppError('storage', 'The team database has not been set up yet: the bank’s team sync creates it on its first run.', { reason: 'team_schema_missing' });
    }
    assertKnownSchema(version, TEAM_SCHEMA_VERSION);
    const bank = (await q<{ client_id: string; name: string | null }>('reading the bank', 'SELECT client_id, name FROM desk.bank'))[0];
    if (!bank) throw new AppError('storage', 'The team sync has not filled the team database yet.', { reason: 'team_database_empty' });
    bankName = bank.name;
    const known = writer.source();
    if (known !== null && known !== bank.client_id) {
      throw new AppError(
        'conflict',
        'This team database holds another bank’s portfolio than this connection’s saved data. Start a fresh local copy for the connection (Settings), then sync again.',
        { reason: 'team_replica_other_bank' },
      );
    }
    if (known === null) {
      if (writer.hasData()) {
        throw new AppError('conflict', 'The connection’s saved data did not come from this team database. Start a fresh local copy (Settings), then sync again.', {
          reason: 'team_replica_foreign_cache',
        });
      }
      writer.setSource(bank.client_id);
    }
    const phaseOf: Record<Exclude<ReplicatedTable, WorkflowTable>, SyncProgress['phase']> = { relationships: 'relationships', snapshots: 'accounting', notifications: 'notifications' };
    // A team database the team sync has not brought to schema 2 yet has no versions to copy.
    const tables = TABLES.filter((t) => !isWorkflow(t) || version >= TEAM_WORKFLOW_SCHEMA);
    for (const table of tables) {
      if (o.signal?.aborted) return finish('cancelled', 'The copy from the team database was cancelled; what was copied before is kept.');
      const [top] = await q<{ top: number | null; n: number }>(
        `counting the changed ${table}`,
        `SELECT max(change_seq) AS top, count(*) FILTER (WHERE change_seq > $1)::int AS n FROM desk.${table}`,
        [cursors[table]],
      );
      // A cursor beyond everything the database holds: it was rebuilt or restored from an older backup.
      if ((top?.top ?? 0) < cursors[table]) {
        throw new AppError(
          'conflict',
          'The team database is behind this connection’s saved data (it was rebuilt or restored). Start a fresh local copy (Settings), then sync again.',
          { reason: 'team_replica_ahead', table },
        );
      }
      // The analysts' versions are few beside the snapshots: copied within the last phase, not as one of their own.
      if (!isWorkflow(table)) {
        progress.phase = phaseOf[table];
        progress.done = 0;
        progress.total = top?.n ?? 0;
        emit(true);
      }
      const read = (after: number): Promise<Row[]> => {
        const p = q<Row>(
          `reading the changed ${table}`,
          `SELECT ${COLUMNS[table]}, change_seq FROM desk.${table} WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
          [after, o.pageRows ?? REPLICA_PAGE_ROWS],
        );
        // Awaited below; a page read ahead and then left (a cancel, a failed write) must not reject unheard.
        p.catch(() => undefined);
        return p;
      };
      // The next page is asked for before this one is written: PostgreSQL reads and sends it while SQLite writes.
      let ahead = read(cursors[table]);
      for (;;) {
        if (o.signal?.aborted) return finish('cancelled', 'The copy from the team database was cancelled; what was copied before is kept.');
        const rows = await ahead;
        if (rows.length === 0) break;
        ahead = read(rows[rows.length - 1]!.change_seq);
        const added = writer.page(table, rows);
        if (table === 'snapshots') newSnapshots += added;
        if (table === 'notifications') newNotifications += added;
        if (isWorkflow(table)) newVersions += added;
        copied[table] += rows.length;
        cursors[table] = rows[rows.length - 1]!.change_seq;
        if (!isWorkflow(table)) {
          progress.done += rows.length;
          emit();
        }
      }
    }
    await q('ending the copy', 'COMMIT');
    return finish('ok', null);
  } catch (e) {
    const err = isAppError(e) ? e : teamDbError(e, { host: target.host, port: target.port, database: target.database }, 'copying');
    o.log?.warn('team replica: failed', { profileId: o.profileId, code: err.code, reason: err.details?.['reason'] });
    const kept = Object.values(copied).some((n) => n > 0) ? 'What was copied before is kept.' : 'The saved data was not changed.';
    const message = err.code === 'offline' ? `The team database could not be reached: ${err.message} ${kept}` : `The copy from the team database failed: ${err.message} ${kept}`;
    return finish('failed', message, [{ orgNr: null, code: err.code, message: err.message }]);
  } finally {
    // A failed session's ROLLBACK happens when it closes.
    client?.release(true);
    await pool.end().catch(() => undefined);
  }
}
