import type { AccountingItem } from '../symetrisk/schemas';
import { BASIS_CHOICES, borrowerBases, onBasis, type BasisChoice, type BasisView, type BorrowerBases } from './bases';
import { testCovenants, type CovenantTest } from './covenants';
import { evaluateEarlyWarning, resolveRuleSettings, type EarlyWarning, type EarlyWarningOptions } from './early-warning';
import { annualisedPeriod, lastTwelveMonths, priorYearProRata, reportedPeriod, type PeriodFigures, type PeriodOutcome } from './periods';
import { qualityFlags, type QualityFlag, type QualityOptions } from './quality';
import { computeRatios, type RatioSet } from './ratios';
import { reconcile, type Reconciliation } from './reconciliation';
import { detectRestatements, detectRevisions, replacedSnapshots, type Restatement, type Revision } from './revisions';
import { latestSnapshot, latestSnapshotPerYear, snapshotRef, type SnapshotRef } from './snapshots';

/** One snapshot with everything derived from it alone plus its like-for-like prior year. */
export interface SnapshotAnalysis {
  snapshot: SnapshotRef;
  /** As reported (full_year or ytd), with the opening balance of its year when cached. */
  reported: PeriodFigures;
  /** YTD annualised; the same as `reported` for a full year. */
  annualised: PeriodFigures;
  /** Like-for-like prior year (see priorYearProRata), or why there is none. */
  priorYear: PeriodOutcome;
  /** Last twelve months to the snapshot's end: exact, an estimate, or why not. */
  ltm: PeriodOutcome;
  /** Ratios of `reported`; revenue growth against `priorYear`. */
  ratios: RatioSet;
  reconciliation: Reconciliation;
  flags: QualityFlag[];
}

/**
 * Analyses one snapshot in the context of the borrower's other snapshots (which supply the prior year, LTM and
 * the opening balance).
 */
export function analyseSnapshot(
  item: AccountingItem,
  allItems: readonly AccountingItem[],
  options: QualityOptions,
): SnapshotAnalysis {
  const reported = reportedPeriod(item, allItems);
  const priorYear = priorYearProRata(item, allItems);
  return {
    snapshot: snapshotRef(item),
    reported,
    annualised: annualisedPeriod(item, allItems),
    priorYear,
    ltm: lastTwelveMonths(item, allItems),
    ratios: computeRatios(reported, { comparable: priorYear.ok ? priorYear.period : undefined }),
    reconciliation: reconcile(item.data),
    flags: qualityFlags(item, options),
  };
}

/** `rules` (resolved from the stored limits) when given, else `thresholds` and `covenants`, drive both the early warning and the covenant tests. */
export type BorrowerAnalysisOptions = QualityOptions & EarlyWarningOptions;

export interface BorrowerAnalysis {
  /** The latest snapshot (by snapshotDate, fetchedAt, id) analysed; null when the borrower has none. */
  latest: SnapshotAnalysis | null;
  /** Early warning on the latest snapshot as reported; null when there is none. */
  earlyWarning: EarlyWarning | null;
  /** The latest snapshot of every year, newest year first (the columns of a borrower sheet). */
  years: SnapshotAnalysis[];
  /** Closed years whose figures changed between fetches. */
  restatements: Restatement[];
  /** Every period whose figures changed between fetches, years to date included, with before and after. */
  revisions: Revision[];
  /** Snapshots a later one of the same period replaced: kept in the provenance, no figure computed from them. */
  replaced: SnapshotRef[];
  /** Every basis of the latest figures; null when there are none. */
  bases: BorrowerBases | null;
  /** The figures on each basis of the switch (LTM, last financial year, year to date, annualised), fallbacks said. */
  views: Record<BasisChoice, BasisView> | null;
  /** Every rule in force tested on its covenant basis (LTM first). */
  covenants: CovenantTest[];
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
  const bases = borrowerBases(items);
  const views = bases ? (Object.fromEntries(BASIS_CHOICES.map((c) => [c, onBasis(bases, c)])) as Record<BasisChoice, BasisView>) : null;
  const rules = options.rules ?? resolveRuleSettings(options.thresholds, options.covenants);
  return {
    latest,
    earlyWarning: latest ? evaluateEarlyWarning({ period: latest.reported, ratios: latest.ratios }, { ...options, rules }) : null,
    years,
    restatements: detectRestatements(items),
    revisions: detectRevisions(items),
    replaced: replacedSnapshots(items),
    bases,
    views,
    covenants: testCovenants(bases, rules, options),
  };
}
