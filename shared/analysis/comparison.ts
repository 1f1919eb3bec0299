import type { AccountingItem } from '../symetrisk/schemas';
import { FLOW_LINE_IDS, LINE_DEFINITIONS, STOCK_LINE_IDS, lineValue, scaleFlows, type LineId } from './lines';
import { annualisedPeriod, reportedPeriod, type PeriodFigures } from './periods';
import { RATIO_IDS, computeRatios, type RatioId, type RatioResult } from './ratios';
import { compareSnapshotRecency, isClosedYear, snapshotRef, type SnapshotRef } from './snapshots';
import { text, type LocalizedText } from './text';
import { HALF_CENT, isZeroAmount } from './tolerance';

/**
 * How the two snapshots' flows are put on the same footing (stocks are never adjusted):
 * - `raw`: as reported;
 * - `annualised`: each YTD annualised (× days in its year / days_included), full years as reported;
 * - `pro_rata`: the base's flows × target days_included / base days_included, so both cover the same number of
 *   days (two full years are compared as reported, as in priorYearProRata).
 */
export const COMPARISON_MODES = ['raw', 'annualised', 'pro_rata'] as const;
export type ComparisonMode = (typeof COMPARISON_MODES)[number];

export const COMPARISON_MODE_DEFINITIONS: Readonly<Record<ComparisonMode, LocalizedText>> = {
  raw: text('Both snapshots as reported.', 'Begge snapshots som rapportert.'),
  annualised: text(
    'Each year-to-date P&L annualised (× days in its year / days included); full years and all balances as reported.',
    'Hvert resultat for hittil i år annualisert (× dager i året / dager med); hele år og alle balanser som rapportert.',
  ),
  pro_rata: text(
    'The base P&L scaled to the target’s length (× target days included / base days included); two full years and all balances as reported.',
    'Basisens resultat skalert til målets lengde (× målets dager med / basisens dager med); to hele år og alle balanser som rapportert.',
  ),
};

/** Absolute and relative change from base to target. `relative` = absolute / |base|; null when base is zero. */
export interface Change {
  base: number | null;
  target: number | null;
  absolute: number | null;
  relative: number | null;
}

export interface LineChange extends Change {
  id: LineId;
  kind: 'flow' | 'stock';
}

/** A ratio on both sides; the absolute change of a percent ratio is in percentage points (as a fraction). */
export interface RatioChange extends Change {
  id: RatioId;
  baseResult: RatioResult;
  targetResult: RatioResult;
}

export interface SnapshotComparison {
  mode: ComparisonMode;
  base: PeriodFigures;
  target: PeriodFigures;
  lines: LineChange[];
  ratios: RatioChange[];
  /** Set when both are the same closed year and period and the figures moved between the fetches. */
  restatement: Restatement | null;
}

/** The change between two amounts or ratio values. */
export function change(base: number | null, target: number | null): Change {
  if (base === null || target === null) return { base, target, absolute: null, relative: null };
  const absolute = target - base;
  return { base, target, absolute, relative: isZeroAmount(base) ? null : absolute / Math.abs(base) };
}

function periodFor(item: AccountingItem, mode: ComparisonMode): PeriodFigures {
  return mode === 'annualised' ? annualisedPeriod(item) : reportedPeriod(item);
}

function proRataBase(base: PeriodFigures, target: PeriodFigures): PeriodFigures {
  if (base.basis === 'full_year' && target.basis === 'full_year') return base;
  const factor = target.days / base.days;
  return {
    ...base,
    days: target.days,
    annualFactor: base.yearDays / target.days,
    flows: scaleFlows(base.flows, factor),
    note: text(
      `${base.note.en} P&L pro rata × ${target.days} / ${base.days}; balance not pro-rated.`,
      `${base.note.nb} Resultat forholdsmessig × ${target.days} / ${base.days}; balansen er ikke fordelt.`,
    ),
  };
}

/**
 * Compares any two snapshots of one borrower: every line and every ratio, absolute and relative change from
 * `base` to `target`. Revenue growth is given for the target when the base is the year before and the periods
 * are comparable; otherwise it is n/a on both sides (the revenue line's change says the same).
 */
export function compareSnapshots(base: AccountingItem, target: AccountingItem, mode: ComparisonMode): SnapshotComparison {
  const t = periodFor(target, mode);
  let b = periodFor(base, mode);
  if (mode === 'pro_rata') b = proRataBase(b, t);
  const lines: LineChange[] = LINE_DEFINITIONS.map((def) => {
    return { id: def.id, kind: def.kind, ...change(lineValue(b, def.id), lineValue(t, def.id)) };
  });
  const baseRatios = computeRatios(b);
  const targetRatios = computeRatios(t, { comparable: b.year === t.year - 1 ? b : undefined });
  const ratios: RatioChange[] = RATIO_IDS.map((id) => ({
    id,
    baseResult: baseRatios[id],
    targetResult: targetRatios[id],
    ...change(baseRatios[id].value, targetRatios[id].value),
  }));
  return { mode, base: b, target: t, lines, ratios, restatement: restatementBetween(base, target) };
}

/** One line that moved between two fetches of a closed year. */
export interface MovedLine {
  id: LineId;
  before: number;
  after: number;
  change: number;
}

/** A closed year whose figures changed between two fetches. */
export interface Restatement {
  year: number;
  endDate: string;
  before: SnapshotRef;
  after: SnapshotRef;
  moved: MovedLine[];
}

function samePeriod(a: AccountingItem, b: AccountingItem): boolean {
  return a.data.year === b.data.year && a.data.start_date === b.data.start_date && a.data.end_date === b.data.end_date;
}

/**
 * The restatement between two snapshots, if they are the same closed year and period and at least one line
 * differs by more than half a cent. `before` is the older of the two (by snapshotDate, fetchedAt, id).
 */
export function restatementBetween(a: AccountingItem, b: AccountingItem): Restatement | null {
  if (a.id === b.id || !samePeriod(a, b) || !isClosedYear(a) || !isClosedYear(b)) return null;
  const [before, after] = compareSnapshotRecency(a, b) <= 0 ? [a, b] : [b, a];
  const moved: MovedLine[] = [];
  for (const id of FLOW_LINE_IDS) {
    const x = before.data.p_and_l_items[id];
    const y = after.data.p_and_l_items[id];
    if (Math.abs(y - x) > HALF_CENT) moved.push({ id, before: x, after: y, change: y - x });
  }
  for (const id of STOCK_LINE_IDS) {
    const x = before.data.balance_items[id];
    const y = after.data.balance_items[id];
    if (Math.abs(y - x) > HALF_CENT) moved.push({ id, before: x, after: y, change: y - x });
  }
  if (moved.length === 0) return null;
  return { year: after.data.year, endDate: after.data.end_date, before: snapshotRef(before), after: snapshotRef(after), moved };
}

/**
 * Every restatement in a borrower's snapshots: closed years grouped by year and period, each fetch compared with
 * the one before it in recency order. Oldest year first.
 */
export function detectRestatements(items: readonly AccountingItem[]): Restatement[] {
  const groups = new Map<string, AccountingItem[]>();
  for (const item of items) {
    if (!isClosedYear(item)) continue;
    const key = `${item.data.year}|${item.data.start_date}|${item.data.end_date}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const out: Restatement[] = [];
  for (const key of [...groups.keys()].sort()) {
    const list = [...groups.get(key)!].sort(compareSnapshotRecency);
    for (let i = 1; i < list.length; i++) {
      const r = restatementBetween(list[i - 1]!, list[i]!);
      if (r) out.push(r);
    }
  }
  return out;
}
