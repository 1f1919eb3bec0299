import {
  analyseSnapshot,
  detectRestatements,
  latestSnapshotPerYear,
  type Restatement,
  type SnapshotAnalysis,
} from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';

/** A cached snapshot in the shape shared/analysis takes (the API's item). */
export function toItem(s: dto.Snapshot): AccountingItem {
  return { id: s.itemId, data: s.data, snapshotDate: s.snapshotDate, fetchedAt: s.fetchedAt, origin: s.origin, accountingSystem: s.accountingSystem };
}

/** What the borrower page's statements and charts show, besides the rules (which arrive evaluated with the detail). */
export interface BorrowerYears {
  /** The latest snapshot of every year, newest year first: the statement columns (the same as the pack's). */
  years: SnapshotAnalysis[];
  /** Closed years whose figures changed between fetches. */
  restatements: Restatement[];
}

/**
 * The borrower's years, computed once per load with the same pure code as the Excel pack. No rule is evaluated
 * here: the breaches and every rule's status come from the main side (BorrowerDetail.evaluations), which applies
 * the profile's thresholds and switches and the borrower's covenants.
 */
export function borrowerYears(detail: dto.BorrowerDetail, staleAfterDays: number, now = new Date()): BorrowerYears {
  const items = detail.snapshots.map(toItem);
  return {
    years: latestSnapshotPerYear(items).map((i) => analyseSnapshot(i, items, { now, maxAgeDays: staleAfterDays })),
    restatements: detectRestatements(items),
  };
}
