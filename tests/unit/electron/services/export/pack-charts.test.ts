import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodFigures } from '../../../../../shared/analysis';
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
    for (const b of borrowers) {
      const charts = await parts.charts(borrowerSheetName(b.name, b.orgNr));
      expect(charts.map((c) => c.kind)).toEqual(b.items.length > 0 ? ['column', 'line'] : []);
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

      // The categories: the chart data's heading cells, each a formula on the table's heading in row 4.
      const cats = cellsOf(amounts.categoriesRef);
      expect(cats.sheet).toBe(name);
      const tableCols = cats.cells.map(({ col, row }) => {
        const v = sheet.getRow(row).getCell(col).value as ExcelJS.CellFormulaValue;
        const m = /^([A-Z]+)4$/.exec(v.formula);
        expect(m, v.formula).not.toBeNull();
        return colNumber(m![1]!);
      });
      expect(amounts.categories).toEqual(cats.cells.map(({ col, row }) => shown(sheet, col, row)));
      expect(amounts.categories).toEqual(tableCols.map((c) => shown(sheet, c, 4)));
      // Exactly the periods as reported (full years and a year to date), none derived, oldest first by "To".
      const heads = (sheet.getRow(4).values as ExcelJS.CellValue[]).slice(2).map(String);
      const reported = heads.flatMap((h, i) => (/^\d{4}$|\(HiÅ\)$/.test(h) ? [i + 2] : []));
      expect([...tableCols].sort((x, y) => x - y)).toEqual(reported);
      const ends = tableCols.map((c) => shown(sheet, c, 6) as string);
      expect(ends).toEqual([...ends].sort());

      for (const s of [...amounts.series, ...ratios.series]) {
        const nameCell = cellsOf(s.nameRef);
        expect(nameCell.sheet).toBe(name);
        expect(shown(sheet, nameCell.cells[0]!.col, nameCell.cells[0]!.row)).toBe(s.name);
        const values = cellsOf(s.valuesRef);
        expect(values.sheet).toBe(name);
        expect(values.cells.map((c) => c.col)).toEqual(cats.cells.map((c) => c.col));
        const sourceRow = sheet.getRows(1, 60)!.find((r) => r.getCell(1).value === s.name)!.number;
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
        const ytd = amounts.categories.flatMap((c, k) => (c.endsWith('(HiÅ)') ? [k] : []));
        expect(s.marked.map((m) => m.idx)).toEqual(ytd);
        ytdSeen += ytd.length;
      }
      for (const s of amounts.series) expect(s.marked.every((m) => m.patterned)).toBe(true);
      expect(amounts.axisFormat).toMatch(/^#,##0(\.0)?,,$/);
      expect(ratios.axisFormat).toBe('0%');
    }
    expect(ytdSeen).toBeGreaterThan(0);
  });

  it('leaves a ratio that cannot be computed out of the chart: an empty chart-data cell, no point in the cache', async () => {
    const base = withSnapshots(borrowers)[0]!;
    // The sheet shows the latest period and four years before it; the oldest of those has no revenue, so its
    // EBITDA margin is undefined (a finding, never 0 %).
    const years = [...new Set(base.items.map((i) => i.data.year))].sort((x, y) => y - x);
    const oldest = years[Math.min(4, years.length - 1)]!;
    const items = base.items.map((i) =>
      i.data.year === oldest ? { ...i, data: { ...i.data, p_and_l_items: { ...i.data.p_and_l_items, revenues: 0 } } } : i,
    );
    const f = path.join(dir, 'na.xlsx');
    await buildPack(sourceOf([{ ...base, items }]), OPTIONS, f);
    const name = borrowerSheetName(base.name, base.orgNr);
    const [, ratios] = (await (await XlsxParts.open(f)).charts(name)) as [ChartRead, ChartRead];
    const margin = ratios.series.find((x) => x.name === 'EBITDA-margin')!;
    expect(ratios.categories[0]).toBe(String(oldest));
    expect(margin.values[0]).toBeNull();
    expect(margin.values.slice(1).every((v) => typeof v === 'number')).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(f);
    const cell = cellsOf(margin.valuesRef).cells[0]!;
    const sheet = back.getWorksheet(name)!;
    expect(sheet.getRow(cell.row).getCell(cell.col).value).toBeNull();
    // The table beside it says why.
    const yearCol = (sheet.getRow(4).values as ExcelJS.CellValue[]).indexOf(String(oldest));
    expect(sheet.getRows(1, 60)!.find((r) => r.getCell(1).value === 'EBITDA-margin')!.getCell(yearCol).value).toBe('i.t.');
  });

  it('puts the drawing where the sheet schema wants it, after the header and footer', async () => {
    const b = withSnapshots(borrowers)[0]!;
    const sheet = await parts.xml(await parts.sheetPart(borrowerSheetName(b.name, b.orgNr)));
    const order = kids(sheet, NS.main).map((e) => e.name);
    expect(order.indexOf('drawing')).toBeGreaterThan(order.indexOf('headerFooter'));
    expect(order.indexOf('drawing')).toBeGreaterThan(order.indexOf('rowBreaks'));
    expect(order.at(-1)).toBe('drawing');
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
    expect(charts[0]!.categories.some((c) => / \(YTD\)$/.test(c))).toBe(true);
    expect(charts[0]!.categories.every((c) => /^\d{4}$| \(YTD\)$/.test(c))).toBe(true);

    const off = path.join(dir, 'off.xlsx');
    await buildPack(sourceOf(some), { ...OPTIONS, charts: false }, off);
    const q = await XlsxParts.open(off);
    expect(q.names.filter((n) => n.startsWith('xl/charts/') || n.startsWith('xl/drawings/'))).toEqual([]);
  });
});

describe('the pack’s page furniture', () => {
  it('gives every sheet A4, a header (bank, document, borrower or sheet) and a footer (data date, page of pages, classification)', async () => {
    const sheets = await parts.sheets();
    expect(sheets).toHaveLength(borrowers.length + 4);
    for (const [i, s] of sheets.entries()) {
      const xml = await parts.xml(s.part);
      expect(attr(kid(xml, NS.main, 'pageSetup')!, 'paperSize'), s.name).toBe('9');
      expect(attr(kid(xml, NS.main, 'sheetPr')!.children.find((e) => e.name === 'pageSetUpPr')!, 'fitToPage')).toBe('1');
      const hf = kid(xml, NS.main, 'headerFooter')!;
      const header = kid(hf, NS.main, 'oddHeader')!.text;
      const footer = kid(hf, NS.main, 'oddFooter')!.text;
      expect(header).toMatch(/^&L&9&"-,Regular"Demo Sparebank&C&9&"-,Bold"Kredittkomitépakke&R&9&"-,Regular"/);
      const b = borrowers[i - 2];
      if (i >= 2 && i < sheets.length - 2) expect(header.endsWith(`${b!.name} (org.nr. ${b!.orgNr.slice(0, 3)} ${b!.orgNr.slice(3, 6)} ${b!.orgNr.slice(6)})`)).toBe(true);
      else expect(header.endsWith('&A')).toBe(true);
      expect(footer).toBe('&L&9&"-,Regular"Data per 20.08.2025&C&9&"-,Regular"Side &P av &N&R&9&"-,Bold"Fortrolig');
      expect(header.length).toBeLessThanOrEqual(255);
    }
  });

  it('sets a print area on every sheet, fully absolute, and repeats the headings', async () => {
    const names = await parts.definedNames();
    const sheets = await parts.sheets();
    sheets.forEach((s, i) => {
      const area = names.find((n) => n.name === '_xlnm.Print_Area' && n.sheet === i);
      expect(area?.formula, s.name).toMatch(/^'[^']+'!\$A\$1:\$[A-Z]+\$\d+$/);
    });
    const b = withSnapshots(borrowers)[0]!;
    const idx = sheets.findIndex((s) => s.name === borrowerSheetName(b.name, b.orgNr));
    expect(names.find((n) => n.name === '_xlnm.Print_Titles' && n.sheet === idx)?.formula).toMatch(/!\$A:\$A,'[^']+'!\$4:\$7$/);
    // The borrower's print area reaches below its charts: the last chart row and the charts' columns.
    const area = cellsOf(names.find((n) => n.name === '_xlnm.Print_Area' && n.sheet === idx)!.formula);
    const sheetRels = [...(await parts.rels(sheets[idx]!.part)).values()];
    const drawing = await parts.xml(sheetRels.find((r) => r.type.endsWith('/drawing'))!.target);
    const lastAnchorRow = Math.max(...all(drawing, NS.xdr, 'row').map((r) => Number(r.text)));
    expect(area.cells.at(-1)!.row).toBeGreaterThan(lastAnchorRow + 10);
    // The charts start a printed page of their own.
    const sheetXml = await parts.xml(sheets[idx]!.part);
    const brk = all(sheetXml, NS.main, 'brk');
    expect(brk).toHaveLength(1);
    expect(Number(attr(brk[0]!, 'id'))).toBeLessThan(lastAnchorRow);
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
  const period = (basis: PeriodFigures['basis'], start: string, end: string) => ({ basis, start, end, year: Number(end.slice(0, 4)) }) as PeriodFigures;

  it('say what a part of a year covers, in each language', () => {
    expect(periodLabel(period('full_year', '2024-01-01', '2024-12-31'), 'nb')).toBe('2024');
    expect(periodLabel(period('ytd', '2026-01-01', '2026-09-30'), 'nb')).toBe('01.01–30.09.2026 (HiÅ)');
    expect(periodLabel(period('ytd', '2026-01-01', '2026-09-30'), 'en')).toBe('Jan–Sep 2026 (YTD)');
    expect(periodLabel(period('ytd', '2025-01-01', '2025-08-14'), 'en')).toBe('1 Jan–14 Aug 2025 (YTD)');
    expect(periodLabel(period('ytd', '2024-02-01', '2024-02-29'), 'en')).toBe('Feb 2024 (YTD)');
    // An accounting year that does not follow the calendar.
    expect(periodLabel(period('ytd', '2024-07-01', '2025-03-31'), 'nb')).toBe('01.07.2024–31.03.2025 (HiÅ)');
    expect(periodLabel(period('ytd', '2024-07-01', '2025-03-31'), 'en')).toBe('Jul 2024–Mar 2025 (YTD)');
    expect(periodLabel(period('ytd_annualised', '2026-01-01', '2026-09-30'), 'nb')).toBe('01.01–30.09.2026 annualisert');
    expect(periodLabel(period('ltm', '2024-10-01', '2025-09-30'), 'nb')).toBe('LTM 30.09.2025');
  });
});
