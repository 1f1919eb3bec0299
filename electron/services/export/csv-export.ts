import fs from 'node:fs';
import { writeToString } from '@fast-csv/format';
import { AppError } from '../../../shared/contract';
import { AtomicFile, exportFileError } from './atomic-file';

export interface CsvInput {
  header: readonly string[];
  rows: readonly (readonly (string | null)[])[];
  /**
   * `;` where the analyst's spreadsheet and word processor read a comma as the decimal sign (nb-NO: the list
   * separator is a semicolon), `,` otherwise.
   */
  delimiter: ';' | ',';
}

/**
 * A cell as a spreadsheet opens it harmlessly: text a server sent that starts like a formula (=, +, -, @, or a tab
 * or carriage return before one) is prefixed with an apostrophe, so Excel and LibreOffice show it as text instead
 * of evaluating it (OWASP's CSV injection advice).
 */
export function csvCell(v: string | null): string {
  if (v === null) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * Writes a CSV file atomically (a temporary file renamed over the target, so a failure leaves nothing under its
 * name): UTF-8 with a byte-order mark (Excel then reads æ, ø and å), CRLF line ends (RFC 4180), fields quoted where
 * needed by fast-csv. Returns the target and its size.
 */
export async function writeCsv(input: CsvInput, target: string, signal?: AbortSignal): Promise<{ path: string; bytes: number }> {
  const text = await writeToString(
    input.rows.map((r) => r.map(csvCell)),
    { headers: [...input.header], alwaysWriteHeaders: true, delimiter: input.delimiter, rowDelimiter: '\r\n', includeEndRowDelimiter: true, writeBOM: true },
  );
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
  const file = AtomicFile.prepare(target);
  try {
    fs.writeFileSync(file.tempPath, text, 'utf8');
  } catch (e) {
    file.discard();
    throw exportFileError(e, file.target);
  }
  return { path: file.target, bytes: file.commit() };
}
