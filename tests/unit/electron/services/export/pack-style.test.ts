import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellWidthPt, formatsFor, linesFor, rowHeight, textWidthPt, wrapText } from '../../../../../electron/services/export/pack-style';
import { writeBlocks, type Block } from '../../../../../electron/services/export/sheet-model';
import { all, attr, NS, XlsxParts } from './xlsx-parts';

describe('the pack’s own line breaks', () => {
  it('break at spaces to fit a column, never inside a number, and a long compound where it may break', () => {
    const sentence = 'Egenkapital 22\u00a0383\u00a0977 kr – krav minst 0 kr – oppfylt, buffer +22\u00a0383\u00a0977 kr';
    const lines = wrapText(sentence, 40);
    expect(lines.join(' ')).toBe(sentence);
    for (const l of lines) expect(textWidthPt(l)).toBeLessThanOrEqual(cellWidthPt(40));
    expect(lines.some((l) => /\d\u00a0\d{3}$/.test(l) || /^\d{3}\u00a0/.test(l))).toBe(false);
    expect(linesFor('Porteføljegrense', 12, { bold: true })).toEqual(['Portefølje-', 'grense']);
    expect(linesFor('Snapshotdato', 10.5, { bold: true })).toEqual(['Snapshot-', 'dato']);
    expect(linesFor('EBITDA-margin', 8, { bold: true })).toEqual(['EBITDA-', 'margin']);
    // A date is never cut, even where it does not fit.
    expect(linesFor('18.07.2025', 4)).toEqual(['18.07.2025']);
    // Paragraphs are kept.
    expect(wrapText('a\nb', 20)).toEqual(['a', 'b']);
  });

  it('cut what does not fit a number of lines with an ellipsis, and give rows their height', () => {
    const long = 'Selskapet har god drift og stabil kontantstrøm. '.repeat(10);
    const lines = linesFor(long, 30, { maxLines: 3 });
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith(' …')).toBe(true);
    expect(rowHeight(1)).toBe(11.5);
    expect(rowHeight(3)).toBe(34.5);
    expect(rowHeight(2, 8)).toBe(21);
  });

  it('tags number formats with the pack’s language, so a reader shows 20,0 % in the Norwegian pack and 20.0% in the English', () => {
    expect(formatsFor('nb', 'thousands')).toMatchObject({ amount: '[$-414]#,##0,;(#,##0,)', percent: '[$-414]0.0 %;-0.0 %', multiple: '[$-414]0.0"x";-0.0"x"', date: '[$-414]dd.mm.yyyy' });
    expect(formatsFor('en', 'nok')).toMatchObject({ amount: '[$-809]#,##0;(#,##0)', percent: '[$-809]0.0%;-0.0%', pointsChange: '[$-809]+0.0" pp";-0.0" pp";0.0" pp"' });
  });
});

describe('a sheet laid out before it is written', () => {
  it('numbers every row before any cell is written, so a formula can name a row further down, and breaks pages where they fill', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-layout-'));
    try {
      const file = path.join(dir, 'l.xlsx');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
      const sheet = wb.addWorksheet('S');
      const style = {};
      const blocks: Block[] = [
        { rows: [{ height: 20, cells: [{ col: 1, value: (at) => ({ formula: `A${at.row('total')}`, result: 3 }), style }] }], endPage: true },
        { rows: Array.from({ length: 5 }, (_, i) => ({ height: 40, cells: [{ col: 1, value: i, style }] })) },
        { rows: [{ key: 'total', height: 40, cells: [{ col: 1, value: 'two\nlines', style }] }, { height: 40, cells: [] }], keepTogether: true },
      ];
      const out = writeBlocks(sheet, blocks, 100);
      sheet.commit();
      await wb.commit();
      expect(out.rowOf.get('total')).toBe(7);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(file);
      const s = back.getWorksheet('S')!;
      expect((s.getCell('A1').value as ExcelJS.CellFormulaValue).formula).toBe('A7');
      // Page 1 ends after row 1; two 40-pt rows fill a 100-pt page; the block kept together starts a page.
      const parts = await XlsxParts.open(file);
      const xml = await parts.xml((await parts.sheets())[0]!.part);
      expect(all(xml, NS.main, 'brk').map((b) => Number(attr(b, 'id')))).toEqual([1, 3, 5, 6]);
      expect(out.pages).toBe(5);
      expect(s.getCell('A7').text).toBe('two\nlines');
      expect(() => writeBlocks(wb.addWorksheet('T'), [{ rows: [{ key: 'x', height: 1, cells: [] }, { key: 'x', height: 1, cells: [] }] }], 100)).toThrow('laid out twice');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
