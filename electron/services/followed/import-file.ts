/**
 * Reads the bank's list of followed org numbers from a file the analyst picked: an Excel workbook (.xlsx) or a CSV
 * or text file. It only finds the column of org numbers and returns its cells as lines; validating each line (with
 * its reason) and storing happen afterwards through followed:follow, so a bad file stores nothing.
 */
import zlib from 'node:zlib';
import { AppError } from '../../../shared/contract/errors';
import { columnLetter } from '../../../shared/spreadsheet';

/** The largest file accepted (the contract's base64 limit, ~14 MB, decodes to about this). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/**
 * A workbook whose parts unpack to more than this is refused before exceljs unpacks it (a zip bomb): first by the
 * sizes its zip declares, then by inflating each part and counting, since a forged zip can declare anything.
 */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** As many lines as followed:follow takes at once. */
const MAX_IMPORT_LINES = 20_000;
/** As long as one line of followed:follow may be. */
const MAX_CELL_CHARS = 200;

export interface ParsedImport {
  /** The chosen column's cells, top to bottom, without the header and empty cells. */
  lines: string[];
  /** The worksheet read (Excel only). */
  sheet: string | null;
  /** The chosen column: its header when it has one, else its letter (A, B, …). */
  column: string | null;
}

const ORG_NR_LIKE = /^\d{3}\s?\d{3}\s?\d{3}$|^\d{9}$/;
// Header spellings seen in banks' lists: orgnr, org.nr, org nr, org-nr, organisasjonsnummer, orgnummer, org no.
const HEADER = /^(org(anisasjons?)?(nr|nummer|no|number)|organi[sz]ationnumber)$/;

function normaliseHeader(s: string): string {
  return s.toLowerCase().replace(/[^a-zæøå]/g, '');
}

/** Why an imported file is refused: the stable key the renderer words, with the values its wording needs. */
export type ImportRefusal =
  | 'wrong_file_type'
  | 'old_excel_file'
  | 'file_empty'
  | 'file_too_large'
  | 'not_a_workbook'
  | 'workbook_too_large'
  | 'no_worksheet'
  | 'binary_file'
  | 'no_orgnr_column'
  | 'orgnr_column_empty'
  | 'too_many_lines';

function refuse(reason: ImportRefusal, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('invalid_input', message, { reason, ...details });
}

/**
 * Picks the org-number column of a grid (rows of cell texts): a column whose first non-empty cell is a header
 * named like "orgnr" wins; otherwise the column with the most org-number-like cells (the leftmost on a tie).
 */
function pickOrgNrColumn(rows: readonly (readonly string[])[]): { lines: string[]; column: string } {
  const headerRow = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerRow === -1) throw refuse('file_empty', 'The file is empty: it has no cells with text.');
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const header = rows[headerRow]!;

  let chosen = header.findIndex((c) => HEADER.test(normaliseHeader(c)));
  let hasHeader = chosen !== -1;
  if (!hasHeader) {
    const counts = new Array<number>(width).fill(0);
    for (const r of rows) {
      r.forEach((c, i) => {
        if (ORG_NR_LIKE.test(c.trim())) counts[i]!++;
      });
    }
    const best = Math.max(...counts);
    if (best === 0) throw refuse('no_orgnr_column', 'No column in the file holds organisation numbers (nine digits), nor is one headed "orgnr".');
    chosen = counts.indexOf(best);
    // A first cell that is text (not digits) in the chosen column is that column's header.
    hasHeader = /[^\d\s.-]/.test(header[chosen] ?? '');
  }

  const lines: string[] = [];
  for (let i = hasHeader ? headerRow + 1 : headerRow; i < rows.length; i++) {
    const cell = (rows[i]![chosen] ?? '').trim();
    if (cell === '') continue;
    lines.push(cell.slice(0, MAX_CELL_CHARS));
  }
  if (lines.length === 0) throw refuse('orgnr_column_empty', 'The org number column of the file has no values under its header.');
  if (lines.length > MAX_IMPORT_LINES) {
    throw refuse('too_many_lines', `The file has ${lines.length} org numbers; at most ${MAX_IMPORT_LINES} can be imported at once. Split the list.`, {
      lines: lines.length,
      max: MAX_IMPORT_LINES,
    });
  }
  const title = hasHeader ? (header[chosen] ?? '').trim().slice(0, MAX_CELL_CHARS) : '';
  return { lines, column: title || columnLetter(chosen + 1) };
}

interface ZipEntry {
  method: number;
  compressedBytes: number;
  declaredBytes: number;
  localHeaderAt: number;
}

/** The entries of a zip's central directory, or null when it is not a readable zip. */
function zipEntries(buf: Buffer): ZipEntry[] | null {
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedBytes: buf.readUInt32LE(at + 20),
      declaredBytes: buf.readUInt32LE(at + 24),
      localHeaderAt: buf.readUInt32LE(at + 42),
    });
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/** Inflates raw deflate data only to count it; stops counting (and inflating) past `limit`. */
function inflatedBytes(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw();
    let n = 0;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) {
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on('end', () => resolve(n));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

/**
 * What the zip's parts really unpack to, counted without keeping the output (memory stays small), up to just
 * past `limit`; null when a part cannot be read (a damaged file, or a compression method no workbook uses).
 */
async function unpackedBytes(buf: Buffer, entries: ZipEntry[], limit: number): Promise<number | null> {
  let total = 0;
  for (const e of entries) {
    const at = e.localHeaderAt;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    if (start + e.compressedBytes > buf.length) return null;
    const data = buf.subarray(start, start + e.compressedBytes);
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      try {
        total += await inflatedBytes(data, limit - total);
      } catch {
        return null;
      }
    } else return null;
    if (total > limit) return total;
  }
  return total;
}

async function readXlsx(content: Buffer, maxUnpackedBytes: number): Promise<ParsedImport> {
  const notWorkbook = () => refuse('not_a_workbook', 'The file could not be read as an Excel workbook (.xlsx). Is it damaged, or saved in another format?');
  const tooLarge = () => refuse('workbook_too_large', 'The workbook is too large to import. Save the org number column alone as CSV.', { maxUnpackedBytes });
  if (content.length < 22 || content.readUInt32LE(0) !== 0x04034b50) throw notWorkbook();
  const entries = zipEntries(content);
  if (entries === null) throw notWorkbook();
  if (entries.reduce((n, e) => n + e.declaredBytes, 0) > maxUnpackedBytes) throw tooLarge();
  const unpacked = await unpackedBytes(content, entries, maxUnpackedBytes);
  if (unpacked === null) throw notWorkbook();
  if (unpacked > maxUnpackedBytes) throw tooLarge();
  // Loaded when a workbook is imported, not when the app starts (about 0.4 s of module loading).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw notWorkbook();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw refuse('no_worksheet', 'The workbook has no worksheet.');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // cell.text renders numbers, formulas' results and rich text as the analyst sees them.
      cells[col - 1] = cell.text ?? '';
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  const grid = Array.from(rows, (r) => r ?? []);
  const { lines, column } = pickOrgNrColumn(grid);
  return { lines, sheet: ws.name, column };
}

function decodeText(content: Buffer): string {
  if (content.includes(0)) throw refuse('binary_file', 'The file is not a text or CSV file (it holds binary data).');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    // Excel on Windows saves CSV in Windows-1252; org numbers are plain digits either way.
    text = new TextDecoder('windows-1252').decode(content);
  }
  return text.replace(/^\uFEFF/, '');
}

function readText(content: Buffer): ParsedImport {
  const text = decodeText(content);
  const rawLines = text.split(/\r?\n|\r/);
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const separators: [string, number][] = [
    [';', count(/;/g)],
    ['\t', count(/\t/g)],
    [',', count(/,/g)],
  ];
  const [sep, used] = separators.reduce((a, b) => (b[1] > a[1] ? b : a));
  const rows = rawLines.map((l) => (used > 0 ? l.split(sep) : [l]).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  const { lines, column } = pickOrgNrColumn(rows);
  return { lines, sheet: null, column: used > 0 ? column : null };
}

/**
 * Parses an imported list of org numbers. Refuses, as invalid_input with `details.reason` (ImportRefusal) and an
 * English message, a file that is empty, too large, of another type, or a damaged workbook.
 */
export async function parseImportFile(fileName: string, content: Buffer, limits: { maxUnpackedBytes?: number } = {}): Promise<ParsedImport> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!['xlsx', 'csv', 'txt'].includes(ext)) {
    if (ext === 'xls') throw refuse('old_excel_file', 'Old Excel files (.xls) cannot be read. Save the list as .xlsx or CSV.', { ext });
    throw refuse('wrong_file_type', 'Choose an Excel (.xlsx), CSV or text file.', { ext });
  }
  if (content.length === 0) throw refuse('file_empty', 'The file is empty.');
  if (content.length > MAX_IMPORT_BYTES) throw refuse('file_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  return ext === 'xlsx' ? readXlsx(content, limits.maxUnpackedBytes ?? MAX_UNPACKED_BYTES) : readText(content);
}
