import { LINE_DEFINITIONS, RATIO_DEFINITIONS, type BasisChoice, type LineId, type RatioId } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import type { Language } from '../../../shared/analysis';
import { naceDivisionOf } from '../../../shared/registry/nace';
import { STATUS_ALERT_DEFINITIONS } from '../../../shared/registry/status-alerts';

type Row = dto.PortfolioRow;

/**
 * How a column's value is shown (and exported). `pp` a change of a percent ratio, or its distance to a median, in
 * percentage points; `xdiff` the same for a multiple (x); `nace` a NACE division code shown with its name; `date` a
 * calendar date; `basis` the basis a row's figures are on; `watch` a watch-list entry's review date.
 */
export type ColumnKind =
  | 'text'
  | 'state'
  | 'orgnr'
  | 'nok'
  | 'percent'
  | 'multiple'
  | 'change'
  | 'pp'
  | 'xdiff'
  | 'flags'
  | 'days'
  | 'period'
  | 'count'
  | 'date'
  | 'nace'
  | 'watch'
  | 'basis';
/**
 * What a figure column is made of, for its basis mark: flows of the period (marked "anslag" when estimated and
 * with the basis shown when it is not the one chosen), balances at its end (never estimated), or both (a ratio of
 * a flow and a balance); `change`: set against the like-for-like period a year earlier (marked when that is an
 * estimate). From the definitions in shared/analysis (a line's kind, a ratio's `measures`).
 */
export type Measures = 'flows' | 'balance' | 'both' | 'change';

export interface PortfolioColumn {
  id: string;
  /** i18n key of the header. */
  label: string;
  kind: ColumnKind;
  /** The value sorted on and shown (formatted by kind). */
  value: (row: Row) => string | number | null;
  /** Width in px in the grid. */
  width: number;
  defaultVisible: boolean;
  /** Always shown: the column that names the row. */
  fixed?: boolean;
  /** For figures: what they are made of (their basis mark follows from it). */
  measures?: Measures;
  /** For a ratio column: the ratio, whose reason is shown where it has no value (n.m.). */
  ratio?: RatioId;
  /** For a change column: the figure it changes, when that is a flow (growth is only like for like). */
  ofFlow?: boolean;
}

const fig = (id: string) => (r: Row) => r.figures[id] ?? null;
const ratio = (id: string) => (r: Row) => r.ratios[id] ?? null;
const chg = (id: string) => (r: Row) => r.changes[id] ?? null;
/** A ratio's distance to its peer group's median (null without a group of five, or without a value). */
const peer = (id: string) => (r: Row) => r.peers?.ratios[id]?.vsMedian ?? null;

/**
 * How urgently a row needs attention, for sorting the flags column (most urgent first when descending): a status
 * alert of the registry above any breach (konkurs above all, in the order of STATUS_ALERT_DEFINITIONS), then the
 * number of breaches and flags.
 */
export function warningScore(r: Row): number {
  const alerts = r.registry?.statusAlerts ?? [];
  const severest = alerts.reduce((s, a) => Math.min(s, STATUS_ALERT_DEFINITIONS[a.id].severity), Infinity);
  return (Number.isFinite(severest) ? (100 - severest) * 1000 : 0) + r.flags.length + r.breaches.length + (r.nearLimit?.length ?? 0);
}
const rchg = (id: string) => (r: Row) => r.ratioChanges?.[id] ?? null;
const lineKind = new Map(LINE_DEFINITIONS.map((d) => [d.id as string, d.kind]));
const lineMeasures = (id: LineId): Measures => (lineKind.get(id) === 'flow' ? 'flows' : 'balance');
const ratioMeasures = (id: RatioId): Measures => RATIO_DEFINITIONS[id].measures;
/** A figure column: its value, and what it is made of. */
const figure = (id: LineId) => ({ value: fig(id), measures: lineMeasures(id) });
const ratioCol = (id: RatioId) => ({ value: ratio(id), measures: ratioMeasures(id), ratio: id });

/** The grid's columns in display order. Ids are what settings.portfolioColumns stores. */
export const PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  { id: 'name', label: 'grid.col.name', kind: 'text', value: (r) => r.name, width: 260, defaultVisible: true, fixed: true },
  { id: 'orgNr', label: 'grid.col.orgNr', kind: 'orgnr', value: (r) => r.orgNr, width: 118, defaultVisible: true },
  { id: 'state', label: 'grid.col.state', kind: 'state', value: (r) => r.state, width: 150, defaultVisible: true },
  { id: 'accountingSystem', label: 'grid.col.accountingSystem', kind: 'text', value: (r) => r.accountingSystem, width: 130, defaultVisible: true },
  { id: 'latestPeriod', label: 'grid.col.latestPeriod', kind: 'period', value: (r) => r.latest?.endDate ?? null, width: 150, defaultVisible: true },
  // Sorted by the basis shown, then its end: the rows on a fallback basis come together.
  { id: 'basis', label: 'analysis.col.basis', kind: 'basis', value: (r) => (r.basis ? `${r.basis.shown === r.basis.choice ? 0 : 1}${r.basis.estimate ? 1 : 0}${r.basis.end}` : null), width: 280, defaultVisible: true },
  { id: 'revenues', label: 'grid.col.revenues', kind: 'nok', ...figure('revenues'), width: 165, defaultVisible: true },
  { id: 'ebitda', label: 'grid.col.ebitda', kind: 'nok', ...figure('ebitda'), width: 150, defaultVisible: true },
  { id: 'profit_before_tax', label: 'analysis.col.profitBeforeTax', kind: 'nok', ...figure('profit_before_tax'), width: 150, defaultVisible: false },
  { id: 'net_profit', label: 'grid.col.netProfit', kind: 'nok', ...figure('net_profit'), width: 150, defaultVisible: false },
  { id: 'equity', label: 'grid.col.equity', kind: 'nok', ...figure('equity'), width: 120, defaultVisible: false },
  { id: 'ebitda_margin', label: 'grid.col.ebitdaMargin', kind: 'percent', ...ratioCol('ebitda_margin'), width: 125, defaultVisible: true },
  { id: 'equity_ratio', label: 'grid.col.equityRatio', kind: 'percent', ...ratioCol('equity_ratio'), width: 100, defaultVisible: true },
  { id: 'nibd_to_ebitda', label: 'grid.col.nibdToEbitda', kind: 'multiple', ...ratioCol('nibd_to_ebitda'), width: 130, defaultVisible: true },
  { id: 'interest_cover', label: 'grid.col.interestCover', kind: 'multiple', ...ratioCol('interest_cover'), width: 125, defaultVisible: false },
  { id: 'revenue_growth', label: 'grid.col.revenueGrowth', kind: 'change', value: ratio('revenue_growth'), measures: 'change', ratio: 'revenue_growth', ofFlow: true, width: 100, defaultVisible: false },
  { id: 'revenuesChange', label: 'grid.col.revenuesChange', kind: 'change', value: chg('revenues'), measures: 'change', ofFlow: true, width: 110, defaultVisible: true },
  { id: 'ebitdaChange', label: 'grid.col.ebitdaChange', kind: 'change', value: chg('ebitda'), measures: 'change', ofFlow: true, width: 110, defaultVisible: false },
  { id: 'ebitdaMarginChange', label: 'analysis.col.ebitdaMarginChange', kind: 'pp', value: rchg('ebitda_margin'), measures: 'change', ofFlow: true, width: 130, defaultVisible: false },
  { id: 'equityRatioChange', label: 'analysis.col.equityRatioChange', kind: 'pp', value: rchg('equity_ratio'), measures: 'change', width: 130, defaultVisible: false },
  { id: 'flags', label: 'grid.col.flags', kind: 'flags', value: warningScore, width: 220, defaultVisible: true },
  { id: 'dataAge', label: 'grid.col.dataAge', kind: 'days', value: (r) => r.dataAgeDays, width: 90, defaultVisible: true },
  { id: 'unread', label: 'grid.col.unread', kind: 'count', value: (r) => r.unreadNotifications, width: 80, defaultVisible: false },
  // The analyst's workflow (the row's `workflow`, shared/workflow.ts): chosen, not shown by default.
  { id: 'watch', label: 'workflow.col.watch', kind: 'watch', value: (r) => (r.workflow?.watch ? (r.workflow.watch.reviewDate ?? '') : null), width: 170, defaultVisible: false },
  { id: 'watchReason', label: 'workflow.col.watchReason', kind: 'text', value: (r) => r.workflow?.watch?.reason ?? null, width: 220, defaultVisible: false },
  { id: 'assignedTo', label: 'workflow.col.assignedTo', kind: 'text', value: (r) => r.workflow?.assignedTo ?? null, width: 150, defaultVisible: false },
  { id: 'latestNote', label: 'workflow.col.latestNote', kind: 'text', value: (r) => r.workflow?.latestNote?.text ?? null, width: 260, defaultVisible: false },
  // The registry (Brønnøysund), read from the cache; optional columns.
  { id: 'industry', label: 'registry.col.industry', kind: 'nace', value: (r) => r.registry?.naceDivision ?? null, width: 240, defaultVisible: false },
  { id: 'legalForm', label: 'registry.col.legalForm', kind: 'text', value: (r) => r.registry?.legalForm?.code ?? null, width: 90, defaultVisible: false },
  { id: 'employees', label: 'registry.col.employees', kind: 'count', value: (r) => r.registry?.employees ?? null, width: 90, defaultVisible: false },
  { id: 'municipality', label: 'registry.col.municipality', kind: 'text', value: (r) => r.registry?.municipality ?? null, width: 130, defaultVisible: false },
  { id: 'founded', label: 'registry.col.founded', kind: 'date', value: (r) => r.registry?.founded ?? null, width: 100, defaultVisible: false },
  { id: 'peerGroupSize', label: 'registry.col.peerGroupSize', kind: 'count', value: (r) => r.peers?.groupSize ?? null, width: 110, defaultVisible: false },
  { id: 'peerEquityRatio', label: 'registry.col.peerEquityRatio', kind: 'pp', value: peer('equity_ratio'), width: 150, defaultVisible: false },
  { id: 'peerEbitdaMargin', label: 'registry.col.peerEbitdaMargin', kind: 'pp', value: peer('ebitda_margin'), width: 160, defaultVisible: false },
  { id: 'peerNibdToEbitda', label: 'registry.col.peerNibdToEbitda', kind: 'xdiff', value: peer('nibd_to_ebitda'), width: 170, defaultVisible: false },
];

export const DEFAULT_COLUMN_IDS = PORTFOLIO_COLUMNS.filter((c) => c.defaultVisible).map((c) => c.id);

export function columnById(id: string): PortfolioColumn | undefined {
  return PORTFOLIO_COLUMNS.find((c) => c.id === id);
}

/** On the analyst's watch-list (the "Bare overvåkede" filter). */
export function isWatched(row: Row): boolean {
  return !!row.workflow?.watch;
}

/** A row needs attention when it breaches a rule or carries a quality flag (a registry status alert among them), or lost its relationship. */
export function isFlagged(row: Row): boolean {
  return row.breaches.length > 0 || row.flags.length > 0 || row.lost;
}

/**
 * The mark a figure cell carries beside its value, where its basis is not plainly the one chosen:
 * - `estimate` ("anslag") on flows pro-rated from a full year, and on changes against an estimated period;
 * - the basis shown, where the row fell back from the one chosen (LTM → annualised, last financial year → year to
 *   date ...): on flows always; on balances only where their date changes with it (the last financial year's
 *   balance is the year end's, every other basis's the latest snapshot's).
 * Null: no mark. The row's basis says why (its label and fallback, for the cell's title).
 */
export type CellMark = { kind: 'estimate' } | { kind: 'basis'; shown: BasisChoice };

export function cellMark(c: PortfolioColumn, r: Row): CellMark | null {
  const b = r.basis;
  if (!b || !c.measures) return null;
  const flows = c.measures === 'flows' || c.measures === 'both' || (c.measures === 'change' && c.ofFlow === true);
  if (c.measures === 'change') {
    if (b.comparable?.estimate || (flows && b.estimate)) return { kind: 'estimate' };
  } else if (flows && b.estimate) return { kind: 'estimate' };
  if (b.shown !== b.choice) {
    const yearEndBalance = (x: BasisChoice) => x === 'last_financial_year';
    if (flows || yearEndBalance(b.choice) !== yearEndBalance(b.shown)) return { kind: 'basis', shown: b.shown };
  }
  return null;
}

/** Why a ratio cell has no value (n.m. with its reason, or missing): shown as n.m. or –, the reason on hover. */
export function ratioGap(c: PortfolioColumn, r: Row): dto.RatioGap | null {
  return c.ratio && (r.ratios[c.ratio] ?? null) === null ? (r.ratioGaps?.[c.ratio] ?? null) : null;
}

/** Lower-case text a quick search matches against: the name and the org number without spaces. */
export function searchKey(row: Row): string {
  return `${row.name.toLocaleLowerCase('nb-NO')}\u0000${row.orgNr}`;
}

/** Nulls sort last whichever the direction: "n/a" is never the most or least of anything. */
export function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'nb-NO');
}

/** A row's flags by name in the grid's order: status alerts first (most severe first), then breaches, then the rest. */
export function flagNames(r: Row, name: (code: string) => string, nearLimitName?: (rule: string) => string): string[] {
  const status = r.flags.filter((f) => f.startsWith('registry_'));
  const rest = r.flags.filter((f) => !f.startsWith('registry_'));
  const near = nearLimitName ? (r.nearLimit ?? []).map((b) => nearLimitName(b.rule)) : [];
  return [...status.map(name), ...r.breaches.map((b) => b.label || name(b.rule)), ...near, ...rest.map(name), ...(r.lost ? [name('lost')] : [])];
}

function naceText(code: string | number | null, lang: Language): string | null {
  if (code === null) return null;
  const d = naceDivisionOf(String(code));
  return d ? `${d.code} ${d.name[lang]}` : String(code);
}

/** A change in percentage points as the plain table gives it: points (1.8), not a fraction. */
function ppValue(v: string | number | null): number | null {
  return typeof v === 'number' ? Math.round(v * 100 * 1e6) / 1e6 : null;
}

type TableType = dto.TableExportInput['columns'][number]['type'];
const EXPORT_TYPE: Record<ColumnKind, TableType> = {
  state: 'text',
  text: 'text',
  orgnr: 'orgnr',
  nok: 'nok',
  percent: 'percent',
  change: 'percent',
  multiple: 'number',
  flags: 'text',
  days: 'number',
  period: 'date',
  count: 'number',
  // The review date: a real date in the sheet (the column is empty for a borrower not on the watch-list).
  watch: 'date',
  date: 'date',
  // A difference in percentage points goes out as points (1.8), a number (ppValue); one in x as it is.
  pp: 'number',
  xdiff: 'number',
  nace: 'text',
  basis: 'text',
};

/**
 * The grid as the analyst sees it (these rows in this order, these columns) as export:table's input: plain values
 * typed per column; flags as their names rather than their count.
 */
export function tableExportInput(
  rows: readonly Row[],
  columnIds: readonly string[],
  opts: {
    title: string;
    fileName: string;
    label: (key: string) => string;
    flagName: (code: string) => string;
    stateName?: (state: string) => string;
    /** The language of the NACE names in an industry column (default nb). */
    language?: Language;
    /** A row's basis in words (its label, and the fallback's), for the basis column. */
    basisName?: (row: Row) => string;
    /** A rule met near its limit, in words ("Minste egenkapitalandel: nær grensen"). */
    nearLimitName?: (rule: string) => string;
  },
): dto.TableExportInput {
  const cols = columnIds.map(columnById).filter((c): c is PortfolioColumn => c !== undefined);
  return {
    fileName: opts.fileName,
    title: opts.title,
    columns: cols.map((c) => ({ key: c.id, label: opts.label(c.label), type: EXPORT_TYPE[c.kind] })),
    rows: rows.map((r) =>
      cols.map((c) =>
        c.kind === 'flags'
          ? flagNames(r, opts.flagName, opts.nearLimitName).join(', ')
          : c.kind === 'state' && opts.stateName
            ? opts.stateName(r.state)
            : c.kind === 'nace'
              ? naceText(c.value(r), opts.language ?? 'nb')
              : c.kind === 'basis'
                ? (opts.basisName?.(r) ?? null)
                : c.kind === 'pp'
                  ? ppValue(c.value(r))
                  : c.value(r),
      ),
    ),
  };
}
