import type { Emit } from '../../../shared/contract';
import type { NotificationRow } from '../../../shared/contract/dto';
import type { CacheRegistry } from '../portfolio/cache-registry';

export interface NotificationsServiceDeps {
  caches: CacheRegistry;
  /** notifications:changed goes out when the unread count moves, for the navigation badge. */
  emit: Emit;
}

/** The bank's and each borrower's notifications as cached by the sync, with the analyst's read marks. */
export class NotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  /** Newest first; with `orgNr` one borrower's, with `unreadOnly` the unread ones; `total` and `unread` of the same filter. */
  list(
    profileId: string,
    opts: { orgNr?: string | undefined; unreadOnly?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
  ): { items: NotificationRow[]; total: number; unread: number } {
    return this.deps.caches.open(profileId).notifications.list(opts);
  }

  /** Marks notifications read (or unread again); returns how many changed. */
  markRead(profileId: string, keys: readonly number[] | 'all', read = true): { updated: number } {
    const notifications = this.deps.caches.open(profileId).notifications;
    const updated = notifications.markRead(keys === 'all' ? 'all' : [...keys], read);
    if (updated > 0) this.deps.emit('notifications:changed', { profileId, unread: notifications.unread() });
    return { updated };
  }
}
