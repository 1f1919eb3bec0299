import { describe, expect, it } from 'vitest';
import { dataAgeDays, qualityFlags } from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

const NOW = new Date('2025-10-10T12:00:00Z');

describe('qualityFlags', () => {
  it('the public example 2025 item is clean when read soon after its snapshot date', () => {
    // 2025-08-14 → 2025-10-10: 17 + 30 + 10 = 57 days
    expect(dataAgeDays(EXAMPLE_2025, NOW)).toBe(57);
    expect(qualityFlags(EXAMPLE_2025, { now: NOW, maxAgeDays: 60 })).toEqual([]);
  });

  it('flags data older than the set number of days, counted from the snapshot date', () => {
    const flags = qualityFlags(EXAMPLE_2025, { now: NOW, maxAgeDays: 56 });
    expect(flags).toMatchObject([{ code: 'stale_data', ageDays: 57, maxAgeDays: 56 }]);
    // 2024-12-31 → 2025-10-10: 283 days
    expect(qualityFlags(EXAMPLE_2024, { now: NOW, maxAgeDays: 365 })).toEqual([]);
    expect(qualityFlags(EXAMPLE_2024, { now: NOW, maxAgeDays: 282 })[0]).toMatchObject({ code: 'stale_data', ageDays: 283 });
  });

  it('flags a period shorter than 90 days (89 yes, 90 no)', () => {
    const short = makeItem({ id: 1, start: '2025-01-01', end: '2025-03-30' }); // 31 + 28 + 30 = 89 days
    const enough = makeItem({ id: 2, start: '2025-01-01', end: '2025-03-31' }); // 90 days
    const opts = { now: new Date('2025-04-01T00:00:00Z') };
    expect(qualityFlags(short, opts)).toMatchObject([{ code: 'short_period', daysIncluded: 89 }]);
    expect(qualityFlags(enough, opts)).toEqual([]);
  });

  it('flags an unknown format version (the known list is injectable)', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', version: '2026-01-01' });
    const opts = { now: new Date('2026-01-05T00:00:00Z') };
    expect(qualityFlags(item, opts)).toMatchObject([{ code: 'unknown_format_version', formatVersion: '2026-01-01' }]);
    expect(qualityFlags(item, { ...opts, knownFormatVersions: ['2026-01-01'] })).toEqual([]);
  });

  it('flags a broken identity with the checks that failed', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { net_profit: 1 } });
    const flags = qualityFlags(item, { now: new Date('2026-01-05T00:00:00Z') });
    expect(flags).toHaveLength(1);
    const flag = flags[0]!;
    expect(flag.code).toBe('broken_identity');
    if (flag.code === 'broken_identity') {
      expect(flag.broken.map((c) => c.id)).toEqual(['net_profit']);
      // computed: 150 000 (EBIT) − 10 000 − 30 000 = 110 000; reported 1 → difference −109 999
      expect(flag.broken[0]!.difference).toBe(-109_999);
    }
  });
});
