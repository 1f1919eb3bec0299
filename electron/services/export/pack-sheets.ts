import type ExcelJS from 'exceljs';
import {
  BASIS_CHOICE_DEFINITIONS,
  COVENANT_BASES,
  COVENANT_BASIS_DEFINITIONS,
  COVENANT_STATUSES,
  COVENANT_STATUS_TEXT,
  DEFAULT_THRESHOLDS,
  IDENTITY_DEFINITIONS,
  IDENTITY_IDS,
  LINE_DEFINITIONS,
  NOT_COMPUTABLE_STATEMENT,
  PERIOD_BASES,
  PERIOD_BASIS_DEFINITIONS,
  QUALITY_FLAG_CODES,
  QUALITY_FLAG_DEFINITIONS,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  RULE_DEFINITIONS,
  RULE_IDS,
  BASIS_CHOICES,
  formatRangeNo,
  type Language,
  type RuleId,
} from '../../../shared/analysis';
import { RECOMMENDATIONS, RECOMMENDATION_TEXT, formatCalendarDate, formatLocalDateTime, requirementText } from '../../../shared/committee';
import { STATUS_ALERT_DEFINITIONS, STATUS_ALERT_IDS } from '../../../shared/registry';
import { columnLetter } from '../../../shared/spreadsheet';
import type { StreamingCharts } from './charts/streaming-charts';
import type { ProvenanceRow } from './committee-sheet';
import { excelDate, LINE_PT, linesFor, newRow, put, rowHeight, type Styles } from './pack-style';
import { t } from './pack-texts';

/**
 * Every few hundred rows of a long sheet, a turn of the event loop: the zip then takes (and compresses) what is
 * written so far, instead of a whole sheet of a thousand borrowers piling up in memory first.
 */
export async function breathe(n: number): Promise<void> {
  if (n > 0 && n % 250 === 0) await new Promise((r) => setImmediate(r));
}

// ---- the overview --------------------------------------------------------------------------------------------

/** One borrower with data as the overview, the full grid and the sort need it (kept for every borrower: small). */
export interface OverviewRow {
  orgNr: string;
  orgNrShown: string;
  name: string;
  sheetName: string;
  state: string;
  /** Short words for the key figures' basis ("Siste 12 mnd, anslag"). */
  basis: string;
  asOf: string | null;
  figures: Partial<Record<'revenues' | 'ebitda_margin' | 'equity_ratio' | 'nibd_to_ebitda' | 'interest_cover', number | string>>;
  /** The rules breached, by the metric they measure (to colour that cell). */
  breachedMetrics: string[];
  covenants: { breach: number; near: number; untestable: number; total: number };
  topWarning: { level: 'critical' | 'breach' | 'attention' | 'info'; text: string } | null;
  /** 0: a status alert from the register; 1: a breach; 2: near a limit or needing a look; 3: the rest. */
  severity: number;
  recommendation: string;
  // The full grid's columns: the latest snapshot as reported.
  accountingSystem: string | null;
  period: string | null;
  periodEnd: string | null;
  days: number | null;
  snapshotDate: string | null;
  dataAge: number | null;
  lines: Partial<Record<string, number>>;
  ratios: Partial<Record<string, number | string>>;
  breachNames: string;
  flags: string;
  watch: string;
  assignedTo: string;
}

/** Borrowers with a status alert first, then those with breaches, then the rest; by name within each. */
export function overviewOrder(a: OverviewRow, b: OverviewRow): number {
  return a.severity - b.severity || b.covenants.breach - a.covenants.breach || a.name.localeCompare(b.name, 'nb') || a.orgNr.localeCompare(b.orgNr);
}

/** The overview's printed columns: 138 units, one landscape A4 width at 100 %. */
const OVERVIEW_COLUMNS = [
  { key: 'orgNr', width: 11, label: 'ovOrgNr' },
  { key: 'name', width: 24, label: 'ovName' },
  { key: 'basis', width: 12, label: 'ovBasis' },
  { key: 'revenues', width: 11, label: 'ovRevenue' },
  { key: 'ebitda_margin', width: 9, label: 'ovEbitdaMargin' },
  { key: 'equity_ratio', width: 9, label: 'ovEquityRatio' },
  { key: 'nibd_to_ebitda', width: 9, label: 'ovLeverage' },
  { key: 'interest_cover', width: 9, label: 'ovInterestCover' },
  { key: 'covenants', width: 12, label: 'ovCovenants' },
  { key: 'warning', width: 21, label: 'ovWarning' },
  { key: 'recommendation', width: 11, label: 'ovRecommendation' },
] as const;

export function covenantStatusText(c: OverviewRow['covenants'], lang: Language): string {
  if (c.total === 0) return t(lang, 'noRules');
  const parts: string[] = [];
  if (c.breach > 0) parts.push(t(lang, c.breach === 1 ? 'nBreaches' : 'nBreachesPlural', { n: c.breach }));
  if (c.near > 0) parts.push(t(lang, 'nNear', { n: c.near }));
  if (c.untestable > 0) parts.push(t(lang, 'nUntestable', { n: c.untestable }));
  return parts.length > 0 ? parts.join(', ') : t(lang, 'allMet');
}

/**
 * The portfolio overview as a committee prints it: eleven columns that fit one A4 landscape width at 100 %, the
 * heading repeated on every page, borrowers with a register alert or a breach first. Every text is broken into
 * the lines its column holds and every row has its height.
 */
export async function writeOverview(sheet: ExcelJS.Worksheet, rows: readonly OverviewRow[], noData: number, lang: Language, st: Styles, unitLabel: string): Promise<number> {
  sheet.columns = OVERVIEW_COLUMNS.map((c) => ({ width: c.width }));
  const last = OVERVIEW_COLUMNS.length;
  const width = (key: (typeof OVERVIEW_COLUMNS)[number]['key']) => OVERVIEW_COLUMNS.find((c) => c.key === key)!.width;
  const title = newRow(sheet);
  title.height = 18;
  put(title, 1, t(lang, 'overviewTitle'), st.title);
  sheet.mergeCells(1, 1, 1, last);
  title.commit();
  const note = newRow(sheet);
  note.height = LINE_PT;
  put(note, 1, t(lang, 'overviewNote', { unit: unitLabel }), st.small);
  sheet.mergeCells(2, 1, 2, last);
  note.commit();
  const head = newRow(sheet);
  const labels = OVERVIEW_COLUMNS.map((c) => linesFor(t(lang, c.label), c.width, { bold: true }));
  head.height = rowHeight(Math.max(...labels.map((l) => l.length))) + 2;
  OVERVIEW_COLUMNS.forEach((c, i) => put(head, i + 1, labels[i]!.join('\n'), i >= 3 && i <= 7 ? st.headerRight : st.header));
  head.commit();
  for (const [n, r] of rows.entries()) {
    await breathe(n);
    const row = newRow(sheet);
    const cell = (key: (typeof OVERVIEW_COLUMNS)[number]['key'], text: string, max = 3) => linesFor(text, width(key), { maxLines: max });
    const name = cell('name', r.name, 2);
    const basis = cell('basis', r.asOf ? `${r.basis} ${formatCalendarDate(r.asOf, lang)}` : r.basis);
    const cs = r.covenants;
    const covenants = cell('covenants', covenantStatusText(cs, lang));
    const warn = cell('warning', r.topWarning ? r.topWarning.text : t(lang, 'noWarning'), 3);
    const rec = cell('recommendation', r.recommendation);
    row.height = rowHeight(Math.max(name.length, basis.length, covenants.length, warn.length, rec.length));
    put(row, 1, r.orgNrShown, st.text);
    put(row, 2, { formula: `HYPERLINK("#'${r.sheetName}'!A1","${name.join(' ').replace(/"/g, '""')}")`, result: name.join('\n') }, st.linkWrap);
    put(row, 3, basis.join('\n'), st.wrap);
    const figure = (col: number, key: keyof OverviewRow['figures'], normal: Partial<ExcelJS.Style>, breach: Partial<ExcelJS.Style>) => {
      const v = r.figures[key];
      if (v !== undefined) put(row, col, v, r.breachedMetrics.includes(key) ? breach : normal);
    };
    figure(4, 'revenues', st.amount, st.breachAmount);
    figure(5, 'ebitda_margin', st.percent, st.breachPercent);
    figure(6, 'equity_ratio', st.percent, st.breachPercent);
    figure(7, 'nibd_to_ebitda', st.multiple, st.breachMultiple);
    figure(8, 'interest_cover', st.multiple, st.breachMultiple);
    put(row, 9, covenants.join('\n'), cs.breach > 0 ? st.breach : cs.near > 0 || cs.untestable > 0 ? st.near : cs.total > 0 ? st.ok : st.wrap);
    put(row, 10, warn.join('\n'), r.topWarning?.level === 'critical' ? st.critical : r.topWarning?.level === 'breach' ? st.breach : st.wrap);
    put(row, 11, rec.join('\n'), st.wrap);
    row.commit();
  }
  let lastRow = rows.length + 3;
  if (noData > 0) {
    newRow(sheet).commit();
    const n = newRow(sheet);
    n.height = LINE_PT;
    put(n, 1, t(lang, 'noDataCount', { n: noData, sheet: t(lang, 'noDataSheet') }), st.small);
    sheet.mergeCells(n.number, 1, n.number, last);
    n.commit();
    lastRow = n.number;
  }
  return lastRow;
}

// ---- the full grid (an Excel table, for the screen) -----------------------------------------------------------

const GRID_LINES = ['revenues', 'ebitda', 'net_profit', 'equity', 'net_interest_bearing_debt', 'total_assets'] as const;
const GRID_RATIOS = ['revenue_growth', 'ebitda_margin', 'equity_ratio', 'nibd_to_ebitda', 'interest_cover', 'return_on_equity'] as const;

/**
 * Every column for every borrower, as an Excel table to sort and filter on screen: the latest snapshot as
 * reported, its ratios, breaches, notes, the recommendation and the watch list. Borrowers without data are in it
 * too, with their state. Printed, it runs over pages across with the org number and name repeated.
 */
export async function writeGrid(
  sheet: ExcelJS.Worksheet,
  rows: readonly (OverviewRow | { orgNr: string; name: string; state: string })[],
  lang: Language,
  st: Styles,
  unitLabel: string,
  parts: StreamingCharts | null,
): Promise<{ lastCol: string; lastRow: number; widthChars: number }> {
  const cols: { label: string; width: number; pick: (r: OverviewRow) => ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[] = [
    { label: t(lang, 'orgNr'), width: 11, pick: (r) => r.orgNr, style: st.orgNr },
    { label: t(lang, 'name'), width: 30, pick: (r) => r.name, style: st.text },
    { label: t(lang, 'state'), width: 24, pick: (r) => r.state, style: st.text },
    { label: t(lang, 'accountingSystem'), width: 16, pick: (r) => r.accountingSystem, style: st.text },
    { label: t(lang, 'period'), width: 22, pick: (r) => r.period, style: st.text },
    { label: t(lang, 'periodEnd'), width: 11, pick: (r) => (r.periodEnd ? excelDate(r.periodEnd) : null), style: st.date },
    { label: t(lang, 'days'), width: 7, pick: (r) => r.days, style: st.integer },
    { label: t(lang, 'snapshotDate'), width: 11, pick: (r) => (r.snapshotDate ? excelDate(r.snapshotDate) : null), style: st.date },
    { label: t(lang, 'dataAge'), width: 9, pick: (r) => r.dataAge, style: st.integer },
    ...GRID_LINES.map((id) => ({
      label: `${LINE_DEFINITIONS.find((l) => l.id === id)!.name[lang]} (${unitLabel})`,
      width: 14,
      pick: (r: OverviewRow) => r.lines[id] ?? null,
      style: st.amount,
    })),
    ...GRID_RATIOS.map((id) => ({
      label: RATIO_DEFINITIONS[id].name[lang],
      width: 11,
      pick: (r: OverviewRow) => r.ratios[id] ?? null,
      style: RATIO_DEFINITIONS[id].unit === 'percent' ? st.percent : st.multiple,
    })),
    { label: t(lang, 'breaches'), width: 8, pick: (r) => r.covenants.breach, style: st.integer },
    { label: t(lang, 'breachedRules'), width: 30, pick: (r) => r.breachNames, style: st.text },
    { label: t(lang, 'flags'), width: 30, pick: (r) => r.flags, style: st.text },
    { label: t(lang, 'topWarning'), width: 30, pick: (r) => r.topWarning?.text ?? '', style: st.text },
    { label: t(lang, 'recommendation'), width: 16, pick: (r) => r.recommendation, style: st.text },
    { label: t(lang, 'watch'), width: 10, pick: (r) => r.watch, style: st.text },
    { label: t(lang, 'assignedTo'), width: 18, pick: (r) => r.assignedTo, style: st.text },
  ];
  sheet.columns = cols.map((c) => ({ width: c.width }));
  const head = newRow(sheet);
  head.height = 36;
  cols.forEach((c, i) => put(head, i + 1, c.label, st.header));
  head.commit();
  for (const [n, r] of rows.entries()) {
    await breathe(n);
    const row = newRow(sheet);
    if ('sheetName' in r) {
      cols.forEach((c, i) => {
        const v = c.pick(r);
        if (v !== null && v !== undefined && v !== '') put(row, i + 1, v, c.style);
      });
    } else {
      put(row, 1, r.orgNr, st.orgNr);
      put(row, 2, r.name, st.text);
      put(row, 3, r.state, st.text);
    }
    row.commit();
  }
  const lastCol = columnLetter(cols.length);
  const lastRow = Math.max(2, rows.length + 1);
  parts?.table(sheet, { name: lang === 'nb' ? 'AlleTall' : 'AllFigures', ref: `A1:${lastCol}${lastRow}`, columns: cols.map((c) => c.label) });
  return { lastCol, lastRow, widthChars: cols.reduce((x, c) => x + c.width, 0) };
}

// ---- borrowers without data ---------------------------------------------------------------------------------

export interface NoDataRow {
  orgNr: string;
  orgNrShown: string;
  name: string;
  state: string;
  reason: string;
}

/** One table of the borrowers without accounting data, with their state and why: not an empty sheet each. */
export function writeNoData(sheet: ExcelJS.Worksheet, rows: readonly NoDataRow[], lang: Language, st: Styles): number {
  const widths = [11, 34, 32, 60];
  sheet.columns = widths.map((width) => ({ width }));
  const title = newRow(sheet);
  title.height = 18;
  put(title, 1, t(lang, 'noDataSheet'), st.title);
  title.commit();
  const head = newRow(sheet);
  head.height = 13;
  [t(lang, 'orgNr'), t(lang, 'name'), t(lang, 'state'), t(lang, 'reason')].forEach((v, i) => put(head, i + 1, v, st.header));
  head.commit();
  if (rows.length === 0) {
    const r = newRow(sheet);
    put(r, 1, lang === 'nb' ? 'Alle låntakerne i pakken har regnskapsdata.' : 'Every borrower in the pack has accounting data.', st.text);
    r.commit();
  }
  for (const r of rows) {
    const row = newRow(sheet);
    const lines = Math.max(linesFor(r.name, widths[1]!).length, linesFor(r.state, widths[2]!).length, linesFor(r.reason, widths[3]!).length);
    row.height = rowHeight(lines);
    put(row, 1, r.orgNrShown, st.text);
    put(row, 2, r.name, st.wrap);
    put(row, 3, r.state, st.wrap);
    put(row, 4, r.reason, st.wrap);
    row.commit();
  }
  return Math.max(3, rows.length + 2);
}

// ---- the cover ------------------------------------------------------------------------------------------------

export interface CoverFacts {
  bank: string;
  profile: string;
  dataAsOf: string;
  generatedAt: string;
  appVersion: string;
  dataSource: string;
  borrowers: number;
  withData: number;
  withoutData: number;
  withBreaches: number;
  unitLine: string;
}

/** The cover: who made the pack from what and when (local time, the zone named), the units, a disclaimer, contents. */
export function writeCover(sheet: ExcelJS.Worksheet, c: CoverFacts, lang: Language, st: Styles): number {
  const widths = [24, 68];
  sheet.columns = widths.map((width) => ({ width }));
  const title = newRow(sheet);
  title.height = 24;
  put(title, 1, t(lang, 'coverTitle'), { ...st.title, font: { ...st.title.font, size: 16 } });
  title.commit();
  newRow(sheet).commit();
  const kv = (k: string, v: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = st.wrap) => {
    const row = newRow(sheet);
    row.height = rowHeight(typeof v === 'string' ? linesFor(v, widths[1]!).length : 1);
    put(row, 1, k, st.labelBold);
    put(row, 2, v, style);
    row.commit();
  };
  kv(t(lang, 'bank'), c.bank);
  kv(t(lang, 'profile'), c.profile);
  kv(t(lang, 'dataAsOf'), c.dataAsOf);
  kv(t(lang, 'generatedAt'), c.generatedAt);
  kv(t(lang, 'appVersion'), c.appVersion);
  kv(t(lang, 'dataSource'), c.dataSource);
  kv(t(lang, 'borrowers'), `${c.borrowers}: ${c.withData} ${t(lang, 'withData')}, ${c.withoutData} ${t(lang, 'withoutData')}`);
  kv(t(lang, 'withBreaches'), String(c.withBreaches));
  kv(t(lang, 'amounts'), `${c.unitLine}; ${t(lang, 'amountsNote')}`);
  kv(t(lang, 'times'), t(lang, 'timesNote'));
  newRow(sheet).commit();
  kv(t(lang, 'disclaimerTitle'), t(lang, 'disclaimer'));
  newRow(sheet).commit();
  const contents = newRow(sheet);
  put(contents, 1, t(lang, 'contents'), st.section);
  contents.commit();
  let last = 0;
  for (const k of ['contentsSummary', 'contentsBorrowers', 'contentsNoData', 'contentsGrid', 'contentsDefinitions', 'contentsProvenance'] as const) {
    const row = newRow(sheet);
    const text = t(lang, k);
    row.height = rowHeight(linesFor(text, widths[1]!).length);
    put(row, 2, text, st.wrap);
    row.commit();
    last = row.number;
  }
  return last;
}

// ---- definitions --------------------------------------------------------------------------------------------

const UNIT_WORD = (lang: Language, u: 'percent' | 'multiple') => t(lang, u === 'percent' ? 'unitPercent' : 'unitMultiple');

/** Every definition the pack uses, in words (no stored code anywhere), and what cannot be computed, said once. */
export function writeDefinitions(sheet: ExcelJS.Worksheet, lang: Language, st: Styles): number {
  const widths = [28, 78, 30];
  sheet.columns = widths.map((width) => ({ width }));
  let last = 0;
  const add = () => {
    const r = newRow(sheet);
    last = r.number;
    return r;
  };
  const section = (label: string, heads: [string, string, string]) => {
    if (last > 0) add().commit();
    const r = add();
    r.height = 15;
    put(r, 1, label, st.section);
    r.commit();
    const h = add();
    h.height = 13;
    heads.forEach((v, i) => put(h, i + 1, v, st.header));
    h.commit();
  };
  const row = (cells: [string, string, string]) => {
    const r = add();
    r.height = rowHeight(Math.max(...cells.map((c, i) => c.split('\n').reduce((n, p) => n + linesFor(p, widths[i]!).length, 0))));
    cells.forEach((c, i) => put(r, i + 1, c, i === 0 ? { ...st.wrap, font: st.bold.font } : st.wrap));
    r.commit();
  };
  const name = t(lang, 'name');
  const definition = t(lang, 'definition');
  section(t(lang, 'ratios'), [name, definition, `${t(lang, 'formula')}; ${t(lang, 'unit').toLowerCase()}`]);
  for (const id of RATIO_IDS) {
    const d = RATIO_DEFINITIONS[id];
    row([d.name[lang], d.reference ? `${d.definition[lang]}\n${t(lang, 'reference')}: ${d.reference[lang]}` : d.definition[lang], `${d.formula[lang]}\n${t(lang, 'unit')}: ${UNIT_WORD(lang, d.unit)}`]);
  }
  section(t(lang, 'lines'), [name, definition, t(lang, 'unit')]);
  for (const l of LINE_DEFINITIONS) row([l.name[lang], l.derived ? `${t(lang, 'derivedLine')}: ${l.derived[lang]}` : t(lang, l.kind), t(lang, 'unitNok')]);
  section(t(lang, 'periods'), [name, definition, '']);
  for (const id of PERIOD_BASES) row([PERIOD_BASIS_DEFINITIONS[id].name[lang], PERIOD_BASIS_DEFINITIONS[id].definition[lang], '']);
  section(t(lang, 'basis'), [name, definition, '']);
  for (const id of BASIS_CHOICES) row([BASIS_CHOICE_DEFINITIONS[id].name[lang], BASIS_CHOICE_DEFINITIONS[id].definition[lang], '']);
  section(t(lang, 'identities'), [name, definition, '']);
  for (const id of IDENTITY_IDS) row([LINE_DEFINITIONS.find((l) => l.id === id)!.name[lang], IDENTITY_DEFINITIONS[id].description[lang], '']);
  section(t(lang, 'qualityFlags'), [name, definition, '']);
  for (const code of QUALITY_FLAG_CODES) row([QUALITY_FLAG_DEFINITIONS[code].name[lang], QUALITY_FLAG_DEFINITIONS[code].definition[lang], '']);
  section(t(lang, 'rules'), [name, definition, t(lang, 'defaultLimit')]);
  for (const id of RULE_IDS) {
    const d = RULE_DEFINITIONS[id];
    row([d.name[lang], d.definition[lang], `${requirementText({ direction: d.direction, unit: unitOf(id), limit: DEFAULT_THRESHOLDS[id].limit }, lang)}\n${COVENANT_BASIS_DEFINITIONS[d.defaultBasis].name[lang]}`]);
  }
  section(t(lang, 'covenantBases'), [name, definition, '']);
  for (const id of COVENANT_BASES) row([COVENANT_BASIS_DEFINITIONS[id].name[lang], COVENANT_BASIS_DEFINITIONS[id].definition[lang], '']);
  section(t(lang, 'covenantStatuses'), [name, definition, '']);
  for (const id of COVENANT_STATUSES) row([COVENANT_STATUS_TEXT[id].name[lang], COVENANT_STATUS_TEXT[id].definition[lang], '']);
  section(t(lang, 'statusAlerts'), [name, definition, '']);
  for (const id of STATUS_ALERT_IDS) row([STATUS_ALERT_DEFINITIONS[id].name[lang], STATUS_ALERT_DEFINITIONS[id].definition[lang], '']);
  section(t(lang, 'recommendations'), [name, '', '']);
  for (const id of RECOMMENDATIONS) row([RECOMMENDATION_TEXT[id][lang], '', '']);
  // What cannot be computed from Symetrisk's data: said once, in the analysis' own words.
  add().commit();
  const h = add();
  h.height = 15;
  put(h, 1, t(lang, 'notComputable'), st.section);
  h.commit();
  const statement = NOT_COMPUTABLE_STATEMENT[lang];
  const lines = linesFor(statement, widths.reduce((x, w) => x + w, 0));
  for (const line of lines) {
    const r = add();
    r.height = LINE_PT;
    put(r, 1, line, st.text);
    sheet.mergeCells(r.number, 1, r.number, 3);
    r.commit();
  }
  return last;
}

function unitOf(rule: RuleId): 'percent' | 'multiple' | 'nok' {
  const m = RULE_DEFINITIONS[rule].metric;
  return m.kind === 'line' ? 'nok' : RATIO_DEFINITIONS[m.id].unit;
}

// ---- sources ------------------------------------------------------------------------------------------------

/** Every snapshot any borrower sheet used, and every one a later snapshot replaced, with where it came from and when (local time). */
export async function writeProvenance(sheet: ExcelJS.Worksheet, rows: readonly ProvenanceRow[], lang: Language, st: Styles): Promise<number> {
  const widths = [11, 18, 9, 16, 11, 20, 13, 9, 20, 13];
  sheet.columns = widths.map((width) => ({ width }));
  const head = newRow(sheet);
  head.height = 24;
  [
    t(lang, 'orgNr'),
    t(lang, 'name'),
    t(lang, 'snapshotId'),
    t(lang, 'period'),
    t(lang, 'snapshotDate'),
    t(lang, 'fetchedAt'),
    t(lang, 'accountingSystem'),
    t(lang, 'formatVersion'),
    t(lang, 'usedFor'),
    t(lang, 'status'),
  ].forEach((v, i) => put(head, i + 1, v, st.header));
  head.commit();
  for (const [n, p] of rows.entries()) {
    await breathe(n);
    const row = newRow(sheet);
    const status = p.replacedBy !== null ? t(lang, 'replacedBy', { id: p.replacedBy }) : t(lang, 'inUse');
    const lines = Math.min(4, Math.max(linesFor(p.name, widths[1]!).length, linesFor(p.usedFor, widths[8]!).length, linesFor(status, widths[9]!).length, linesFor(p.ref.accountingSystem, widths[6]!).length));
    row.height = rowHeight(lines);
    put(row, 1, p.orgNr, st.orgNr);
    put(row, 2, p.name, st.wrap);
    put(row, 3, p.ref.id, st.rightText);
    put(row, 4, formatRangeNo(p.ref.startDate, p.ref.endDate), st.text);
    put(row, 5, excelDate(p.ref.snapshotDate), st.dateLeft);
    put(row, 6, formatLocalDateTime(p.ref.fetchedAt, lang), st.text);
    put(row, 7, p.ref.accountingSystem, st.wrap);
    put(row, 8, p.ref.formatVersion, st.text);
    put(row, 9, p.usedFor, st.wrap);
    put(row, 10, status, p.replacedBy !== null ? st.near : st.wrap);
    row.commit();
  }
  sheet.autoFilter = 'A1:J1';
  return Math.max(1, rows.length + 1);
}
