import type {
  BasisChoice,
  Breach,
  Comparison,
  CovenantTest as CovenantTestDto,
  PortfolioRow,
  RatioGap,
  RowBasis,
  RowRevision,
  Snapshot,
} from '../../../shared/contract/dto';
import {
  BASIS_CHOICES,
  DEFAULT_MAX_DATA_AGE_DAYS,
  LINE_DEFINITIONS,
  RATIO_IDS,
  areComparable,
  borrowerBases,
  change,
  compareSnapshots,
  computeRatios,
  covenantBasisText,
  dataAgeDays,
  detectRevisions,
  lineValue,
  onBasis,
  qualityFlags,
  ratioChange,
  resolveRuleSettings,
  testCovenants,
  toRuleEvaluation,
  type BasisView,
  type CovenantOverride,
  type CovenantTest,
  type LineId,
  type RatioId,
  type RatioResult,
  type RuleEvaluation,
  type Thresholds,
} from '../../../shared/analysis';
import { toDayNumber } from '../../../shared/analysis/dates';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import { peerBasisOf } from '../../../shared/registry/peers';

/**
 * A portfolio row carries the key figures the list, its filters and its plain-table export show, not every line:
 * at 10,000 borrowers the list crosses the bridge as one answer, and every line of every borrower would triple it.
 * The borrower view and the Excel pack read the full snapshots. Values are rounded for display (NOK to the øre,
 * ratios and changes to six decimals): the cache keeps every figure exactly as the API gave it.
 */
const ROW_FIGURES = [
  'revenues',
  'ebitda',
  'ebit',
  'profit_before_tax',
  'net_profit',
  'equity',
  'total_assets',
  'interest_bearing_debt',
  'net_interest_bearing_debt',
] as const satisfies readonly LineId[];
const ROW_CHANGES = ['revenues', 'ebitda', 'ebit', 'profit_before_tax', 'net_profit', 'equity'] as const satisfies readonly LineId[];
/** Ratio changes a row carries (in percentage points or x); the borrower page and compare show every ratio's. */
const ROW_RATIO_CHANGES = ['ebitda_margin', 'equity_ratio', 'nibd_to_ebitda'] as const satisfies readonly RatioId[];
const FLOW = new Set<string>(LINE_DEFINITIONS.filter((d) => d.kind === 'flow').map((d) => d.id));

function roundTo(v: number | null | undefined, scale: number): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * scale) / scale;
}

export interface RowBase {
  orgNr: string;
  name: string;
  state: string;
  lost: boolean;
  lastSyncedAt: string | null;
  unreadNotifications: number;
}

/** The part of a row that depends on the basis it is shown on. */
export type RowView = Pick<PortfolioRow, 'basis' | 'figures' | 'ratios' | 'ratioGaps' | 'changes' | 'ratioChanges'>;
/** The part of a row that is the same on every basis (relationship, latest snapshot, flags, covenant tests). */
export type RowCommon = Omit<PortfolioRow, keyof RowView>;

/**
 * A row as computed and stored: its common part and its view on every basis of the switch, each built once from
 * the same bases (shared/analysis/bases.ts), so that switching the list's basis reads rows, it does not analyse.
 */
export interface StoredRow {
  common: RowCommon;
  views: Record<BasisChoice, RowView>;
}

/** A stored row shown on one basis: what portfolio:list answers. */
export function rowOn(stored: { common: RowCommon; views: Record<BasisChoice, RowView> }, choice: BasisChoice): PortfolioRow {
  return { ...stored.common, ...stored.views[choice] };
}

/** A borrower's stored row, and every rule tested on its covenant basis (what the borrower page lists). */
export interface AnalysedRow {
  stored: StoredRow;
  /** Each rule that applies (switched on, or set by a covenant) on its covenant basis. Empty without data. */
  tests: CovenantTest[];
  /** The same tests in the early-warning shape. */
  evaluations: RuleEvaluation[];
}

export interface RowOptions {
  now: Date;
  thresholds: Thresholds;
  covenants: CovenantOverride[];
  maxAgeDays?: number | undefined;
  /** The near-limit band (Settings, stored with the thresholds); default 10 %. */
  nearLimitShare?: number | undefined;
}

const EMPTY_VIEW: RowView = { basis: null, figures: {}, ratios: {}, ratioGaps: {}, changes: {}, ratioChanges: {} };

function gapOf(r: RatioResult): RatioGap | null {
  return r.value === null ? { kind: r.kind, reason: r.reason, explain: r.explain } : null;
}

/** One basis of the switch in the row's shape: every figure, ratio and change on that basis, and what it is. */
function rowView(v: BasisView): RowView {
  const p = v.period;
  const figures: Record<string, number | null> = {};
  for (const id of ROW_FIGURES) figures[id] = roundTo(lineValue(p, id), 100);
  const ratios: Record<string, number | null> = {};
  const ratioGaps: Record<string, RatioGap> = {};
  for (const id of RATIO_IDS) {
    const r = v.ratios[id];
    ratios[id] = roundTo(r.value, 1e6);
    const gap = gapOf(r);
    if (gap) ratioGaps[id] = gap;
  }
  const changes: Record<string, number | null> = {};
  const ratioChanges: Record<string, number | null> = {};
  if (v.comparable.ok) {
    const c = v.comparable.period;
    // The comparable is like for like by construction; should it not be, flows carry no growth (balances always may).
    const flowsComparable = areComparable(c, p);
    for (const id of ROW_CHANGES) changes[id] = FLOW.has(id) && !flowsComparable ? null : roundTo(change(lineValue(c, id), lineValue(p, id)).relative, 1e6);
    const prior = computeRatios(c);
    for (const id of ROW_RATIO_CHANGES) ratioChanges[id] = roundTo(ratioChange(id, prior[id], v.ratios[id]).absolute, 1e6);
  }
  const basis: RowBasis = {
    choice: v.choice,
    shown: v.shown,
    period: p.basis,
    estimate: p.estimate,
    label: p.label,
    start: p.start,
    end: p.end,
    fallback: v.fallback,
    comparable: v.comparable.ok ? { label: v.comparable.period.label, estimate: v.comparable.period.estimate } : null,
    noComparable: v.comparable.ok ? null : v.comparable.explain,
    taxNotBooked: p.taxNote !== null,
  };
  return { basis, figures, ratios, ratioGaps, changes, ratioChanges };
}

function breachOf(t: CovenantTest): Breach {
  return {
    rule: t.rule,
    // Only a covenant's own wording: a rule's name is the renderer's and the pack's to give, in the analyst's language.
    label: t.label ?? null,
    actual: t.actual,
    limit: t.limit,
    headroom: t.headroom,
    source: t.source === 'covenant' ? 'covenant' : 'default',
    reason: t.actual === null ? (t.reason?.explain ?? null) : null,
    tested: t.period?.label ?? null,
  };
}

/** A covenant test in the contract's shape (the figures it used by their label only). */
export function covenantTestDto(t: CovenantTest): CovenantTestDto {
  return {
    rule: t.rule,
    source: t.source,
    label: t.label ?? null,
    direction: t.direction,
    limit: t.limit,
    unit: t.unit,
    basis: t.basis,
    basisText: covenantBasisText(t),
    period: t.period?.label ?? null,
    fallback: t.fallback,
    testDate: t.testDate,
    actual: t.actual,
    headroom: t.headroom,
    status: t.status,
    reason: t.reason ? { kind: t.reason.kind, reason: t.reason.reason, explain: t.reason.explain } : null,
    estimate: t.estimate,
    sentence: t.sentence,
  };
}

/** The local key of the snapshot a revision names (the API's id is unique within a borrower's listing). */
function keyOf(items: { key: number; item: AccountingItem }[], ref: { id: number; fetchedAt: string }): number {
  return (items.find((x) => x.item.id === ref.id && x.item.fetchedAt === ref.fetchedAt) ?? items.find((x) => x.item.id === ref.id))!.key;
}

/**
 * One portfolio row from a borrower's items (oldest first) with their local keys: its view on every basis, and
 * every rule in force tested on its covenant basis (shared/analysis testCovenants: LTM for flows, the latest
 * balance for balances), the same tests the borrower page and the pack show.
 */
export function analyseRow(base: RowBase, items: { key: number; item: AccountingItem }[], opts: RowOptions): AnalysedRow {
  const list = items.map((i) => i.item);
  const bases = borrowerBases(list);
  if (!bases) {
    const common: RowCommon = {
      ...base,
      accountingSystem: null,
      latest: null,
      flags: base.lost ? ['lost'] : [],
      breaches: [],
      nearLimit: [],
      revisions: [],
      dataAgeDays: null,
      peerBasis: null,
    };
    return { stored: { common, views: Object.fromEntries(BASIS_CHOICES.map((c) => [c, EMPTY_VIEW])) as Record<BasisChoice, RowView> }, tests: [], evaluations: [] };
  }
  const latestItem = bases.latest;
  const rules = resolveRuleSettings(opts.thresholds, opts.covenants);
  const tests = testCovenants(bases, rules, { nearLimitShare: opts.nearLimitShare });
  const revisions: RowRevision[] = detectRevisions(list).map((r) => ({
    kind: r.kind,
    year: r.year,
    startDate: r.startDate,
    endDate: r.endDate,
    beforeKey: keyOf(items, r.before),
    afterKey: keyOf(items, r.after),
    summary: r.summary,
    lines: r.moved.map((m) => m.id),
  }));
  const flags: string[] = qualityFlags(latestItem, { now: opts.now, ...(opts.maxAgeDays !== undefined ? { maxAgeDays: opts.maxAgeDays } : {}) }).map((f) => f.code);
  if (revisions.some((r) => r.kind === 'restatement')) flags.push('restated');
  if (revisions.some((r) => r.kind === 'interim_revision')) flags.push('revised');
  if (base.lost) flags.push('lost');
  const key = (items.find((x) => x.item === latestItem) ?? items[items.length - 1]!).key;
  const d = latestItem.data;
  const common: RowCommon = {
    ...base,
    accountingSystem: latestItem.accountingSystem,
    latest: {
      snapshotKey: key,
      year: d.year,
      startDate: d.start_date,
      endDate: d.end_date,
      daysIncluded: d.days_included,
      snapshotDate: latestItem.snapshotDate,
      fetchedAt: latestItem.fetchedAt,
    },
    flags,
    breaches: tests.filter((t) => t.status === 'breach').map(breachOf),
    nearLimit: tests.filter((t) => t.status === 'near_limit').map(breachOf),
    revisions,
    dataAgeDays: dataAgeDays(latestItem, opts.now),
    // What the peer groups compare (the registry's facts and the peers are added at list time: registry-view.ts).
    peerBasis: peerBasisOf(list),
  };
  const views = Object.fromEntries(BASIS_CHOICES.map((c) => [c, rowView(onBasis(bases, c))])) as Record<BasisChoice, RowView>;
  return { stored: { common, views }, tests, evaluations: tests.map(toRuleEvaluation) };
}

/**
 * Two snapshots side by side in the contract's shape: every line, every ratio (its change in percentage points or
 * x), how each side was built, whether the P&L windows are like for like, and the revision between two versions
 * of one period. With the borrower's `items`, ROA and ROE use average balances as everywhere else.
 */
export function buildComparison(
  a: { snapshot: Snapshot; item: AccountingItem },
  b: { snapshot: Snapshot; item: AccountingItem },
  mode: Comparison['mode'],
  items?: readonly AccountingItem[],
): Comparison {
  const c = compareSnapshots(a.item, b.item, mode, items);
  const lines: Comparison['lines'] = [
    ...c.lines.map((l) => ({
      id: l.id,
      group: l.kind === 'flow' ? ('p_and_l' as const) : ('balance' as const),
      a: l.base,
      b: l.target,
      change: l.absolute,
      changePct: l.relative,
    })),
    ...c.ratios.map((r) => {
      const gapA = gapOf(r.baseResult);
      const gapB = gapOf(r.targetResult);
      return {
        id: r.id,
        group: 'ratio' as const,
        a: r.base,
        b: r.target,
        change: r.absolute,
        changePct: r.relative,
        unit: r.unit,
        ...(gapA ? { gapA } : {}),
        ...(gapB ? { gapB } : {}),
      };
    }),
  ];
  const notes = c.base.note.en === c.target.note.en ? [c.base.note] : [c.base.note, c.target.note];
  const byId = (ref: { id: number; fetchedAt: string }): number =>
    ref.id === a.item.id && ref.fetchedAt === a.item.fetchedAt ? a.snapshot.key : b.snapshot.key;
  return {
    a: a.snapshot,
    b: b.snapshot,
    mode,
    labels: { a: c.base.label, b: c.target.label },
    lines,
    notes,
    comparable: c.comparable,
    notComparable: c.notComparable,
    restatement: c.restatement ? { restated: true, lines: c.restatement.moved.map((m) => m.id) } : null,
    revision: c.revision
      ? {
          kind: c.revision.kind,
          summary: c.revision.summary,
          beforeKey: byId(c.revision.before),
          afterKey: byId(c.revision.after),
          moved: c.revision.moved.map((m) => ({ id: m.id, before: m.before, after: m.after, change: m.change })),
        }
      : null,
  };
}

/**
 * A stored row's common part brought up to date without analysing again: the relationship's own fields (name,
 * state, lost, last sync), the data age and the stale-data flag for `now` (everything in a row that changes with
 * the day). Equal to analyseRow's for the same snapshots, thresholds and covenants (tests/unit compare the two).
 */
export function refreshRow(stored: RowCommon, base: Omit<RowBase, 'unreadNotifications'>, now: Date, maxAgeDays: number | undefined): RowCommon {
  // Whole UTC days, as dataAgeDays counts them.
  const ageDays = stored.latest ? toDayNumber(now.toISOString().slice(0, 10)) - toDayNumber(stored.latest.snapshotDate) : null;
  const flags = stored.flags.filter((f) => f !== 'stale_data' && f !== 'lost');
  if (ageDays !== null && ageDays > (maxAgeDays ?? DEFAULT_MAX_DATA_AGE_DAYS)) {
    // Quality flags come in qualityFlags' order (stale_data before broken_identity), then restated, revised, lost.
    const at = flags.findIndex((f) => f === 'broken_identity' || f === 'restated' || f === 'revised');
    flags.splice(at < 0 ? flags.length : at, 0, 'stale_data');
  }
  if (base.lost) flags.push('lost');
  return { ...stored, ...base, flags, dataAgeDays: ageDays };
}
