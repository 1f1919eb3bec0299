import type ExcelJS from 'exceljs';
import type { Language } from '../../../shared/analysis';
import { t } from './pack-texts';

/**
 * What every printed page of an export carries: who and what it is in the header, where the data stands, the
 * page number and the classification in the footer. Excel's header/footer codes (&L &C &R sections, &P page,
 * &N pages, &A sheet name) are understood by Excel, LibreOffice and Numbers alike.
 */
export interface PageFurniture {
  lang: Language;
  /** Header, left: the bank (null when not known). */
  bank: string | null;
  /** Header, centre: the document ("Kredittkomitépakke", a list view's title). */
  document: string;
  /** Header, right: the borrower of a borrower sheet; null prints the sheet's own name, '' nothing. */
  subject: string | null;
  /** Footer, left: the date the data stands at ("Data per 20.08.2025"). */
  dataDate: string;
  /** Footer, right: the classification label. */
  classification: string;
}

// Excel refuses a header or footer string longer than 255 characters.
const MAX_CODES = 255;

/** Text inside a header section: a literal & is written &&. */
function literal(s: string): string {
  return s.replace(/&/g, '&&');
}

/** `s` cut to `max` characters with an ellipsis when longer. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

// A section in 9 pt; the font code after the size ends the size, so text that starts with a digit is not read
// as part of it ("&9" then "2025 ..." would otherwise be a 92025-point font).
function section(code: 'L' | 'C' | 'R', text: string, bold = false): string {
  return text === '' ? '' : `&${code}&9&"-,${bold ? 'Bold' : 'Regular'}"${text}`;
}

/** The header and footer strings of a sheet (the same on every page). */
export function headerFooter(f: PageFurniture): Partial<ExcelJS.HeaderFooter> {
  const footer =
    section('L', literal(clip(f.dataDate, 60))) +
    section('C', t(f.lang, 'pageOf').replace('{page}', '&P').replace('{pages}', '&N')) +
    section('R', literal(clip(f.classification, 60)), true);
  // The borrower's name gives way first, then the bank's, so that the header stays within Excel's limit.
  // Half a landscape A4 line at 9 pt is about 75 characters, and the centre takes some of it: callers keep a
  // subject within about 64 (a borrower's name is cut to 40 before its org number).
  let subjectMax = 70;
  let bankMax = 60;
  const header = () =>
    section('L', f.bank ? literal(clip(f.bank, bankMax)) : '') +
    section('C', literal(clip(f.document, 60)), true) +
    section('R', f.subject === null ? '&A' : literal(clip(f.subject, subjectMax)));
  while (header().length > MAX_CODES && subjectMax > 10) subjectMax -= 10;
  while (header().length > MAX_CODES && bankMax > 10) bankMax -= 10;
  return { oddHeader: header(), oddFooter: footer };
}

/**
 * A print area from A1 to the given corner, as exceljs wants it: it puts a $ before each column itself, so the
 * rows carry theirs here and the defined name reads $A$1:$L$40 (fully absolute, as Excel writes it).
 */
export function printArea(toCol: string, toRow: number): string {
  return `A$1:${toCol}$${Math.max(1, toRow)}`;
}

/** Excel's width in pixels of a column `chars` wide (Calibri 11, a 7-pixel digit; 5 pixels of padding are in the width). */
export function columnPx(chars: number): number {
  return Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);
}

/** The width of a column Excel gives no width (8.43 characters shown). */
export const DEFAULT_COLUMN_CHARS = 9.140625;
/** Excel's default row: 15 points, 20 pixels. */
export const DEFAULT_ROW_PX = 20;

// About 100 characters of columns fit an A4 portrait page at a readable scale, 200 a landscape one (at the
// smallest scale a committee still reads, about 70 %); wider tables print over more pages across.
const PORTRAIT_MAX_CHARS = 100;
const LANDSCAPE_CHARS_PER_PAGE = 200;

/**
 * A4 page setup for a sheet whose printed columns add up to `widthChars`: portrait when they fit, landscape
 * otherwise, scaled to one page wide, or to as many pages across as keep the text readable (pages then run
 * across before down, so a row's halves are printed one after the other).
 */
export function a4PageSetup(widthChars: number, extra: Partial<ExcelJS.PageSetup> = {}): Partial<ExcelJS.PageSetup> {
  const landscape = widthChars > PORTRAIT_MAX_CHARS;
  const across = landscape ? Math.max(1, Math.ceil(widthChars / LANDSCAPE_CHARS_PER_PAGE)) : 1;
  return {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: across,
    fitToHeight: 0, // as many pages down as the rows need
    ...(across > 1 ? { pageOrder: 'overThenDown' as const } : {}),
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...extra,
  };
}
