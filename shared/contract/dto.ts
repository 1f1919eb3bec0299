/**
 * The data that crosses the bridge. Inputs are strict objects (unknown keys, including prototype-pollution keys
 * such as __proto__, are refused) with bounded strings and arrays; outputs are what the main side promises.
 */
import { z } from 'zod';
import { BASIS_CHOICES } from '../analysis/bases';
import { COVENANT_BASES, RULE_IDS } from '../analysis/early-warning';
import { PERIOD_BASES } from '../analysis/periods';
import { COVENANT_STATUSES } from '../analysis/vocabulary';
import { checkClassification, CLASSIFICATION_MAX_LENGTH } from '../classification';
import { findUnsafeChar, unsafeCharMessage } from '../safe-text';
import { AccountingData } from '../symetrisk/schemas';
import {
  assessmentMessage,
  checkAnalystName,
  checkAssessment,
  checkNoteText,
  checkWatchReason,
  RECOMMENDATIONS,
  textRefusalMessage,
  WORKFLOW_LIMITS,
  type TextCheck,
} from '../workflow';
import { FiledAccounts, ForcedDissolutionGround, RegistryCheck, RegistryUnit, RegistryUnitStatus } from '../registry/dto';
import { STATUS_ALERT_IDS } from '../registry/status-alerts';
import { COLUMN_IDS } from '../portfolio/columns';
import { checkViewName, QUERY_MAX, VIEW_LIMITS, WINDOW_MAX } from '../portfolio/query';

// ---- building blocks -------------------------------------------------------------------------------------

/**
 * Refuses what makes a name lie about itself on a screen, in a terminal or in a file listing: NUL, line breaks,
 * bidi controls (U+202E) and other C0/C1 control characters (shared/safe-text.ts), naming the one found; the
 * issue carries its reason (`nul_character`, `line_break`, `bidi_control`, `control_character`).
 */
export function oneLineName(what: string) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const found = findUnsafeChar(s);
    if (found) ctx.addIssue({ code: 'custom', message: unsafeCharMessage(what, found), params: { reason: found.reason, codePoint: found.codePoint } });
  };
}
const ProfileName = z.string().trim().min(1).max(80).superRefine(oneLineName('A profile name'));

/** A profile id: a short slug the main side generates ("demo", "sparebanken-vest-2"). */
export const ProfileId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a profile id is a short slug (a-z, 0-9, -)');
/** A validated organisation number in its compact form; MOD11 is checked by the services that take it. */
export const OrgNr = z.string().regex(/^\d{9}$/, 'an organisation number is nine digits');
/** Raw lines as pasted by the analyst: each is validated on the main side with a reason per line. */
export const RawOrgNrLines = z.array(z.string().max(200)).min(1).max(20_000);
export const IsoDateTime = z.string().max(40);
export const ShortText = z.string().max(200);
export const Email = z.email().max(254);
export const HttpsUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('an http(s) URL; plain http only for loopback test environments');

/** team: the bank's team database (PostgreSQL), filled by its team sync; the desktop keeps a replica of it. */
export const Environment = z.enum(['demo', 'production', 'custom', 'team']);
export type Environment = z.infer<typeof Environment>;

// ---- system ----------------------------------------------------------------------------------------------

export const SystemStatus = z.object({
  appName: z.string(),
  appVersion: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  runtime: z.object({
    node: z.string(),
    v8: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    platform: z.string(),
    arch: z.string(),
  }),
  startedAt: IsoDateTime,
});
export type SystemStatus = z.infer<typeof SystemStatus>;

// ---- the portfolio grid's filters, sort and saved views (shared/portfolio/query.ts) -----------------------

/** The grid's filters; a filter left out is no filter. */
export const PortfolioFiltersInput = z
  .strictObject({
    query: z.string().max(QUERY_MAX),
    flaggedOnly: z.boolean(),
    watchedOnly: z.boolean(),
    fallbackOnly: z.boolean(),
    state: z.string().max(64),
    accountingSystem: z.string().max(64),
    naceDivision: z.string().max(8),
  })
  .partial();
export type PortfolioFiltersInput = z.infer<typeof PortfolioFiltersInput>;
/** A sort by one column of the grid (shared/portfolio/columns.ts), nulls last either way, then by name. */
export const PortfolioSortInput = z.strictObject({
  // Checked against the list, not a z.enum: its refusal would list every column id (a message too long to read).
  id: z.string().max(64).refine((id) => COLUMN_IDS.includes(id), 'not a column of the portfolio grid'),
  desc: z.boolean(),
});
/**
 * A saved view as stored. Its name is checked by checkViewName (one line, at most VIEW_LIMITS.name characters, not
 * another view's): loosely here, so that the settings service refuses a bad name with its reason
 * (view_name_empty, view_name_too_long, view_name_taken, line_break ...), which the window words.
 */
export const SavedViewInput = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a view id is a short slug'),
  name: z.string().max(1000),
  columns: z.array(z.string().max(64)).max(100),
  sort: z.strictObject({ id: z.string().max(64), desc: z.boolean() }),
  filters: PortfolioFiltersInput.required(),
});
export type SavedViewInput = z.infer<typeof SavedViewInput>;
export const SavedView = SavedViewInput.extend({ name: z.string().refine((s) => checkViewName(s).ok, `a view's name is one line of 1 to ${VIEW_LIMITS.name} characters`) });
export type SavedView = z.infer<typeof SavedView>;

// ---- settings --------------------------------------------------------------------------------------------

export const Language = z.enum(['nb', 'en']);
export const AmountFormat = z.enum(['nok', 'nok_thousands']);
export const Theme = z.enum(['system', 'light', 'dark']);
export const Settings = z.object({
  language: Language,
  amountFormat: AmountFormat,
  theme: Theme,
  activeProfileId: ProfileId.nullable(),
  /** Data older than this many days is flagged as stale. */
  staleAfterDays: z.number().int().min(1).max(3650),
  /** Column choices of the portfolio grid, kept between sessions. */
  portfolioColumns: z.array(z.string().max(64)).max(100).nullable(),
  /** Whether syncs fetch from Brønnøysundregistrene ("Hent fra Brønnøysundregistrene"); off: no registry call at all. */
  registryEnabled: z.boolean(),
  /** The label in the footer of every exported page (checkClassification); null prints the language's default. */
  classification: z
    .string()
    .refine((s) => checkClassification(s).ok, `a classification label is one line of 1 to ${CLASSIFICATION_MAX_LENGTH} characters`)
    .nullable(),
  /**
   * Who the analyst is: the author stamped on every note, watch-list entry, assignment and assessment. The OS user
   * name until the analyst types their own (a patch with an empty name goes back to it).
   */
  analystName: z.string().refine((s) => checkAnalystName(s).ok, `an analyst name is one line of 1 to ${WORKFLOW_LIMITS.name} characters`),
  /** The analyst's saved views of the portfolio grid (columns, sort, filters), for every connection. */
  portfolioViews: z.array(SavedView).max(VIEW_LIMITS.views),
  /** The saved view in use (its id); null: the standard view. */
  portfolioView: z.string().max(64).nullable(),
});
export type Settings = z.infer<typeof Settings>;
/**
 * A label the analyst typed passes the contract loosely so that the settings service can refuse it with its own
 * reason (classification_too_long ...), which the window words for the analyst.
 */
export const SettingsPatch = Settings.extend({
  classification: z.string().max(1000).nullable(),
  // Likewise: the settings service refuses a bad name with its reason (text_too_long, line_break ...).
  analystName: z.string().max(1000),
  // Likewise a saved view's name (view_name_empty, view_name_taken ...).
  portfolioViews: z.array(SavedViewInput).max(VIEW_LIMITS.views),
})
  .partial()
  .strict();

// ---- connections -----------------------------------------------------------------------------------------

export const Profile = z.object({
  id: ProfileId,
  name: z.string(),
  environment: Environment,
  tokenUrl: z.string(),
  apiBaseUrl: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  /** Whether a client secret is stored in the keychain; the secret itself never leaves the main side. */
  hasSecret: z.boolean(),
  createdAt: IsoDateTime,
  /** When data was last synced: the end of the newest run that fetched (outcome ok or partial); null: never. */
  lastSyncAt: IsoDateTime.nullable(),
  lastSyncOutcome: z.enum(['ok', 'partial', 'failed', 'cancelled']).nullable(),
  /**
   * The newest finished run of any outcome. A failed or cancelled attempt is shown beside "last synced", never as it:
   * a sync refused for wrong credentials synced nothing.
   */
  lastAttemptAt: IsoDateTime.nullable(),
  lastAttemptOutcome: z.enum(['ok', 'partial', 'failed', 'cancelled']).nullable(),
  /** The bank's name from /self, once known (cached at connection test and sync; the export reads it from here). */
  bankName: z.string().nullable(),
  bankOrgNr: z.string().nullable(),
  /** When /self last answered. */
  bankCheckedAt: IsoDateTime.nullable(),
  /** A team connection's database (its read-only role, never a password); absent for the others. */
  databaseUrl: z.string().optional(),
});
export type Profile = z.infer<typeof Profile>;

const SymetriskProfileInput = z.strictObject({
  name: ProfileName,
  environment: z.enum(['production', 'custom']),
  clientId: z.string().trim().min(1).max(256),
  /** Required for custom, ignored for production (the public URLs are used). */
  tokenUrl: HttpsUrl.optional(),
  apiBaseUrl: HttpsUrl.optional(),
  scopes: z.array(z.string().max(200)).min(1).max(10),
  /** Sent once, stored in the keychain, never returned. */
  secret: z.string().min(1).max(1024).optional(),
});

/** A team connection: the bank's team database, read with a read-only role; its "sync" replicates it. */
const TeamProfileInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  environment: z.literal('team'),
  /** postgres://role@server:5432/database[?sslmode=verify-full]: TLS unless the server is this computer; no password. */
  databaseUrl: z.string().trim().min(1).max(2000),
  /** The role's password: sent once, stored in the keychain, never returned. */
  secret: z.string().min(1).max(1024).optional(),
});

export const ProfileInput = z.discriminatedUnion('environment', [SymetriskProfileInput, TeamProfileInput]);
export type ProfileInput = z.infer<typeof ProfileInput>;

export const ProfileUpdate = z.strictObject({
  id: ProfileId,
  name: ProfileName.optional(),
  clientId: z.string().trim().min(1).max(256).optional(),
  tokenUrl: HttpsUrl.optional(),
  apiBaseUrl: HttpsUrl.optional(),
  scopes: z.array(z.string().max(200)).min(1).max(10).optional(),
  /** Team connections only. */
  databaseUrl: z.string().trim().min(1).max(2000).optional(),
  secret: z.string().min(1).max(1024).optional(),
});

/**
 * Something the analyst should know that does not stop the connection (/self is information): `reason` is a stable
 * key the renderer words in the user's language with `values`; `message` is the English fallback.
 */
export const ConnectionWarning = z.object({
  reason: z.enum(['self_not_found', 'self_failed', 'scope_not_granted', 'self_scopes_differ', 'team_role_cannot_share', 'team_workflow_not_set_up']),
  message: z.string(),
  values: z.record(z.string(), z.string()),
});
export type ConnectionWarning = z.infer<typeof ConnectionWarning>;

export const ConnectionTestStep = z.object({
  /** database: a team connection's login and schema check (its other steps are secret and self, the bank). */
  step: z.enum(['secret', 'token', 'ping', 'self', 'database']),
  ok: z.boolean(),
  /** The step passed with a warning (e.g. /self answered 404); ok stays true. */
  warning: z.boolean(),
  message: z.string(),
});
export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  /** The first failure, named: what the analyst should fix. */
  problem: z.enum(['no_secret', 'wrong_secret', 'missing_scope', 'network', 'unexpected', 'keychain']).nullable(),
  /** The failure's stable key (details.reason of the error), for wording; null on success. */
  reason: z.string().nullable(),
  /** The server's own words about the failure, when it said any. */
  serverMessage: z.string().nullable(),
  message: z.string(),
  steps: z.array(ConnectionTestStep),
  warnings: z.array(ConnectionWarning),
  bankName: z.string().nullable(),
  bankOrgNr: z.string().nullable(),
  /** The scopes granted: the token answer's `scope` when it has one, else those asked for. */
  scopes: z.array(z.string()),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/**
 * Whether the connection works now: `available` only when a token was issued and /ping answered with it;
 * `refused` when Symetrisk answered but refused the credentials or a scope; `unreachable` when nothing answered;
 * `failing` when Symetrisk answered with errors.
 */
export const ConnectionState = z.enum(['available', 'refused', 'unreachable', 'failing']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const Reachability = z.object({
  profileId: ProfileId,
  /** state === 'available'. */
  reachable: z.boolean(),
  state: ConnectionState,
  /** The failure's stable key (details.reason), null when available. */
  reason: z.string().nullable(),
  checkedAt: IsoDateTime,
  message: z.string(),
});
export type Reachability = z.infer<typeof Reachability>;

// ---- registry (Brønnøysund; docs/registry.md) ----------------------------------------------------------------

/** A text in both languages, as the shared rules write it (the renderer shows the analyst's). */
const Localized = z.object({ en: z.string(), nb: z.string() });

/** A status alert of Enhetsregisteret (shared/registry/status-alerts.ts), most severe first wherever listed. */
export const StatusAlertId = z.enum(STATUS_ALERT_IDS);
export type StatusAlertId = z.infer<typeof StatusAlertId>;
export const StatusAlert = z.object({
  id: StatusAlertId,
  /** 1 is the most severe (konkurs). */
  severity: z.number().int(),
  /** The date the alert is about; null when the registry sets the flag without one (the screen says so). */
  date: z.string().nullable(),
  grounds: z.array(z.object({ ground: ForcedDissolutionGround, date: z.string() })),
});
export type StatusAlert = z.infer<typeof StatusAlert>;

/** The registry facts a portfolio row carries (the grid's columns), read from the cache. */
export const RowRegistry = z.object({
  status: RegistryUnitStatus,
  name: z.string().nullable(),
  /** naeringskode1 (5 digits, "41.200") and the registry's description of it. */
  naceCode: z.string().nullable(),
  naceDescription: z.string().nullable(),
  /** The NACE division (2 digits, "41"): the peer group. */
  naceDivision: z.string().nullable(),
  legalForm: z.object({ code: z.string(), name: z.string() }).nullable(),
  employees: z.number().int().nullable(),
  municipality: z.string().nullable(),
  founded: z.string().nullable(),
  /** Every status alert, most severe first; the row's flags begin with them (`registry_<id>`). */
  statusAlerts: z.array(z.object({ id: StatusAlertId, date: z.string().nullable() })),
  fetchedAt: IsoDateTime,
});
export type RowRegistry = z.infer<typeof RowRegistry>;

/** Median and quartiles of one ratio in a peer group, or why there are none (fewer than five borrowers or values). */
export const PeerStats = z.union([
  z.object({ enough: z.literal(true), n: z.number().int(), min: z.number(), q1: z.number(), median: z.number(), q3: z.number(), max: z.number() }),
  z.object({ enough: z.literal(false), n: z.number().int(), reason: z.enum(['group_too_small', 'too_few_values']), explain: Localized }),
]);
export type PeerStats = z.infer<typeof PeerStats>;

/** Where a borrower's ratio stands in its group: value − median in the ratio's unit (percentage points for a percent). */
export const PeerPosition = z.object({
  value: z.number().nullable(),
  vsMedian: z.number().nullable(),
  quartile: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  median: z.number().nullable(),
});
export type PeerPosition = z.infer<typeof PeerPosition>;

/** A row's place among its peers (the bank's own book, same NACE division), on each borrower's last full year. */
export const RowPeers = z.object({
  division: z.string(),
  groupSize: z.number().int(),
  basis: z.literal('full_year'),
  ratios: z.record(z.string(), PeerPosition),
});
export type RowPeers = z.infer<typeof RowPeers>;

/** A borrower's ratios of its last full financial year: what the peer groups compare (portfolio rows carry it). */
export const PeerBasis = z.object({ year: z.number().int(), ratios: z.record(z.string(), z.number().nullable()) });
export type PeerBasis = z.infer<typeof PeerBasis>;

/** The borrower page's peers: its group with every key ratio's median and quartiles and where the borrower stands. */
export const BorrowerPeers = z.object({
  /** Null: the registry gives no industry code (or none is cached yet); the borrower is in no group. */
  division: z.string().nullable(),
  name: Localized.nullable(),
  groupSize: z.number().int(),
  basis: z.literal('full_year'),
  /** The borrower's own full year, or null when it has none (then it has no values, and counts in the group). */
  year: z.number().int().nullable(),
  ratios: z.array(z.object({ id: z.string(), stats: PeerStats.nullable(), position: PeerPosition })),
});
export type BorrowerPeers = z.infer<typeof BorrowerPeers>;

const SnapshotRefDto = z.object({
  id: z.number().int(),
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  daysIncluded: z.number().int(),
  snapshotDate: z.string(),
  fetchedAt: z.string(),
  accountingSystem: z.string(),
  formatVersion: z.string(),
});

/** One year reconciled against the filed annual accounts (shared/registry/reconciliation.ts). */
export const FiledReconciliation = z.object({
  year: z.number().int(),
  basis: z.literal('full_year'),
  status: z.enum(['matches', 'differs', 'incomplete', 'not_comparable']),
  /** "Avvik mot innsendt årsregnskap". */
  flagged: z.boolean(),
  notComparable: z.object({ reason: z.enum(['currency', 'period', 'group_accounts']), explain: Localized }).nullable(),
  snapshot: SnapshotRefDto,
  filing: FiledAccounts,
  lines: z.array(
    z.object({
      id: z.enum(['revenues', 'operating_result', 'net_result', 'equity', 'total_assets']),
      name: Localized,
      symetrisk: z.number(),
      filed: z.number().nullable(),
      difference: z.number().nullable(),
      relativeDifference: z.number().nullable(),
      tolerance: z.number(),
      status: z.enum(['match', 'differs', 'missing_in_filing']),
    }),
  ),
  ebitda: z.object({ reconcilable: z.literal(false), explain: Localized }),
  notes: z.array(z.object({ id: z.string(), date: z.string().nullable(), text: Localized })),
});
export type FiledReconciliation = z.infer<typeof FiledReconciliation>;

export const YearReconciliation = z.object({
  year: z.number().int(),
  filingStatus: z.enum(['filed', 'unsupported_layout', 'filed_not_available', 'not_due', 'overdue', 'unknown']),
  /** 31 July of the next year. */
  deadline: z.string(),
  reconciliation: FiledReconciliation.nullable(),
});
export type YearReconciliation = z.infer<typeof YearReconciliation>;

/** Everything the borrower page shows of the registry, read from the cache (so it stays with both services down). */
export const BorrowerRegistry = z.object({
  /** Settings.registryEnabled: whether syncs fetch from the registry (off: what is cached is still shown). */
  enabled: z.boolean(),
  /** Null: never looked up (a sync with the registry on has not run since the borrower came). */
  unit: RegistryUnit.nullable(),
  checks: z.object({ unit: RegistryCheck.nullable(), accounts: RegistryCheck.nullable() }),
  alerts: z.array(StatusAlert),
  /** Every filing the cache holds, newest year first. */
  filings: z.array(FiledAccounts),
  /** Every year with a Symetrisk full year, newest first, each with its filing status and reconciliation. */
  years: z.array(YearReconciliation),
  peers: BorrowerPeers.nullable(),
});
export type BorrowerRegistry = z.infer<typeof BorrowerRegistry>;

/** The registry step of a sync, as its run reports it (its failures are also in the run's errors, source `registry`). */
export const RegistryStepSummary = z.object({
  /** Why the step did not run: switched off in Settings, the Symetrisk part failed or was cancelled, no borrower. */
  skipped: z.enum(['disabled', 'symetrisk_failed', 'cancelled', 'no_borrowers']).nullable(),
  mode: z.enum(['initial', 'incremental']).nullable(),
  borrowers: z.number().int(),
  unitsLookedUp: z.number().int(),
  accountsLookedUp: z.number().int(),
  /** Status alerts that appeared, changed or ended, each a notification of the app's own (type registry_status). */
  newNotifications: z.number().int(),
  failures: z.number().int(),
  requests: z.number().int(),
  /** The registry could not be reached (or kept timing out): the step stopped, the cache as it was. */
  stopped: z.object({ code: z.string(), reason: z.string(), message: z.string() }).nullable(),
});
export type RegistryStepSummary = z.infer<typeof RegistryStepSummary>;

/** A registry unit proposed for a relationship that has no org number, with why; never a link by itself. */
export const NameProposal = z.object({
  orgNr: z.string(),
  name: z.string(),
  match: z.enum(['exact', 'case', 'punctuation', 'legal_form']),
  rank: z.number().int(),
  reasons: z.array(z.object({ id: z.string(), text: Localized })),
  status: z.enum(['active', 'deleted']),
  legalForm: z.string().nullable(),
  municipality: z.string().nullable(),
  /** Always true: linked only once GET /relationship/{orgNr} answers with the same relationshipId. */
  needsConfirmation: z.literal(true),
});
export type NameProposal = z.infer<typeof NameProposal>;

/** A notification the app writes itself (not Symetrisk's words): worded by the renderer from these fields. */
export const AppNotification = z.object({
  kind: z.literal('registry_status'),
  /** new: the alert appeared; changed: its date changed; ended: the registry no longer shows it. */
  change: z.enum(['new', 'changed', 'ended']),
  alert: StatusAlertId,
  date: z.string().nullable(),
  previousDate: z.string().nullable(),
  /** The borrower's name (Symetrisk's, else the registry's). */
  name: z.string(),
});
export type AppNotification = z.infer<typeof AppNotification>;

// ---- sync ------------------------------------------------------------------------------------------------

/** `registry`: the registry step (Brønnøysund), after the Symetrisk part. */
export const SyncPhase = z.enum(['starting', 'token', 'relationships', 'notifications', 'accounting', 'registry', 'done']);
export const SyncProgress = z.object({
  profileId: ProfileId,
  runId: z.number().int(),
  phase: SyncPhase,
  done: z.number().int(),
  total: z.number().int(),
  currentOrgNr: z.string().nullable(),
  /** The current borrower's name, as Symetrisk gave it (this sync or an earlier one); null when not known. */
  currentName: z.string().nullable().optional(),
  requests: z.number().int(),
  retries: z.number().int(),
  errors: z.number().int(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/**
 * What the relationship step found: relationships keyed to an org number (linked), relationships of the list no
 * number keys (unlinked, to attach), followed numbers Symetrisk has no relationship with (notFound) or refused.
 */
export const RelationshipCounts = z.object({
  linked: z.number().int(),
  unlinked: z.number().int(),
  notFound: z.number().int(),
  refused: z.number().int(),
});
export type RelationshipCounts = z.infer<typeof RelationshipCounts>;

export const SyncOutcome = z.enum(['running', 'ok', 'partial', 'failed', 'cancelled']);
export const SyncRun = z.object({
  id: z.number().int(),
  profileId: ProfileId,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  outcome: SyncOutcome,
  requests: z.number().int(),
  retries: z.number().int(),
  borrowersSynced: z.number().int(),
  borrowersFailed: z.number().int(),
  newSnapshots: z.number().int(),
  newNotifications: z.number().int(),
  message: z.string().nullable(),
  /**
   * `reason`: the stable key of the failure (details.reason of its AppError), when it has one. `source`: `registry`
   * for a failure of the registry step (which never changes the run's outcome); absent for Symetrisk's. `name`: the
   * borrower's name, when known.
   */
  errors: z.array(
    z.object({
      orgNr: z.string().nullable(),
      name: z.string().optional(),
      code: z.string(),
      message: z.string(),
      reason: z.string().optional(),
      source: z.literal('registry').optional(),
    }),
  ),
  /** The registry step of this run, on the run as it finishes (sync:finished); runs read back later carry its failures in `errors`. */
  registry: RegistryStepSummary.optional(),
  /** The relationship step's summary; null for a run that did not get that far (or before this was recorded). */
  relationships: RelationshipCounts.nullable().optional(),
});
export type SyncRun = z.infer<typeof SyncRun>;


export const SyncStatus = z.object({
  running: z.boolean(),
  progress: SyncProgress.nullable(),
  lastRun: SyncRun.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

// ---- portfolio -------------------------------------------------------------------------------------------

/** One cached accounting item (snapshot), as stored: the API's fields plus when we first and last saw it. */
export const Snapshot = z.object({
  /** Local key, unique in the cache; use it to address a snapshot (the API's id may repeat across borrowers). */
  key: z.number().int(),
  itemId: z.number().int(),
  orgNr: z.string(),
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  daysIncluded: z.number().int(),
  snapshotDate: z.string(),
  fetchedAt: z.string(),
  accountingSystem: z.string(),
  origin: z.string(),
  formatVersion: z.string(),
  data: AccountingData,
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
});
export type Snapshot = z.infer<typeof Snapshot>;

/** A text in both languages, as shared/analysis words it (the renderer shows the analyst's language). */
export const LocalizedText = z.object({ en: z.string(), nb: z.string() });

/**
 * What the list and the borrower page show figures on (shared/analysis/bases.ts, BASIS_CHOICES): last twelve
 * months (the default), last financial year, year to date, annualised.
 */
export const BasisChoice = z.enum(BASIS_CHOICES);
export type BasisChoice = z.infer<typeof BasisChoice>;

export const Breach = z.object({
  rule: z.string(),
  /** The covenant's own wording, when it has one; the rule's name is the renderer's (and the pack's) to give. */
  label: z.string().nullable(),
  actual: z.number().nullable(),
  limit: z.number().nullable(),
  /** Signed distance to the limit in the rule's units; negative means past it. */
  headroom: z.number().nullable(),
  source: z.enum(['default', 'covenant']),
  /** Why the ratio has no value when `actual` is null (an n.m. breach: negative EBITDA with net debt ...). */
  reason: LocalizedText.nullable(),
  /** The figures the rule was tested on (its covenant basis: "Siste 12 mnd per 30.09.2026"); null without any. */
  tested: LocalizedText.nullable(),
});
export type Breach = z.infer<typeof Breach>;

/**
 * The analyst's workflow on a borrower as a row shows it (the grid's columns, the table export, the list of the
 * watch-list): the current watch-list entry with whether its review is overdue today, the saksbehandler, the newest
 * note. Absent on a row nobody has worked on.
 */
export const RowWorkflow = z.object({
  watch: z.object({ reason: z.string(), reviewDate: z.string().nullable(), addedBy: z.string(), addedAt: IsoDateTime, overdue: z.boolean() }).nullable(),
  assignedTo: z.string().nullable(),
  latestNote: z.object({ text: z.string(), author: z.string(), createdAt: IsoDateTime }).nullable(),
});
export type RowWorkflow = z.infer<typeof RowWorkflow>;
/** The basis a row's figures, ratios and changes are on; every figure of the row is on this one. */
export const RowBasis = z.object({
  /** The basis asked for. */
  choice: BasisChoice,
  /** The basis shown: another one when the asked one cannot be built (see `fallback`). */
  shown: BasisChoice,
  /** The kind of period the figures are (shared/analysis/periods.ts PERIOD_BASES). */
  period: z.enum(PERIOD_BASES),
  /** The flows are an estimate (pro rata of a full year): "anslag". Balances never are. */
  estimate: z.boolean(),
  /** The period's label: "Siste 12 mnd per 30.09.2026 (anslag)", "01.01–30.09.2026 (HiÅ)". */
  label: LocalizedText,
  start: z.string(),
  end: z.string(),
  /** Why the asked basis was replaced, in words; null when it was not. */
  fallback: LocalizedText.nullable(),
  /** What changes and growth are measured against (the like-for-like period a year earlier); null: none. */
  comparable: z.object({ label: LocalizedText, estimate: z.boolean() }).nullable(),
  /** Why there is nothing to compare with, when there is not. */
  noComparable: LocalizedText.nullable(),
  /** The flows hold a year to date without booked tax: an after-tax figure is before tax in substance. */
  taxNotBooked: z.boolean(),
});
export type RowBasis = z.infer<typeof RowBasis>;

/** Why a ratio has no value: n.m. (`not_meaningful`) or missing (`not_available`), in words. */
export const RatioGap = z.object({
  kind: z.enum(['not_meaningful', 'not_available']),
  reason: z.string(),
  explain: LocalizedText,
});
export type RatioGap = z.infer<typeof RatioGap>;

/** A period fetched again with other figures: a restatement (closed year) or an interim revision (year to date). */
export const RowRevision = z.object({
  kind: z.enum(['restatement', 'interim_revision']),
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  /** The local keys of the replaced and the replacing snapshot (portfolio:compare of the two shows before and after). */
  beforeKey: z.number().int(),
  afterKey: z.number().int(),
  /** "Korrigert hittil i år 01.01–30.09.2026: driftsinntekter 6 110 373 → 5 499 336 og 5 linjer til (regnskapsuttrekk 2 → 7)." */
  summary: LocalizedText,
  /** The lines that moved. */
  lines: z.array(z.string()),
});
export type RowRevision = z.infer<typeof RowRevision>;

export const PortfolioRow = z.object({
  orgNr: z.string(),
  name: z.string(),
  state: z.string(),
  /** The relationship disappeared from Symetrisk or lost access; cached data is kept and shown as such. */
  lost: z.boolean(),
  accountingSystem: z.string().nullable(),
  latest: z
    .object({
      snapshotKey: z.number().int(),
      year: z.number().int(),
      startDate: z.string(),
      endDate: z.string(),
      daysIncluded: z.number().int(),
      snapshotDate: z.string(),
      fetchedAt: z.string(),
    })
    .nullable(),
  /** What the figures, ratios and changes below are on; null without data. */
  basis: RowBasis.nullable(),
  /** Key figures on the basis (NOK; flows of the period, balances at its end). */
  figures: z.record(z.string(), z.number().nullable()),
  /** Ratios by id on the basis (see docs/analysis.md); null where undefined, with the reason in `ratioGaps`. */
  ratios: z.record(z.string(), z.number().nullable()),
  /** Why each ratio without a value has none (n.m. or missing), by ratio id. */
  ratioGaps: z.record(z.string(), RatioGap),
  /** Changes against the like-for-like period a year earlier, by figure id (fractions: 0.12 = +12 %); growth of flows only between comparable periods. */
  changes: z.record(z.string(), z.number().nullable()),
  /** Changes of ratios against the same period, in the ratio's own unit: percentage points (0.018 = +1.8 pp) or x. */
  ratioChanges: z.record(z.string(), z.number().nullable()),
  flags: z.array(z.string()),
  /** Every rule in force that its covenant basis breaches (LTM for flows, the latest balance for balances). */
  breaches: z.array(Breach),
  /** Rules met with headroom at most the near-limit band (Settings): "nær grensen". */
  nearLimit: z.array(Breach),
  /** Every period whose later snapshot changed its figures (flag `revised` or `restated`), oldest first. */
  revisions: z.array(RowRevision),
  dataAgeDays: z.number().nullable(),
  lastSyncedAt: IsoDateTime.nullable(),
  unreadNotifications: z.number().int(),
  /** Notes, watch-list and saksbehandler (shared/workflow.ts), where the analyst has any. */
  workflow: RowWorkflow.optional(),
  /** The last full financial year's key ratios, what the peer groups compare; null without a full year. */
  peerBasis: PeerBasis.nullable().optional(),
  /** Registry facts from the cache; null when the borrower was never looked up. */
  registry: RowRegistry.nullable().optional(),
  /** The borrower among its peers (same NACE division in the bank's book); null without a division. */
  peers: RowPeers.nullable().optional(),
});
export type PortfolioRow = z.infer<typeof PortfolioRow>;

export const Relationship = z.object({
  orgNr: z.string(),
  relationshipId: z.string().nullable(),
  state: z.string(),
  name: z.string(),
  borrowerContactEmail: z.string().nullable(),
  bankContactEmail: z.string().nullable(),
  createdAt: z.string().nullable(),
  lost: z.boolean(),
  lastSeenAt: IsoDateTime.nullable(),
  lastFetchedAt: IsoDateTime.nullable(),
});
export type Relationship = z.infer<typeof Relationship>;

/** A notification's type as Symetrisk (or the app) gives it: worded from shared/wording/codes.ts. */
export const NotificationType = z.string().min(1).max(64);

export const NotificationRow = z.object({
  key: z.number().int(),
  id: z.number().int(),
  orgNr: z.string().nullable(),
  /** The borrower's name as cached (null for the bank's own notifications, or a borrower not cached). */
  name: z.string().nullable().optional(),
  text: z.string(),
  type: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  /** Present on the app's own notifications (type `registry_status`): what the renderer words; `text` is the English fallback. */
  app: AppNotification.optional(),
});
export type NotificationRow = z.infer<typeof NotificationRow>;

export const NotificationsSummary = z.object({
  /** Every type there is, with its counts, most first: the type filter is built from this. */
  types: z.array(z.object({ type: z.string(), count: z.number().int(), unread: z.number().int() })),
  /** Every borrower with notifications, by name. */
  borrowers: z.array(z.object({ orgNr: z.string(), name: z.string().nullable(), count: z.number().int(), unread: z.number().int() })),
  /**
   * The notifications created before the first sync started: stored as read, being history rather than news
   * (electron/db/notifications.ts); null before any sync.
   */
  backfill: z.object({ count: z.number().int(), firstSyncAt: IsoDateTime }).nullable(),
});
export type NotificationsSummary = z.infer<typeof NotificationsSummary>;

/** One early-warning rule evaluated on a borrower's latest snapshot (shared/analysis/early-warning.ts). */
export const RuleEvaluation = z.object({
  rule: z.enum(RULE_IDS),
  /** Where the limit came from: the portfolio threshold or the borrower's covenant. */
  source: z.enum(['threshold', 'covenant']),
  label: z.string().optional(),
  direction: z.enum(['min', 'max']),
  limit: z.number(),
  /** The measured value (the ratio's unit, or NOK); null when not evaluable. */
  actual: z.number().nullable(),
  /** Signed room to the limit in the same unit; negative is a breach. */
  headroom: z.number().nullable(),
  relativeHeadroom: z.number().nullable(),
  status: z.enum(['ok', 'breach', 'not_evaluable']),
  /** Why the ratio has no value, when not evaluable: an undefined ratio is a finding, not a pass. */
  notAvailable: z.object({ reason: z.string(), explain: z.object({ en: z.string(), nb: z.string() }) }).optional(),
});
export type RuleEvaluation = z.infer<typeof RuleEvaluation>;

/** One rule in force tested on its covenant basis (shared/analysis/covenants.ts testCovenants). */
export const CovenantTest = z.object({
  rule: z.enum(RULE_IDS),
  source: z.enum(['threshold', 'covenant']),
  /** The agreement's wording, when a covenant gave one. */
  label: z.string().nullable(),
  direction: z.enum(['min', 'max']),
  limit: z.number(),
  /** The unit of actual, limit and headroom: a percent ratio's headroom is in percentage points (a fraction). */
  unit: z.enum(['percent', 'multiple', 'nok']),
  /** The basis the agreement tests on. */
  basis: z.enum(COVENANT_BASES),
  /** The basis in words with the figures used and the test date ("Siste tolv måneder: Siste 12 mnd per 30.09.2026, testet per 30.09.2026"). */
  basisText: LocalizedText,
  /** The label of the figures used; null when there are none. */
  period: LocalizedText.nullable(),
  /** When the asked basis could not be built: what was used instead and why. */
  fallback: LocalizedText.nullable(),
  testDate: z.string().nullable(),
  actual: z.number().nullable(),
  /** Signed distance to the requirement in the unit; negative is a breach. */
  headroom: z.number().nullable(),
  status: z.enum(COVENANT_STATUSES),
  /** Why the ratio has no value (n.m. breach, n.m. pass, cannot be tested). */
  reason: RatioGap.nullable(),
  /** An input period is an estimate ("anslag"). */
  estimate: z.boolean(),
  /** The row as a sentence: "Egenkapitalandel 18,2 % – krav minst 20,0 % – brudd". */
  sentence: LocalizedText,
});
export type CovenantTest = z.infer<typeof CovenantTest>;

export const BorrowerDetail = z.object({
  relationship: Relationship,
  snapshots: z.array(Snapshot),
  notifications: z.array(NotificationRow),
  /** The borrower's portfolio row on the basis asked for. */
  row: PortfolioRow.nullable(),
  /**
   * Every rule that applies (a rule switched off is not there), with the profile's thresholds and the borrower's
   * covenants, each on its covenant basis: the same tests as the row's breaches and the Excel pack's.
   */
  evaluations: z.array(RuleEvaluation),
  /** The same tests as covenant rows: definition, requirement, basis, test date, actual, headroom and status. */
  covenantTests: z.array(CovenantTest),
  /** The near-limit band the tests used (a share of |limit|: 0.1 is 10 %). */
  nearLimitShare: z.number(),
  covenants: z.record(z.string(), z.number()).nullable(),
  /** The registry's facts, status alerts, filings with their reconciliation, and peers; from the cache. */
  registry: BorrowerRegistry.nullable().optional(),
});
export type BorrowerDetail = z.infer<typeof BorrowerDetail>;

export const CompareMode = z.enum(['raw', 'annualised', 'pro_rata']);
export type CompareMode = z.infer<typeof CompareMode>;

export const ComparisonLine = z.object({
  id: z.string(),
  group: z.enum(['p_and_l', 'balance', 'ratio']),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /** The change b − a: NOK for a line; for a ratio in its own unit (percentage points as a fraction, or x). */
  change: z.number().nullable(),
  /** Relative change of a line; null for a ratio (never a per cent of a per cent) and for P&L lines of windows not like for like. */
  changePct: z.number().nullable(),
  /** For a ratio: the unit of its change. */
  unit: z.enum(['pp', 'x']).optional(),
  /** For a ratio without a value on a side: why (n.m. or missing). */
  gapA: RatioGap.optional(),
  gapB: RatioGap.optional(),
});
export const Comparison = z.object({
  a: Snapshot,
  b: Snapshot,
  mode: CompareMode,
  /** The periods as compared, with their basis: "2025 (helår), forholdsmessig ×273/365 (anslag)". */
  labels: z.object({ a: LocalizedText, b: LocalizedText }),
  lines: z.array(ComparisonLine),
  /** How each side was built (annualised, pro rata, as reported). */
  notes: z.array(LocalizedText),
  /** The P&L windows are like for like: only then do P&L lines carry a relative change. */
  comparable: z.boolean(),
  /** Why the P&L lines carry no growth, when they do not. */
  notComparable: LocalizedText.nullable(),
  restatement: z.object({ restated: z.boolean(), lines: z.array(z.string()) }).nullable(),
  /** Two versions of one period whose figures moved: before (a or b, the older) and after, line by line. */
  revision: z
    .object({
      kind: z.enum(['restatement', 'interim_revision']),
      summary: LocalizedText,
      beforeKey: z.number().int(),
      afterKey: z.number().int(),
      moved: z.array(z.object({ id: z.string(), before: z.number(), after: z.number(), change: z.number() })),
    })
    .nullable(),
});
export type Comparison = z.infer<typeof Comparison>;

export const FollowResult = z.object({
  added: z.array(z.string()),
  alreadyFollowed: z.array(z.string()),
  /** Lines refused, with the reason (shared/orgnr-lines.ts) and, for wrong_length, how many digits the line has. */
  rejected: z.array(z.object({ line: z.number().int(), input: z.string(), reason: z.string(), message: z.string(), digits: z.number().int().optional() })),
});
export type FollowResult = z.infer<typeof FollowResult>;

/** What the last look-up of a followed number (GET /relationship/{orgNr}) found. */
export const FollowedCheckState = z.enum(['linked', 'not_found', 'refused']);
export type FollowedCheckState = z.infer<typeof FollowedCheckState>;

export const Followed = z.object({
  orgNr: z.string(),
  source: z.string(),
  addedAt: IsoDateTime,
  /** The borrower's name and relationship state once the number is linked to a relationship. */
  name: z.string().nullable(),
  relationshipState: z.string().nullable(),
  /**
   * The last look-up at Symetrisk, null before the first sync: `linked`, `not_found` (reason
   * relationship_not_found: Symetrisk has no relationship with this number for the bank) or `refused` (reason
   * api_refused, `message` Symetrisk's own words).
   */
  check: z
    .object({ state: FollowedCheckState, reason: z.string().nullable(), message: z.string().nullable(), checkedAt: IsoDateTime })
    .nullable(),
});
export type Followed = z.infer<typeof Followed>;

/**
 * A relationship of the bank's list that no org number keys yet (the document's list items carry none): shown as
 * not linked until the analyst attaches a number that Symetrisk confirms.
 */
export const UnlinkedRelationship = z.object({
  relationshipId: z.string(),
  state: z.string(),
  name: z.string(),
  borrowerContactEmail: z.string().nullable(),
  bankContactEmail: z.string().nullable(),
  createdAt: z.string().nullable(),
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
});
export type UnlinkedRelationship = z.infer<typeof UnlinkedRelationship>;

/**
 * The outcome of attaching a candidate org number to an unlinked relationship. `linked`: Symetrisk answered the
 * number with the same relationshipId, so it is followed and keyed now. Otherwise nothing was linked, and `reason`
 * says why: a line check (not_digits, wrong_length, bad_check_digit), relationship_not_found (Symetrisk has no
 * relationship with that number), relationship_mismatch (the number's relationship is another one, named in
 * `answered`), identity_mismatch (the answer was about another number), already_linked (the number keys another
 * relationship of the cache), unlinked_not_found (no such unlinked relationship, e.g. already linked).
 */
export const AttachOutcome = z.object({
  linked: z.boolean(),
  relationshipId: z.string(),
  /** The candidate in compact form; null when the line held no number. */
  orgNr: z.string().nullable(),
  reason: z.string().nullable(),
  /** English fallback for logs and the CLI; the renderer words `reason`. */
  message: z.string(),
  /** What Symetrisk answered for the number when it was another relationship. */
  answered: z.object({ relationshipId: z.string(), name: z.string(), state: z.string() }).nullable(),
  /** For wrong_length: how many digits the line has. */
  digits: z.number().int().optional(),
});
export type AttachOutcome = z.infer<typeof AttachOutcome>;

// ---- access requests -------------------------------------------------------------------------------------

/**
 * Where an access request stands: `requested` (Symetrisk made it; its signup link kept), `refused` (Symetrisk said
 * no, in its words), `uncertain` (the answer left it open: a server error, a timeout, a cut-off answer, or no
 * answer for this number; check it), then `confirmed` (Symetrisk has the relationship: the request went through,
 * its link was not received) or `not_received` (Symetrisk has none: send it again); `unmatched` (an answer naming a
 * number that was not sent, kept with its link).
 */
export const AccessRequestState = z.enum(['requested', 'refused', 'uncertain', 'confirmed', 'not_received', 'unmatched']);
export type AccessRequestState = z.infer<typeof AccessRequestState>;

export const AccessRequestRow = z.object({
  /** Local key, unique in the cache. */
  key: z.number().int(),
  orgNr: z.string(),
  requestedAt: IsoDateTime,
  bankContactEmail: z.string(),
  /** state === 'requested'. */
  success: z.boolean(),
  state: AccessRequestState,
  /** Why refused or uncertain: api_refused, server_error, deadline_passed, unreachable, bad_response, no_answer, answer_unmatched. */
  reason: z.string().nullable(),
  message: z.string(),
  signupLink: z.string().nullable(),
  /** ISO time; the API gives Unix seconds. */
  signupLinkExpiresAt: IsoDateTime.nullable(),
  /** The number the API's answer named, when it was not the number sent (then matched by position, or unmatched). */
  answeredOrgNr: z.string().nullable(),
  matchedBy: z.enum(['org_nr', 'position']).nullable(),
  /** When an uncertain request was settled by GET /relationship/{orgNr}. */
  checkedAt: IsoDateTime.nullable(),
  /** The relationship's state as the cache knows it now (the last sync), else as that check found it; null when unknown. */
  relationshipState: z.string().nullable(),
});
export type AccessRequestRow = z.infer<typeof AccessRequestRow>;

/** access:check: the uncertain requests looked up one by one. */
export const AccessCheckOutcome = z.object({
  checked: z.number().int(),
  confirmed: z.array(z.string()),
  notReceived: z.array(z.string()),
  /** Numbers that could not be looked up now (they stay uncertain), with the failure's reason. */
  failed: z.array(z.object({ orgNr: z.string(), reason: z.string().nullable(), message: z.string() })),
});
export type AccessCheckOutcome = z.infer<typeof AccessCheckOutcome>;

export const AccessRequestOutcome = z.object({
  results: z.array(
    z.object({
      line: z.number().int(),
      input: z.string(),
      orgNr: z.string().nullable(),
      ok: z.boolean(),
      /**
       * Local check (not_digits, wrong_length, bad_check_digit, duplicate; already_approved: the last sync found the
       * borrower's access approved, so nothing was sent), or api_refused; for an uncertain request
       * the failure's (server_error, deadline_passed, unreachable, bad_response) or no_answer.
       */
      reason: z.string().nullable(),
      message: z.string(),
      signupLink: z.string().nullable(),
      signupLinkExpiresAt: IsoDateTime.nullable(),
      /** For wrong_length: how many digits the line has. */
      digits: z.number().int().optional(),
      /** `invalid`: refused by the local check, never sent. */
      state: z.union([AccessRequestState, z.literal('invalid')]),
      answeredOrgNr: z.string().nullable(),
      matchedBy: z.enum(['org_nr', 'position']).nullable(),
    }),
  ),
  /** Answers that named none of the numbers sent (and could not be matched by position): kept, with their links. */
  unmatched: z.array(
    z.object({ answeredOrgNr: z.string(), ok: z.boolean(), message: z.string(), signupLink: z.string().nullable(), signupLinkExpiresAt: IsoDateTime.nullable() }),
  ),
  /** Set when the request's answer was lost (a server error, a timeout, a cut-off answer): every number is uncertain. */
  uncertain: z.object({ reason: z.string(), message: z.string() }).nullable(),
});
export type AccessRequestOutcome = z.infer<typeof AccessRequestOutcome>;

// ---- export ----------------------------------------------------------------------------------------------

/**
 * Windows' reserved device names: a file called `CON` or `nul.xlsx` (any case, any extension, spaces before the
 * dot ignored) cannot be created there, or opens the device. COM0/LPT0 and the superscript digits are reserved too.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$) *(\..*)?$/i;

/** A plain file name chosen by the analyst; no folders, no traversal, and valid on every desktop OS. */
export const FileName = z
  .string()
  .min(1)
  .max(120)
  .superRefine(oneLineName('A file name'))
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, 'a file name without folders or special characters')
  .refine((s) => s !== '.' && s !== '..' && !s.startsWith('.'), 'a file name may not start with a dot')
  // Windows drops a trailing dot or space, so the file written would not be the one named.
  .refine((s) => !/[. ]$/.test(s), 'a file name may not end with a dot or a space')
  .refine((s) => !WINDOWS_RESERVED.test(s), 'a file name may not be a name Windows reserves for a device (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9), with or without an extension');

export const ExportStarted = z.object({ exportId: z.string() });
export const ExportProgress = z.object({
  exportId: z.string(),
  phase: z.enum(['preparing', 'summary', 'borrowers', 'finishing', 'done', 'failed', 'cancelled']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;
export const ExportResult = z.object({
  exportId: z.string(),
  outcome: z.enum(['ok', 'failed', 'cancelled']),
  /** Where the file went (a full path on the desktop; the file name in the browser host). */
  path: z.string().nullable(),
  /** Browser host only: a URL (with the launch token) that downloads the file. */
  downloadUrl: z.string().nullable(),
  bytes: z.number().int().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const TableCell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export const TableExportInput = z.strictObject({
  fileName: FileName,
  title: z.string().max(200),
  columns: z
    .array(z.strictObject({ key: z.string().max(64), label: z.string().max(200), type: z.enum(['text', 'number', 'percent', 'nok', 'date', 'orgnr']) }))
    .min(1)
    .max(200),
  rows: z.array(z.array(TableCell).max(200)).max(100_000),
});
export type TableExportInput = z.infer<typeof TableExportInput>;

// ---- the analyst's workflow (shared/workflow.ts) ---------------------------------------------------------

/**
 * What every stored version carries: its own id (a UUID), the version it follows (null for the first), who wrote it
 * (the Analyst name setting) and when. Versions are never changed; an edit is a new version.
 */
const VersionMeta = { id: z.string(), replaces: z.string().nullable(), author: z.string(), createdAt: IsoDateTime };

export const NoteVersion = z.object({ ...VersionMeta, noteId: z.string(), text: z.string(), deleted: z.boolean() });
export type NoteVersion = z.infer<typeof NoteVersion>;
/** A note: its current version and every version, newest first; who wrote it first, and when. */
export const Note = z.object({
  noteId: z.string(),
  current: NoteVersion,
  versions: z.array(NoteVersion),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  /** Parallel versions (team mode): the note's other heads, written over the same version on another desk, newest first. */
  parallel: z.array(NoteVersion).optional(),
});
export type Note = z.infer<typeof Note>;
export const WatchVersion = z.object({ ...VersionMeta, watched: z.boolean(), reason: z.string(), reviewDate: z.string().nullable() });
export type WatchVersion = z.infer<typeof WatchVersion>;
export const AssignmentVersion = z.object({ ...VersionMeta, assignee: z.string().nullable() });
export type AssignmentVersion = z.infer<typeof AssignmentVersion>;
export const Recommendation = z.enum(RECOMMENDATIONS);
export const AssessmentVersion = z.object({ ...VersionMeta, comment: z.string(), recommendation: Recommendation.nullable(), conditions: z.string() });
export type AssessmentVersion = z.infer<typeof AssessmentVersion>;

/**
 * A chain of versions: the current one (null before the first) and all of them, newest first; `parallel`, the other
 * heads (versions written over the same one on desks apart, team mode: kept, not current), newest first.
 */
const History = <T extends z.ZodType>(v: T) => z.object({ current: v.nullable(), versions: z.array(v), parallel: z.array(v).optional() });

/**
 * On a team connection, what of a borrower's workflow is not yet in the team database, and why. The versions wait
 * in the desk's queue (cache migration 0007) and go out when the team database can be reached.
 */
export const WorkflowSharing = z.object({
  /** How many notes have a version not shared yet. */
  notes: z.number().int(),
  /** Whether the watch-list entry, the saksbehandler and the assessment have one. */
  watch: z.boolean(),
  assignment: z.boolean(),
  assessment: z.boolean(),
  /** The ids of the versions not shared yet (the history marks them). */
  versions: z.array(z.string()),
  /**
   * Why the last attempt did not share them (details.reason: team_database_unreachable, team_database_permission,
   * team_workflow_not_set_up ...); null when none was made yet (one is on its way).
   */
  reason: z.string().nullable(),
  lastAttemptAt: IsoDateTime.nullable(),
});
export type WorkflowSharing = z.infer<typeof WorkflowSharing>;

/** Everything the analyst has written about one borrower, with its history. */
export const BorrowerWorkflow = z.object({
  orgNr: z.string(),
  /** Today's date in Norway, which `summary.watch.overdue` was decided against. */
  today: z.string(),
  /** Every note, deleted ones too (their current version says so), the most recently written first. */
  notes: z.array(Note),
  watch: History(WatchVersion),
  assignment: History(AssignmentVersion),
  assessment: History(AssessmentVersion),
  /** As the borrower's portfolio row carries it. */
  summary: RowWorkflow,
  /** Team connections only: what is not shared with the team yet. */
  sharing: WorkflowSharing.optional(),
});
export type BorrowerWorkflow = z.infer<typeof BorrowerWorkflow>;

/** The portfolio's workflow: every borrower on the watch-list, assigned or with a note, and the watch-list's counts. */
export const PortfolioWorkflow = z.object({
  today: z.string(),
  items: z.array(RowWorkflow.extend({ orgNr: z.string() })),
  watched: z.number().int(),
  overdue: z.number().int(),
});
export type PortfolioWorkflow = z.infer<typeof PortfolioWorkflow>;

// Inputs. The texts are checked by the rules of shared/workflow.ts (the service checks them again, the forms first);
// a refusal names its reason (text_empty, text_too_long, line_break, bidi_control ...) and the values for its words.
function workflowText(check: (s: string) => TextCheck, what: string) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const c = check(s);
    if (!c.ok) ctx.addIssue({ code: 'custom', message: textRefusalMessage(what, c), params: { reason: c.reason, max: c.max, length: c.length } });
  };
}
/** A version's id (a UUID), as the analyst's edit names the version it was made on. */
export const VersionId = z.uuid();
export const NoteText = z.string().max(WORKFLOW_LIMITS.note * 2).superRefine(workflowText(checkNoteText, 'A note'));
export const WatchReason = z.string().max(WORKFLOW_LIMITS.watchReason * 2).superRefine(workflowText(checkWatchReason, 'The reason for the watch-list'));
/** A saksbehandler's name as typed. */
export const AnalystName = z.string().max(WORKFLOW_LIMITS.name * 2).superRefine(workflowText(checkAnalystName, 'A name'));
/** A calendar date (YYYY-MM-DD); whether it is too early or too late is the service's to say (it knows today). */
export const ReviewDate = z.iso.date();

export const AssessmentSave = z
  .strictObject({
    profileId: ProfileId,
    orgNr: OrgNr,
    comment: z.string().max(WORKFLOW_LIMITS.comment * 2),
    recommendation: Recommendation.nullable(),
    conditions: z.string().max(WORKFLOW_LIMITS.conditions * 2),
    /** The version the analyst edited; null when there was none. */
    replaces: VersionId.nullable(),
  })
  .superRefine((a, ctx) => {
    const c = checkAssessment(a);
    if (!c.ok) ctx.addIssue({ code: 'custom', path: [c.field], message: assessmentMessage(c), params: { reason: c.reason } });
  });

// ---- the portfolio grid: windows of the list, as filtered and sorted in the cache -------------------------

/** A window of the portfolio list: rows `offset` to `offset + limit` of the list as filtered and sorted. */
export const PortfolioWindowInput = z.strictObject({
  profileId: ProfileId,
  basis: BasisChoice.optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(WINDOW_MAX),
  sort: PortfolioSortInput.optional(),
  filters: PortfolioFiltersInput.optional(),
});
export type PortfolioWindowInput = z.infer<typeof PortfolioWindowInput>;

export const PortfolioWindow = z.object({
  /** Where `rows` begin in the list as filtered and sorted. */
  offset: z.number().int(),
  rows: z.array(PortfolioRow),
  /** Borrowers in the book (every one the grid has read). */
  total: z.number().int(),
  /** Borrowers the filters let through: the length of the list. */
  matched: z.number().int(),
  /** Of the whole book: needing attention, on the watch-list. Of the list: shown on another basis than chosen. */
  counts: z.object({ flagged: z.number().int(), watched: z.number().int(), fallback: z.number().int() }),
  /** What the filters can choose from, over the whole book. */
  facets: z.object({ states: z.array(z.string()), accountingSystems: z.array(z.string()), naceDivisions: z.array(z.string()) }),
  /** The basis most of the list is on (its kind and end date): the grid's unit line states it once. */
  commonBasis: z.object({ choice: BasisChoice, end: z.string() }).nullable(),
  /** Borrowers not yet read into the grid (a first list after a large sync): ask again to see them. */
  pending: z.number().int(),
});
export type PortfolioWindow = z.infer<typeof PortfolioWindow>;

/** Words for the grid's codes as the analyst reads them, for the table export (the renderer's i18n gives them). */
const Words = z.record(z.string().max(64), z.string().max(300)).refine((r) => Object.keys(r).length <= 300, 'too many words');

/** The grid as shown (its filters, sort, basis and columns), exported in full by the main side. */
export const PortfolioTableExportInput = z.strictObject({
  profileId: ProfileId,
  basis: BasisChoice.optional(),
  sort: PortfolioSortInput.optional(),
  filters: PortfolioFiltersInput.optional(),
  columns: z.array(z.string().max(64)).min(1).max(100),
  fileName: FileName,
  title: z.string().max(200),
  language: Language,
  words: z.strictObject({ columns: Words, flags: Words, states: Words, nearLimit: Words }),
});
export type PortfolioTableExportInput = z.infer<typeof PortfolioTableExportInput>;
// ---- the committee summary (page 1 of a borrower's committee document, and the app's print view) -----------

/** One key figure on its stated basis, with the same figure a year earlier and the change (shared/committee). */
export const SummaryFigure = z.object({
  /** The line or ratio it is (for the pack's links to its cells); never shown. */
  metric: z.string(),
  label: z.string(),
  unit: z.enum(['nok', 'percent', 'multiple']),
  value: z.number().nullable(),
  text: z.string(),
  prior: z.number().nullable(),
  priorText: z.string(),
  /** Amounts: relative (0.12 is +12 %); percent ratios: percentage points as a fraction; multiples: x. */
  change: z.number().nullable(),
  changeText: z.string(),
  estimate: z.boolean(),
  /** A short mark beside the value: an estimate, net cash, or that the notes say why it has none; null for none. */
  note: z.string().nullable(),
  /** Why the value is n.m. or missing, in full; null when it has one. */
  explain: z.string().nullable(),
});
export type SummaryFigure = z.infer<typeof SummaryFigure>;

/** One rule in force tested on its covenant basis, worded. */
export const SummaryCovenant = z.object({
  /** The rule it tests (for the pack's links to its cells); never shown. */
  rule: z.enum(RULE_IDS),
  name: z.string(),
  requirement: z.string(),
  actual: z.string(),
  headroom: z.string(),
  status: z.enum(COVENANT_STATUSES),
  statusText: z.string(),
  basis: z.string(),
  testDate: z.string().nullable(),
  source: z.string(),
  /** "Egenkapitalandel 18,2 % – krav minst 20,0 % – brudd". */
  sentence: z.string(),
});
export type SummaryCovenant = z.infer<typeof SummaryCovenant>;

/** An early warning, most severe first: `critical` (the register's status alerts), `breach`, `attention`, `info`. */
export const SummaryWarning = z.object({ level: z.enum(['critical', 'breach', 'attention', 'info']), text: z.string() });
export type SummaryWarning = z.infer<typeof SummaryWarning>;

/**
 * What page 1 of a borrower's committee document holds, worded in one language: the pack writes it on the
 * borrower's sheet and the app's print view shows it (shared/committee/summary.ts builds it once for both).
 */
export const CommitteeSummary = z.object({
  language: Language,
  /** The borrower's org number, compact (nine digits); the header's is grouped. */
  orgNr: z.string(),
  header: z.object({
    documentType: z.string(),
    bank: z.string().nullable(),
    borrower: z.string(),
    /** "940 155 223". */
    orgNr: z.string(),
    date: z.string(),
    dataAsOf: z.string(),
    analyst: z.string(),
    classification: z.string(),
  }),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  basis: z.object({ label: z.string(), comparable: z.string().nullable(), fallback: z.string().nullable(), unit: z.string() }),
  keyFigures: z.array(SummaryFigure),
  figureNotes: z.array(z.string()),
  covenants: z.array(SummaryCovenant),
  warnings: z.array(SummaryWarning),
  assessment: z.object({
    recommendation: z.enum(RECOMMENDATIONS).nullable(),
    recommendationText: z.string(),
    comment: z.string(),
    conditions: z.string(),
    /** "Skrevet av Kari Nordmann, 19.08.2025 kl. 14:02 CEST"; null when nothing is written. */
    byline: z.string().nullable(),
    versions: z.string().nullable(),
  }),
  watch: z.string(),
  notes: z.array(z.object({ text: z.string(), byline: z.string() })),
  signOff: z.array(z.object({ role: z.string(), lines: z.array(z.string()) })),
  /** The headings, in the summary's language. */
  headings: z.record(z.string(), z.string()),
});
export type CommitteeSummary = z.infer<typeof CommitteeSummary>;

/** What export:printPdf did: saved (the path), or the analyst closed the save dialog, or this host prints itself. */
export const PrintPdfResult = z.object({
  outcome: z.enum(['saved', 'cancelled', 'use_browser_print']),
  path: z.string().nullable(),
  bytes: z.number().int().nullable(),
});
export type PrintPdfResult = z.infer<typeof PrintPdfResult>;
