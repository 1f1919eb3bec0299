/**
 * PostgreSQL advisory locks of the team database, as (namespace, key) pairs: the namespace is "desk" in ASCII, so
 * they do not meet another program's locks in the same database by accident.
 */
export const LOCK_NAMESPACE = 0x6465736b;

export const LOCKS = {
  /** Held by the migration runner for each migration's transaction. */
  migrations: 1,
  /** Held from a writer's first stamped row to its commit (see migration 0001, desk.stamp_change). */
  changes: 2,
  /** Held by a team sync for its whole run, on a session of its own: one team sync at a time. */
  sync: 3,
} as const;
