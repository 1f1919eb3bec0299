/**
 * The contract between the renderer and the main side: every call is `domain:verb` with a zod schema for its
 * input and output, and every event the main side pushes has a schema too. Types are inferred from here and
 * nowhere written twice. Both bindings (Electron IPC and the browser host) serve exactly this table.
 * To add a channel, see docs/adding-a-channel.md.
 */
import { z } from 'zod';
import { COVENANT_KEYS, THRESHOLD_KEYS } from '../analysis/limits';
import { channel, type ChannelDef } from './define';
import type { ChannelName, EventName as NamedEvent } from './names';
import * as d from './dto';

const None = z.undefined();
const ProfileRef = z.strictObject({ profileId: d.ProfileId });
const BorrowerRef = z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr });
const Thresholds = z.record(z.string().max(64), z.number().finite());

/**
 * Limits keyed by what reads them, nothing else: a key no rule reads (a typo, `constructor`) would be stored and
 * silently ignored, so it is refused here, before any handler runs, naming the key. The keys are checked on the
 * raw input, because parsing into a record drops an own `__proto__` key without a word.
 */
function limitsInput(allowed: readonly string[], hint: string) {
  const known = new Set(allowed);
  const knownKeys = z.custom<Record<string, number>>().superRefine((raw, ctx) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return; // the record below says what is wrong
    const unknown = Object.keys(raw).filter((k) => !known.has(k));
    // A few are enough to name; the key is cut short so that a hostile key is never echoed whole.
    for (const key of unknown.slice(0, 5)) {
      const shown = key.slice(0, 40);
      ctx.addIssue({ code: 'custom', path: [shown], message: `"${shown}" is not a known rule id (${hint})` });
    }
  });
  return knownKeys.pipe(z.record(z.string().max(64), z.number().finite()).refine((r) => Object.keys(r).length <= 50, 'too many thresholds'));
}
/** Portfolio thresholds: `<rule>` is a rule's limit, `<rule>_enabled` (0 or 1) switches it (shared/analysis/limits.ts). */
const ThresholdsInput = limitsInput(THRESHOLD_KEYS, `${COVENANT_KEYS.join(', ')}, or <rule>_enabled`);
/** A borrower's covenants: `<rule>` is its own limit for a rule; nothing else of a covenant is read. */
const CovenantsInput = limitsInput(COVENANT_KEYS, COVENANT_KEYS.join(', '));

export const contract = {
  // system
  'system:status': channel(None, d.SystemStatus, 'App version, data folder, runtime versions and which host serves the app.'),

  // settings
  'settings:get': channel(None, d.Settings, 'The analyst settings: language, number format, theme, active profile.'),
  'settings:update': channel(d.SettingsPatch, d.Settings, 'Change some settings; returns all of them.'),

  // connections
  'connections:list': channel(None, z.array(d.Profile), 'All connection profiles; the Demo profile always exists.'),
  'connections:create': channel(d.ProfileInput, d.Profile, 'Add a profile; its secret goes to the keychain only.'),
  'connections:update': channel(d.ProfileUpdate, d.Profile, 'Change a profile; a new secret replaces the stored one.'),
  'connections:remove': channel(
    z.strictObject({ profileId: d.ProfileId, deleteCache: z.boolean() }),
    z.object({ removed: z.literal(true) }),
    'Remove a profile and its keychain entry, and its cache when asked.',
  ),
  'connections:test': channel(ProfileRef, d.ConnectionTestResult, 'Token and /ping (a named problem on failure), then /self as information (warnings).'),
  'connections:reachability': channel(ProfileRef, d.Reachability, 'Whether the connection works now: a token and /ping with it.'),

  // sync
  'sync:start': channel(ProfileRef, z.object({ runId: z.number().int() }), 'Start a sync of the whole portfolio.'),
  'sync:cancel': channel(ProfileRef, z.object({ cancelled: z.boolean() }), 'Cancel the running sync, if any.'),
  'sync:status': channel(ProfileRef, d.SyncStatus, 'Whether a sync runs, its progress and the last run.'),
  'sync:runs': channel(
    z.strictObject({ profileId: d.ProfileId, limit: z.number().int().min(1).max(500).optional() }),
    z.array(d.SyncRun),
    'Past sync runs, newest first.',
  ),
  'sync:resetCache': channel(
    ProfileRef,
    z.object({ keptAs: z.string().nullable() }),
    'Start a fresh, empty cache (after a damaged or foreign cache file was refused); the old file is kept beside it, renamed.',
  ),

  // portfolio
  'portfolio:list': channel(
    z.strictObject({ profileId: d.ProfileId, limit: z.number().int().min(1).max(100_000).optional(), basis: d.BasisChoice.optional() }),
    z.array(d.PortfolioRow),
    'Every borrower with its latest figures, ratios and flags on a basis (default LTM, the fallback said per row), in name order; with `limit`, only the first rows. For scripts and tests: the grid reads windows (portfolio:window).',
  ),
  'portfolio:window': channel(
    d.PortfolioWindowInput,
    d.PortfolioWindow,
    'A window of the portfolio list as filtered, searched and sorted in the cache, with the counts and filter choices the toolbar shows.',
  ),
  'portfolio:orgNrs': channel(
    z.strictObject({ profileId: d.ProfileId, basis: d.BasisChoice.optional(), filters: d.PortfolioFiltersInput.optional() }),
    z.object({ orgNrs: z.array(z.string()).max(20_000), matched: z.number().int() }),
    'The org numbers of the list as filtered, in name order (at most 20,000): a selection for the credit-committee pack.',
  ),
  'portfolio:borrower': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, basis: d.BasisChoice.optional() }),
    d.BorrowerDetail,
    'One borrower with every snapshot ever seen, its row on a basis (default LTM), and every rule that applies tested on its covenant basis.',
  ),
  'portfolio:compare': channel(
    z.strictObject({
      profileId: d.ProfileId,
      orgNr: d.OrgNr,
      a: z.number().int(),
      b: z.number().int(),
      mode: d.CompareMode,
    }),
    d.Comparison,
    'Two snapshots of one borrower side by side.',
  ),

  // followed
  'followed:list': channel(ProfileRef, z.array(d.Followed), 'The register of followed org numbers.'),
  'followed:follow': channel(
    z.strictObject({ profileId: d.ProfileId, lines: d.RawOrgNrLines, source: z.enum(['typed', 'import']).optional() }),
    d.FollowResult,
    'Follow org numbers (typed, pasted or imported); each line is validated with its reason.',
  ),
  'followed:unfollow': channel(
    z.strictObject({ profileId: d.ProfileId, orgNrs: z.array(d.OrgNr).min(1).max(20_000) }),
    z.object({ removed: z.number().int() }),
    'Stop following org numbers (cached data is kept).',
  ),
  'followed:parseImport': channel(
    // ~14 MB of base64 is a 10 MB file; the main side refuses anything larger, empty or unreadable.
    z.strictObject({ fileName: d.FileName, contentBase64: z.base64().max(14_000_000) }),
    z.object({ lines: z.array(z.string().max(200)).max(20_000), sheet: z.string().nullable(), column: z.string().nullable() }),
    "Read an imported list (.xlsx, .csv or .txt): the org number column's cells as lines, to validate and follow.",
  ),
  'followed:unlinked': channel(
    ProfileRef,
    z.array(d.UnlinkedRelationship),
    "Relationships of the bank's list that no org number keys yet (the documented list carries none), in name order.",
  ),
  'followed:attach': channel(
    // The number as typed or pasted (spaces allowed); checked on the main side with its reason.
    z.strictObject({ profileId: d.ProfileId, relationshipId: z.string().min(1).max(200), orgNr: z.string().max(200) }),
    d.AttachOutcome,
    'Attach an org number to an unlinked relationship: linked (and followed) only when Symetrisk answers the number with that same relationship.',
  ),

  // limits
  'limits:thresholds': channel(ProfileRef, Thresholds, "The portfolio-wide early-warning thresholds: every rule's limit and its switch."),
  'limits:setThresholds': channel(
    z.strictObject({ profileId: d.ProfileId, thresholds: ThresholdsInput }),
    Thresholds,
    'Change portfolio-wide thresholds or switch rules on and off; returns them all.',
  ),
  'limits:setCovenants': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, covenants: CovenantsInput.nullable() }),
    z.record(z.string(), z.number()).nullable(),
    "Override thresholds for one borrower as covenants (null removes them).",
  ),

  // notifications
  'notifications:list': channel(
    z.strictObject({
      profileId: d.ProfileId,
      orgNr: d.OrgNr.optional(),
      /** Only the bank's own notifications (those of no borrower). */
      bankWide: z.boolean().optional(),
      unreadOnly: z.boolean().optional(),
      /** Only these types (notifications:summary lists those there are). */
      types: z.array(d.NotificationType).max(50).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }),
    z.object({ items: z.array(d.NotificationRow), total: z.number().int(), unread: z.number().int() }),
    'Notifications, newest first, the bank-wide ones and each borrower’s (with its name); filtered by borrower, type and read state; paged.',
  ),
  'notifications:summary': channel(
    ProfileRef,
    d.NotificationsSummary,
    'What the notifications centre filters by: each type and each borrower with its counts, and the history the first sync stored as read.',
  ),
  'notifications:markRead': channel(
    z.strictObject({
      profileId: d.ProfileId,
      keys: z.union([z.array(z.number().int()).max(10_000), z.literal('all')]),
      read: z.boolean().optional(),
    }),
    z.object({ updated: z.number().int() }),
    'Mark notifications read (or unread).',
  ),

  // registry (Brønnøysund)
  'registry:proposals': channel(
    z.strictObject({ profileId: d.ProfileId, name: z.string().trim().min(1).max(200).superRefine(d.oneLineName('A company name')) }),
    z.object({ name: z.string(), searched: z.array(z.string()), proposals: z.array(d.NameProposal) }),
    'Registry units whose registered name matches a relationship’s company name (exact, then normalised), each with why; a proposal is linked only after Symetrisk confirms it.',
  ),

  // access requests
  'access:request': channel(
    z.strictObject({ profileId: d.ProfileId, bankContactEmail: d.Email, lines: d.RawOrgNrLines }),
    d.AccessRequestOutcome,
    'Request access to many borrowers at once; each line validated, each result kept with its signup link.',
  ),
  'access:list': channel(ProfileRef, z.array(d.AccessRequestRow), 'Access requests made from this app, newest first, every answer with its state.'),
  'access:check': channel(
    ProfileRef,
    d.AccessCheckOutcome,
    'Look up each uncertain access request with GET /relationship/{orgNr}: confirmed (it went through) or not received.',
  ),
  'access:exportLinks': channel(
    z.strictObject({ profileId: d.ProfileId, fileName: d.FileName.optional() }),
    d.ExportStarted,
    'Every signup link received, as a CSV file for a mail merge; progress and the file arrive as export events.',
  ),

  // workflow: the analyst's notes, watch-list, assignment and assessment. A change names the version it was made on
  // (`replaces`); one made on a version no longer current is refused as a conflict (changed_elsewhere).
  'workflow:borrower': channel(BorrowerRef, d.BorrowerWorkflow, "A borrower's notes, watch-list entry, saksbehandler and assessment, each with every version."),
  'workflow:portfolio': channel(ProfileRef, d.PortfolioWorkflow, 'Every borrower on the watch-list (review date, overdue today), assigned or with a note.'),
  'workflow:addNote': channel(z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, text: d.NoteText }), d.BorrowerWorkflow, 'Add a note, signed with the analyst name.'),
  'workflow:editNote': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, noteId: d.VersionId, replaces: d.VersionId, text: d.NoteText }),
    d.BorrowerWorkflow,
    'Edit a note: a new version; the earlier ones are kept.',
  ),
  'workflow:deleteNote': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, noteId: d.VersionId, replaces: d.VersionId }),
    d.BorrowerWorkflow,
    'Delete a note: a new version that says so; its history is kept.',
  ),
  'workflow:setWatch': channel(
    z.strictObject({
      profileId: d.ProfileId,
      orgNr: d.OrgNr,
      watch: z.strictObject({ reason: d.WatchReason, reviewDate: d.ReviewDate }).nullable(),
      replaces: d.VersionId.nullable(),
    }),
    d.BorrowerWorkflow,
    'Put a borrower on the watch-list with a reason and a review date, or (null) take it off.',
  ),
  'workflow:assign': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, assignee: d.AnalystName.nullable(), replaces: d.VersionId.nullable() }),
    d.BorrowerWorkflow,
    'Assign a borrower to a saksbehandler (a name as typed), or (null) to nobody.',
  ),
  'workflow:saveAssessment': channel(d.AssessmentSave, d.BorrowerWorkflow, 'Save the assessment for the credit committee: comment, recommendation and conditions, as a new version.'),

  // export
  'export:pack': channel(
    z.strictObject({
      profileId: d.ProfileId,
      orgNrs: z.array(d.OrgNr).max(20_000).optional(),
      fileName: d.FileName.optional(),
      amountFormat: d.AmountFormat.optional(),
      language: d.Language.optional(),
    }),
    d.ExportStarted,
    'Start an Excel credit-committee pack; progress and result arrive as events.',
  ),
  'export:table': channel(d.TableExportInput, d.ExportStarted, 'Export a list view as shown (filtered and sorted) as a plain table.'),
  'export:portfolioTable': channel(
    d.PortfolioTableExportInput,
    d.ExportStarted,
    'Export the portfolio grid as shown (its filters, search, sort, basis and columns) as a plain table; the main side runs the list in full.',
  ),
  'export:cancel': channel(z.strictObject({ exportId: z.string().max(64) }), z.object({ cancelled: z.boolean() }), 'Cancel an export.'),
  'export:result': channel(z.strictObject({ exportId: z.string().max(64) }), d.ExportResult.nullable(), 'The result of an export, once done.'),
  'export:showInFolder': channel(
    z.strictObject({ exportId: z.string().max(64) }),
    z.object({ shown: z.boolean() }),
    'Show an exported file in the system file manager (desktop only).',
  ),
  'export:summary': channel(
    z.strictObject({ profileId: d.ProfileId, orgNr: d.OrgNr, language: d.Language.optional(), amountFormat: d.AmountFormat.optional() }),
    d.CommitteeSummary,
    "A borrower's committee summary (page 1 of its document in the pack), from the cache, for the print view.",
  ),
  'export:printPdf': channel(
    z.strictObject({ fileName: d.FileName.optional() }),
    d.PrintPdfResult,
    'Desktop: print the window (the print view) to a PDF through a save dialog; elsewhere the page prints itself (use_browser_print).',
  ),
} satisfies Record<string, ChannelDef>;

/** Events the main side pushes to the renderer. */
export const events = {
  'sync:progress': d.SyncProgress,
  'sync:finished': d.SyncRun,
  'export:progress': d.ExportProgress,
  'export:finished': d.ExportResult,
  'notifications:changed': z.object({ profileId: d.ProfileId, unread: z.number().int() }),
  'connections:changed': z.object({ profileId: d.ProfileId.nullable() }),
  /**
   * A team connection's push of the analyst's versions ended: how many it shared, how many still wait, and why they
   * do (details.reason; null when none wait).
   */
  'workflow:shared': z.object({ profileId: d.ProfileId, shared: z.number().int(), pending: z.number().int(), reason: z.string().nullable() }),
} satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export const CHANNELS = Object.keys(contract) as Channel[];
export { EVENT_NAMES, CHANNEL_NAMES, buildApi, channelPath, eventPath, methodAt } from './names';

// names.ts lists exactly these channels and events (the renderer's api is built from it); a channel or event added
// here and not there, or the other way round, fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: Same<Channel, ChannelName> = true;
const eventNamesMatch: Same<EventName, NamedEvent> = true;
void channelNamesMatch;
void eventNamesMatch;

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K, D extends string> = K extends `${D}:${infer V}` ? V : never;
export type Domain = DomainOf<Channel>;

/** The method the renderer calls for a channel: no argument where the input is empty. */
export type Method<C extends Channel> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<ChannelOutput<C>>
  : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

type EventMethodName<E extends string> = E extends `${string}:${infer V}` ? `on${Capitalize<V>}` : never;
type EventsOf<D extends string> = Extract<EventName, `${D}:${string}`>;

/** `api.portfolio.list(...)`, `api.sync.onProgress(cb)`: the typed api object, derived from the contract. */
export type Api = {
  [D in Domain]: { [V in VerbOf<Channel, D>]: Method<`${D}:${V}` & Channel> } & {
    [E in EventsOf<D> as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
};

/** What a handler receives besides its parsed input. */
export interface HandlerContext {
  /** Which binding delivered the call. */
  host: 'electron' | 'browser' | 'cli' | 'test';
}

/** The handler table: one async function per channel. Both bindings serve the same table. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<z.input<Contract[C]['output']>>;
};

/** How the main side pushes an event; each binding provides one. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export * from './errors';
export * as dto from './dto';
