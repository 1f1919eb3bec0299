import { areComparable, type PeriodFigures } from './periods';
import { text, type LocalizedText } from './text';
import { isZeroAmount } from './tolerance';

/** Every ratio, in display order. */
export const RATIO_IDS = [
  'revenue_growth',
  'ebitda_margin',
  'ebit_margin',
  'net_margin',
  'equity_ratio',
  'nibd_to_ebitda',
  'debt_to_equity',
  'interest_cover',
  'return_on_assets',
  'return_on_equity',
] as const;
export type RatioId = (typeof RATIO_IDS)[number];

/** `percent`: a fraction (0.2 is shown as 20 %); `multiple`: a plain number (4.0 is shown as 4.0x). */
export type RatioUnit = 'percent' | 'multiple';

/** Why a ratio has no value; shown as n/a with {@link RatioNotAvailable.explain}. */
export type RatioNaReason =
  | 'zero_denominator'
  | 'negative_denominator'
  | 'negative_equity'
  | 'missing_input'
  | 'not_comparable';

export interface RatioNotAvailable {
  value: null;
  reason: RatioNaReason;
  explain: LocalizedText;
}
/** A ratio's value (a fraction for percent ratios), or n/a with the reason. */
export type RatioResult = { value: number } | RatioNotAvailable;
export type RatioSet = Record<RatioId, RatioResult>;

export interface RatioDefinition {
  id: RatioId;
  name: LocalizedText;
  /** The formula in words; the same text appears in docs/analysis.md and the pack's definitions sheet. */
  definition: LocalizedText;
  unit: RatioUnit;
  /** Sets a flow against a stock, so a YTD flow is annualised first (× yearDays / days_included). */
  annualisesFlows: boolean;
  /** Higher is better (for colouring and for the direction of headroom). */
  higherIsBetter: boolean;
}

const ANNUALISED_NOTE = text(
  ' A year-to-date flow is annualised first (× days in the year / days included); the balance is not.',
  ' En strøm for hittil i år annualiseres først (× dager i året / dager med); balansen annualiseres ikke.',
);

function withAnnualisedNote(t: LocalizedText): LocalizedText {
  return { en: t.en + ANNUALISED_NOTE.en, nb: t.nb + ANNUALISED_NOTE.nb };
}

/** The ten ratios with their names and definitions in English and Norwegian. */
export const RATIO_DEFINITIONS: Readonly<Record<RatioId, RatioDefinition>> = {
  revenue_growth: {
    id: 'revenue_growth',
    name: text('Revenue growth', 'Omsetningsvekst'),
    definition: text(
      'Revenue of the period minus revenue of the comparable prior-year period, divided by revenue of the comparable prior-year period. Comparable: both twelve-month equivalents, the same number of days, or the same calendar window.',
      'Driftsinntekter i perioden minus driftsinntekter i sammenlignbar periode året før, delt på driftsinntekter i sammenlignbar periode året før. Sammenlignbar: begge tolvmånedersverdier, samme antall dager eller samme kalendervindu.',
    ),
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  ebitda_margin: {
    id: 'ebitda_margin',
    name: text('EBITDA margin', 'EBITDA-margin'),
    definition: text('EBITDA divided by revenue, both for the same period.', 'EBITDA delt på driftsinntekter, begge for samme periode.'),
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  ebit_margin: {
    id: 'ebit_margin',
    name: text('EBIT margin', 'Driftsmargin'),
    definition: text(
      'EBIT (operating profit) divided by revenue, both for the same period.',
      'Driftsresultat (EBIT) delt på driftsinntekter, begge for samme periode.',
    ),
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  net_margin: {
    id: 'net_margin',
    name: text('Net margin', 'Nettomargin'),
    definition: text(
      'Net profit divided by revenue, both for the same period.',
      'Resultat etter skatt delt på driftsinntekter, begge for samme periode.',
    ),
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  equity_ratio: {
    id: 'equity_ratio',
    name: text('Equity ratio', 'Egenkapitalandel'),
    definition: text(
      'Equity divided by total assets, both at the end of the period.',
      'Egenkapital delt på sum eiendeler, begge ved periodens slutt.',
    ),
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  nibd_to_ebitda: {
    id: 'nibd_to_ebitda',
    name: text('NIBD / EBITDA', 'NIBD / EBITDA'),
    definition: withAnnualisedNote(
      text(
        'Net interest-bearing debt at the end of the period divided by twelve months of EBITDA. Negative when the company has net cash.',
        'Netto rentebærende gjeld ved periodens slutt delt på tolv måneders EBITDA. Negativ når selskapet har netto kontanter.',
      ),
    ),
    unit: 'multiple',
    annualisesFlows: true,
    higherIsBetter: false,
  },
  debt_to_equity: {
    id: 'debt_to_equity',
    name: text('Interest-bearing debt / equity', 'Rentebærende gjeld / egenkapital'),
    definition: text(
      'Interest-bearing debt divided by equity, both at the end of the period.',
      'Rentebærende gjeld delt på egenkapital, begge ved periodens slutt.',
    ),
    unit: 'multiple',
    annualisesFlows: false,
    higherIsBetter: false,
  },
  interest_cover: {
    id: 'interest_cover',
    name: text('Interest cover', 'Rentedekningsgrad'),
    definition: text(
      'EBIT divided by interest expenses, both for the same period.',
      'Driftsresultat (EBIT) delt på rentekostnader, begge for samme periode.',
    ),
    unit: 'multiple',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  return_on_assets: {
    id: 'return_on_assets',
    name: text('Return on assets (ROA)', 'Avkastning på totalkapital (ROA)'),
    definition: withAnnualisedNote(
      text(
        'Twelve months of net profit divided by total assets at the end of the period.',
        'Tolv måneders resultat etter skatt delt på sum eiendeler ved periodens slutt.',
      ),
    ),
    unit: 'percent',
    annualisesFlows: true,
    higherIsBetter: true,
  },
  return_on_equity: {
    id: 'return_on_equity',
    name: text('Return on equity (ROE)', 'Egenkapitalrentabilitet (ROE)'),
    definition: withAnnualisedNote(
      text(
        'Twelve months of net profit divided by equity at the end of the period. Not defined when equity is zero or negative.',
        'Tolv måneders resultat etter skatt delt på egenkapital ved periodens slutt. Ikke definert når egenkapitalen er null eller negativ.',
      ),
    ),
    unit: 'percent',
    annualisesFlows: true,
    higherIsBetter: true,
  },
};

function na(reason: RatioNaReason, explain: LocalizedText): RatioNotAvailable {
  return { value: null, reason, explain };
}

/**
 * numerator / denominator with the checks every ratio shares: inputs finite, denominator not zero (below half
 * a cent), and, where a negative denominator makes the quotient meaningless, not negative.
 */
function divide(
  numerator: number,
  denominator: number,
  denominatorName: LocalizedText,
  opts: { negative?: 'allowed' | 'negative_denominator' | 'negative_equity' } = {},
): RatioResult {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    return na('missing_input', text('An input amount is missing.', 'Et grunnlagstall mangler.'));
  }
  if (isZeroAmount(denominator)) {
    return na('zero_denominator', text(`${denominatorName.en} is zero.`, `${denominatorName.nb} er null.`));
  }
  const negative = opts.negative ?? 'negative_denominator';
  if (denominator < 0 && negative !== 'allowed') {
    return na(negative, text(`${denominatorName.en} is negative.`, `${denominatorName.nb} er negativ.`));
  }
  return { value: numerator / denominator };
}

/** Options of {@link computeRatios}. */
export interface RatioOptions {
  /** The comparable prior-year period for revenue growth (see priorYearProRata / lastTwelveMonths). */
  comparable?: PeriodFigures | undefined;
}

/**
 * All ratios of one period. Margins and interest cover set flows of the same period against each other and
 * need no annualisation. NIBD / EBITDA, ROA and ROE set a flow against a stock: the flow is multiplied by
 * `period.annualFactor` (1 for a full year, an annualised YTD or LTM; yearDays / days_included for a raw YTD),
 * so the value is the same whether a YTD is passed raw or annualised. Balances are closing balances (a
 * snapshot has no opening balance).
 */
export function computeRatios(period: PeriodFigures, options: RatioOptions = {}): RatioSet {
  const f = period.flows;
  const s = period.stocks;
  const k = period.annualFactor;
  const revenue = text('Revenue', 'Driftsinntekter');
  const equity = text('Equity', 'Egenkapitalen');
  return {
    revenue_growth: revenueGrowth(period, options.comparable),
    ebitda_margin: divide(f.ebitda, f.revenues, revenue),
    ebit_margin: divide(f.ebit, f.revenues, revenue),
    net_margin: divide(f.net_profit, f.revenues, revenue),
    equity_ratio: divide(s.equity, s.total_assets, text('Total assets', 'Sum eiendeler')),
    nibd_to_ebitda: divide(s.net_interest_bearing_debt, f.ebitda * k, text('EBITDA', 'EBITDA')),
    debt_to_equity: divide(s.interest_bearing_debt, s.equity, equity, { negative: 'negative_equity' }),
    interest_cover: divide(f.ebit, f.interest_expenses, text('Interest expenses', 'Rentekostnader')),
    return_on_assets: divide(f.net_profit * k, s.total_assets, text('Total assets', 'Sum eiendeler')),
    return_on_equity: divide(f.net_profit * k, s.equity, equity, { negative: 'negative_equity' }),
  };
}

function revenueGrowth(period: PeriodFigures, comparable: PeriodFigures | undefined): RatioResult {
  if (!comparable) {
    return na(
      'missing_input',
      text('No comparable prior-year period is available.', 'Ingen sammenlignbar periode året før er tilgjengelig.'),
    );
  }
  if (!areComparable(period, comparable)) {
    return na(
      'not_comparable',
      text(
        `The periods are not like for like (${comparable.days} against ${period.days} days).`,
        `Periodene er ikke sammenlignbare (${comparable.days} mot ${period.days} dager).`,
      ),
    );
  }
  return divide(
    period.flows.revenues - comparable.flows.revenues,
    comparable.flows.revenues,
    text('Prior-year revenue', 'Fjorårets driftsinntekter'),
  );
}
