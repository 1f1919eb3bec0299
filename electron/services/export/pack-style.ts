import type ExcelJS from 'exceljs';
import { excelAmountFormat, type AmountUnit, type Language } from '../../../shared/analysis';

/**
 * The pack's number formats, tagged with the pack's language ([$-414] bokmål, [$-809] British English): a reader
 * (LibreOffice; Excel for dates and names) then shows "1 234 567", "20,0 %" and "3,2x" in the Norwegian pack and
 * "1,234,567", "20.0%" in the English one, whatever the machine's own locale.
 */
export interface Formats {
  amount: string;
  percent: string;
  multiple: string;
  /** A change of an amount, relative: "+12,3 %". */
  percentChange: string;
  /** A change of a percent ratio, in percentage points (the cell holds points, not a fraction): "+1,8 pp". */
  pointsChange: string;
  multipleChange: string;
  integer: string;
  date: string;
  dateTime: string;
}

export function formatsFor(lang: Language, unit: AmountUnit): Formats {
  const tag = lang === 'nb' ? '[$-414]' : '[$-809]';
  const pct = lang === 'nb' ? ' %' : '%';
  return {
    amount: tag + excelAmountFormat({ unit, negative: 'parentheses' }),
    percent: `${tag}0.0${pct};-0.0${pct}`,
    multiple: `${tag}0.0"x";-0.0"x"`,
    percentChange: `${tag}+0.0${pct};-0.0${pct};0.0${pct}`,
    pointsChange: `${tag}+0.0" pp";-0.0" pp";0.0" pp"`,
    multipleChange: `${tag}+0.0"x";-0.0"x";0.0"x"`,
    integer: `${tag}#,##0`,
    date: lang === 'nb' ? '[$-414]dd.mm.yyyy' : '[$-809]d mmm yyyy',
    dateTime: lang === 'nb' ? '[$-414]dd.mm.yyyy hh:mm' : '[$-809]d mmm yyyy hh:mm',
  };
}

// ---- the pack's font and page ----------------------------------------------------------------------------

/**
 * The pack's font: Arial 9 pt, the workbook's default. Arial is on every Windows and Mac, and LibreOffice's
 * Liberation Sans has its metrics, so columns, wrapped lines and page breaks come out the same in Excel and in
 * LibreOffice (Calibri, exceljs's default, is replaced by a wider font where it is missing). 9 pt at 100 % is
 * what a committee reads; nothing in the pack is smaller than 8 pt or printed below 100 % where it matters.
 */
export const PACK_FONT = { name: 'Arial', size: 9, family: 2 } as const;
export const SMALL_PT = 8;

/** One printed line of 9 pt text, and the row that holds it (points). */
export const LINE_PT = 11.5;

/** A4 in points, and the pack's margins (inches, as Excel keeps them). */
const A4 = { short: 595.28, long: 841.89 };
export const PACK_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 } as const;

/** The height a page's rows may fill, in points, kept a little short of the paper's so that no reader overflows it. */
export function bodyHeightPt(orientation: 'portrait' | 'landscape'): number {
  const paper = orientation === 'landscape' ? A4.short : A4.long;
  return paper - (PACK_MARGINS.top + PACK_MARGINS.bottom) * 72 - 18;
}

/**
 * The widest a sheet's printed columns may be, in character units of the default font, to print at 100 % on one
 * A4 width: Excel counts a 9 pt Arial digit as 7 pixels and LibreOffice as about 6.75, so 140 units (980 px of
 * the 1,026 px a landscape page holds between its margins) fit in both; 95 fit a portrait page.
 */
export const MAX_PRINT_CHARS = { landscape: 140, portrait: 95 } as const;

/** Pixels of a column `chars` wide as Excel draws it (a 7-pixel digit). */
export function columnPx(chars: number): number {
  return Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);
}

// ---- wrapping ----------------------------------------------------------------------------------------------

// Arial's advance widths in thousandths of an em (Liberation Sans has the same): the pack breaks its own lines, so
// that Excel and LibreOffice show the same lines and every row can be given its height.
const WIDTHS: Record<string, number> = {};
const put1000 = (chars: string, w: number) => {
  for (const ch of chars) WIDTHS[ch] = w;
};
put1000(' !,.:;ijlI|/\\\'', 278);
put1000("ijl'", 222);
put1000('ft', 278);
put1000('r-()[]', 333);
put1000('0123456789abdeghnopquåé$#_–?', 556);
put1000('cksvxyz«»J', 500);
put1000('FTZø', 611);
put1000('ABEKPSVXYÅ&', 667);
put1000('CDHNRUw', 722);
put1000('GOQØ', 778);
put1000('mM', 833);
put1000('%æ', 889);
put1000('W', 944);
put1000('Æ…☐', 1000);
put1000('+×−=<>≥≤', 584);
put1000('•', 350);
put1000('"', 355);
put1000('L', 556);

/**
 * Where the long compounds of the pack's narrow headings may break (a soft hyphen, U+00AD): the pack breaks its
 * own lines, and "Portefølje-/grense" reads, "Porteføljegre-/nse" does not.
 */
const BREAKS = [
  'Portefølje|grense',
  'Snapshot|dato',
  'Regnskaps|system',
  'Format|versjon',
  'Drifts|inntekter',
  'Drifts|kostnader',
  'Drifts|margin',
  'Drifts|resultat',
  'Egenkapital|andel',
  'Egenkapital|rentabilitet',
  'Totalkapital|rentabilitet',
  'Rente|dekningsgrad',
  'Omsetnings|vekst',
  'Resultat|margin',
  'Netto|margin',
  'Saks|behandler',
  'Over|våking',
  'Anbe|faling',
  'Kunde|ansvarlig',
  'Kreditt|komiteen',
  'Regnskaps|år',
  'Porteføljeg|renser',
];
const BREAK_AT = new Map<string, string>();
for (const b of BREAKS) {
  const [head, tail] = b.split('|') as [string, string];
  for (const w of [head + tail, (head + tail).toLowerCase()]) BREAK_AT.set(w, w.slice(0, head.length) + '\u00ad' + w.slice(head.length));
}

/** A word with the soft hyphens the pack knows for it (remembered: the same words recur on every sheet). */
const breaksOf = new Map<string, string>();
function withBreaks(word: string): string {
  const known = breaksOf.get(word);
  if (known !== undefined) return known;
  let out = word;
  if (!word.includes('\u00ad')) {
    const m = /^([(«"]?)(.*?)([)»".,:;]*)$/u.exec(word)!;
    const at = BREAK_AT.get(m[2]!);
    if (at) out = `${m[1]}${at}${m[3]}`;
    // A hyphenated compound ("EBITDA-margin") breaks after its hyphen.
    else if (/\p{L}-\p{L}/u.test(word)) out = word.replace(/(\p{L})-(?=\p{L})/gu, '$1-\u00ad');
  }
  if (breaksOf.size > 20_000) breaksOf.clear();
  breaksOf.set(word, out);
  return out;
}

/** The printed width of `text` in points at `pt` (Arial; bold a little wider). */
export function textWidthPt(text: string, pt: number = PACK_FONT.size, bold = false): number {
  let w = 0;
  for (const ch of text) w += WIDTHS[ch] ?? (ch === '\u00ad' ? 0 : ch.toUpperCase() === ch && ch.toLowerCase() !== ch ? 722 : 556);
  return (w / 1000) * pt * (bold ? 1.08 : 1);
}

// Widths of words in thousandths of an em, remembered.
const wordEm = new Map<string, number>();
function emOf(word: string): number {
  let w = wordEm.get(word);
  if (w === undefined) {
    w = textWidthPt(word, 1000, false);
    if (wordEm.size > 50_000) wordEm.clear();
    wordEm.set(word, w);
  }
  return w;
}

/**
 * The room for text inside a cell (or merged cells) `widthChars` units wide, in points. LibreOffice, measured:
 * a wrapped cell of 10, 20 and 40 units holds about 49, 99 and 196 points of 9 pt Arial (Excel, with its
 * 7-pixel unit, holds more); about 7 % less is counted (a line of narrow and wide letters is not a line of "n"s), so
 * that no reader breaks a line the pack did not.
 */
export function cellWidthPt(widthChars: number): number {
  return widthChars * 4.55 - 2;
}

/** How many characters of running text fit a width of `widthChars` column units (a rough count, for the tests). */
export function charsPerLine(widthChars: number, pt: number = PACK_FONT.size, bold = false): number {
  return Math.max(4, Math.floor(cellWidthPt(widthChars) / textWidthPt('n', pt, bold)));
}

/** A word too wide for a line, cut where a soft hyphen allows (else anywhere past three letters), each part hyphenated. */
function cutWord(w: string, firstRoom: number, widthPt: number, width: (x: string) => number): { parts: string[]; rest: string } {
  const clean = (x: string) => x.replace(/\u00ad/g, '');
  const parts: string[] = [];
  let room = firstRoom;
  let rest = w;
  while (width(clean(rest)) > widthPt && !/\d/.test(rest)) {
    const chars = [...rest];
    let cut = -1;
    for (let k = chars.length - 1; k >= 3; k--) {
      if (width(`${clean(chars.slice(0, k).join(''))}-`) > room) continue;
      if (chars[k] === '\u00ad' || chars[k - 1] === '\u00ad') {
        cut = k;
        break;
      }
      if (cut < 0 && !rest.includes('\u00ad')) cut = k;
    }
    if (cut < 0) {
      // Not even its first part fits: a compound still breaks where it may, a plain word stays whole.
      const soft = chars.indexOf('\u00ad');
      if (soft < 1) break;
      cut = soft;
    }
    parts.push(`${clean(chars.slice(0, cut).join('')).replace(/-$/, '')}-`);
    rest = chars.slice(cut).join('').replace(/^\u00ad/, '');
    room = widthPt;
  }
  return { parts, rest };
}

/**
 * Text broken into lines that fit `widthPt` at spaces (never at the no-break spaces inside a number: "1 234 567"
 * stays whole). A word too long for a line breaks where a soft hyphen (U+00AD) allows, else it is cut with a
 * hyphen; a figure or a date (a word with digits) is never cut. Paragraphs (\n) are kept.
 */
export function wrapToWidth(text: string, widthPt: number, pt: number = PACK_FONT.size, bold = false): string[] {
  const out: string[] = [];
  const scale = (pt / 1000) * (bold ? 1.08 : 1);
  const width = (x: string) => emOf(x) * scale;
  const space = width(' ');
  const clean = (x: string) => (x.includes('\u00ad') ? x.replace(/\u00ad/g, '') : x);
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    let lineW = 0;
    for (const word of para.split(/[ \t]+/)) {
      if (word === '') continue;
      let w = withBreaks(word);
      let wW = width(clean(w));
      if (wW > widthPt && !/\d/.test(w)) {
        const room = line ? widthPt - lineW - space : widthPt;
        const { parts, rest } = cutWord(w, room, widthPt, width);
        if (parts.length > 0) {
          // The first part joins the line when it fits beside it; the others stand alone.
          const first = parts.shift()!;
          if (line && lineW + space + width(first) <= widthPt) out.push(`${line} ${first}`);
          else {
            if (line) out.push(line);
            out.push(first);
          }
          out.push(...parts);
          line = '';
          lineW = 0;
          w = rest;
          wW = width(clean(w));
        }
      }
      const shown = clean(w);
      if (!line) {
        line = shown;
        lineW = wW;
      } else if (lineW + space + wW <= widthPt) {
        line += ` ${shown}`;
        lineW += space + wW;
      } else {
        out.push(line);
        line = shown;
        lineW = wW;
      }
    }
    out.push(line);
  }
  // Trailing empty paragraphs say nothing.
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

// A pack breaks the same headings, names and notes into lines over and over: remembered, but kept small. 1,000
// borrowers ask 227,000 times for 24,000 texts; a memo of them all held 13 MB alive through the pack (a heap
// snapshot), and the peak memory grows with what stays alive.
const wrapped = new Map<string, readonly string[]>();
const WRAP_MEMO = 5_000;

/** {@link wrapToWidth} for a cell `widthChars` units wide. */
export function wrapText(text: string, widthChars: number, pt: number = PACK_FONT.size, bold = false): string[] {
  // A long text (a note, an assessment) is seldom seen twice: only short ones are remembered.
  if (text.length > 120) return wrapToWidth(text, cellWidthPt(widthChars), pt, bold);
  const key = `${widthChars}|${pt}|${bold ? 1 : 0}|${text}`;
  let lines = wrapped.get(key);
  if (!lines) {
    if (wrapped.size >= WRAP_MEMO) wrapped.clear();
    lines = wrapToWidth(text, cellWidthPt(widthChars), pt, bold);
    wrapped.set(key, lines);
  }
  return [...lines];
}

/** Lines for a cell `widthChars` wide, at most `maxLines` (the last one then ends with an ellipsis). */
export function linesFor(text: string, widthChars: number, opts: { pt?: number; bold?: boolean; maxLines?: number } = {}): string[] {
  const lines = wrapText(text, widthChars, opts.pt, opts.bold);
  const max = opts.maxLines ?? Infinity;
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = kept[max - 1]!;
  const widthPt = cellWidthPt(widthChars);
  let cut = [...last];
  while (cut.length > 1 && textWidthPt(`${cut.join('')} …`, opts.pt, opts.bold) > widthPt) cut = cut.slice(0, -1);
  kept[max - 1] = `${cut.join('').trimEnd()} …`;
  return kept;
}

/** A row's height for `lines` printed lines of `pt`-point text. */
export function rowHeight(lines: number, pt: number = PACK_FONT.size): number {
  return Math.max(1, lines) * (pt <= SMALL_PT ? 10.5 : pt <= PACK_FONT.size ? LINE_PT : Math.ceil(pt * 1.3));
}

// ---- styles ----------------------------------------------------------------------------------------------

const BLUE = 'FF1F4E79';
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/**
 * The pack's cell styles, each one object shared by every cell that uses it: exceljs then resolves a style to
 * its index once (it remembers the object), not once per cell, which keeps a 1,000-sheet pack fast. Never
 * change a style after it is handed out.
 */
export function stylesFor(f: Formats, amountPt: number = PACK_FONT.size) {
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ ...PACK_FONT, ...extra });
  const s = (style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> => Object.freeze({ font: font(), ...style });
  const right: Partial<ExcelJS.Alignment> = { horizontal: 'right', vertical: 'top' };
  const top: Partial<ExcelJS.Alignment> = { vertical: 'top' };
  const wrap: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
  return {
    text: s({ alignment: top }),
    wrap: s({ alignment: wrap }),
    bold: s({ font: font({ bold: true }), alignment: top }),
    small: s({ font: font({ size: SMALL_PT, italic: true, color: { argb: 'FF404040' } }), alignment: top }),
    smallWrap: s({ font: font({ size: SMALL_PT, italic: true, color: { argb: 'FF404040' } }), alignment: wrap }),
    title: s({ font: font({ bold: true, size: 13, color: { argb: BLUE } }), alignment: { vertical: 'bottom' } }),
    subtitle: s({ font: font({ bold: true, size: 11 }), alignment: { vertical: 'bottom' } }),
    rightBold: s({ font: font({ bold: true }), alignment: { horizontal: 'right', vertical: 'bottom' } }),
    rightText: s({ alignment: { horizontal: 'right', vertical: 'top' } }),
    wrapRight: s({ alignment: { horizontal: 'right', vertical: 'top', wrapText: true } }),
    section: s({ font: font({ bold: true, size: 10, color: { argb: BLUE } }), alignment: { vertical: 'bottom' } }),
    header: s({ font: font({ bold: true, color: { argb: 'FFFFFFFF' } }), fill: fill(BLUE), alignment: { vertical: 'middle', wrapText: true } }),
    headerRight: s({ font: font({ bold: true, color: { argb: 'FFFFFFFF' } }), fill: fill(BLUE), alignment: { vertical: 'middle', horizontal: 'right', wrapText: true } }),
    label: s({ alignment: top }),
    labelIndent: s({ alignment: { vertical: 'top', indent: 1 } }),
    labelBold: s({ font: font({ bold: true }), alignment: top }),
    orgNr: s({ numFmt: '@', alignment: top }),
    amount: s({ numFmt: f.amount, font: font({ size: amountPt }), alignment: right }),
    amountBold: s({ numFmt: f.amount, font: font({ bold: true, size: amountPt }), alignment: right }),
    percent: s({ numFmt: f.percent, alignment: right }),
    multiple: s({ numFmt: f.multiple, alignment: right }),
    percentChange: s({ numFmt: f.percentChange, alignment: right }),
    pointsChange: s({ numFmt: f.pointsChange, alignment: right }),
    multipleChange: s({ numFmt: f.multipleChange, alignment: right }),
    integer: s({ numFmt: f.integer, alignment: right }),
    date: s({ numFmt: f.date, alignment: { horizontal: 'right', vertical: 'top' } }),
    dateLeft: s({ numFmt: f.date, alignment: { horizontal: 'left', vertical: 'top' } }),
    dateTime: s({ numFmt: f.dateTime, alignment: { horizontal: 'left', vertical: 'top' } }),
    muted: s({ font: font({ color: { argb: 'FF595959' } }), alignment: right }),
    breach: s({ font: font({ bold: true, color: { argb: 'FF9C0006' } }), fill: fill('FFFFC7CE'), alignment: wrap }),
    near: s({ font: font({ bold: true, color: { argb: 'FF7F6000' } }), fill: fill('FFFFEB9C'), alignment: wrap }),
    ok: s({ font: font({ color: { argb: 'FF006100' } }), fill: fill('FFC6EFCE'), alignment: wrap }),
    untestable: s({ font: font({ italic: true, color: { argb: 'FF404040' } }), fill: fill('FFEDEDED'), alignment: wrap }),
    breachAmount: s({ numFmt: f.amount, font: font({ bold: true, size: amountPt, color: { argb: 'FF9C0006' } }), fill: fill('FFFFC7CE'), alignment: right }),
    breachPercent: s({ numFmt: f.percent, font: font({ bold: true, color: { argb: 'FF9C0006' } }), fill: fill('FFFFC7CE'), alignment: right }),
    breachMultiple: s({ numFmt: f.multiple, font: font({ bold: true, color: { argb: 'FF9C0006' } }), fill: fill('FFFFC7CE'), alignment: right }),
    critical: s({ font: font({ bold: true, color: { argb: 'FFFFFFFF' } }), fill: fill('FFC00000'), alignment: wrap }),
    // Lines of text that run over the empty cells beside them (no fill, no wrap): the status said by colour and weight.
    lineCritical: s({ font: font({ bold: true, color: { argb: 'FFC00000' } }), alignment: top }),
    lineBreach: s({ font: font({ bold: true, color: { argb: 'FF9C0006' } }), alignment: top }),
    lineNear: s({ font: font({ bold: true, color: { argb: 'FF7F6000' } }), alignment: top }),
    lineOk: s({ font: font({ color: { argb: 'FF006100' } }), alignment: top }),
    lineMuted: s({ font: font({ italic: true, color: { argb: 'FF404040' } }), alignment: top }),
    link: s({ font: font({ color: { argb: 'FF0563C1' }, underline: true }), alignment: top }),
    linkWrap: s({ font: font({ color: { argb: 'FF0563C1' }, underline: true }), alignment: wrap }),
    signLine: s({ alignment: { vertical: 'bottom' }, border: { bottom: { style: 'thin', color: { argb: 'FF808080' } } } }),
    rule: s({ border: { bottom: { style: 'thin', color: { argb: BLUE } } } }),
  };
}
export type Styles = ReturnType<typeof stylesFor>;

/**
 * A cell value as written: text of several lines goes in as an inline rich-text string, because LibreOffice drops
 * the line breaks of the plain strings exceljs writes without a shared-string table (t="str").
 */
export function cellValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  return typeof value === 'string' && value.includes('\n') ? { richText: [{ text: value }] } : value;
}

/**
 * The style of every row the pack writes: none, one object for all. exceljs gives each new row a fresh empty
 * style, which its styles table cannot recognise as seen before (it keeps a style's index by the object), so it
 * rendered and looked up that empty style once per row: 144,000 times in a 1,000-borrower pack. The pack styles
 * cells, never rows; frozen, so nothing can style one row through it.
 */
const NO_ROW_STYLE = Object.freeze({}) as Partial<ExcelJS.Style>;

/** A new row at the end of a streaming sheet, with the shared empty row style. */
export function newRow(sheet: ExcelJS.Worksheet): ExcelJS.Row {
  const row = sheet.addRow([]);
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = NO_ROW_STYLE;
  return row;
}

/** Puts a value and a shared style into a cell. */
export function put(row: ExcelJS.Row, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>): ExcelJS.Cell {
  const cell = row.getCell(col);
  cell.value = cellValue(value);
  cell.style = style as ExcelJS.Style;
  return cell;
}

/** A calendar date (YYYY-MM-DD) as the Date exceljs turns into that day's Excel serial (it counts in UTC). */
export function excelDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * A4 at 100 % (never shrunk to fit: a committee reads 9 pt as 9 pt), with the pack's margins; `pages across`
 * for a table wider than a page, which then prints across before down.
 */
export function packPageSetup(orientation: 'portrait' | 'landscape', extra: Partial<ExcelJS.PageSetup> = {}): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation,
    scale: 100,
    fitToPage: false,
    margins: { ...PACK_MARGINS },
    ...extra,
  };
}
