// Loaded when a pack is written, not when the app starts (about 0.4 s of module loading).
import type ExcelJS from 'exceljs';
import type { WriteStream } from 'node:fs';
import {
  analyseBorrower,
  COMPARISON_MODE_DEFINITIONS,
  COMPARISON_MODES,
  computeRatios,
  dataAgeDays,
  DEFAULT_THRESHOLDS,
  excelAmountFormat,
  IDENTITY_DEFINITIONS,
  IDENTITY_IDS,
  LINE_DEFINITIONS,
  lineValue,
  latestSnapshot,
  parseApiTimestamp,
  PERIOD_BASES,
  PERIOD_BASIS_DEFINITIONS,
  QUALITY_FLAG_CODES,
  QUALITY_FLAG_DEFINITIONS,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  RULE_DEFINITIONS,
  RULE_IDS,
  amountUnitLabel,
  type AmountUnit,
  type BorrowerAnalysis,
  type Language,
  type PeriodFigures,
  type RatioId,
  type RatioSet,
  type RuleId,
  type SnapshotAnalysis,
  type SnapshotRef,
} from '../../../shared/analysis';
import { classificationLabel } from '../../../shared/classification';
import { AppError } from '../../../shared/contract';
import { columnLetter } from '../../../shared/spreadsheet';
import { formatOrgNr } from '../../../shared/orgnr';
import { abandonExport, AtomicFile, WriteFailureWatch } from './atomic-file';
import { rangeRef, type ChartSpec } from './charts/chart-xml';
import { StreamingCharts, type ChartAnchor } from './charts/streaming-charts';
import { a4PageSetup, clip, columnPx, DEFAULT_COLUMN_CHARS, DEFAULT_ROW_PX, headerFooter, printArea } from './page-furniture';
import type { PackBorrower, PackSource } from './pack-source';
import { t } from './pack-texts';

export interface PackOptions {
  language: Language;
  /** `nok`: whole kroner; `thousands`: the NOK 1 000 presentation (an Excel format, the cells keep full NOK). */
  amountUnit: AmountUnit;
  now: Date;
  appVersion: string;
  /** Data older than this many days is flagged (the analyst's setting). */
  maxAgeDays: number;
  /** Native charts on every borrower sheet (default true). */
  charts?: boolean;
  /** The classification label of the page footers (the analyst's setting); unset prints the language's default. */
  classification?: string | null;
}

export type PackPhase = 'preparing' | 'summary' | 'borrowers' | 'finishing';

export interface PackRun {
  signal?: AbortSignal;
  onProgress?: (p: { phase: PackPhase; done: number; total: number }) => void;
}

export interface PackOutcome {
  path: string;
  bytes: number;
  borrowers: number;
  sheets: number;
}

/** The fixed sheets' names (the borrower sheets are named after the borrower and its org number). */
export function fixedSheetNames(lang: Language): { cover: string; summary: string; definitions: string; provenance: string } {
  return { cover: t(lang, 'cover'), summary: t(lang, 'summary'), definitions: t(lang, 'definitions'), provenance: t(lang, 'provenance') };
}

/** A sheet name Excel accepts (31 characters, none of []:*?/\ and no apostrophes, which break formulas). */
export function borrowerSheetName(name: string, orgNr: string): string {
  const clean = name.replace(/[[\]:*?/\\']/g, ' ').replace(/\s+/g, ' ').trim();
  return `${clean.slice(0, 31 - orgNr.length - 1).trim()} ${orgNr}`.trim();
}

// ---- formats and styles ----------------------------------------------------------------------------------

interface Formats {
  amount: string;
  percent: string;
  percentChange: string;
  multiple: string;
  multipleChange: string;
  date: string;
  dateTime: string;
}

function formatsFor(o: PackOptions): Formats {
  return {
    amount: excelAmountFormat({ unit: o.amountUnit, negative: 'parentheses' }),
    percent: '0.0%;-0.0%',
    percentChange: '+0.0%;-0.0%;0.0%',
    multiple: '0.0"x";-0.0"x"',
    multipleChange: '+0.0"x";-0.0"x";0.0"x"',
    date: o.language === 'nb' ? 'dd.mm.yyyy' : 'yyyy-mm-dd',
    dateTime: o.language === 'nb' ? 'dd.mm.yyyy hh:mm' : 'yyyy-mm-dd hh:mm',
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const SECTION_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF1F4E79' } };
const BREACH_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } };
const BREACH_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const STALE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } };

/** A calendar date (YYYY-MM-DD) as the Date exceljs turns into that day's Excel serial (it counts in UTC). */
export function excelDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** An API timestamp as a Date (UTC; the cells say so in their heading). */
export function excelDateTime(ts: string): Date | string {
  try {
    return new Date(parseApiTimestamp(ts));
  } catch {
    return ts;
  }
}

type CellValue = ExcelJS.CellValue;

function setCell(row: ExcelJS.Row, col: number, value: CellValue, style: Partial<ExcelJS.Style> = {}): ExcelJS.Cell {
  const cell = row.getCell(col);
  cell.value = value;
  if (style.numFmt) cell.numFmt = style.numFmt;
  if (style.font) cell.font = style.font;
  if (style.fill) cell.fill = style.fill;
  if (style.alignment) cell.alignment = style.alignment;
  return cell;
}

function headerRow(sheet: ExcelJS.Worksheet, labels: string[]): ExcelJS.Row {
  const row = sheet.addRow(labels);
  row.eachCell((c) => {
    c.font = HEADER_FONT;
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', wrapText: true };
  });
  return row;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar date as the pack writes it in text: 30.09.2026 (nb), 30 Sep 2026 (en). */
export function dayText(iso: string, lang: Language): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return lang === 'nb' ? `${d}.${m}.${y}` : `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
}

/**
 * The span a part-year covers, never a bare year: "01.01–30.09.2026" (nb), "Jan–Sep 2026" for whole months or
 * "1 Jan–14 Aug 2025" (en); the year is written once when both ends are in it.
 */
function spanText(start: string, end: string, lang: Language): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  if (lang === 'nb') return `${sameYear ? dayText(start, lang).slice(0, 5) : dayText(start, lang)}–${dayText(end, lang)}`;
  const s = new Date(`${start}T00:00:00Z`);
  const e = new Date(`${end}T00:00:00Z`);
  const wholeMonths = s.getUTCDate() === 1 && new Date(Date.UTC(e.getUTCFullYear(), e.getUTCMonth(), e.getUTCDate() + 1)).getUTCDate() === 1;
  if (wholeMonths) {
    if (sameYear && s.getUTCMonth() === e.getUTCMonth()) return `${MONTHS_EN[e.getUTCMonth()]} ${e.getUTCFullYear()}`;
    const from = `${MONTHS_EN[s.getUTCMonth()]}${sameYear ? '' : ` ${s.getUTCFullYear()}`}`;
    return `${from}–${MONTHS_EN[e.getUTCMonth()]} ${e.getUTCFullYear()}`;
  }
  const from = dayText(start, lang);
  return `${sameYear ? from.slice(0, -5) : from}–${dayText(end, lang)}`;
}

/**
 * A column's period as its heading, the summary and the charts say it: a full year as its year, a year to date
 * as its span marked (HiÅ) / (YTD), an annualised one marked so, never a bare year for part of one.
 */
export function periodLabel(p: PeriodFigures, lang: Language): string {
  if (p.basis === 'full_year') return String(p.year);
  if (p.basis === 'ytd') return `${spanText(p.start, p.end, lang)} (${t(lang, 'ytd')})`;
  if (p.basis === 'ytd_annualised') return `${spanText(p.start, p.end, lang)} ${t(lang, 'annualised')}`;
  if (p.basis === 'prior_year_pro_rata') return t(lang, 'priorYear');
  return `LTM ${dayText(p.end, lang)}`;
}

function flagNames(a: SnapshotAnalysis | null, b: BorrowerAnalysis, lost: boolean, lang: Language): string {
  const names = (a?.flags ?? []).map((f) => QUALITY_FLAG_DEFINITIONS[f.code].name[lang]);
  if (b.restatements.length > 0) names.push(t(lang, 'restated'));
  if (lost) names.push(t(lang, 'lost'));
  return names.join(', ');
}

// ---- the summary ---------------------------------------------------------------------------------------

interface SummaryRow {
  orgNr: string;
  name: string;
  state: string;
  accountingSystem: string | null;
  period: string | null;
  periodEnd: string | null;
  days: number | null;
  snapshotDate: string | null;
  dataAge: number | null;
  figures: Partial<Record<string, number>>;
  ratios: Partial<Record<RatioId, number | null>>;
  breaches: number;
  breachNames: string;
  breachIds: string;
  flags: string;
  sheetName: string;
}

const SUMMARY_LINES = ['revenues', 'ebitda', 'net_profit', 'equity', 'net_interest_bearing_debt', 'total_assets'] as const;
const SUMMARY_RATIOS = ['revenue_growth', 'ebitda_margin', 'equity_ratio', 'nibd_to_ebitda', 'interest_cover', 'return_on_equity'] as const;
/** Which summary cell a rule's breach colours. */
const RULE_CELL: Record<RuleId, string> = {
  equity_ratio_min: 'equity_ratio',
  nibd_to_ebitda_max: 'nibd_to_ebitda',
  interest_cover_min: 'interest_cover',
  revenue_growth_min: 'revenue_growth',
  equity_min: 'equity',
  net_profit_min: 'net_profit',
};

function analyse(b: PackBorrower, source: PackSource, o: PackOptions): BorrowerAnalysis {
  return analyseBorrower(b.items, { now: o.now, maxAgeDays: o.maxAgeDays, thresholds: source.thresholds, covenants: b.covenants });
}

function summaryRowOf(b: PackBorrower, a: BorrowerAnalysis, o: PackOptions): SummaryRow {
  const lang = o.language;
  const latest = a.latest;
  const latestItem = latestSnapshot(b.items);
  const figures: SummaryRow['figures'] = {};
  const ratios: SummaryRow['ratios'] = {};
  if (latest) {
    for (const id of SUMMARY_LINES) figures[id] = lineValue(latest.reported, id);
    for (const id of SUMMARY_RATIOS) ratios[id] = latest.ratios[id].value;
  }
  const breaches = a.earlyWarning?.breaches ?? [];
  return {
    orgNr: b.orgNr,
    name: b.name,
    state: b.lost ? `${b.state} (${t(lang, 'lost')})` : b.state,
    accountingSystem: latest?.snapshot.accountingSystem ?? null,
    period: latest ? periodLabel(latest.reported, lang) : null,
    periodEnd: latest?.snapshot.endDate ?? null,
    days: latest?.snapshot.daysIncluded ?? null,
    snapshotDate: latest?.snapshot.snapshotDate ?? null,
    dataAge: latestItem ? dataAgeDays(latestItem, o.now) : null,
    figures,
    ratios,
    breaches: breaches.length,
    breachNames: breaches.map((x) => x.label ?? RULE_DEFINITIONS[x.rule].name[lang]).join(', '),
    breachIds: breaches.map((x) => x.rule).join(' '),
    flags: flagNames(latest, a, b.lost, lang),
    sheetName: borrowerSheetName(b.name, b.orgNr),
  };
}

function writeSummary(sheet: ExcelJS.Worksheet, rows: SummaryRow[], o: PackOptions, f: Formats): void {
  const lang = o.language;
  const unit = amountUnitLabel(o.amountUnit);
  const cols: { key: string; label: string; width: number }[] = [
    { key: 'orgNr', label: t(lang, 'orgNr'), width: 12 },
    { key: 'name', label: t(lang, 'name'), width: 32 },
    { key: 'state', label: t(lang, 'state'), width: 18 },
    { key: 'accountingSystem', label: t(lang, 'accountingSystem'), width: 16 },
    { key: 'period', label: t(lang, 'period'), width: 22 },
    { key: 'periodEnd', label: t(lang, 'periodEnd'), width: 12 },
    { key: 'days', label: t(lang, 'days'), width: 7 },
    { key: 'snapshotDate', label: t(lang, 'snapshotDate'), width: 12 },
    { key: 'dataAge', label: t(lang, 'dataAge'), width: 10 },
    ...SUMMARY_LINES.map((id) => ({ key: id, label: `${LINE_DEFINITIONS.find((l) => l.id === id)!.name[lang]} (${unit})`, width: 15 })),
    ...SUMMARY_RATIOS.map((id) => ({ key: id, label: RATIO_DEFINITIONS[id].name[lang], width: 12 })),
    { key: 'breaches', label: t(lang, 'breaches'), width: 8 },
    { key: 'breachNames', label: t(lang, 'breachedRules'), width: 32 },
    { key: 'flags', label: t(lang, 'flags'), width: 24 },
    { key: 'breachIds', label: `${t(lang, 'breachedRules')} (id)`, width: 20 },
    { key: 'sheet', label: t(lang, 'sheet'), width: 8 },
  ];
  const colOf = new Map(cols.map((c, i) => [c.key, i + 1]));
  // The rule ids only drive the colouring (covenants' own limits count): hidden, and not printed.
  sheet.columns = cols.map((c) => ({ width: c.width, hidden: c.key === 'breachIds' }));
  headerRow(
    sheet,
    cols.map((c) => c.label),
  ).height = 30;
  for (const r of rows) {
    const row = sheet.addRow([]);
    setCell(row, colOf.get('orgNr')!, r.orgNr, { numFmt: '@' });
    setCell(row, colOf.get('name')!, r.name);
    setCell(row, colOf.get('state')!, r.state);
    setCell(row, colOf.get('accountingSystem')!, r.accountingSystem);
    setCell(row, colOf.get('period')!, r.period ?? t(lang, 'noData'));
    if (r.periodEnd) setCell(row, colOf.get('periodEnd')!, excelDate(r.periodEnd), { numFmt: f.date });
    setCell(row, colOf.get('days')!, r.days);
    if (r.snapshotDate) setCell(row, colOf.get('snapshotDate')!, excelDate(r.snapshotDate), { numFmt: f.date });
    setCell(row, colOf.get('dataAge')!, r.dataAge);
    for (const id of SUMMARY_LINES) setCell(row, colOf.get(id)!, r.figures[id] ?? null, { numFmt: f.amount });
    for (const id of SUMMARY_RATIOS) {
      const v = r.ratios[id];
      const unitFmt = RATIO_DEFINITIONS[id].unit === 'percent' ? f.percent : f.multiple;
      setCell(row, colOf.get(id)!, v === undefined ? null : v === null ? t(lang, 'notEvaluable') : v, { numFmt: unitFmt, alignment: { horizontal: 'right' } });
    }
    setCell(row, colOf.get('breaches')!, r.breaches);
    setCell(row, colOf.get('breachNames')!, r.breachNames);
    setCell(row, colOf.get('flags')!, r.flags);
    setCell(row, colOf.get('breachIds')!, r.breachIds);
    setCell(
      row,
      colOf.get('sheet')!,
      { formula: `HYPERLINK("#'${r.sheetName}'!A1","${t(lang, 'open')}")`, result: t(lang, 'open') },
      { font: { color: { argb: 'FF0563C1' }, underline: true } },
    );
    row.commit();
  }
  const last = Math.max(2, rows.length + 1);
  const lastCol = columnLetter(cols.length);
  sheet.autoFilter = `A1:${lastCol}1`;
  const L = (key: string) => columnLetter(colOf.get(key)!);
  // Printed up to the flags (the hidden ids and the sheet links are for the screen), org number and name on
  // every page across.
  const printed = cols.slice(0, colOf.get('flags'));
  Object.assign(
    sheet.pageSetup,
    a4PageSetup(
      printed.reduce((x, c) => x + c.width, 0),
      { printArea: printArea(L('flags'), last), printTitlesRow: '1:1', printTitlesColumn: 'A:B' },
    ),
  );
  let priority = 1;
  // A breached cell is coloured by its rule id in the (id) column, so covenants' own limits count.
  const cf: ExcelJS.ConditionalFormattingOptions[] = RULE_IDS.map((rule) => ({
    ref: `${L(RULE_CELL[rule])}2:${L(RULE_CELL[rule])}${last}`,
    rules: [
      {
        type: 'expression',
        priority: priority++,
        formulae: [`ISNUMBER(SEARCH("${rule}",$${L('breachIds')}2))`],
        style: { fill: BREACH_FILL, font: { ...BREACH_FONT, bold: true } },
      },
    ],
  }));
  cf.push({
    ref: `${L('breaches')}2:${L('breaches')}${last}`,
    rules: [{ type: 'cellIs', operator: 'greaterThan', priority: priority++, formulae: ['0'], style: { fill: BREACH_FILL, font: BREACH_FONT } }],
  });
  cf.push({
    ref: `${L('dataAge')}2:${L('dataAge')}${last}`,
    rules: [{ type: 'cellIs', operator: 'greaterThan', priority: priority++, formulae: [String(o.maxAgeDays)], style: { fill: STALE_FILL } }],
  });
  for (const c of cf) sheet.addConditionalFormatting(c);
}

// ---- a borrower sheet ------------------------------------------------------------------------------------

interface Column {
  header: string;
  kind: 'period' | 'change' | 'changePct';
  period?: PeriodFigures;
  ratios?: RatioSet;
  /** For change columns: the columns (1-based) of the target and the base. */
  target?: number;
  base?: number;
  /** A period as reported (not a derived one): the charts show these. */
  reported?: boolean;
}

/** The periods side by side and where each came from, for the sheet and the provenance sheet. */
function columnsOf(a: BorrowerAnalysis, lang: Language): { cols: Column[]; used: Map<string, { ref: SnapshotRef; usedFor: Set<string> }> } {
  const cols: Column[] = [];
  const used = new Map<string, { ref: SnapshotRef; usedFor: Set<string> }>();
  const use = (refs: SnapshotRef[], what: string) => {
    for (const ref of refs) {
      const key = `${ref.id}|${ref.fetchedAt}|${ref.snapshotDate}`;
      const u = used.get(key) ?? { ref, usedFor: new Set<string>() };
      u.usedFor.add(what);
      used.set(key, u);
    }
  };
  const latest = a.latest;
  if (!latest) return { cols, used };
  cols.push({ header: periodLabel(latest.reported, lang), kind: 'period', period: latest.reported, ratios: latest.ratios, reported: true });
  use(latest.reported.sources, t(lang, 'latest'));
  if (latest.priorYear.ok) {
    const p = latest.priorYear.period;
    cols.push({ header: t(lang, 'priorYear'), kind: 'period', period: p, ratios: computeRatios(p) });
    use(p.sources, t(lang, 'priorYearSource'));
    cols.push({ header: t(lang, 'change'), kind: 'change', target: 2, base: 3 });
    cols.push({ header: t(lang, 'changePct'), kind: 'changePct', target: 2, base: 3 });
  }
  if (latest.reported.basis === 'ytd') {
    cols.push({ header: periodLabel(latest.annualised, lang), kind: 'period', period: latest.annualised, ratios: computeRatios(latest.annualised) });
  }
  for (const y of a.years.filter((y) => y !== latest).slice(0, 4)) {
    cols.push({ header: periodLabel(y.reported, lang), kind: 'period', period: y.reported, ratios: y.ratios, reported: true });
    use(y.reported.sources, `${t(lang, 'yearColumn')} ${y.reported.year}`);
  }
  return { cols, used };
}

export interface ProvenanceRow {
  orgNr: string;
  name: string;
  ref: SnapshotRef;
  usedFor: string;
}

function writeBorrowerSheet(
  sheet: ExcelJS.Worksheet,
  b: PackBorrower,
  a: BorrowerAnalysis,
  o: PackOptions,
  f: Formats,
  charts: StreamingCharts | null,
): ProvenanceRow[] {
  const lang = o.language;
  const { cols, used } = columnsOf(a, lang);
  const firstData = 2;
  const widths = [40, ...cols.map((c) => (c.kind === 'period' ? 17 : 13))];
  sheet.columns = widths.map((width) => ({ width }));
  const lastCol = columnLetter(widths.length);
  // Printed: the columns in use (charts may reach further), the headings and the label column on every page;
  // landscape even when narrow, so that every borrower prints alike and its name has room in the header.
  const printSetup = (toCol: string, toRow: number, widthChars: number) =>
    Object.assign(
      sheet.pageSetup,
      a4PageSetup(widthChars, { orientation: 'landscape', printArea: printArea(toCol, toRow), printTitlesRow: '4:7', printTitlesColumn: 'A:A' }),
    );
  const tableChars = widths.reduce((x, w) => x + w, 0);

  const title = sheet.addRow([`${b.name} (${b.orgNr})`]);
  title.getCell(1).font = { bold: true, size: 14 };
  const info = sheet.addRow([]);
  setCell(info, 1, `${t(lang, 'orgNr')} ${b.orgNr} · ${t(lang, 'state')}: ${b.lost ? `${b.state} (${t(lang, 'lost')})` : b.state} · ${t(lang, 'accountingSystem')}: ${a.latest?.snapshot.accountingSystem ?? '-'}`);
  const orgRow = sheet.addRow([t(lang, 'orgNr')]);
  setCell(orgRow, 2, b.orgNr, { numFmt: '@' });

  // Rows 4-7 are the column headings, repeated on every printed page.
  const head = headerRow(sheet, [t(lang, 'period'), ...cols.map((c) => c.header)]);
  head.height = 30;
  const from = sheet.addRow([t(lang, 'from')]);
  const to = sheet.addRow([t(lang, 'to')]);
  const days = sheet.addRow([t(lang, 'days')]);
  cols.forEach((c, i) => {
    if (!c.period) return;
    setCell(from, firstData + i, excelDate(c.period.start), { numFmt: f.date });
    setCell(to, firstData + i, excelDate(c.period.end), { numFmt: f.date });
    setCell(days, firstData + i, c.period.days);
  });

  if (!a.latest) {
    printSetup(lastCol, sheet.addRow([t(lang, 'noData')]).number, tableChars);
    return [];
  }

  const section = (label: string) => {
    const r = sheet.addRow([label]);
    r.getCell(1).font = SECTION_FONT;
  };
  const figureRow = (label: string, values: (number | string | null)[], fmt: string, changeFmt: string, relative: boolean): number => {
    const row = sheet.addRow([label]);
    const n = row.number;
    cols.forEach((c, i) => {
      const col = firstData + i;
      const v = values[i] ?? null;
      if (c.kind === 'period') {
        setCell(row, col, v, { numFmt: fmt, alignment: { horizontal: 'right' } });
        return;
      }
      const T = `${columnLetter(c.target!)}${n}`;
      const B = `${columnLetter(c.base!)}${n}`;
      const tv = values[c.target! - firstData];
      const bv = values[c.base! - firstData];
      const nums = typeof tv === 'number' && typeof bv === 'number';
      if (c.kind === 'change') {
        // Live formulas (the committee can follow them), with the result cached for readers that do not recalculate.
        setCell(row, col, { formula: `IF(AND(ISNUMBER(${T}),ISNUMBER(${B})),${T}-${B},"")`, result: nums ? tv - bv : '' }, { numFmt: changeFmt });
      } else if (relative) {
        const ok = nums && Math.abs(bv) >= 0.005;
        setCell(
          row,
          col,
          { formula: `IF(AND(ISNUMBER(${T}),ISNUMBER(${B})),IF(ABS(${B})<0.005,"",(${T}-${B})/ABS(${B})),"")`, result: ok ? (tv - bv) / Math.abs(bv) : '' },
          { numFmt: f.percentChange },
        );
      }
    });
    row.commit();
    return n;
  };
  // Where each line and ratio landed, for the chart data's formulas.
  const rowOf = new Map<string, number>();

  section(t(lang, 'pAndL'));
  for (const def of LINE_DEFINITIONS.filter((l) => l.kind === 'flow')) {
    rowOf.set(def.id, figureRow(def.name[lang], cols.map((c) => (c.period ? lineValue(c.period, def.id) : null)), f.amount, f.amount, true));
  }
  section(t(lang, 'balance'));
  for (const def of LINE_DEFINITIONS.filter((l) => l.kind === 'stock')) {
    rowOf.set(def.id, figureRow(def.name[lang], cols.map((c) => (c.period ? lineValue(c.period, def.id) : null)), f.amount, f.amount, true));
  }
  section(t(lang, 'ratios'));
  const naNotes: string[] = [];
  for (const id of RATIO_IDS) {
    const def = RATIO_DEFINITIONS[id];
    const values = cols.map((c) => {
      if (!c.ratios) return null;
      const r = c.ratios[id];
      return r.value === null ? t(lang, 'notEvaluable') : r.value;
    });
    const latestResult = a.latest.ratios[id];
    if (latestResult.value === null) naNotes.push(`${def.name[lang]} (${cols[0]!.header}): ${latestResult.explain[lang]}`);
    rowOf.set(id, figureRow(def.name[lang], values, def.unit === 'percent' ? f.percent : f.multiple, def.unit === 'percent' ? f.percentChange : f.multipleChange, false));
  }

  sheet.addRow([]);
  section(t(lang, 'notes'));
  const notes = new Set<string>();
  for (const c of cols) if (c.period && c.period.method !== 'as_reported') notes.add(`${c.header}: ${c.period.note[lang]}`);
  if (cols.some((c) => c.kind === 'change')) notes.add(t(lang, 'changeNote'));
  const chartCols = charts ? cols.map((c, i) => ({ c, col: firstData + i })).filter((x) => x.c.reported) : [];
  if (chartCols.length > 0) notes.add(t(lang, 'chartNote'));
  for (const n of [...notes, ...naNotes]) sheet.addRow([n]).getCell(1).alignment = { wrapText: false };

  sheet.addRow([]);
  section(t(lang, 'qualityFlags'));
  if (a.latest.flags.length === 0) sheet.addRow([t(lang, 'none')]);
  for (const fl of a.latest.flags) sheet.addRow([`${QUALITY_FLAG_DEFINITIONS[fl.code].name[lang]}: ${fl.message[lang]}`]);

  sheet.addRow([]);
  section(t(lang, 'earlyWarning'));
  headerRow(sheet, [t(lang, 'rule'), t(lang, 'actual'), t(lang, 'limit'), t(lang, 'headroom'), t(lang, 'status'), t(lang, 'source')]);
  for (const ev of a.earlyWarning?.evaluations ?? []) {
    const def = RULE_DEFINITIONS[ev.rule];
    const fmt = def.metric.kind === 'line' ? f.amount : RATIO_DEFINITIONS[def.metric.id as RatioId].unit === 'percent' ? f.percent : f.multiple;
    const row = sheet.addRow([def.name[lang]]);
    setCell(row, 2, ev.actual ?? t(lang, 'notEvaluable'), { numFmt: fmt, alignment: { horizontal: 'right' } });
    setCell(row, 3, ev.limit, { numFmt: fmt });
    setCell(row, 4, ev.headroom, { numFmt: fmt });
    const status = ev.status === 'breach' ? t(lang, 'breach') : ev.status === 'ok' ? t(lang, 'ok') : t(lang, 'notEvaluable');
    setCell(row, 5, status, ev.status === 'breach' ? { font: { ...BREACH_FONT, bold: true } } : {});
    setCell(row, 6, ev.source === 'covenant' ? `${t(lang, 'covenant')}${ev.label ? `: ${ev.label}` : ''}` : t(lang, 'threshold'));
  }

  if (a.restatements.length > 0) {
    sheet.addRow([]);
    section(t(lang, 'restatements'));
    headerRow(sheet, [t(lang, 'line'), t(lang, 'before'), t(lang, 'after'), t(lang, 'change'), t(lang, 'year'), t(lang, 'snapshotId')]);
    for (const r of a.restatements) {
      for (const m of r.moved) {
        const row = sheet.addRow([LINE_DEFINITIONS.find((l) => l.id === m.id)!.name[lang]]);
        setCell(row, 2, m.before, { numFmt: f.amount });
        setCell(row, 3, m.after, { numFmt: f.amount });
        const n = row.number;
        setCell(row, 4, { formula: `C${n}-B${n}`, result: m.change }, { numFmt: f.amount });
        setCell(row, 5, r.year);
        setCell(row, 6, `${r.before.id} → ${r.after.id}`);
      }
      use(r.before, `${t(lang, 'restatements')} ${r.year}`);
      use(r.after, `${t(lang, 'restatements')} ${r.year}`);
    }
  }

  if (charts && chartCols.length > 0) {
    const printed = writeCharts(sheet, charts, chartCols, rowOf, widths, o, f);
    printSetup(printed.toCol, printed.toRow, printed.widthChars);
  } else {
    printSetup(lastCol, sheet.addRow([]).number - 1, tableChars);
  }

  return [...used.values()].map((u) => ({ orgNr: b.orgNr, name: b.name, ref: u.ref, usedFor: [...u.usedFor].join(', ') }));

  function use(ref: SnapshotRef, what: string): void {
    const key = `${ref.id}|${ref.fetchedAt}|${ref.snapshotDate}`;
    const u = used.get(key) ?? { ref, usedFor: new Set<string>() };
    u.usedFor.add(what);
    used.set(key, u);
  }
}

// ---- the charts -----------------------------------------------------------------------------------------

const AMOUNT_SERIES = [
  { id: 'revenues', colour: '1F4E79' },
  { id: 'ebitda', colour: '70AD47' },
  { id: 'net_profit', colour: 'BF9000' },
] as const;
const RATIO_SERIES = [
  { id: 'equity_ratio', colour: '1F4E79' },
  { id: 'ebitda_margin', colour: 'C55A11' },
] as const;
const CHART_HEIGHT_PX = 320;
const CHART_MIN_WIDTH_PX = 480;
const CHART_GAP_PX = 16;

/** The zero-based column whose span holds pixel `x`, and how far into it `x` lies. */
function columnAt(x: number, widths: readonly number[]): { col: number; offsetPx: number } {
  let left = 0;
  for (let col = 0; ; col++) {
    const w = columnPx(widths[col] ?? DEFAULT_COLUMN_CHARS);
    if (x < left + w) return { col, offsetPx: x - left };
    left += w;
  }
}

/**
 * The chart data and the two native charts under a borrower's tables, on a printed page of their own: the
 * reported periods oldest first, each chart-data cell a formula on the table above (so a corrected figure moves
 * its bar), an empty cell where a figure is missing or a ratio cannot be computed (a gap in the chart, never a
 * zero). A year to date is named as such in its label and drawn hatched or hollow beside the full years.
 */
function writeCharts(
  sheet: ExcelJS.Worksheet,
  charts: StreamingCharts,
  chartCols: readonly { c: Column; col: number }[],
  rowOf: ReadonlyMap<string, number>,
  widths: readonly number[],
  o: PackOptions,
  f: Formats,
): { toCol: string; toRow: number; widthChars: number } {
  const lang = o.language;
  const periods = [...chartCols].sort((x, y) => x.c.period!.end.localeCompare(y.c.period!.end));
  const first = 2;
  const lastDataCol = columnLetter(first + periods.length - 1);
  sheet.addRow([]).addPageBreak();
  sheet.addRow([t(lang, 'chartData')]).getCell(1).font = SECTION_FONT;
  sheet.addRow([t(lang, 'chartDataNote')]);
  const head = sheet.addRow([]);
  const headStyle = { font: HEADER_FONT, fill: HEADER_FILL, alignment: { vertical: 'middle', wrapText: true } } as const;
  setCell(head, 1, t(lang, 'period'), headStyle);
  // The labels are the table's own headings (row 4), so the charts name the periods as the table does.
  periods.forEach((p, k) => setCell(head, first + k, { formula: `${columnLetter(p.col)}4`, result: p.c.header }, headStyle));
  head.height = 30;
  head.commit();

  const dataRow = (id: string, label: string, value: (c: Column) => number | null, fmt: string) => {
    const row = sheet.addRow([label]);
    const src = rowOf.get(id)!;
    const cache = periods.map((p, k) => {
      const v = value(p.c);
      // A figure the table lacks (a ratio it shows as n/a) stays an empty cell: every reader leaves a gap for
      // that, whereas LibreOffice draws #N/A as zero and Excel draws text as zero.
      if (v === null) return null;
      const ref = `${columnLetter(p.col)}${src}`;
      setCell(row, first + k, { formula: `IF(ISNUMBER(${ref}),${ref},"")`, result: v }, { numFmt: fmt, alignment: { horizontal: 'right' } });
      return v;
    });
    row.commit();
    return { row: row.number, label, cache };
  };
  const lineName = (id: string) => LINE_DEFINITIONS.find((l) => l.id === id)!.name[lang].replace(/ \(.*\)$/, '');
  const amounts = AMOUNT_SERIES.map((s) => ({ ...s, ...dataRow(s.id, lineName(s.id), (c) => lineValue(c.period!, s.id), f.amount) }));
  const ratios = RATIO_SERIES.map((s) => ({ ...s, ...dataRow(s.id, RATIO_DEFINITIONS[s.id].name[lang], (c) => c.ratios![s.id].value, f.percent) }));
  const blank = sheet.addRow([]);

  const categories = { ref: rangeRef(sheet.name, { col: 'B', row: head.number }, { col: lastDataCol, row: head.number }), cache: periods.map((p) => p.c.header) };
  const marked = periods.flatMap((p, k) => (p.c.period!.basis === 'ytd' ? [k] : []));
  const chartLang = lang === 'nb' ? 'nb-NO' : 'en-GB';
  const series = (rows: readonly { row: number; label: string; cache: (number | null)[]; colour: string }[]) =>
    rows.map((r) => ({
      name: { ref: rangeRef(sheet.name, { col: 'A', row: r.row }), text: r.label },
      values: { ref: rangeRef(sheet.name, { col: 'B', row: r.row }, { col: lastDataCol, row: r.row }), cache: r.cache },
      colour: r.colour,
    }));
  // Millions on the axis keep its labels short whatever the company's size; a decimal for the small ones.
  const biggest = Math.max(0, ...amounts.flatMap((r) => r.cache).map((v) => Math.abs(v ?? 0)));
  const amountSpec: ChartSpec = {
    kind: 'column',
    title: t(lang, 'chartAmounts'),
    categories,
    series: series(amounts),
    axisFormat: biggest >= 1e7 ? '#,##0,,' : '#,##0.0,,',
    valueFormat: f.amount,
    marked,
    lang: chartLang,
  };
  const ratioSpec: ChartSpec = {
    kind: 'line',
    title: t(lang, 'chartRatios'),
    categories,
    series: series(ratios),
    axisFormat: '0%',
    valueFormat: f.percent,
    marked,
    lang: chartLang,
  };

  // Side by side under the data, together as wide as the table (or wider, when the table has few columns).
  const tablePx = widths.reduce((x, w) => x + columnPx(w), 0);
  const width = Math.max(CHART_MIN_WIDTH_PX, Math.floor((tablePx - CHART_GAP_PX) / 2));
  const second = columnAt(width + CHART_GAP_PX, widths);
  const top = blank.number; // zero-based: the row after the blank one
  const anchors: ChartAnchor[] = [
    { col: 0, row: top, widthPx: width, heightPx: CHART_HEIGHT_PX, description: t(lang, 'chartAmountsAlt') },
    { col: second.col, colOffsetPx: second.offsetPx, row: top, widthPx: width, heightPx: CHART_HEIGHT_PX, description: t(lang, 'chartRatiosAlt') },
  ];
  charts.add(sheet, [
    { spec: amountSpec, anchor: anchors[0]! },
    { spec: ratioSpec, anchor: anchors[1]! },
  ]);
  const right = columnAt(2 * width + CHART_GAP_PX - 1, widths).col + 1;
  const printCols = Math.max(widths.length, right);
  let widthChars = 0;
  for (let c = 0; c < printCols; c++) widthChars += widths[c] ?? DEFAULT_COLUMN_CHARS;
  return { toCol: columnLetter(printCols), toRow: top + Math.ceil(CHART_HEIGHT_PX / DEFAULT_ROW_PX), widthChars };
}

// ---- cover, definitions, provenance ----------------------------------------------------------------------

function writeCover(sheet: ExcelJS.Worksheet, source: PackSource, o: PackOptions, f: Formats, counts: { borrowers: number; withBreaches: number }): void {
  const lang = o.language;
  sheet.columns = [{ width: 30 }, { width: 90 }];
  const title = sheet.addRow([t(lang, 'coverTitle')]);
  title.getCell(1).font = { bold: true, size: 18, color: { argb: 'FF1F4E79' } };
  sheet.addRow([]);
  const kv = (k: string, v: CellValue, numFmt?: string) => {
    const row = sheet.addRow([k]);
    row.getCell(1).font = { bold: true };
    setCell(row, 2, v, numFmt ? { numFmt, alignment: { horizontal: 'left' } } : { alignment: { horizontal: 'left', wrapText: true } });
  };
  kv(t(lang, 'bank'), source.bank ? (source.bank.orgNr ? `${source.bank.name} (${t(lang, 'orgNr')} ${source.bank.orgNr})` : source.bank.name) : t(lang, 'bankUnknown'));
  kv(t(lang, 'profile'), source.profileName);
  kv(`${t(lang, 'dataAsOf')} (UTC)`, source.dataAsOf ?? t(lang, 'neverSynced'), source.dataAsOf ? f.dateTime : undefined);
  kv(`${t(lang, 'generatedAt')} (UTC)`, o.now, f.dateTime);
  kv(t(lang, 'appVersion'), `Symetrisk Desk ${o.appVersion}`);
  kv(t(lang, 'dataSource'), source.dataSource);
  kv(t(lang, 'borrowers'), counts.borrowers);
  kv(t(lang, 'withBreaches'), counts.withBreaches);
  kv(t(lang, 'amounts'), `${amountUnitLabel(o.amountUnit)}; ${t(lang, 'amountsNote')}`);
  sheet.addRow([]);
  kv(t(lang, 'disclaimerTitle'), t(lang, 'disclaimer'));
  sheet.lastRow!.height = 60;
  sheet.addRow([]);
  const c = sheet.addRow([t(lang, 'contents')]);
  c.getCell(1).font = SECTION_FONT;
  let last = 0;
  for (const k of ['contentsSummary', 'contentsBorrowers', 'contentsDefinitions', 'contentsProvenance'] as const) last = sheet.addRow(['', t(lang, k)]).number;
  Object.assign(sheet.pageSetup, a4PageSetup(120, { printArea: printArea('B', last) }));
}

function writeDefinitions(sheet: ExcelJS.Worksheet, o: PackOptions): void {
  const lang = o.language;
  sheet.columns = [{ width: 30 }, { width: 34 }, { width: 100 }, { width: 40 }];
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  const section = (label: string, headers: string[]) => {
    if (sheet.rowCount > 0) sheet.addRow([]);
    const r = sheet.addRow([label]);
    r.getCell(1).font = { ...SECTION_FONT, size: 12 };
    headerRow(sheet, headers);
  };
  const row = (cells: CellValue[]) => {
    const r = sheet.addRow(cells);
    r.eachCell((c) => (c.alignment = wrap));
  };
  section(t(lang, 'ratios'), [t(lang, 'id'), t(lang, 'name'), t(lang, 'definition'), t(lang, 'unit')]);
  for (const id of RATIO_IDS) {
    const d = RATIO_DEFINITIONS[id];
    row([id, d.name[lang], d.definition[lang], d.unit]);
  }
  section(t(lang, 'lines'), [t(lang, 'id'), t(lang, 'name'), '', t(lang, 'unit')]);
  for (const l of LINE_DEFINITIONS) row([l.id, l.name[lang], '', l.kind === 'flow' ? t(lang, 'pAndL') : t(lang, 'balance')]);
  section(t(lang, 'periods'), [t(lang, 'id'), t(lang, 'name'), t(lang, 'definition'), '']);
  for (const id of PERIOD_BASES) row([id, PERIOD_BASIS_DEFINITIONS[id].name[lang], PERIOD_BASIS_DEFINITIONS[id].definition[lang], '']);
  section(t(lang, 'comparisonModes'), [t(lang, 'id'), '', t(lang, 'definition'), '']);
  for (const id of COMPARISON_MODES) row([id, '', COMPARISON_MODE_DEFINITIONS[id][lang], '']);
  section(t(lang, 'identities'), [t(lang, 'id'), t(lang, 'formula'), t(lang, 'definition'), '']);
  for (const id of IDENTITY_IDS) row([id, IDENTITY_DEFINITIONS[id].formula, IDENTITY_DEFINITIONS[id].description[lang], '']);
  section(t(lang, 'qualityFlags'), [t(lang, 'id'), t(lang, 'name'), t(lang, 'definition'), '']);
  for (const code of QUALITY_FLAG_CODES) row([code, QUALITY_FLAG_DEFINITIONS[code].name[lang], QUALITY_FLAG_DEFINITIONS[code].definition[lang], '']);
  section(t(lang, 'rules'), [t(lang, 'id'), t(lang, 'name'), t(lang, 'definition'), t(lang, 'defaultLimit')]);
  for (const id of RULE_IDS) row([id, RULE_DEFINITIONS[id].name[lang], RULE_DEFINITIONS[id].definition[lang], DEFAULT_THRESHOLDS[id].limit]);
  Object.assign(sheet.pageSetup, a4PageSetup(204, { printArea: printArea('D', sheet.addRow([]).number - 1) }));
}

function writeProvenance(sheet: ExcelJS.Worksheet, rows: ProvenanceRow[], o: PackOptions, f: Formats): void {
  const lang = o.language;
  const widths = [12, 30, 12, 7, 12, 12, 7, 13, 18, 16, 13, 40];
  sheet.columns = widths.map((width) => ({ width }));
  headerRow(sheet, [
    t(lang, 'orgNr'),
    t(lang, 'name'),
    t(lang, 'snapshotId'),
    t(lang, 'year'),
    t(lang, 'from'),
    t(lang, 'to'),
    t(lang, 'days'),
    t(lang, 'snapshotDate'),
    `${t(lang, 'fetchedAt')} (UTC)`,
    t(lang, 'accountingSystem'),
    t(lang, 'formatVersion'),
    t(lang, 'usedFor'),
  ]).height = 30;
  for (const p of rows) {
    const row = sheet.addRow([]);
    setCell(row, 1, p.orgNr, { numFmt: '@' });
    setCell(row, 2, p.name);
    setCell(row, 3, p.ref.id);
    setCell(row, 4, p.ref.year);
    setCell(row, 5, excelDate(p.ref.startDate), { numFmt: f.date });
    setCell(row, 6, excelDate(p.ref.endDate), { numFmt: f.date });
    setCell(row, 7, p.ref.daysIncluded);
    setCell(row, 8, excelDate(p.ref.snapshotDate), { numFmt: f.date });
    setCell(row, 9, excelDateTime(p.ref.fetchedAt), { numFmt: f.dateTime });
    setCell(row, 10, p.ref.accountingSystem);
    setCell(row, 11, p.ref.formatVersion, { numFmt: '@' });
    setCell(row, 12, p.usedFor);
    row.commit();
  }
  sheet.autoFilter = 'A1:L1';
  Object.assign(
    sheet.pageSetup,
    a4PageSetup(
      widths.reduce((x, w) => x + w, 0),
      { printArea: printArea('L', rows.length + 1), printTitlesRow: '1:1' },
    ),
  );
}

// ---- the workbook ----------------------------------------------------------------------------------------

interface ZipInternals {
  on(event: 'entry', l: (e: { name: string }) => void): void;
  on(event: 'error', l: (e: Error) => void): void;
  abort(): void;
}

/**
 * Keeps the writer from running ahead of the zip: exceljs appends each sheet to the archive as a stream that is
 * buffered until the archiver reaches it, so without this 1,000 sheets would sit in memory at once.
 */
class ZipPacer {
  private readonly done = new Set<string>();
  private waiting: { name: string; resolve: () => void } | null = null;
  private failed: Error | null = null;

  constructor(zip: ZipInternals) {
    zip.on('entry', (e) => {
      const name = e.name.replace(/^\/+/, '');
      this.done.add(name);
      if (this.waiting?.name === name) {
        this.waiting.resolve();
        this.waiting = null;
      }
    });
    zip.on('error', (e) => {
      this.failed = e;
      this.waiting?.resolve();
    });
  }

  async until(name: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.done.has(name)) return;
    await new Promise<void>((resolve) => (this.waiting = { name, resolve }));
    if (this.failed) throw this.failed;
  }
}

function checkCancel(signal: AbortSignal | undefined, watch?: WriteFailureWatch): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
  watch?.check();
}

/**
 * Builds the credit-committee pack at `target`: streamed (rows and sheets committed as they are written), into a
 * temporary file beside the target that is renamed only when the workbook is complete. Cancelling (the signal)
 * or any failure removes the temporary file and leaves an existing target untouched.
 */
export async function buildPack(source: PackSource, options: PackOptions, target: string, run: PackRun = {}): Promise<PackOutcome> {
  const { signal, onProgress } = run;
  const o = options;
  const lang = o.language;
  const f = formatsFor(o);
  const total = source.count;
  const { default: Excel } = await import('exceljs');
  const file = AtomicFile.prepare(target);
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file.tempPath, useStyles: true, useSharedStrings: false });
  const zip = (wb as unknown as { zip: ZipInternals }).zip;
  const out = (wb as unknown as { stream: WriteStream }).stream;
  const pacer = new ZipPacer(zip);
  // A write failure (a full disk) must end the build, not leave it waiting on a stream that stopped.
  const watch = new WriteFailureWatch(out, zip);
  let committed = false;
  try {
    wb.creator = 'Symetrisk Desk';
    wb.lastModifiedBy = 'Symetrisk Desk';
    wb.created = o.now;
    wb.modified = o.now;
    wb.title = `${t(lang, 'title')}: ${source.profileName}`;
    wb.subject = source.bank ? source.bank.name : source.profileName;
    wb.keywords = 'Symetrisk; credit; kreditt';
    wb.category = t(lang, 'title');
    wb.description = `${t(lang, 'dataSource')}: ${source.dataSource}. Symetrisk Desk ${o.appVersion}.`;
    (wb as unknown as { language: string }).language = lang === 'nb' ? 'nb-NO' : 'en-GB';
    const charts = o.charts === false ? null : new StreamingCharts(wb);
    const names = fixedSheetNames(lang);
    const classification = classificationLabel(o.classification, lang);
    const dataDate = source.dataAsOf
      ? t(lang, 'footerDataAsOf').replace('{date}', dayText(source.dataAsOf.toISOString().slice(0, 10), lang))
      : t(lang, 'footerNeverSynced');
    // The same furniture on every sheet; a borrower sheet names its borrower, the others their sheet.
    const furniture = (subject: string | null) => ({
      headerFooter: headerFooter({ lang, bank: source.bank?.name ?? null, document: t(lang, 'title'), subject, dataDate, classification }),
    });
    // The final orientation and print area are set as each sheet is written; fitToPage has to be known now.
    const pageSetup = (extra: Partial<ExcelJS.PageSetup> = {}) => ({ pageSetup: a4PageSetup(200, extra) });

    // Pass 1: the summary needs every borrower before the first borrower sheet is written.
    const summary: SummaryRow[] = [];
    let done = 0;
    onProgress?.({ phase: 'preparing', done, total });
    for await (const b of source.borrowers()) {
      checkCancel(signal, watch);
      summary.push(summaryRowOf(b, analyse(b, source, o), o));
      done++;
      if (done % 25 === 0) {
        onProgress?.({ phase: 'preparing', done, total });
        await new Promise((r) => setImmediate(r)); // let a cancel request in
      }
    }
    checkCancel(signal, watch);

    const cover = wb.addWorksheet(names.cover, { ...pageSetup(), ...furniture(null) });
    writeCover(cover, source, o, f, { borrowers: summary.length, withBreaches: summary.filter((s) => s.breaches > 0).length });
    cover.commit();

    onProgress?.({ phase: 'summary', done: 0, total });
    const sum = wb.addWorksheet(names.summary, {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
      ...pageSetup(),
      ...furniture(null),
    });
    writeSummary(sum, summary, o, f);
    sum.commit();
    summary.length = 0;

    const provenance: ProvenanceRow[] = [];
    const sheetFiles: string[] = [];
    const taken = new Set<string>(Object.values(names));
    done = 0;
    onProgress?.({ phase: 'borrowers', done, total });
    for await (const b of source.borrowers()) {
      checkCancel(signal, watch);
      let name = borrowerSheetName(b.name, b.orgNr);
      for (let n = 2; taken.has(name); n++) name = `${name.slice(0, 27)} (${n})`;
      taken.add(name);
      const sheet = wb.addWorksheet(name, {
        views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }],
        ...pageSetup(),
        ...furniture(`${clip(b.name, 40)} (${t(lang, 'orgNrInline')} ${formatOrgNr(b.orgNr)})`),
      });
      provenance.push(...writeBorrowerSheet(sheet, b, analyse(b, source, o), o, f, charts));
      sheet.commit();
      sheetFiles.push(`xl/worksheets/sheet${(sheet as unknown as { id: number }).id}.xml`);
      done++;
      onProgress?.({ phase: 'borrowers', done, total });
      // Stay at most a few sheets ahead of the zip.
      const behind = sheetFiles[sheetFiles.length - 4];
      if (behind) await watch.race(pacer.until(behind));
      else await new Promise((r) => setImmediate(r));
    }
    checkCancel(signal, watch);

    onProgress?.({ phase: 'finishing', done, total });
    const defs = wb.addWorksheet(names.definitions, { ...pageSetup(), ...furniture(null) });
    writeDefinitions(defs, o);
    defs.commit();
    const prov = wb.addWorksheet(names.provenance, { views: [{ state: 'frozen', ySplit: 1 }], ...pageSetup(), ...furniture(null) });
    writeProvenance(prov, provenance, o, f);
    prov.commit();
    checkCancel(signal, watch);
    await watch.race(wb.commit());
    committed = true;
    const bytes = file.commit();
    return { path: file.target, bytes, borrowers: done, sheets: done + 4 };
  } catch (e) {
    return abandonExport(e, { zip, out, file, committed });
  }
}
