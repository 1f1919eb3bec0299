import { text, type LocalizedText } from './text';

/**
 * The analyst's words for what the analysis produces: statuses, the short marks beside a figure, the headings of
 * a covenant row. The app (through vue-i18n's fallback to these) and the pack word them from here, so a screen
 * and a sheet never call the same thing by two names. Credit language: "buffer" for headroom, "n.m." for a
 * ratio that means nothing, "anslag" for an estimate, percentage points for changes of a ratio.
 */
export const VOCABULARY = {
  notMeaningful: text('n.m.', 'n.m.'),
  notMeaningfulLong: text('not meaningful', 'ikke meningsfull'),
  notAvailable: text('n/a', '–'),
  estimate: text('estimate', 'anslag'),
  annualised: text('annualised', 'annualisert'),
  headroom: text('Headroom', 'Buffer'),
  threshold: text('Requirement', 'Krav'),
  actual: text('Actual', 'Faktisk'),
  basis: text('Basis', 'Grunnlag'),
  testDate: text('Test date', 'Testdato'),
  status: text('Status', 'Status'),
  percentagePoints: text('percentage points', 'prosentpoeng'),
  percentagePointsShort: text('pp', 'pp'),
  atLeast: text('at least', 'minst'),
  atMost: text('at most', 'høyst'),
  requirement: text('requirement', 'krav'),
  netCash: text('net cash', 'netto kontanter'),
  revised: text('Revised', 'Korrigert'),
  revisedFigures: text('Revised figures', 'Korrigerte tall'),
  before: text('Before', 'Før'),
  after: text('After', 'Etter'),
  taxNotBooked: text(
    'Tax is not booked yet for the year to date: the after-tax figure is before tax in substance; compare profit before tax.',
    'Skatt er ikke bokført ennå for hittil i år: resultat etter skatt er i realiteten før skatt; sammenlign resultat før skatt.',
  ),
} as const satisfies Record<string, LocalizedText>;

/** The four outcomes of a covenant test. */
export const COVENANT_STATUSES = ['ok', 'near_limit', 'breach', 'not_testable'] as const;
export type CovenantStatus = (typeof COVENANT_STATUSES)[number];

/** Names of the covenant statuses, as a column and as the last words of a covenant row. */
export const COVENANT_STATUS_TEXT: Readonly<Record<CovenantStatus, { name: LocalizedText; definition: LocalizedText }>> = {
  ok: {
    name: text('met', 'oppfylt'),
    definition: text(
      'The actual is on the right side of the requirement with more headroom than the near-limit margin.',
      'Faktisk verdi er på riktig side av kravet, med mer buffer enn marginen for «nær grensen».',
    ),
  },
  near_limit: {
    name: text('near the limit', 'nær grensen'),
    definition: text(
      'Met, but the headroom is at most the near-limit margin (a share of the requirement, set in Settings; default 10 %). A requirement of zero has no such band.',
      'Oppfylt, men bufferen er høyst marginen for «nær grensen» (en andel av kravet, satt i Innstillinger; standard 10 %). Et krav på null har ikke et slikt bånd.',
    ),
  },
  breach: {
    name: text('breach', 'brudd'),
    definition: text(
      'The actual is on the wrong side of the requirement, or the ratio is not meaningful in a way the requirement cannot accept (negative EBITDA with net debt, negative operating profit with interest to pay).',
      'Faktisk verdi er på feil side av kravet, eller nøkkeltallet er ikke meningsfullt på en måte kravet ikke kan godta (negativ EBITDA med netto gjeld, negativt driftsresultat med renter å betale).',
    ),
  },
  not_testable: {
    name: text('cannot be tested', 'kan ikke testes'),
    definition: text(
      'The figures the test needs are missing or not meaningful; the row says why.',
      'Tallene testen trenger mangler eller er ikke meningsfulle; raden sier hvorfor.',
    ),
  },
};

/** What the analysis cannot compute from Symetrisk's data, and why: said once, in these words, on the borrower page, in the pack's definitions and in docs/analysis.md. */
export const NOT_COMPUTABLE = [
  {
    id: 'liquidity',
    name: text('Liquidity ratios (current ratio, quick ratio)', 'Likviditetsgrad 1 og 2'),
    needs: text('current assets, inventory and short-term debt', 'omløpsmidler, varelager og kortsiktig gjeld'),
  },
  {
    id: 'working_capital',
    name: text('Working capital', 'Arbeidskapital'),
    needs: text('current assets and short-term debt', 'omløpsmidler og kortsiktig gjeld'),
  },
  {
    id: 'debt_service',
    name: text('Debt-service capacity (DSCR)', 'Gjeldsbetjeningsevne (DSCR)'),
    needs: text('instalments and a cash flow statement', 'avdrag og kontantstrøm'),
  },
  {
    id: 'total_debt',
    name: text('Debt ratio (total debt / equity)', 'Gjeldsgrad (total gjeld / egenkapital)'),
    needs: text('total liabilities (only interest-bearing debt is given)', 'sum gjeld (bare rentebærende gjeld er oppgitt)'),
  },
] as const satisfies readonly { id: string; name: LocalizedText; needs: LocalizedText }[];

/** The one statement of what cannot be computed. */
export const NOT_COMPUTABLE_STATEMENT: LocalizedText = text(
  `Symetrisk gives four balance items only (equity, interest-bearing debt, net interest-bearing debt, total assets). Not computable from it: ${NOT_COMPUTABLE.map((x) => `${x.name.en} (needs ${x.needs.en})`).join('; ')}. Ask the borrower for a balance sheet and the loan terms for these.`,
  `Symetrisk gir bare fire balanseposter (egenkapital, rentebærende gjeld, netto rentebærende gjeld, sum eiendeler). Kan ikke beregnes ut fra dem: ${NOT_COMPUTABLE.map((x) => `${x.name.nb} (krever ${x.needs.nb})`).join('; ')}. Be låntakeren om balanse og lånevilkår for disse.`,
);
