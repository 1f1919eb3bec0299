import { onBasis, type BorrowerBases } from './bases';
import { formatDateNo } from './dates';
import { formatAmount, formatMultiple, formatPercent, formatPercentagePoints, NOT_MEANINGFUL } from './format';
import { LINE_DEFINITIONS, isFlowLine, lineValue } from './lines';
import type { PeriodFigures } from './periods';
import { RATIO_DEFINITIONS, computeRatios, type RatioNotAvailable, type RatioSet } from './ratios';
import {
  COVENANT_BASIS_DEFINITIONS,
  DEFAULT_NEAR_LIMIT_SHARE,
  RULE_DEFINITIONS,
  type CovenantBasis,
  type ResolvedRule,
  type RuleId,
} from './rules';
import { text, type Language, type LocalizedText } from './text';
import { COVENANT_STATUS_TEXT, VOCABULARY, type CovenantStatus } from './vocabulary';

/** The unit a covenant's actual, requirement and headroom are in. Headroom of a percent ratio is in percentage points. */
export type CovenantUnit = 'percent' | 'multiple' | 'nok';

/** One covenant (or portfolio rule) tested on one borrower's figures. */
export interface CovenantTest {
  rule: RuleId;
  source: 'threshold' | 'covenant';
  /** The agreement's wording or reference, when a covenant gave one. */
  label?: string | undefined;
  name: LocalizedText;
  definition: LocalizedText;
  direction: 'min' | 'max';
  limit: number;
  unit: CovenantUnit;
  /** The basis asked for (the rule's default or the agreement's). */
  basis: CovenantBasis;
  /** The figures the test used; `period.label` names the basis actually used. Null when there are none. */
  period: PeriodFigures | null;
  /** When the asked basis could not be built: what was used instead and why. */
  fallback: LocalizedText | null;
  /** The date the actual refers to: the balance date, the end of the flow window. */
  testDate: string | null;
  /** In the rule's unit (a fraction for percent, x, NOK); null when n.m. or not testable. */
  actual: number | null;
  /**
   * Signed distance to the requirement in the rule's unit (percentage points as a fraction for a percent ratio,
   * x for a multiple, NOK for an amount): actual − limit for a minimum, limit − actual for a maximum. Positive is
   * room to spare, negative is a breach. Null when n.m. or not testable.
   */
  headroom: number | null;
  /** headroom / |limit| (the band "near the limit" is measured with it); null for a zero limit or no headroom. */
  relativeHeadroom: number | null;
  status: CovenantStatus;
  /** Why the ratio has no value (n.m. breach, n.m. pass, not testable). */
  reason: RatioNotAvailable | null;
  /** An input period is an estimate: the row says "anslag". */
  estimate: boolean;
  /** The row as a sentence: "Egenkapitalandel 18,2 % – krav minst 20,0 % – brudd". */
  sentence: LocalizedText;
}

export interface CovenantOptions {
  /** The near-limit band as a share of |limit| (the analyst's setting); default {@link DEFAULT_NEAR_LIMIT_SHARE}. */
  nearLimitShare?: number | undefined;
}

function unitOf(rule: RuleId): CovenantUnit {
  const m = RULE_DEFINITIONS[rule].metric;
  return m.kind === 'line' ? 'nok' : RATIO_DEFINITIONS[m.id].unit;
}

function metricName(rule: RuleId): LocalizedText {
  const m = RULE_DEFINITIONS[rule].metric;
  if (m.kind === 'ratio') return RATIO_DEFINITIONS[m.id].name;
  return LINE_DEFINITIONS.find((l) => l.id === m.id)!.name;
}

function formatIn(unit: CovenantUnit, x: number, lang: Language): string {
  if (unit === 'percent') return formatPercent(x, {}, lang);
  if (unit === 'multiple') return formatMultiple(x, {}, lang);
  return lang === 'nb' ? `${formatAmount(x, {}, lang)} kr` : `NOK ${formatAmount(x, {}, lang)}`;
}

/** A headroom in its unit: "+1,8 pp", "+0,5x", "+1 234 567 kr". */
export function formatHeadroom(unit: CovenantUnit, headroom: number | null, lang: Language = 'nb'): string {
  if (headroom === null) return NOT_MEANINGFUL[lang];
  if (unit === 'percent') return formatPercentagePoints(headroom, { plusSign: true }, lang);
  const s = formatIn(unit, headroom, lang);
  return headroom > 0 ? `+${s}` : s;
}

function sentenceOf(t: Omit<CovenantTest, 'sentence'>): LocalizedText {
  const name = metricName(t.rule);
  const make = (lang: Language): string => {
    const req = `${VOCABULARY.requirement[lang]} ${(t.direction === 'min' ? VOCABULARY.atLeast : VOCABULARY.atMost)[lang]} ${formatIn(t.unit, t.limit, lang)}`;
    const status = COVENANT_STATUS_TEXT[t.status].name[lang];
    const est = t.estimate ? ` (${VOCABULARY.estimate[lang]})` : '';
    let actual: string;
    if (t.actual !== null) actual = `${name[lang]} ${formatIn(t.unit, t.actual, lang)}${est}`;
    else if (t.reason?.kind === 'not_meaningful') actual = `${name[lang]} ${NOT_MEANINGFUL[lang]}`;
    else actual = name[lang];
    let tail = status;
    if (t.status === 'ok' || t.status === 'near_limit') tail += `, ${VOCABULARY.headroom[lang].toLowerCase()} ${formatHeadroom(t.unit, t.headroom, lang)}`;
    if (t.reason) tail += `: ${t.reason.explain[lang]}`;
    return `${actual} – ${req} – ${tail}`;
  };
  return { en: make('en'), nb: make('nb') };
}

/**
 * Tests one resolved rule on one period and its ratios: the one implementation behind the list, the borrower
 * page, the pack and the CLI. A ratio that is not meaningful counts by its verdict (negative EBITDA with net
 * debt is a breach of a maximum leverage; net cash is none); a missing one makes the rule not testable. Line
 * rules on a flow use twelve months (flows × annualFactor); balances are used as they are.
 */
export function testRule(
  rule: ResolvedRule,
  period: PeriodFigures | null,
  ratios: RatioSet | null,
  options: CovenantOptions & { basis?: CovenantBasis; fallback?: LocalizedText | null; missing?: LocalizedText } = {},
): CovenantTest {
  const def = RULE_DEFINITIONS[rule.rule];
  const unit = unitOf(rule.rule);
  const base = {
    rule: rule.rule,
    source: rule.source,
    label: rule.label,
    name: def.name,
    definition: def.definition,
    direction: def.direction,
    limit: rule.limit,
    unit,
    basis: options.basis ?? rule.basis ?? def.defaultBasis,
    period,
    fallback: options.fallback ?? null,
    testDate: period ? (def.metric.kind === 'line' && !isFlowLine(def.metric.id) ? period.stocksAsOf : period.end) : null,
    estimate: false,
  };
  const finish = (t: Omit<CovenantTest, 'sentence'>): CovenantTest => ({ ...t, sentence: sentenceOf(t) });
  if (!Number.isFinite(rule.limit)) {
    // Limits are checked where they are stored; one that is not a number here loses the test, not the row.
    const reason: RatioNotAvailable = {
      value: null,
      reason: 'missing_input',
      explain: text('The requirement is not a number.', 'Kravet er ikke et tall.'),
      kind: 'not_available',
      verdict: 'untestable',
    };
    return finish({ ...base, actual: null, headroom: null, relativeHeadroom: null, status: 'not_testable', reason });
  }
  if (!period || !ratios) {
    const reason: RatioNotAvailable = {
      value: null,
      reason: 'missing_input',
      explain: options.missing ?? text('The borrower has no snapshot to test.', 'Låntakeren har ingen regnskapsuttrekk å teste.'),
      kind: 'not_available',
      verdict: 'untestable',
    };
    return finish({ ...base, actual: null, headroom: null, relativeHeadroom: null, status: 'not_testable', reason });
  }
  let actual: number;
  let estimate = period.estimate;
  if (def.metric.kind === 'ratio') {
    const r = ratios[def.metric.id];
    if (r.value === null) {
      const status: CovenantStatus = r.verdict === 'breach' ? 'breach' : r.verdict === 'pass' ? 'ok' : 'not_testable';
      return finish({ ...base, actual: null, headroom: null, relativeHeadroom: null, status, reason: r });
    }
    actual = r.value;
    estimate = estimate || r.estimate === true;
  } else {
    const raw = lineValue(period, def.metric.id);
    actual = isFlowLine(def.metric.id) ? raw * period.annualFactor : raw;
  }
  const headroom = def.direction === 'min' ? actual - rule.limit : rule.limit - actual;
  const relativeHeadroom = rule.limit === 0 ? null : headroom / Math.abs(rule.limit);
  const share = options.nearLimitShare ?? DEFAULT_NEAR_LIMIT_SHARE;
  const status: CovenantStatus =
    headroom < 0 ? 'breach' : relativeHeadroom !== null && relativeHeadroom <= share ? 'near_limit' : 'ok';
  return finish({ ...base, estimate, actual, headroom, relativeHeadroom, status, reason: null });
}

/** A rule on balances alone: tested on the balance at a date, whatever flows exist. */
function onBalanceOnly(rule: RuleId): boolean {
  const m = RULE_DEFINITIONS[rule].metric;
  return m.kind === 'line' ? !isFlowLine(m.id) : RATIO_DEFINITIONS[m.id].measures === 'balance';
}

/** The figures and ratios a rule is tested on for its basis, with any fallback in words. */
function figuresFor(bases: BorrowerBases, rule: RuleId, basis: CovenantBasis): { period: PeriodFigures; ratios: RatioSet; fallback: LocalizedText | null } {
  if (basis === 'year_end') {
    const v = onBasis(bases, 'last_financial_year');
    return { period: v.period, ratios: v.ratios, fallback: v.fallback };
  }
  if (basis === 'point_in_time' && onBalanceOnly(rule)) {
    return { period: bases.reported, ratios: computeRatios(bases.reported), fallback: null };
  }
  const v = onBasis(bases, 'ltm');
  const growth = v.ratios.revenue_growth;
  if (rule === 'revenue_growth_min' && growth.value === null && growth.kind === 'not_available') {
    // Growth needs the same basis a year earlier; without the twelve months a year earlier, the latest period
    // against the same period last year (like for like; an estimate is marked as one).
    const y = onBasis(bases, bases.reported.basis === 'full_year' ? 'last_financial_year' : 'ytd');
    const why = bases.priorLtm.ok ? growth.explain : bases.priorLtm.explain;
    return {
      period: y.period,
      ratios: y.ratios,
      fallback: text(`${why.en} Tested instead on ${y.period.label.en}.`, `${why.nb} Testet i stedet på ${y.period.label.nb}.`),
    };
  }
  return { period: v.period, ratios: v.ratios, fallback: v.fallback };
}

/**
 * Tests every resolved rule on the basis its agreement names (LTM by default for flows, the latest balance for
 * balances, or the last year end), each with its definition, requirement, basis, test date, actual, headroom
 * in its own unit and status. `bases` null (a borrower without snapshots) gives every rule "cannot be tested".
 */
export function testCovenants(
  bases: BorrowerBases | null,
  rules: readonly ResolvedRule[],
  options: CovenantOptions = {},
): CovenantTest[] {
  return rules.map((rule) => {
    const basis = rule.basis ?? RULE_DEFINITIONS[rule.rule].defaultBasis;
    if (!bases) return testRule(rule, null, null, { ...options, basis });
    const f = figuresFor(bases, rule.rule, basis);
    return testRule(rule, f.period, f.ratios, { ...options, basis, fallback: f.fallback });
  });
}

/** The basis of a test in words, for the basis column: "Siste tolv måneder (Siste 12 mnd per 14.08.2025 (anslag))". */
export function covenantBasisText(t: CovenantTest): LocalizedText {
  const name = COVENANT_BASIS_DEFINITIONS[t.basis].name;
  if (!t.period) return name;
  const at = t.testDate ? formatDateNo(t.testDate) : '';
  return text(`${name.en}: ${t.period.label.en}${at ? `, tested at ${at}` : ''}`, `${name.nb}: ${t.period.label.nb}${at ? `, testet per ${at}` : ''}`);
}
