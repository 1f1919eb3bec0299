import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract/dto';
import { createSandboxDemoBackend } from '../../../electron/services/connections/demo';
import { borrowerSheetName } from '../../../electron/services/export/pack-builder';
import { makeApp, tempDir, type TestApp } from '../../unit/electron/services/connections/helpers';

/**
 * The Demo profile end to end: a real sync from the in-process sandbox into a real cache, the pack through the
 * handler table (as the window and the browser host call it), read back with exceljs and converted by an
 * independent reader, LibreOffice (Debian's libreoffice-calc-nogui), once.
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
        checked++;
        if (checked === 3) break;
      }
      expect(checked).toBeGreaterThan(0);
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

  it('exports a list view as a typed plain table', async () => {
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
  });
});
