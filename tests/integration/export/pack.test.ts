import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract/dto';
import { createSandboxDemoBackend } from '../../../electron/services/connections/demo';
import { borrowerSheetName } from '../../../electron/services/export/pack-builder';
import { makeApp, tempDir, type TestApp } from '../../unit/electron/services/connections/helpers';
import { all, attr, NS, XlsxParts } from '../../unit/electron/services/export/xlsx-parts';

/**
 * The Demo profile end to end: a real sync from the in-process sandbox into a real cache, the pack through the
 * handler table (as the window and the browser host call it), read back with exceljs and converted by an
 * independent reader, LibreOffice (Debian's libreoffice-calc-nogui): to CSV (its own recalculation), to PDF (as a
 * committee prints it; read with Debian's poppler-utils) and back to xlsx (its own chart writer).
 */
const CTX = { host: 'test' as const };
let app: TestApp;
let result: ExportResult;
let wb: ExcelJS.Workbook;

function soffice(): string | null {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'soffice' : null;
}
const SOFFICE = soffice();
const POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;

/** Converts `file` with LibreOffice into `outDir` (a fresh profile each time, so no state leaks between runs). */
function convert(file: string, outDir: string, filter: string): void {
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${path.join(outDir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/** The text of each page of a PDF, as poppler lays it out. */
function pdfPages(pdf: string): string[] {
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
  return pages.at(-1)!.trim() === '' ? pages.slice(0, -1) : pages;
}

async function finished(exportId: string): Promise<ExportResult> {
  return app.services.exports.wait(exportId);
}

beforeAll(async () => {
  app = await makeApp({
    overrides: { demo: createSandboxDemoBackend(async () => (await import('../../../electron/sandbox/index')).startSandbox, { seed: 7, borrowers: 25 }) },
  });
  const sync = await app.services.sync.start('demo');
  expect((await sync.done).outcome).toBe('ok');
  const started = await app.services.handlers['export:pack']({ profileId: 'demo', language: 'en' }, CTX);
  result = await finished(started.exportId);
  expect(result).toMatchObject({ outcome: 'ok', error: null });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(result.path!);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('the Demo pack', () => {
  it('goes to <dataDir>/exports with progress and a finished event, and export:result knows it', async () => {
    expect(path.dirname(result.path!)).toBe(path.join(app.dir, 'exports'));
    expect(path.basename(result.path!)).toMatch(/^Credit pack Demo \d{4}-\d{2}-\d{2}\.xlsx$/);
    const mine = app.events.filter((e) => (e.payload as { exportId?: string }).exportId === result.exportId);
    expect(mine.some((e) => e.event === 'export:progress' && (e.payload as { phase: string }).phase === 'borrowers')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ event: 'export:finished', payload: { outcome: 'ok' } });
    expect(await app.services.handlers['export:result']({ exportId: result.exportId }, CTX)).toEqual(result);
    expect(app.services.resolveDownload!(result.exportId)).toEqual({ path: result.path, fileName: path.basename(result.path!) });
    // Not the desktop: nothing to show in a folder.
    expect(await app.services.handlers['export:showInFolder']({ exportId: result.exportId }, CTX)).toEqual({ shown: false });
  });

  it('covers every borrower of the cache, with the bank from /self', () => {
    const rels = app.services.caches.open('demo').relationships.all();
    expect(wb.worksheets).toHaveLength(rels.length + 4);
    for (const r of rels) expect(wb.getWorksheet(borrowerSheetName(r.name, r.org_nr))).toBeDefined();
    const cover = wb.getWorksheet('Cover')!;
    const bankRow = cover.getRows(1, 20)!.find((r) => r.getCell(1).value === 'Bank')!;
    expect(bankRow.getCell(2).value).toBe('Demo Sparebank (Org. no. 987654325)');
  });

  it.skipIf(SOFFICE === null)('converts cleanly in LibreOffice, which recalculates the change formulas to the same values', () => {
    const out = tempDir('desk-lo-');
    try {
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${path.join(out, 'profile')}`,
          '--headless',
          '--convert-to',
          // Every sheet to its own CSV (the last token, -1), UTF-8, unformatted values.
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1',
          '--outdir',
          out,
          result.path!,
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const base = path.basename(result.path!, '.xlsx');
      const csv = (sheet: string) => fs.readFileSync(path.join(out, `${base}-${sheet}.csv`), 'utf8').split('\n').map((l) => l.split(','));
      expect(fs.readdirSync(out).filter((f) => f.endsWith('.csv'))).toHaveLength(wb.worksheets.length);

      // The summary: org numbers kept as text (all nine digits), dates as ISO dates.
      const summary = csv('Summary');
      const rels = app.services.caches.open('demo').relationships.all();
      expect(summary.slice(1, rels.length + 1).map((r) => r[0])).toEqual(rels.map((r) => r.org_nr));
      const sum = wb.getWorksheet('Summary')!;
      const withData = summary.findIndex((r, i) => i > 0 && r[5] !== '' && r[5] !== undefined);
      expect(summary[withData]![5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${summary[withData]![5]}T00:00:00Z`)).toEqual(sum.getRow(withData + 1).getCell(6).value);

      // A borrower sheet: LibreOffice's own results of the change formulas equal the cached ones.
      let checked = 0;
      for (const r of rels) {
        const name = borrowerSheetName(r.name, r.org_nr);
        const sheet = wb.getWorksheet(name)!;
        if (sheet.getRow(4).getCell(4).value !== 'Change') continue;
        const lo = csv(name);
        expect(lo[2]![1]).toBe(r.org_nr);
        const revRow = sheet.getRows(1, 30)!.find((x) => x.getCell(1).value === 'Revenue')!;
        const cached = (revRow.getCell(4).value as ExcelJS.CellFormulaValue).result as number;
        const loRow = lo[revRow.number - 1]!;
        expect(loRow[0]).toBe('Revenue');
        expect(Number(loRow[3])).toBeCloseTo(cached, 2);
        // The chart data, recalculated by LibreOffice, is the table's figures, a missing ratio #N/A.
        const chartData = sheet.getRows(1, 120)!.find((x) => x.getCell(1).value === 'Chart data')!.number;
        const heads = lo[chartData + 1]!;
        const revenue = lo[chartData + 2]!;
        expect(revenue[0]).toBe('Revenue');
        for (let k = 1; k < heads.length && heads[k] !== ''; k++) {
          const col = lo[3]!.indexOf(heads[k]!);
          expect(col, heads[k]).toBeGreaterThan(0);
          expect(Number(revenue[k])).toBeCloseTo(Number(loRow[col]), 2);
        }
        checked++;
        if (checked === 3) break;
      }
      expect(checked).toBeGreaterThan(0);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);

  it.skipIf(SOFFICE === null || !POPPLER)('prints through LibreOffice with header and footer on every page, and the charts drawn as vector charts', () => {
    const out = tempDir('desk-lo-pdf-');
    try {
      convert(result.path!, out, 'pdf');
      const pdf = path.join(out, `${path.basename(result.path!, '.xlsx')}.pdf`);
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(wb.worksheets.length);
      pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(page).toContain('Confidential');
        expect(page).toContain('Credit committee pack');
        expect(page).toContain('Demo Sparebank');
        expect(page).toMatch(/Data as of \d{1,2} [A-Z][a-z]{2} \d{4}/);
      });
      // A chart's title and axis exist only in its chart part: on the page they prove LibreOffice drew the chart.
      const withFigures = app.services.caches
        .open('demo')
        .relationships.all()
        .filter((r) => (wb.getWorksheet(borrowerSheetName(r.name, r.org_nr))!.getCell('B5').value ?? null) !== null);
      const chartPages = pages.filter((p) => p.includes('Revenue, EBITDA and net profit (NOK m)'));
      expect(withFigures.length).toBeGreaterThan(3);
      expect(chartPages).toHaveLength(withFigures.length);
      for (const p of chartPages) {
        expect(p).toContain('Equity ratio and EBITDA margin');
        expect(p).toMatch(/\(YTD\)/);
      }
      // Drawn, not pasted: the PDF holds no raster image at all.
      const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n');
      expect(images.slice(2)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);

  it.skipIf(SOFFICE === null)('re-saves in LibreOffice with its charts still bound to the same cells of the same sheets', async () => {
    const out = tempDir('desk-lo-xlsx-');
    try {
      convert(result.path!, out, 'xlsx:Calc MS Excel 2007 XML');
      const ours = await XlsxParts.open(result.path!);
      const theirs = await XlsxParts.open(path.join(out, path.basename(result.path!)));
      let compared = 0;
      for (const r of app.services.caches.open('demo').relationships.all()) {
        const name = borrowerSheetName(r.name, r.org_nr);
        const mine = await ours.charts(name);
        const back = await theirs.charts(name);
        expect(back.map((c) => c.kind), name).toEqual(mine.map((c) => c.kind));
        back.forEach((c, i) => {
          expect(c.title).toBe(mine[i]!.title);
          expect(c.categoriesRef).toBe(mine[i]!.categoriesRef);
          expect(c.categories).toEqual(mine[i]!.categories);
          expect(c.series.map((s) => [s.nameRef, s.valuesRef])).toEqual(mine[i]!.series.map((s) => [s.nameRef, s.valuesRef]));
          c.series.forEach((s, k) => s.values.forEach((v, j) => (v === null ? expect(mine[i]!.series[k]!.values[j]).toBeNull() : expect(v).toBeCloseTo(mine[i]!.series[k]!.values[j]!, 2))));
        });
        compared += back.length;
      }
      expect(compared).toBeGreaterThan(6);
      // Its page setup came through too: A4 with our header and footer.
      const first = await theirs.xml((await theirs.sheets())[2]!.part);
      expect(attr(all(first, NS.main, 'pageSetup')[0]!, 'paperSize')).toBe('9');
      expect(all(first, NS.main, 'oddFooter')[0]!.text).toContain('&P');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);

  it('exports a selection, and cancels one leaving no file', async () => {
    const some = app.services.caches.open('demo').relationships.all().slice(0, 2).map((r) => r.org_nr);
    const sel = await finished((await app.services.handlers['export:pack']({ profileId: 'demo', orgNrs: some, fileName: 'Two' }, CTX)).exportId);
    expect(path.basename(sel.path!)).toBe('Two.xlsx');
    const two = new ExcelJS.Workbook();
    await two.xlsx.readFile(sel.path!);
    expect(two.worksheets).toHaveLength(6);

    const before = fs.readdirSync(path.join(app.dir, 'exports'));
    const { exportId } = await app.services.handlers['export:pack']({ profileId: 'demo', fileName: 'Cancelled' }, CTX);
    expect(await app.services.handlers['export:cancel']({ exportId }, CTX)).toEqual({ cancelled: true });
    expect(await finished(exportId)).toMatchObject({ outcome: 'cancelled', path: null });
    expect(fs.readdirSync(path.join(app.dir, 'exports'))).toEqual(before);
  });

  it('refuses org numbers outside the portfolio and unknown profiles', async () => {
    await expect(app.services.handlers['export:pack']({ profileId: 'demo', orgNrs: ['123456785'] }, CTX)).rejects.toMatchObject({ code: 'not_found' });
    await expect(app.services.handlers['export:pack']({ profileId: 'nobody' }, CTX)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('exports a list view as a typed plain table, with the classification label of the settings in its footer', async () => {
    await app.services.handlers['settings:update']({ classification: 'Intern – underlagt taushetsplikt' }, CTX);
    const { exportId } = await app.services.handlers['export:table'](
      {
        fileName: 'Portfolio view',
        title: 'Portfolio',
        columns: [
          { key: 'orgNr', label: 'Org. no.', type: 'orgnr' },
          { key: 'name', label: 'Name', type: 'text' },
          { key: 'revenue', label: 'Revenue', type: 'nok' },
          { key: 'eq', label: 'Equity ratio', type: 'percent' },
          { key: 'days', label: 'Days', type: 'number' },
          { key: 'end', label: 'Period end', type: 'date' },
        ],
        rows: [
          ['012345678', 'Zeta AS', -1234.5, 0.25, 226, '2025-08-14'],
          ['987654325', 'Alfa AS', null, null, null, null],
        ],
      },
      CTX,
    );
    const r = await finished(exportId);
    expect(path.basename(r.path!)).toBe('Portfolio view.xlsx');
    const t = new ExcelJS.Workbook();
    await t.xlsx.readFile(r.path!);
    const s = t.worksheets[0]!;
    expect(s.getCell('A1').value).toBe('Portfolio');
    expect(s.getRow(2).values).toEqual([undefined, 'Org. no.', 'Name', 'Revenue', 'Equity ratio', 'Days', 'Period end']);
    expect(s.getCell('A3').value).toBe('012345678');
    expect(s.getCell('A4').value).toBe('987654325');
    expect(s.getCell('C3').value).toBe(-1234.5);
    expect(s.getCell('C3').numFmt).toBe('#,##0;(#,##0)');
    expect(s.getCell('D3').numFmt).toBe('0.0%;-0.0%');
    expect(s.getCell('F3').value).toEqual(new Date('2025-08-14T00:00:00Z'));
    expect(s.autoFilter).toBeTruthy();
    // Six narrow columns print upright on A4, the heading row on every page.
    expect(s.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, printTitlesRow: '2:2' });
    const parts = await XlsxParts.open(r.path!);
    const sheet = await parts.xml((await parts.sheets())[0]!.part);
    expect(all(sheet, NS.main, 'oddHeader')[0]!.text).toBe('&C&9&"-,Bold"Portfolio');
    expect(all(sheet, NS.main, 'oddFooter')[0]!.text).toMatch(/^&L&9&"-,Regular"Laget \d\d\.\d\d\.\d{4}&C&9&"-,Regular"Side &P av &N&R&9&"-,Bold"Intern – underlagt taushetsplikt$/);
    if (SOFFICE !== null && POPPLER) {
      const out = tempDir('desk-lo-table-');
      try {
        convert(r.path!, out, 'pdf');
        const pages = pdfPages(path.join(out, 'Portfolio view.pdf'));
        expect(pages).toHaveLength(1);
        expect(pages[0]).toContain('Side 1 av 1');
        expect(pages[0]).toContain('Intern – underlagt taushetsplikt');
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
    await app.services.handlers['settings:update']({ classification: null }, CTX);
  }, 60_000);
});
