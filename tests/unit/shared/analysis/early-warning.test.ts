import { describe, expect, it } from 'vitest';
import { CovenantOverride, CovenantOverrides, Thresholds } from '../../../../shared/analysis/schemas';
import {
  DEFAULT_THRESHOLDS,
  computeRatios,
  evaluateEarlyWarning,
  priorYearProRata,
  reportedPeriod,
  testRule,
  type RuleEvaluation,
} from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

function inputFor(items = [EXAMPLE_2024, EXAMPLE_2025], current = EXAMPLE_2025) {
  const period = reportedPeriod(current);
  const prior = priorYearProRata(current, items);
  return { period, ratios: computeRatios(period, { comparable: prior.ok ? prior.period : undefined }) };
}

function byRule(list: RuleEvaluation[], rule: string): RuleEvaluation {
  const e = list.find((x) => x.rule === rule);
  if (!e) throw new Error(`no evaluation for ${rule}`);
  return e;
}

describe('evaluateEarlyWarning with the default thresholds', () => {
  it('the defaults are the documented ones and satisfy the schema', () => {
    expect(Thresholds.parse(DEFAULT_THRESHOLDS)).toEqual(DEFAULT_THRESHOLDS);
    expect(DEFAULT_THRESHOLDS.equity_ratio_min.limit).toBe(0.2);
    expect(DEFAULT_THRESHOLDS.nibd_to_ebitda_max.limit).toBe(4);
    expect(DEFAULT_THRESHOLDS.interest_cover_min.limit).toBe(2);
    expect(DEFAULT_THRESHOLDS.revenue_growth_min.limit).toBe(-0.2);
  });

  it('the public example 2025 YTD: revenue down 25.2 % against the estimate is a breach, with its headroom in pp', () => {
    const w = evaluateEarlyWarning(inputFor());
    expect(w.breaches.map((b) => b.rule)).toEqual(['revenue_growth_min']);
    const growth = byRule(w.evaluations, 'revenue_growth_min');
    // actual 6 110 372.81 / (13 163 978.27 × 227 / 366) − 1 = −0.251596551; headroom = actual − limit = −0.051596551
    // relative = −0.051596551 / 0.2 = −0.257982755
    expect(growth.actual).toBeCloseTo(-0.251596551, 8);
    expect(growth.headroom).toBeCloseTo(-0.051596551, 8);
    expect(growth.relativeHeadroom).toBeCloseTo(-0.257982755, 7);
    expect(growth.source).toBe('threshold');
    // the row reads as what it is, and says the comparison is against an estimate and not on twelve months
    expect(growth.sentence.nb).toBe(
      'Omsetningsvekst \u221225,2\u00a0% (anslag) – krav minst \u221220,0\u00a0% – brudd',
    );
    expect(growth.test.fallback?.nb).toBe('Testet på 01.01–14.08.2025 (HiÅ), ikke på siste tolv måneder.');
  });

  it('headroom is positive when within the limit: min rules actual − limit, max rules limit − actual', () => {
    const w = evaluateEarlyWarning(inputFor());
    // equity ratio 0.701634071 − 0.20 = 0.501634071; / 0.20 = 2.508170355
    const eq = byRule(w.evaluations, 'equity_ratio_min');
    expect(eq).toMatchObject({ status: 'ok', direction: 'min' });
    expect(eq.headroom).toBeCloseTo(0.501634071, 8);
    expect(eq.relativeHeadroom).toBeCloseTo(2.508170355, 8);
    // NIBD/EBITDA: 4 − (−1.237083194) = 5.237083194
    const nibd = byRule(w.evaluations, 'nibd_to_ebitda_max');
    expect(nibd).toMatchObject({ status: 'ok', direction: 'max' });
    expect(nibd.headroom).toBeCloseTo(5.237083194, 8);
    // equity 6 364 035.56 − 0; relative null (limit 0)
    expect(byRule(w.evaluations, 'equity_min')).toMatchObject({ status: 'ok', headroom: 6364035.56, relativeHeadroom: null });
    // twelve months of profit before tax: 872 619.59 × 365 / 226 = 1 409 319.25
    expect(byRule(w.evaluations, 'net_profit_min').actual).toBeCloseTo(1409319.2493, 3);
  });

  it('near the limit: met, with headroom within the band (default 10 % of the requirement)', () => {
    // equity 210 000 / total assets 1 000 000 = 21.0 %: headroom +1.0 pp = 5 % of 20 %
    const near = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', bal: { equity: 210_000, total_assets: 1_000_000 } });
    const e = byRule(evaluateEarlyWarning(inputFor([near], near)).evaluations, 'equity_ratio_min');
    expect(e).toMatchObject({ status: 'ok', nearLimit: true, test: { status: 'near_limit' } });
    expect(e.sentence.nb).toBe('Egenkapitalandel 21,0\u00a0% – krav minst 20,0\u00a0% – nær grensen, buffer +1,0\u00a0pp');
    // a narrower band (4 %) leaves it plainly met
    expect(byRule(evaluateEarlyWarning(inputFor([near], near), { nearLimitShare: 0.04 }).evaluations, 'equity_ratio_min').nearLimit).toBe(false);
    // 18.2 %: a breach, read as one
    const below = makeItem({ id: 2, start: '2025-01-01', end: '2025-12-31', bal: { equity: 182_000, total_assets: 1_000_000 } });
    expect(byRule(evaluateEarlyWarning(inputFor([below], below)).breaches, 'equity_ratio_min').sentence).toEqual({
      nb: 'Egenkapitalandel 18,2\u00a0% – krav minst 20,0\u00a0% – brudd',
      en: 'Equity ratio 18.2% – requirement at least 20.0% – breach',
    });
  });

  it('no interest expenses in 2025: interest cover n.m. and no breach, with the reason', () => {
    const ic = byRule(evaluateEarlyWarning(inputFor()).evaluations, 'interest_cover_min');
    expect(ic).toMatchObject({ status: 'ok', actual: null, headroom: null, notAvailable: { reason: 'no_interest_expenses', verdict: 'pass' } });
    expect(ic.sentence.nb).toBe('Rentedekningsgrad n.m. – krav minst 2,0x – oppfylt, buffer n.m.: Ingen rentekostnader i perioden: ingenting å dekke, ikke brudd.');
  });

  it('the public example 2024: a loss before tax is a breach, headroom in NOK', () => {
    const w = evaluateEarlyWarning(inputFor([EXAMPLE_2024], EXAMPLE_2024));
    expect(w.breaches.map((b) => b.rule)).toEqual(['net_profit_min']);
    // profit before tax −674 445.54 + 290 992 = −383 453.54; − 0
    expect(byRule(w.breaches, 'net_profit_min').headroom).toBeCloseTo(-383453.54, 4);
    // interest cover 951.25 − 2 = 949.25
    expect(byRule(w.evaluations, 'interest_cover_min').headroom).toBeCloseTo(949.25371875, 6);
  });

  it('negative equity and an equity ratio below 20 % both breach', () => {
    const item = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', bal: { equity: -100_000, total_assets: 1_000_000 } });
    const w = evaluateEarlyWarning(inputFor([item], item));
    // equity ratio −0.1: headroom −0.1 − 0.2 = −0.3; equity −100 000 − 0 = −100 000
    expect(byRule(w.breaches, 'equity_ratio_min').headroom).toBeCloseTo(-0.3, 12);
    expect(byRule(w.breaches, 'equity_min').headroom).toBe(-100_000);
  });

  it('exactly at the limit is no breach; NIBD/EBITDA above 4 is', () => {
    // EBITDA 200 000; NIBD 800 000 → 4.0 exactly; 800 001 → just above
    const at = makeItem({ id: 1, start: '2025-01-01', end: '2025-12-31', bal: { net_interest_bearing_debt: 800_000 } });
    const above = makeItem({ id: 2, start: '2025-01-01', end: '2025-12-31', bal: { net_interest_bearing_debt: 800_200 } });
    expect(byRule(evaluateEarlyWarning(inputFor([at], at)).evaluations, 'nibd_to_ebitda_max')).toMatchObject({ status: 'ok', headroom: 0 });
    // 800 200 / 200 000 = 4.001; headroom 4 − 4.001 = −0.001
    const e = byRule(evaluateEarlyWarning(inputFor([above], above)).evaluations, 'nibd_to_ebitda_max');
    expect(e.status).toBe('breach');
    expect(e.headroom).toBeCloseTo(-0.001, 12);
  });

  it('disabled thresholds are not evaluated', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, revenue_growth_min: { enabled: false, limit: -0.2 } };
    const w = evaluateEarlyWarning(inputFor(), { thresholds });
    expect(w.evaluations.map((e) => e.rule)).not.toContain('revenue_growth_min');
    expect(w.breaches).toEqual([]);
  });
});

describe('covenants override the defaults', () => {
  it('a covenant sets its own level, and the breach says it came from the covenant', () => {
    const covenants = CovenantOverrides.parse([{ rule: 'equity_ratio_min', limit: 0.75, label: 'Loan agreement §8.2' }]);
    const w = evaluateEarlyWarning(inputFor(), { covenants });
    const eq = byRule(w.breaches, 'equity_ratio_min');
    // 0.701634071 − 0.75 = −0.048365929; / 0.75 = −0.064487905
    expect(eq).toMatchObject({ source: 'covenant', label: 'Loan agreement §8.2', limit: 0.75 });
    expect(eq.headroom).toBeCloseTo(-0.048365929, 8);
    expect(eq.relativeHeadroom).toBeCloseTo(-0.064487905, 8);
  });

  it('a covenant can waive a rule (limit null) or loosen it', () => {
    const waived = evaluateEarlyWarning(inputFor(), { covenants: [{ rule: 'revenue_growth_min', limit: null }] });
    expect(waived.breaches).toEqual([]);
    const loosened = evaluateEarlyWarning(inputFor(), { covenants: [{ rule: 'revenue_growth_min', limit: -0.3 }] });
    // −0.251596551 − (−0.3) = 0.048403449 (16 % of the requirement: not near it)
    expect(byRule(loosened.evaluations, 'revenue_growth_min')).toMatchObject({ status: 'ok', source: 'covenant', nearLimit: false });
    expect(byRule(loosened.evaluations, 'revenue_growth_min').headroom).toBeCloseTo(0.048403449, 8);
  });

  it('a covenant applies even where the portfolio threshold is disabled; minimum equity in NOK', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, equity_min: { enabled: false, limit: 0 } };
    const w = evaluateEarlyWarning(inputFor(), { thresholds, covenants: [{ rule: 'equity_min', limit: 7_000_000 }] });
    // 6 364 035.56 − 7 000 000 = −635 964.44; / 7 000 000 = −0.090852063
    const e = byRule(w.breaches, 'equity_min');
    expect(e.headroom).toBeCloseTo(-635964.44, 4);
    expect(e.relativeHeadroom).toBeCloseTo(-0.090852063, 8);
  });

  it('a requirement that is not a number loses the test, not the row', () => {
    const period = reportedPeriod(EXAMPLE_2025);
    const t = testRule({ rule: 'equity_ratio_min', limit: Number.NaN, source: 'covenant' }, period, computeRatios(period));
    expect(t).toMatchObject({ status: 'not_testable', actual: null, reason: { reason: 'missing_input', explain: { nb: 'Kravet er ikke et tall.' } } });
  });

  it('the schemas refuse bad input', () => {
    expect(CovenantOverride.safeParse({ rule: 'no_such_rule', limit: 1 }).success).toBe(false);
    expect(CovenantOverride.safeParse({ rule: 'equity_min', limit: Infinity }).success).toBe(false);
    expect(CovenantOverrides.safeParse([{ rule: 'equity_min', limit: 1 }, { rule: 'equity_min', limit: 2 }]).success).toBe(false);
    expect(Thresholds.safeParse({ ...DEFAULT_THRESHOLDS, equity_min: { enabled: true } }).success).toBe(false);
  });
});
