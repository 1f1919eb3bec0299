import type { dto } from '../../../shared/contract';
import type { Language } from '../../../shared/analysis';
import { naceDivisionOf } from '../../../shared/registry/nace';
import { STATUS_ALERT_DEFINITIONS } from '../../../shared/registry/status-alerts';

type Row = dto.PortfolioRow;

/**
 * How a column's value is shown (and exported). `pp` and `xdiff` are differences in a ratio's unit (percentage
 * points, x); `nace` a NACE division code shown with its name; `date` a calendar date.
 */
export type ColumnKind =
  | 'text'
  | 'state'
  | 'orgnr'
  | 'nok'
  | 'percent'
  | 'multiple'
  | 'change'
  | 'flags'
  | 'days'
  | 'period'
  | 'count'
  | 'date'
  | 'pp'
  | 'xdiff'
  | 'nace'
  | 'watch';

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
  return (Number.isFinite(severest) ? (100 - severest) * 1000 : 0) + r.flags.length + r.breaches.length;
}

/** The grid's columns in display order. Ids are what settings.portfolioColumns stores. */
export const PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  { id: 'name', label: 'grid.col.name', kind: 'text', value: (r) => r.name, width: 260, defaultVisible: true, fixed: true },
  { id: 'orgNr', label: 'grid.col.orgNr', kind: 'orgnr', value: (r) => r.orgNr, width: 118, defaultVisible: true },
  { id: 'state', label: 'grid.col.state', kind: 'state', value: (r) => r.state, width: 150, defaultVisible: true },
  { id: 'accountingSystem', label: 'grid.col.accountingSystem', kind: 'text', value: (r) => r.accountingSystem, width: 130, defaultVisible: true },
  { id: 'latestPeriod', label: 'grid.col.latestPeriod', kind: 'period', value: (r) => r.latest?.endDate ?? null, width: 150, defaultVisible: true },
  { id: 'revenues', label: 'grid.col.revenues', kind: 'nok', value: fig('revenues'), width: 130, defaultVisible: true },
  { id: 'ebitda', label: 'grid.col.ebitda', kind: 'nok', value: fig('ebitda'), width: 120, defaultVisible: true },
  { id: 'net_profit', label: 'grid.col.netProfit', kind: 'nok', value: fig('net_profit'), width: 120, defaultVisible: false },
  { id: 'equity', label: 'grid.col.equity', kind: 'nok', value: fig('equity'), width: 120, defaultVisible: false },
  { id: 'ebitda_margin', label: 'grid.col.ebitdaMargin', kind: 'percent', value: ratio('ebitda_margin'), width: 110, defaultVisible: true },
  { id: 'equity_ratio', label: 'grid.col.equityRatio', kind: 'percent', value: ratio('equity_ratio'), width: 100, defaultVisible: true },
  { id: 'nibd_to_ebitda', label: 'grid.col.nibdToEbitda', kind: 'multiple', value: ratio('nibd_to_ebitda'), width: 124, defaultVisible: true },
  { id: 'interest_cover', label: 'grid.col.interestCover', kind: 'multiple', value: ratio('interest_cover'), width: 100, defaultVisible: false },
  { id: 'revenue_growth', label: 'grid.col.revenueGrowth', kind: 'change', value: ratio('revenue_growth'), width: 100, defaultVisible: false },
  { id: 'revenuesChange', label: 'grid.col.revenuesChange', kind: 'change', value: chg('revenues'), width: 110, defaultVisible: true },
  { id: 'ebitdaChange', label: 'grid.col.ebitdaChange', kind: 'change', value: chg('ebitda'), width: 110, defaultVisible: false },
  { id: 'flags', label: 'grid.col.flags', kind: 'flags', value: warningScore, width: 200, defaultVisible: true },
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
export function flagNames(r: Row, name: (code: string) => string): string[] {
  const status = r.flags.filter((f) => f.startsWith('registry_'));
  const rest = r.flags.filter((f) => !f.startsWith('registry_'));
  return [...status.map(name), ...r.breaches.map((b) => b.label || name(b.rule)), ...rest.map(name), ...(r.lost ? [name('lost')] : [])];
}

function naceText(code: string | number | null, lang: Language): string | null {
  if (code === null) return null;
  const d = naceDivisionOf(String(code));
  return d ? `${d.code} ${d.name[lang]}` : String(code);
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
  // Differences in percentage points are exported as the fraction, typed as a number (a per cent of it would mislead).
  pp: 'number',
  xdiff: 'number',
  nace: 'text',
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
          ? flagNames(r, opts.flagName).join(', ')
          : c.kind === 'state' && opts.stateName
            ? opts.stateName(r.state)
            : c.kind === 'nace'
              ? naceText(c.value(r), opts.language ?? 'nb')
              : c.value(r),
      ),
    ),
  };
}
