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
});
