import { AppError } from '../../../shared/contract';
import type { SyncProgress, SyncRun, SyncStatus } from '../../../shared/contract/dto';
import type { Emit } from '../../../shared/contract';
import type { Cache } from '../../db/cache';
import type { ResolvedConnection } from '../connections/connection-resolver';
import type { Logger } from '../log';
import type { CacheRegistry } from '../portfolio/cache-registry';
import { SymetriskClient, type ClientDeps } from '../symetrisk/client';
import type { StartWriterWorker } from './cache-writer';
import { runSync } from './engine';

/** Runs a sync that is not Symetrisk's: a team connection's copy of the team database (team/replica-service.ts). */
export type ReplicaRunner = (o: { runId: number; cache: Cache; signal: AbortSignal; onProgress?: (p: SyncProgress) => void }) => Promise<SyncRun>;

export interface SyncServiceDeps {
  caches: CacheRegistry;
  /** ConnectionResolver.resolve: the profile's URLs, client id, secret (from the keychain) and scopes. */
  resolve: (profileId: string) => Promise<ResolvedConnection>;
  fetch: typeof fetch;
  clock: () => Date;
  log: Logger;
  /** The app's event binding; the CLI passes none and listens with `onProgress` instead. */
  emit?: Emit;
  concurrency?: number;
  pageSize?: number;
  client?: Omit<ClientDeps, 'fetch' | 'clock'>;
  /** Where the sync's writes are committed (see runSync); absent: in this thread. */
  startWriterWorker?: StartWriterWorker;
  /** For a team connection, the runner that replicates its team database instead (null for other profiles). */
  replicaFor?: (profileId: string) => Promise<ReplicaRunner | null>;
}

export interface StartedSync {
  runId: number;
  /** Settles with the finished run (never rejects for API failures: they are the run's outcome). */
  done: Promise<SyncRun>;
}

interface Running {
  runId: number;
  controller: AbortController;
  progress: SyncProgress | null;
  done: Promise<SyncRun>;
}

/**
 * Runs syncs: one at a time per profile (a second start is AppError('conflict')), cancellable, with progress
 * as `sync:progress` events (and/or a callback) and the finished run as `sync:finished`. Keeps one API client per
 * profile, so its token is reused across syncs and access requests until it expires.
 */
export class SyncService {
  private readonly running = new Map<string, Running>();
  private readonly clients = new Map<string, { key: string; client: SymetriskClient }>();

  constructor(private readonly deps: SyncServiceDeps) {}

  /** The profile's API client (rebuilt when the profile's connection changed, e.g. a new secret). */
  async client(profileId: string): Promise<SymetriskClient> {
    const conn = await this.deps.resolve(profileId);
    // The key holds the secret only in memory, as the client itself does; it is never logged.
    const key = JSON.stringify([conn.tokenUrl, conn.apiBaseUrl, conn.clientId, conn.clientSecret, conn.scopes]);
    const hit = this.clients.get(profileId);
    if (hit && hit.key === key) return hit.client;
    const client = new SymetriskClient(conn, { ...this.deps.client, fetch: this.deps.fetch, clock: this.deps.clock });
    this.clients.set(profileId, { key, client });
    return client;
  }

  /** Forget a profile's client and token (the profile was changed or removed). */
  forget(profileId: string): void {
    this.clients.delete(profileId);
  }

  /**
   * Starts a sync and returns its run id at once; `done` settles when it ends. Throws AppError('conflict') when
   * the profile is already syncing, and the resolver's errors (not_found, auth_failed 'no_secret', keychain_unavailable).
   */
  async start(profileId: string, opts: { onProgress?: (p: SyncProgress) => void; concurrency?: number } = {}): Promise<StartedSync> {
    if (this.running.has(profileId)) throw new AppError('conflict', 'A sync of this profile is already running.', { profileId });
    // Claim the slot before the first await, so two quick starts cannot both pass the check.
    const controller = new AbortController();
    const entry: Running = { runId: 0, controller, progress: null, done: Promise.resolve(null as unknown as SyncRun) };
    this.running.set(profileId, entry);
    try {
      const replica = (await this.deps.replicaFor?.(profileId)) ?? null;
      const client = replica ? null : await this.client(profileId);
      const cache = this.deps.caches.open(profileId);
      entry.runId = cache.syncRuns.start(this.deps.clock().toISOString());
      const onProgress = (p: SyncProgress) => {
        entry.progress = p;
        this.deps.emit?.('sync:progress', p);
        opts.onProgress?.(p);
      };
      const done = replica
        ? replica({ runId: entry.runId, cache, signal: controller.signal, onProgress })
        : runSync({
            profileId,
            runId: entry.runId,
            cache,
            client: client!,
            clock: this.deps.clock,
            concurrency: opts.concurrency ?? this.deps.concurrency,
            pageSize: this.deps.pageSize,
            signal: controller.signal,
            log: this.deps.log,
            ...(this.deps.startWriterWorker ? { startWriterWorker: this.deps.startWriterWorker } : {}),
            onProgress,
          });
      entry.done = done
        .then((run) => {
          this.deps.emit?.('sync:finished', run);
          if (run.newNotifications > 0) this.deps.emit?.('notifications:changed', { profileId, unread: cache.notifications.unread() });
          return run;
        })
        .finally(() => {
          this.running.delete(profileId);
        });
      return { runId: entry.runId, done: entry.done };
    } catch (e) {
      this.running.delete(profileId);
      throw e;
    }
  }

  /** A fresh, empty cache for the profile (see CacheRegistry.setAside); refused while it syncs. */
  resetCache(profileId: string): { keptAs: string | null } {
    if (this.running.has(profileId)) throw new AppError('conflict', 'A sync of this profile is running; cancel it first.', { profileId });
    this.clients.delete(profileId);
    return { keptAs: this.deps.caches.setAside(profileId, this.deps.clock()) };
  }

  /** Cancels the profile's running sync; false when none runs. */
  cancel(profileId: string): boolean {
    const r = this.running.get(profileId);
    if (!r) return false;
    r.controller.abort();
    return true;
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  status(profileId: string): SyncStatus {
    const r = this.running.get(profileId);
    return {
      running: r !== undefined,
      progress: r?.progress ?? null,
      lastRun: this.deps.caches.exists(profileId) ? this.deps.caches.open(profileId).syncRuns.lastFinished() : null,
    };
  }

  runs(profileId: string, limit = 50): SyncRun[] {
    if (!this.deps.caches.exists(profileId)) return [];
    return this.deps.caches.open(profileId).syncRuns.recent(limit);
  }

  /** Cancels every running sync and waits for them to end (app close). */
  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.done));
  }
}
