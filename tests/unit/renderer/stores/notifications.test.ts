import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { NOTIFICATIONS_PAGE_SIZE, useNotificationsStore } from '../../../../renderer/src/stores/notifications';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import type { dto } from '../../../../shared/contract';
import { fakeApi, SETTINGS } from '../fake-api';

/** A main side in memory: 250 notifications (every tenth a warning, every fifth the bank's own), filtered and paged as the cache does. */
function notificationsApi() {
  const rows: dto.NotificationRow[] = Array.from({ length: 250 }, (_, i) => ({
    key: i + 1,
    id: i + 1,
    orgNr: i % 5 === 0 ? null : i % 2 ? '923609016' : '974760673',
    name: i % 5 === 0 ? null : i % 2 ? 'Bergen Bakeri AS' : 'Fjord Fisk AS',
    text: `Melding ${i + 1}`,
    type: i % 10 === 0 ? 'warning' : 'data_refresh',
    createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}`,
    read: false,
  }));
  const fake = fakeApi({
    settings: { get: async () => SETTINGS },
    notifications: {
      list: async (input) => {
        const match = rows.filter(
          (r) =>
            (!input.orgNr || r.orgNr === input.orgNr) &&
            (!input.bankWide || r.orgNr === null) &&
            (!input.unreadOnly || !r.read) &&
            (!input.types?.length || input.types.includes(r.type)),
        );
        const byBorrower = rows.filter((r) => (!input.orgNr || r.orgNr === input.orgNr) && (!input.bankWide || r.orgNr === null));
        const offset = input.offset ?? 0;
        return { items: match.slice(offset, offset + (input.limit ?? 200)), total: match.length, unread: byBorrower.filter((r) => !r.read).length };
      },
      summary: async () => ({
        types: [
          { type: 'data_refresh', count: 225, unread: 225 },
          { type: 'warning', count: 25, unread: 25 },
        ],
        borrowers: [{ orgNr: '923609016', name: 'Bergen Bakeri AS', count: 100, unread: 100 }],
        backfill: { count: 240, firstSyncAt: '2026-01-02T08:00:00.000Z' },
      }),
      markRead: async ({ keys, read }) => {
        let updated = 0;
        for (const r of rows) {
          if ((keys === 'all' || keys.includes(r.key)) && r.read !== (read ?? true)) {
            r.read = read ?? true;
            updated++;
          }
        }
        return { updated };
      },
    },
  });
  return { fake, rows };
}

describe('notifications store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('reaches every notification page by page, under filters that start again on the first page', async () => {
    const { fake } = notificationsApi();
    setApi(fake.api);
    await useSettingsStore().load();
    const n = useNotificationsStore();
    await n.open();
    expect(n.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(n.total).toBe(250);
    expect(n.pages).toBe(3);
    expect(n.range).toEqual({ from: 1, to: 100 });
    // The types the summary names, the warnings first: the type filter is built from them.
    expect(n.types.map((t) => t.type)).toEqual(['warning', 'data_refresh']);
    const seen = new Set<number>();
    for (let p = 0; p < n.pages; p++) {
      await n.load({ page: p });
      n.items.forEach((i) => seen.add(i.key));
    }
    expect(seen.size).toBe(250);
    expect(n.range).toEqual({ from: 201, to: 250 });

    await n.load({ types: ['warning'] });
    expect(n.page).toBe(0);
    expect(n.total).toBe(25);
    expect(n.items.every((i) => i.type === 'warning')).toBe(true);
    expect(fake.calls.at(-1)!.input).toEqual({ profileId: 'demo', limit: 100, offset: 0, types: ['warning'] });

    await n.load({ types: [], borrower: 'bank' });
    expect(n.items.every((i) => i.orgNr === null)).toBe(true);
    expect(fake.calls.at(-1)!.input).toMatchObject({ bankWide: true });
    await n.load({ borrower: '923609016' });
    expect(fake.calls.at(-1)!.input).toEqual({ profileId: 'demo', limit: 100, offset: 0, orgNr: '923609016' });
    expect(n.items.every((i) => i.name === 'Bergen Bakeri AS')).toBe(true);
  });

  it('keeps read marks, counts what is still unread, and follows notifications:changed for the badge', async () => {
    const { fake, rows } = notificationsApi();
    setApi(fake.api);
    await useSettingsStore().load();
    const n = useNotificationsStore();
    n.listen();
    await n.open();
    expect(n.unread).toBe(250);
    await n.markRead([1, 2]);
    expect(rows.filter((r) => r.read).map((r) => r.key)).toEqual([1, 2]);
    expect(n.items.find((i) => i.key === 1)!.read).toBe(true);
    expect(n.filteredUnread).toBe(248);
    // Under "unread only" a page past the end after marking falls back to the last page there is.
    await n.load({ unreadOnly: true, page: 2 });
    expect(n.items.map((i) => i.key)).not.toContain(1);
    await n.markRead(n.items.map((i) => i.key));
    expect(n.page).toBe(1);
    expect(n.items.length).toBeGreaterThan(0);
    fake.emit('notifications:changed', { profileId: 'demo', unread: 5 });
    expect(n.unread).toBe(5);
    fake.emit('notifications:changed', { profileId: 'other', unread: 9 });
    expect(n.unread).toBe(5);
  });
});
