import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/db/cache';
import type { AccountingItem, Relationship } from '../../../../shared/symetrisk/schemas';

let dir: string;
let cache: Cache;
const NOW = '2026-01-01T00:00:00.000Z';
const rel: Relationship = {
  relationshipId: 'r1',
  relationshipState: 'access_approved',
  borrowerCompanyName: 'Borrower 1',
  borrowerContactEmail: 'b@example.com',
  bankContactEmail: 'bank@example.com',
  relationshipCreatedAt: '2025-01-01T00:00:00.000000',
};
function item(id: number, revenues: number, snapshotDate = '2025-08-14'): AccountingItem {
  return {
    id,
    data: {
      symetrisk_real_time_accounts_format_version: '2025-09-19',
      year: 2025,
      start_date: '2025-01-01',
      end_date: snapshotDate,
      days_included: 226,
      p_and_l_items: {
        revenues,
        expenses: 1,
        ebitda: revenues - 1,
        ebit: revenues - 1,
        interest_income: 0,
        interest_expenses: 0,
        taxes: 0,
        depreciation: 0,
        amortization: 0,
        depreciation_and_amortization: 0,
        other_financial_income: 0,
        other_financial_expenses: 0,
        net_profit: revenues - 1,
      },
      balance_items: { equity: 5, interest_bearing_debt: 0, net_interest_bearing_debt: -1, total_assets: 10 },
    },
    snapshotDate,
    fetchedAt: '2025-10-10T00:00:00.00000',
    origin: 'api',
    accountingSystem: 'fiken',
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-snap-'));
  cache = openCache('p', path.join(dir, 'c.sqlite'));
  cache.relationships.upsert('923609016', rel, rel, NOW);
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('stores an item once, however often it comes back, and counts it new once', () => {
  const a = item(1, 100);
  expect(cache.snapshots.put('923609016', a, a, NOW)).toBe(true);
  expect(cache.snapshots.put('923609016', a, { ...a }, '2026-02-01T00:00:00.000Z')).toBe(false);
  const all = cache.snapshots.ofBorrower('923609016');
  expect(all).toHaveLength(1);
  expect(all[0]!.lastSeenAt).toBe('2026-02-01T00:00:00.000Z');
  expect(all[0]!.firstSeenAt).toBe(NOW);
});

it('keeps both versions when the same item id comes back with other content', () => {
  cache.snapshots.put('923609016', item(1, 100), item(1, 100), NOW);
  expect(cache.snapshots.put('923609016', item(1, 120), item(1, 120), NOW)).toBe(true);
  expect(cache.snapshots.ofBorrower('923609016').map((s) => s.data.p_and_l_items.revenues).sort()).toEqual([100, 120]);
  expect(cache.snapshots.known('923609016').get(1)?.size).toBe(2);
});

it('keeps unknown fields in the raw JSON and returns them in the snapshot data', () => {
  const raw = { ...item(2, 50), data: { ...item(2, 50).data, new_field: 'x' } };
  cache.snapshots.put('923609016', item(2, 50), raw, NOW);
  expect((cache.snapshots.ofBorrower('923609016')[0]!.data as Record<string, unknown>).new_field).toBe('x');
});

it('maintains the latest snapshot per borrower (snapshotDate, then fetchedAt, then id)', () => {
  cache.snapshots.put('923609016', item(1, 100, '2025-06-30'), item(1, 100, '2025-06-30'), NOW);
  cache.snapshots.put('923609016', item(2, 200, '2025-08-14'), item(2, 200, '2025-08-14'), NOW);
  cache.relationships.refreshLatest('923609016');
  const key = cache.relationships.get('923609016')!.latest_snapshot_key!;
  expect(cache.snapshots.get(key)!.snapshot.itemId).toBe(2);
});

it('marks a relationship lost once it loses access, and clears it when access returns', () => {
  cache.relationships.upsert('923609016', { ...rel, relationshipState: 'access_revoked' }, rel, NOW);
  expect(cache.relationships.get('923609016')!.lost).toBe(1);
  cache.relationships.upsert('923609016', rel, rel, NOW);
  expect(cache.relationships.get('923609016')!.lost).toBe(0);
});
