import type { AccountingItem } from '../symetrisk/schemas';
import { addDays, daysBetween, daysInclusive, formatDateNo, formatRangeNo, monthDay, sameDayPriorYear } from './dates';
import { addScaledFlows, combineFlows, flowLinesOf, scaleFlows, stockLinesOf, type FlowLines, type StockLines } from './lines';
import { isClosedYear, isFullYear, latestSnapshot, snapshotRef, yearDaysOf, type SnapshotRef } from './snapshots';
import { text, type LocalizedText } from './text';
import { isZeroAmount } from './tolerance';

/**
 * How far (in days, either way) the end of a prior-year year-to-date snapshot may lie from the same calendar day
 * a year earlier and still count as the comparable prior-year period, for LTM and for growth. Our default: a week
 * keeps the error of an LTM built on it within about 2 % of a year's flows (7 / 365), while the figures stay
 * actual rather than estimated; the window actually covered is always stated.
 */
export const COMPARABLE_WINDOW_TOLERANCE_DAYS = 7;

/** The kinds of period the analysis shows side by side. */
export const PERIOD_BASES = ['full_year', 'ytd', 'ytd_annualised', 'prior_year_pro_rata', 'ltm'] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];

/** What each basis means; the same texts appear in docs/analysis.md and the pack's definitions sheet. */
export const PERIOD_BASIS_DEFINITIONS: Readonly<Record<PeriodBasis, { name: LocalizedText; definition: LocalizedText }>> = {
  full_year: {
    name: text('Full year', 'Helår'),
    definition: text(
      'A snapshot whose days_included reach the days in its year (365, or 366 in a leap year), as reported.',
      'Et regnskapsuttrekk der antall dager med tall når antall dager i året (365, eller 366 i skuddår), som rapportert.',
    ),
  },
  ytd: {
    name: text('Year to date', 'Hittil i år'),
    definition: text(
      'A snapshot covering part of its year (start_date to end_date, days_included days), as reported. Tax is booked with the annual accounts, so a year to date is compared before tax.',
      'Et regnskapsuttrekk som dekker en del av året (fra startdato til sluttdato, med antall dager med tall), som rapportert. Skatt bokføres med årsregnskapet, så hittil i år sammenlignes før skatt.',
    ),
  },
  ytd_annualised: {
    name: text('Year to date, annualised', 'Hittil i år, annualisert'),
    definition: text(
      'P&L lines × days in the year (365, or 366 in a leap year) / days_included; balance lines as reported, never annualised. A projection of the pace so far, marked "annualised"; not the last twelve months.',
      'Resultatposter × dager i året (365, eller 366 i skuddår) / dager med tall; balanseposter som rapportert, aldri annualisert. En framskriving av takten så langt, merket «annualisert»; ikke siste tolv måneder.',
    ),
  },
  prior_year_pro_rata: {
    name: text('Same period last year', 'Samme periode i fjor'),
    definition: text(
      `For a full year: the prior full year. For a year to date: the latest prior-year snapshot from the same start day to the same calendar day a year earlier (29 February counts as 28 February), up to ${COMPARABLE_WINDOW_TOLERANCE_DAYS} days off that day, as reported; without one, an estimate marked "estimate": the prior full year’s P&L × the days of the same window last year / the days of that year. Balance lines are those of the snapshot used, never pro-rated.`,
      `For et helår: hele fjoråret. For hittil i år: det siste regnskapsuttrekket fra fjoråret fra samme startdag til samme kalenderdag ett år tidligere (29. februar regnes som 28. februar), inntil ${COMPARABLE_WINDOW_TOLERANCE_DAYS} dager fra den dagen, som rapportert; uten et slikt et anslag merket «anslag»: fjorårets resultat × dagene i samme vindu i fjor / dagene i det året. Balanseposter er fra regnskapsuttrekket som brukes, aldri fordelt.`,
    ),
  },
  ltm: {
    name: text('Last twelve months', 'Siste tolv måneder'),
    definition: text(
      `Year to date + prior full year − prior-year year to date to the same calendar day (29 February counts as 28 February; a prior-year snapshot up to ${COMPARABLE_WINDOW_TOLERANCE_DAYS} days off that day is used as it is, and the window it gives is stated). Without that snapshot, an estimate marked "estimate": year to date + prior full year × the days of the prior year after the same calendar day / the days of that year. Balance lines as at the end date. A full year is its own last twelve months.`,
      `Hittil i år + hele fjoråret − fjoråret hittil til samme kalenderdag (29. februar regnes som 28. februar; et regnskapsuttrekk fra fjoråret inntil ${COMPARABLE_WINDOW_TOLERANCE_DAYS} dager fra den dagen brukes som det er, og vinduet det gir oppgis). Uten et slikt uttrekk et anslag merket «anslag»: hittil i år + hele fjoråret × dagene i fjoråret etter samme kalenderdag / dagene i det året. Balanseposter per sluttdato. Et helår er sine egne siste tolv måneder.`,
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
  | 'ltm_combination'
  | 'ltm_estimate';

/** The balance a period opened with: the end of the prior financial year, for averages (ROA, ROE). */
export interface OpeningBalance {
  stocks: StockLines;
  asOf: string;
  source: SnapshotRef;
}

/**
 * Flows and stocks of one period, ready for ratios and comparison. Amounts are NOK exactly as the API gave
 * them (floating-point noise included) times any factor; round only for display.
 */
export interface PeriodFigures {
  basis: PeriodBasis;
  method: PeriodMethod;
  /** True when the flows are an estimate (pro rata of a full year), not booked figures: shown as "anslag". */
  estimate: boolean;
  /** The short label every figure of this period carries ("Siste 12 mnd per 14.08.2025 (anslag)"). */
  label: LocalizedText;
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
  /** The balance at the end of the prior financial year, when a snapshot of it is at hand (for averages). */
  opening: OpeningBalance | null;
  /**
   * For a period built on a prior-year year to date that is not exactly on the same calendar day: its end minus
   * that day, in days (negative: it ends earlier). 0 otherwise.
   */
  offsetDays: number;
  /** Set when the flows contain a year to date without booked tax: what that means for after-tax figures. */
  taxNote: LocalizedText | null;
  /** Every snapshot the figures were built from, for provenance. */
  sources: SnapshotRef[];
  /** One sentence on how the figures were built (shown beside annualised, estimated or combined columns). */
  note: LocalizedText;
}

/** Why a derived period cannot be built from the snapshots at hand. */
export type PeriodUnavailableReason = 'no_prior_full_year' | 'no_prior_same_period' | 'no_full_year' | 'not_a_year_to_date';

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
 * days (pro rata), or when they cover the same calendar window in different years, the later one's end mapped
 * back a year by the one 29 February rule, within {@link COMPARABLE_WINDOW_TOLERANCE_DAYS} (1 Jan to 14 Aug in
 * 2024, 227 days, against the same in 2025, 226 days: a leap day does not break the comparison).
 */
export function areComparable(a: PeriodFigures, b: PeriodFigures): boolean {
  if (isAnnualEquivalent(a) && isAnnualEquivalent(b)) return true;
  if (a.days === b.days) return true;
  // The same window with one side annualised and the other not is two different scales, not like for like.
  if (isAnnualEquivalent(a) !== isAnnualEquivalent(b)) return false;
  const [earlier, later] = a.end <= b.end ? [a, b] : [b, a];
  return (
    earlier.year === later.year - 1 &&
    monthDay(earlier.start) === monthDay(later.start) &&
    Math.abs(daysBetween(sameDayPriorYear(later.end), earlier.end)) <= COMPARABLE_WINDOW_TOLERANCE_DAYS
  );
}

const TAX_NOT_BOOKED = (end: string): LocalizedText =>
  text(
    `No tax is booked in the year to date to ${formatDateNo(end)} (tax comes with the annual accounts): its net profit is before tax in substance; compare profit before tax.`,
    `Ingen skatt er bokført hittil i år til ${formatDateNo(end)} (skatten kommer med årsregnskapet): resultat etter skatt er i realiteten før skatt; sammenlign resultat før skatt.`,
  );

function fullYearLabel(year: number): LocalizedText {
  return text(`FY ${year}`, `${year} (helår)`);
}

function ytdLabel(start: string, end: string): LocalizedText {
  const range = formatRangeNo(start, end);
  return text(`${range} (YTD)`, `${range} (HiÅ)`);
}

/** The balance at the end of the financial year before `year`, from the latest closed-year snapshot of that year. */
export function openingBalance(year: number, items: readonly AccountingItem[]): OpeningBalance | null {
  const prior = latestSnapshot(items.filter((i) => i.data.year === year - 1 && isClosedYear(i)));
  if (!prior) return null;
  return { stocks: stockLinesOf(prior.data.balance_items), asOf: prior.data.end_date, source: snapshotRef(prior) };
}

/**
 * A snapshot as reported: `full_year` when it covers the year, else `ytd`. With the borrower's other snapshots,
 * the period also carries its opening balance (the prior year end), for the averages of ROA and ROE.
 */
export function reportedPeriod(item: AccountingItem, items?: readonly AccountingItem[]): PeriodFigures {
  const full = isFullYear(item);
  const yearDays = yearDaysOf(item);
  const d = item.data;
  return {
    basis: full ? 'full_year' : 'ytd',
    method: 'as_reported',
    estimate: false,
    label: full ? fullYearLabel(d.year) : ytdLabel(d.start_date, d.end_date),
    year: d.year,
    start: d.start_date,
    end: d.end_date,
    days: d.days_included,
    yearDays,
    annualFactor: full ? 1 : yearDays / d.days_included,
    flows: flowLinesOf(d.p_and_l_items),
    stocks: stockLinesOf(d.balance_items),
    stocksAsOf: d.end_date,
    opening: items ? openingBalance(d.year, items) : null,
    offsetDays: 0,
    taxNote: !full && isZeroAmount(d.p_and_l_items.taxes) ? TAX_NOT_BOOKED(d.end_date) : null,
    sources: [snapshotRef(item)],
    note: full
      ? text(`Full year ${d.year} as reported.`, `Helåret ${d.year} som rapportert.`)
      : text(
          `Year to date ${formatRangeNo(d.start_date, d.end_date)} (${d.days_included} days) as reported.`,
          `Hittil i år ${formatRangeNo(d.start_date, d.end_date)} (${d.days_included} dager) som rapportert.`,
        ),
  };
}

/**
 * A YTD annualised: flows × days in the year (365, or 366 in a leap year) / days_included; stocks as reported;
 * labelled "annualisert". A full-year snapshot is returned as reported (its factor would be 1).
 */
export function annualisedPeriod(item: AccountingItem, items?: readonly AccountingItem[]): PeriodFigures {
  const reported = reportedPeriod(item, items);
  if (reported.basis === 'full_year') return reported;
  const d = item.data;
  const factor = `×${reported.yearDays}/${d.days_included}`;
  return {
    ...reported,
    basis: 'ytd_annualised',
    method: 'annualised',
    label: text(`${d.year} annualised (${factor})`, `${d.year} annualisert (${factor})`),
    days: reported.yearDays,
    annualFactor: 1,
    flows: scaleFlows(reported.flows, reported.yearDays / d.days_included),
    note: text(
      `Year to date to ${formatDateNo(d.end_date)} annualised: P&L × ${reported.yearDays} / ${d.days_included}; balance as at ${formatDateNo(d.end_date)}, not annualised.`,
      `Hittil i år til ${formatDateNo(d.end_date)} annualisert: resultat × ${reported.yearDays} / ${d.days_included}; balanse per ${formatDateNo(d.end_date)}, ikke annualisert.`,
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
 * The prior-year year-to-date snapshot comparable with `current`: the same start day a year earlier, and an end
 * within {@link COMPARABLE_WINDOW_TOLERANCE_DAYS} of the same calendar day a year earlier (29 February counts as
 * 28 February). The nearest end wins (of two equally near, the later); of several versions of that period, the
 * latest. Full years never count: they are the other term of LTM.
 */
export function priorSamePeriodSnapshot(
  current: AccountingItem,
  items: readonly AccountingItem[],
): AccountingItem | undefined {
  const start = sameDayPriorYear(current.data.start_date);
  const target = sameDayPriorYear(current.data.end_date);
  const candidates = priorYearItems(current, items).filter(
    (i) =>
      i.data.start_date === start &&
      !isFullYear(i) &&
      Math.abs(daysBetween(target, i.data.end_date)) <= COMPARABLE_WINDOW_TOLERANCE_DAYS,
  );
  if (candidates.length === 0) return undefined;
  const distance = (i: AccountingItem) => Math.abs(daysBetween(target, i.data.end_date));
  const best = Math.min(...candidates.map(distance));
  const ends = candidates.filter((i) => distance(i) === best).map((i) => i.data.end_date).sort();
  const end = ends[ends.length - 1]!;
  return latestSnapshot(candidates.filter((i) => i.data.end_date === end));
}

const NO_PRIOR_FULL_YEAR = (year: number): PeriodOutcome => ({
  ok: false,
  reason: 'no_prior_full_year',
  explain: text(`No full-year snapshot of ${year} is available.`, `Ingen helårsrapport for ${year} er tilgjengelig.`),
});

/**
 * The estimate of the prior-year year to date when no snapshot of it exists: the prior full year's flows × the
 * days from its start to the same calendar day a year before `current` ends / the days of that year (the same
 * window the LTM estimate leaves out, so both estimates are one rule). Balance: the prior year end.
 */
function estimatedPriorYtd(current: AccountingItem, fy: AccountingItem, items: readonly AccountingItem[]): PeriodFigures {
  const p = reportedPeriod(fy, items);
  const end = sameDayPriorYear(current.data.end_date);
  const days = daysInclusive(p.start, end);
  return {
    ...p,
    basis: 'prior_year_pro_rata',
    method: 'pro_rata_full_year',
    estimate: true,
    label: text(`${formatRangeNo(p.start, end)} (last year, estimate)`, `${formatRangeNo(p.start, end)} (HiÅ i fjor, anslag)`),
    end,
    days,
    annualFactor: p.yearDays / days,
    flows: scaleFlows(p.flows, days / p.days),
    note: text(
      `Estimate: full year ${fy.data.year} pro rata, P&L × ${days} / ${p.days}; balance as at ${formatDateNo(p.stocksAsOf)}, not pro-rated. Not a booked period.`,
      `Anslag: helåret ${fy.data.year} forholdsmessig, resultat × ${days} / ${p.days}; balanse per ${formatDateNo(p.stocksAsOf)}, ikke fordelt. Ikke en bokført periode.`,
    ),
  };
}

function offsetText(offset: number): LocalizedText {
  if (offset === 0) return text('', '');
  const n = Math.abs(offset);
  return offset < 0
    ? text(` It ends ${n} day${n === 1 ? '' : 's'} before the same day last year.`, ` Det slutter ${n} dag${n === 1 ? '' : 'er'} før samme dag i fjor.`)
    : text(` It ends ${n} day${n === 1 ? '' : 's'} after the same day last year.`, ` Det slutter ${n} dag${n === 1 ? '' : 'er'} etter samme dag i fjor.`);
}

/**
 * The prior year, like for like with `current`:
 * - `current` a full year: the prior full year as reported (method `prior_full_year`);
 * - else the comparable prior-year year to date ({@link priorSamePeriodSnapshot}) as reported (method
 *   `same_period_snapshot`): actual figures beat an estimate, and they keep the seasonality;
 * - else an estimate (method `pro_rata_full_year`, `estimate: true`): the prior full year's flows × the days of
 *   the same window last year / the days of that year, with the prior year-end balance.
 * Stocks are never pro-rated: they are the balance at the end of the prior-year period used.
 */
export function priorYearProRata(current: AccountingItem, items: readonly AccountingItem[]): PeriodOutcome {
  const priorYear = current.data.year - 1;
  if (isFullYear(current)) {
    const fy = priorFullYearSnapshot(current, items);
    if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
    return { ok: true, period: { ...reportedPeriod(fy, items), basis: 'prior_year_pro_rata', method: 'prior_full_year' } };
  }
  const same = priorSamePeriodSnapshot(current, items);
  if (same) {
    const p = reportedPeriod(same, items);
    const offset = daysBetween(sameDayPriorYear(current.data.end_date), same.data.end_date);
    const range = formatRangeNo(same.data.start_date, same.data.end_date);
    const off = offsetText(offset);
    return {
      ok: true,
      period: {
        ...p,
        basis: 'prior_year_pro_rata',
        method: 'same_period_snapshot',
        label: text(`${range} (YTD last year)`, `${range} (HiÅ i fjor)`),
        offsetDays: offset,
        note: text(
          `Same period of ${priorYear} (${range}) from snapshot ${same.id}, as reported.${off.en}`,
          `Samme periode i ${priorYear} (${range}) fra regnskapsuttrekk ${same.id}, som rapportert.${off.nb}`,
        ),
      },
    };
  }
  const fy = priorFullYearSnapshot(current, items);
  if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
  return { ok: true, period: estimatedPriorYtd(current, fy, items) };
}

/** Options of {@link lastTwelveMonths}. */
export interface LtmOptions {
  /** Fall back to the estimate when no comparable prior-year YTD exists (default true). */
  allowEstimate?: boolean;
}

/**
 * Last twelve months ending where `current` ends; balance as at that date.
 * - A full year is its own LTM.
 * - Exact (method `ltm_combination`): current YTD + prior full year − the comparable prior-year YTD
 *   ({@link priorSamePeriodSnapshot}). The window runs from the day after that YTD's end: exactly twelve months
 *   when it ends on the same calendar day (2024-08-15..2025-08-14 is 365 days across 29 February 2024), a few
 *   days more or less within the tolerance, stated in the note; the flows are booked figures and are not scaled.
 * - Estimate (method `ltm_estimate`, `estimate: true`), without that YTD: current YTD + prior full year × the
 *   days of the prior year after the same calendar day / the days of that year.
 * Needs the prior full year either way.
 */
export function lastTwelveMonths(
  current: AccountingItem,
  items: readonly AccountingItem[],
  options: LtmOptions = {},
): PeriodOutcome {
  const reported = reportedPeriod(current, items);
  const endLabel = formatDateNo(current.data.end_date);
  if (reported.basis === 'full_year') {
    return {
      ok: true,
      period: {
        ...reported,
        basis: 'ltm',
        label: text(`LTM ${endLabel}`, `Siste 12 mnd per ${endLabel}`),
        note: text(`Last twelve months = full year ${current.data.year}.`, `Siste tolv måneder = helåret ${current.data.year}.`),
      },
    };
  }
  const priorYear = current.data.year - 1;
  const fy = priorFullYearSnapshot(current, items);
  if (!fy) return NO_PRIOR_FULL_YEAR(priorYear);
  const fyFlows = flowLinesOf(fy.data.p_and_l_items);
  const same = priorSamePeriodSnapshot(current, items);
  const ltmTax = isZeroAmount(current.data.p_and_l_items.taxes)
    ? text(
        `The tax in these twelve months is that of full year ${priorYear} less the prior-year year to date: the current year to date has none booked yet. Compare profit before tax.`,
        `Skatten i disse tolv månedene er helårets ${priorYear} fratrukket fjorårets hittil i år: inneværende hittil i år har ingen bokført skatt ennå. Sammenlign resultat før skatt.`,
      )
    : null;
  if (same) {
    const start = addDays(same.data.end_date, 1);
    const days = daysInclusive(start, current.data.end_date);
    const offset = daysBetween(sameDayPriorYear(current.data.end_date), same.data.end_date);
    const window = offset === 0 ? text('', '') : text(` The window is ${days} days.`, ` Vinduet er ${days} dager.`);
    const off = offsetText(offset);
    return {
      ok: true,
      period: {
        ...reported,
        basis: 'ltm',
        method: 'ltm_combination',
        label: text(`LTM ${endLabel}`, `Siste 12 mnd per ${endLabel}`),
        start,
        days,
        annualFactor: 1,
        offsetDays: offset,
        taxNote: ltmTax,
        flows: combineFlows(reported.flows, fyFlows, flowLinesOf(same.data.p_and_l_items)),
        sources: [snapshotRef(current), snapshotRef(fy), snapshotRef(same)],
        note: text(
          `Last twelve months ${formatRangeNo(start, current.data.end_date)}: year to date ${current.data.year} + full year ${priorYear} − year to date ${priorYear} to ${formatDateNo(same.data.end_date)}; balance as at ${endLabel}.${off.en}${window.en}`,
          `Siste tolv måneder ${formatRangeNo(start, current.data.end_date)}: hittil i år ${current.data.year} + helåret ${priorYear} − hittil i år ${priorYear} til ${formatDateNo(same.data.end_date)}; balanse per ${endLabel}.${off.nb}${window.nb}`,
        ),
      },
    };
  }
  if (options.allowEstimate === false) {
    return {
      ok: false,
      reason: 'no_prior_same_period',
      explain: text(
        `No snapshot of ${priorYear} to about ${formatDateNo(sameDayPriorYear(current.data.end_date))} is available.`,
        `Ingen regnskapsuttrekk av ${priorYear} til omkring ${formatDateNo(sameDayPriorYear(current.data.end_date))} er tilgjengelig.`,
      ),
    };
  }
  const cut = sameDayPriorYear(current.data.end_date);
  const start = addDays(cut, 1);
  const remaining = daysInclusive(start, fy.data.end_date);
  const fyDays = fy.data.days_included;
  return {
    ok: true,
    period: {
      ...reported,
      basis: 'ltm',
      method: 'ltm_estimate',
      estimate: true,
      label: text(`LTM ${endLabel} (estimate)`, `Siste 12 mnd per ${endLabel} (anslag)`),
      start,
      days: daysInclusive(start, current.data.end_date),
      annualFactor: 1,
      taxNote: ltmTax,
      flows: addScaledFlows(reported.flows, fyFlows, remaining / fyDays),
      sources: [snapshotRef(current), snapshotRef(fy)],
      note: text(
        `Estimate of the last twelve months ${formatRangeNo(start, current.data.end_date)}: year to date ${current.data.year} + full year ${priorYear} × ${remaining} / ${fyDays} (its days after ${formatDateNo(cut)}); no snapshot of ${priorYear} to that day is available. Balance as at ${endLabel}.`,
        `Anslag for siste tolv måneder ${formatRangeNo(start, current.data.end_date)}: hittil i år ${current.data.year} + helåret ${priorYear} × ${remaining} / ${fyDays} (dagene etter ${formatDateNo(cut)}); det finnes ingen regnskapsuttrekk av ${priorYear} til den dagen. Balanse per ${endLabel}.`,
      ),
    },
  };
}

/** The latest full-year snapshot of the latest year up to `year` that has one. */
export function lastFullYearSnapshot(items: readonly AccountingItem[], year: number): AccountingItem | undefined {
  const fulls = items.filter((i) => i.data.year <= year && isFullYear(i));
  if (fulls.length === 0) return undefined;
  const last = Math.max(...fulls.map((i) => i.data.year));
  return latestSnapshot(fulls.filter((i) => i.data.year === last));
}

/** The latest full-year snapshot at or before `current`'s year, as reported: the last financial year. */
export function lastFinancialYear(current: AccountingItem, items: readonly AccountingItem[]): PeriodOutcome {
  const fy = lastFullYearSnapshot(items, current.data.year);
  if (!fy) {
    return {
      ok: false,
      reason: 'no_full_year',
      explain: text('No full-year snapshot is available.', 'Ingen helårsrapport er tilgjengelig.'),
    };
  }
  return { ok: true, period: reportedPeriod(fy, items) };
}
