import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseBorrower } from '../../../../../shared/analysis';
import { borrowerSheetName, buildPack, periodLabel, type PackOptions } from '../../../../../electron/services/export/pack-builder';
import type { PackBorrower } from '../../../../../electron/services/export/pack-source';
import { NOW, sandboxBorrowers, sourceOf } from './fixtures';
import { all, attr, kid, kids, NS, XlsxParts, type ChartRead } from './xlsx-parts';

const OPTIONS: PackOptions = { language: 'nb', amountUnit: 'nok', now: NOW, appVersion: '9.9.9', maxAgeDays: 45 };

let dir: string;
let borrowers: PackBorrower[];
let file: string;
let wb: ExcelJS.Workbook;
let parts: XlsxParts;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-charts-'));
  borrowers = sandboxBorrowers(12);
  file = path.join(dir, 'pack.xlsx');
  await buildPack(sourceOf(borrowers), OPTIONS, file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  parts = await XlsxParts.open(file);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Column letters → number (A = 1). */
function colNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** 'Sheet'!$B$5:$D$5 → the sheet and the cells, row by row. */
function cellsOf(ref: string): { sheet: string; cells: { col: number; row: number }[] } {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`Not an absolute range: ${ref}`);
  const [c1, r1] = [colNumber(m[2]!), Number(m[3])];
  const [c2, r2] = m[4] ? [colNumber(m[4]), Number(m[5])] : [c1, r1];
  const cells: { col: number; row: number }[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push({ col: c, row: r });
  return { sheet: m[1]!.replace(/''/g, "'"), cells };
}

/** What a cell holds as a reader sees it: the value, or a formula's cached result (null for an error or nothing). */
function shown(sheet: ExcelJS.Worksheet, col: number, row: number): string | number | null {
  const v = sheet.getRow(row).getCell(col).value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'formula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    return typeof r === 'number' || typeof r === 'string' ? r : null;
  }
  return typeof v === 'number' || typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null;
}

function withSnapshots(list: PackBorrower[]): PackBorrower[] {
  return list.filter((b) => b.items.length > 0);
}

/** The accounts table's heading row (the first row labelled Periode) and its headings, their lines joined. */
function tableHead(sheet: ExcelJS.Worksheet): { row: number; heads: string[] } {
  let row = 0;
  sheet.eachRow((r, n) => {
    if (!row && r.getCell(1).text === 'Periode') row = n;
  });
  const heads = [2, 3, 4, 5, 6, 7, 8].map((c) => sheet.getRow(row).getCell(c).text);
  return { row, heads };
}
const oneLine = (s: string) => s.replace(/-\n/g, '-').replace(/\n/g, ' ');

describe('the pack’s charts, read back from the zip', () => {
  it('are native chart parts, two per borrower sheet with figures, and no pictures are left', async () => {
    expect(parts.names.filter((n) => n.startsWith('xl/media/'))).toEqual([]);
    const chartParts = parts.names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(chartParts).toHaveLength(2 * withSnapshots(borrowers).length);
    // Every chart and drawing part is declared with its content type.
    const types = await parts.xml('[Content_Types].xml');
    const overrides = new Map(kids(types, NS.ct, 'Override').map((o) => [attr(o, 'PartName')!, attr(o, 'ContentType')!]));
    for (const c of chartParts) expect(overrides.get(`/${c}`)).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    for (const d of parts.names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))) {
      expect(overrides.get(`/${d}`)).toBe('application/vnd.openxmlformats-officedocument.drawing+xml');
    }
    for (const b of withSnapshots(borrowers)) {
      const charts = await parts.charts(borrowerSheetName(b.name, b.orgNr));
      expect(charts.map((c) => c.kind)).toEqual(['column', 'line']);
    }
  });

  it('bind every series to its own sheet’s chart data, whose formulas take the table’s cells, oldest period first', async () => {
    let ytdSeen = 0;
    for (const b of withSnapshots(borrowers)) {
      const name = borrowerSheetName(b.name, b.orgNr);
      const sheet = wb.getWorksheet(name)!;
      const charts = await parts.charts(name);
      const [amounts, ratios] = charts as [ChartRead, ChartRead];
      expect(amounts.title).toBe('Driftsinntekter, EBITDA og resultat etter skatt (MNOK)');
      expect(ratios.title).toBe('Egenkapitalandel og EBITDA-margin');
      expect(amounts.lang).toBe('nb-NO');
      expect(amounts.series.map((s) => s.name)).toEqual(['Driftsinntekter', 'EBITDA', 'Resultat etter skatt']);
      expect(ratios.series.map((s) => s.name)).toEqual(['Egenkapitalandel', 'EBITDA-margin']);
      expect(amounts.categoriesRef).toBe(ratios.categoriesRef);

      // The categories: the chart data's heading cells, each a formula on the table's heading.
      const head = tableHead(sheet);
      const cats = cellsOf(amounts.categoriesRef);
      expect(cats.sheet).toBe(name);
      const tableCols = cats.cells.map(({ col, row }) => {
        const v = sheet.getRow(row).getCell(col).value as ExcelJS.CellFormulaValue;
        const m = new RegExp(`^([A-Z]+)${head.row}$`).exec(v.formula);
        expect(m, v.formula).not.toBeNull();
        return colNumber(m![1]!);
      });
      expect(amounts.categories).toEqual(cats.cells.map(({ col, row }) => shown(sheet, col, row)));
      expect(amounts.categories).toEqual(tableCols.map((c) => sheet.getRow(head.row).getCell(c).text));
      // Exactly the periods as reported (full years and the latest year to date), none derived, oldest first by "To".
      const reported = head.heads.flatMap((h, i) => (/^\d{4} \(helår\)$|\(HiÅ\)$/.test(oneLine(h)) && !(i > 0 && /\(HiÅ\)$/.test(oneLine(h))) ? [i + 2] : []));
      expect([...tableCols].sort((x, y) => x - y)).toEqual(reported);
      const ends = tableCols.map((c) => shown(sheet, c, head.row + 2) as string);
      expect(ends).toEqual([...ends].sort());

      for (const s of [...amounts.series, ...ratios.series]) {
        const nameCell = cellsOf(s.nameRef);
        expect(nameCell.sheet).toBe(name);
        expect(shown(sheet, nameCell.cells[0]!.col, nameCell.cells[0]!.row)).toBe(s.name);
        const values = cellsOf(s.valuesRef);
        expect(values.sheet).toBe(name);
        expect(values.cells.map((c) => c.col)).toEqual(cats.cells.map((c) => c.col));
        const sourceRow = sheet.getRows(head.row, 60)!.find((r) => r.getCell(1).text === s.name)!.number;
        values.cells.forEach(({ col, row }, k) => {
          // The cache is what the table holds; a ratio that cannot be computed (text i.t.) is no point at all.
          const table = shown(sheet, tableCols[k]!, sourceRow);
          expect(s.values[k]).toBe(typeof table === 'number' ? table : null);
          expect(shown(sheet, col, row)).toBe(typeof table === 'number' ? table : null);
          if (typeof table !== 'number') return;
          const ref = `${String.fromCharCode(64 + tableCols[k]!)}${sourceRow}`;
          expect((sheet.getRow(row).getCell(col).value as ExcelJS.CellFormulaValue).formula).toBe(`IF(ISNUMBER(${ref}),${ref},"")`);
        });
        // A year to date is marked where its label says so, and only there.
        const ytd = amounts.categories.flatMap((c, k) => (oneLine(c).endsWith('(HiÅ)') ? [k] : []));
        expect(s.marked.map((m) => m.idx)).toEqual(ytd);
        ytdSeen += ytd.length;
      }
      for (const s of amounts.series) expect(s.marked.every((m) => m.patterned)).toBe(true);
      expect(amounts.axisFormat).toMatch(/^\[\$-414\]#,##0(\.0)?,,$/);
      expect(ratios.axisFormat).toBe('[$-414]0%');
    }
    expect(ytdSeen).toBeGreaterThan(0);
  });

  it('leaves a ratio that cannot be computed out of the chart: an empty chart-data cell, no point in the cache', async () => {
    const base = withSnapshots(borrowers)[0]!;
    // The sheet shows the latest period and three full years; the oldest of those has no revenue, so its EBITDA
    // margin is not meaningful (a finding, never 0 %).
    const years = [...new Set(base.items.map((i) => i.data.year))].sort((x, y) => y - x);
    const oldest = years[Math.min(3, years.length - 1)]!;
    const items = base.items.map((i) =>
      i.data.year === oldest ? { ...i, data: { ...i.data, p_and_l_items: { ...i.data.p_and_l_items, revenues: 0 } } } : i,
    );
    const f = path.join(dir, 'na.xlsx');
    await buildPack(sourceOf([{ ...base, items }]), OPTIONS, f);
    const name = borrowerSheetName(base.name, base.orgNr);
    const [, ratios] = (await (await XlsxParts.open(f)).charts(name)) as [ChartRead, ChartRead];
    const margin = ratios.series.find((x) => x.name === 'EBITDA-margin')!;
    expect(oneLine(ratios.categories[0]!)).toBe(`${oldest} (helår)`);
    expect(margin.values[0]).toBeNull();
    expect(margin.values.slice(1).every((v) => typeof v === 'number')).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(f);
    const cell = cellsOf(margin.valuesRef).cells[0]!;
    const sheet = back.getWorksheet(name)!;
    expect(sheet.getRow(cell.row).getCell(cell.col).value).toBeNull();
    // The table beside it says n.m. (its notes say why).
    const head = tableHead(sheet);
    const yearCol = head.heads.findIndex((h) => oneLine(h) === `${oldest} (helår)`) + 2;
    const ratioHead = sheet.getRows(head.row + 1, 120)!.find((r) => r.getCell(1).text === 'Periode')!.number;
    const cellValue = sheet.getRows(ratioHead, 20)!.find((r) => r.getCell(1).text === 'EBITDA-margin')!.getCell(yearCol).value as ExcelJS.CellFormulaValue;
    expect(cellValue.result).toBe('n.m.');
  });

  it('puts the drawing where the sheet schema wants it, after the header and footer', async () => {
    const b = withSnapshots(borrowers)[0]!;
    const sheet = await parts.xml(await parts.sheetPart(borrowerSheetName(b.name, b.orgNr)));
    const order = kids(sheet, NS.main).map((e) => e.name);
    expect(order.indexOf('drawing')).toBeGreaterThan(order.indexOf('headerFooter'));
    expect(order.indexOf('drawing')).toBeGreaterThan(order.indexOf('rowBreaks'));
    expect(order.indexOf('drawing')).toBeGreaterThan(order.indexOf('mergeCells'));
    expect(order.at(-1)).toBe('drawing');
    // The full grid's table part is the last element of its sheet.
    const grid = kids(await parts.xml(await parts.sheetPart('Alle tall')), NS.main).map((e) => e.name);
    expect(grid.at(-1)).toBe('tableParts');
    expect(grid).not.toContain('autoFilter');
  });

  it('are titled in English, with the year to date as (YTD), in an English pack; none when charts are off', async () => {
    const some = withSnapshots(borrowers).slice(0, 3);
    const en = path.join(dir, 'en.xlsx');
    await buildPack(sourceOf(some), { ...OPTIONS, language: 'en' }, en);
    const p = await XlsxParts.open(en);
    const charts = await p.charts(borrowerSheetName(some[0]!.name, some[0]!.orgNr));
    expect(charts.map((c) => c.title)).toEqual(['Revenue, EBITDA and net profit (NOK m)', 'Equity ratio and EBITDA margin']);
    expect(charts[0]!.lang).toBe('en-GB');
    expect(charts[0]!.series.map((s) => s.name)).toEqual(['Revenue', 'EBITDA', 'Net profit']);
    expect(charts[0]!.categories.some((c) => /\(YTD\)$/.test(oneLine(c)))).toBe(true);
    expect(charts[0]!.categories.every((c) => /^FY \d{4}$|\(YTD\)$/.test(oneLine(c)))).toBe(true);

    const off = path.join(dir, 'off.xlsx');
    await buildPack(sourceOf(some), { ...OPTIONS, charts: false }, off);
    const q = await XlsxParts.open(off);
    expect(q.names.filter((n) => n.startsWith('xl/charts/') || n.startsWith('xl/drawings/'))).toEqual([]);
  });
});

describe('the pack’s page furniture', () => {
  it('gives every sheet A4, a header (bank, document, borrower or sheet) and a footer (data date, page of pages, classification)', async () => {
    const sheets = await parts.sheets();
    const withData = withSnapshots(borrowers);
    expect(sheets).toHaveLength(withData.length + 6);
    for (const [i, s] of sheets.entries()) {
      const xml = await parts.xml(s.part);
      const setup = kid(xml, NS.main, 'pageSetup')!;
      expect(attr(setup, 'paperSize'), s.name).toBe('9');
      // Never shrunk to fit: printed at 100 %.
      expect(attr(setup, 'scale'), s.name).toBe('100');
      expect(attr(kid(xml, NS.main, 'sheetPr')?.children.find((e) => e.name === 'pageSetUpPr') ?? setup, 'fitToPage') ?? '0').not.toBe('1');
      const hf = kid(xml, NS.main, 'headerFooter')!;
      const header = kid(hf, NS.main, 'oddHeader')!.text;
      const footer = kid(hf, NS.main, 'oddFooter')!.text;
      expect(header).toMatch(/^&L&9&"-,Regular"Demo Sparebank&C&9&"-,Bold"Kredittkomitépakke&R&9&"-,Regular"/);
      const b = withData[i - 2];
      if (i >= 2 && i < sheets.length - 4) expect(header.endsWith(`${b!.name} (org.nr. ${b!.orgNr.slice(0, 3)} ${b!.orgNr.slice(3, 6)} ${b!.orgNr.slice(6)})`)).toBe(true);
      else expect(header.endsWith('&A')).toBe(true);
      expect(footer).toBe('&L&9&"-,Regular"Data per 20.08.2025&C&9&"-,Regular"Side &P av &N&R&9&"-,Bold"Fortrolig');
      expect(header.length).toBeLessThanOrEqual(255);
    }
  });

  it('sets a print area on every sheet, fully absolute, repeats the headings of the lists, and breaks a borrower’s pages itself', async () => {
    const names = await parts.definedNames();
    const sheets = await parts.sheets();
    sheets.forEach((s, i) => {
      const area = names.find((n) => n.name === '_xlnm.Print_Area' && n.sheet === i);
      expect(area?.formula, s.name).toMatch(/^'[^']+'!\$A\$1:\$[A-Z]+\$\d+$/);
    });
    expect(names.find((n) => n.name === '_xlnm.Print_Titles' && n.sheet === 1)?.formula).toMatch(/!\$3:\$3$/);
    const b = withSnapshots(borrowers)[0]!;
    const idx = sheets.findIndex((s) => s.name === borrowerSheetName(b.name, b.orgNr));
    // A borrower's sections carry their own headings: no repeated rows, which would print over page 1.
    expect(names.find((n) => n.name === '_xlnm.Print_Titles' && n.sheet === idx)).toBeUndefined();
    // The borrower's print area ends with the row the charts stand on, as tall as they are.
    const area = cellsOf(names.find((n) => n.name === '_xlnm.Print_Area' && n.sheet === idx)!.formula);
    const sheetRels = [...(await parts.rels(sheets[idx]!.part)).values()];
    const drawing = await parts.xml(sheetRels.find((r) => r.type.endsWith('/drawing'))!.target);
    const lastAnchorRow = Math.max(...all(drawing, NS.xdr, 'row').map((r) => Number(r.text)));
    const chartPx = Math.max(...all(drawing, NS.xdr, 'ext').map((e) => Number(attr(e, 'cy')) / 9525));
    expect(area.cells.at(-1)!.row).toBe(lastAnchorRow + 1);
    expect(wb.getWorksheet(sheets[idx]!.name)!.getRow(lastAnchorRow + 1).height! / 0.75).toBeGreaterThanOrEqual(chartPx);
    // Page 1 ends with the sign-off; the charts start a printed page of their own.
    const sheetXml = await parts.xml(sheets[idx]!.part);
    const brk = all(sheetXml, NS.main, 'brk').map((e) => Number(attr(e, 'id')));
    expect(brk.length).toBeGreaterThanOrEqual(2);
    const sheet = wb.getWorksheet(sheets[idx]!.name)!;
    let signOff = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(1).text === 'Signering') signOff = n;
    });
    expect(brk[0]).toBe(signOff + 4);
    expect(brk.at(-1)!).toBeLessThan(lastAnchorRow + 1);
  });

  it('prints the analyst’s own classification label, its & kept literal', async () => {
    const f = path.join(dir, 'classified.xlsx');
    await buildPack(sourceOf(borrowers.slice(0, 1)), { ...OPTIONS, language: 'en', charts: false, classification: 'Strictly confidential & internal' }, f);
    const p = await XlsxParts.open(f);
    for (const s of await p.sheets()) {
      const footer = all(await p.xml(s.part), NS.main, 'oddFooter')[0]!.text;
      expect(footer).toBe('&L&9&"-,Regular"Data as of 20 Aug 2025&C&9&"-,Regular"Page &P of &N&R&9&"-,Bold"Strictly confidential && internal');
    }
    const never = path.join(dir, 'never.xlsx');
    await buildPack(sourceOf(borrowers.slice(0, 1), { dataAsOf: null, bank: null }), { ...OPTIONS, charts: false }, never);
    const n = await XlsxParts.open(never);
    const first = await n.xml((await n.sheets())[0]!.part);
    expect(all(first, NS.main, 'oddFooter')[0]!.text).toContain('Data: aldri synkronisert');
    expect(all(first, NS.main, 'oddHeader')[0]!.text.startsWith('&C')).toBe(true);
  });
});

describe('period labels', () => {
  it('are the analysis’ own labels: a part of a year by its span, never a bare year', () => {
    const b = withSnapshots(borrowers)[0]!;
    const a = analyseBorrower(b.items, { now: NOW });
    const p = a.latest!.reported;
    expect(periodLabel(p, 'nb')).toBe(p.label.nb);
    expect(periodLabel(p, 'en')).toBe(p.label.en);
    if (p.basis === 'ytd') expect(p.label.nb).toMatch(/^\d\d\.\d\d–\d\d\.\d\d\.\d{4} \(HiÅ\)$/);
  });
});
