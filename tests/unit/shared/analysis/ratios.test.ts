import { describe, expect, it } from 'vitest';
import {
  RATIO_DEFINITIONS,
  RATIO_IDS,
  annualisedPeriod,
  computeRatios,
  priorYearProRata,
  reportedPeriod,
  type RatioResult,
} from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

function value(r: RatioResult): number {
  if (r.value === null) throw new Error(`expected a value, got n/a (${r.reason})`);
  return r.value;
}

describe('computeRatios on the public example', () => {
  const ratios2025 = computeRatios(reportedPeriod(EXAMPLE_2025));
  const ratios2024 = computeRatios(reportedPeriod(EXAMPLE_2024));

  it('2025 YTD margins use the period as reported', () => {
    // 888 451.31 / 6 110 372.81 = 0.145400508
    expect(value(ratios2025.ebitda_margin)).toBeCloseTo(0.145400508, 8);
    // EBIT = EBITDA (no depreciation): same margin
    expect(value(ratios2025.ebit_margin)).toBeCloseTo(0.145400508, 8);
    // 872 619.59 / 6 110 372.81 = 0.142809550
    expect(value(ratios2025.net_margin)).toBeCloseTo(0.14280955, 8);
  });

  it('2025 YTD balance ratios use closing balances', () => {
    // 6 364 035.56 / 9 070 305.77 = 0.701634071
    expect(value(ratios2025.equity_ratio)).toBeCloseTo(0.701634071, 8);
    // 0 / 6 364 035.56 = 0
    expect(value(ratios2025.debt_to_equity)).toBe(0);
  });

  it('2025 YTD ratios mixing flows and stocks annualise the flow (× 365 / 226)', () => {
    // −1 775 076.05 / (888 451.31 × 365 / 226) = −1 775 076.05 / 1 434 888.18 = −1.237083194
    expect(value(ratios2025.nibd_to_ebitda)).toBeCloseTo(-1.237083194, 8);
    // 872 619.59 × 365 / 226 / 9 070 305.77 = 1 409 319.25 / 9 070 305.77 = 0.155377259
    expect(value(ratios2025.return_on_assets)).toBeCloseTo(0.155377259, 8);
    // 1 409 319.25 / 6 364 035.56 = 0.221450562
    expect(value(ratios2025.return_on_equity)).toBeCloseTo(0.221450562, 8);
  });

  it('annualising the YTD first gives the same ratios (no double annualisation)', () => {
    const fromAnnualised = computeRatios(annualisedPeriod(EXAMPLE_2025));
    for (const id of RATIO_IDS) {
      const a = ratios2025[id];
      const b = fromAnnualised[id];
      if (a.value === null) expect(b.value).toBeNull();
      else expect(value(b)).toBeCloseTo(a.value, 10);
    }
  });

  it('2025 interest cover is n/a: no interest expenses', () => {
    const r = ratios2025.interest_cover;
    expect(r.value).toBeNull();
    if (r.value === null) {
      expect(r.reason).toBe('zero_denominator');
      expect(r.explain.en).toBe('Interest expenses is zero.');
      expect(r.explain.nb).toBe('Rentekostnader er null.');
    }
  });

  it('2024 full year (366 days, a leap year) is not annualised', () => {
    // 1 242 526.53 / 13 163 978.27 = 0.094388376
    expect(value(ratios2024.ebitda_margin)).toBeCloseTo(0.094388376, 8);
    // 1 217 604.76 / 13 163 978.27 = 0.092495197
    expect(value(ratios2024.ebit_margin)).toBeCloseTo(0.092495197, 8);
    // −674 445.54 / 13 163 978.27 = −0.051234173
    expect(value(ratios2024.net_margin)).toBeCloseTo(-0.051234173, 8);
    // 1 217 604.76 / 1 280 = 951.25371875
    expect(value(ratios2024.interest_cover)).toBeCloseTo(951.25371875, 6);
    // −2 388 447.57 / 1 242 526.53 = −1.922250763 (factor 366/366 = 1)
    expect(value(ratios2024.nibd_to_ebitda)).toBeCloseTo(-1.922250763, 8);
    // −674 445.54 / 9 825 207.68 = −0.068644405
    expect(value(ratios2024.return_on_assets)).toBeCloseTo(-0.068644405, 8);
    // −674 445.54 / 6 364 035.56 = −0.105977651
    expect(value(ratios2024.return_on_equity)).toBeCloseTo(-0.105977651, 8);
    // 6 364 035.56 / 9 825 207.68 = 0.647725297
    expect(value(ratios2024.equity_ratio)).toBeCloseTo(0.647725297, 8);
  });

  it('revenue growth 2025 YTD against 2024 pro rata (no 2024 snapshot to 14 Aug exists)', () => {
    const prior = priorYearProRata(EXAMPLE_2025, [EXAMPLE_2024, EXAMPLE_2025]);
    expect(prior.ok).toBe(true);
    if (!prior.ok) return;
    const r = computeRatios(reportedPeriod(EXAMPLE_2025), { comparable: prior.period });
    // 2024 pro rata: 13 163 978.27 × 226 / 366 = 8 128 576.75
    // growth: 6 110 372.81 / 8 128 576.75 − 1 = −0.248285032
    expect(value(r.revenue_growth)).toBeCloseTo(-0.248285032, 8);
  });

  it('revenue growth is n/a without a comparable period, or against one that is not like for like', () => {
    expect(ratios2025.revenue_growth).toMatchObject({ value: null, reason: 'missing_input' });
    // a raw 226-day YTD against a 366-day full year
    const r = computeRatios(reportedPeriod(EXAMPLE_2025), { comparable: reportedPeriod(EXAMPLE_2024) });
    expect(r.revenue_growth).toMatchObject({ value: null, reason: 'not_comparable' });
    // annualised YTD against the full year is like for like: 9 868 522.46 / 13 163 978.27 − 1 = −0.250338898
    const a = computeRatios(annualisedPeriod(EXAMPLE_2025), { comparable: reportedPeriod(EXAMPLE_2024) });
    expect(value(a.revenue_growth)).toBeCloseTo(-0.250338898, 8);
  });
});

describe('computeRatios at the edges', () => {
  it('zero denominators give n/a with the reason, never Infinity or NaN', () => {
    const item = makeItem({
      id: 1,
      start: '2025-01-01',
      end: '2025-12-31',
      pl: { revenues: 0, expenses: 0, interest_expenses: 0, depreciation: 0 },
      bal: { equity: 0, total_assets: 0 },
    });
    const r = computeRatios(reportedPeriod(item));
    for (const id of ['ebitda_margin', 'ebit_margin', 'net_margin', 'equity_ratio', 'nibd_to_ebitda', 'debt_to_equity', 'interest_cover', 'return_on_assets', 'return_on_equity'] as const) {
      expect(r[id], id).toMatchObject({ value: null, reason: 'zero_denominator' });
    }
  });

  it('a denominator within half a cent of zero (float noise) is zero', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { interest_expenses: 0.004 } });
    expect(computeRatios(reportedPeriod(item)).interest_cover).toMatchObject({ value: null, reason: 'zero_denominator' });
  });

  it('negative equity: ROE and debt/equity are n/a, the equity ratio is negative', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', bal: { equity: -500_000, total_assets: 2_000_000 } });
    const r = computeRatios(reportedPeriod(item));
    expect(r.return_on_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    expect(r.debt_to_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    // −500 000 / 2 000 000 = −0.25
    expect(value(r.equity_ratio)).toBe(-0.25);
  });

  it('negative EBITDA makes NIBD/EBITDA n/a; negative revenue makes margins n/a', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { revenues: -100, expenses: 200_000 } });
    const r = computeRatios(reportedPeriod(item));
    expect(r.nibd_to_ebitda).toMatchObject({ value: null, reason: 'negative_denominator' });
    expect(r.ebitda_margin).toMatchObject({ value: null, reason: 'negative_denominator' });
  });

  it('a negative EBIT gives a negative interest cover (meaningful: the interest is not covered)', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 700_000, expenses: 800_000, depreciation: 0 } });
    // EBIT = 700 000 − 800 000 = −100 000; / 10 000 = −10
    expect(value(computeRatios(reportedPeriod(item)).interest_cover)).toBe(-10);
  });

  it('every ratio has names and definitions in both languages', () => {
    for (const id of RATIO_IDS) {
      const d = RATIO_DEFINITIONS[id];
      expect(d.id).toBe(id);
      for (const t of [d.name, d.definition]) {
        expect(t.en.length).toBeGreaterThan(2);
        expect(t.nb.length).toBeGreaterThan(2);
      }
    }
  });
});
