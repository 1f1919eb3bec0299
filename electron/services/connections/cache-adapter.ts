/**
 * What the connections service needs from a profile's cache, which belongs to the portfolio/sync side. The
 * container fills it with the portfolio service; until then (and in tests of this side alone) the file-based
 * fallback below knows no sync runs and deletes the cache files.
 */
import fs from 'node:fs';

export type LastSyncOutcome = 'ok' | 'partial' | 'failed' | 'cancelled';

export interface RunMark {
  at: string;
  outcome: LastSyncOutcome;
}

export interface ProfileCacheAdapter {
  /**
   * A profile's sync runs as the profile shows them: `lastSynced` the newest run that fetched data (ok or partial,
   * Profile.lastSyncAt), `lastAttempt` the newest finished run of any outcome (Profile.lastAttemptAt); null when none.
   */
  syncMarks(profileId: string): Promise<{ lastSynced: RunMark | null; lastAttempt: RunMark | null }>;
  /** Closes the profile's cache if open and deletes its files. */
  deleteCache(profileId: string): Promise<void>;
}

export function fileCacheAdapter(cachePath: (profileId: string) => string): ProfileCacheAdapter {
  return {
    async syncMarks() {
      return { lastSynced: null, lastAttempt: null };
    },
    async deleteCache(profileId) {
      const file = cachePath(profileId);
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
