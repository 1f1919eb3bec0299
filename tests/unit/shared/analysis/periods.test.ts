import { describe, expect, it } from 'vitest';
import {
  COMPARABLE_WINDOW_TOLERANCE_DAYS,
  annualisedPeriod,
  areComparable,
  computeRatios,
  daysInTwelveMonthsFrom,
  daysInYear,
  isLeapYear,
  lastTwelveMonths,
  priorYearProRata,
  reportedPeriod,
} from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

// A borrower with an exact daily revenue in 2024 (10 000 a day) so that every period is checkable by hand.
const FY2024 = makeItem({ id: 10, start: '2024-01-01', end: '2024-12-31', pl: { revenues: 3_660_000, expenses: 2_928_000 }, snapshotDate: '2025-01-20' });
const YTD2024 = makeItem({ id: 11, start: '2024-01-01', end: '2024-08-14', pl: { revenues: 2_000_000, expenses: 1_600_000 }, bal: { equity: 1_500_000 } });
const YTD2025 = makeItem({ id: 12, start: '2025-01-01', end: '2025-08-14', pl: { revenues: 2_260_000, expenses: 1_800_000 } });

describe('calendar', () => {
  it('knows leap years and the days of a twelve-month period', () => {
    expect([isLeapYear(2024), isLeapYear(2025), isLeapYear(1900), isLeapYear(2000)]).toEqual([true, false, false, true]);
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2025)).toBe(365);
    expect(daysInTwelveMonthsFrom('2024-01-01')).toBe(366);
    // a fiscal year 1 Jul 2023 – 30 Jun 2024 contains 29 Feb 2024
    expect(daysInTwelveMonthsFrom('2023-07-01')).toBe(366);
    expect(daysInTwelveMonthsFrom('2024-07-01')).toBe(365);
  });
});

describe('reported and annualised periods', () => {
  it('the example 2024 item (366 days) is a full year with factor 1', () => {
    const p = reportedPeriod(EXAMPLE_2024);
    expect(p).toMatchObject({ basis: 'full_year', days: 366, yearDays: 366, annualFactor: 1 });
    expect(annualisedPeriod(EXAMPLE_2024)).toEqual(p);
  });

  it('the example 2025 YTD is annualised × 365 / 226; stocks are untouched', () => {
    const p = annualisedPeriod(EXAMPLE_2025);
    expect(p).toMatchObject({ basis: 'ytd_annualised', days: 365, yearDays: 365, annualFactor: 1 });
    // 6 110 372.81 × 365 / 226 = 9 868 522.46
    expect(p.flows.revenues).toBeCloseTo(9868522.4586, 3);
    // 872 619.59 × 365 / 226 = 1 409 319.25
    expect(p.flows.net_profit).toBeCloseTo(1409319.2493, 3);
    expect(p.stocks).toEqual(reportedPeriod(EXAMPLE_2025).stocks);
    expect(p.note.en).toContain('× 365 / 226');
  });

  it('a YTD in a leap year is annualised × 366 / days', () => {
    // 2 000 000 × 366 / 227 = 3 224 669.60
    expect(annualisedPeriod(YTD2024).flows.revenues).toBeCloseTo(3224669.6035, 3);
    expect(reportedPeriod(YTD2024).annualFactor).toBeCloseTo(366 / 227, 12);
  });

  it('identities still hold after annualising (every flow is scaled alike)', () => {
    const f = annualisedPeriod(EXAMPLE_2025).flows;
    expect(f.revenues - f.expenses - f.ebitda).toBeCloseTo(0, 6);
  });
});

describe('priorYearProRata', () => {
  it('prefers a prior-year snapshot with the same calendar window (227 days in 2024 against 226 in 2025)', () => {
    const r = priorYearProRata(YTD2025, [FY2024, YTD2024, YTD2025]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.period).toMatchObject({ basis: 'prior_year_pro_rata', method: 'same_period_snapshot', days: 227, end: '2024-08-14' });
    expect(r.period.flows.revenues).toBe(2_000_000);
    expect(r.period.stocks.equity).toBe(1_500_000);
    expect(areComparable(reportedPeriod(YTD2025), r.period)).toBe(true);
    // growth: 2 260 000 / 2 000 000 − 1 = 0.13
    expect(computeRatios(reportedPeriod(YTD2025), { comparable: r.period }).revenue_growth.value).toBeCloseTo(0.13, 12);
  });

  it('falls back to an estimate marked as one: the prior full year × the days of the same window last year / its days', () => {
    const r = priorYearProRata(YTD2025, [FY2024, YTD2025]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // the same window last year: 2024-01-01..2024-08-14, 227 days (29 February included)
    expect(r.period).toMatchObject({ method: 'pro_rata_full_year', estimate: true, days: 227, start: '2024-01-01', end: '2024-08-14' });
    expect(r.period.label.nb).toBe('01.01–14.08.2024 (HiÅ i fjor, anslag)');
    expect(r.period.note.nb).toContain('Anslag');
    // 3 660 000 × 227 / 366 = 2 270 000
    expect(r.period.flows.revenues).toBeCloseTo(2_270_000, 6);
    // the prior year-end balance, not pro-rated
    expect(r.period.stocks).toEqual(reportedPeriod(FY2024).stocks);
    expect(r.period.stocksAsOf).toBe('2024-12-31');
    // growth 2 260 000 / 2 270 000 − 1 = −0.004405286, marked as set against an estimate
    const g = computeRatios(reportedPeriod(YTD2025), { comparable: r.period }).revenue_growth;
    expect(g.value).toBeCloseTo(-0.004405286, 8);
    expect(g.value !== null && g.estimate).toBe(true);
  });

  it('takes a prior-year YTD a few days off the same day (within the tolerance), nearest first, and says so', () => {
    // 11 August 2024 is 3 days before 14 August; 6 August is 8 days off, past the 7-day tolerance
    const near = makeItem({ id: 13, start: '2024-01-01', end: '2024-08-11', pl: { revenues: 1_970_000 } });
    const far = makeItem({ id: 14, start: '2024-01-01', end: '2024-08-06', pl: { revenues: 1_920_000 } });
    expect(COMPARABLE_WINDOW_TOLERANCE_DAYS).toBe(7);
    const r = priorYearProRata(YTD2025, [FY2024, far, near, YTD2025]);
    expect(r.ok && r.period).toMatchObject({ method: 'same_period_snapshot', estimate: false, offsetDays: -3, end: '2024-08-11' });
    expect(r.ok && r.period.note.nb).toContain('3 dager før samme dag i fjor');
    // only the far one: an estimate instead
    expect(priorYearProRata(YTD2025, [FY2024, far, YTD2025])).toMatchObject({ ok: true, period: { method: 'pro_rata_full_year' } });
  });

  it('a full year compares with the prior full year unscaled', () => {
    const fy2025 = makeItem({ id: 20, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 3_650_000 } });
    const r = priorYearProRata(fy2025, [FY2024, fy2025]);
    expect(r.ok && r.period.method).toBe('prior_full_year');
    if (!r.ok) return;
    expect(r.period.flows.revenues).toBe(3_660_000);
    // 3 650 000 / 3 660 000 − 1 = −0.002732240 (365 against 366 days: full years are compared as they are)
    expect(computeRatios(reportedPeriod(fy2025), { comparable: r.period }).revenue_growth.value).toBeCloseTo(-0.00273224, 8);
  });

  it('says why when there is no prior year', () => {
    const r = priorYearProRata(YTD2025, [YTD2025]);
    expect(r).toMatchObject({ ok: false, reason: 'no_prior_full_year' });
  });

  it('a YTD ending on 29 February matches the prior year to 28 February', () => {
    const leapYtd = makeItem({ id: 30, start: '2024-01-01', end: '2024-02-29' });
    const prior = makeItem({ id: 31, start: '2023-01-01', end: '2023-02-28', pl: { revenues: 500_000 } });
    const r = priorYearProRata(leapYtd, [leapYtd, prior]);
    expect(r.ok && r.period.method).toBe('same_period_snapshot');
    expect(r.ok && r.period.flows.revenues).toBe(500_000);
  });

  it('uses the latest of several prior-year snapshots (snapshotDate, then fetchedAt, then id)', () => {
    const older = makeItem({ id: 40, start: '2024-01-01', end: '2024-12-31', pl: { revenues: 1 }, fetchedAt: '2025-02-01T00:00:00.000000', snapshotDate: '2025-01-20' });
    const newer = makeItem({ id: 39, start: '2024-01-01', end: '2024-12-31', pl: { revenues: 2 }, fetchedAt: '2025-03-01T00:00:00.000000', snapshotDate: '2025-01-20' });
    const r = priorYearProRata(makeItem({ id: 41, start: '2025-01-01', end: '2025-12-31' }), [older, newer]);
    expect(r.ok && r.period.sources[0]!.id).toBe(39);
  });
});

describe('lastTwelveMonths', () => {
  it('= current YTD + prior full year − prior YTD to the same day; exactly twelve months across 29 Feb', () => {
    const r = lastTwelveMonths(YTD2025, [FY2024, YTD2024, YTD2025]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.period).toMatchObject({ basis: 'ltm', start: '2024-08-15', end: '2025-08-14', annualFactor: 1 });
    // 2024-08-15..2025-08-14: 139 days left of 2024 (366 − 227) + 226 in 2025 = 365
    expect(r.period.days).toBe(365);
    // revenue: 2 260 000 + 3 660 000 − 2 000 000 = 3 920 000
    expect(r.period.flows.revenues).toBe(3_920_000);
    // expenses: 1 800 000 + 2 928 000 − 1 600 000 = 3 128 000; EBITDA 792 000 (the identity survives)
    expect(r.period.flows.ebitda).toBe(792_000);
    expect(r.period.stocks).toEqual(reportedPeriod(YTD2025).stocks);
    expect(r.period.sources.map((s) => s.id)).toEqual([12, 10, 11]);
  });

  it('without the prior-year YTD: an estimate marked as one (the public example has none)', () => {
    const r = lastTwelveMonths(EXAMPLE_2025, [EXAMPLE_2024, EXAMPLE_2025]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.period).toMatchObject({ basis: 'ltm', method: 'ltm_estimate', estimate: true, start: '2024-08-15', end: '2025-08-14', days: 365 });
    expect(r.period.label.nb).toBe('Siste 12 mnd per 14.08.2025 (anslag)');
    // 2024 has 139 days after 14 August (366 − 227): 6 110 372.81 + 13 163 978.27 × 139 / 366 = 11 109 807.18
    expect(r.period.flows.revenues).toBeCloseTo(11_109_807.1803, 3);
    // EBITDA 888 451.31 + 1 242 526.53 × 139 / 366 = 1 360 339.80
    expect(r.period.flows.ebitda).toBeCloseTo(1_360_339.8009, 3);
    expect(r.period.sources.map((s) => s.id)).toEqual([2, 1]);
    // the current YTD has no tax booked: the LTM says whose tax it holds
    expect(r.period.taxNote?.nb).toContain('ingen bokført skatt');
    expect(lastTwelveMonths(EXAMPLE_2025, [EXAMPLE_2024, EXAMPLE_2025], { allowEstimate: false })).toMatchObject({ ok: false, reason: 'no_prior_same_period' });
    expect(lastTwelveMonths(YTD2025, [YTD2024, YTD2025])).toMatchObject({ ok: false, reason: 'no_prior_full_year' });
  });

  it('a prior-year YTD 3 days early gives a 368-day window, used as booked and stated', () => {
    const early = makeItem({ id: 13, start: '2024-01-01', end: '2024-08-11', pl: { revenues: 1_970_000, expenses: 1_580_000 } });
    const r = lastTwelveMonths(YTD2025, [FY2024, early, YTD2025]);
    if (!r.ok) throw new Error('expected LTM');
    // 2024-08-12..2025-08-14: 142 + 226 = 368 days; revenue 2 260 000 + 3 660 000 − 1 970 000 = 3 950 000
    expect(r.period).toMatchObject({ method: 'ltm_combination', estimate: false, start: '2024-08-12', days: 368, offsetDays: -3, annualFactor: 1 });
    expect(r.period.flows.revenues).toBe(3_950_000);
    expect(r.period.note.nb).toContain('Vinduet er 368 dager');
  });

  it('a full year is its own LTM', () => {
    const r = lastTwelveMonths(EXAMPLE_2024, [EXAMPLE_2024]);
    expect(r.ok && r.period.flows).toEqual(reportedPeriod(EXAMPLE_2024).flows);
    expect(r.ok && r.period.basis).toBe('ltm');
  });

  it('ratios mixing flows and stocks use LTM flows unscaled', () => {
    const r = lastTwelveMonths(YTD2025, [FY2024, YTD2024, YTD2025]);
    if (!r.ok) throw new Error('expected LTM');
    // NIBD 2 500 000 / LTM EBITDA 792 000 = 3.156565657
    expect(computeRatios(r.period).nibd_to_ebitda.value).toBeCloseTo(3.156565657, 8);
  });
});
