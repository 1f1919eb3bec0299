import type { CovenantOverride, Thresholds } from '../../../shared/analysis';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import type { FiledAccounts, RegistryCheck, RegistryUnit } from '../../../shared/registry/dto';
import type { YearReconciliation } from '../../../shared/registry/reconciliation';
import type { StatusAlert } from '../../../shared/registry/status-alerts';

/**
 * What the registry (Brønnøysund) says of a borrower, from the cache (docs/registry.md): the facts, the status
 * alerts (most severe first), the filings and every Symetrisk full year reconciled against them. The words are
 * shared/registry's: STATUS_ALERT_DEFINITIONS, FORCED_DISSOLUTION_GROUND_NAMES, RECONCILED_LINE_NAMES,
 * DIFFERENCE_FLAG, EBITDA_NOT_RECONCILABLE, and the notes' own texts.
 */
export interface PackRegistry {
  /**
   * Registered name, organisasjonsform, næringskode 1-3, antall ansatte, forretningsadresse, stiftelsesdato,
   * MVA-registrert, siste innsendte årsregnskap, every status flag with its date; `fetchedAt` is when it was fetched.
   * Null: never looked up.
   */
  unit: RegistryUnit | null;
  /** The last look-up of the unit and of its accounts (a failure keeps what was stored, and says why). */
  checks: { unit: RegistryCheck | null; accounts: RegistryCheck | null };
  alerts: StatusAlert[];
  /** Every filing cached, newest year first. */
  filings: FiledAccounts[];
  /** Every year with a Symetrisk full year, newest first: its filing status, and the reconciliation where filed. */
  reconciliation: YearReconciliation[];
}

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
  /** The registry's facts, status alerts and reconciliation; absent where the source has none (a test's). */
  registry?: PackRegistry;
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
