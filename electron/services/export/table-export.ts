// Loaded when a table is written, not when the app starts (about 0.4 s of module loading).
import type ExcelJS from 'exceljs';
import type { WriteStream } from 'node:fs';
import { excelAmountFormat, type AmountUnit, type Language } from '../../../shared/analysis';
import { classificationLabel } from '../../../shared/classification';
import { AppError } from '../../../shared/contract';
import type { TableExportInput } from '../../../shared/contract/dto';
import { abandonExport, AtomicFile, WriteFailureWatch } from './atomic-file';
import { dayText, excelDate, excelDateTime } from './pack-builder';
import { a4PageSetup, headerFooter, printArea } from './page-furniture';
import { t } from './pack-texts';

export interface TableOptions {
  language: Language;
  amountUnit: AmountUnit;
  now: Date;
  appVersion: string;
  /** The classification label of the page footers (the analyst's setting); unset prints the language's default. */
  classification?: string | null;
}

type ColumnType = TableExportInput['columns'][number]['type'];

function numFmtOf(type: ColumnType, o: TableOptions): string | undefined {
  switch (type) {
    case 'nok':
      return excelAmountFormat({ unit: o.amountUnit, negative: 'parentheses' });
    case 'percent':
      return '0.0%;-0.0%';
    case 'number':
      return '#,##0.##;-#,##0.##';
    case 'date':
      return o.language === 'nb' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
    case 'orgnr':
    case 'text':
      return '@';
  }
}

/**
 * One cell of a typed column: numbers stay numbers, dates become real Excel dates (an ISO date or timestamp
 * from the list view), org numbers and text stay text (a leading zero or nine digits never turn into a number).
 */
export function tableCell(type: ColumnType, v: string | number | boolean | null): ExcelJS.CellValue {
  if (v === null) return null;
  switch (type) {
    case 'text':
    case 'orgnr':
      return String(v);
    case 'date': {
      if (typeof v !== 'string') return v === true || v === false ? String(v) : v;
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return excelDate(v);
      const d = excelDateTime(v);
      return d instanceof Date ? excelDate(d.toISOString().slice(0, 10)) : v;
    }
    default: {
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (typeof v === 'boolean') return String(v);
      const n = Number(v.replace(/\s|\u00a0/g, '').replace(',', '.'));
      return v.trim() !== '' && Number.isFinite(n) ? n : v;
    }
  }
}

/**
 * A list view as shown (the rows in the order and selection the analyst sees) as a plain, filterable table:
 * a title row, a header row frozen with an autofilter, typed columns. Written to a temp file and renamed.
 */
export async function buildTable(input: TableExportInput, o: TableOptions, target: string, signal?: AbortSignal): Promise<{ path: string; bytes: number }> {
  const { default: Excel } = await import('exceljs');
  const file = AtomicFile.prepare(target);
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file.tempPath, useStyles: true, useSharedStrings: false });
  const out = (wb as unknown as { stream: WriteStream }).stream;
  // A write failure (a full disk) must end the export, not leave wb.commit() waiting on a stream that stopped.
  const watch = new WriteFailureWatch(out, (wb as unknown as { zip: { on(event: 'error', l: (e: Error) => void): void } }).zip);
  let committed = false;
  try {
    wb.creator = 'Symetrisk Desk';
    wb.created = o.now;
    wb.modified = o.now;
    wb.title = input.title;
    const sheetName = input.title.replace(/[[\]:*?/\\']/g, ' ').trim().slice(0, 31) || 'Export';
    const widths = input.columns.map((c) => (c.type === 'text' ? Math.min(50, Math.max(12, c.label.length + 2)) : Math.max(12, c.label.length + 2)));
    const lastCol = input.columns.length;
    let letters = '';
    for (let x = lastCol; x > 0; x = Math.floor((x - 1) / 26)) letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
    const created = dayText(o.now.toISOString().slice(0, 10), o.language);
    const sheet = wb.addWorksheet(sheetName, {
      views: [{ state: 'frozen', ySplit: 2 }],
      // Portrait or landscape by the columns' width; the heading row on every page.
      pageSetup: a4PageSetup(
        widths.reduce((x, w) => x + w, 0),
        { printTitlesRow: '2:2', printArea: printArea(letters, input.rows.length + 2) },
      ),
      // A list view has no one bank or borrower: its title is the document; the list's data date is the day it was made.
      headerFooter: headerFooter({
        lang: o.language,
        bank: null,
        document: input.title || sheetName,
        subject: '',
        dataDate: t(o.language, 'footerCreated').replace('{date}', created),
        classification: classificationLabel(o.classification, o.language),
      }),
    });
    const fmts = input.columns.map((c) => numFmtOf(c.type, o));
    sheet.columns = widths.map((width) => ({ width }));
    const title = sheet.addRow([input.title]);
    title.getCell(1).font = { bold: true, size: 13 };
    title.commit();
    const head = sheet.addRow(input.columns.map((c) => c.label));
    head.eachCell((c) => {
      c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    });
    head.commit();
    let i = 0;
    for (const values of input.rows) {
      if (++i % 2000 === 0) {
        if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
        watch.check();
        await new Promise((r) => setImmediate(r));
      }
      const row = sheet.addRow([]);
      input.columns.forEach((c, k) => {
        const cell = row.getCell(k + 1);
        cell.value = tableCell(c.type, values[k] ?? null);
        const fmt = fmts[k];
        if (fmt) cell.numFmt = fmt;
        // A text of several lines (an analyst's note) shows its lines, from the top of its row.
        if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
      row.commit();
    }
    sheet.autoFilter = `A2:${letters}2`;
    sheet.commit();
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
    await watch.race(wb.commit());
    committed = true;
    return { path: file.target, bytes: file.commit() };
  } catch (e) {
    return abandonExport(e, { zip: (wb as unknown as { zip: { abort(): void } }).zip, out, file, committed });
  }
}
