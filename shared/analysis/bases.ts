import type { AccountingItem } from '../symetrisk/schemas';
import {
  annualisedPeriod,
  lastFinancialYear,
  lastFullYearSnapshot,
  lastTwelveMonths,
  priorFullYearSnapshot,
  priorSamePeriodSnapshot,
  priorYearProRata,
  reportedPeriod,
  type PeriodFigures,
  type PeriodOutcome,
} from './periods';
import { computeRatios, type RatioSet } from './ratios';
import { isFullYear, latestSnapshot } from './snapshots';
import { scaleFlows } from './lines';
import { text, type LocalizedText } from './text';

/** What the list and the borrower page let the analyst show the figures on. */
export const BASIS_CHOICES = ['ltm', 'last_financial_year', 'ytd', 'annualised'] as const;
export type BasisChoice = (typeof BASIS_CHOICES)[number];

/** Last twelve months first, where they exist. */
export const DEFAULT_BASIS: BasisChoice = 'ltm';

export const BASIS_CHOICE_DEFINITIONS: Readonly<Record<BasisChoice, { name: LocalizedText; definition: LocalizedText }>> = {
  ltm: {
    name: text('Last twelve months', 'Siste tolv måneder'),
    definition: text(
      'The twelve months to the latest snapshot, exact from cached snapshots or an estimate marked as one. Without a prior full year: the year to date annualised, marked, with the reason.',
      'Tolv måneder til siste regnskapsuttrekk, eksakt fra lagrede regnskapsuttrekk eller et anslag merket som det. Uten fjorårets helår: hittil i år annualisert, merket, med begrunnelsen.',
    ),
  },
  last_financial_year: {
    name: text('Last financial year', 'Siste regnskapsår'),
    definition: text('The latest full-year snapshot, as reported.', 'Siste helårsuttrekk, som rapportert.'),
  },
  ytd: {
    name: text('Year to date', 'Hittil i år'),
    definition: text(
      'The latest snapshot as reported (a full year once the year is closed), compared with the same period last year.',
      'Siste regnskapsuttrekk som rapportert (et helår når året er avsluttet), sammenlignet med samme periode i fjor.',
    ),
  },
  annualised: {
    name: text('Annualised', 'Annualisert'),
    definition: text(
      'The latest year to date × days in the year / days included, marked "annualised"; balances as reported.',
      'Siste hittil i år × dager i året / dager med, merket «annualisert»; balanser som rapportert.',
    ),
  },
};

/**
 * Every basis of one borrower's latest figures, each built once from the cached snapshots: what the basis switch,
 * the covenant tests and the pack's columns choose from.
 */
export interface BorrowerBases {
  latest: AccountingItem;
  /** The latest snapshot as reported (year to date or full year). */
  reported: PeriodFigures;
  /** The same period last year (actual, or an estimate marked as one). */
  priorYear: PeriodOutcome;
  /** The latest year to date annualised; null when the latest snapshot is a full year. */
  annualised: PeriodFigures | null;
  /** Last twelve months to the latest date: exact, estimate, or why not. */
  ltm: PeriodOutcome;
  /** The twelve months to the same day a year earlier, for growth on the LTM basis. */
  priorLtm: PeriodOutcome;
  /** The latest full year, and the one before it. */
  lastFinancialYear: PeriodOutcome;
  priorFinancialYear: PeriodOutcome;
}

/**
 * The twelve months ending a year before `current` ends: LTM built on the comparable prior-year year to date
 * (exact or estimated the same way), or for a full year the prior full year.
 */
export function priorYearLtm(current: AccountingItem, items: readonly AccountingItem[]): PeriodOutcome {
  if (isFullYear(current)) {
    const fy = priorFullYearSnapshot(current, items);
    if (fy) return lastTwelveMonths(fy, items);
  } else {
    const same = priorSamePeriodSnapshot(current, items);
    if (same) return lastTwelveMonths(same, items);
  }
  return {
    ok: false,
    reason: 'no_prior_same_period',
    explain: text(
      'The twelve months a year earlier cannot be built: no snapshot of the same period last year.',
      'Tolv måneder ett år tidligere kan ikke beregnes: ingen regnskapsuttrekk av samme periode i fjor.',
    ),
  };
}

/** The bases of a borrower's latest snapshot; null when it has none. */
export function borrowerBases(items: readonly AccountingItem[]): BorrowerBases | null {
  const latest = latestSnapshot(items);
  if (!latest) return null;
  const reported = reportedPeriod(latest, items);
  const lfy = lastFinancialYear(latest, items);
  const fyItem = lastFullYearSnapshot(items, latest.data.year);
  const priorFinancialYear: PeriodOutcome = fyItem ? priorYearProRata(fyItem, items) : lfy;
  return {
    latest,
    reported,
    priorYear: priorYearProRata(latest, items),
    annualised: reported.basis === 'full_year' ? null : annualisedPeriod(latest, items),
    ltm: lastTwelveMonths(latest, items),
    priorLtm: priorYearLtm(latest, items),
    lastFinancialYear: lfy,
    priorFinancialYear,
  };
}

/** A period's flows made twelve-month equivalents (× annualFactor), marked annualised; stocks untouched. */
export function annualiseFigures(p: PeriodFigures): PeriodFigures {
  if (p.annualFactor === 1) return p;
  const factor = `×${p.yearDays}/${p.days}`;
  return {
    ...p,
    label: text(`${p.label.en}, annualised (${factor})`, `${p.label.nb}, annualisert (${factor})`),
    days: p.yearDays,
    annualFactor: 1,
    flows: scaleFlows(p.flows, p.annualFactor),
    note: text(`${p.note.en} Annualised: P&L ${factor}.`, `${p.note.nb} Annualisert: resultat ${factor}.`),
  };
}

/** The figures on one basis, what they are compared with, their ratios, and any fallback. */
export interface BasisView {
  /** The basis asked for. */
  choice: BasisChoice;
  /** The basis shown (another one when the asked one cannot be built: see `fallback`). */
  shown: BasisChoice;
  period: PeriodFigures;
  /** The like-for-like period a year earlier on the same basis, for growth and changes. */
  comparable: PeriodOutcome;
  ratios: RatioSet;
  /** Why the asked basis was replaced, in words; null when it was not. */
  fallback: LocalizedText | null;
}

function view(choice: BasisChoice, shown: BasisChoice, period: PeriodFigures, comparable: PeriodOutcome, fallback: LocalizedText | null): BasisView {
  return { choice, shown, period, comparable, ratios: computeRatios(period, { comparable: comparable.ok ? comparable.period : undefined }), fallback };
}

function because(why: LocalizedText, instead: LocalizedText): LocalizedText {
  return text(`${why.en} Shown instead: ${instead.en}.`, `${why.nb} Vist i stedet: ${instead.nb}.`);
}

/**
 * The borrower's figures on `choice`, LTM falling back to the annualised year to date, the last financial year
 * and the year to date falling back to the latest snapshot, every fallback said in words.
 */
export function onBasis(bases: BorrowerBases, choice: BasisChoice): BasisView {
  const { reported, priorYear } = bases;
  const asReported = (why: LocalizedText): BasisView =>
    view(choice, reported.basis === 'full_year' ? 'last_financial_year' : 'ytd', reported, priorYear, because(why, reported.label));
  const annualised = (why: LocalizedText | null): BasisView => {
    const a = bases.annualised!;
    const comparable: PeriodOutcome = priorYear.ok ? { ok: true, period: annualiseFigures(priorYear.period) } : priorYear;
    return view(choice, 'annualised', a, comparable, why ? because(why, a.label) : null);
  };
  switch (choice) {
    case 'ltm':
      if (bases.ltm.ok) return view(choice, 'ltm', bases.ltm.period, bases.priorLtm, null);
      return bases.annualised ? annualised(bases.ltm.explain) : asReported(bases.ltm.explain);
    case 'last_financial_year':
      if (bases.lastFinancialYear.ok) return view(choice, 'last_financial_year', bases.lastFinancialYear.period, bases.priorFinancialYear, null);
      return asReported(bases.lastFinancialYear.explain);
    case 'ytd':
      if (reported.basis === 'ytd') return view(choice, 'ytd', reported, priorYear, null);
      return asReported(text('The latest snapshot is a full year.', 'Siste regnskapsuttrekk er et helår.'));
    case 'annualised':
      if (bases.annualised) return annualised(null);
      return asReported(text('The latest snapshot is a full year: nothing to annualise.', 'Siste regnskapsuttrekk er et helår: ingenting å annualisere.'));
  }
}
