import type { AccountingItem } from '../symetrisk/schemas';
import { detectRestatements, type Restatement } from './comparison';
import { evaluateEarlyWarning, type EarlyWarning, type EarlyWarningOptions } from './early-warning';
import { annualisedPeriod, lastTwelveMonths, priorYearProRata, reportedPeriod, type PeriodFigures, type PeriodOutcome } from './periods';
import { qualityFlags, type QualityFlag, type QualityOptions } from './quality';
import { computeRatios, type RatioSet } from './ratios';
import { reconcile, type Reconciliation } from './reconciliation';
import { latestSnapshot, latestSnapshotPerYear, snapshotRef, type SnapshotRef } from './snapshots';

/** One snapshot with everything derived from it alone plus its like-for-like prior year. */
export interface SnapshotAnalysis {
  snapshot: SnapshotRef;
  /** As reported (full_year or ytd). */
  reported: PeriodFigures;
  /** YTD annualised; the same as `reported` for a full year. */
  annualised: PeriodFigures;
  /** Like-for-like prior year (see priorYearProRata), or why there is none. */
  priorYear: PeriodOutcome;
  ltm: PeriodOutcome;
  /** Ratios of `reported`; revenue growth against `priorYear`. */
  ratios: RatioSet;
  reconciliation: Reconciliation;
  flags: QualityFlag[];
}

/**
 * Analyses one snapshot in the context of the borrower's other snapshots (which supply the prior year and LTM).
 */
export function analyseSnapshot(
  item: AccountingItem,
  allItems: readonly AccountingItem[],
  options: QualityOptions,
): SnapshotAnalysis {
  const reported = reportedPeriod(item);
  const priorYear = priorYearProRata(item, allItems);
  return {
    snapshot: snapshotRef(item),
    reported,
    annualised: annualisedPeriod(item),
    priorYear,
    ltm: lastTwelveMonths(item, allItems),
    ratios: computeRatios(reported, { comparable: priorYear.ok ? priorYear.period : undefined }),
    reconciliation: reconcile(item.data),
    flags: qualityFlags(item, options),
  };
}

export type BorrowerAnalysisOptions = QualityOptions & EarlyWarningOptions;

export interface BorrowerAnalysis {
  /** The latest snapshot (by snapshotDate, fetchedAt, id) analysed; null when the borrower has none. */
  latest: SnapshotAnalysis | null;
  /** Early warning on the latest snapshot; null when there is none. */
  earlyWarning: EarlyWarning | null;
  /** The latest snapshot of every year, newest year first (the columns of a borrower sheet). */
  years: SnapshotAnalysis[];
  /** Closed years whose figures changed between fetches. */
  restatements: Restatement[];
}

/**
 * Everything the borrower view, the portfolio query and the Excel pack show for one borrower, from all its
 * cached snapshots. Pure: `now`, thresholds and covenants come in as options.
 */
export function analyseBorrower(items: readonly AccountingItem[], options: BorrowerAnalysisOptions): BorrowerAnalysis {
  const latestItem = latestSnapshot(items);
  const latest = latestItem ? analyseSnapshot(latestItem, items, options) : null;
  // The overall latest is also the latest of its year: analyse it once.
  const years = latestSnapshotPerYear(items).map((i) => (latest && i === latestItem ? latest : analyseSnapshot(i, items, options)));
  return {
    latest,
    earlyWarning: latest ? evaluateEarlyWarning({ period: latest.reported, ratios: latest.ratios }, options) : null,
    years,
    restatements: detectRestatements(items),
  };
}
