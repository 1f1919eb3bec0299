import {
  LINE_DEFINITIONS,
  RATIO_IDS,
  analyseSnapshot,
  areComparable,
  borrowerBases,
  change,
  computeRatios,
  detectRestatements,
  lineValue,
  latestSnapshotPerYear,
  onBasis,
  ratioChange,
  reconcile,
  replacedSnapshots,
  reportedPeriod,
  formatAmount,
  type AmountUnit,
  type BasisChoice,
  type BasisView,
  type Language,
  type LineId,
  type LocalizedText,
  type PeriodFigures,
  type RatioChange,
  type RatioId,
  type RatioSet,
  type Reconciliation,
  type Restatement,
  type SnapshotAnalysis,
} from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';

/** A cached snapshot in the shape shared/analysis takes (the API's item). */
export function toItem(s: dto.Snapshot): AccountingItem {
  return { id: s.itemId, data: s.data, snapshotDate: s.snapshotDate, fetchedAt: s.fetchedAt, origin: s.origin, accountingSystem: s.accountingSystem };
}

/** One column of the borrower page's statements: a period with its basis label, and its ratios. */
export interface StatementColumn {
  key: string;
  /** `basis`: the figures on the chosen basis; `comparable`: the like-for-like period a year earlier; `year`: a snapshot as reported. */
  role: 'basis' | 'comparable' | 'year';
  period: PeriodFigures;
  ratios: RatioSet;
  /** For a snapshot as reported: its identities checked. */
  reconciliation: Reconciliation | null;
  /** A snapshot it is built from replaced an earlier version of the same period (a revision or restatement). */
  revised: boolean;
  /** That revision (the latest of them when several), whose two versions its "Korrigert" chip opens in compare. */
  revision: dto.RowRevision | null;
}

/** The chosen basis against its comparable: lines as relative changes (growth only like for like), ratios in pp or x. */
export interface BasisChange {
  lines: Partial<Record<LineId, number | null>>;
  ratios: Record<RatioId, RatioChange>;
  /** Why the P&L lines carry no growth, when they do not. */
  flowsComparable: boolean;
}

/** Everything of the borrower page that is computed from the snapshots (the rules come from the main side). */
export interface BorrowerPageAnalysis {
  /** The figures on the chosen basis (and what fell back), null without snapshots. */
  view: BasisView | null;
  /**
   * Statement columns in {@link PERIOD_ORDER}: every year's latest snapshot not already shown, the chosen basis's
   * comparable and the chosen basis, oldest to newest.
   */
  columns: StatementColumn[];
  change: BasisChange | null;
  /**
   * Chart periods in the same order as the columns: the full years and the chosen basis's period, each labelled
   * with its basis (a full year that is also a column is that column, label and all).
   */
  chart: StatementColumn[];
  /** Columns whose flows hold a year to date without booked tax, with what that means. */
  taxNotes: { label: LocalizedText; note: LocalizedText }[];
  /** Keys of snapshots replaced by a later one of the same period: kept in the provenance, no figure uses them. */
  replacedKeys: Set<number>;
  restatements: Restatement[];
}

const refKey = (r: { id: number; fetchedAt: string }) => `${r.id}|${r.fetchedAt}`;

/**
 * One period order on the borrower page, its charts and compare: oldest to newest, left to right (and top to bottom
 * in a list of periods). A chart's time axis runs that way, and a credit memo's trend table reads the same way: the
 * years, then the interim periods, the latest at the right where the eye ends. Columns are ordered by the day their
 * period ends; of two ending on the same day, a snapshot as reported comes before the comparable and the chosen
 * basis, so that the chosen basis is followed at once by its change column. Compare's A is the older period, B the
 * newer, and its change is B − A.
 */
export const PERIOD_ORDER = 'oldest_to_newest' as const;
const ROLE_RANK: Record<StatementColumn['role'], number> = { year: 0, comparable: 1, basis: 2 };

/** Orders columns (or chart periods) as {@link PERIOD_ORDER} says. */
export function byPeriodOrder(a: StatementColumn, b: StatementColumn): number {
  return a.period.end.localeCompare(b.period.end) || ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.period.start.localeCompare(b.period.start);
}

/** Snapshots oldest first, as {@link PERIOD_ORDER} says: by period end, then snapshot date, fetch time and key. */
export function snapshotsInPeriodOrder(snapshots: readonly dto.Snapshot[]): dto.Snapshot[] {
  return [...snapshots].sort(
    (a, b) => a.endDate.localeCompare(b.endDate) || b.startDate.localeCompare(a.startDate) || a.snapshotDate.localeCompare(b.snapshotDate) || a.fetchedAt.localeCompare(b.fetchedAt) || a.key - b.key,
  );
}

/** A snapshot's period as every figure of it is labelled ("2025 (helår)", "01.01–30.09.2026 (HiÅ)"), from shared/analysis. */
export function snapshotPeriodLabel(s: dto.Snapshot): LocalizedText {
  return reportedPeriod(toItem(s)).label;
}

/** Keys of the snapshots a later fetch of the same period replaced (kept in the provenance, used by no figure). */
export function replacedKeysOf(snapshots: readonly dto.Snapshot[]): Set<number> {
  const keyByRef = new Map(snapshots.map((s) => [refKey({ id: s.itemId, fetchedAt: s.fetchedAt }), s.key]));
  return new Set(replacedSnapshots(snapshots.map(toItem)).flatMap((r) => keyByRef.get(refKey(r)) ?? []));
}

/** The two versions a revision or restatement stands between, as compare opens them: the earlier as A, raw. */
export function revisionCompareQuery(r: Pick<dto.RowRevision, 'beforeKey' | 'afterKey'>): { a: number; b: number; mode: 'raw' } {
  return { a: r.beforeKey, b: r.afterKey, mode: 'raw' };
}

/**
 * The revision a snapshot's "Sammenlign" opens: for a version that replaced an earlier one, that earlier version
 * (the latest such revision); for a version later replaced, its replacement; null for a snapshot of one version.
 */
export function revisionOfSnapshot(key: number, revisions: readonly dto.RowRevision[]): dto.RowRevision | null {
  return revisions.findLast((r) => r.afterKey === key) ?? revisions.find((r) => r.beforeKey === key) ?? null;
}
/** Two columns show the same figures: the same window on the same scale (a full year is its own LTM). */
const sameFigures = (a: PeriodFigures, b: PeriodFigures) => a.start === b.start && a.end === b.end && a.annualFactor === b.annualFactor && a.estimate === b.estimate;

/**
 * The borrower page's figures on `choice`: the same pure code (shared/analysis bases, onBasis) as the list's rows
 * and the pack, computed once per load and basis. `revisions` are the row's (main side), whose keys mark the
 * columns built from a revised snapshot.
 */
export function borrowerPage(detail: dto.BorrowerDetail, choice: BasisChoice, staleAfterDays: number, now = new Date()): BorrowerPageAnalysis {
  const items = detail.snapshots.map(toItem);
  const keyByRef = new Map(detail.snapshots.map((s) => [refKey({ id: s.itemId, fetchedAt: s.fetchedAt }), s.key]));
  const rowRevisions = detail.row?.revisions ?? [];
  const revisionOf = (p: PeriodFigures): dto.RowRevision | null => {
    const keys = new Set(p.sources.map((s) => keyByRef.get(refKey(s)) ?? -1));
    return rowRevisions.findLast((r) => keys.has(r.afterKey)) ?? null;
  };
  const column = (key: string, role: StatementColumn['role'], period: PeriodFigures, ratios: RatioSet, reconciliation: Reconciliation | null): StatementColumn => {
    const revision = revisionOf(period);
    return { key, role, period, ratios, reconciliation, revised: revision !== null, revision };
  };
  const replacedKeys = replacedKeysOf(detail.snapshots);
  const restatements = detectRestatements(items);
  const bases = borrowerBases(items);
  if (!bases) return { view: null, columns: [], change: null, chart: [], taxNotes: [], replacedKeys, restatements };
  const view = onBasis(bases, choice);
  const columns: StatementColumn[] = [column('basis', 'basis', view.period, view.ratios, null)];
  let change_: BasisChange | null = null;
  if (view.comparable.ok) {
    const c = view.comparable.period;
    const ratios = computeRatios(c);
    columns.push(column('comparable', 'comparable', c, ratios, null));
    const flowsComparable = areComparable(c, view.period);
    const lines: BasisChange['lines'] = {};
    for (const def of LINE_DEFINITIONS) {
      const ch = change(lineValue(c, def.id), lineValue(view.period, def.id));
      lines[def.id] = def.kind === 'flow' && !flowsComparable ? null : ch.relative;
    }
    change_ = {
      lines,
      ratios: Object.fromEntries(RATIO_IDS.map((id) => [id, ratioChange(id, ratios[id], view.ratios[id])])) as Record<RatioId, RatioChange>,
      flowsComparable,
    };
  }
  const years = latestSnapshotPerYear(items).map((i) => analyseSnapshot(i, items, { now, maxAgeDays: staleAfterDays }));
  for (const y of years) {
    if (columns.some((c) => sameFigures(c.period, y.reported))) continue;
    columns.push(column(`y${y.snapshot.id}|${y.snapshot.fetchedAt}`, 'year', y.reported, y.ratios, reconcile(toItemOf(items, y).data)));
  }
  // A column of the chosen basis that is a snapshot as reported is checked like one.
  if (view.period.method === 'as_reported') columns[0]!.reconciliation = reconcile(bases.latest.data);
  columns.sort(byPeriodOrder);
  // A full year the columns show already is that column on the chart, so that a period reads alike in both.
  const chart: StatementColumn[] = years
    .filter((y) => y.reported.basis === 'full_year')
    .map((y) => columns.find((c) => sameFigures(c.period, y.reported)) ?? column(`c${y.snapshot.id}`, 'year', y.reported, y.ratios, null));
  const basisColumn = columns.find((c) => c.role === 'basis')!;
  if (!chart.includes(basisColumn) && !chart.some((c) => sameFigures(c.period, view.period))) chart.push(basisColumn);
  chart.sort(byPeriodOrder);
  const taxNotes = columns.filter((c) => c.period.taxNote).map((c) => ({ label: c.period.label, note: c.period.taxNote! }));
  return { view, columns, change: change_, chart, taxNotes, replacedKeys, restatements };
}

function toItemOf(items: readonly AccountingItem[], y: SnapshotAnalysis): AccountingItem {
  return items.find((i) => i.id === y.snapshot.id && i.fetchedAt === y.snapshot.fetchedAt)!;
}

/** What a chart's amount axis counts in: NOK 1 000 or million kroner (MNOK), never whole kroner. */
export type AxisScale = 'thousands' | 'millions';

/**
 * The amount axis of a chart follows Settings where Settings says NOK 1 000. With whole kroner in Settings (right for
 * a table, unreadable on an axis: "7 000 000"), the axis counts in MNOK once the largest amount reaches NOK 10
 * million, else in NOK 1 000.
 */
export function chartAmountScale(values: readonly (number | null)[], unit: AmountUnit): AxisScale {
  if (unit === 'thousands') return 'thousands';
  const largest = values.reduce<number>((m, v) => (v === null || !Number.isFinite(v) ? m : Math.max(m, Math.abs(v))), 0);
  return largest >= 10_000_000 ? 'millions' : 'thousands';
}

/** A tick of an amount axis in its scale: 7 300 000 → "7 300" (NOK 1 000) or "7,3" (MNOK). */
export function formatAxisAmount(value: number, scale: AxisScale, lang: Language): string {
  if (scale === 'thousands') return formatAmount(value, { unit: 'thousands' }, lang);
  const millions = value / 1_000_000;
  return formatAmount(value / 1000, { unit: 'thousands', decimals: Number.isInteger(Math.round(millions * 1000) / 1000) ? 0 : 1 }, lang);
}

// Symetrisk sends an accounting system as a lower-case key ("visma"); the analyst reads its maker's name.
const SYSTEM_NAMES: Record<string, string> = {
  fiken: 'Fiken',
  tripletex: 'Tripletex',
  poweroffice: 'PowerOffice Go',
  visma: 'Visma eAccounting',
  '24sevenoffice': '24SevenOffice',
};

/** "visma" → "Visma eAccounting"; a system not in the table keeps its spelling with a capital first letter. */
export function accountingSystemName(code: string): string {
  const key = code.trim().toLowerCase();
  return SYSTEM_NAMES[key] ?? (code ? code.charAt(0).toLocaleUpperCase('nb-NO') + code.slice(1) : code);
}

/**
 * Half the last digit a change is shown with, so that a change shown as "0,0 %", "+0,0 pp" or "0" is not coloured:
 * relative changes and percentage points (fractions) to 0.1, multiples to 0.1x, amounts to the krone or to NOK 1 000.
 */
export function shownTolerance(kind: 'fraction' | 'multiple' | 'amount', unit: AmountUnit = 'nok'): number {
  if (kind === 'fraction') return 0.0005;
  if (kind === 'multiple') return 0.05;
  return unit === 'thousands' ? 500 : 0.5;
}
