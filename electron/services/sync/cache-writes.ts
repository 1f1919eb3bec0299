import type { AccountingItem, Notification, Relationship } from '../../../shared/symetrisk/schemas';
import { accessRequestsRepo, type UncertainOutcome } from '../../db/access-requests';
import type { Cache } from '../../db/cache';
import type { Db } from '../../db/connection';
import { followedRepo, type FollowedCheck } from '../../db/followed';
import { notificationsRepo } from '../../db/notifications';
import { relationshipsRepo } from '../../db/relationships';
import { snapshotsRepo } from '../../db/snapshots';
import { unlinkedRelationshipsRepo } from '../../db/unlinked-relationships';
import type { Fetched } from './listing';

/**
 * One listing's write, as data: the sync engine reads, and whoever holds the write connection (this thread, or the
 * cache-writer worker) writes. Everything here survives structured cloning.
 */
export type CacheWrite =
  | {
      kind: 'relationships';
      upserts: { orgNr: string; item: Relationship; raw: unknown }[];
      /** Known relationships Symetrisk no longer has: marked lost, their data kept. */
      lost: string[];
      /**
       * The list's relationships no org number keys, when the whole list was read: they replace the stored set (one
       * a number now keys, or the list no longer holds, is removed). Absent (a relationship marked lost mid-sync):
       * the stored set stays.
       */
      unlinked?: Fetched<Relationship>[];
      /** What the look-up of each followed number found (linked, not found, refused). */
      followedChecks?: FollowedCheck[];
      /** Uncertain access requests the look-ups settled; a confirmed one's number is followed. */
      accessOutcomes?: UncertainOutcome[];
      at: string;
    }
  | {
      kind: 'notifications';
      scope: string;
      orgNr: string | null;
      items: Fetched<Notification>[];
      at: string;
      /** How many of the items were not stored before the read (the engine knows; counted for the run). */
      added: number;
    }
  | { kind: 'accounting'; orgNr: string; items: Fetched<AccountingItem>[]; at: string };

/** The repositories a write needs: the whole Cache in this thread, or the writer worker's own set. */
export type WriteTarget = Pick<Cache, 'db' | 'snapshots' | 'notifications' | 'relationships' | 'unlinked' | 'followed' | 'accessRequests'>;

/** The write repositories over a connection of their own (the writer worker's; never `openCache`, which closes running runs). */
export function writeTarget(db: Db): WriteTarget {
  return {
    db,
    snapshots: snapshotsRepo(db),
    notifications: notificationsRepo(db),
    relationships: relationshipsRepo(db),
    unlinked: unlinkedRelationshipsRepo(db),
    followed: followedRepo(db),
    accessRequests: accessRequestsRepo(db),
  };
}

/**
 * Writes one listing; returns how many new rows (snapshots or notifications) it added, or the relationships it
 * stored. Run inside a transaction.
 */
export function applyWrite(t: WriteTarget, w: CacheWrite): number {
  if (w.kind === 'relationships') {
    for (const u of w.upserts) t.relationships.upsert(u.orgNr, u.item, u.raw, w.at);
    for (const orgNr of w.lost) t.relationships.markLost(orgNr);
    if (w.unlinked) t.unlinked.replaceAll(w.unlinked, w.at);
    for (const o of w.accessOutcomes ?? []) {
      // The request went through after all: its borrower is followed, as an accepted request's is.
      if (t.accessRequests.settle(o, w.at) > 0 && o.state === 'confirmed') t.followed.add(o.orgNr, 'access_request', w.at);
    }
    for (const c of w.followedChecks ?? []) t.followed.setCheck(c, w.at);
    return w.upserts.length;
  }
  if (w.kind === 'notifications') {
    for (const f of w.items) t.notifications.put(w.scope, w.orgNr, f.item, f.raw, w.at);
    return w.added;
  }
  // All of a borrower's items, its latest snapshot and its fetch time, or nothing.
  let added = 0;
  for (const f of w.items) if (t.snapshots.put(w.orgNr, f.item, f.raw, w.at)) added++;
  t.relationships.refreshLatest(w.orgNr);
  t.relationships.setFetched(w.orgNr, w.at);
  return added;
}

export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs writes in one transaction, each inside its own savepoint: a write that throws is rolled back alone and
 * reported; the others commit. Throws (and nothing of the batch is written) when BEGIN or COMMIT fails, or when
 * SQLite rolled the whole transaction back (disk full, I/O error).
 */
export function commitBatch<W, T>(db: Db, writes: readonly W[], run: (w: W) => T): BatchResult<T>[] {
  const results: BatchResult<T>[] = [];
  db.transaction(() => {
    for (const w of writes) {
      try {
        // Nested: better-sqlite3 runs it as a SAVEPOINT, rolled back alone when it throws.
        results.push({ ok: true, value: db.transaction(() => run(w))() });
      } catch (error) {
        if (!db.inTransaction) throw error;
        results.push({ ok: false, error });
      }
    }
  }).immediate();
  return results;
}
