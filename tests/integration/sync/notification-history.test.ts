/**
 * The first sync brings a borrower portfolio's history of notifications: stored read (it is not news), and counted
 * as such; what Symetrisk says after the first sync started is unread. Against the sandbox on today's clock, as the
 * Demo runs.
 */
import { afterEach, expect, it } from 'vitest';
import { rig, type Rig } from './helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

it('stores the first sync’s history as read and what comes after it as unread', async () => {
  r = await rig({ now: new Date() });
  const first = await r.sync();
  expect(first.outcome).toBe('ok');
  const n = r.cache.notifications;
  const total = n.count();
  expect(first.newNotifications).toBe(total);
  expect(total).toBeGreaterThan(20);
  expect(n.unread()).toBe(0);
  expect(n.backfill()).toEqual({ count: total, firstSyncAt: expect.any(String) });

  // A borrower revokes access after the first sync: the bank's notification of it is news.
  const [approved] = r.sandbox.control.orgNrs(undefined, 'access_approved');
  r.sandbox.control.setRelationshipState(approved!, 'access_revoked');
  const second = await r.sync();
  expect(second.newNotifications).toBeGreaterThan(0);
  const unread = n.list({ unreadOnly: true });
  expect(unread.total).toBe(second.newNotifications);
  expect(unread.items.map((i) => i.text).join(' ')).toMatch(/revoked/);
  // The history is still the first sync's, read.
  expect(n.backfill()!.count).toBe(total);
});
