import {
  analyseBorrower,
  DEFAULT_THRESHOLDS,
  RULE_IDS,
  type BorrowerAnalysis,
  type CovenantOverride,
  type RuleId,
  type Thresholds,
} from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';

/** A cached snapshot in the shape shared/analysis takes (the API's item). */
export function toItem(s: dto.Snapshot): AccountingItem {
  return { id: s.itemId, data: s.data, snapshotDate: s.snapshotDate, fetchedAt: s.fetchedAt, origin: s.origin, accountingSystem: s.accountingSystem };
}

/** The contract's flat thresholds ({rule: limit}) as analysis thresholds; a rule missing keeps its default. */
export function toThresholds(flat: Record<string, number> | null): Thresholds {
  const out = structuredClone(DEFAULT_THRESHOLDS);
  if (!flat) return out;
  for (const id of RULE_IDS) {
    const v = flat[id];
    if (typeof v === 'number') out[id] = { enabled: true, limit: v };
  }
  return out;
}

export function toCovenants(flat: Record<string, number> | null): CovenantOverride[] {
  if (!flat) return [];
  return Object.entries(flat)
    .filter(([rule]) => (RULE_IDS as readonly string[]).includes(rule))
    .map(([rule, limit]) => ({ rule: rule as RuleId, limit }));
}

/** Everything the borrower view shows, computed once per load (the same pure code as the Excel pack). */
export function analyse(detail: dto.BorrowerDetail, thresholds: Record<string, number> | null, staleAfterDays: number): BorrowerAnalysis {
  return analyseBorrower(detail.snapshots.map(toItem), {
    now: new Date(),
    maxAgeDays: staleAfterDays,
    thresholds: toThresholds(thresholds),
    covenants: toCovenants(detail.covenants),
  });
}
