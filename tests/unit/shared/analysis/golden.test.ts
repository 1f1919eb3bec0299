/**
 * Golden cases of issue 15, each value computed by hand in the comment beside it (never by the code under test):
 * a loss-maker with net debt, one with net cash, a year to date to 29 February, a revised year to date, a
 * restated year, one snapshot only, zero revenue, negative equity. Each goes through what the list
 * (evaluateEarlyWarning on the latest snapshot), the borrower page and the pack (analyseBorrower: bases, views,
 * covenant tests, revisions) and compare (compareSnapshots) call.
 */
import { describe, expect, it } from 'vitest';
import {
  analyseBorrower,
  compareSnapshots,
  computeRatios,
  evaluateEarlyWarning,
  priorYearProRata,
  reportedPeriod,
  resolveRuleSettings,
  DEFAULT_THRESHOLDS,
  type BorrowerAnalysis,
  type CovenantTest,
  type RatioResult,
} from '../../../../shared/analysis';
import type { AccountingItem } from '../../../../shared/symetrisk/schemas';
import { itemWithBaseLines as item } from './fixtures';

const NOW = new Date('2025-07-25T12:00:00Z');
const NB = '\u00a0';
const MINUS = '\u2212';


function test(a: BorrowerAnalysis, rule: string): CovenantTest {
  const t = a.covenants.find((x) => x.rule === rule);
  if (!t) throw new Error(`no test of ${rule}`);
  return t;
}

function value(r: RatioResult): number {
  if (r.value === null) throw new Error(`expected a value, got ${r.reason}`);
  return r.value;
}

function listBreaches(items: AccountingItem[]): string[] {
  // What the portfolio list runs (electron/services/portfolio/analysis-adapter.ts): the latest snapshot as reported.
  const a = analyseBorrower(items, { now: NOW });
  return evaluateEarlyWarning({ period: a.latest!.reported, ratios: a.latest!.ratios }).breaches.map((b) => b.rule);
}

describe('a loss-maker with net debt (EBITDA below zero, NIBD 6.3 MNOK)', () => {
  const fy2024 = item(1, '2024-01-01', '2024-12-31', { revenues: 10_000_000, expenses: 10_500_000, depreciation: 100_000, interest_expenses: 300_000 }, {
    equity: 1_000_000,
    interest_bearing_debt: 6_000_000,
    net_interest_bearing_debt: 5_800_000,
    total_assets: 9_000_000,
  });
  const ytd2024 = item(2, '2024-01-01', '2024-06-30', { revenues: 5_000_000, expenses: 5_100_000, depreciation: 50_000, interest_expenses: 140_000 }, {
    equity: 1_600_000,
    interest_bearing_debt: 5_900_000,
    net_interest_bearing_debt: 5_700_000,
    total_assets: 9_300_000,
  });
  const ytd2025 = item(3, '2025-01-01', '2025-06-30', { revenues: 4_000_000, expenses: 4_400_000, depreciation: 50_000, interest_expenses: 150_000 }, {
    equity: 400_000,
    interest_bearing_debt: 6_500_000,
    net_interest_bearing_debt: 6_300_000,
    total_assets: 8_800_000,
  });
  const items = [fy2024, ytd2024, ytd2025];
  const a = analyseBorrower(items, { now: NOW });

  it('LTM is exact: YTD 2025 + FY 2024 − YTD 2024, twelve months to 30.06.2025', () => {
    const ltm = a.views!.ltm;
    expect(ltm.fallback).toBeNull();
    expect(ltm.period).toMatchObject({ method: 'ltm_combination', estimate: false, start: '2024-07-01', end: '2025-06-30', days: 365 });
    expect(ltm.period.label.nb).toBe('Siste 12 mnd per 30.06.2025');
    // revenue 4.0 + 10.0 − 5.0 = 9.0 MNOK; expenses 4.4 + 10.5 − 5.1 = 9.8 MNOK; EBITDA −0.8 MNOK
    expect(ltm.period.flows.revenues).toBe(9_000_000);
    expect(ltm.period.flows.ebitda).toBe(-800_000);
    // EBIT −450 000 − 600 000 + 150 000 = −900 000; interest 150 000 + 300 000 − 140 000 = 310 000
    expect(ltm.period.flows.ebit).toBe(-900_000);
    expect(ltm.period.flows.interest_expenses).toBe(310_000);
  });

  it('leverage and interest cover are n.m. and breaches; the loss is a breach before tax', () => {
    const lev = test(a, 'nibd_to_ebitda_max');
    expect(lev).toMatchObject({ status: 'breach', actual: null, headroom: null, basis: 'ltm', testDate: '2025-06-30', reason: { reason: 'negative_ebitda' } });
    expect(lev.sentence.nb).toBe(
      `NIBD / EBITDA n.m. – krav høyst 4,0x – brudd: EBITDA er negativ (${MINUS}800${NB}000 kr) med netto rentebærende gjeld på 6${NB}300${NB}000 kr: inntjeningen bærer ingen gjeld. Brudd på ethvert krav til høyeste gjeldsgrad.`,
    );
    expect(test(a, 'interest_cover_min')).toMatchObject({ status: 'breach', reason: { reason: 'negative_ebit' } });
    // LTM profit before tax: −600 000 − 900 000 + 290 000 = −1 210 000 (no tax anywhere)
    expect(test(a, 'net_profit_min')).toMatchObject({ status: 'breach', actual: -1_210_000, headroom: -1_210_000 });
  });

  it('the equity ratio at 30.06.2025 breaches by 15.5 pp; growth sits exactly on its limit (near it)', () => {
    // 400 000 / 8 800 000 = 0.045454545; headroom 0.045454545 − 0.2 = −0.154545455
    const eq = test(a, 'equity_ratio_min');
    expect(eq).toMatchObject({ status: 'breach', basis: 'point_in_time', testDate: '2025-06-30' });
    expect(eq.actual).toBeCloseTo(0.045454545, 8);
    expect(eq.headroom).toBeCloseTo(-0.154545455, 8);
    expect(eq.sentence.nb).toBe(`Egenkapitalandel 4,5${NB}% – krav minst 20,0${NB}% – brudd`);
    // no FY 2023, so no LTM to 30.06.2024: growth falls back to YTD against YTD, 4.0 / 5.0 − 1 = −0.2 (= the limit)
    const g = test(a, 'revenue_growth_min');
    expect(g.status).toBe('near_limit');
    expect(g.actual).toBeCloseTo(-0.2, 12);
    expect(g.fallback?.nb).toBe(
      'Ingen helårsrapport for 2023 er tilgjengelig. Testet i stedet på 01.01–30.06.2025 (HiÅ).',
    );
  });

  it('ROE and ROA on average balances of 31.12.2024 and 30.06.2025', () => {
    const r = a.views!.ltm.ratios;
    // ROE: −1 210 000 / ((1 000 000 + 400 000) / 2 = 700 000) = −1.728571429
    expect(value(r.return_on_equity)).toBeCloseTo(-1.728571429, 8);
    // ROA: (−1 210 000 + 310 000) / ((9 000 000 + 8 800 000) / 2 = 8 900 000) = −0.101123596
    expect(value(r.return_on_assets)).toBeCloseTo(-0.101123596, 8);
  });

  it('the list (latest YTD as reported) carries the leverage breach too', () => {
    expect(listBreaches(items)).toContain('nibd_to_ebitda_max');
  });

  it('a rule switched off shows nowhere: not in the list, not in the covenant tests', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, nibd_to_ebitda_max: { enabled: false, limit: 4 } };
    const off = analyseBorrower(items, { now: NOW, thresholds });
    expect(off.earlyWarning!.evaluations.map((e) => e.rule)).not.toContain('nibd_to_ebitda_max');
    expect(off.covenants.map((t) => t.rule)).not.toContain('nibd_to_ebitda_max');
    // the same through rules already resolved from the stored limits
    const rules = resolveRuleSettings(thresholds);
    expect(analyseBorrower(items, { now: NOW, rules }).covenants.map((t) => t.rule)).toEqual(rules.map((r) => r.rule));
  });
});

describe('a loss-maker with net cash (EBITDA below zero, NIBD −2.8 MNOK)', () => {
  const fy2024 = item(1, '2024-01-01', '2024-12-31', { revenues: 5_000_000, expenses: 5_300_000 }, {
    equity: 6_000_000,
    interest_bearing_debt: 0,
    net_interest_bearing_debt: -3_000_000,
    total_assets: 7_000_000,
  });
  const ytd2025 = item(2, '2025-01-01', '2025-03-31', { revenues: 1_000_000, expenses: 1_200_000 }, {
    equity: 5_800_000,
    interest_bearing_debt: 0,
    net_interest_bearing_debt: -2_800_000,
    total_assets: 6_700_000,
  });
  const items = [fy2024, ytd2025];
  const a = analyseBorrower(items, { now: NOW });

  it('LTM is an estimate, marked "anslag", with its method: YTD + FY 2024 × 275 / 366', () => {
    const p = a.views!.ltm.period;
    expect(p).toMatchObject({ method: 'ltm_estimate', estimate: true, start: '2024-04-01', end: '2025-03-31', days: 365 });
    expect(p.label.nb).toBe('Siste 12 mnd per 31.03.2025 (anslag)');
    // 2024 has 275 days after 31 March (1 Apr–31 Dec): revenue 1 000 000 + 5 000 000 × 275 / 366 = 4 756 830.60
    expect(p.flows.revenues).toBeCloseTo(4_756_830.6011, 3);
    // EBITDA −200 000 − 300 000 × 275 / 366 = −425 409.84
    expect(p.flows.ebitda).toBeCloseTo(-425_409.8361, 3);
    expect(p.note.nb).toContain('helåret 2024 × 275 / 366');
  });

  it('leverage is n.m. but no breach; no interest, no breach; the loss is a breach, marked as an estimate', () => {
    expect(test(a, 'nibd_to_ebitda_max')).toMatchObject({ status: 'ok', reason: { reason: 'negative_ebitda_net_cash', verdict: 'pass' } });
    expect(test(a, 'nibd_to_ebitda_max').sentence.nb).toContain('– oppfylt');
    expect(test(a, 'interest_cover_min')).toMatchObject({ status: 'ok', reason: { reason: 'no_interest_expenses' } });
    const loss = test(a, 'net_profit_min');
    expect(loss).toMatchObject({ status: 'breach', estimate: true });
    expect(loss.actual).toBeCloseTo(-425_409.8361, 3);
    expect(loss.sentence.nb).toBe(`Resultat før skatt ${MINUS}425${NB}410 kr (anslag) – krav minst 0 kr – brudd`);
    expect(listBreaches(items)).not.toContain('nibd_to_ebitda_max');
  });
});

describe('a year to date to 29 February', () => {
  const fy2023 = item(1, '2023-01-01', '2023-12-31', { revenues: 3_650_000, expenses: 3_000_000 }, {
    equity: 1_000_000,
    interest_bearing_debt: 500_000,
    net_interest_bearing_debt: 400_000,
    total_assets: 2_000_000,
  });
  const ytd2023 = item(2, '2023-01-01', '2023-02-28', { revenues: 500_000, expenses: 450_000 }, {
    equity: 900_000,
    interest_bearing_debt: 500_000,
    net_interest_bearing_debt: 450_000,
    total_assets: 1_900_000,
  });
  const ytd2024 = item(3, '2024-01-01', '2024-02-29', { revenues: 600_000, expenses: 520_000 }, {
    equity: 1_050_000,
    interest_bearing_debt: 500_000,
    net_interest_bearing_debt: 420_000,
    total_assets: 2_050_000,
  });

  it('the same period last year ends on 28 February; growth 600 000 / 500 000 − 1 = +20 %', () => {
    const prior = priorYearProRata(ytd2024, [fy2023, ytd2023, ytd2024]);
    expect(prior.ok && prior.period).toMatchObject({ method: 'same_period_snapshot', end: '2023-02-28', days: 59, offsetDays: 0 });
    const growth = computeRatios(reportedPeriod(ytd2024), { comparable: prior.ok ? prior.period : undefined }).revenue_growth;
    expect(value(growth)).toBeCloseTo(0.2, 12);
  });

  it('LTM runs 01.03.2023–29.02.2024: 366 days, exactly twelve months', () => {
    const a = analyseBorrower([fy2023, ytd2023, ytd2024], { now: NOW });
    const p = a.views!.ltm.period;
    expect(p).toMatchObject({ method: 'ltm_combination', start: '2023-03-01', end: '2024-02-29', days: 366, offsetDays: 0 });
    // 600 000 + 3 650 000 − 500 000 = 3 750 000
    expect(p.flows.revenues).toBe(3_750_000);
  });

  it('a YTD to 28 February 2025 against one to 29 February 2024: one day off, within the tolerance', () => {
    const fy2024 = item(4, '2024-01-01', '2024-12-31', { revenues: 3_660_000, expenses: 3_000_000 }, fy2023.data.balance_items);
    const ytd2025 = item(5, '2025-01-01', '2025-02-28', { revenues: 590_000, expenses: 500_000 }, ytd2024.data.balance_items);
    const a = analyseBorrower([fy2024, ytd2024, ytd2025], { now: NOW });
    // the same day a year earlier is 28 February 2024; the YTD to 29 February ends 1 day after it:
    // LTM 01.03.2024–28.02.2025, 365 days; revenue 590 000 + 3 660 000 − 600 000 = 3 650 000
    expect(a.views!.ltm.period).toMatchObject({ method: 'ltm_combination', start: '2024-03-01', days: 365, offsetDays: 1 });
    expect(a.views!.ltm.period.flows.revenues).toBe(3_650_000);
    expect(a.views!.ltm.period.note.nb).toContain('1 dag etter samme dag i fjor');
  });
});

describe('a revised year to date (same window, later fetch, revenue −10 %)', () => {
  const bal = { equity: 2_000_000, interest_bearing_debt: 800_000, net_interest_bearing_debt: 500_000, total_assets: 4_000_000 };
  const first = item(20, '2025-01-01', '2025-06-30', { revenues: 5_000_000, expenses: 4_480_000 }, bal, '2025-07-05T08:00:00.000000');
  const revised = item(21, '2025-01-01', '2025-06-30', { revenues: 4_500_000, expenses: 4_480_000 }, { ...bal, equity: 1_500_000, total_assets: 3_500_000 }, '2025-07-20T08:00:00.000000');

  it('is flagged with before and after; the replaced snapshot stays in the provenance', () => {
    const a = analyseBorrower([first, revised], { now: NOW });
    expect(a.latest!.snapshot.id).toBe(21);
    expect(a.restatements).toEqual([]);
    expect(a.revisions).toHaveLength(1);
    const r = a.revisions[0]!;
    expect(r).toMatchObject({ kind: 'interim_revision', before: { id: 20 }, after: { id: 21 }, startDate: '2025-01-01', endDate: '2025-06-30' });
    // revenue −500 000, so EBITDA, EBIT and net profit −500 000; equity and total assets −500 000
    expect(r.moved.map((m) => [m.id, m.change])).toEqual([
      ['revenues', -500_000],
      ['ebitda', -500_000],
      ['ebit', -500_000],
      ['net_profit', -500_000],
      ['equity', -500_000],
      ['total_assets', -500_000],
    ]);
    expect(r.summary.nb).toBe(`Korrigert hittil i år 01.01–30.06.2025: driftsinntekter 5${NB}000${NB}000 → 4${NB}500${NB}000 og 5 linjer til (regnskapsuttrekk 20 → 21).`);
    expect(a.replaced.map((s) => s.id)).toEqual([20]);
  });

  it('the leverage that went from 0.48x to 12.4x is a breach in the list, on the revised figures', () => {
    // before: 500 000 / (520 000 × 365 / 181) = 0.476817703; after: 500 000 / (20 000 × 365 / 181) = 12.397260274
    const before = computeRatios(reportedPeriod(first)).nibd_to_ebitda;
    expect(value(before)).toBeCloseTo(0.476817703, 8);
    const a = analyseBorrower([first, revised], { now: NOW });
    expect(value(a.latest!.ratios.nibd_to_ebitda)).toBeCloseTo(12.397260274, 8);
    expect(listBreaches([first, revised])).toContain('nibd_to_ebitda_max');
  });

  it('compare sets the two versions side by side: growth −10 %, the margin change in percentage points', () => {
    const c = compareSnapshots(first, revised, 'raw');
    expect(c.revision).toMatchObject({ kind: 'interim_revision', before: { id: 20 }, after: { id: 21 } });
    expect(c.restatement).toBeNull();
    expect(c.comparable).toBe(true);
    expect(c.lines.find((l) => l.id === 'revenues')!.relative).toBeCloseTo(-0.1, 12);
    // EBITDA margin 520 000 / 5 000 000 = 0.104 → 20 000 / 4 500 000 = 0.004444444: −0.099555556 (−10.0 pp)
    const m = c.ratios.find((x) => x.id === 'ebitda_margin')!;
    expect(m).toMatchObject({ unit: 'pp', relative: null });
    expect(m.absolute).toBeCloseTo(-0.099555556, 8);
  });
});

describe('a restated year', () => {
  const bal = { equity: 3_000_000, interest_bearing_debt: 1_000_000, net_interest_bearing_debt: 900_000, total_assets: 5_000_000 };
  const first = item(30, '2024-01-01', '2024-12-31', { revenues: 10_000_000, expenses: 9_000_000, taxes: 220_000 }, bal, '2025-02-01T08:00:00.000000');
  const restated = item(31, '2024-01-01', '2024-12-31', { revenues: 9_800_000, expenses: 9_000_000, taxes: 220_000 }, bal, '2025-04-01T08:00:00.000000');

  it('is both a restatement and a revision, with the lines that moved', () => {
    const a = analyseBorrower([first, restated], { now: NOW });
    expect(a.restatements).toEqual([
      expect.objectContaining({ year: 2024, before: expect.objectContaining({ id: 30 }), after: expect.objectContaining({ id: 31 }) }),
    ]);
    const r = a.revisions[0]!;
    expect(r.kind).toBe('restatement');
    // revenue −200 000 moves EBITDA, EBIT and net profit by −200 000 (tax as booked)
    expect(r.moved.map((m) => [m.id, m.change])).toEqual([
      ['revenues', -200_000],
      ['ebitda', -200_000],
      ['ebit', -200_000],
      ['net_profit', -200_000],
    ]);
    expect(r.summary.nb).toBe(`Omarbeidede tall for 01.01–31.12.2024: driftsinntekter 10${NB}000${NB}000 → 9${NB}800${NB}000 og 3 linjer til (regnskapsuttrekk 30 → 31).`);
    expect(a.replaced.map((s) => s.id)).toEqual([30]);
    // the analysis uses the restated figures: EBITDA 800 000, NIBD 900 000 → 1.125x
    expect(value(a.views!.last_financial_year.ratios.nibd_to_ebitda)).toBeCloseTo(1.125, 12);
  });
});

describe('one snapshot only (a year to date to 31 May 2025)', () => {
  const only = item(40, '2025-01-01', '2025-05-31', { revenues: 2_000_000, expenses: 1_700_000 }, {
    equity: 1_000_000,
    interest_bearing_debt: 2_200_000,
    net_interest_bearing_debt: 2_000_000,
    total_assets: 4_000_000,
  });
  const a = analyseBorrower([only], { now: NOW });

  it('no LTM: the annualised year to date is shown instead, and says why', () => {
    const v = a.views!.ltm;
    expect(v).toMatchObject({ choice: 'ltm', shown: 'annualised' });
    expect(v.period.label.nb).toBe('2025 annualisert (×365/151)');
    expect(v.fallback?.nb).toBe('Ingen helårsrapport for 2024 er tilgjengelig. Vist i stedet: 2025 annualisert (×365/151).');
    expect(a.views!.last_financial_year.fallback?.nb).toBe('Ingen helårsrapport er tilgjengelig. Vist i stedet: 01.01–31.05.2025 (HiÅ).');
  });

  it('leverage is tested on the annualised EBITDA; growth cannot be tested, with the reason', () => {
    // 2 000 000 / (300 000 × 365 / 151 = 725 165.56) = 2.757990868; headroom 4 − 2.757990868 = 1.242009132
    const lev = test(a, 'nibd_to_ebitda_max');
    expect(lev.status).toBe('ok');
    expect(lev.actual).toBeCloseTo(2.757990868, 8);
    expect(lev.headroom).toBeCloseTo(1.242009132, 8);
    expect(lev.fallback?.nb).toContain('Vist i stedet: 2025 annualisert');
    const g = test(a, 'revenue_growth_min');
    expect(g).toMatchObject({ status: 'not_testable', reason: { reason: 'no_comparable' } });
    expect(g.sentence.nb).toBe('Omsetningsvekst – krav minst \u221220,0\u00a0% – kan ikke testes: Ingen sammenlignbar periode i fjor er tilgjengelig.');
    // no prior year end: ROE on the closing equity, and it says so
    const roe = a.views!.ytd.ratios.return_on_equity;
    expect(roe.value !== null && roe.notes?.at(-1)?.nb).toBe('Egenkapital per 31.05.2025 (fjorårets slutt finnes ikke, så ikke gjennomsnitt).');
  });
});

describe('zero revenue', () => {
  const bal = { equity: 500_000, interest_bearing_debt: 1_100_000, net_interest_bearing_debt: 1_000_000, total_assets: 2_000_000 };
  const fy2023 = item(50, '2023-01-01', '2023-12-31', { revenues: 0, expenses: 300_000, interest_expenses: 15_000 }, bal);
  const fy2024 = item(51, '2024-01-01', '2024-12-31', { revenues: 0, expenses: 400_000, interest_expenses: 20_000 }, bal);
  const a = analyseBorrower([fy2023, fy2024], { now: NOW });

  it('margins are n.m.; leverage and interest cover are n.m. breaches; growth from zero cannot be tested', () => {
    const r = a.views!.ltm.ratios;
    for (const id of ['ebitda_margin', 'ebit_margin', 'pretax_margin', 'net_margin'] as const) expect(r[id], id).toMatchObject({ value: null, reason: 'zero_revenue' });
    // EBITDA −400 000 with NIBD 1 000 000; EBIT −400 000 with interest 20 000
    expect(test(a, 'nibd_to_ebitda_max')).toMatchObject({ status: 'breach', reason: { reason: 'negative_ebitda' } });
    expect(test(a, 'interest_cover_min')).toMatchObject({ status: 'breach', reason: { reason: 'negative_ebit' } });
    expect(test(a, 'revenue_growth_min')).toMatchObject({ status: 'not_testable', reason: { reason: 'zero_denominator' } });
    // a full year is its own LTM: the basis is not a fallback
    expect(a.views!.ltm).toMatchObject({ shown: 'ltm', fallback: null });
  });
});

describe('negative equity', () => {
  const fy2023 = item(60, '2023-01-01', '2023-12-31', { revenues: 3_500_000, expenses: 3_300_000, interest_expenses: 90_000 }, {
    equity: 300_000,
    interest_bearing_debt: 1_500_000,
    net_interest_bearing_debt: 1_400_000,
    total_assets: 2_500_000,
  });
  const fy2024 = item(61, '2024-01-01', '2024-12-31', { revenues: 3_000_000, expenses: 3_200_000, interest_expenses: 100_000 }, {
    equity: -500_000,
    interest_bearing_debt: 1_900_000,
    net_interest_bearing_debt: 1_850_000,
    total_assets: 2_000_000,
  });
  const a = analyseBorrower([fy2023, fy2024], { now: NOW });

  it('the equity ratio is negative and breaches by 45 pp; equity breaches in NOK; ROE and debt/equity are n.m.', () => {
    // −500 000 / 2 000 000 = −0.25; headroom −0.25 − 0.2 = −0.45
    const eq = test(a, 'equity_ratio_min');
    expect(eq).toMatchObject({ status: 'breach', actual: -0.25 });
    expect(eq.headroom).toBeCloseTo(-0.45, 12);
    expect(test(a, 'equity_min')).toMatchObject({ status: 'breach', actual: -500_000, headroom: -500_000 });
    const r = a.views!.last_financial_year.ratios;
    expect(r.return_on_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    expect(r.debt_to_equity).toMatchObject({ value: null, reason: 'negative_equity' });
    // ROA: (−300 000 + 100 000) / ((2 500 000 + 2 000 000) / 2 = 2 250 000) = −0.088888889
    expect(value(r.return_on_assets)).toBeCloseTo(-0.088888889, 8);
    // growth FY against FY: 3 000 000 / 3 500 000 − 1 = −0.142857143, above −20 %
    expect(test(a, 'revenue_growth_min').actual).toBeCloseTo(-0.142857143, 8);
  });
});
