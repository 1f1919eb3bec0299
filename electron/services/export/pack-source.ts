import type { CovenantOverride, Thresholds } from '../../../shared/analysis';
import type { BorrowerNote, CommitteeAssessment, CommitteeBorrower, RegistryFacts, WatchEntry } from '../../../shared/committee';

/**
 * What the workflow and the registry add to a borrower (all optional: a pack is made without them, and says so).
 * The shapes are defined once in shared/committee/summary.ts, where page 1 (the pack's and the print view's) reads
 * them; they are named here as the pack's data source fills them:
 * - `assessment`: { comment, recommendation: 'approve' | 'approve_with_conditions' | 'decline' | null, conditions,
 *   author, updatedAt (ISO), historyLength } | null;
 * - `watch`: { reason, reviewDate (ISO date | null), addedBy, addedAt (ISO) } | null;
 * - `assignedTo`: string | null;
 * - `notes`: the latest few { text, author, createdAt (ISO) }, newest first;
 * - `registry`: { unit: RegistryUnit | null, filings: FiledAccounts[], accountsCheck?: RegistryCheck | null } (the cache's
 *   registry tables; the pack applies shared/registry's status alerts and reconciliation itself).
 */
export type PackAssessment = CommitteeAssessment;
export type PackWatch = WatchEntry;
export type PackNote = BorrowerNote;
export type PackRegistry = RegistryFacts;

/** One borrower as the pack needs it: who it is, every snapshot ever seen (the analysis picks the rest) and its covenants. */
export interface PackBorrower extends CommitteeBorrower {
  covenants: readonly CovenantOverride[];
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
  /** The selected borrowers in display order, read one at a time (the pack reads them once; a caller may again). */
  borrowers(): Iterable<PackBorrower> | AsyncIterable<PackBorrower>;
}
