/**
 * What the connections service needs from a profile's cache, which belongs to the portfolio/sync side. The
 * container fills it with the portfolio service; until then (and in tests of this side alone) the file-based
 * fallback below knows no sync runs and deletes the cache files.
 */
import { deleteDatabaseFiles } from '../../db/connection';

export type LastSyncOutcome = 'ok' | 'partial' | 'failed' | 'cancelled';

export interface ProfileCacheAdapter {
  /** The newest finished sync run of a profile, for Profile.lastSyncAt/lastSyncOutcome; null when none. */
  lastSyncRun(profileId: string): Promise<{ at: string; outcome: LastSyncOutcome } | null>;
  /** Closes the profile's cache if open and deletes its files. */
  deleteCache(profileId: string): Promise<void>;
}

export function fileCacheAdapter(cachePath: (profileId: string) => string): ProfileCacheAdapter {
  return {
    async lastSyncRun() {
      return null;
    },
    async deleteCache(profileId) {
      deleteDatabaseFiles(cachePath(profileId));
    },
  };
}
