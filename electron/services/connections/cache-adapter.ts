/**
 * What the connections service needs from a profile's cache, which belongs to the portfolio/sync side: the
 * composition root passes the cache registry's view of it (cacheAdapterFor).
 */
export type LastSyncOutcome = 'ok' | 'partial' | 'failed' | 'cancelled';

export interface ProfileCacheAdapter {
  /** The newest finished sync run of a profile, for Profile.lastSyncAt/lastSyncOutcome; null when none. */
  lastSyncRun(profileId: string): Promise<{ at: string; outcome: LastSyncOutcome } | null>;
  /** Closes the profile's cache if open and deletes its files. */
  deleteCache(profileId: string): Promise<void>;
}
