import type { RelationshipCounts, SyncRun } from '../../shared/contract/dto';
import type { Db } from './connection';

export type RunError = SyncRun['errors'][number];

export interface RunTotals {
  outcome: Exclude<SyncRun['outcome'], 'running'>;
  requests: number;
  retries: number;
  borrowersSynced: number;
  borrowersFailed: number;
  newSnapshots: number;
  newNotifications: number;
  message: string | null;
  errors: RunError[];
  /** The relationship step's summary, when the run got that far. */
  relationships?: RelationshipCounts | null;
}

interface Row {
  id: number;
  started_at: string;
  ended_at: string | null;
  outcome: string;
  requests: number;
  retries: number;
  borrowers_synced: number;
  borrowers_failed: number;
  new_snapshots: number;
  new_notifications: number;
  message: string | null;
  errors: string;
  relationship_counts: string | null;
}

function toDto(profileId: string, r: Row): SyncRun {
  return {
    id: r.id,
    profileId,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome as SyncRun['outcome'],
    requests: r.requests,
    retries: r.retries,
    borrowersSynced: r.borrowers_synced,
    borrowersFailed: r.borrowers_failed,
    newSnapshots: r.new_snapshots,
    newNotifications: r.new_notifications,
    message: r.message,
    errors: JSON.parse(r.errors) as RunError[],
    relationships: r.relationship_counts === null ? null : (JSON.parse(r.relationship_counts) as RelationshipCounts),
  };
}

/** Keep at most this many errors per run: a dead network fails every borrower the same way. */
export const MAX_RUN_ERRORS = 200;

/** The sync runs: one row per run, written at its start and completed at its end. */
export function syncRunsRepo(db: Db, profileId: string) {
  const start = db.prepare("INSERT INTO sync_runs (started_at, outcome) VALUES (?, 'running')");
  const finish = db.prepare(`
    UPDATE sync_runs SET ended_at = @endedAt, outcome = @outcome, requests = @requests, retries = @retries,
      borrowers_synced = @borrowersSynced, borrowers_failed = @borrowersFailed, new_snapshots = @newSnapshots,
      new_notifications = @newNotifications, message = @message, errors = @errors, relationship_counts = @relationshipCounts
    WHERE id = @id`);
  const setErrors = db.prepare('UPDATE sync_runs SET errors = ? WHERE id = ?');
  const recent = db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?');
  const byId = db.prepare('SELECT * FROM sync_runs WHERE id = ?');
  const lastFinished = db.prepare("SELECT * FROM sync_runs WHERE outcome <> 'running' ORDER BY id DESC LIMIT 1");
  const lastSynced = db.prepare("SELECT * FROM sync_runs WHERE outcome IN ('ok', 'partial') ORDER BY id DESC LIMIT 1");
  const abandon = db.prepare(
    "UPDATE sync_runs SET outcome = 'failed', ended_at = COALESCE(ended_at, started_at), message = 'The app stopped during this sync.' WHERE outcome = 'running'",
  );
  return {
    start(at: string): number {
      return Number(start.run(at).lastInsertRowid);
    },
    finish(id: number, endedAt: string, t: RunTotals): SyncRun {
      const { relationships, ...totals } = t;
      finish.run({
        id,
        endedAt,
        ...totals,
        errors: JSON.stringify(t.errors.slice(0, MAX_RUN_ERRORS)),
        relationshipCounts: relationships ? JSON.stringify(relationships) : null,
      });
      return toDto(profileId, byId.get(id) as Row);
    },
    /**
     * Adds the errors of a step that ran after the run was finished (the registry step) to its record, within the
     * same cap; the outcome and totals stay as they were. Returns the run as stored.
     */
    addErrors(id: number, more: readonly RunError[]): SyncRun {
      const run = toDto(profileId, byId.get(id) as Row);
      if (more.length > 0) setErrors.run(JSON.stringify([...run.errors, ...more].slice(0, MAX_RUN_ERRORS)), id);
      return toDto(profileId, byId.get(id) as Row);
    },
    recent(limit: number): SyncRun[] {
      return (recent.all(limit) as Row[]).map((r) => toDto(profileId, r));
    },
    last(): SyncRun | null {
      const r = recent.get(1) as Row | undefined;
      return r ? toDto(profileId, r) : null;
    },
    /** The newest finished run of any outcome: the last attempt. */
    lastFinished(): SyncRun | null {
      const r = lastFinished.get() as Row | undefined;
      return r ? toDto(profileId, r) : null;
    },
    /**
     * The newest run that synced data (ok, or partial: most borrowers were fetched). A failed run (offline, refused
     * credentials) or a cancelled one is an attempt, not a sync: "last synced" and the data's date come from here.
     */
    lastSynced(): SyncRun | null {
      const r = lastSynced.get() as Row | undefined;
      return r ? toDto(profileId, r) : null;
    },
    /** Runs left 'running' by a crash or a kill: closed as failed when the cache is opened again. */
    abandonRunning(): number {
      return abandon.run().changes;
    },
  };
}
export type SyncRunsRepo = ReturnType<typeof syncRunsRepo>;
