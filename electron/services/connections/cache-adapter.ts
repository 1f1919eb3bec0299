/**
 * What the connections service needs from a profile's cache, which belongs to the portfolio/sync side: the
 * composition root passes the cache registry's view of it (cacheAdapterFor).
 */
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
