import type { Emit } from '../../../shared/contract';
import type { NotificationRow, NotificationsSummary } from '../../../shared/contract/dto';
import type { NotificationFilter } from '../../db/notifications';
import type { CacheRegistry } from '../portfolio/cache-registry';

export interface NotificationsServiceDeps {
  caches: CacheRegistry;
  /** notifications:changed goes out when the unread count moves, for the navigation badge. */
  emit: Emit;
}

/** The bank's and each borrower's notifications as cached by the sync, with the analyst's read marks. */
export class NotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  /**
   * Newest first, each with its borrower's name; filtered by borrower (or the bank's own), type and read state,
   * one page at a time (`limit`, `offset`); `total` counts the filter, `unread` the borrower filter's unread ones.
   */
  list(profileId: string, opts: NotificationFilter & { limit?: number | undefined; offset?: number | undefined }): { items: NotificationRow[]; total: number; unread: number } {
    return this.deps.caches.open(profileId).notifications.list(opts);
  }

  /** The types and borrowers there are, with their counts, and how many the first sync stored as read. */
  summary(profileId: string): NotificationsSummary {
    const n = this.deps.caches.open(profileId).notifications;
    return { types: n.types(), borrowers: n.borrowers(), backfill: n.backfill() };
  }

  /** Marks notifications read (or unread again); returns how many changed. */
  markRead(profileId: string, keys: readonly number[] | 'all', read = true): { updated: number } {
    const notifications = this.deps.caches.open(profileId).notifications;
    const updated = notifications.markRead(keys === 'all' ? 'all' : [...keys], read);
    if (updated > 0) this.deps.emit('notifications:changed', { profileId, unread: notifications.unread() });
    return { updated };
  }
}
