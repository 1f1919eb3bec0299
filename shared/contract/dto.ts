/**
 * The data that crosses the bridge. Inputs are strict objects (unknown keys, including prototype-pollution keys
 * such as __proto__, are refused) with bounded strings and arrays; outputs are what the main side promises.
 */
import { z } from 'zod';
import { RULE_IDS } from '../analysis/early-warning';
import { checkClassification, CLASSIFICATION_MAX_LENGTH } from '../classification';
import { findUnsafeChar, unsafeCharMessage } from '../safe-text';
import { AccountingData } from '../symetrisk/schemas';

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

export const Environment = z.enum(['demo', 'production', 'custom']);
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
  /** The label in the footer of every exported page (checkClassification); null prints the language's default. */
  classification: z
    .string()
    .refine((s) => checkClassification(s).ok, `a classification label is one line of 1 to ${CLASSIFICATION_MAX_LENGTH} characters`)
    .nullable(),
});
export type Settings = z.infer<typeof Settings>;
/**
 * A label the analyst typed passes the contract loosely so that the settings service can refuse it with its own
 * reason (classification_too_long ...), which the window words for the analyst.
 */
export const SettingsPatch = Settings.extend({ classification: z.string().max(1000).nullable() }).partial().strict();

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
});
export type Profile = z.infer<typeof Profile>;

export const ProfileInput = z.strictObject({
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
export type ProfileInput = z.infer<typeof ProfileInput>;

export const ProfileUpdate = z.strictObject({
  id: ProfileId,
  name: ProfileName.optional(),
  clientId: z.string().trim().min(1).max(256).optional(),
  tokenUrl: HttpsUrl.optional(),
  apiBaseUrl: HttpsUrl.optional(),
  scopes: z.array(z.string().max(200)).min(1).max(10).optional(),
  secret: z.string().min(1).max(1024).optional(),
});

/**
 * Something the analyst should know that does not stop the connection (/self is information): `reason` is a stable
 * key the renderer words in the user's language with `values`; `message` is the English fallback.
 */
export const ConnectionWarning = z.object({
  reason: z.enum(['self_not_found', 'self_failed', 'scope_not_granted', 'self_scopes_differ']),
  message: z.string(),
  values: z.record(z.string(), z.string()),
});
export type ConnectionWarning = z.infer<typeof ConnectionWarning>;

export const ConnectionTestStep = z.object({
  step: z.enum(['secret', 'token', 'ping', 'self']),
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

// ---- sync ------------------------------------------------------------------------------------------------

export const SyncPhase = z.enum(['starting', 'token', 'relationships', 'notifications', 'accounting', 'done']);
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
   * `reason`: the stable key of the failure (details.reason of its AppError), when it has one; `name`: the
   * borrower's name, when known.
   */
  errors: z.array(z.object({ orgNr: z.string().nullable(), name: z.string().optional(), code: z.string(), message: z.string(), reason: z.string().optional() })),
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

export const Breach = z.object({
  rule: z.string(),
  /** The covenant's own wording, when it has one; the rule's name is the renderer's (and the pack's) to give. */
  label: z.string().nullable(),
  actual: z.number().nullable(),
  limit: z.number().nullable(),
  /** Signed distance to the limit in the rule's units; negative means past it. */
  headroom: z.number().nullable(),
  source: z.enum(['default', 'covenant']),
});
export type Breach = z.infer<typeof Breach>;

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
  /** Key figures of the latest snapshot (NOK, as given). */
  figures: z.record(z.string(), z.number().nullable()),
  /** Ratios by id (see docs/analysis.md); null where undefined. */
  ratios: z.record(z.string(), z.number().nullable()),
  /** Changes against the comparable previous period, by figure id (fractions: 0.12 = +12 %). */
  changes: z.record(z.string(), z.number().nullable()),
  flags: z.array(z.string()),
  breaches: z.array(Breach),
  dataAgeDays: z.number().nullable(),
  lastSyncedAt: IsoDateTime.nullable(),
  unreadNotifications: z.number().int(),
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

export const BorrowerDetail = z.object({
  relationship: Relationship,
  snapshots: z.array(Snapshot),
  notifications: z.array(NotificationRow),
  row: PortfolioRow.nullable(),
  /**
   * Every rule that applies, evaluated on the latest snapshot with the profile's thresholds (a rule switched off is
   * not there) and the borrower's covenants: the same evaluation as the row's breaches and the Excel pack's.
   */
  evaluations: z.array(RuleEvaluation),
  covenants: z.record(z.string(), z.number()).nullable(),
});
export type BorrowerDetail = z.infer<typeof BorrowerDetail>;

export const CompareMode = z.enum(['raw', 'annualised', 'pro_rata']);
export type CompareMode = z.infer<typeof CompareMode>;

export const ComparisonLine = z.object({
  id: z.string(),
  group: z.enum(['p_and_l', 'balance', 'ratio']),
  a: z.number().nullable(),
  b: z.number().nullable(),
  change: z.number().nullable(),
  changePct: z.number().nullable(),
});
export const Comparison = z.object({
  a: Snapshot,
  b: Snapshot,
  mode: CompareMode,
  lines: z.array(ComparisonLine),
  notes: z.array(z.string()),
  restatement: z.object({ restated: z.boolean(), lines: z.array(z.string()) }).nullable(),
});
export type Comparison = z.infer<typeof Comparison>;

export const FollowResult = z.object({
  added: z.array(z.string()),
  alreadyFollowed: z.array(z.string()),
  /** Lines refused, with the reason (shared/orgnr-lines.ts) and, for wrong_length, how many digits the line has. */
  rejected: z.array(z.object({ line: z.number().int(), input: z.string(), reason: z.string(), message: z.string(), digits: z.number().int().optional() })),
});
export type FollowResult = z.infer<typeof FollowResult>;

export const Followed = z.object({ orgNr: z.string(), source: z.string(), addedAt: IsoDateTime });

// ---- access requests -------------------------------------------------------------------------------------

export const AccessRequestRow = z.object({
  orgNr: z.string(),
  requestedAt: IsoDateTime,
  bankContactEmail: z.string(),
  success: z.boolean(),
  message: z.string(),
  signupLink: z.string().nullable(),
  /** ISO time; the API gives Unix seconds. */
  signupLinkExpiresAt: IsoDateTime.nullable(),
});
export type AccessRequestRow = z.infer<typeof AccessRequestRow>;

export const AccessRequestOutcome = z.object({
  results: z.array(
    z.object({
      line: z.number().int(),
      input: z.string(),
      orgNr: z.string().nullable(),
      ok: z.boolean(),
      /** Local check (not_digits, wrong_length, bad_check_digit, duplicate), or api_refused / no_answer. */
      reason: z.string().nullable(),
      message: z.string(),
      signupLink: z.string().nullable(),
      signupLinkExpiresAt: IsoDateTime.nullable(),
      /** For wrong_length: how many digits the line has. */
      digits: z.number().int().optional(),
    }),
  ),
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
