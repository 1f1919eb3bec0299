import type { AccountingItem } from '../symetrisk/schemas';
import { formatRangeNo } from './dates';
import { FLOW_LINE_IDS, LINE_DEFINITIONS, STOCK_LINE_IDS, type LineId } from './lines';
import { compareSnapshotRecency, isClosedYear, snapshotRef, type SnapshotRef } from './snapshots';
import { text, type LocalizedText } from './text';
import { HALF_CENT } from './tolerance';

/** One line that moved between two fetches of the same period. */
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

/**
 * A later snapshot of the same period (same year, start and end) with other figures: a restatement of a closed
 * year, or a revision of a year to date (the same window fetched again with corrected books). The later one is
 * what the analysis uses; the earlier one stays in the provenance as replaced.
 */
export interface Revision extends Restatement {
  kind: 'restatement' | 'interim_revision';
  startDate: string;
  /** "Korrigert hittil i år 01.01–14.08.2025: driftsinntekter 6 110 373 → 5 499 336 (regnskapsuttrekk 2 → 7)". */
  summary: LocalizedText;
}

function samePeriod(a: AccountingItem, b: AccountingItem): boolean {
  return a.data.year === b.data.year && a.data.start_date === b.data.start_date && a.data.end_date === b.data.end_date;
}

function movedLines(before: AccountingItem, after: AccountingItem): MovedLine[] {
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
  return moved;
}

const lineNames = new Map(LINE_DEFINITIONS.map((d) => [d.id, d.name]));
const amount = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });

function summaryOf(kind: Revision['kind'], before: AccountingItem, after: AccountingItem, moved: MovedLine[]): LocalizedText {
  const range = formatRangeNo(after.data.start_date, after.data.end_date);
  // Revenue first when it moved, else the first line that did: the headline of the revision.
  const head = moved.find((m) => m.id === 'revenues') ?? moved[0]!;
  const name = lineNames.get(head.id)!;
  const values = `${amount.format(head.before)} → ${amount.format(head.after)}`;
  const more = moved.length - 1;
  const ids = `${before.id} → ${after.id}`;
  return kind === 'restatement'
    ? text(
        `Restated figures for ${range}: ${name.en.toLowerCase()} ${values}${more > 0 ? ` and ${more} more line${more === 1 ? '' : 's'}` : ''} (snapshot ${ids}).`,
        `Omarbeidede tall for ${range}: ${name.nb.toLowerCase()} ${values}${more > 0 ? ` og ${more} linje${more === 1 ? '' : 'r'} til` : ''} (regnskapsuttrekk ${ids}).`,
      )
    : text(
        `Revised year to date ${range}: ${name.en.toLowerCase()} ${values}${more > 0 ? ` and ${more} more line${more === 1 ? '' : 's'}` : ''} (snapshot ${ids}).`,
        `Korrigert hittil i år ${range}: ${name.nb.toLowerCase()} ${values}${more > 0 ? ` og ${more} linje${more === 1 ? '' : 'r'} til` : ''} (regnskapsuttrekk ${ids}).`,
      );
}

/**
 * The revision between two snapshots, if they cover the same period and at least one line differs by more than
 * half a cent. `before` is the older of the two (by snapshotDate, fetchedAt, id).
 */
export function revisionBetween(a: AccountingItem, b: AccountingItem): Revision | null {
  if (a === b || !samePeriod(a, b)) return null;
  const [before, after] = compareSnapshotRecency(a, b) <= 0 ? [a, b] : [b, a];
  const moved = movedLines(before, after);
  if (moved.length === 0) return null;
  const kind = isClosedYear(after) ? 'restatement' : 'interim_revision';
  return {
    kind,
    year: after.data.year,
    startDate: after.data.start_date,
    endDate: after.data.end_date,
    before: snapshotRef(before),
    after: snapshotRef(after),
    moved,
    summary: summaryOf(kind, before, after, moved),
  };
}

/** The restatement between two snapshots of the same closed year, if any (see {@link revisionBetween}). */
export function restatementBetween(a: AccountingItem, b: AccountingItem): Restatement | null {
  if (!isClosedYear(a) || !isClosedYear(b)) return null;
  const r = revisionBetween(a, b);
  return r ? { year: r.year, endDate: r.endDate, before: r.before, after: r.after, moved: r.moved } : null;
}

function byPeriod(items: readonly AccountingItem[]): AccountingItem[][] {
  const groups = new Map<string, AccountingItem[]>();
  for (const item of items) {
    const key = `${item.data.year}|${item.data.start_date}|${item.data.end_date}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups.keys()].sort().map((k) => [...groups.get(k)!].sort(compareSnapshotRecency));
}

/**
 * Every revision in a borrower's snapshots, of every period (years to date included): snapshots grouped by year
 * and period, each fetch compared with the one before it in recency order. Oldest period first.
 */
export function detectRevisions(items: readonly AccountingItem[]): Revision[] {
  const out: Revision[] = [];
  for (const list of byPeriod(items)) {
    for (let i = 1; i < list.length; i++) {
      const r = revisionBetween(list[i - 1]!, list[i]!);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Every restatement of a closed year (the revisions of years to date left out). Oldest year first. */
export function detectRestatements(items: readonly AccountingItem[]): Restatement[] {
  return detectRevisions(items)
    .filter((r) => r.kind === 'restatement')
    .map((r) => ({ year: r.year, endDate: r.endDate, before: r.before, after: r.after, moved: r.moved }));
}

/**
 * The snapshots a later snapshot of the same period replaced, with figures or without: the provenance keeps them,
 * marked as replaced, though no figure is computed from them.
 */
export function replacedSnapshots(items: readonly AccountingItem[]): SnapshotRef[] {
  return byPeriod(items).flatMap((list) => list.slice(0, -1).map(snapshotRef));
}
