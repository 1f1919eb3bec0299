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

  it('2025 YTD ratios mixing flows and stocks annualise the flow (× 365 / 226) and say so', () => {
    // −1 775 076.05 / (888 451.31 × 365 / 226) = −1 775 076.05 / 1 434 888.18 = −1.237083194: net cash
    const lev = ratios2025.nibd_to_ebitda;
    expect(value(lev)).toBeCloseTo(-1.237083194, 8);
    expect(lev.value !== null && lev.netCash).toBe(true);
    expect(lev.value !== null && lev.notes?.map((n) => n.nb)).toEqual(['EBITDA annualisert (×365/226).', 'Netto kontanter: NIBD er negativ.']);
    // ROA before tax with all financial costs: (872 619.59 + 0 + 5 645.42) × 365 / 226 = 1 418 436.85;
    // / 9 070 305.77 (no prior year end given: the closing balance) = 0.156382474
    expect(value(ratios2025.return_on_assets)).toBeCloseTo(0.156382474, 8);
    // ROE before tax: 872 619.59 (no tax booked) × 365 / 226 = 1 409 319.25; / 6 364 035.56 = 0.221450562
    expect(value(ratios2025.return_on_equity)).toBeCloseTo(0.221450562, 8);
  });

  it('with the prior year end at hand, ROA and ROE use the average balance (Proff: years x and x−1)', () => {
    const r = computeRatios(reportedPeriod(EXAMPLE_2025, [EXAMPLE_2024, EXAMPLE_2025]));
    // average total assets (9 825 207.68 + 9 070 305.77) / 2 = 9 447 756.725; 1 418 436.85 / 9 447 756.725 = 0.150134777
    expect(value(r.return_on_assets)).toBeCloseTo(0.150134777, 8);
    expect(r.return_on_assets.value !== null && r.return_on_assets.denominator).toBeCloseTo(9447756.725, 4);
    expect(r.return_on_assets.value !== null && r.return_on_assets.notes?.[1]?.nb).toBe('Gjennomsnittlig sum eiendeler av 31.12.2024 og 14.08.2025.');
    // equity the same at both dates: 6 364 035.56; ROE unchanged 0.221450562
    expect(value(r.return_on_equity)).toBeCloseTo(0.221450562, 8);
  });

  it('the YTD net margin says tax is not booked yet; the pre-tax margin is the comparable one', () => {
    const nm = ratios2025.net_margin;
    expect(nm.value !== null && nm.notes?.[0]?.nb).toContain('Ingen skatt er bokført hittil i år til 14.08.2025');
    // 872 619.59 + 0 taxes = 872 619.59; / 6 110 372.81 = 0.14280955
    expect(value(ratios2025.pretax_margin)).toBeCloseTo(0.14280955, 8);
    expect(ratios2024.net_margin.value !== null && ratios2024.net_margin.notes).toBeUndefined();
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

  it('2025 interest cover is not meaningful without interest expenses, and that is no breach', () => {
    expect(ratios2025.interest_cover).toEqual({
      value: null,
      reason: 'no_interest_expenses',
      kind: 'not_meaningful',
      verdict: 'pass',
      explain: {
        en: 'No interest expenses in the period: nothing to cover, no breach.',
        nb: 'Ingen rentekostnader i perioden: ingenting å dekke, ikke brudd.',
      },
    });
  });

  it('2024 full year (366 days, a leap year) is not annualised', () => {
    // 1 242 526.53 / 13 163 978.27 = 0.094388376
    expect(value(ratios2024.ebitda_margin)).toBeCloseTo(0.094388376, 8);
    // 1 217 604.76 / 13 163 978.27 = 0.092495197
    expect(value(ratios2024.ebit_margin)).toBeCloseTo(0.092495197, 8);
    // −674 445.54 / 13 163 978.27 = −0.051234173
    expect(value(ratios2024.net_margin)).toBeCloseTo(-0.051234173, 8);
    // before tax: −674 445.54 + 290 992 = −383 453.54; / 13 163 978.27 = −0.029129001
    expect(value(ratios2024.pretax_margin)).toBeCloseTo(-0.029129001, 8);
    // 1 217 604.76 / 1 280 = 951.25371875
    expect(value(ratios2024.interest_cover)).toBeCloseTo(951.25371875, 6);
    // −2 388 447.57 / 1 242 526.53 = −1.922250763 (factor 366/366 = 1)
    expect(value(ratios2024.nibd_to_ebitda)).toBeCloseTo(-1.922250763, 8);
    // (−383 453.54 + 1 280 + 79 156.85) = −303 016.69; / 9 825 207.68 = −0.030840741
    expect(value(ratios2024.return_on_assets)).toBeCloseTo(-0.030840741, 8);
    // −383 453.54 / 6 364 035.56 = −0.060253205
    expect(value(ratios2024.return_on_equity)).toBeCloseTo(-0.060253205, 8);
    // 6 364 035.56 / 9 825 207.68 = 0.647725297
    expect(value(ratios2024.equity_ratio)).toBeCloseTo(0.647725297, 8);
  });

  it('revenue growth 2025 YTD against the 2024 estimate (no 2024 snapshot to 14 Aug exists), marked as such', () => {
    const prior = priorYearProRata(EXAMPLE_2025, [EXAMPLE_2024, EXAMPLE_2025]);
    expect(prior.ok).toBe(true);
    if (!prior.ok) return;
    const r = computeRatios(reportedPeriod(EXAMPLE_2025), { comparable: prior.period });
    // 2024 to 14 Aug estimated: 13 163 978.27 × 227 / 366 = 8 164 543.90
    // growth: 6 110 372.81 / 8 164 543.90 − 1 = −0.251596551
    expect(value(r.revenue_growth)).toBeCloseTo(-0.251596551, 8);
    expect(r.revenue_growth).toMatchObject({ estimate: true, notes: [{ nb: 'Mot 01.01–14.08.2024 (HiÅ i fjor, anslag).' }] });
  });

  it('revenue growth is n/a without a comparable period, or against one that is not like for like', () => {
    expect(ratios2025.revenue_growth).toMatchObject({ value: null, reason: 'no_comparable', kind: 'not_available' });
    // a raw 226-day YTD against a 366-day full year
    const r = computeRatios(reportedPeriod(EXAMPLE_2025), { comparable: reportedPeriod(EXAMPLE_2024) });
    expect(r.revenue_growth).toMatchObject({ value: null, reason: 'not_comparable' });
    // annualised YTD against the full year is like for like: 9 868 522.46 / 13 163 978.27 − 1 = −0.250338898
    const a = computeRatios(annualisedPeriod(EXAMPLE_2025), { comparable: reportedPeriod(EXAMPLE_2024) });
    expect(value(a.revenue_growth)).toBeCloseTo(-0.250338898, 8);
  });
});

describe('computeRatios at the edges', () => {
  it('zero denominators give n.m. with the reason, never Infinity or NaN', () => {
    // revenue 0, expenses 0: EBITDA 0 with NIBD 2 500 000 (the fixture's) is no earnings carrying debt
    const item = makeItem({
      id: 1,
      start: '2025-01-01',
      end: '2025-12-31',
      pl: { revenues: 0, expenses: 0, interest_expenses: 0, depreciation: 0, taxes: 0 },
      bal: { equity: 0, total_assets: 0 },
    });
    const r = computeRatios(reportedPeriod(item));
    const reasons = Object.fromEntries(RATIO_IDS.map((id) => [id, r[id].value === null ? [r[id].reason, r[id].verdict] : r[id].value]));
    expect(reasons).toEqual({
      revenue_growth: ['no_comparable', 'untestable'],
      ebitda_margin: ['zero_revenue', 'untestable'],
      ebit_margin: ['zero_revenue', 'untestable'],
      pretax_margin: ['zero_revenue', 'untestable'],
      net_margin: ['zero_revenue', 'untestable'],
      equity_ratio: ['zero_denominator', 'untestable'],
      nibd_to_ebitda: ['negative_ebitda', 'breach'],
      debt_to_equity: ['zero_denominator', 'untestable'],
      interest_cover: ['no_interest_expenses', 'pass'],
      return_on_assets: ['zero_denominator', 'untestable'],
      return_on_equity: ['zero_denominator', 'untestable'],
    });
    expect(r.nibd_to_ebitda.value === null && r.nibd_to_ebitda.explain.nb).toBe(
      'EBITDA er null med netto rentebærende gjeld på 2\u00a0500\u00a0000 kr: inntjeningen bærer ingen gjeld. Brudd på ethvert krav til høyeste gjeldsgrad.',
    );
  });

  it('a denominator within half a cent of zero (float noise) is zero', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { interest_expenses: 0.004 } });
    expect(computeRatios(reportedPeriod(item)).interest_cover).toMatchObject({ value: null, reason: 'no_interest_expenses' });
  });

  it('negative equity: ROE and debt/equity are n/a, the equity ratio is negative', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', bal: { equity: -500_000, total_assets: 2_000_000 } });
    const r = computeRatios(reportedPeriod(item));
    expect(r.return_on_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    expect(r.debt_to_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    // −500 000 / 2 000 000 = −0.25
    expect(value(r.equity_ratio)).toBe(-0.25);
  });

  it('negative EBITDA: n.m. and a breach with net debt, n.m. and no breach with net cash; negative revenue: no margin', () => {
    const debt = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { revenues: -100, expenses: 200_000 } });
    const r = computeRatios(reportedPeriod(debt));
    expect(r.nibd_to_ebitda).toMatchObject({ value: null, reason: 'negative_ebitda', kind: 'not_meaningful', verdict: 'breach' });
    expect(r.ebitda_margin).toMatchObject({ value: null, reason: 'negative_revenue' });
    const cash = makeItem({ id: 2, start: '2025-01-01', end: '2025-12-31', pl: { expenses: 1_200_000 }, bal: { net_interest_bearing_debt: -300_000 } });
    expect(computeRatios(reportedPeriod(cash)).nibd_to_ebitda).toMatchObject({ value: null, reason: 'negative_ebitda_net_cash', verdict: 'pass' });
  });

  it('a negative EBIT with interest to pay: interest cover n.m., a breach (earnings do not cover interest)', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 700_000, expenses: 800_000, depreciation: 0 } });
    // EBIT = 700 000 − 800 000 = −100 000 against interest 10 000
    const ic = computeRatios(reportedPeriod(item)).interest_cover;
    expect(ic).toMatchObject({ value: null, reason: 'negative_ebit', verdict: 'breach' });
    expect(ic.value === null && ic.explain.nb).toContain('Driftsresultatet er negativt (−100\u00a0000 kr) med rentekostnader på 10\u00a0000 kr');
  });

  it('every ratio has names and definitions in both languages', () => {
    for (const id of RATIO_IDS) {
      const d = RATIO_DEFINITIONS[id];
      expect(d.id).toBe(id);
      for (const t of [d.name, d.definition, d.formula]) {
        expect(t.en.length).toBeGreaterThan(2);
        expect(t.nb.length).toBeGreaterThan(2);
      }
    }
  });
});
