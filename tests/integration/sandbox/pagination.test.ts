/** Pagination invariants: pages cover totalItems exactly once; page drift is visible in the metadata. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { API_PATHS } from '../../../shared/symetrisk/defaults';
import { api, allPages, start, token } from './helpers';

let sb: Sandbox;
let tok: string;

beforeAll(async () => {
  sb = await start({ borrowers: 230 });
  tok = await token(sb);
});
afterAll(() => sb.close());

describe('pagination', () => {
  it('the default page is limit 100, skip 0, with metadata', async () => {
    const r = await api(sb, tok, API_PATHS.relationships.path());
    const page = r.body as { metadata: Record<string, number>; items: unknown[] };
    expect(page.metadata).toEqual({ limit: 100, skip: 0, returnedItems: 100, totalItems: 230 });
    expect(page.items).toHaveLength(100);
  });

  it.each([3, 7, 100])('pages of %i cover the relationships exactly once', async (limit) => {
    const { items, totals } = await allPages<{ relationshipId: string }>(sb, tok, API_PATHS.relationships.path(), limit);
    expect(new Set(totals)).toEqual(new Set([230]));
    const ids = items.map((i) => i.relationshipId);
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
    expect(ids.sort()).toEqual(sb.control.truth().map((t) => t.relationshipId).sort());
  });

  it('the example in the best-practice text: limit=100&skip=0 then limit=10&skip=100 of 110', async () => {
    const orgNr = sb.control.orgNrs(undefined, 'access_approved')[0]!;
    const total = sb.control.truth().find((t) => t.orgNr === orgNr)!.accountingItems;
    const first = (await api(sb, tok, `${API_PATHS.accountingData.path(orgNr)}?limit=3&skip=0`)).body as { metadata: { totalItems: number } };
    expect(first.metadata.totalItems).toBe(total);
    const rest = (await api(sb, tok, `${API_PATHS.accountingData.path(orgNr)}?limit=${total - 3}&skip=3`)).body as {
      metadata: { returnedItems: number };
    };
    expect(rest.metadata.returnedItems).toBe(total - 3);
    const beyond = (await api(sb, tok, `${API_PATHS.accountingData.path(orgNr)}?skip=${total + 5}`)).body as {
      metadata: { returnedItems: number; totalItems: number };
      items: unknown[];
    };
    expect(beyond.items).toEqual([]);
    expect(beyond.metadata.returnedItems).toBe(0);
  });

  it('accounting data and notifications of every approved borrower page without gaps or doubles', async () => {
    const rows = sb.control.truth().filter((t) => t.state === 'access_approved').slice(0, 25);
    for (const row of rows) {
      const acc = await allPages<{ id: number }>(sb, tok, API_PATHS.accountingData.path(row.orgNr), 4);
      expect(acc.items.length).toBe(row.accountingItems);
      expect(new Set(acc.items.map((i) => i.id)).size).toBe(row.accountingItems);
      const notes = await allPages<{ id: number }>(sb, tok, API_PATHS.borrowerNotifications.path(row.orgNr), 3);
      expect(notes.items.length).toBe(row.notifications);
    }
    const bank = await allPages<{ id: number }>(sb, tok, API_PATHS.notifications.path(), 100);
    expect(bank.items.length).toBe(sb.control.bankNotificationCount());
    expect(new Set(bank.items.map((i) => i.id)).size).toBe(bank.items.length);
  });

  it('lists are newest first: ids and timestamps descend', async () => {
    const rels = await allPages<{ relationshipCreatedAt: string }>(sb, tok, API_PATHS.relationships.path(), 100);
    const times = rels.items.map((r) => r.relationshipCreatedAt);
    expect(times).toEqual([...times].sort().reverse());
    const bank = await allPages<{ id: number }>(sb, tok, API_PATHS.notifications.path(), 100);
    const ids = bank.items.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('shuffled order', () => {
  it('is a seeded permutation, stable across pages and repeated reads', async () => {
    const shuffled = await start({ borrowers: 120, shuffle: true });
    try {
      const t = await token(shuffled);
      const a = await allPages<{ relationshipId: string }>(shuffled, t, API_PATHS.relationships.path(), 13);
      const b = await allPages<{ relationshipId: string }>(shuffled, t, API_PATHS.relationships.path(), 50);
      const ids = a.items.map((i) => i.relationshipId);
      expect(new Set(ids).size).toBe(120);
      expect(b.items.map((i) => i.relationshipId)).toEqual(ids);
      const newestFirst = shuffled.control.truth().map((r) => r.relationshipId);
      expect(ids).not.toEqual(newestFirst);
      expect([...ids].sort()).toEqual([...newestFirst].sort());
    } finally {
      await shuffled.close();
    }
  });
});

describe('page drift', () => {
  it('adds an item at the head between two pages: totalItems grows, one item is seen twice, a re-read converges', async () => {
    const drift = await start({ borrowers: 50, faults: { pageDrift: true } });
    try {
      const t = await token(drift);
      const { items, totals } = await allPages<{ relationshipId: string }>(drift, t, API_PATHS.relationships.path(), 20);
      // Detectable: the metadata's totalItems differs between pages of one listing.
      expect(totals[0]).toBe(50);
      expect(totals[1]).toBe(51);
      const ids = items.map((i) => i.relationshipId);
      expect(ids.length - new Set(ids).size).toBe(1); // the item pushed over the page boundary, seen twice
      expect(drift.control.stats().faultsInjected.pageDrift).toBe(1);
      // Once per listing per fault configuration: a client that restarts the listing gets a stable view.
      const again = await allPages<{ relationshipId: string }>(drift, t, API_PATHS.relationships.path(), 20);
      expect(new Set(again.totals)).toEqual(new Set([51]));
      expect(new Set(again.items.map((i) => i.relationshipId)).size).toBe(51);

      const orgNr = drift.control.orgNrs(undefined, 'access_approved')[0]!;
      const before = drift.control.truth().find((r) => r.orgNr === orgNr)!.accountingItems;
      const acc = await allPages<{ id: number }>(drift, t, API_PATHS.accountingData.path(orgNr), 2);
      expect(acc.totals[0]).toBe(before);
      expect(acc.totals.at(-1)).toBeGreaterThan(before);
    } finally {
      await drift.close();
    }
  });
});
