import { openDatabase, type Db } from './connection';
import { accessRequestsRepo } from './access-requests';
import { followedRepo } from './followed';
import { limitsRepo } from './limits';
import { notificationsRepo } from './notifications';
import { portfolioGridRepo } from './portfolio-grid';
import { portfolioRowsRepo } from './portfolio-rows';
import { registryRepo } from './registry';
import { relationshipsRepo } from './relationships';
import { snapshotsRepo } from './snapshots';
import { syncRunsRepo } from './sync-runs';
import { workflowRepo } from './workflow';
import { unlinkedRelationshipsRepo } from './unlinked-relationships';

/** One profile's cache: the open database and a repository per table, their statements prepared once. */
export interface Cache {
  readonly profileId: string;
  readonly file: string;
  readonly db: Db;
  readonly relationships: ReturnType<typeof relationshipsRepo>;
  /** Relationships of the bank's list that no org number keys yet. */
  readonly unlinked: ReturnType<typeof unlinkedRelationshipsRepo>;
  readonly snapshots: ReturnType<typeof snapshotsRepo>;
  readonly notifications: ReturnType<typeof notificationsRepo>;
  readonly followed: ReturnType<typeof followedRepo>;
  readonly accessRequests: ReturnType<typeof accessRequestsRepo>;
  readonly syncRuns: ReturnType<typeof syncRunsRepo>;
  readonly limits: ReturnType<typeof limitsRepo>;
  readonly portfolioRows: ReturnType<typeof portfolioRowsRepo>;
  /** The portfolio grid's index: sort keys, filters, search and each row's decoration (migration 0009). */
  readonly grid: ReturnType<typeof portfolioGridRepo>;
  /** The analyst's notes, watch-list, assignments and assessments (versions only, never changed). */
  readonly workflow: ReturnType<typeof workflowRepo>;
  /** The registry's units, filings, look-ups and feed cursor (migration 0004; docs/registry.md). */
  readonly registry: ReturnType<typeof registryRepo>;
  close(): void;
}

/**
 * Opens (creating and migrating) a profile's cache file. A run left 'running' by a crash is closed as failed:
 * nothing else of it remains, because every borrower was written in its own transaction.
 */
export function openCache(profileId: string, file: string, options: { reader?: boolean } = {}): Cache {
  const db = openDatabase(file);
  const syncRuns = syncRunsRepo(db, profileId);
  // A second connection that only reads (the pack worker) must leave a sync that is running now alone.
  if (!options.reader) syncRuns.abandonRunning();
  return {
    profileId,
    file,
    db,
    relationships: relationshipsRepo(db),
    unlinked: unlinkedRelationshipsRepo(db),
    snapshots: snapshotsRepo(db),
    notifications: notificationsRepo(db),
    followed: followedRepo(db),
    accessRequests: accessRequestsRepo(db),
    syncRuns,
    limits: limitsRepo(db),
    portfolioRows: portfolioRowsRepo(db),
    grid: portfolioGridRepo(db),
    workflow: workflowRepo(db),
    registry: registryRepo(db),
    close() {
      if (db.open) db.close();
    },
  };
}
