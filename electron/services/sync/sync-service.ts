import { AppError, isAppError, type Emit } from '../../../shared/contract';
import type { SyncProgress, SyncRun, SyncStatus } from '../../../shared/contract/dto';
import { JobRunner, phaseMilestone } from '../jobs/job-runner';
import type { Logger } from '../log';
import type { Cache } from '../../db/cache';
import type { CacheRegistry } from '../portfolio/cache-registry';
import type { SymetriskClient } from '../symetrisk/client';
import type { SymetriskClients } from '../symetrisk/clients';
import { failedStep, skippedStep, type RegistryStepOutcome } from '../registry/registry-service';
import type { JobControl } from '../jobs/job-runner';
import type { StartWriterWorker } from './cache-writer';
import { runSync } from './engine';

/** Runs a sync that is not Symetrisk's: a team connection's copy of the team database (team/replica-service.ts). */
export type ReplicaRunner = (o: { runId: number; cache: Cache; signal: AbortSignal; onProgress?: (p: SyncProgress) => void }) => Promise<SyncRun>;

export interface SyncServiceDeps {
  caches: CacheRegistry;
  /** The profiles' API clients (one per profile, sharing its token with access requests and the pack). */
  clients: Pick<SymetriskClients, 'get' | 'forget'>;
  clock: () => Date;
  log: Logger;
  /** Where sync:progress, sync:finished and notifications:changed go (every binding passes its own). */
  emit: Emit;
  concurrency?: number;
  pageSize?: number;
  /** Where the sync's writes are committed (see runSync); absent: in this thread. */
  startWriterWorker?: StartWriterWorker;
  /** Told when a run has started, with the profile's client (the container caches the bank facts of /self then). */
  onStarted?: (profileId: string, client: SymetriskClient) => void;
  /** For a team connection, the runner that replicates its team database instead (null for other profiles). */
  replicaFor?: (profileId: string) => Promise<ReplicaRunner | null>;
  /**
   * The registry step (Brønnøysund, services/registry), run in the same job after the Symetrisk part with its own
   * progress phase; its failures go into the run's errors and never change its outcome. Absent: no registry step.
   */
  registry?: {
    step(profileId: string, cache: Cache, opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<RegistryStepOutcome>;
  };
}

export interface StartedSync {
  runId: number;
  /** Settles with the finished run (never rejects: API failures and the unforeseen are the run's outcome). */
  done: Promise<SyncRun>;
}

/**
 * Runs syncs on the job runner: one at a time per profile (a second start is AppError('conflict')), cancellable,
 * with throttled progress as `sync:progress` events and the finished run as `sync:finished`.
 */
export class SyncService {
  private readonly jobs: JobRunner<SyncProgress, SyncRun>;

  constructor(private readonly deps: SyncServiceDeps) {
    this.jobs = new JobRunner<SyncProgress, SyncRun>({
      onProgress: (p) => deps.emit('sync:progress', p),
      onFinished: (run) => {
        deps.emit('sync:finished', run);
        // After the run's own event, and outside the run: a badge that cannot be counted is logged, the run stands.
        if (run.newNotifications > 0 || (run.registry?.newNotifications ?? 0) > 0) {
          deps.emit('notifications:changed', { profileId: run.profileId, unread: deps.caches.open(run.profileId).notifications.unread() });
        }
      },
      milestone: phaseMilestone,
      conflict: (profileId) =>
        new AppError('conflict', 'A sync of this profile is already running.', { reason: 'sync_running', profileId }),
      // A sync's outcome lives in its cache (sync:status, sync:runs); the runner need not keep finished ones.
      keepFinished: 0,
      log: deps.log,
    });
  }

  /**
   * Starts a sync and returns its run id at once; `done` settles when it ends. Throws AppError('conflict') when the
   * profile is already syncing, and the resolver's errors (not_found, auth_failed 'no_secret', keychain_unavailable).
   */
  async start(profileId: string): Promise<StartedSync> {
    const started = await this.jobs.start({
      key: profileId,
      setup: async () => {
        // A team connection copies its team database; every other profile syncs with Symetrisk.
        const replica = (await this.deps.replicaFor?.(profileId)) ?? null;
        const client = replica ? null : await this.deps.clients.get(profileId);
        const cache = this.deps.caches.open(profileId);
        const startedAt = this.deps.clock().toISOString();
        return { replica, client, cache, startedAt, runId: cache.syncRuns.start(startedAt) };
      },
      run: async (job, { replica, client, cache, runId }) => {
        if (replica) return replica({ runId, cache, signal: job.signal, onProgress: (p) => job.progress(p) });
        // With a registry step, the engine's last progress ("done") waits until that step has run.
        let held: SyncProgress | null = null;
        const run = await runSync({
          profileId,
          runId,
          cache,
          client: client!,
          clock: this.deps.clock,
          concurrency: this.deps.concurrency,
          pageSize: this.deps.pageSize,
          signal: job.signal,
          log: this.deps.log,
          ...(this.deps.startWriterWorker ? { startWriterWorker: this.deps.startWriterWorker } : {}),
          // The runner throttles (a new phase or a finished one goes out at once); the engine reports every step.
          progressIntervalMs: 0,
          onProgress: (p) => {
            if (this.deps.registry && p.phase === 'done') held = p;
            else job.progress(p);
          },
        });
        return this.deps.registry ? this.withRegistry(profileId, cache, run, job, held) : run;
      },
      failed: (e, _job, run) => this.unforeseen(profileId, run, e),
    });
    if (started.setup.client) this.deps.onStarted?.(profileId, started.setup.client);
    return { runId: started.setup.runId, done: started.done };
  }

  /**
   * The registry step after the Symetrisk part of a run (skipped when that failed or was cancelled: nothing new to
   * look up, and a cancel means stop), reported as its own phase, then the engine's "done". Its failures are added
   * to the run's errors (source `registry`); the run's outcome is the Symetrisk part's, whatever the registry did.
   */
  private async withRegistry(profileId: string, cache: Cache, run: SyncRun, job: JobControl<SyncProgress>, held: SyncProgress | null): Promise<SyncRun> {
    const base: SyncProgress = held ?? { profileId, runId: run.id, phase: 'done', done: 0, total: 0, currentOrgNr: null, requests: run.requests, retries: run.retries, errors: run.errors.length };
    let outcome: RegistryStepOutcome;
    if (run.outcome === 'cancelled' || job.signal.aborted) outcome = skippedStep('cancelled');
    else if (run.outcome === 'failed') outcome = skippedStep('symetrisk_failed');
    else {
      job.progress({ ...base, phase: 'registry', done: 0, total: 0 });
      try {
        outcome = await this.deps.registry!.step(profileId, cache, {
          signal: job.signal,
          onProgress: (done, total) => job.progress({ ...base, phase: 'registry', done, total }),
        });
      } catch (e) {
        // A fault of our own (the cache refused a write): the registry part failed, the run stands.
        const err = isAppError(e) ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
        this.deps.log.error('sync: the registry step failed unexpectedly', { profileId, runId: run.id, code: err.code, error: err.message });
        outcome = failedStep(err.code, 'registry_step_failed', err.message);
      }
    }
    let stored = run;
    try {
      if (outcome.errors.length > 0) stored = cache.syncRuns.addErrors(run.id, outcome.errors);
    } catch (e) {
      this.deps.log.warn('sync: the registry step’s errors were not stored with the run', { profileId, runId: run.id, error: e });
    }
    job.progress({ ...base, phase: 'done', errors: base.errors + outcome.errors.length });
    return { ...stored, registry: outcome.summary };
  }

  /**
   * A run whose engine threw (it records API failures as the run's outcome itself, so this is the cache or the
   * program failing): closed as failed where the cache still takes it, and finished in any case, so no window
   * waits on a sync that has ended.
   */
  private unforeseen(profileId: string, { cache, runId, startedAt }: { cache: Cache; runId: number; startedAt: string }, e: unknown): SyncRun {
    const err = isAppError(e) ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
    this.deps.log.error('sync: the run failed unexpectedly', { profileId, runId, code: err.code, error: err.message });
    const totals = {
      outcome: 'failed' as const,
      requests: 0,
      retries: 0,
      borrowersSynced: 0,
      borrowersFailed: 0,
      newSnapshots: 0,
      newNotifications: 0,
      message: `The sync failed: ${err.message}`,
      errors: [{ orgNr: null, code: err.code, message: err.message }],
      relationships: null,
    };
    const endedAt = this.deps.clock().toISOString();
    try {
      return cache.syncRuns.finish(runId, endedAt, totals);
    } catch {
      // The cache refuses even this: the run stays 'running' there until the next open closes it as abandoned.
      return { id: runId, profileId, startedAt, endedAt, ...totals };
    }
  }

  /** A fresh, empty cache for the profile (see CacheRegistry.setAside); refused while it syncs. */
  resetCache(profileId: string): { keptAs: string | null } {
    if (this.isRunning(profileId)) {
      throw new AppError('conflict', 'A sync of this profile is running; cancel it first.', { reason: 'sync_running', profileId });
    }
    this.deps.clients.forget(profileId);
    return { keptAs: this.deps.caches.setAside(profileId, this.deps.clock()) };
  }

  /** Cancels the profile's running sync; false when none runs. */
  cancel(profileId: string): boolean {
    const id = this.jobs.runningId(profileId);
    return id !== null && this.jobs.cancel(id);
  }

  isRunning(profileId: string): boolean {
    return this.jobs.runningId(profileId) !== null;
  }

  status(profileId: string): SyncStatus {
    const id = this.jobs.runningId(profileId);
    return {
      running: id !== null,
      progress: id === null ? null : this.jobs.progress(id),
      lastRun: this.deps.caches.exists(profileId) ? this.deps.caches.open(profileId).syncRuns.lastFinished() : null,
    };
  }

  runs(profileId: string, limit = 50): SyncRun[] {
    if (!this.deps.caches.exists(profileId)) return [];
    return this.deps.caches.open(profileId).syncRuns.recent(limit);
  }

  /** Cancels every running sync and waits for them to end (app close). */
  close(): Promise<void> {
    return this.jobs.close();
  }
}
