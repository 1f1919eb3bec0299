import type { LineId } from './lines';
import type { RatioId } from './ratios';
import { text, type LocalizedText } from './text';

/** The early-warning rules (covenants when a borrower's agreement sets them). `_min` rules breach below the limit, `_max` rules above it. */
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

/**
 * The figures a covenant is tested on, as credit agreements define it:
 * - `ltm`: flows over the last twelve months to the latest date, balances at that date (the default for rules
 *   on flows: leverage, interest cover, growth, profit);
 * - `year_end`: the last financial year's accounts;
 * - `point_in_time`: the balance at the latest date (the default for rules on balances); a rule that also needs a
 *   flow takes the last twelve months to that date.
 */
export const COVENANT_BASES = ['ltm', 'year_end', 'point_in_time'] as const;
export type CovenantBasis = (typeof COVENANT_BASES)[number];

export const COVENANT_BASIS_DEFINITIONS: Readonly<Record<CovenantBasis, { name: LocalizedText; definition: LocalizedText }>> = {
  ltm: {
    name: text('Last twelve months', 'Siste tolv måneder'),
    definition: text(
      'Flows over the last twelve months to the latest snapshot date (exact, or an estimate marked as one), balances at that date. Without a prior full year, the year to date annualised, and the test says so.',
      'Strømmer for siste tolv måneder til siste uttrekksdato (eksakt, eller et anslag merket som det), balanser per den datoen. Uten fjorårets helår brukes hittil i år annualisert, og testen sier det.',
    ),
  },
  year_end: {
    name: text('Year end', 'Årsslutt'),
    definition: text('The last financial year’s accounts as reported.', 'Siste regnskapsårs tall som rapportert.'),
  },
  point_in_time: {
    name: text('Point in time', 'Tidspunkt'),
    definition: text(
      'The balance at the latest snapshot date; a rule that also needs a flow uses the last twelve months to that date.',
      'Balansen per siste uttrekksdato; en regel som også trenger en strøm bruker siste tolv måneder til den datoen.',
    ),
  },
};

export interface RuleDefinition {
  id: RuleId;
  metric: RuleMetric;
  /** `min`: breach when actual < limit; `max`: breach when actual > limit. Equal to the limit is no breach. */
  direction: 'min' | 'max';
  /** The rule as a requirement, neutral: it reads right whether the borrower meets it or not (and in a list of breaches). */
  name: LocalizedText;
  /** What a breach of it is called (a flag in the list). */
  breachName: LocalizedText;
  definition: LocalizedText;
  /** The basis the rule is tested on unless the covenant says otherwise. */
  defaultBasis: CovenantBasis;
}

export const RULE_DEFINITIONS: Readonly<Record<RuleId, RuleDefinition>> = {
  equity_ratio_min: {
    id: 'equity_ratio_min',
    metric: { kind: 'ratio', id: 'equity_ratio' },
    direction: 'min',
    name: text('Minimum equity ratio', 'Minste egenkapitalandel'),
    breachName: text('Equity ratio below requirement', 'Egenkapitalandel under kravet'),
    definition: text(
      'Breach when the equity ratio is below the requirement (default 20 %). Tested on the balance at the latest date.',
      'Brudd når egenkapitalandelen er under kravet (standard 20 %). Testes på balansen per siste dato.',
    ),
    defaultBasis: 'point_in_time',
  },
  nibd_to_ebitda_max: {
    id: 'nibd_to_ebitda_max',
    metric: { kind: 'ratio', id: 'nibd_to_ebitda' },
    direction: 'max',
    name: text('Maximum NIBD / EBITDA', 'Høyeste NIBD / EBITDA'),
    breachName: text('NIBD / EBITDA above requirement', 'NIBD / EBITDA over kravet'),
    definition: text(
      'Breach when NIBD / EBITDA is above the requirement (default 4.0x), or when EBITDA is zero or negative while NIBD is positive (n.m.: the debt is carried by no earnings). With net cash and no EBITDA there is no breach. Tested on the last twelve months.',
      'Brudd når NIBD / EBITDA er over kravet (standard 4,0x), eller når EBITDA er null eller negativ mens NIBD er positiv (n.m.: gjelden bæres ikke av inntjening). Med netto kontanter og uten EBITDA er det ikke brudd. Testes på siste tolv måneder.',
    ),
    defaultBasis: 'ltm',
  },
  interest_cover_min: {
    id: 'interest_cover_min',
    metric: { kind: 'ratio', id: 'interest_cover' },
    direction: 'min',
    name: text('Minimum interest cover', 'Minste rentedekningsgrad'),
    breachName: text('Interest cover below requirement', 'Rentedekningsgrad under kravet'),
    definition: text(
      'Breach when interest cover is below the requirement (default 2.0x), or when operating profit is zero or negative while there are interest expenses (n.m.). Without interest expenses there is no breach. Tested on the last twelve months.',
      'Brudd når rentedekningsgraden er under kravet (standard 2,0x), eller når driftsresultatet er null eller negativt mens det er rentekostnader (n.m.). Uten rentekostnader er det ikke brudd. Testes på siste tolv måneder.',
    ),
    defaultBasis: 'ltm',
  },
  revenue_growth_min: {
    id: 'revenue_growth_min',
    metric: { kind: 'ratio', id: 'revenue_growth' },
    direction: 'min',
    name: text('Lowest revenue growth', 'Laveste omsetningsvekst'),
    breachName: text('Revenue decline', 'Omsetningsfall'),
    definition: text(
      'Breach when revenue growth against the comparable prior-year period on the same basis is below the requirement (default −20 %: revenue down more than 20 % year on year). Tested on the last twelve months against the twelve months a year earlier; where those cannot be built, on the latest period against the same period last year, and the test says so.',
      'Brudd når omsetningsveksten mot sammenlignbar periode i fjor på samme grunnlag er under kravet (standard −20 %: omsetningen ned mer enn 20 % fra året før). Testes på siste tolv måneder mot tolv måneder ett år tidligere; der de ikke kan beregnes, på siste periode mot samme periode i fjor, og testen sier det.',
    ),
    defaultBasis: 'ltm',
  },
  equity_min: {
    id: 'equity_min',
    metric: { kind: 'line', id: 'equity' },
    direction: 'min',
    name: text('Minimum equity (NOK)', 'Minste egenkapital (NOK)'),
    breachName: text('Equity below requirement', 'Egenkapital under kravet'),
    definition: text(
      'Breach when equity at the latest date is below the requirement in NOK (default 0: negative equity). A covenant may set a minimum equity.',
      'Brudd når egenkapitalen per siste dato er under kravet i NOK (standard 0: negativ egenkapital). Et lånevilkår kan sette en minste egenkapital.',
    ),
    defaultBasis: 'point_in_time',
  },
  net_profit_min: {
    id: 'net_profit_min',
    metric: { kind: 'line', id: 'profit_before_tax' },
    direction: 'min',
    name: text('Minimum profit before tax (NOK)', 'Minste resultat før skatt (NOK)'),
    breachName: text('Loss before tax', 'Underskudd før skatt'),
    definition: text(
      'Breach when twelve months of profit before tax are below the requirement in NOK (default 0: a loss). Before tax, because a year to date has no tax booked. Tested on the last twelve months.',
      'Brudd når tolv måneders resultat før skatt er under kravet i NOK (standard 0: underskudd). Før skatt, fordi hittil i år ikke har bokført skatt. Testes på siste tolv måneder.',
    ),
    defaultBasis: 'ltm',
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

/**
 * A rule in force for one borrower, its limit already resolved from the stored limits (the portfolio threshold,
 * or the borrower's covenant; rules switched off or waived are simply absent). The covenant tests take these.
 */
export interface ResolvedRule {
  rule: RuleId;
  limit: number;
  source: 'threshold' | 'covenant';
  label?: string | undefined;
  /** The basis the agreement tests on; default the rule's {@link RuleDefinition.defaultBasis}. */
  basis?: CovenantBasis | undefined;
}

/**
 * "Near the limit" band of a covenant: met, with headroom at most this share of |limit| (10 %: an equity-ratio
 * requirement of 20 % is near below 22 %). Our default; the analyst sets it in Settings.
 */
export const DEFAULT_NEAR_LIMIT_SHARE = 0.1;
