import type { CovenantOverride, Thresholds } from '../../../shared/analysis';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';

/** One borrower as the pack needs it: who it is and every snapshot ever seen (the analysis picks the rest). */
export interface PackBorrower {
  orgNr: string;
  name: string;
  /** The relationship's state as Symetrisk gave it (access_approved ...). */
  state: string;
  /** The relationship vanished or lost access; its cached data is still shown. */
  lost: boolean;
  items: readonly AccountingItem[];
  covenants: readonly CovenantOverride[];
  /**
   * The analyst's assessment for the committee as last saved (shared/workflow.ts): its author, when it was saved
   * (`updatedAt`, ISO) and how many versions it has had. Null: none written yet; absent: the source has none to give.
   */
  assessment?: {
    comment: string;
    recommendation: 'approve' | 'approve_with_conditions' | 'decline' | null;
    conditions: string;
    author: string;
    updatedAt: string;
    versions: number;
  } | null;
  /** On the watch-list: why, the review date (ISO date), who put it there and when (ISO). Null: not on the list. */
  watch?: { reason: string; reviewDate: string | null; addedBy: string; addedAt: string } | null;
  /** The saksbehandler the borrower is assigned to; null: nobody. */
  assignedTo?: string | null;
  /** The latest five notes that are not deleted, newest first (`createdAt`: when that text was written, ISO). */
  notes?: { text: string; author: string; createdAt: string }[];
}

/**
 * What the pack builder reads, and nothing more: the builder is tested against this without a database, and
 * the cache adapter (cache-pack-source.ts) is the only code that knows where the data lives.
 */
export interface PackSource {
  /** The bank from /self (stored on the profile by its connection test); null when not known (the cover says so). */
  bank: { name: string; orgNr: string | null } | null;
  profileName: string;
  /** Where the data came from, for the cover (e.g. "Symetrisk API, https://api.symetrisk.no"). */
  dataSource: string;
  /** When the cache was last synced; null when never. */
  dataAsOf: Date | null;
  thresholds: Thresholds;
  /** How many borrowers `borrowers()` yields (for progress). */
  count: number;
  /** The selected borrowers in display order. Called twice (summary, then one sheet each): must restart. */
  borrowers(): Iterable<PackBorrower> | AsyncIterable<PackBorrower>;
}
