import { testRule, type CovenantOptions, type CovenantTest } from './covenants';
import type { PeriodFigures } from './periods';
import type { RatioNotAvailable, RatioSet } from './ratios';
import { DEFAULT_THRESHOLDS, RULE_DEFINITIONS, RULE_IDS, type CovenantOverride, type ResolvedRule, type RuleId, type Thresholds } from './rules';
import { text, type LocalizedText } from './text';

export * from './rules';

export type RuleStatus = 'ok' | 'breach' | 'not_evaluable';

/** One rule evaluated on one period. */
export interface RuleEvaluation {
  rule: RuleId;
  /** Where the limit came from. */
  source: 'threshold' | 'covenant';
  label?: string | undefined;
  direction: 'min' | 'max';
  limit: number;
  /** The measured value (ratio unit, or NOK for a line rule); null when not evaluable or not meaningful. */
  actual: number | null;
  /**
   * Signed distance to the limit in the metric's unit: actual − limit for a `min` rule, limit − actual for a
   * `max` rule. Positive is room to spare, negative is a breach. Null when the ratio has no value.
   */
  headroom: number | null;
  /** headroom / |limit|; null when the limit is 0 or there is no headroom. */
  relativeHeadroom: number | null;
  /** `breach` also when the ratio is not meaningful in a way the rule cannot accept (negative EBITDA with net debt). */
  status: RuleStatus;
  /** Met, but within the near-limit band. */
  nearLimit: boolean;
  /** When the ratio has no value: why (for a not-meaningful breach too). */
  notAvailable?: RatioNotAvailable | undefined;
  /** The row as a sentence ("Egenkapitalandel 18,2 % – krav minst 20,0 % – brudd"). */
  sentence: LocalizedText;
  /** The full covenant test behind this evaluation. */
  test: CovenantTest;
}

export interface EarlyWarning {
  evaluations: RuleEvaluation[];
  /** The evaluations with status `breach`. */
  breaches: RuleEvaluation[];
}

export interface EarlyWarningOptions extends CovenantOptions {
  thresholds?: Thresholds | undefined;
  covenants?: readonly CovenantOverride[] | undefined;
  /** The rules in force, already resolved from the stored limits; when given, `thresholds` and `covenants` are not read. */
  rules?: readonly ResolvedRule[] | undefined;
}

/**
 * The rules in force for one borrower from the portfolio thresholds and its covenants: a covenant's limit
 * replaces the threshold (and applies where the threshold is switched off), `limit: null` waives the rule, a
 * switched-off threshold without a covenant is absent. (shared/analysis/limits.ts resolves the stored limits the
 * same way; this keeps evaluateEarlyWarning's options working.)
 */
export function resolveRuleSettings(thresholds: Thresholds = DEFAULT_THRESHOLDS, covenants: readonly CovenantOverride[] = []): ResolvedRule[] {
  const byRule = new Map(covenants.map((c) => [c.rule, c]));
  const out: ResolvedRule[] = [];
  for (const rule of RULE_IDS) {
    const covenant = byRule.get(rule);
    if (covenant) {
      if (covenant.limit !== null) out.push({ rule, limit: covenant.limit, source: 'covenant', label: covenant.label });
    } else if (thresholds[rule].enabled) {
      out.push({ rule, limit: thresholds[rule].limit, source: 'threshold' });
    }
  }
  return out;
}

/** A covenant test in the early-warning shape. */
export function toRuleEvaluation(t: CovenantTest): RuleEvaluation {
  const status: RuleStatus = t.status === 'breach' ? 'breach' : t.status === 'not_testable' ? 'not_evaluable' : 'ok';
  return {
    rule: t.rule,
    source: t.source,
    label: t.label,
    direction: RULE_DEFINITIONS[t.rule].direction,
    limit: t.limit,
    actual: t.actual,
    headroom: t.headroom,
    relativeHeadroom: t.relativeHeadroom,
    status,
    nearLimit: t.status === 'near_limit',
    notAvailable: t.reason ?? undefined,
    sentence: t.sentence,
    test: t,
  };
}

/**
 * Evaluates every rule in force on one period and its ratios (pass the ratios from computeRatios with a
 * comparable period, or revenue growth is not evaluable), through the same test as the covenant model
 * ({@link testRule}). Line rules on a flow use twelve months (flows × annualFactor), so a covenant in NOK per
 * year compares like with like; balance lines are used as they are.
 */
export function evaluateEarlyWarning(
  input: { period: PeriodFigures; ratios: RatioSet },
  options: EarlyWarningOptions = {},
): EarlyWarning {
  const rules = options.rules ?? resolveRuleSettings(options.thresholds, options.covenants);
  const p = input.period;
  const evaluations = rules.map((r) => {
    // Said where the period given is not the basis the rule is defined on (the list tests the latest snapshot).
    const fallback =
      RULE_DEFINITIONS[r.rule].defaultBasis === 'ltm' && p.basis !== 'ltm' && p.basis !== 'full_year'
        ? text(`Tested on ${p.label.en}, not on the last twelve months.`, `Testet på ${p.label.nb}, ikke på siste tolv måneder.`)
        : null;
    return toRuleEvaluation(testRule(r, p, input.ratios, { ...options, fallback }));
  });
  return { evaluations, breaches: evaluations.filter((e) => e.status === 'breach') };
}
