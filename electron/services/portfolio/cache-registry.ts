import fs from 'node:fs';
import path from 'node:path';
import type { SyncRun } from '../../../shared/contract/dto';
import { openCache, type Cache } from '../../db/cache';
import { deleteDatabaseFiles, setAsideDatabaseFiles } from '../../db/connection';
import type { ProfileCacheAdapter, RunMark } from '../connections/cache-adapter';

/**
 * One open cache per profile, reused by every service and closed on app close. The connections service uses
 * `lastSyncRun` for connections:list and `deleteCache` for connections:remove.
 */
export class CacheRegistry {
  private readonly open_ = new Map<string, Cache>();

  /** @param pathOf where a profile's cache lives: `<dataDir>/cache/<profileId>.sqlite` (ConnectionResolver.cachePath). */
  constructor(private readonly pathOf: (profileId: string) => string) {}

  /** The profile's cache, opened (created and migrated) on first use. Throws AppError('storage') for a bad file. */
  open(profileId: string): Cache {
    let c = this.open_.get(profileId);
    if (!c || !c.db.open) {
      c = openCache(profileId, this.pathOf(profileId));
      this.open_.set(profileId, c);
    }
    return c;
  }

  /** True when the profile has a cache file (without creating one). */
  exists(profileId: string): boolean {
    return this.open_.has(profileId) || fs.existsSync(this.pathOf(profileId));
  }

  /** The last finished (or running) sync run, or null when the profile never synced; creates no file. */
  lastSyncRun(profileId: string): SyncRun | null {
    if (!this.exists(profileId)) return null;
    return this.open(profileId).syncRuns.last();
  }

  /** Closes the profile's cache and removes its files (the database, its WAL and shared-memory files). */
  deleteCache(profileId: string): boolean {
    this.close(profileId);
    return deleteDatabaseFiles(this.pathOf(profileId));
  }

  /**
   * Starts a fresh cache for the profile: the current file (damaged, foreign or simply unwanted) is closed and kept
   * beside it under a new name, never overwritten or deleted; the next open creates an empty cache. Returns the
   * kept file's name, or null when there was none.
   */
  setAside(profileId: string, now: Date): string | null {
    this.close(profileId);
    const file = this.pathOf(profileId);
    if (!fs.existsSync(file)) return null;
    const kept = `${path.basename(file)}.set-aside-${now.toISOString().replace(/[:.]/g, '-')}`;
    return setAsideDatabaseFiles(file, kept) ? kept : null;
  }

  close(profileId: string): void {
    this.open_.get(profileId)?.close();
    this.open_.delete(profileId);
  }

  closeAll(): void {
    for (const id of [...this.open_.keys()]) this.close(id);
  }
}

/**
 * The registry as the connections service's ProfileCacheAdapter (connections:list shows the last sync and the last
 * attempt, connections:remove deletes the cache).
 */
export function cacheAdapterFor(registry: CacheRegistry): ProfileCacheAdapter {
  const mark = (run: SyncRun | null): RunMark | null =>
    run && run.outcome !== 'running' ? { at: run.endedAt ?? run.startedAt, outcome: run.outcome } : null;
  return {
    async syncMarks(profileId) {
      if (!registry.exists(profileId)) return { lastSynced: null, lastAttempt: null };
      const runs = registry.open(profileId).syncRuns;
      return { lastSynced: mark(runs.lastSynced()), lastAttempt: mark(runs.lastFinished()) };
    },
    async deleteCache(profileId) {
      registry.deleteCache(profileId);
    },
  };
}
