import { lineValue, isFlowLine, type LineId } from './lines';
import type { PeriodFigures } from './periods';
import type { RatioId, RatioNotAvailable, RatioSet } from './ratios';
import { text, type LocalizedText } from './text';

/** The early-warning rules. `_min` rules breach below the limit, `_max` rules above it. */
export const RULE_IDS = [
  'equity_ratio_min',
  'nibd_to_ebitda_max',
  'interest_cover_min',
  'revenue_growth_min',
  'equity_min',
  'net_profit_min',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** What a rule measures: a ratio (in its own unit) or a line (NOK). */
export type RuleMetric = { kind: 'ratio'; id: RatioId } | { kind: 'line'; id: LineId };

export interface RuleDefinition {
  id: RuleId;
  metric: RuleMetric;
  /** `min`: breach when actual < limit; `max`: breach when actual > limit. Equal to the limit is no breach. */
  direction: 'min' | 'max';
  name: LocalizedText;
  definition: LocalizedText;
}

export const RULE_DEFINITIONS: Readonly<Record<RuleId, RuleDefinition>> = {
  equity_ratio_min: {
    id: 'equity_ratio_min',
    metric: { kind: 'ratio', id: 'equity_ratio' },
    direction: 'min',
    name: text('Equity ratio below limit', 'Egenkapitalandel under grensen'),
    definition: text('Breach when the equity ratio is below the limit (default 20 %).', 'Brudd når egenkapitalandelen er under grensen (standard 20 %).'),
  },
  nibd_to_ebitda_max: {
    id: 'nibd_to_ebitda_max',
    metric: { kind: 'ratio', id: 'nibd_to_ebitda' },
    direction: 'max',
    name: text('NIBD / EBITDA above limit', 'NIBD / EBITDA over grensen'),
    definition: text('Breach when NIBD / EBITDA is above the limit (default 4.0x).', 'Brudd når NIBD / EBITDA er over grensen (standard 4,0x).'),
  },
  interest_cover_min: {
    id: 'interest_cover_min',
    metric: { kind: 'ratio', id: 'interest_cover' },
    direction: 'min',
    name: text('Interest cover below limit', 'Rentedekningsgrad under grensen'),
    definition: text('Breach when interest cover is below the limit (default 2.0x).', 'Brudd når rentedekningsgraden er under grensen (standard 2,0x).'),
  },
  revenue_growth_min: {
    id: 'revenue_growth_min',
    metric: { kind: 'ratio', id: 'revenue_growth' },
    direction: 'min',
    name: text('Revenue decline', 'Omsetningsfall'),
    definition: text(
      'Breach when revenue growth against the comparable prior-year period is below the limit (default −20 %: revenue down more than 20 % year on year).',
      'Brudd når omsetningsveksten mot sammenlignbar periode året før er under grensen (standard −20 %: omsetningen ned mer enn 20 % fra året før).',
    ),
  },
  equity_min: {
    id: 'equity_min',
    metric: { kind: 'line', id: 'equity' },
    direction: 'min',
    name: text('Negative equity', 'Negativ egenkapital'),
    definition: text(
      'Breach when equity at the end of the period is below the limit in NOK (default 0: negative equity). A covenant may set a minimum equity.',
      'Brudd når egenkapitalen ved periodens slutt er under grensen i NOK (standard 0: negativ egenkapital). En covenant kan sette en minste egenkapital.',
    ),
  },
  net_profit_min: {
    id: 'net_profit_min',
    metric: { kind: 'line', id: 'net_profit' },
    direction: 'min',
    name: text('Loss', 'Underskudd'),
    definition: text(
      'Breach when twelve months of net profit (a YTD annualised) are below the limit in NOK (default 0: a loss).',
      'Brudd når tolv måneders resultat etter skatt (hittil i år annualisert) er under grensen i NOK (standard 0: underskudd).',
    ),
  },
};

/** One rule's portfolio-wide setting. (The zod schemas of these shapes are in schemas.ts, which the renderer does not load.) */
export interface RuleSetting {
  enabled: boolean;
  limit: number;
}

/** Portfolio-wide early-warning thresholds: every rule with its limit (ratio unit: fractions for percent). */
export type Thresholds = { [R in RuleId]: RuleSetting };

/** The defaults: equity ratio < 20 %, NIBD/EBITDA > 4, interest cover < 2, revenue −20 %, negative equity, a loss. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  equity_ratio_min: { enabled: true, limit: 0.2 },
  nibd_to_ebitda_max: { enabled: true, limit: 4 },
  interest_cover_min: { enabled: true, limit: 2 },
  revenue_growth_min: { enabled: true, limit: -0.2 },
  equity_min: { enabled: true, limit: 0 },
  net_profit_min: { enabled: true, limit: 0 },
};

/**
 * A borrower's covenant on one rule: its own limit replaces the portfolio threshold (and applies even when the
 * threshold is disabled); `limit: null` waives the rule for this borrower. The borrower (org number) is the
 * storage's key, not part of this shape.
 */
export interface CovenantOverride {
  rule: RuleId;
  limit: number | null;
  /** The covenant's wording or reference in the loan agreement, shown beside the breach. */
  label?: string | undefined;
}

/** A borrower's covenants, at most one per rule. */
export type CovenantOverrides = CovenantOverride[];

export type RuleStatus = 'ok' | 'breach' | 'not_evaluable';

/** One rule evaluated on one period. */
export interface RuleEvaluation {
  rule: RuleId;
  /** Where the limit came from. */
  source: 'threshold' | 'covenant';
  label?: string | undefined;
  direction: 'min' | 'max';
  limit: number;
  /** The measured value (ratio unit, or NOK for a line rule); null when not evaluable. */
  actual: number | null;
  /**
   * Signed distance to the limit in the metric's unit: actual − limit for a `min` rule, limit − actual for a
   * `max` rule. Positive is room to spare, negative is a breach.
   */
  headroom: number | null;
  /** headroom / |limit|; null when the limit is 0 or the rule is not evaluable. */
  relativeHeadroom: number | null;
  status: RuleStatus;
  /** When not evaluable: why the ratio has no value. */
  notAvailable?: RatioNotAvailable | undefined;
}

export interface EarlyWarning {
  evaluations: RuleEvaluation[];
  /** The evaluations with status `breach`. */
  breaches: RuleEvaluation[];
}

export interface EarlyWarningOptions {
  thresholds?: Thresholds | undefined;
  covenants?: readonly CovenantOverride[] | undefined;
}

/**
 * Evaluates every enabled rule on a period and its ratios (pass the ratios from computeRatios with a comparable
 * period, or revenue growth is not evaluable). Line rules on a flow use twelve months (flows × annualFactor),
 * so a covenant in NOK per year compares like with like; balance lines are used as they are.
 */
export function evaluateEarlyWarning(
  input: { period: PeriodFigures; ratios: RatioSet },
  options: EarlyWarningOptions = {},
): EarlyWarning {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const covenants = new Map((options.covenants ?? []).map((c) => [c.rule, c]));
  const evaluations: RuleEvaluation[] = [];
  for (const rule of RULE_IDS) {
    const def = RULE_DEFINITIONS[rule];
    const covenant = covenants.get(rule);
    let limit: number;
    let source: RuleEvaluation['source'];
    if (covenant) {
      if (covenant.limit === null) continue;
      limit = covenant.limit;
      source = 'covenant';
    } else {
      if (!thresholds[rule].enabled) continue;
      limit = thresholds[rule].limit;
      source = 'threshold';
    }
    const base = { rule, source, label: covenant?.label, direction: def.direction, limit };
    let actual: number;
    if (def.metric.kind === 'ratio') {
      const r = input.ratios[def.metric.id];
      if (r.value === null) {
        evaluations.push({ ...base, actual: null, headroom: null, relativeHeadroom: null, status: 'not_evaluable', notAvailable: r });
        continue;
      }
      actual = r.value;
    } else {
      const raw = lineValue(input.period, def.metric.id);
      actual = isFlowLine(def.metric.id) ? raw * input.period.annualFactor : raw;
    }
    const headroom = def.direction === 'min' ? actual - limit : limit - actual;
    evaluations.push({
      ...base,
      actual,
      headroom,
      relativeHeadroom: limit === 0 ? null : headroom / Math.abs(limit),
      status: headroom < 0 ? 'breach' : 'ok',
    });
  }
  return { evaluations, breaches: evaluations.filter((e) => e.status === 'breach') };
}
