import type { Breach, Comparison, PortfolioRow, Snapshot } from '../../../shared/contract/dto';
import {
  DEFAULT_MAX_DATA_AGE_DAYS,
  DEFAULT_THRESHOLDS,
  RATIO_IDS,
  RULE_DEFINITIONS,
  RULE_IDS,
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
  type RuleId,
  type Thresholds,
} from '../../../shared/analysis';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';

/**
 * The bridge between the flat key/value limits the contract carries and shared/analysis's rules.
 * Thresholds: `<rule>` is the limit (ratio units: fractions for percent), `<rule>_enabled` 0 switches a rule off.
 * Covenants of a borrower: `<rule>` is the borrower's own limit, replacing the threshold.
 */
export function toThresholds(flat: Record<string, number>): Thresholds {
  const out = structuredClone(DEFAULT_THRESHOLDS);
  for (const rule of RULE_IDS) {
    const limit = flat[rule];
    if (typeof limit === 'number' && Number.isFinite(limit)) out[rule].limit = limit;
    const enabled = flat[`${rule}_enabled`];
    if (enabled !== undefined) out[rule].enabled = enabled !== 0;
  }
  return out;
}

/** The thresholds as the contract shows them: every rule's limit and whether it is on. */
export function flattenThresholds(t: Thresholds): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rule of RULE_IDS) {
    out[rule] = t[rule].limit;
    out[`${rule}_enabled`] = t[rule].enabled ? 1 : 0;
  }
  return out;
}

export function toCovenants(flat: Record<string, number> | null | undefined): CovenantOverride[] {
  if (!flat) return [];
  return RULE_IDS.filter((r) => typeof flat[r] === 'number').map((rule) => ({ rule, limit: flat[rule]! }));
}

/**
 * A portfolio row carries the key figures the list, its filters and its plain-table export show, not every line:
 * at 10,000 borrowers the list crosses the bridge as one answer, and every line of every borrower would triple it.
 * The borrower view and the Excel pack read the full snapshots. Values are rounded for display (NOK to the øre,
 * ratios and changes to six decimals): the cache keeps every figure exactly as the API gave it.
 */
export const ROW_FIGURES = [
  'revenues',
  'ebitda',
  'ebit',
  'net_profit',
  'equity',
  'total_assets',
  'interest_bearing_debt',
  'net_interest_bearing_debt',
] as const satisfies readonly LineId[];
export const ROW_CHANGES = ['revenues', 'ebitda', 'ebit', 'net_profit', 'equity'] as const satisfies readonly LineId[];

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

/** One portfolio row from a borrower's items (oldest first) and its latest snapshot key. */
export function buildRow(
  base: RowBase,
  items: { key: number; item: AccountingItem }[],
  opts: { now: Date; thresholds: Thresholds; covenants: CovenantOverride[]; maxAgeDays?: number | undefined },
): PortfolioRow {
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
  };
  if (items.length === 0) return empty;
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
  const keyed = items.find((x) => x.item === latestItem) ?? items[items.length - 1]!;
  const item = keyed.item;
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
    label: b.label ?? RULE_DEFINITIONS[b.rule as RuleId].name.en,
    actual: b.actual,
    limit: b.limit,
    headroom: b.headroom,
    source: b.source === 'covenant' ? 'covenant' : 'default',
  }));
  return {
    ...base,
    accountingSystem: item.accountingSystem,
    latest: {
      snapshotKey: keyed.key,
      year: item.data.year,
      startDate: item.data.start_date,
      endDate: item.data.end_date,
      daysIncluded: item.data.days_included,
      snapshotDate: item.snapshotDate,
      fetchedAt: item.fetchedAt,
    },
    figures,
    ratios,
    changes,
    flags,
    breaches,
    dataAgeDays: dataAgeDays(item, opts.now),
  };
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

/** Whole days since 1970-01-01 of a YYYY-MM-DD date (UTC), as dataAgeDays counts them. */
function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/**
 * A stored row brought up to date without analysing again: the relationship's own fields (name, state, lost,
 * last sync), the data age and the stale-data flag for `now` (everything in a row that changes with the day).
 * Equal to buildRow's result for the same snapshots, thresholds and covenants (tests/unit compare the two).
 */
export function refreshRow(stored: PortfolioRow, base: Omit<RowBase, 'unreadNotifications'>, now: Date, maxAgeDays: number | undefined): PortfolioRow {
  const ageDays = stored.latest ? Math.floor(now.getTime() / 86_400_000) - dayNumber(stored.latest.snapshotDate) : null;
  const flags = stored.flags.filter((f) => f !== 'stale_data' && f !== 'lost');
  if (ageDays !== null && ageDays > (maxAgeDays ?? DEFAULT_MAX_DATA_AGE_DAYS)) {
    // Quality flags come in qualityFlags' order (stale_data before broken_identity), then restated, then lost.
    const at = flags.findIndex((f) => f === 'broken_identity' || f === 'restated');
    flags.splice(at < 0 ? flags.length : at, 0, 'stale_data');
  }
  if (base.lost) flags.push('lost');
  return { ...stored, ...base, flags, dataAgeDays: ageDays };
}
