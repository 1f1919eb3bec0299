import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { notificationSeverity } from '../../../shared/wording';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/** Which borrower's notifications: every one's (''), the bank's own ('bank'), or one org number's. */
export type BorrowerFilter = '' | 'bank' | string;

export interface NotificationFilters {
  borrower: BorrowerFilter;
  /** Types shown; empty: every type. */
  types: string[];
  unreadOnly: boolean;
}

/** A page of the notifications centre: enough to read at a glance, few enough to render at once. */
export const NOTIFICATIONS_PAGE_SIZE = 100;

/**
 * The notifications centre of the active profile: every notification reachable page by page, filtered by borrower
 * (or the bank's own), type and read state; the types and borrowers there are (notifications:summary, so the type
 * filter offers whatever types exist, the app's own included); read marks; and the unread badge.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const items = shallowRef<dto.NotificationRow[]>([]);
  /** Notifications that match the filters (every page). */
  const matching = ref(0);
  /** Unread notifications of the borrower filter (whatever the type and read filters). */
  const filteredUnread = ref(0);
  /** Every unread notification of the profile: the navigation badge. */
  const unread = ref(0);
  const filters = ref<NotificationFilters>({ borrower: '', types: [], unreadOnly: false });
  /** 0-based page shown. */
  const page = ref(0);
  const summary = shallowRef<dto.NotificationsSummary | null>(null);
  let unsubscribe: (() => void) | null = null;
  /** Whose notifications are in `items`. */
  let loadedFor: string | null = null;

  const pages = computed(() => Math.max(1, Math.ceil(matching.value / NOTIFICATIONS_PAGE_SIZE)));
  /** The 1-based positions of the first and last notification shown, for "101–200 av 23 292". */
  const range = computed(() => ({
    from: matching.value === 0 ? 0 : page.value * NOTIFICATIONS_PAGE_SIZE + 1,
    to: Math.min(matching.value, (page.value + 1) * NOTIFICATIONS_PAGE_SIZE),
  }));
  /** The types there are, the warnings first: the type filter's choices. */
  const types = computed(() =>
    [...(summary.value?.types ?? [])].sort((a, b) => Number(notificationSeverity(b.type) === 'warning') - Number(notificationSeverity(a.type) === 'warning')),
  );

  function listInput(profileId: string): Parameters<ReturnType<typeof useApi>['notifications']['list']>[0] {
    const f = filters.value;
    const input: Parameters<ReturnType<typeof useApi>['notifications']['list']>[0] = {
      profileId,
      limit: NOTIFICATIONS_PAGE_SIZE,
      offset: page.value * NOTIFICATIONS_PAGE_SIZE,
    };
    if (f.borrower === 'bank') input.bankWide = true;
    else if (f.borrower) input.orgNr = f.borrower;
    if (f.unreadOnly) input.unreadOnly = true;
    if (f.types.length) input.types = [...f.types];
    return input;
  }

  /** Loads the page shown under the filters; a change of filter (given here) goes back to the first page. */
  async function load(change: Partial<NotificationFilters> & { page?: number } = {}): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const { page: nextPage, ...filterChange } = change;
    if (Object.keys(filterChange).length) {
      filters.value = { ...filters.value, ...filterChange };
      page.value = 0;
    }
    if (nextPage !== undefined) page.value = Math.max(0, nextPage);
    const r = await run(() => useApi().notifications.list(listInput(profileId)));
    if (!r || settings.activeProfileId !== profileId) return;
    // A page past the end (the list shrank: marked read under "unread only"): the last page there is.
    if (r.items.length === 0 && r.total > 0 && page.value > 0) {
      page.value = Math.ceil(r.total / NOTIFICATIONS_PAGE_SIZE) - 1;
      return load();
    }
    items.value = r.items;
    matching.value = r.total;
    filteredUnread.value = r.unread;
    if (!filters.value.borrower) unread.value = r.unread;
    loadedFor = profileId;
  }

  /** The types and borrowers there are, and the first sync's history. */
  async function loadSummary(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const s = await run(() => useApi().notifications.summary({ profileId }));
    if (s && settings.activeProfileId === profileId) summary.value = s;
  }

  /** Opens the centre: its filters as they were, the first page, and what it filters by. */
  async function open(): Promise<void> {
    if (loadedFor !== null && loadedFor !== settings.activeProfileId) {
      filters.value = { borrower: '', types: [], unreadOnly: false };
      page.value = 0;
    }
    await Promise.all([load(), loadSummary()]);
  }

  /** The cache changed (see invalidation.ts): the badge, and the list as filtered where one is loaded. */
  async function reload(): Promise<void> {
    if (loadedFor !== null && loadedFor === settings.activeProfileId) await Promise.all([load(), loadSummary(), loadUnreadCount()]);
    else await loadUnreadCount();
  }

  /** The unread count for the navigation badge, kept fresh by notifications:changed. */
  async function loadUnreadCount(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    try {
      const r = await useApi().notifications.list({ profileId, limit: 1, unreadOnly: true });
      unread.value = r.unread;
    } catch {
      // The badge is a hint; the notifications view shows any error.
    }
  }

  function listen(): void {
    unsubscribe ??= useApi().notifications.onChanged((e) => {
      if (e.profileId === settings.activeProfileId) unread.value = e.unread;
    });
  }
  function stopListening(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  /** Marks notifications read or unread: these keys, or every notification ('all'). The marks are stored. */
  async function markRead(keys: number[] | 'all', read = true): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (Array.isArray(keys) && keys.length === 0) return;
    const r = await run(() => useApi().notifications.markRead({ profileId, keys, read }));
    if (!r) return;
    const set = keys === 'all' ? null : new Set(keys);
    items.value = items.value.map((n) => (set === null || set.has(n.key) ? { ...n, read } : n));
    if (loadedFor === profileId) await Promise.all([load(), loadSummary(), loadUnreadCount()]);
    else await loadUnreadCount();
  }

  return {
    status,
    error,
    items,
    total: matching,
    filteredUnread,
    unread,
    filters,
    page,
    pages,
    range,
    summary,
    types,
    load,
    loadSummary,
    open,
    loadUnreadCount,
    reload,
    listen,
    stopListening,
    markRead,
  };
});
