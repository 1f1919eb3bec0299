/**
 * The portfolio grid's columns, once for every side: the grid shows `value(row)` formatted by `kind`; the cache's
 * grid index (electron/db/portfolio-grid.ts) stores each column's sort key from the same `value`, so the order
 * SQLite gives is the order these values give (`compareValues`); the table export ("export this list as shown")
 * writes the same values, typed per column. Types only from the contract: the renderer loads no schemas.
 */
import { LINE_DEFINITIONS, RATIO_DEFINITIONS, type LineId, type RatioId } from '../analysis';
import type { Language } from '../analysis/text';
import type { PortfolioRow, TableExportInput } from '../contract/dto';
import { naceDivisionOf } from '../registry/nace';
import { STATUS_ALERT_DEFINITIONS } from '../registry/status-alerts';
import { compareKeys, sortKey } from '../text-fold';

type Row = PortfolioRow;

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
  /** i18n key of the header (the renderer's and the export's words). */
  label: string;
  kind: ColumnKind;
  /** The value sorted on and shown (formatted by kind). */
  value: (row: Row) => string | number | null;
  /** Width in px in the grid. */
  width: number;
  defaultVisible: boolean;
  /** Always shown, frozen at the left while the grid scrolls sideways: the column that names the row. */
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
const rchg = (id: string) => (r: Row) => r.ratioChanges?.[id] ?? null;

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
const lineKind = new Map(LINE_DEFINITIONS.map((d) => [d.id as string, d.kind]));
const lineMeasures = (id: LineId): Measures => (lineKind.get(id) === 'flow' ? 'flows' : 'balance');
const ratioMeasures = (id: RatioId): Measures => RATIO_DEFINITIONS[id].measures;
/** A figure column: its value, and what it is made of. */
const figure = (id: LineId) => ({ value: fig(id), measures: lineMeasures(id) });
const ratioCol = (id: RatioId) => ({ value: ratio(id), measures: ratioMeasures(id), ratio: id });

/**
 * The key a row's basis sorts by: the basis shown (the rows on a fallback basis come together), whether its flows
 * are an estimate, then its end.
 */
export function basisSortValue(r: Row): string | null {
  return r.basis ? `${r.basis.shown === r.basis.choice ? 0 : 1}${r.basis.estimate ? 1 : 0}${r.basis.end}` : null;
}

/**
 * The grid's columns in display order. Ids are what settings and saved views store. The default set fits a
 * 1440 px wide window without scrolling sideways (the e2e suite measures it): the name, the number, the basis, the
 * key figures and ratios a credit officer reads first, growth, the flags as a count, and the data's age.
 * Revenue growth is one column ("Omsetningsvekst": revenues against the like-for-like period a year earlier); the
 * ratio of the same name was the same figure twice.
 */
export const PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  { id: 'name', label: 'grid.col.name', kind: 'text', value: (r) => r.name, width: 240, defaultVisible: true, fixed: true },
  { id: 'orgNr', label: 'grid.col.orgNr', kind: 'orgnr', value: (r) => r.orgNr, width: 110, defaultVisible: true },
  { id: 'state', label: 'grid.col.state', kind: 'state', value: (r) => r.state, width: 130, defaultVisible: false },
  { id: 'accountingSystem', label: 'grid.col.accountingSystem', kind: 'text', value: (r) => r.accountingSystem, width: 120, defaultVisible: false },
  { id: 'latestPeriod', label: 'grid.col.latestPeriod', kind: 'period', value: (r) => r.latest?.endDate ?? null, width: 120, defaultVisible: false },
  { id: 'basis', label: 'analysis.col.basis', kind: 'basis', value: basisSortValue, width: 200, defaultVisible: true },
  { id: 'revenues', label: 'grid.col.revenues', kind: 'nok', ...figure('revenues'), width: 140, defaultVisible: true },
  { id: 'ebitda', label: 'grid.col.ebitda', kind: 'nok', ...figure('ebitda'), width: 120, defaultVisible: true },
  { id: 'profit_before_tax', label: 'analysis.col.profitBeforeTax', kind: 'nok', ...figure('profit_before_tax'), width: 130, defaultVisible: false },
  { id: 'net_profit', label: 'grid.col.netProfit', kind: 'nok', ...figure('net_profit'), width: 130, defaultVisible: false },
  { id: 'equity', label: 'grid.col.equity', kind: 'nok', ...figure('equity'), width: 130, defaultVisible: false },
  { id: 'ebitda_margin', label: 'grid.col.ebitdaMargin', kind: 'percent', ...ratioCol('ebitda_margin'), width: 104, defaultVisible: true },
  { id: 'equity_ratio', label: 'grid.col.equityRatio', kind: 'percent', ...ratioCol('equity_ratio'), width: 100, defaultVisible: true },
  { id: 'nibd_to_ebitda', label: 'grid.col.nibdToEbitda', kind: 'multiple', ...ratioCol('nibd_to_ebitda'), width: 132, defaultVisible: true },
  { id: 'interest_cover', label: 'grid.col.interestCover', kind: 'multiple', ...ratioCol('interest_cover'), width: 110, defaultVisible: false },
  { id: 'revenuesChange', label: 'portfolioGrid.col.revenueGrowth', kind: 'change', value: chg('revenues'), measures: 'change', ofFlow: true, width: 156, defaultVisible: true },
  { id: 'ebitdaChange', label: 'grid.col.ebitdaChange', kind: 'change', value: chg('ebitda'), measures: 'change', ofFlow: true, width: 110, defaultVisible: false },
  { id: 'ebitdaMarginChange', label: 'analysis.col.ebitdaMarginChange', kind: 'pp', value: rchg('ebitda_margin'), measures: 'change', ofFlow: true, width: 130, defaultVisible: false },
  { id: 'equityRatioChange', label: 'analysis.col.equityRatioChange', kind: 'pp', value: rchg('equity_ratio'), measures: 'change', width: 130, defaultVisible: false },
  { id: 'flags', label: 'grid.col.flags', kind: 'flags', value: warningScore, width: 76, defaultVisible: true },
  { id: 'dataAge', label: 'grid.col.dataAge', kind: 'days', value: (r) => r.dataAgeDays, width: 110, defaultVisible: false },
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

export const COLUMN_IDS = PORTFOLIO_COLUMNS.map((c) => c.id);
export const DEFAULT_COLUMN_IDS = PORTFOLIO_COLUMNS.filter((c) => c.defaultVisible).map((c) => c.id);

/** Ids an earlier version stored that name a column now called otherwise (the same figure kept once). */
const RENAMED: Readonly<Record<string, string>> = { revenue_growth: 'revenuesChange' };

const BY_ID = new Map(PORTFOLIO_COLUMNS.map((c) => [c.id, c]));
export function columnById(id: string): PortfolioColumn | undefined {
  return BY_ID.get(RENAMED[id] ?? id);
}

/**
 * Column ids as stored (settings, a saved view) as the grid shows them: known ids only, renamed ones by their new
 * id, each once, in display order, with the name column always first.
 */
export function shownColumnIds(stored: readonly string[] | null | undefined): string[] {
  const wanted = new Set((stored && stored.length ? stored : DEFAULT_COLUMN_IDS).map((id) => RENAMED[id] ?? id));
  return PORTFOLIO_COLUMNS.filter((c) => c.fixed || wanted.has(c.id)).map((c) => c.id);
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
 * Nulls sort last whichever the direction: "n/a" is never the most or least of anything. Text compares by its
 * Norwegian sort key (shared/text-fold.ts), as the cache's grid index orders it.
 */
export function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareKeys(sortKey(String(a)), sortKey(String(b)));
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

type TableType = TableExportInput['columns'][number]['type'];
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

/** How the table export words what the grid shows as codes: flags, states, a row's basis, near-limit rules. */
export interface TableWords {
  label: (key: string) => string;
  flagName: (code: string) => string;
  stateName?: (state: string) => string;
  /** The language of the NACE names in an industry column (default nb). */
  language?: Language;
  /** A row's basis in words (its label, and the fallback's), for the basis column. */
  basisName?: (row: Row) => string;
  /** A rule met near its limit, in words ("Minste egenkapitalandel: nær grensen"). */
  nearLimitName?: (rule: string) => string;
}

/** The export's columns for these column ids (unknown ids left out), labelled and typed. */
export function tableColumns(columnIds: readonly string[], words: Pick<TableWords, 'label'>): { columns: PortfolioColumn[]; header: TableExportInput['columns'] } {
  const columns = columnIds.map(columnById).filter((c): c is PortfolioColumn => c !== undefined);
  return { columns, header: columns.map((c) => ({ key: c.id, label: words.label(c.label), type: EXPORT_TYPE[c.kind] })) };
}

/** One row as the table export writes it: plain values typed per column; flags as their names rather than their count. */
export function tableCells(r: Row, columns: readonly PortfolioColumn[], words: TableWords): TableExportInput['rows'][number] {
  return columns.map((c) =>
    c.kind === 'flags'
      ? flagNames(r, words.flagName, words.nearLimitName).join(', ')
      : c.kind === 'state' && words.stateName
        ? words.stateName(r.state)
        : c.kind === 'nace'
          ? naceText(c.value(r), words.language ?? 'nb')
          : c.kind === 'basis'
            ? (words.basisName?.(r) ?? null)
            : c.kind === 'pp'
              ? ppValue(c.value(r))
              : c.value(r),
  );
}

/**
 * The grid as the analyst sees it (these rows in this order, these columns) as export:table's input: plain values
 * typed per column; flags as their names rather than their count.
 */
export function tableExportInput(rows: readonly Row[], columnIds: readonly string[], opts: TableWords & { title: string; fileName: string }): TableExportInput {
  const { columns, header } = tableColumns(columnIds, opts);
  return { fileName: opts.fileName, title: opts.title, columns: header, rows: rows.map((r) => tableCells(r, columns, opts)) };
}
