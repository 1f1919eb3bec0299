import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotificationsService } from '../../../../../electron/services/notifications/notifications-service';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import type { EventName, EventPayload } from '../../../../../shared/contract';

let dir: string;
let caches: CacheRegistry;
let svc: NotificationsService;
let events: { event: EventName; payload: unknown }[];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-nt-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  events = [];
  svc = new NotificationsService({ caches, emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }) });
  const n = caches.open('p').notifications;
  const now = '2026-01-01T00:00:00.000Z';
  n.put('bank', null, { id: 1, text: 'Ny låntaker', type: 'relationship', createdAt: '2025-12-01T08:00:00' }, {}, now);
  n.put('923609016', '923609016', { id: 2, text: 'Nytt regnskap', type: 'accounting', createdAt: '2025-12-02T08:00:00' }, {}, now);
  n.put('923609016', '923609016', { id: 3, text: 'Nytt regnskap', type: 'accounting', createdAt: '2025-12-03T08:00:00' }, {}, now);
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('NotificationsService', () => {
  it('lists newest first, all or one borrower’s, with the counts of that filter', () => {
    const all = svc.list('p', {});
    expect(all.items.map((i) => i.id)).toEqual([3, 2, 1]);
    expect(all).toMatchObject({ total: 3, unread: 3 });
    expect(svc.list('p', { orgNr: '923609016', limit: 1 })).toMatchObject({ items: [{ id: 3 }], total: 2, unread: 2 });
  });

  it('marks read and says so with the new unread count; marking again changes nothing and says nothing', () => {
    const key = svc.list('p', {}).items[0]!.key;
    expect(svc.markRead('p', [key])).toEqual({ updated: 1 });
    expect(events).toEqual([{ event: 'notifications:changed', payload: { profileId: 'p', unread: 2 } }]);
    expect(svc.markRead('p', [key])).toEqual({ updated: 0 });
    expect(events).toHaveLength(1);
    expect(svc.markRead('p', 'all')).toEqual({ updated: 2 });
    expect(events.at(-1)).toEqual({ event: 'notifications:changed', payload: { profileId: 'p', unread: 0 } });
    expect(svc.markRead('p', [key], false)).toEqual({ updated: 1 });
    expect(svc.list('p', { unreadOnly: true }).items.map((i) => i.key)).toEqual([key]);
  });

  it('gives each notification its borrower’s name, filters by the bank’s own and by type, and pages through all', () => {
    const cache = caches.open('p');
    cache.relationships.upsert(
      '923609016',
      { relationshipId: 'r1', relationshipState: 'access_approved', borrowerCompanyName: 'Bergen Bakeri AS', borrowerContactEmail: null, bankContactEmail: null, relationshipCreatedAt: '2025-01-01T00:00:00.000000' },
      {},
      '2026-01-01T00:00:00.000Z',
    );
    const page = svc.list('p', { limit: 2 });
    expect(page.items.map((i) => [i.id, i.name])).toEqual([
      [3, 'Bergen Bakeri AS'],
      [2, 'Bergen Bakeri AS'],
    ]);
    expect(svc.list('p', { limit: 2, offset: 2 }).items.map((i) => [i.id, i.name])).toEqual([[1, null]]);
    expect(svc.list('p', { bankWide: true })).toMatchObject({ items: [{ id: 1, orgNr: null }], total: 1, unread: 1 });
    expect(svc.list('p', { types: ['accounting'] })).toMatchObject({ total: 2, unread: 3 });
    expect(svc.list('p', { types: ['relationship', 'accounting'] }).total).toBe(3);
    expect(svc.list('p', { types: ['nothing_like_it'] })).toMatchObject({ items: [], total: 0 });
    const summary = svc.summary('p');
    expect(summary.types).toEqual([
      { type: 'accounting', count: 2, unread: 2 },
      { type: 'relationship', count: 1, unread: 1 },
    ]);
    expect(summary.borrowers).toEqual([{ orgNr: '923609016', name: 'Bergen Bakeri AS', count: 2, unread: 2 }]);
    // No sync has run on this cache: nothing was stored as the first sync's history.
    expect(summary.backfill).toBeNull();
  });

  it('stores what is older than the first sync as read (history, not news), keeps it read, and says how many', () => {
    const cache = caches.open('q');
    const first = cache.syncRuns.start('2026-01-10T08:00:00.000Z');
    const n = cache.notifications;
    n.put('bank', null, { id: 1, text: 'Gammel', type: 'information', createdAt: '2025-06-01T08:00:00.000000' }, {}, '2026-01-10T08:00:05.000Z');
    n.put('bank', null, { id: 2, text: 'Like før', type: 'information', createdAt: '2026-01-10T07:59:59.999999' }, {}, '2026-01-10T08:00:05.000Z');
    n.put('bank', null, { id: 3, text: 'Under første synkronisering', type: 'warning', createdAt: '2026-01-10T08:00:01.000000' }, {}, '2026-01-10T08:00:05.000Z');
    expect(svc.list('q', {}).items.map((i) => [i.id, i.read])).toEqual([
      [3, false],
      [2, true],
      [1, true],
    ]);
    expect(svc.summary('q').backfill).toEqual({ count: 2, firstSyncAt: '2026-01-10T08:00:00.000Z' });
    // A later sync: the first one's start still decides; a new notification is news, an old one seen late is not.
    cache.syncRuns.finish(first, '2026-01-10T08:01:00.000Z', { outcome: 'ok', requests: 1, retries: 0, borrowersSynced: 0, borrowersFailed: 0, newSnapshots: 0, newNotifications: 3, message: null, errors: [] });
    cache.syncRuns.start('2026-02-01T08:00:00.000Z');
    n.put('bank', null, { id: 4, text: 'Ny', type: 'information', createdAt: '2026-01-20T08:00:00.000000' }, {}, '2026-02-01T08:00:05.000Z');
    n.put('bank', null, { id: 5, text: 'Gammel, sett sent', type: 'information', createdAt: '2025-12-01T08:00:00.000000' }, {}, '2026-02-01T08:00:05.000Z');
    expect(svc.list('q', { unreadOnly: true }).items.map((i) => i.id)).toEqual([4, 3]);
    // The analyst's mark is kept when Symetrisk sends the notification again.
    svc.markRead('q', [svc.list('q', {}).items.find((i) => i.id === 1)!.key], false);
    n.put('bank', null, { id: 1, text: 'Gammel', type: 'information', createdAt: '2025-06-01T08:00:00.000000' }, {}, '2026-02-01T08:00:06.000Z');
    expect(svc.list('q', {}).items.find((i) => i.id === 1)!.read).toBe(false);
    expect(svc.summary('q').backfill).toEqual({ count: 3, firstSyncAt: '2026-01-10T08:00:00.000Z' });
  });
});
