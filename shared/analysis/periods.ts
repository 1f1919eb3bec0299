import type { AccountingItem } from '../symetrisk/schemas';
import { addDays, daysInclusive, monthDay, sameDayPriorYear } from './dates';
import { combineFlows, flowLinesOf, scaleFlows, stockLinesOf, type FlowLines, type StockLines } from './lines';
import { isFullYear, latestSnapshot, snapshotRef, yearDaysOf, type SnapshotRef } from './snapshots';
import { text, type LocalizedText } from './text';

/** The kinds of period the analysis shows side by side. */
export const PERIOD_BASES = ['full_year', 'ytd', 'ytd_annualised', 'prior_year_pro_rata', 'ltm'] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];

/** What each basis means; the same texts appear in docs/analysis.md and the pack's definitions sheet. */
export const PERIOD_BASIS_DEFINITIONS: Readonly<Record<PeriodBasis, { name: LocalizedText; definition: LocalizedText }>> = {
  full_year: {
    name: text('Full year', 'Hele året'),
    definition: text(
      'A snapshot whose days_included reach the days in its year (365, or 366 in a leap year), as reported.',
      'Et snapshot der days_included når antall dager i året (365, eller 366 i skuddår), som rapportert.',
    ),
  },
  ytd: {
    name: text('Year to date', 'Hittil i år'),
    definition: text(
      'A snapshot covering part of its year (start_date to end_date, days_included days), as reported.',
      'Et snapshot som dekker en del av året (start_date til end_date, days_included dager), som rapportert.',
    ),
  },
  ytd_annualised: {
    name: text('Year to date, annualised', 'Hittil i år, annualisert'),
    definition: text(
      'P&L lines × days in the year (365, or 366 in a leap year) / days_included; balance lines as reported, never annualised.',
      'Resultatposter × dager i året (365, eller 366 i skuddår) / days_included; balanseposter som rapportert, aldri annualisert.',
    ),
  },
  prior_year_pro_rata: {
    name: text('Prior year, like for like', 'Fjoråret, sammenlignbart'),
    definition: text(
      'For a full year: the prior full year. For a year to date: the latest prior-year snapshot with the same calendar window (same start day, same end day; 29 February matches 28 February) when one exists, else the prior full year’s P&L × days_included of the current period / days in the prior year. Balance lines are those of the prior-year snapshot used, never pro-rated.',
      'For et helt år: hele fjoråret. For hittil i år: det siste snapshotet fra fjoråret med samme kalendervindu (samme startdag, samme sluttdag; 29. februar tilsvarer 28. februar) når det finnes, ellers fjorårets resultat × days_included i inneværende periode / dager i fjoråret. Balanseposter er fra fjorårssnapshotet som brukes, aldri fordelt.',
    ),
  },
  ltm: {
    name: text('Last twelve months', 'Siste tolv måneder'),
    definition: text(
      'Current year to date + prior full year − prior year to date to the same calendar day; only when both prior-year snapshots exist. Balance lines as at the current end date. A full year is its own LTM.',
      'Hittil i år + hele fjoråret − fjoråret hittil til samme kalenderdag; bare når begge fjorårssnapshotene finnes. Balanseposter per inneværende sluttdato. Et helt år er sine egne siste tolv måneder.',
    ),
  },
};

/** How a period's flows were obtained, for the note beside every non-raw figure. */
export type PeriodMethod =
  | 'as_reported'
  | 'annualised'
  | 'prior_full_year'
  | 'same_period_snapshot'
  | 'pro_rata_full_year'
  | 'ltm_combination';

/**
 * Flows and stocks of one period, ready for ratios and comparison. Amounts are NOK exactly as the API gave
 * them (floating-point noise included) times any factor; round only for display.
 */
export interface PeriodFigures {
  basis: PeriodBasis;
  method: PeriodMethod;
  /** The accounting year the period belongs to (for LTM: the year of its end). */
  year: number;
  /** First and last day of the underlying data the flows come from. */
  start: string;
  end: string;
  /** Days the flows stand for: days_included as reported, the year's days once annualised. */
  days: number;
  /** Days in the accounting year (366 in a leap year). */
  yearDays: number;
  /**
   * Multiply `flows` by this to get a twelve-month equivalent: 1 for a full year, an annualised YTD and LTM;
   * yearDays / days for a raw YTD. Ratios that set a flow against a stock use it (see ratios.ts).
   */
  annualFactor: number;
  flows: FlowLines;
  /** Balance at `stocksAsOf`; never annualised or pro-rated. */
  stocks: StockLines;
  stocksAsOf: string;
  /** Every snapshot the figures were built from, for provenance. */
  sources: SnapshotRef[];
  /** One sentence on how the figures were built (shown beside annualised or pro-rated columns). */
  note: LocalizedText;
}

/** Why a derived period cannot be built from the snapshots at hand. */
export type PeriodUnavailableReason = 'no_prior_full_year' | 'no_prior_same_period';

/** A derived period, or why the snapshots do not allow it. */
export type PeriodOutcome =
  | { ok: true; period: PeriodFigures }
  | { ok: false; reason: PeriodUnavailableReason; explain: LocalizedText };

/** Periods whose flows stand for twelve months can be set against each other whatever their day counts. */
export function isAnnualEquivalent(p: PeriodFigures): boolean {
  return p.annualFactor === 1;
}

/**
 * Two periods are like-for-like when both stand for twelve months, when their flows cover the same number of
 * days (pro rata), or when they cover the same calendar window in different years (1 Jan to 14 Aug in 2024,
 * 227 days, against the same in 2025, 226 days: a leap day does not break the comparison).
 */
export function areComparable(a: PeriodFigures, b: PeriodFigures): boolean {
  if (isAnnualEquivalent(a) && isAnnualEquivalent(b)) return true;
  if (a.days === b.days) return true;
  const [earlier, later] = a.end <= b.end ? [a, b] : [b, a];
  return (
    earlier.year !== later.year &&
    monthDay(earlier.start) === monthDay(later.start) &&
    monthDay(earlier.end) === monthDay(sameDayPriorYear(later.end))
  );
}

/** A snapshot as reported: `full_year` when it covers the year, else `ytd`. */
export function reportedPeriod(item: AccountingItem): PeriodFigures {
  const full = isFullYear(item);
  const yearDays = yearDaysOf(item);
  const d = item.data;
  return {
    basis: full ? 'full_year' : 'ytd',
    method: 'as_reported',
    year: d.year,
    start: d.start_date,
    end: d.end_date,
    days: d.days_included,
    yearDays,
    annualFactor: full ? 1 : yearDays / d.days_included,
    flows: flowLinesOf(d.p_and_l_items),
    stocks: stockLinesOf(d.balance_items),
    stocksAsOf: d.end_date,
    sources: [snapshotRef(item)],
    note: full
      ? text(`Full year ${d.year} as reported.`, `Hele året ${d.year} som rapportert.`)
      : text(
          `Year to date ${d.start_date} to ${d.end_date} (${d.days_included} days) as reported.`,
          `Hittil i år ${d.start_date} til ${d.end_date} (${d.days_included} dager) som rapportert.`,
        ),
  };
}

/**
 * A YTD annualised: flows × days in the year (365, or 366 in a leap year) / days_included; stocks as reported.
 * A full-year snapshot is returned as reported (its factor would be 1).
 */
export function annualisedPeriod(item: AccountingItem): PeriodFigures {
  const reported = reportedPeriod(item);
  if (reported.basis === 'full_year') return reported;
  const d = item.data;
  return {
    ...reported,
    basis: 'ytd_annualised',
    method: 'annualised',
    days: reported.yearDays,
    annualFactor: 1,
    flows: scaleFlows(reported.flows, reported.yearDays / d.days_included),
    note: text(
      `Year to date to ${d.end_date} annualised: P&L × ${reported.yearDays} / ${d.days_included}; balance as at ${d.end_date}, not annualised.`,
      `Hittil i år til ${d.end_date} annualisert: resultat × ${reported.yearDays} / ${d.days_included}; balanse per ${d.end_date}, ikke annualisert.`,
    ),
  };
}

function priorYearItems(current: AccountingItem, items: readonly AccountingItem[]): AccountingItem[] {
  return items.filter((i) => i.data.year === current.data.year - 1);
}

/** The latest full-year snapshot of the year before `current`'s. */
export function priorFullYearSnapshot(
  current: AccountingItem,
  items: readonly AccountingItem[],
): AccountingItem | undefined {
  return latestSnapshot(priorYearItems(current, items).filter(isFullYear));
}

/**
 * The latest snapshot of the prior year covering the same calendar window as `current` (same start day and
 * same end day one year earlier; an end on 29 February matches 28 February).
 */
export function priorSamePeriodSnapshot(
  current: AccountingItem,
  items: readonly AccountingItem[],
): AccountingItem | undefined {
  const start = sameDayPriorYear(current.data.start_date);
  const end = sameDayPriorYear(current.data.end_date);
  return latestSnapshot(priorYearItems(current, items).filter((i) => i.data.start_date === start && i.data.end_date === end));
}

const NO_PRIOR_FULL_YEAR = (year: number): PeriodOutcome => ({
  ok: false,
  reason: 'no_prior_full_year',
  explain: text(`No full-year snapshot of ${year} is available.`, `Ingen helårsrapport for ${year} er tilgjengelig.`),
});

/**
 * The prior year, like for like with `current`:
 * - `current` a full year: the prior full year as reported (method `prior_full_year`);
 * - else, when a prior-year snapshot with the same calendar window exists, that snapshot as reported
 *   (method `same_period_snapshot`): actual figures beat an estimate, and they keep the seasonality;
 * - else the prior full year's flows × days_included(current) / days in the prior year (method
 *   `pro_rata_full_year`), with the prior year-end balance.
 * Stocks are never pro-rated: they are the balance at the end of the prior-year period used.
 */
export function priorYearProRata(current: AccountingItem, items: readonly AccountingItem[]): PeriodOutcome {
  const priorYear = current.data.year - 1;
  if (isFullYear(current)) {
    const fy = priorFullYearSnapshot(current, items);
    if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
    return { ok: true, period: { ...reportedPeriod(fy), basis: 'prior_year_pro_rata', method: 'prior_full_year' } };
  }
  const same = priorSamePeriodSnapshot(current, items);
  if (same) {
    const p = reportedPeriod(same);
    return {
      ok: true,
      period: {
        ...p,
        basis: 'prior_year_pro_rata',
        method: 'same_period_snapshot',
        note: text(
          `Same period of ${priorYear} (${same.data.start_date} to ${same.data.end_date}) from snapshot ${same.id}, as reported.`,
          `Samme periode i ${priorYear} (${same.data.start_date} til ${same.data.end_date}) fra snapshot ${same.id}, som rapportert.`,
        ),
      },
    };
  }
  const fy = priorFullYearSnapshot(current, items);
  if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
  const p = reportedPeriod(fy);
  const days = current.data.days_included;
  return {
    ok: true,
    period: {
      ...p,
      basis: 'prior_year_pro_rata',
      method: 'pro_rata_full_year',
      end: addDays(p.start, days - 1),
      days,
      annualFactor: p.yearDays / days,
      flows: scaleFlows(p.flows, days / p.days),
      note: text(
        `Full year ${priorYear} pro rata: P&L × ${days} / ${p.days}; balance as at ${p.stocksAsOf}, not pro-rated.`,
        `Hele ${priorYear} forholdsmessig: resultat × ${days} / ${p.days}; balanse per ${p.stocksAsOf}, ikke fordelt.`,
      ),
    },
  };
}

/**
 * Last twelve months: current YTD + prior full year − prior year's YTD to the same calendar day; balance as at
 * the current end date. Needs a prior-year snapshot with that same window (no estimate is made). A full-year
 * `current` is its own LTM. The same calendar day, not the same day-of-year, so that the window is exactly
 * twelve months across a 29 February (2024-08-15..2025-08-14 is 365 days).
 */
export function lastTwelveMonths(current: AccountingItem, items: readonly AccountingItem[]): PeriodOutcome {
  const reported = reportedPeriod(current);
  if (reported.basis === 'full_year') {
    return {
      ok: true,
      period: {
        ...reported,
        basis: 'ltm',
        note: text(`Last twelve months = full year ${current.data.year}.`, `Siste tolv måneder = hele ${current.data.year}.`),
      },
    };
  }
  const priorYear = current.data.year - 1;
  const fy = priorFullYearSnapshot(current, items);
  if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
  const same = priorSamePeriodSnapshot(current, items);
  if (!same) {
    return {
      ok: false,
      reason: 'no_prior_same_period',
      explain: text(
        `No snapshot of ${priorYear} to ${sameDayPriorYear(current.data.end_date)} is available.`,
        `Ingen snapshot av ${priorYear} til ${sameDayPriorYear(current.data.end_date)} er tilgjengelig.`,
      ),
    };
  }
  const start = addDays(same.data.end_date, 1);
  return {
    ok: true,
    period: {
      ...reported,
      basis: 'ltm',
      method: 'ltm_combination',
      start,
      days: daysInclusive(start, current.data.end_date),
      annualFactor: 1,
      flows: combineFlows(reported.flows, flowLinesOf(fy.data.p_and_l_items), flowLinesOf(same.data.p_and_l_items)),
      sources: [snapshotRef(current), snapshotRef(fy), snapshotRef(same)],
      note: text(
        `Last twelve months ${start} to ${current.data.end_date}: YTD ${current.data.year} + full year ${priorYear} − YTD ${priorYear} to ${same.data.end_date}; balance as at ${current.data.end_date}.`,
        `Siste tolv måneder ${start} til ${current.data.end_date}: hittil i år ${current.data.year} + hele ${priorYear} − hittil i år ${priorYear} til ${same.data.end_date}; balanse per ${current.data.end_date}.`,
      ),
    },
  };
}
