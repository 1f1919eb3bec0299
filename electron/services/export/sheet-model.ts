import type ExcelJS from 'exceljs';
import { cellValue, newRow } from './pack-style';

/**
 * A sheet laid out before it is written: blocks of rows, each row with its height and cells. Laying out first
 * gives every row its number before any cell is written (page 1's key figures are formulas on the tables below
 * it), and lets the writer break pages itself: it knows each row's height, so a block that would not fit the
 * rest of a page starts on the next one, and page 1 is exactly one page. The streaming writer then gets the rows
 * in order, once.
 */
export interface Resolver {
  /** The number of the row laid out under `key`; throws for a key never laid out (a bug, not data). */
  row(key: string): number;
  has(key: string): boolean;
}

export type Value = ExcelJS.CellValue | ((at: Resolver) => ExcelJS.CellValue);

export interface CellSpec {
  col: number;
  value: Value;
  style: Partial<ExcelJS.Style>;
}

export interface RowSpec {
  /** A name formulas and charts find the row by. */
  key?: string | undefined;
  /** Points. */
  height: number;
  cells: CellSpec[];
  /** Column spans [from, to] merged in this row. */
  merges?: [number, number][] | undefined;
}

export interface Block {
  rows: RowSpec[];
  /** Printed on one page when it fits one: starts a new page rather than break inside. */
  keepTogether?: boolean;
  /** Starts on a new page. */
  newPage?: boolean;
  /** Ends its page: what follows starts on the next one. */
  endPage?: boolean;
}

export function blockHeight(b: Block): number {
  return b.rows.reduce((h, r) => h + r.height, 0);
}

export interface Written {
  /** The last row written (0 for none). */
  lastRow: number;
  rowOf: ReadonlyMap<string, number>;
  /** Pages the rows take as laid out (an estimate of the reader's, from the rows' heights). */
  pages: number;
}

/**
 * Writes the blocks' rows into a streaming sheet from row 1, with manual page breaks where a page of
 * `bodyPt` points fills, before a block kept together that would not fit the rest of its page, and where a
 * block asks for a new page.
 */
export function writeBlocks(sheet: ExcelJS.Worksheet, blocks: readonly Block[], bodyPt: number): Written {
  const rowOf = new Map<string, number>();
  let n = 0;
  for (const b of blocks) {
    for (const r of b.rows) {
      n++;
      if (r.key !== undefined) {
        if (rowOf.has(r.key)) throw new Error(`Row key laid out twice: ${r.key}`);
        rowOf.set(r.key, n);
      }
    }
  }
  const at: Resolver = {
    row(key) {
      const found = rowOf.get(key);
      if (found === undefined) throw new Error(`No row laid out as ${key}`);
      return found;
    },
    has: (key) => rowOf.has(key),
  };

  let used = 0;
  let pages = 1;
  let pending: ExcelJS.Row | null = null;
  let breakNext = false;
  const breakHere = () => {
    if (pending && used > 0) {
      pending.addPageBreak();
      pages++;
      used = 0;
    }
  };
  for (const b of blocks) {
    const h = blockHeight(b);
    if (b.newPage || breakNext || (b.keepTogether && used > 0 && used + h > bodyPt)) breakHere();
    breakNext = false;
    for (const spec of b.rows) {
      if (used > 0 && used + spec.height > bodyPt) breakHere();
      const row = newRow(sheet);
      pending?.commit();
      row.height = spec.height;
      for (const c of spec.cells) {
        const cell = row.getCell(c.col);
        cell.value = cellValue(typeof c.value === 'function' ? c.value(at) : c.value);
        cell.style = c.style as ExcelJS.Style;
      }
      for (const [from, to] of spec.merges ?? []) if (to > from) sheet.mergeCells(row.number, from, row.number, to);
      used += spec.height;
      pending = row;
    }
    if (b.endPage) breakNext = true;
  }
  pending?.commit();
  return { lastRow: n, rowOf, pages };
}
