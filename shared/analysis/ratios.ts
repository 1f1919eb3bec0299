import { formatDateNo } from './dates';
import { formatAmount } from './format';
import { profitBeforeTax } from './lines';
import { areComparable, type PeriodFigures } from './periods';
import { text, type LocalizedText } from './text';
import { HALF_CENT, isZeroAmount } from './tolerance';

/** Every ratio, in display order. */
export const RATIO_IDS = [
  'revenue_growth',
  'ebitda_margin',
  'ebit_margin',
  'pretax_margin',
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

/** Why a ratio has no value; shown as n.m. (or n/a when an input is missing) with {@link RatioNotAvailable.explain}. */
export type RatioNaReason =
  | 'zero_denominator'
  | 'negative_denominator'
  | 'negative_equity'
  | 'missing_input'
  | 'no_comparable'
  | 'not_comparable'
  | 'zero_revenue'
  | 'negative_revenue'
  | 'negative_ebitda'
  | 'negative_ebitda_net_cash'
  | 'negative_ebit'
  | 'no_interest_expenses';

/**
 * How a limit on the ratio reads a missing value: `breach` (not meaningful in a way no maximum leverage or
 * minimum cover can accept: negative EBITDA with net debt, negative EBIT with interest to pay), `pass` (not
 * meaningful because there is nothing to measure: net cash, no interest expenses), `untestable` (the rest).
 */
export type RatioVerdict = 'breach' | 'pass' | 'untestable';

export interface RatioNotAvailable {
  value: null;
  reason: RatioNaReason;
  explain: LocalizedText;
  /** `not_meaningful` (n.m.): the inputs exist but the quotient means nothing; `not_available`: an input is missing. */
  kind: 'not_meaningful' | 'not_available';
  verdict: RatioVerdict;
}

/** A ratio's value with what it was computed from. */
export interface RatioValue {
  /** A fraction for percent ratios. */
  value: number;
  /** The inputs as used: a flow of twelve months where the ratio sets a flow against a stock, an average balance. */
  numerator?: number | undefined;
  denominator?: number | undefined;
  /** True when an input period is an estimate (LTM estimate, prior year pro rata): shown with "anslag". */
  estimate?: boolean | undefined;
  /** NIBD / EBITDA of a company with net cash (NIBD below zero): negative, and compliant with any maximum. */
  netCash?: boolean | undefined;
  /** What the reader must know to read the value: annualised flows, the balances averaged, tax not booked. */
  notes?: LocalizedText[] | undefined;
}

/** A ratio's value (a fraction for percent ratios), or why there is none. */
export type RatioResult = RatioValue | RatioNotAvailable;
export type RatioSet = Record<RatioId, RatioResult>;

export interface RatioDefinition {
  id: RatioId;
  name: LocalizedText;
  /** The formula in words; the same text appears in docs/analysis.md and the pack's definitions sheet. */
  definition: LocalizedText;
  /** The formula in one line ("EBITDA / Driftsinntekter"). */
  formula: LocalizedText;
  /** The Proff or SSB formula this follows, or where it departs from them. */
  reference?: LocalizedText | undefined;
  unit: RatioUnit;
  /** What the ratio is made of: flows of one period, balances at one date, or a flow against a balance. */
  measures: 'flows' | 'balance' | 'both';
  /** Sets a flow against a stock, so a YTD flow is annualised first (× yearDays / days_included). */
  annualisesFlows: boolean;
  /** Higher is better (for colouring and for the direction of headroom). */
  higherIsBetter: boolean;
}

const ANNUALISED_NOTE = text(
  ' On a year to date the flow is annualised first (× days in the year / days included) and marked so; the balance is not.',
  ' For hittil i år annualiseres strømmen først (× dager i året / dager med) og merkes slik; balansen annualiseres ikke.',
);

function withAnnualisedNote(t: LocalizedText): LocalizedText {
  return { en: t.en + ANNUALISED_NOTE.en, nb: t.nb + ANNUALISED_NOTE.nb };
}

const AVERAGE_NOTE = text(
  ' The balance is the average of the prior year end and the period end where a snapshot of the prior year end is cached, else the period end alone (stated beside the value).',
  ' Balansen er gjennomsnittet av fjorårets utgående balanse og periodens slutt der et regnskapsuttrekk av fjorårets slutt finnes, ellers periodens slutt alene (oppgitt ved verdien).',
);

/** The eleven ratios with their names, formulas and definitions in English and Norwegian. */
export const RATIO_DEFINITIONS: Readonly<Record<RatioId, RatioDefinition>> = {
  revenue_growth: {
    id: 'revenue_growth',
    name: text('Revenue growth', 'Omsetningsvekst'),
    formula: text('Revenue / revenue of the comparable prior-year period − 1', 'Driftsinntekter / driftsinntekter i sammenlignbar periode i fjor − 1'),
    definition: text(
      'Revenue of the period against revenue of the comparable prior-year period on the same basis: year to date against the same window last year, full year against the prior full year, last twelve months against the twelve months a year earlier. Never across bases; against an estimate it says so.',
      'Driftsinntekter i perioden mot driftsinntekter i sammenlignbar periode i fjor på samme grunnlag: hittil i år mot samme vindu i fjor, helår mot fjorårets helår, siste tolv måneder mot tolv måneder ett år tidligere. Aldri på tvers av grunnlag; mot et anslag sier den det.',
    ),
    measures: 'flows',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  ebitda_margin: {
    id: 'ebitda_margin',
    name: text('EBITDA margin', 'EBITDA-margin'),
    formula: text('EBITDA / revenue', 'EBITDA / driftsinntekter'),
    definition: text('EBITDA divided by revenue, both for the same period.', 'EBITDA delt på driftsinntekter, begge for samme periode.'),
    measures: 'flows',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  ebit_margin: {
    id: 'ebit_margin',
    name: text('Operating margin', 'Driftsmargin'),
    formula: text('EBIT / revenue', 'Driftsresultat / driftsinntekter'),
    reference: text('Proff and SSB: driftsmargin = driftsresultat / sum driftsinntekter.', 'Proff og SSB: driftsmargin = driftsresultat / sum driftsinntekter.'),
    definition: text(
      'EBIT (operating profit) divided by revenue, both for the same period.',
      'Driftsresultat (EBIT) delt på driftsinntekter, begge for samme periode.',
    ),
    measures: 'flows',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  pretax_margin: {
    id: 'pretax_margin',
    name: text('Pre-tax margin', 'Resultatmargin før skatt'),
    formula: text('Profit before tax / revenue', 'Resultat før skatt / driftsinntekter'),
    reference: text('SSB: resultatgrad = ordinært resultat før skatt / driftsinntekter.', 'SSB: resultatgrad = ordinært resultat før skatt / driftsinntekter.'),
    definition: text(
      'Profit before tax divided by revenue, both for the same period. The profit margin a year to date and a full year can be compared on.',
      'Resultat før skatt delt på driftsinntekter, begge for samme periode. Resultatmarginen hittil i år og helår kan sammenlignes på.',
    ),
    measures: 'flows',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  net_margin: {
    id: 'net_margin',
    name: text('Net margin (after tax)', 'Nettomargin (etter skatt)'),
    formula: text('Net profit / revenue', 'Resultat etter skatt / driftsinntekter'),
    definition: text(
      'Net profit after tax divided by revenue, both for the same period. A year to date has no tax booked yet (tax comes with the annual accounts), so its net margin is a pre-tax figure in substance and says so; compare the pre-tax margin.',
      'Resultat etter skatt delt på driftsinntekter, begge for samme periode. Hittil i år har ennå ingen bokført skatt (skatten kommer med årsregnskapet), så nettomarginen er i realiteten før skatt og sier det; sammenlign resultatmargin før skatt.',
    ),
    measures: 'flows',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  equity_ratio: {
    id: 'equity_ratio',
    name: text('Equity ratio', 'Egenkapitalandel'),
    formula: text('Equity / total assets', 'Egenkapital / sum eiendeler'),
    reference: text('Proff and SSB: egenkapitalandel = egenkapital / sum egenkapital og gjeld.', 'Proff og SSB: egenkapitalandel = egenkapital / sum egenkapital og gjeld.'),
    definition: text(
      'Equity divided by total assets, both at the end of the period. Negative when equity is negative.',
      'Egenkapital delt på sum eiendeler, begge ved periodens slutt. Negativ når egenkapitalen er negativ.',
    ),
    measures: 'balance',
    unit: 'percent',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  nibd_to_ebitda: {
    id: 'nibd_to_ebitda',
    name: text('NIBD / EBITDA', 'NIBD / EBITDA'),
    formula: text('NIBD at the end / EBITDA of twelve months', 'NIBD ved slutten / EBITDA for tolv måneder'),
    reference: text(
      'Credit agreements: NIBD at the test date / LTM EBITDA.',
      'Kredittavtaler: NIBD på testdato / EBITDA siste tolv måneder.',
    ),
    definition: withAnnualisedNote(
      text(
        'Net interest-bearing debt at the end of the period divided by twelve months of EBITDA (last twelve months on the LTM basis). Negative when the company has net cash. With EBITDA zero or negative it is not meaningful (n.m.): a breach of a maximum when NIBD is positive, no breach with net cash.',
        'Netto rentebærende gjeld ved periodens slutt delt på tolv måneders EBITDA (siste tolv måneder på LTM-grunnlag). Negativ når selskapet har netto kontanter. Med EBITDA null eller negativ er den ikke meningsfull (n.m.): brudd på et maksimum når NIBD er positiv, ikke brudd med netto kontanter.',
      ),
    ),
    measures: 'both',
    unit: 'multiple',
    annualisesFlows: true,
    higherIsBetter: false,
  },
  debt_to_equity: {
    id: 'debt_to_equity',
    name: text('Interest-bearing debt / equity', 'Rentebærende gjeld / egenkapital'),
    formula: text('Interest-bearing debt / equity', 'Rentebærende gjeld / egenkapital'),
    reference: text(
      'Narrower than gjeldsgrad (total debt / equity): the API gives no other liabilities.',
      'Snevrere enn gjeldsgrad (total gjeld / egenkapital): API-et gir ikke annen gjeld.',
    ),
    definition: text(
      'Interest-bearing debt divided by equity, both at the end of the period. Not meaningful when equity is zero or negative.',
      'Rentebærende gjeld delt på egenkapital, begge ved periodens slutt. Ikke meningsfull når egenkapitalen er null eller negativ.',
    ),
    measures: 'balance',
    unit: 'multiple',
    annualisesFlows: false,
    higherIsBetter: false,
  },
  interest_cover: {
    id: 'interest_cover',
    name: text('Interest cover', 'Rentedekningsgrad'),
    formula: text('EBIT / interest expenses', 'Driftsresultat / rentekostnader'),
    reference: text(
      'Finans Norge: (resultat før skatt + rentekostnader) / rentekostnader; ours leaves out other financial items, which the API reports apart.',
      'Finans Norge: (resultat før skatt + rentekostnader) / rentekostnader; vår utelater andre finansposter, som API-et rapporterer for seg.',
    ),
    definition: text(
      'EBIT divided by interest expenses, both for the same period. With EBIT zero or negative and interest to pay it is not meaningful (n.m.) and breaches a minimum: earnings do not cover interest. Without interest expenses it is not meaningful and no breach.',
      'Driftsresultat (EBIT) delt på rentekostnader, begge for samme periode. Med driftsresultat null eller negativt og renter å betale er den ikke meningsfull (n.m.) og brudd på et minimum: inntjeningen dekker ikke rentene. Uten rentekostnader er den ikke meningsfull og ikke brudd.',
    ),
    measures: 'flows',
    unit: 'multiple',
    annualisesFlows: false,
    higherIsBetter: true,
  },
  return_on_assets: {
    id: 'return_on_assets',
    name: text('Return on assets (ROA)', 'Totalkapitalrentabilitet (ROA)'),
    formula: text(
      '(Profit before tax + interest expenses + other financial expenses) of twelve months / average total assets',
      '(Resultat før skatt + rentekostnader + andre finanskostnader) for tolv måneder / gjennomsnittlig sum eiendeler',
    ),
    reference: text(
      'Proff: (ordinært resultat før skatt + finanskostnader) / sum eiendeler, average of years x and x−1 (the denominator used here). SSB uses rentekostnader and the 31.12 total alone.',
      'Proff: (ordinært resultat før skatt + finanskostnader) / sum eiendeler, gjennomsnitt av år x og x−1 (nevneren brukt her). SSB bruker rentekostnader og sum per 31.12 alene.',
    ),
    definition: withAnnualisedNote(
      text(
        'Profit before tax plus interest expenses and other financial expenses (all financial costs), for twelve months, divided by average total assets. Before tax so that a year to date (no tax booked) and a full year compare.' +
          AVERAGE_NOTE.en,
        'Resultat før skatt pluss rentekostnader og andre finanskostnader (alle finanskostnader), for tolv måneder, delt på gjennomsnittlig sum eiendeler. Før skatt slik at hittil i år (uten bokført skatt) og helår kan sammenlignes.' +
          AVERAGE_NOTE.nb,
      ),
    ),
    measures: 'both',
    unit: 'percent',
    annualisesFlows: true,
    higherIsBetter: true,
  },
  return_on_equity: {
    id: 'return_on_equity',
    name: text('Return on equity before tax (ROE)', 'Egenkapitalrentabilitet før skatt (ROE)'),
    formula: text('Profit before tax of twelve months / average equity', 'Resultat før skatt for tolv måneder / gjennomsnittlig egenkapital'),
    reference: text(
      'Proff: EK-rentabilitet før skatt = ordinært resultat før skatt / egenkapital.',
      'Proff: EK-rentabilitet før skatt = ordinært resultat før skatt / egenkapital.',
    ),
    definition: withAnnualisedNote(
      text(
        'Profit before tax for twelve months divided by average equity. Not meaningful when equity is zero or negative.' + AVERAGE_NOTE.en,
        'Resultat før skatt for tolv måneder delt på gjennomsnittlig egenkapital. Ikke meningsfull når egenkapitalen er null eller negativ.' +
          AVERAGE_NOTE.nb,
      ),
    ),
    measures: 'both',
    unit: 'percent',
    annualisesFlows: true,
    higherIsBetter: true,
  },
};

function nm(reason: RatioNaReason, explain: LocalizedText, verdict: RatioVerdict = 'untestable'): RatioNotAvailable {
  return { value: null, reason, explain, kind: 'not_meaningful', verdict };
}

function na(reason: RatioNaReason, explain: LocalizedText): RatioNotAvailable {
  return { value: null, reason, explain, kind: 'not_available', verdict: 'untestable' };
}

const kr = (x: number) => text(`NOK ${formatAmount(x, {}, 'en')}`, `${formatAmount(x)} kr`);

/**
 * numerator / denominator with the checks every ratio shares: inputs finite, denominator not zero (below half
 * a cent), and, where a negative denominator makes the quotient meaningless, not negative.
 */
function divide(
  numerator: number,
  denominator: number,
  denominatorName: LocalizedText,
  extra: Omit<RatioValue, 'value' | 'numerator' | 'denominator'> = {},
  negative: 'negative_denominator' | 'negative_equity' = 'negative_denominator',
): RatioResult {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    return na('missing_input', text('An input amount is missing.', 'Et grunnlagstall mangler.'));
  }
  if (isZeroAmount(denominator)) {
    return nm('zero_denominator', text(`${denominatorName.en} is zero.`, `${denominatorName.nb} er null.`));
  }
  if (denominator < 0) {
    return nm(negative, text(`${denominatorName.en} is negative.`, `${denominatorName.nb} er negativ.`));
  }
  const out: RatioValue = { value: numerator / denominator, numerator, denominator };
  if (extra.estimate) out.estimate = true;
  if (extra.netCash) out.netCash = true;
  if (extra.notes && extra.notes.length > 0) out.notes = extra.notes;
  return out;
}

/** Options of {@link computeRatios}. */
export interface RatioOptions {
  /** The comparable prior-year period for revenue growth (see priorYearProRata / lastTwelveMonths). */
  comparable?: PeriodFigures | undefined;
}

function annualisedNote(period: PeriodFigures, flow: LocalizedText): LocalizedText | null {
  if (period.annualFactor === 1) return null;
  const f = `×${period.yearDays}/${period.days}`;
  return text(`${flow.en} annualised (${f}).`, `${flow.nb} annualisert (${f}).`);
}

/** The balance a return is set against: the average of opening and closing, or the closing alone, with the words for it. */
function averageOf(period: PeriodFigures, pick: (s: PeriodFigures['stocks']) => number, name: LocalizedText): { value: number; note: LocalizedText } {
  const closing = pick(period.stocks);
  const end = formatDateNo(period.stocksAsOf);
  if (!period.opening) {
    return {
      value: closing,
      note: text(`${name.en} at ${end} (no prior year end cached, so no average).`, `${name.nb} per ${end} (fjorårets slutt finnes ikke, så ikke gjennomsnitt).`),
    };
  }
  const start = formatDateNo(period.opening.asOf);
  return {
    value: (pick(period.opening.stocks) + closing) / 2,
    note: text(`Average ${name.en.toLowerCase()} of ${start} and ${end}.`, `Gjennomsnittlig ${name.nb.toLowerCase()} av ${start} og ${end}.`),
  };
}

function margin(numerator: number, period: PeriodFigures, notes: LocalizedText[] = []): RatioResult {
  const revenue = period.flows.revenues;
  if (!Number.isFinite(numerator) || !Number.isFinite(revenue)) return divide(numerator, revenue, text('Revenue', 'Driftsinntekter'));
  if (isZeroAmount(revenue)) return nm('zero_revenue', text('Revenue is zero: no margin.', 'Driftsinntektene er null: ingen margin.'));
  if (revenue < 0) return nm('negative_revenue', text('Revenue is negative: no margin.', 'Driftsinntektene er negative: ingen margin.'));
  return divide(numerator, revenue, text('Revenue', 'Driftsinntekter'), { estimate: period.estimate, notes });
}

function leverage(period: PeriodFigures): RatioResult {
  const nibd = period.stocks.net_interest_bearing_debt;
  const ebitda = period.flows.ebitda * period.annualFactor;
  if (!Number.isFinite(nibd) || !Number.isFinite(ebitda)) return divide(nibd, ebitda, text('EBITDA', 'EBITDA'));
  if (ebitda < HALF_CENT) {
    const what = isZeroAmount(ebitda) ? text('EBITDA is zero', 'EBITDA er null') : text(`EBITDA is negative (${kr(ebitda).en})`, `EBITDA er negativ (${kr(ebitda).nb})`);
    if (nibd >= HALF_CENT) {
      return nm(
        'negative_ebitda',
        text(
          `${what.en} with net interest-bearing debt of ${kr(nibd).en}: earnings carry no debt. A breach of any maximum leverage.`,
          `${what.nb} med netto rentebærende gjeld på ${kr(nibd).nb}: inntjeningen bærer ingen gjeld. Brudd på ethvert krav til høyeste gjeldsgrad.`,
        ),
        'breach',
      );
    }
    return nm(
      'negative_ebitda_net_cash',
      text(
        `${what.en}, but the company has net cash (NIBD ${kr(nibd).en}): no leverage to measure, no breach.`,
        `${what.nb}, men selskapet har netto kontanter (NIBD ${kr(nibd).nb}): ingen gjeldsgrad å måle, ikke brudd.`,
      ),
      'pass',
    );
  }
  const notes: LocalizedText[] = [];
  const a = annualisedNote(period, text('EBITDA', 'EBITDA'));
  if (a) notes.push(a);
  const netCash = nibd < 0;
  if (netCash) notes.push(text('Net cash: NIBD is negative.', 'Netto kontanter: NIBD er negativ.'));
  return divide(nibd, ebitda, text('EBITDA', 'EBITDA'), { estimate: period.estimate, netCash, notes });
}

function interestCover(period: PeriodFigures): RatioResult {
  const ebit = period.flows.ebit;
  const interest = period.flows.interest_expenses;
  const name = text('Interest expenses', 'Rentekostnader');
  if (!Number.isFinite(ebit) || !Number.isFinite(interest)) return divide(ebit, interest, name);
  if (isZeroAmount(interest)) {
    return nm('no_interest_expenses', text('No interest expenses in the period: nothing to cover, no breach.', 'Ingen rentekostnader i perioden: ingenting å dekke, ikke brudd.'), 'pass');
  }
  if (interest < 0) return nm('negative_denominator', text('Interest expenses are negative.', 'Rentekostnadene er negative.'));
  if (ebit < HALF_CENT) {
    return nm(
      'negative_ebit',
      text(
        `Operating profit is ${isZeroAmount(ebit) ? 'zero' : `negative (${kr(ebit).en})`} with interest expenses of ${kr(interest).en}: earnings do not cover interest. A breach of any minimum cover.`,
        `Driftsresultatet er ${isZeroAmount(ebit) ? 'null' : `negativt (${kr(ebit).nb})`} med rentekostnader på ${kr(interest).nb}: inntjeningen dekker ikke rentene. Brudd på ethvert krav til rentedekning.`,
      ),
      'breach',
    );
  }
  return divide(ebit, interest, name, { estimate: period.estimate });
}

function returnOn(
  period: PeriodFigures,
  numerator: number,
  pick: (s: PeriodFigures['stocks']) => number,
  name: LocalizedText,
  flowName: LocalizedText,
  equity: boolean,
): RatioResult {
  const closing = pick(period.stocks);
  const avg = averageOf(period, pick, name);
  if (equity && Number.isFinite(closing) && (closing < HALF_CENT || avg.value < HALF_CENT)) {
    return isZeroAmount(closing)
      ? nm('zero_denominator', text('Equity is zero.', 'Egenkapitalen er null.'))
      : nm('negative_equity', text('Equity is negative: no return on it.', 'Egenkapitalen er negativ: ingen avkastning på den.'));
  }
  const notes = [avg.note];
  const a = annualisedNote(period, flowName);
  if (a) notes.unshift(a);
  return divide(numerator * period.annualFactor, avg.value, name, { estimate: period.estimate, notes }, equity ? 'negative_equity' : 'negative_denominator');
}

/**
 * All ratios of one period. Margins and interest cover set flows of the same period against each other and
 * need no annualisation. NIBD / EBITDA, ROA and ROE set a flow against a stock: the flow is multiplied by
 * `period.annualFactor` (1 for a full year, an annualised YTD or LTM; yearDays / days_included for a raw YTD,
 * noted beside the value), so the value is the same whether a YTD is passed raw or annualised. ROA and ROE use
 * average balances where the period carries its opening balance (see reportedPeriod), and profit before tax.
 */
export function computeRatios(period: PeriodFigures, options: RatioOptions = {}): RatioSet {
  const f = period.flows;
  const s = period.stocks;
  const pbt = profitBeforeTax(f);
  return {
    revenue_growth: revenueGrowth(period, options.comparable),
    ebitda_margin: margin(f.ebitda, period),
    ebit_margin: margin(f.ebit, period),
    pretax_margin: margin(pbt, period),
    net_margin: margin(f.net_profit, period, period.taxNote ? [period.taxNote] : []),
    equity_ratio: divide(s.equity, s.total_assets, text('Total assets', 'Sum eiendeler')),
    nibd_to_ebitda: leverage(period),
    debt_to_equity: divide(s.interest_bearing_debt, s.equity, text('Equity', 'Egenkapitalen'), {}, 'negative_equity'),
    interest_cover: interestCover(period),
    return_on_assets: returnOn(
      period,
      pbt + f.interest_expenses + f.other_financial_expenses,
      (x) => x.total_assets,
      text('Total assets', 'Sum eiendeler'),
      text('Profit before tax and financial costs', 'Resultat før skatt og finanskostnader'),
      false,
    ),
    return_on_equity: returnOn(period, pbt, (x) => x.equity, text('Equity', 'Egenkapital'), text('Profit before tax', 'Resultat før skatt'), true),
  };
}

function revenueGrowth(period: PeriodFigures, comparable: PeriodFigures | undefined): RatioResult {
  if (!comparable) {
    return na(
      'no_comparable',
      text('No comparable prior-year period is available.', 'Ingen sammenlignbar periode i fjor er tilgjengelig.'),
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
  const estimate = period.estimate || comparable.estimate;
  const notes = [text(`Against ${comparable.label.en}.`, `Mot ${comparable.label.nb}.`)];
  return divide(
    period.flows.revenues - comparable.flows.revenues,
    comparable.flows.revenues,
    text('Prior-year revenue', 'Fjorårets driftsinntekter'),
    { estimate, notes },
  );
}
