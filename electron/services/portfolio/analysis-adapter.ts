import type { Breach, Comparison, PortfolioRow, Snapshot } from '../../../shared/contract/dto';
import {
  DEFAULT_MAX_DATA_AGE_DAYS,
  RATIO_IDS,
  analyseSnapshot,
  detectRestatements,
  evaluateEarlyWarning,
  change,
  compareSnapshots,
  dataAgeDays,
  latestSnapshot,
  lineValue,
  type CovenantOverride,
  type LineId,
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
  'net_profit',
  'equity',
  'total_assets',
  'interest_bearing_debt',
  'net_interest_bearing_debt',
] as const satisfies readonly LineId[];
const ROW_CHANGES = ['revenues', 'ebitda', 'ebit', 'net_profit', 'equity'] as const satisfies readonly LineId[];

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

/** A borrower's portfolio row, and every rule evaluated on its latest snapshot (what the borrower page lists). */
export interface AnalysedRow {
  row: PortfolioRow;
  /** Each rule that applies (switched on, or set by a covenant): ok, breach or not evaluable. Empty without data. */
  evaluations: RuleEvaluation[];
}

/** One portfolio row from a borrower's items (oldest first) with their local keys, and its rules evaluated. */
export function analyseRow(
  base: RowBase,
  items: { key: number; item: AccountingItem }[],
  opts: { now: Date; thresholds: Thresholds; covenants: CovenantOverride[]; maxAgeDays?: number | undefined },
): AnalysedRow {
  const empty: PortfolioRow = {
    ...base,
    accountingSystem: null,
    latest: null,
    figures: {},
    ratios: {},
    changes: {},
    flags: base.lost ? ['lost'] : [],
    breaches: [],
    dataAgeDays: null,
    peerBasis: null,
  };
  if (items.length === 0) return { row: empty, evaluations: [] };
  const list = items.map((i) => i.item);
  // What analyseBorrower does for its `latest`, without the other years: the row needs only the latest snapshot,
  // and the portfolio list runs this for every borrower.
  const latestItem = latestSnapshot(list)!;
  const latest = analyseSnapshot(latestItem, list, {
    now: opts.now,
    ...(opts.maxAgeDays !== undefined ? { maxAgeDays: opts.maxAgeDays } : {}),
  });
  const earlyWarning = evaluateEarlyWarning({ period: latest.reported, ratios: latest.ratios }, { thresholds: opts.thresholds, covenants: opts.covenants });
  const restated = detectRestatements(list).length > 0;
  const key = (items.find((x) => x.item === latestItem) ?? items[items.length - 1]!).key;
  const figures: Record<string, number | null> = {};
  for (const id of ROW_FIGURES) figures[id] = roundTo(lineValue(latest.reported, id), 100);
  const ratios: Record<string, number | null> = {};
  for (const id of RATIO_IDS) ratios[id] = roundTo(latest.ratios[id].value, 1e6);
  const changes: Record<string, number | null> = {};
  if (latest.priorYear.ok) {
    const prior = latest.priorYear.period;
    for (const id of ROW_CHANGES) changes[id] = roundTo(change(lineValue(prior, id), lineValue(latest.reported, id)).relative, 1e6);
  }
  const flags: string[] = latest.flags.map((f) => f.code);
  if (restated) flags.push('restated');
  if (base.lost) flags.push('lost');
  const breaches: Breach[] = earlyWarning.breaches.map((b) => ({
    rule: b.rule,
    // Only a covenant's own wording: a rule's name is the renderer's and the pack's to give, in the analyst's language.
    label: b.label ?? null,
    actual: b.actual,
    limit: b.limit,
    headroom: b.headroom,
    source: b.source === 'covenant' ? 'covenant' : 'default',
  }));
  const ref = latest.snapshot;
  const row: PortfolioRow = {
    ...base,
    accountingSystem: ref.accountingSystem,
    latest: {
      snapshotKey: key,
      year: ref.year,
      startDate: ref.startDate,
      endDate: ref.endDate,
      daysIncluded: ref.daysIncluded,
      snapshotDate: ref.snapshotDate,
      fetchedAt: ref.fetchedAt,
    },
    figures,
    ratios,
    changes,
    flags,
    breaches,
    dataAgeDays: dataAgeDays(latestItem, opts.now),
    // registry2: what the peer groups compare (the registry facts and peers are added at list time: registry-view.ts).
    peerBasis: peerBasisOf(list),
  };
  return { row, evaluations: earlyWarning.evaluations };
}

/** Two snapshots side by side in the contract's shape: every line, every ratio, notes and any restatement. */
export function buildComparison(
  a: { snapshot: Snapshot; item: AccountingItem },
  b: { snapshot: Snapshot; item: AccountingItem },
  mode: Comparison['mode'],
): Comparison {
  const c = compareSnapshots(a.item, b.item, mode);
  const lines: Comparison['lines'] = [
    ...c.lines.map((l) => ({
      id: l.id,
      group: l.kind === 'flow' ? ('p_and_l' as const) : ('balance' as const),
      a: l.base,
      b: l.target,
      change: l.absolute,
      changePct: l.relative,
    })),
    ...c.ratios.map((r) => ({ id: r.id, group: 'ratio' as const, a: r.base, b: r.target, change: r.absolute, changePct: r.relative })),
  ];
  const notes = [...new Set([c.base.note.en, c.target.note.en])];
  return {
    a: a.snapshot,
    b: b.snapshot,
    mode,
    lines,
    notes,
    restatement: c.restatement ? { restated: true, lines: c.restatement.moved.map((m) => m.id) } : null,
  };
}

/**
 * A stored row brought up to date without analysing again: the relationship's own fields (name, state, lost,
 * last sync), the data age and the stale-data flag for `now` (everything in a row that changes with the day).
 * Equal to analyseRow's row for the same snapshots, thresholds and covenants (tests/unit compare the two).
 */
export function refreshRow(stored: PortfolioRow, base: Omit<RowBase, 'unreadNotifications'>, now: Date, maxAgeDays: number | undefined): PortfolioRow {
  // Whole UTC days, as dataAgeDays counts them.
  const ageDays = stored.latest ? toDayNumber(now.toISOString().slice(0, 10)) - toDayNumber(stored.latest.snapshotDate) : null;
  const flags = stored.flags.filter((f) => f !== 'stale_data' && f !== 'lost');
  if (ageDays !== null && ageDays > (maxAgeDays ?? DEFAULT_MAX_DATA_AGE_DAYS)) {
    // Quality flags come in qualityFlags' order (stale_data before broken_identity), then restated, then lost.
    const at = flags.findIndex((f) => f === 'broken_identity' || f === 'restated');
    flags.splice(at < 0 ? flags.length : at, 0, 'stale_data');
  }
  if (base.lost) flags.push('lost');
  return { ...stored, ...base, flags, dataAgeDays: ageDays };
}
