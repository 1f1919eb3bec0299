import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { defaultComparePair, useBorrowerStore } from '../../../../renderer/src/stores/borrower';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';
import type { dto } from '../../../../shared/contract';

function snap(key: number, year: number, endDate: string, daysIncluded: number, fetchedAt: string): dto.Snapshot {
  const startDate = `${year}-01-01`;
  const data = { year, start_date: startDate, end_date: endDate, days_included: daysIncluded } as dto.Snapshot['data'];
  return { key, itemId: key, orgNr: '923609016', year, startDate, endDate, daysIncluded, snapshotDate: endDate, fetchedAt, accountingSystem: 'fiken', origin: 'x', formatVersion: '2025-09-19', data, firstSeenAt: fetchedAt, lastSeenAt: fetchedAt };
}

describe('borrower store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('defaults to the latest YTD against the prior year pro rata', () => {
    const p = defaultComparePair([snap(1, 2024, '2024-12-31', 366, '2025-01-05T00:00:00'), snap(2, 2025, '2025-06-30', 181, '2025-07-02T00:00:00')]);
    expect(p).toEqual({ a: 1, b: 2, mode: 'pro_rata', reason: 'ytd_vs_prior_year' });
  });

  it('counts a leap year’s 366 days: 365 days of 2024 are a year to date, 365 of 2025 the full year', () => {
    const prior = snap(1, 2023, '2023-12-31', 365, '2024-01-05T00:00:00');
    expect(defaultComparePair([prior, snap(2, 2024, '2024-12-30', 365, '2025-01-02T00:00:00')])?.reason).toBe('ytd_vs_prior_year');
    const full = defaultComparePair([snap(1, 2024, '2024-12-31', 366, '2025-01-05T00:00:00'), snap(2, 2025, '2025-12-31', 365, '2026-01-02T00:00:00')]);
    expect(full).toEqual({ a: 1, b: 2, mode: 'raw', reason: 'latest_two' });
  });

  it('defaults to the previous fetch of the same year when there is no prior year', () => {
    const p = defaultComparePair([snap(1, 2025, '2025-03-31', 90, '2025-04-02T00:00:00'), snap(2, 2025, '2025-06-30', 181, '2025-07-02T00:00:00')]);
    expect(p).toEqual({ a: 1, b: 2, mode: 'raw', reason: 'fetch_vs_previous_fetch' });
    expect(defaultComparePair([snap(1, 2025, '2025-03-31', 90, '2025-04-02T00:00:00')])).toBeNull();
  });

  it('loads a borrower, compares two snapshots and saves covenants', async () => {
    const detail = { relationship: { orgNr: '923609016' }, snapshots: [], notifications: [], row: null, evaluations: [], covenants: null } as unknown as dto.BorrowerDetail;
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      portfolio: {
        borrower: async () => detail,
        compare: async (i) => ({ a: snap(i.a, 2024, '2024-12-31', 366, 'x'), b: snap(i.b, 2025, '2025-06-30', 181, 'y'), mode: i.mode, labels: { a: { en: 'FY 2024', nb: '2024 (helår)' }, b: { en: 'x', nb: 'y' } }, lines: [], notes: [], comparable: true, notComparable: null, restatement: null, revision: null }),
      },
      limits: { setCovenants: async (i) => i.covenants },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const b = useBorrowerStore();
    await b.load('923609016');
    expect(b.detail).toStrictEqual(detail);
    await b.compare(1, 2, 'annualised');
    expect(b.comparison?.mode).toBe('annualised');
    expect(b.compareStatus).toBe('idle');
    expect(await b.saveCovenants({ equity_ratio_min: 0.25 })).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'limits:setCovenants')!.input).toEqual({ profileId: 'demo', orgNr: '923609016', covenants: { equity_ratio_min: 0.25 } });
  });
});
