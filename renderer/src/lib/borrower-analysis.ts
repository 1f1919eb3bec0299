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
  type BasisChoice,
  type BasisView,
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
  /** Statement columns: the chosen basis, its comparable, then every year's latest snapshot not already shown. */
  columns: StatementColumn[];
  change: BasisChange | null;
  /** Chart periods, oldest first: the full years, then the chosen basis's period (each labelled with its basis). */
  chart: StatementColumn[];
  /** Columns whose flows hold a year to date without booked tax, with what that means. */
  taxNotes: { label: LocalizedText; note: LocalizedText }[];
  /** Keys of snapshots replaced by a later one of the same period: kept in the provenance, no figure uses them. */
  replacedKeys: Set<number>;
  restatements: Restatement[];
}

const refKey = (r: { id: number; fetchedAt: string }) => `${r.id}|${r.fetchedAt}`;
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
  const revisedKeys = new Set((detail.row?.revisions ?? []).map((r) => r.afterKey));
  const revised = (p: PeriodFigures) => p.sources.some((s) => revisedKeys.has(keyByRef.get(refKey(s)) ?? -1));
  const replacedKeys = new Set(replacedSnapshots(items).map((r) => keyByRef.get(refKey(r))!).filter((k) => k !== undefined));
  const restatements = detectRestatements(items);
  const bases = borrowerBases(items);
  if (!bases) return { view: null, columns: [], change: null, chart: [], taxNotes: [], replacedKeys, restatements };
  const view = onBasis(bases, choice);
  const columns: StatementColumn[] = [{ key: 'basis', role: 'basis', period: view.period, ratios: view.ratios, reconciliation: null, revised: revised(view.period) }];
  let change_: BasisChange | null = null;
  if (view.comparable.ok) {
    const c = view.comparable.period;
    const ratios = computeRatios(c);
    columns.push({ key: 'comparable', role: 'comparable', period: c, ratios, reconciliation: null, revised: revised(c) });
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
    columns.push({ key: `y${y.snapshot.id}|${y.snapshot.fetchedAt}`, role: 'year', period: y.reported, ratios: y.ratios, reconciliation: reconcile(toItemOf(items, y).data), revised: revised(y.reported) });
  }
  // A column of the chosen basis that is a snapshot as reported is checked like one.
  if (view.period.method === 'as_reported') columns[0]!.reconciliation = reconcile(bases.latest.data);
  const fullYears = years.filter((y) => y.reported.basis === 'full_year').reverse();
  const chart: StatementColumn[] = fullYears.map((y) => ({ key: `c${y.snapshot.id}`, role: 'year', period: y.reported, ratios: y.ratios, reconciliation: null, revised: revised(y.reported) }));
  if (!chart.some((c) => sameFigures(c.period, view.period))) chart.push(columns[0]!);
  const taxNotes = columns.filter((c) => c.period.taxNote).map((c) => ({ label: c.period.label, note: c.period.taxNote! }));
  return { view, columns, change: change_, chart, taxNotes, replacedKeys, restatements };
}

function toItemOf(items: readonly AccountingItem[], y: SnapshotAnalysis): AccountingItem {
  return items.find((i) => i.id === y.snapshot.id && i.fetchedAt === y.snapshot.fetchedAt)!;
}
