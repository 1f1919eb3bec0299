import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, RULE_IDS, evaluateEarlyWarning } from '../../../../shared/analysis';
import { COVENANT_KEYS, NEAR_LIMIT_KEY, THRESHOLD_KEYS, flattenThresholds, toCovenants, toNearLimitShare, toThresholds } from '../../../../shared/analysis/limits';
import { reportedPeriod, computeRatios } from '../../../../shared/analysis';
import { EXAMPLE_2025 } from './fixtures';

describe('stored limits', () => {
  it('without anything stored, are the defaults', () => {
    expect(toThresholds({})).toEqual(DEFAULT_THRESHOLDS);
    expect(toThresholds(null)).toEqual(DEFAULT_THRESHOLDS);
    expect(toCovenants(undefined)).toEqual([]);
  });

  it('read each rule’s limit and its switch: 0 is off, the limit is kept for when it is on again', () => {
    const t = toThresholds({ equity_ratio_min: 0.3, equity_ratio_min_enabled: 0, nibd_to_ebitda_max_enabled: 1 });
    expect(t.equity_ratio_min).toEqual({ enabled: false, limit: 0.3 });
    expect(t.nibd_to_ebitda_max).toEqual({ enabled: true, limit: 4 });
    expect(t.net_profit_min).toEqual(DEFAULT_THRESHOLDS.net_profit_min);
  });

  it('ignore a limit that is not a finite number, keeping the default', () => {
    expect(toThresholds({ equity_ratio_min: Number.NaN }).equity_ratio_min).toEqual(DEFAULT_THRESHOLDS.equity_ratio_min);
  });

  it('flatten to every rule’s limit and switch, and read back to the same thresholds', () => {
    const t = toThresholds({ interest_cover_min: 1.5, revenue_growth_min_enabled: 0 });
    const flat = flattenThresholds(t);
    expect(Object.keys(flat).sort()).toEqual(THRESHOLD_KEYS.filter((k) => k !== NEAR_LIMIT_KEY).sort());
    expect(flat.interest_cover_min).toBe(1.5);
    expect(flat.revenue_growth_min_enabled).toBe(0);
    expect(toThresholds(flat)).toEqual(t);
  });

  it('read the near-limit band: the stored share, else 10 %; one out of range or not a number keeps the default', () => {
    expect(toNearLimitShare(null)).toBe(0.1);
    expect(toNearLimitShare({ near_limit_share: 0.05 })).toBe(0.05);
    expect(toNearLimitShare({ near_limit_share: 0 })).toBe(0);
    expect(toNearLimitShare({ near_limit_share: 0.5 })).toBe(0.5);
    expect(toNearLimitShare({ near_limit_share: 0.6 })).toBe(0.1);
    expect(toNearLimitShare({ near_limit_share: -0.1 })).toBe(0.1);
    expect(toNearLimitShare({ near_limit_share: Number.NaN })).toBe(0.1);
    expect(THRESHOLD_KEYS).toContain(NEAR_LIMIT_KEY);
  });

  it('read a borrower’s covenants in rule order, only rule ids', () => {
    expect(toCovenants({ net_profit_min: -1e6, equity_ratio_min: 0.1, foo: 3, equity_min_enabled: 0 })).toEqual([
      { rule: 'equity_ratio_min', limit: 0.1 },
      { rule: 'net_profit_min', limit: -1e6 },
    ]);
    expect(COVENANT_KEYS).toEqual(RULE_IDS);
  });

  it('a rule switched off is not evaluated at all, unless the borrower has a covenant on it', () => {
    const period = reportedPeriod(EXAMPLE_2025);
    const ratios = computeRatios(period);
    const off = toThresholds({ equity_ratio_min: 0.99, equity_ratio_min_enabled: 0 });
    expect(evaluateEarlyWarning({ period, ratios }, { thresholds: off }).evaluations.map((e) => e.rule)).not.toContain('equity_ratio_min');
    const covenanted = evaluateEarlyWarning({ period, ratios }, { thresholds: off, covenants: toCovenants({ equity_ratio_min: 0.99 }) });
    expect(covenanted.breaches.map((b) => [b.rule, b.source])).toEqual([['equity_ratio_min', 'covenant']]);
  });
});
