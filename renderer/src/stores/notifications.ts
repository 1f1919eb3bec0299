import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/** Notifications of the active profile: all or one borrower's, unread marks, mark read. */
export const useNotificationsStore = defineStore('notifications', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const items = shallowRef<dto.NotificationRow[]>([]);
  const total = ref(0);
  const unread = ref(0);
  const orgNr = ref<string | null>(null);
  const unreadOnly = ref(false);
  const pageSize = 200;
  let unsubscribe: (() => void) | null = null;
  /** Whose notifications are in `items`. */
  let loadedFor: string | null = null;

  async function load(opts: { orgNr?: string | null; unreadOnly?: boolean } = {}): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (opts.orgNr !== undefined) orgNr.value = opts.orgNr;
    if (opts.unreadOnly !== undefined) unreadOnly.value = opts.unreadOnly;
    const input: Parameters<ReturnType<typeof useApi>['notifications']['list']>[0] = { profileId, limit: pageSize };
    if (orgNr.value) input.orgNr = orgNr.value;
    if (unreadOnly.value) input.unreadOnly = true;
    const r = await run(() => useApi().notifications.list(input));
    if (!r) return;
    items.value = r.items;
    total.value = r.total;
    unread.value = r.unread;
    loadedFor = profileId;
  }

  /** The cache changed (see invalidation.ts): the badge, and the list as filtered where one is loaded. */
  async function reload(): Promise<void> {
    await (loadedFor !== null && loadedFor === settings.activeProfileId ? load() : loadUnreadCount());
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

  async function markRead(keys: number[] | 'all', read = true): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (Array.isArray(keys) && keys.length === 0) return;
    const r = await run(() => useApi().notifications.markRead({ profileId, keys, read }));
    if (!r) return;
    const set = keys === 'all' ? null : new Set(keys);
    items.value = items.value.map((n) => (set === null || set.has(n.key) ? { ...n, read } : n));
    await loadUnreadCount();
  }

  return { status, error, items, total, unread, orgNr, unreadOnly, load, loadUnreadCount, reload, listen, stopListening, markRead };
});
