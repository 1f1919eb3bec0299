import type ExcelJS from 'exceljs';
import {
  COVENANT_BASIS_DEFINITIONS,
  COVENANT_STATUS_TEXT,
  DEFAULT_NEAR_LIMIT_SHARE,
  LINE_DEFINITIONS,
  NOT_AVAILABLE,
  NOT_MEANINGFUL,
  QUALITY_FLAG_DEFINITIONS,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  RULE_DEFINITIONS,
  RULE_IDS,
  formatRangeNo,
  isFlowLine,
  lineValue,
  type AmountUnit,
  type BorrowerAnalysis,
  type CovenantTest,
  type Language,
  type LineId,
  type RatioId,
  type RatioResult,
  type RuleId,
  type SnapshotRef,
  type Thresholds,
} from '../../../shared/analysis';
import {
  COMMITTEE_TEXT,
  fill,
  formatLocalDateTime,
  registryFactRows,
  registryFindings,
  requirementText,
  amountUnitLine,
  ruleSourceText,
  statusAlertText,
  summaryCovenant,
} from '../../../shared/committee';
import type { CommitteeSummary, SummaryFigure, SummaryWarning } from '../../../shared/contract/dto';
import { EBITDA_NOT_RECONCILABLE, type FilingStatus, type LineStatus, type ReconciliationStatus } from '../../../shared/registry';
import { columnLetter } from '../../../shared/spreadsheet';
import { rangeRef, type ChartSpec } from './charts/chart-xml';
import type { ChartAnchor, StreamingCharts } from './charts/streaming-charts';
import { MAX_TABLE_COLUMNS, periodKey, tableColumns, type Column, type PeriodColumn } from './pack-columns';
import type { PackBorrower } from './pack-source';
import { bodyHeightPt, columnPx, excelDate, LINE_PT, linesFor, rowHeight, SMALL_PT, type Formats, type Styles } from './pack-style';
import { t } from './pack-texts';
import { writeBlocks, type Block, type CellSpec, type Resolver, type RowSpec, type Value } from './sheet-model';

/** What a borrower sheet needs besides the borrower. */
export interface SheetContext {
  lang: Language;
  f: Formats;
  st: Styles;
  thresholds: Thresholds;
  amountUnit: AmountUnit;
  now: Date;
  charts: StreamingCharts | null;
}

/** One snapshot a sheet used, for the pack's sources sheet. */
export interface ProvenanceRow {
  orgNr: string;
  name: string;
  ref: SnapshotRef;
  usedFor: string;
  /** Replaced by a later snapshot of the same period: the id of that snapshot. */
  replacedBy: number | null;
}

// ---- the grid ------------------------------------------------------------------------------------------------

const LABEL = 1;
const FIRST = 2;
const COV = 9;
const POL = 10;
const LAST = 10;
/** Label, seven period or change columns, the covenant and the portfolio limit: 135.5 units, one landscape A4 at 100 %. */
export const SHEET_WIDTHS = [36, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 13, 13] as const;
const LEFT = [1, 5] as const; // page 1's left half: A..E
const RIGHT = [6, 10] as const; // and its right half: F..J
const span = (from: number, to: number) => SHEET_WIDTHS.slice(from - 1, to).reduce((x, w) => x + w, 0);
const L = (col: number) => columnLetter(col);

/**
 * One line of text across `cols`: written in the first cell and left to run over the empty cells beside it (every
 * reader draws it so), not merged: the pack breaks its lines to the columns' width itself, and a merge per line
 * would cost a cell per column covered and a check against every other merge of the sheet.
 */
function textRow(text: string, cols: readonly [number, number], style: Partial<ExcelJS.Style>, height = LINE_PT, key?: string): RowSpec {
  return { key, height, cells: [{ col: cols[0], value: text, style }] };
}

/** A paragraph as one row per line, each merged across `cols` (the pack breaks the lines, so every reader shows the same). */
function paragraph(text: string, cols: readonly [number, number], style: Partial<ExcelJS.Style>, opts: { pt?: number; bold?: boolean; maxLines?: number; prefix?: string } = {}): RowSpec[] {
  const width = span(cols[0], cols[1]);
  const lines = linesFor(`${opts.prefix ?? ''}${text}`, width, opts);
  return lines.map((line, i) => textRow(i === 0 || !opts.prefix ? line : `  ${line}`, cols, style, rowHeight(1, opts.pt)));
}

const blank = (h = 6): RowSpec => ({ height: h, cells: [] });

/** A heading as its column holds it: broken into lines (the charts' category labels are these cells). */
function wrappedHeading(text: string, col: number, to = col): string {
  return linesFor(text, span(col, to), { bold: true }).join('\n');
}

/** A heading row of the grid's columns, each heading broken into the lines its column holds. */
function headingRow(key: string | undefined, texts: readonly { col: number; text: string; right?: boolean; to?: number }[], st: Styles): RowSpec {
  const lines = texts.map((x) => linesFor(x.text, span(x.col, x.to ?? x.col), { bold: true }));
  return {
    key,
    height: rowHeight(Math.max(1, ...lines.map((l) => l.length))) + 2,
    cells: texts.map((x, i) => ({ col: x.col, value: lines[i]!.join('\n'), style: x.right ? st.headerRight : st.header })),
    merges: texts.filter((x) => x.to !== undefined && x.to > x.col).map((x) => [x.col, x.to!] as [number, number]),
  };
}

// ---- cells of the accounts table -------------------------------------------------------------------------------

const lineKey = (id: LineId) => `line:${id}`;
const ratioKey = (id: RatioId) => `ratio:${id}`;
const ZERO = 0.005; // half a cent: the analysis' zero (shared/analysis/tolerance.ts)

function shownRatio(r: RatioResult, lang: Language): number | string {
  return r.value !== null ? r.value : (r.kind === 'not_meaningful' ? NOT_MEANINGFUL : NOT_AVAILABLE)[lang];
}

/** `×365/226` as a formula factor; nothing for 1. */
function factorOf(num: number, den: number): string {
  return num === den ? '' : `*${num}/${den}`;
}

function annualFactorText(c: PeriodColumn): string {
  const p = c.period;
  return p.annualFactor === 1 ? '' : factorOf(p.yearDays, p.days);
}

/**
 * A line's cell in a column: the figure as reported, or a formula on the columns it is built from (its value
 * stored). Profit before tax is always net profit + taxes of its own column.
 */
function lineCell(id: LineId, cols: readonly Column[], i: number): Value {
  const c = cols[i] as PeriodColumn;
  const result = lineValue(c.period, id);
  const X = L(FIRST + i);
  if (id === 'profit_before_tax') return (at) => ({ formula: `${X}${at.row(lineKey('net_profit'))}+${X}${at.row(lineKey('taxes'))}`, result });
  const r = c.recipe;
  if (!r) return result;
  const flow = isFlowLine(id);
  const C = (k: number) => L(FIRST + k);
  return (at) => {
    const n = at.row(lineKey(id));
    switch (r.kind) {
      case 'scale':
        return { formula: flow ? `${C(r.of)}${n}${factorOf(r.num, r.den)}` : `${C(r.of)}${n}`, result };
      case 'ltm':
        return { formula: flow ? `${C(r.ytd)}${n}+${C(r.fy)}${n}-${C(r.prior)}${n}` : `${C(r.ytd)}${n}`, result };
      case 'ltm_estimate':
        return { formula: flow ? `${C(r.ytd)}${n}+${C(r.fy)}${n}${factorOf(r.num, r.den)}` : `${C(r.ytd)}${n}`, result };
    }
  };
}

/**
 * A ratio's cell in a column as a live formula on the lines above it, written to give what shared/analysis
 * gives (the same zero of half a cent, n.m. where the analysis says n.m.); the analysis' value is stored as its
 * result. A ratio the analysis finds missing an input (no comparable period) stays the words it is.
 */
function ratioCell(id: RatioId, cols: readonly Column[], i: number, lang: Language): Value {
  const c = cols[i] as PeriodColumn;
  const r = c.ratios[id];
  const result = shownRatio(r, lang);
  if (r.value === null && r.kind === 'not_available') return result;
  const X = L(FIRST + i);
  const nm = `"${NOT_MEANINGFUL[lang]}"`;
  const af = annualFactorText(c);
  return (at) => {
    const v = (line: LineId) => `${X}${at.row(lineKey(line))}`;
    const guard = (den: string, expr: string) => `IF(${den}<${ZERO},${nm},${expr})`;
    const opening = (line: 'total_assets' | 'equity'): string | null => {
      const o = c.period.opening;
      if (!o) return null;
      return c.openingCol !== null ? `${L(FIRST + c.openingCol)}${at.row(lineKey(line))}` : String(o.stocks[line]);
    };
    const average = (line: 'total_assets' | 'equity') => {
      const o = opening(line);
      return o === null ? v(line) : `((${o}+${v(line)})/2)`;
    };
    let formula: string;
    switch (id) {
      case 'revenue_growth': {
        const g = c.growthBase;
        if (!g) return result;
        const base = 'col' in g ? `${L(FIRST + g.col)}${at.row(lineKey('revenues'))}` : String(g.value);
        formula = guard(base, `(${v('revenues')}-${base})/${base}`);
        break;
      }
      case 'ebitda_margin':
        formula = guard(v('revenues'), `${v('ebitda')}/${v('revenues')}`);
        break;
      case 'ebit_margin':
        formula = guard(v('revenues'), `${v('ebit')}/${v('revenues')}`);
        break;
      case 'pretax_margin':
        formula = guard(v('revenues'), `${v('profit_before_tax')}/${v('revenues')}`);
        break;
      case 'net_margin':
        formula = guard(v('revenues'), `${v('net_profit')}/${v('revenues')}`);
        break;
      case 'equity_ratio':
        formula = guard(v('total_assets'), `${v('equity')}/${v('total_assets')}`);
        break;
      case 'debt_to_equity':
        formula = guard(v('equity'), `${v('interest_bearing_debt')}/${v('equity')}`);
        break;
      case 'nibd_to_ebitda':
        formula = guard(`${v('ebitda')}${af}`, `${v('net_interest_bearing_debt')}/(${v('ebitda')}${af})`);
        break;
      case 'interest_cover':
        formula = guard(v('interest_expenses'), guard(v('ebit'), `${v('ebit')}/${v('interest_expenses')}`));
        break;
      case 'return_on_assets': {
        const den = average('total_assets');
        formula = guard(den, `(${v('profit_before_tax')}+${v('interest_expenses')}+${v('other_financial_expenses')})${af}/${den}`);
        break;
      }
      case 'return_on_equity': {
        const den = average('equity');
        formula = guard(v('equity'), guard(den, `${v('profit_before_tax')}${af}/${den}`));
        break;
      }
    }
    return { formula, result };
  };
}

/** The change column's cell: relative for an amount, percentage points for a percent ratio, x for a multiple. */
function changeCell(kind: 'amount' | 'percent' | 'multiple', target: number, base: number, values: readonly (number | string | null)[], key: string): Value {
  const tv = values[target];
  const bv = values[base];
  const nums = typeof tv === 'number' && typeof bv === 'number';
  return (at) => {
    const n = at.row(key);
    const T = `${L(FIRST + target)}${n}`;
    const B = `${L(FIRST + base)}${n}`;
    const both = `AND(ISNUMBER(${T}),ISNUMBER(${B}))`;
    if (kind === 'amount') {
      const ok = nums && Math.abs(bv) >= ZERO;
      return { formula: `IF(${both},IF(ABS(${B})<${ZERO},"",(${T}-${B})/ABS(${B})),"")`, result: ok ? (tv - bv) / Math.abs(bv) : '' };
    }
    if (kind === 'percent') return { formula: `IF(${both},(${T}-${B})*100,"")`, result: nums ? (tv - bv) * 100 : '' };
    return { formula: `IF(${both},${T}-${B},"")`, result: nums ? tv - bv : '' };
  };
}

/** The rule measuring a line or ratio, for the reference columns. */
const RULE_OF = new Map<string, RuleId>(RULE_IDS.map((r) => [RULE_DEFINITIONS[r].metric.id, r]));

function unitOfRule(rule: RuleId): 'percent' | 'multiple' | 'nok' {
  const m = RULE_DEFINITIONS[rule].metric;
  return m.kind === 'line' ? 'nok' : RATIO_DEFINITIONS[m.id].unit;
}

/** The covenant's and the portfolio's requirement on the line or ratio of a row, and how many lines they take. */
function refCells(metric: string, b: PackBorrower, thresholds: Thresholds, ctx: SheetContext): { cells: CellSpec[]; lines: number } {
  const rule = RULE_OF.get(metric);
  if (!rule) return { cells: [], lines: 1 };
  const lang = ctx.lang;
  const def = RULE_DEFINITIONS[rule];
  const req = (limit: number) => requirementText({ direction: def.direction, unit: unitOfRule(rule), limit }, lang);
  const cov = b.covenants.find((c) => c.rule === rule);
  const covText = linesFor(cov ? (cov.limit === null ? t(lang, 'waived') : req(cov.limit)) : '', SHEET_WIDTHS[COV - 1]!);
  const th = thresholds[rule];
  const polText = linesFor(th.enabled ? req(th.limit) : t(lang, 'switchedOff'), SHEET_WIDTHS[POL - 1]!);
  return {
    cells: [
      { col: COV, value: covText.join('\n'), style: ctx.st.wrapRight },
      { col: POL, value: polText.join('\n'), style: ctx.st.wrapRight },
    ],
    lines: Math.max(covText.length, polText.length),
  };
}

// ---- the sheet ---------------------------------------------------------------------------------------------

interface Built {
  blocks: Block[];
  provenance: ProvenanceRow[];
  chart: { columns: { c: PeriodColumn; col: number }[] } | null;
}

/**
 * Writes one borrower's committee document: page 1 the summary (exactly one A4 page), then the accounts with
 * ratios as live formulas and the covenant and policy references, the notes, covenant compliance, revised
 * figures, the register, the full assessment, every early warning, the sources of each figure group, and a
 * last page of chart data and native charts. Returns the snapshots used, for the sources sheet.
 */
export function writeCommitteeSheet(sheet: ExcelJS.Worksheet, b: PackBorrower, a: BorrowerAnalysis, summary: CommitteeSummary, ctx: SheetContext): ProvenanceRow[] {
  sheet.columns = SHEET_WIDTHS.map((width) => ({ width }));
  const built = buildSheet(b, a, summary, ctx);
  const body = bodyHeightPt('landscape');
  const written = writeBlocks(sheet, built.blocks, body);
  if (ctx.charts && built.chart && built.chart.columns.length > 0) addCharts(sheet, ctx.charts, built.chart.columns, written.rowOf, ctx);
  Object.assign(sheet.pageSetup, { printArea: `A$1:${L(LAST)}$${written.lastRow}` });
  return built.provenance;
}

function buildSheet(b: PackBorrower, a: BorrowerAnalysis, summary: CommitteeSummary, ctx: SheetContext): Built {
  const lang = ctx.lang;
  const cols = tableColumns(a, lang, t(lang, 'change')).slice(0, MAX_TABLE_COLUMNS);
  const periodCols = cols.flatMap((c, i) => (c.kind === 'period' ? [{ c, i }] : []));
  const colOfKey = new Map(periodCols.map(({ c, i }) => [c.key, i]));

  const blocks: Block[] = [{ rows: pageOne(summary, a, colOfKey, ctx), endPage: true }];
  const tables = accountsTables(b, cols, ctx);
  blocks.push({ rows: tables.statements, keepTogether: true });
  blocks.push({ rows: notesRows(a, cols, ctx), keepTogether: true });
  blocks.push({ rows: tables.ratios, keepTogether: true });
  blocks.push({ rows: covenantTable(a.covenants, colOfKey, ctx), keepTogether: true });
  if (a.revisions.length > 0) blocks.push({ rows: revisionRows(a, ctx), keepTogether: true });
  const registry = registryRows(b, ctx);
  if (registry.length > 0) blocks.push({ rows: registry, keepTogether: true });
  blocks.push({ rows: assessmentRows(summary, ctx), keepTogether: true });
  blocks.push({ rows: warningRows(summary.warnings, ctx), keepTogether: true });
  const prov = provenanceRows(b, a, cols, ctx);
  blocks.push({ rows: prov.rows, keepTogether: true });
  const chartColumns = ctx.charts ? periodCols.filter(({ c }) => c.charted).map(({ c, i }) => ({ c, col: FIRST + i })) : [];
  if (chartColumns.length > 0) blocks.push({ rows: chartRows(chartColumns, ctx), newPage: true });
  return { blocks, provenance: prov.provenance, chart: chartColumns.length > 0 ? { columns: chartColumns } : null };
}

// ---- page 1 --------------------------------------------------------------------------------------------------

/** A status cell: its colour as a fill. */
const STATUS_STYLE = (st: Styles, s: CovenantTest['status']) => (s === 'breach' ? st.breach : s === 'near_limit' ? st.near : s === 'ok' ? st.ok : st.untestable);
/** A line of text: its colour and weight. */
const STATUS_LINE = (st: Styles, s: CovenantTest['status']) => (s === 'breach' ? st.lineBreach : s === 'near_limit' ? st.lineNear : s === 'ok' ? st.lineOk : st.lineMuted);
const WARNING_LINE = (st: Styles, w: SummaryWarning['level']) => (w === 'critical' ? st.lineCritical : w === 'breach' ? st.lineBreach : w === 'attention' ? st.lineNear : st.text);

/**
 * Page 1: the header block across the page; key figures and covenants on the left, early warnings and the
 * assessment on the right; the sign-off across the foot. Every line is broken by the pack and every row has
 * its height, so the page's height is known: what does not fit is cut short with a pointer to the full text
 * further down the sheet, and the page is always exactly one A4 page.
 */
function pageOne(s: CommitteeSummary, a: BorrowerAnalysis, colOfKey: ReadonlyMap<string, number>, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const h = s.headings;
  const rows: RowSpec[] = [];
  // Header block.
  // Right-aligned in the last column, the bank and the date run leftwards over the empty cells beside them.
  rows.push({
    height: 18,
    cells: [
      { col: 1, value: s.header.documentType, style: st.title },
      { col: LAST, value: s.header.bank ?? COMMITTEE_TEXT.bankUnknown[lang], style: st.rightBold },
    ],
  });
  rows.push({
    height: 16,
    cells: [
      { col: 1, value: s.header.borrower, style: st.subtitle },
      { col: LAST, value: `${h.date}: ${s.header.date}`, style: st.rightBold },
    ],
  });
  const who = `${h.orgNr} ${s.header.orgNr} · ${h.analyst}: ${s.header.analyst} · ${h.dataAsOf} ${s.header.dataAsOf} · ${h.classification}: ${s.header.classification}`;
  rows.push(...paragraph(who, [1, LAST], st.text, { maxLines: 2 }));
  rows.push(...paragraph(s.facts.map((f) => `${f.label}: ${f.value}`).join(' · '), [1, LAST], st.text, { maxLines: 2 }));
  rows.push({ height: 5, cells: SHEET_WIDTHS.map((_, i) => ({ col: i + 1, value: null, style: st.rule })) });
  rows.push(blank(5));

  const signOff = signOffRows(s, ctx);
  const budget = bodyHeightPt('landscape') - rows.reduce((x, r) => x + r.height, 0) - signOff.reduce((x, r) => x + r.height, 0);

  // Left: key figures and covenants.
  const left: RowSpec[] = [];
  left.push(textRow(h.keyFigures!, LEFT, st.section, 14));
  const basis = [`${h.basis}: ${s.basis.label}`, s.basis.comparable ? `${h.comparedWith}: ${s.basis.comparable}` : null, s.basis.unit].filter(Boolean).join(' · ');
  left.push(...paragraph(basis, LEFT, st.text, { maxLines: 2 }));
  if (s.basis.fallback) left.push(...paragraph(s.basis.fallback, LEFT, st.small, { pt: SMALL_PT, maxLines: 2 }));
  left.push({
    height: 13,
    cells: [h.figure!, h.value!, h.yearEarlier!, h.change!, h.note!].map((v, i) => ({ col: i + 1, value: v, style: i === 0 ? st.header : st.headerRight })),
  });
  const viewCol = a.views ? colOfKey.get(periodKey(a.views.ltm.period)) : undefined;
  for (const k of s.keyFigures) left.push(figureRow(k, viewCol, ctx));
  const notes = s.figureNotes;
  for (const n of notes.slice(0, 3)) left.push(...paragraph(n, LEFT, st.small, { pt: SMALL_PT, maxLines: 2 }));
  left.push(blank());
  left.push(textRow(h.covenants!, LEFT, st.section, 14));
  if (s.covenants.length === 0) left.push(...paragraph(h.noRules!, LEFT, st.text));
  const covLines = (max: number) => s.covenants.flatMap((c) => paragraph(c.sentence, LEFT, STATUS_LINE(st, c.status), { maxLines: max }));
  let covenantRows = covLines(2);
  const capacity = (rowsOf: RowSpec[]) => rowsOf.reduce((x, r) => x + r.height, 0);
  if (capacity(left) + capacity(covenantRows) > budget) covenantRows = covLines(1);
  left.push(...covenantRows);
  while (capacity(left) > budget) left.pop();

  // Right: early warnings, the assessment and recommendation, the watch list; cut to what the page holds.
  const room = Math.max(budget, capacity(left));
  const right = rightColumn(s, room, ctx);

  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const l = left[i];
    const r = right[i];
    rows.push({
      key: l?.key ?? r?.key,
      height: Math.max(l?.height ?? 0, r?.height ?? 0),
      cells: [...(l?.cells ?? []), ...(r?.cells ?? [])],
      merges: [...(l?.merges ?? []), ...(r?.merges ?? [])],
    });
  }
  rows.push(...signOff);
  return rows;
}

function figureRow(k: SummaryFigure, viewCol: number | undefined, ctx: SheetContext): RowSpec {
  const st = ctx.st;
  const key = `p1:${k.metric}`;
  const valueStyle = k.unit === 'nok' ? st.amountBold : k.unit === 'percent' ? st.percent : st.multiple;
  const shown = (x: number | null, text: string) => (x === null ? text : x);
  const tableKey = k.unit === 'nok' ? lineKey(k.metric as LineId) : ratioKey(k.metric as RatioId);
  const value: Value =
    viewCol === undefined ? shown(k.value, k.text) : (at) => ({ formula: `${L(FIRST + viewCol)}${at.row(tableKey)}`, result: shown(k.value, k.text) });
  const changeStyle = k.unit === 'nok' ? st.percentChange : k.unit === 'percent' ? st.pointsChange : st.multipleChange;
  const change: Value =
    k.prior === null
      ? k.changeText
      : (at) => {
          const n = at.row(key);
          const V = `B${n}`;
          const P = `C${n}`;
          const both = `AND(ISNUMBER(${V}),ISNUMBER(${P}))`;
          const result = k.change === null ? '' : k.unit === 'percent' ? k.change * 100 : k.change;
          if (k.unit === 'nok') return { formula: `IF(${both},IF(ABS(${P})<${ZERO},"",(${V}-${P})/ABS(${P})),"")`, result };
          if (k.unit === 'percent') return { formula: `IF(${both},(${V}-${P})*100,"")`, result };
          return { formula: `IF(${both},${V}-${P},"")`, result };
        };
  const note = k.note ?? '';
  return {
    key,
    height: LINE_PT,
    cells: [
      { col: 1, value: k.label, style: st.labelBold },
      { col: 2, value, style: valueStyle },
      { col: 3, value: shown(k.prior, k.priorText), style: k.unit === 'nok' ? st.amount : valueStyle },
      { col: 4, value: change, style: changeStyle },
      { col: 5, value: note, style: st.small },
    ],
  };
}

function rightColumn(s: CommitteeSummary, roomPt: number, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const h = s.headings;
  const heightOf = (rows: RowSpec[]) => rows.reduce((x, r) => x + r.height, 0);
  const maxRows = Math.floor(roomPt / LINE_PT);
  // What is always there: two headings and a gap, the recommendation, the conditions' heading, a byline, the watch list.
  const fixed = 9;
  let spare = Math.max(6, maxRows - fixed);
  const warnings: RowSpec[] = [];
  const warnRoom = Math.max(2, Math.floor(spare * 0.4));
  if (s.warnings.length === 0) warnings.push(...paragraph(h.noWarnings!, RIGHT, st.text));
  else {
    let shownCount = 0;
    for (const w of s.warnings) {
      const lines = paragraph(w.text, RIGHT, WARNING_LINE(st, w.level), { maxLines: 2, prefix: '• ' });
      if (warnings.length + lines.length > warnRoom - (shownCount < s.warnings.length - 1 ? 1 : 0)) break;
      warnings.push(...lines);
      shownCount++;
    }
    const rest = s.warnings.length - shownCount;
    if (rest > 0) warnings.push(...paragraph(fill(COMMITTEE_TEXT.moreWarnings[lang], { n: rest }), RIGHT, st.small, { pt: SMALL_PT, maxLines: 1 }));
  }
  spare -= warnings.length;
  const conditions = paragraph(s.assessment.conditions, RIGHT, st.text, { maxLines: Math.min(3, Math.max(1, Math.floor(spare / 3))) });
  spare -= conditions.length;
  const allComment = paragraph(s.assessment.comment, RIGHT, st.text);
  const recStyle =
    s.assessment.recommendation === 'decline' ? st.lineBreach : s.assessment.recommendation === 'approve_with_conditions' ? st.lineNear : s.assessment.recommendation === 'approve' ? st.lineOk : st.bold;
  const byline = [s.assessment.byline, s.assessment.versions].filter(Boolean).join(' · ');
  const build = (commentRoom: number): RowSpec[] => {
    const comment =
      allComment.length <= commentRoom
        ? allComment
        : [...allComment.slice(0, Math.max(1, commentRoom - 1)), ...paragraph(COMMITTEE_TEXT.continued[lang], RIGHT, st.small, { pt: SMALL_PT, maxLines: 1 })];
    return [
      textRow(h.warnings!, RIGHT, st.section, 14),
      ...warnings,
      blank(),
      textRow(h.assessment!, RIGHT, st.section, 14),
      textRow(`${h.recommendation}: ${s.assessment.recommendationText}`, RIGHT, recStyle, LINE_PT, 'p1:recommendation'),
      ...comment,
      textRow(`${h.conditions}:`, RIGHT, st.bold),
      ...conditions,
      ...(byline ? paragraph(byline, RIGHT, st.small, { pt: SMALL_PT, maxLines: 2 }) : []),
      ...paragraph(s.watch, RIGHT, st.text, { maxLines: 2 }),
    ];
  };
  let room = Math.max(2, spare);
  let right = build(room);
  while (heightOf(right) > roomPt && room > 2) right = build(--room);
  return right;
}

function signOffRows(s: CommitteeSummary, ctx: SheetContext): RowSpec[] {
  const st = ctx.st;
  const spans: [number, number][] = [
    [1, 2],
    [3, 5],
    [6, 10],
  ];
  const rows: RowSpec[] = [blank(8), textRow(s.headings.signOff!, [1, LAST], st.section, 14)];
  rows.push({ height: LINE_PT, cells: s.signOff.map((b, i) => ({ col: spans[i]![0], value: b.role, style: st.bold })) });
  for (let k = 0; k < 3; k++) {
    rows.push({ height: 18, cells: s.signOff.map((b, i) => ({ col: spans[i]![0], value: b.lines[k] ?? '', style: st.signLine })), merges: spans });
  }
  return rows;
}

// ---- the accounts table ----------------------------------------------------------------------------------------

/** The statements (P&L and balance) and the ratio matrix: two tables on the same columns, each with its heading row. */
function accountsTables(b: PackBorrower, cols: readonly Column[], ctx: SheetContext): { statements: RowSpec[]; ratios: RowSpec[] } {
  const lang = ctx.lang;
  const st = ctx.st;
  const heads = (key: string) =>
    headingRow(
      key,
      [
        { col: LABEL, text: t(lang, 'period') },
        ...cols.map((c, i) => ({ col: FIRST + i, text: c.header, right: true })),
        ...Array.from({ length: MAX_TABLE_COLUMNS - cols.length }, (_, k) => ({ col: FIRST + cols.length + k, text: '' })),
        { col: COV, text: t(lang, 'covenantRef'), right: true },
        { col: POL, text: t(lang, 'policyRef'), right: true },
      ],
      st,
    );
  const labelled = (label: string, style: Partial<ExcelJS.Style>) => {
    const lines = linesFor(label, SHEET_WIDTHS[0], { bold: style === st.labelBold });
    return { cell: { col: LABEL, value: lines.join('\n'), style: lines.length > 1 ? { ...st.wrap, font: style.font } : style }, height: rowHeight(lines.length) };
  };
  const statements: RowSpec[] = [];
  statements.push(textRow(`${t(lang, 'accounts')} – ${b.name}`, [1, LAST], st.section, 15, 'accounts'));
  statements.push(...paragraph(`${amountUnitLine(ctx.amountUnit, lang)}; ${t(lang, 'unitNote')}`, [1, LAST], st.small, { pt: SMALL_PT, maxLines: 2 }));
  statements.push(heads('h:head'));
  const periodRow = (key: string, label: string, pick: (c: PeriodColumn) => ExcelJS.CellValue, style: Partial<ExcelJS.Style>): RowSpec => ({
    key,
    height: LINE_PT,
    cells: [{ col: LABEL, value: label, style: st.label }, ...cols.flatMap((c, i) => (c.kind === 'period' ? [{ col: FIRST + i, value: pick(c), style }] : []))],
  });
  statements.push(periodRow('h:from', t(lang, 'from'), (c) => excelDate(c.period.start), st.date));
  statements.push(periodRow('h:to', t(lang, 'to'), (c) => excelDate(c.period.end), st.date));
  statements.push(periodRow('h:days', t(lang, 'days'), (c) => c.period.days, st.integer));

  const lineRow = (id: LineId): RowSpec => {
    const key = lineKey(id);
    const values = cols.map((c) => (c.kind === 'period' ? lineValue(c.period, id) : null));
    const def = LINE_DEFINITIONS.find((l) => l.id === id)!;
    const label = labelled(def.name[lang], id === 'profit_before_tax' || id === 'ebitda' || id === 'ebit' || id === 'net_profit' ? st.labelBold : st.label);
    const refs = refCells(id, b, ctx.thresholds, ctx);
    return {
      key,
      height: Math.max(label.height, rowHeight(refs.lines)),
      cells: [
        label.cell,
        ...cols.map((c, i) => ({
          col: FIRST + i,
          value: c.kind === 'period' ? lineCell(id, cols, i) : changeCell('amount', c.target, c.base, values, key),
          style: c.kind === 'period' ? st.amount : st.percentChange,
        })),
        ...refs.cells,
      ],
    };
  };
  statements.push(textRow(t(lang, 'pAndL'), [1, LAST], st.section, 13));
  for (const d of LINE_DEFINITIONS.filter((l) => l.kind === 'flow')) statements.push(lineRow(d.id));
  statements.push(textRow(t(lang, 'balance'), [1, LAST], st.section, 13));
  for (const d of LINE_DEFINITIONS.filter((l) => l.kind === 'stock')) statements.push(lineRow(d.id));

  const ratios: RowSpec[] = [blank(), textRow(`${t(lang, 'ratios')} – ${b.name}`, [1, LAST], st.section, 15), heads('h:head2')];
  for (const id of RATIO_IDS) {
    const def = RATIO_DEFINITIONS[id];
    const key = ratioKey(id);
    const values = cols.map((c) => (c.kind === 'period' ? c.ratios[id].value : null));
    const unitStyle = def.unit === 'percent' ? st.percent : st.multiple;
    const label = labelled(def.name[lang], st.label);
    const refs = refCells(id, b, ctx.thresholds, ctx);
    ratios.push({
      key,
      height: Math.max(label.height, rowHeight(refs.lines)),
      cells: [
        label.cell,
        ...cols.map((c, i) => ({
          col: FIRST + i,
          value: c.kind === 'period' ? ratioCell(id, cols, i, lang) : changeCell(def.unit, c.target, c.base, values, key),
          style: c.kind === 'period' ? unitStyle : def.unit === 'percent' ? st.pointsChange : st.multipleChange,
        })),
        ...refs.cells,
      ],
    });
  }
  return { statements, ratios };
}

function notesRows(a: BorrowerAnalysis, cols: readonly Column[], ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const notes: string[] = [];
  for (const c of cols) if (c.kind === 'period' && c.period.method !== 'as_reported') notes.push(`${c.header}: ${c.period.note[lang]}`);
  const tax = a.latest?.reported.taxNote;
  if (tax) notes.push(tax[lang]);
  if (cols.some((c) => c.kind === 'change')) notes.push(t(lang, 'changeNote'));
  notes.push(t(lang, 'formulaNote'));
  for (const c of cols) {
    if (c.kind !== 'period' || (c.type === 'reported' && c !== cols[0])) continue;
    for (const id of RATIO_IDS) {
      const r = c.ratios[id];
      if (r.value === null && r.kind === 'not_meaningful') notes.push(`${RATIO_DEFINITIONS[id].name[lang]} (${c.header}): ${NOT_MEANINGFUL[lang]}: ${r.explain[lang]}`);
    }
  }
  if (ctx.charts && cols.some((c) => c.kind === 'period' && c.charted)) notes.push(t(lang, 'chartNote'));
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'notes'), [1, LAST], st.section, 14)];
  for (const n of notes) rows.push(...paragraph(n, [1, LAST], st.text, { prefix: '• ' }));
  const flags = a.latest?.flags ?? [];
  rows.push(textRow(t(lang, 'qualityFlags'), [1, LAST], st.bold));
  if (flags.length === 0) rows.push(textRow(lang === 'nb' ? 'Ingen merknader til datakvaliteten.' : 'No data-quality notes.', [1, LAST], st.text));
  for (const fl of flags) rows.push(...paragraph(`${QUALITY_FLAG_DEFINITIONS[fl.code].name[lang]}: ${fl.message[lang]}`, [1, LAST], st.text, { prefix: '• ' }));
  return rows;
}

// ---- covenants ---------------------------------------------------------------------------------------------

/** The words a status formula writes: the statuses' own names. */
const statusWord = (lang: Language, s: CovenantTest['status']) => `"${COVENANT_STATUS_TEXT[s].name[lang]}"`;

/**
 * Each rule in force tested on its basis: definition, requirement, basis, test date, the actual (a formula on
 * the table's cell where the table has the period tested), the headroom in the rule's own unit and the status,
 * both formulas on the actual; the row read as a sentence beneath.
 */
function covenantTable(tests: readonly CovenantTest[], colOfKey: ReadonlyMap<string, number>, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'covenantTable'), [1, LAST], st.section, 14)];
  const heads: [number, string, number?][] = [
    [1, t(lang, 'rule')],
    [2, t(lang, 'definition'), 3],
    [4, t(lang, 'threshold')],
    [5, t(lang, 'basis'), 6],
    [7, t(lang, 'testDate')],
    [8, t(lang, 'actual')],
    [9, t(lang, 'headroom')],
    [10, t(lang, 'status')],
  ];
  rows.push(headingRow(undefined, heads.map(([col, text, to]) => ({ col, text, right: col >= 7 && col < 10, ...(to ? { to } : {}) })), st));
  if (tests.length === 0) rows.push(textRow(COMMITTEE_TEXT.noRules[lang], [1, LAST], st.text));
  for (const test of tests) {
    const s = summaryCovenant(test, lang);
    const def = RULE_DEFINITIONS[test.rule];
    const metric = def.metric;
    const name = `${s.name}\n${ruleSourceText(test, lang)}`;
    const defText = metric.kind === 'ratio' ? RATIO_DEFINITIONS[metric.id].formula[lang] : LINE_DEFINITIONS.find((l) => l.id === metric.id)!.name[lang];
    // The basis asked for and the period used (the test date has its own column); a fallback says why.
    const basisText = [COVENANT_BASIS_DEFINITIONS[test.basis].name[lang], test.period?.label[lang], test.fallback?.[lang]].filter(Boolean).join('\n');
    const cells: { col: number; text: string; width: number }[] = [
      { col: 1, text: name, width: SHEET_WIDTHS[0] },
      { col: 2, text: defText, width: span(2, 3) },
      { col: 4, text: s.requirement, width: SHEET_WIDTHS[3] },
      { col: 5, text: basisText, width: span(5, 6) },
    ];
    const lines = Math.max(1, ...cells.map((c) => c.text.split('\n').reduce((n, p) => n + linesFor(p, c.width).length, 0)));
    const key = `cov:${test.rule}`;
    const unit = unitOfRule(test.rule);
    const valueStyle = unit === 'percent' ? st.percent : unit === 'multiple' ? st.multiple : st.amount;
    const headStyle = unit === 'percent' ? st.pointsChange : unit === 'multiple' ? st.multipleChange : st.amount;
    const col = test.period ? colOfKey.get(periodKey(test.period)) : undefined;
    const actualShown = test.actual ?? s.actual;
    const headShown = test.headroom === null ? s.headroom : unit === 'percent' ? test.headroom * 100 : test.headroom;
    let actual: Value = actualShown;
    let headroom: Value = headShown;
    let status: Value = s.statusText;
    if (col !== undefined && test.period) {
      const tableKey = metric.kind === 'ratio' ? ratioKey(metric.id) : lineKey(metric.id);
      const factor = metric.kind === 'line' && isFlowLine(metric.id) && test.period.annualFactor !== 1 ? factorOf(test.period.yearDays, test.period.days) : '';
      const Lim = String(test.limit);
      actual = (at) => ({ formula: `${L(FIRST + col)}${at.row(tableKey)}${factor}`, result: actualShown });
      headroom = (at) => {
        const A = `H${at.row(key)}`;
        const diff = def.direction === 'min' ? `(${A}-${Lim})` : `(${Lim}-${A})`;
        return { formula: `IF(ISNUMBER(${A}),${diff}${unit === 'percent' ? '*100' : ''},"${s.headroom}")`, result: headShown };
      };
      status = (at) => {
        const A = `H${at.row(key)}`;
        const diff = def.direction === 'min' ? `(${A}-${Lim})` : `(${Lim}-${A})`;
        const band = test.limit === 0 ? null : `${DEFAULT_NEAR_LIMIT_SHARE * Math.abs(test.limit)}`;
        const met = band ? `IF(${diff}<=${band},${statusWord(lang, 'near_limit')},${statusWord(lang, 'ok')})` : statusWord(lang, 'ok');
        const numeric = `IF(${diff}<0,${statusWord(lang, 'breach')},${met})`;
        return { formula: `IF(ISNUMBER(${A}),${numeric},${notMeaningfulVerdict(test, col, at, lang)})`, result: s.statusText };
      };
    }
    const wrapped = (text: string, width: number) => text.split('\n').flatMap((p) => linesFor(p, width)).join('\n');
    rows.push({
      key,
      height: rowHeight(lines),
      cells: [
        { col: 1, value: wrapped(name, cells[0]!.width), style: st.wrap },
        { col: 2, value: wrapped(defText, cells[1]!.width), style: st.wrap },
        { col: 4, value: wrapped(s.requirement, cells[2]!.width), style: st.wrap },
        { col: 5, value: wrapped(basisText, cells[3]!.width), style: st.wrap },
        { col: 7, value: test.testDate ? excelDate(test.testDate) : '', style: st.date },
        { col: 8, value: actual, style: valueStyle },
        { col: 9, value: headroom, style: headStyle },
        { col: 10, value: status, style: STATUS_STYLE(st, test.status) },
      ],
      merges: [
        [2, 3],
        [5, 6],
      ],
    });
    rows.push(...paragraph(s.sentence, [1, LAST], st.small, { pt: SMALL_PT, maxLines: 3 }));
  }
  return rows;
}

/**
 * The status a rule gets when its ratio is n.m. in the column tested, as shared/analysis decides it: negative
 * EBITDA with net debt breaches a maximum leverage and net cash does not; operating profit at or below zero with
 * interest to pay breaches a minimum cover and no interest does not; otherwise the rule cannot be tested.
 */
function notMeaningfulVerdict(test: CovenantTest, col: number, at: Resolver, lang: Language): string {
  const X = (line: LineId) => `${L(FIRST + col)}${at.row(lineKey(line))}`;
  switch (test.rule) {
    case 'nibd_to_ebitda_max':
      return `IF(${X('net_interest_bearing_debt')}>=${ZERO},${statusWord(lang, 'breach')},${statusWord(lang, 'ok')})`;
    case 'interest_cover_min':
      return `IF(ABS(${X('interest_expenses')})<${ZERO},${statusWord(lang, 'ok')},IF(${X('interest_expenses')}<0,${statusWord(lang, 'not_testable')},${statusWord(lang, 'breach')}))`;
    default:
      return statusWord(lang, 'not_testable');
  }
}

// ---- revisions, the register, the assessment, warnings ---------------------------------------------------------

function revisionRows(a: BorrowerAnalysis, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'revisions'), [1, LAST], st.section, 14)];
  rows.push(
    headingRow(
      undefined,
      [
        { col: 1, text: t(lang, 'line') },
        { col: 2, text: t(lang, 'before'), right: true },
        { col: 3, text: t(lang, 'after'), right: true },
        { col: 4, text: t(lang, 'change'), right: true },
        { col: 5, text: t(lang, 'period'), to: 6 },
        { col: 7, text: t(lang, 'snapshots'), to: 8 },
      ],
      st,
    ),
  );
  a.revisions.forEach((r, k) => {
    rows.push(...paragraph(r.summary[lang], [1, LAST], r.kind === 'interim_revision' ? st.lineNear : st.text, { prefix: '• ' }));
    r.moved.forEach((m, j) => {
      const key = `rev:${k}:${j}`;
      rows.push({
        key,
        height: LINE_PT,
        cells: [
          { col: 1, value: LINE_DEFINITIONS.find((l) => l.id === m.id)!.name[lang], style: st.labelIndent },
          { col: 2, value: m.before, style: st.amount },
          { col: 3, value: m.after, style: st.amount },
          { col: 4, value: (at) => ({ formula: `C${at.row(key)}-B${at.row(key)}`, result: m.change }), style: st.amount },
          { col: 5, value: formatRangeNo(r.startDate, r.endDate), style: st.text },
          { col: 7, value: `${r.before.id} → ${r.after.id}`, style: st.text },
        ],
        merges: [
          [5, 6],
          [7, 8],
        ],
      });
    });
  });
  return rows;
}

const LINE_STATUS: Record<LineStatus, [string, string]> = {
  match: ['agrees', 'samsvarer'],
  differs: ['differs', 'avvik'],
  missing_in_filing: ['not in the filing', 'mangler i årsregnskapet'],
};
const RECONCILIATION_STATUS: Record<ReconciliationStatus, [string, string]> = {
  matches: ['Every line agrees with the filed annual accounts.', 'Alle linjene samsvarer med innsendt årsregnskap.'],
  differs: ['Difference from the filed annual accounts.', 'Avvik mot innsendt årsregnskap.'],
  incomplete: ['No line differs, but the filing lacks a line: not a pass.', 'Ingen linje avviker, men årsregnskapet mangler en linje: ikke godkjent.'],
  not_comparable: ['Not comparable with the filed annual accounts.', 'Kan ikke sammenlignes med innsendt årsregnskap.'],
};
const FILING_STATUS: Record<FilingStatus, [string, string]> = {
  filed: ['filed', 'innsendt'],
  unsupported_layout: ['filed, in a layout the open register does not serve', 'innsendt, i en oppstilling det åpne registeret ikke viser'],
  filed_not_available: ['filed, but not available from the open register', 'innsendt, men ikke tilgjengelig i det åpne registeret'],
  not_due: ['not due yet', 'ikke forfalt ennå'],
  overdue: ['overdue: not filed by the deadline', 'forfalt: ikke sendt inn innen fristen'],
  unknown: ['not known', 'ukjent'],
};
const w2 = (lang: Language, pair: [string, string]) => pair[lang === 'en' ? 0 : 1];

function registryRows(b: PackBorrower, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const found = registryFindings(b, ctx.now);
  if (!found || !b.registry) return [];
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'registryTitle'), [1, LAST], st.section, 14)];
  const unit = b.registry.unit;
  if (!unit || unit.status === 'not_found') rows.push(textRow(COMMITTEE_TEXT.registryUnknownUnit[lang], [1, LAST], st.text));
  else {
    for (const fact of registryFactRows(unit, lang)) {
      const lines = linesFor(fact.value, span(2, LAST)).slice(0, 2);
      rows.push({ height: rowHeight(lines.length), cells: [{ col: 1, value: fact.label, style: st.label }, { col: 2, value: lines.join('\n'), style: st.wrap }], merges: [[2, LAST]] });
    }
    rows.push(textRow(`${t(lang, 'registryFetched')}: ${formatLocalDateTime(unit.fetchedAt, lang)}`, [1, LAST], st.small, 10.5));
  }
  for (const alert of found.alerts) rows.push(...paragraph(statusAlertText(alert, lang), [1, LAST], st.lineCritical, { prefix: '• ' }));
  for (const y of found.years) {
    const rec = y.reconciliation;
    rows.push(textRow(`${t(lang, 'reconciliation')} ${y.year}: ${w2(lang, FILING_STATUS[y.filingStatus])}`, [1, LAST], st.bold));
    if (!rec) continue;
    rows.push(...paragraph(rec.notComparable ? rec.notComparable.explain[lang] : w2(lang, RECONCILIATION_STATUS[rec.status]), [1, LAST], rec.flagged ? st.lineBreach : st.text));
    if (!rec.notComparable) {
      rows.push(
        headingRow(
          undefined,
          [t(lang, 'line'), t(lang, 'symetrisk'), t(lang, 'filed'), t(lang, 'difference'), t(lang, 'status')].map((text, i) => ({ col: i + 1, text, right: i >= 1 && i <= 3, ...(i === 4 ? { to: 6 } : {}) })),
          st,
        ),
      );
      rec.lines.forEach((l, j) => {
        const key = `rec:${y.year}:${j}`;
        rows.push({
          key,
          height: LINE_PT,
          cells: [
            { col: 1, value: l.name[lang], style: st.labelIndent },
            { col: 2, value: l.symetrisk, style: st.amount },
            { col: 3, value: l.filed ?? NOT_AVAILABLE[lang], style: st.amount },
            { col: 4, value: l.difference === null ? NOT_AVAILABLE[lang] : (at) => ({ formula: `B${at.row(key)}-C${at.row(key)}`, result: l.difference! }), style: st.amount },
            { col: 5, value: w2(lang, LINE_STATUS[l.status]), style: l.status === 'differs' ? st.breach : st.text },
          ],
          merges: [[5, 6]],
        });
      });
      rows.push(...paragraph(EBITDA_NOT_RECONCILABLE[lang], [1, LAST], st.small, { pt: SMALL_PT }));
    }
    for (const note of rec.notes) rows.push(...paragraph(note.text[lang], [1, LAST], st.small, { pt: SMALL_PT, prefix: '• ' }));
  }
  return rows;
}

function assessmentRows(s: CommitteeSummary, ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const h = s.headings;
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'assessmentTitle'), [1, LAST], st.section, 14)];
  rows.push(textRow(`${h.recommendation}: ${s.assessment.recommendationText}`, [1, LAST], st.bold));
  rows.push(...paragraph(s.assessment.comment, [1, LAST], st.text));
  rows.push(textRow(`${h.conditions}:`, [1, LAST], st.bold));
  rows.push(...paragraph(s.assessment.conditions, [1, LAST], st.text));
  const byline = [s.assessment.byline, s.assessment.versions].filter(Boolean).join(' · ');
  if (byline) rows.push(...paragraph(byline, [1, LAST], st.small, { pt: SMALL_PT }));
  rows.push(...paragraph(s.watch, [1, LAST], st.text));
  if (s.notes.length > 0) {
    rows.push(textRow(`${h.notes}:`, [1, LAST], st.bold));
    for (const n of s.notes) {
      rows.push(...paragraph(n.text, [1, LAST], st.text, { prefix: '• ' }));
      rows.push(...paragraph(n.byline, [1, LAST], st.small, { pt: SMALL_PT }));
    }
  }
  return rows;
}

function warningRows(warnings: readonly SummaryWarning[], ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'warningsTitle'), [1, LAST], st.section, 14)];
  if (warnings.length === 0) rows.push(textRow(COMMITTEE_TEXT.noWarnings[lang], [1, LAST], st.text));
  for (const w of warnings) rows.push(...paragraph(w.text, [1, LAST], WARNING_LINE(st, w.level), { prefix: '• ' }));
  return rows;
}

// ---- sources -----------------------------------------------------------------------------------------------

function provenanceRows(b: PackBorrower, a: BorrowerAnalysis, cols: readonly Column[], ctx: SheetContext): { rows: RowSpec[]; provenance: ProvenanceRow[] } {
  const lang = ctx.lang;
  const st = ctx.st;
  const used = new Map<string, { ref: SnapshotRef; usedFor: string[]; replacedBy: number | null }>();
  const keyOf = (r: SnapshotRef) => `${r.id}|${r.fetchedAt}|${r.snapshotDate}`;
  const use = (ref: SnapshotRef, what: string, replacedBy: number | null = null) => {
    const u = used.get(keyOf(ref)) ?? { ref, usedFor: [], replacedBy };
    if (!u.usedFor.includes(what)) u.usedFor.push(what);
    used.set(keyOf(ref), u);
  };
  for (const c of cols) if (c.kind === 'period') for (const ref of c.period.sources) use(ref, c.header);
  for (const r of a.revisions) use(r.after, `${t(lang, 'revisions')} ${formatRangeNo(r.startDate, r.endDate)}`);
  // Every snapshot a later one of the same period replaced stays in the provenance, marked as replaced.
  for (const ref of a.replaced) {
    const later = a.revisions.find((r) => r.before.id === ref.id && r.before.fetchedAt === ref.fetchedAt)?.after.id ?? laterOf(ref, b);
    use(ref, t(lang, 'replaced'), later);
  }
  const rows: RowSpec[] = [blank(), textRow(t(lang, 'provenanceTitle'), [1, LAST], st.section, 14)];
  rows.push(
    headingRow(
      undefined,
      [
        { col: 1, text: `${t(lang, 'usedFor')} (${t(lang, 'status').toLowerCase()})` },
        { col: 2, text: t(lang, 'snapshotId'), right: true },
        { col: 3, text: t(lang, 'period'), to: 4 },
        { col: 5, text: t(lang, 'snapshotDate') },
        { col: 6, text: t(lang, 'fetchedAt'), to: 8 },
        { col: 9, text: t(lang, 'accountingSystem') },
        { col: 10, text: t(lang, 'formatVersion') },
      ],
      st,
    ),
  );
  const out: ProvenanceRow[] = [];
  for (const u of used.values()) {
    const usedFor = u.usedFor.join('; ');
    const status = u.replacedBy !== null ? t(lang, 'replacedBy', { id: u.replacedBy }) : t(lang, 'inUse');
    const first = linesFor(`${usedFor} (${status})`, SHEET_WIDTHS[0], { maxLines: 4 });
    const system = linesFor(u.ref.accountingSystem, SHEET_WIDTHS[8], { maxLines: 2 });
    rows.push({
      height: rowHeight(Math.max(first.length, system.length)),
      cells: [
        { col: 1, value: first.join('\n'), style: u.replacedBy !== null ? st.near : st.wrap },
        { col: 2, value: u.ref.id, style: st.rightText },
        { col: 3, value: formatRangeNo(u.ref.startDate, u.ref.endDate), style: st.text },
        { col: 5, value: excelDate(u.ref.snapshotDate), style: st.dateLeft },
        { col: 6, value: formatLocalDateTime(u.ref.fetchedAt, lang), style: st.text },
        { col: 9, value: system.join('\n'), style: st.wrap },
        { col: 10, value: u.ref.formatVersion, style: st.text },
      ],
    });
    out.push({ orgNr: b.orgNr, name: b.name, ref: u.ref, usedFor, replacedBy: u.replacedBy });
  }
  return { rows, provenance: out };
}

/** The latest snapshot of the same period as `ref`, when another than it. */
function laterOf(ref: SnapshotRef, b: PackBorrower): number | null {
  const same = b.items.filter((i) => i.data.year === ref.year && i.data.start_date === ref.startDate && i.data.end_date === ref.endDate && i.id !== ref.id);
  if (same.length === 0) return null;
  return same.sort((x, y) => (x.snapshotDate < y.snapshotDate ? -1 : x.snapshotDate > y.snapshotDate ? 1 : x.id - y.id)).at(-1)!.id;
}

// ---- charts -----------------------------------------------------------------------------------------------

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
const CHART_GAP_PX = 16;

function oldestFirst(columns: readonly { c: PeriodColumn; col: number }[]) {
  return [...columns].sort((x, y) => x.c.period.end.localeCompare(y.c.period.end));
}

/**
 * The chart data under the tables, on a page of its own with the charts: the reported periods oldest first, each
 * cell a formula on the table (a corrected figure moves its bar), empty where the table has no number (a gap,
 * never a zero: LibreOffice draws #N/A as zero and Excel draws text as zero).
 */
function chartRows(columns: readonly { c: PeriodColumn; col: number }[], ctx: SheetContext): RowSpec[] {
  const lang = ctx.lang;
  const st = ctx.st;
  const periods = oldestFirst(columns);
  const rows: RowSpec[] = [textRow(t(lang, 'chartData'), [1, LAST], st.section, 14), ...paragraph(t(lang, 'chartDataNote'), [1, LAST], st.small, { pt: SMALL_PT })];
  const heads = periods.map((p) => wrappedHeading(p.c.header, p.col));
  rows.push({
    key: 'chart:head',
    height: rowHeight(Math.max(1, ...heads.map((h) => h.split('\n').length))) + 2,
    cells: [
      { col: 1, value: t(lang, 'period'), style: st.header },
      // The table's own headings (the cells above, as they are broken into lines), so the charts name the periods alike.
      ...periods.map((p, k) => ({ col: FIRST + k, value: ((at: Resolver) => ({ formula: `${L(p.col)}${at.row('h:head')}`, result: heads[k]! })) as Value, style: st.headerRight })),
    ],
  });
  const dataRow = (id: string, label: string, pick: (c: PeriodColumn) => number | null, style: Partial<ExcelJS.Style>, tableKey: string): RowSpec => ({
    key: `chart:${id}`,
    height: LINE_PT,
    cells: [
      { col: 1, value: label, style: st.label },
      ...periods.flatMap((p, k) => {
        const v = pick(p.c);
        if (v === null) return [];
        return [{ col: FIRST + k, value: ((at: Resolver) => {
          const ref = `${L(p.col)}${at.row(tableKey)}`;
          return { formula: `IF(ISNUMBER(${ref}),${ref},"")`, result: v };
        }) as Value, style }];
      }),
    ],
  });
  for (const s of AMOUNT_SERIES) rows.push(dataRow(s.id, lineName(s.id, lang), (c) => lineValue(c.period, s.id), st.amount, lineKey(s.id)));
  for (const s of RATIO_SERIES) rows.push(dataRow(s.id, RATIO_DEFINITIONS[s.id].name[lang], (c) => c.ratios[s.id].value, st.percent, ratioKey(s.id)));
  rows.push(blank(4));
  rows.push({ key: 'chart:space', height: Math.ceil(CHART_HEIGHT_PX * 0.75) + 6, cells: [] });
  return rows;
}

function lineName(id: LineId, lang: Language): string {
  return LINE_DEFINITIONS.find((l) => l.id === id)!.name[lang].replace(/ \(.*\)$/, '');
}

function addCharts(sheet: ExcelJS.Worksheet, charts: StreamingCharts, columns: readonly { c: PeriodColumn; col: number }[], rowOf: ReadonlyMap<string, number>, ctx: SheetContext): void {
  const lang = ctx.lang;
  const f = ctx.f;
  const periods = oldestFirst(columns);
  const head = rowOf.get('chart:head')!;
  const lastDataCol = L(FIRST + periods.length - 1);
  const categories = { ref: rangeRef(sheet.name, { col: 'B', row: head }, { col: lastDataCol, row: head }), cache: periods.map((p) => wrappedHeading(p.c.header, p.col)) };
  const marked = periods.flatMap((p, k) => (p.c.period.basis === 'ytd' ? [k] : []));
  const chartLang = lang === 'nb' ? 'nb-NO' : 'en-GB';
  const series = (defs: readonly { id: string; colour: string }[], label: (id: string) => string, value: (c: PeriodColumn, id: string) => number | null) =>
    defs.map((s) => {
      const row = rowOf.get(`chart:${s.id}`)!;
      return {
        name: { ref: rangeRef(sheet.name, { col: 'A', row }), text: label(s.id) },
        values: { ref: rangeRef(sheet.name, { col: 'B', row }, { col: lastDataCol, row }), cache: periods.map((p) => value(p.c, s.id)) },
        colour: s.colour,
      };
    });
  const amounts = series(AMOUNT_SERIES, (id) => lineName(id as LineId, lang), (c, id) => lineValue(c.period, id as LineId));
  const ratios = series(RATIO_SERIES, (id) => RATIO_DEFINITIONS[id as RatioId].name[lang], (c, id) => c.ratios[id as RatioId].value);
  // Millions on the axis keep its labels short whatever the company's size; a decimal for the small ones.
  const biggest = Math.max(0, ...amounts.flatMap((r) => r.values.cache).map((v) => Math.abs(v ?? 0)));
  const tag = lang === 'nb' ? '[$-414]' : '[$-809]';
  const amountSpec: ChartSpec = {
    kind: 'column',
    title: t(lang, 'chartAmounts'),
    categories,
    series: amounts,
    axisFormat: `${tag}${biggest >= 1e7 ? '#,##0,,' : '#,##0.0,,'}`,
    valueFormat: f.amount,
    marked,
    lang: chartLang,
  };
  const ratioSpec: ChartSpec = { kind: 'line', title: t(lang, 'chartRatios'), categories, series: ratios, axisFormat: `${tag}0%`, valueFormat: f.percent, marked, lang: chartLang };
  const tablePx = SHEET_WIDTHS.reduce((x, w) => x + columnPx(w), 0);
  const width = Math.floor((tablePx - CHART_GAP_PX) / 2);
  let left = 0;
  let col = 0;
  while (left + columnPx(SHEET_WIDTHS[col]!) <= width + CHART_GAP_PX) left += columnPx(SHEET_WIDTHS[col++]!);
  const top = rowOf.get('chart:space')! - 1; // zero-based
  const anchors: ChartAnchor[] = [
    { col: 0, row: top, widthPx: width, heightPx: CHART_HEIGHT_PX, description: t(lang, 'chartAmountsAlt') },
    { col, colOffsetPx: width + CHART_GAP_PX - left, row: top, widthPx: width, heightPx: CHART_HEIGHT_PX, description: t(lang, 'chartRatiosAlt') },
  ];
  charts.add(sheet, [
    { spec: amountSpec, anchor: anchors[0]! },
    { spec: ratioSpec, anchor: anchors[1]! },
  ]);
}

/** A sheet name Excel accepts (31 characters, none of []:*?/\ and no apostrophes, which break formulas). */
export function borrowerSheetName(name: string, orgNr: string): string {
  const clean = name.replace(/[[\]:*?/\\']/g, ' ').replace(/\s+/g, ' ').trim();
  return `${clean.slice(0, 31 - orgNr.length - 1).trim()} ${orgNr}`.trim();
}

