import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyseBorrower, excelAmountFormat, RATIO_DEFINITIONS, RATIO_IDS, type PeriodFigures } from '../../../../../shared/analysis';
import { AppError } from '../../../../../shared/contract';
import { exportFileError } from '../../../../../electron/services/export/atomic-file';
import { borrowerSheetName, buildPack, type PackOptions } from '../../../../../electron/services/export/pack-builder';
import type { PackBorrower } from '../../../../../electron/services/export/pack-source';
import { NOW, sandboxBorrowers, sourceOf } from './fixtures';

const OPTIONS: PackOptions = { language: 'nb', amountUnit: 'nok', now: NOW, appVersion: '9.9.9', maxAgeDays: 45 };

let dir: string;
let borrowers: PackBorrower[];
let wb: ExcelJS.Workbook;
let file: string;

function withSnapshots(list: PackBorrower[]): PackBorrower[] {
  return list.filter((b) => b.items.length > 0);
}

function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  return v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result) : String(v);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pack-'));
  borrowers = sandboxBorrowers(12);
  file = path.join(dir, 'pack.xlsx');
  const progress: string[] = [];
  const out = await buildPack(sourceOf(borrowers), OPTIONS, file, { onProgress: (p) => progress.push(p.phase) });
  expect(out.borrowers).toBe(12);
  expect(out.bytes).toBe(fs.statSync(file).size);
  expect(new Set(progress)).toEqual(new Set(['preparing', 'summary', 'borrowers', 'finishing']));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the pack, read back with exceljs', () => {
  it('has the cover, the summary, one sheet per borrower, definitions and provenance, in that order', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Forside');
    expect(names[1]).toBe('Oversikt');
    expect(names.slice(2, -2)).toEqual(borrowers.map((b) => borrowerSheetName(b.name, b.orgNr)));
    expect(names.slice(-2)).toEqual(['Definisjoner', 'Kilder']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });

  it('sets the document properties', () => {
    expect(wb.creator).toBe('Symetrisk Desk');
    expect(wb.title).toBe('Kredittkomitépakke: Demo');
    expect(wb.subject).toBe('Demo Sparebank');
    expect(wb.created?.toISOString()).toBe(NOW.toISOString());
  });

  it('puts bank, profile, data as of, generation time, version, source and a disclaimer on the cover', () => {
    const cover = wb.getWorksheet('Forside')!;
    const values = new Map<string, ExcelJS.CellValue>();
    cover.eachRow((r) => values.set(cellText(r.getCell(1)), r.getCell(2).value));
    expect(values.get('Bank')).toBe('Demo Sparebank (Org.nr. 987654325)');
    expect(values.get('Profil')).toBe('Demo');
    expect(values.get('Data per (siste synkronisering) (UTC)')).toEqual(new Date('2025-08-20T08:00:00Z'));
    expect(values.get('Laget (UTC)')).toEqual(NOW);
    expect(values.get('Appversjon')).toBe('Symetrisk Desk 9.9.9');
    expect(values.get('Datakilde')).toBe('Symetrisk sandbox (Demo)');
    expect(values.get('Låntakere')).toBe(12);
    expect(String(values.get('Forbehold'))).toContain('ikke reviderte regnskap');
  });

  it('summarises every borrower: org numbers as text, dates as dates, amounts in the NOK format, breaches coloured', () => {
    const sum = wb.getWorksheet('Oversikt')!;
    expect(sum.autoFilter).toBeTruthy();
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // 26 columns do not fit one A4 width at a readable size: two pages across, org number and name on both.
    expect(sum.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 2, fitToHeight: 0, printTitlesRow: '1:1', printTitlesColumn: 'A:B' });
    const header = (sum.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const col = (label: string) => header.indexOf(label) + 1;
    const approved = withSnapshots(borrowers);
    expect(approved.length).toBeGreaterThan(3);
    for (let i = 0; i < borrowers.length; i++) {
      const b = borrowers[i]!;
      const row = sum.getRow(i + 2);
      expect(row.getCell(1).value).toBe(b.orgNr);
      expect(typeof row.getCell(1).value).toBe('string');
      expect(row.getCell(1).numFmt).toBe('@');
      expect(row.getCell(col('Navn')).value).toBe(b.name);
      if (b.items.length === 0) continue;
      const a = analyseBorrower(b.items, { now: NOW, maxAgeDays: 45 });
      const rev = row.getCell(col('Driftsinntekter (NOK)'));
      expect(rev.value).toBe(a.latest!.reported.flows.revenues);
      expect(rev.numFmt).toBe(excelAmountFormat({ negative: 'parentheses' }));
      expect(row.getCell(col('Periodeslutt')).value).toEqual(new Date(`${a.latest!.snapshot.endDate}T00:00:00Z`));
      const eq = a.latest!.ratios.equity_ratio.value;
      expect(row.getCell(col('Egenkapitalandel')).value).toBe(eq ?? 'i.t.');
      expect(row.getCell(col('Brudd')).value).toBe(a.earlyWarning!.breaches.length);
    }
    const cf = (sum as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(cf.some((c) => c.rules.some((r) => r.formulae?.some((f) => f.includes('equity_ratio_min'))))).toBe(true);
  });

  it('shows a borrower’s periods side by side with live change formulas whose cached results are right', () => {
    const b = withSnapshots(borrowers).find((x) => analyseBorrower(x.items, { now: NOW }).latest!.priorYear.ok)!;
    const a = analyseBorrower(b.items, { now: NOW, maxAgeDays: 45 });
    const sheet = wb.getWorksheet(borrowerSheetName(b.name, b.orgNr))!;
    expect(sheet.getCell('B3').value).toBe(b.orgNr);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '4:7', printTitlesColumn: 'A:A' });
    const heads = (sheet.getRow(4).values as ExcelJS.CellValue[]).slice(1).map(String);
    expect(heads[2]).toBe('Fjoråret sammenlignbart');
    expect(heads[3]).toBe('Endring');
    expect(heads[4]).toBe('Endring %');
    // Dates as dates.
    expect(sheet.getCell('B6').value).toEqual(new Date(`${a.latest!.reported.end}T00:00:00Z`));
    const prior = (a.latest!.priorYear as { ok: true; period: PeriodFigures }).period;
    const revenueRow = [...Array(40).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(1).value === 'Driftsinntekter')!;
    const n = revenueRow.number;
    expect(revenueRow.getCell(2).value).toBe(a.latest!.reported.flows.revenues);
    expect(revenueRow.getCell(3).value).toBeCloseTo(prior.flows.revenues, 6);
    const change = revenueRow.getCell(4).value as ExcelJS.CellFormulaValue;
    expect(change.formula).toBe(`IF(AND(ISNUMBER(B${n}),ISNUMBER(C${n})),B${n}-C${n},"")`);
    expect(change.result).toBeCloseTo(a.latest!.reported.flows.revenues - prior.flows.revenues, 6);
    const pct = revenueRow.getCell(5).value as ExcelJS.CellFormulaValue;
    expect(pct.formula).toContain(`/ABS(C${n})`);
    expect(pct.result).toBeCloseTo((a.latest!.reported.flows.revenues - prior.flows.revenues) / Math.abs(prior.flows.revenues), 9);
    expect(revenueRow.getCell(2).numFmt).toBe('#,##0;(#,##0)');
    // Every ratio has a row, in its unit's format.
    for (const id of RATIO_IDS) {
      const r = [...Array(60).keys()].map((i) => sheet.getRow(i + 1)).find((x) => x.getCell(1).value === RATIO_DEFINITIONS[id].name.nb)!;
      expect(r.getCell(2).numFmt).toBe(RATIO_DEFINITIONS[id].unit === 'percent' ? '0.0%;-0.0%' : '0.0"x";-0.0"x"');
    }
    // A note on how the like-for-like column was built, and on the charts; no pictures anywhere.
    const texts: string[] = [];
    sheet.eachRow((r) => texts.push(cellText(r.getCell(1))));
    expect(texts.some((x) => x.startsWith('Fjoråret sammenlignbart: '))).toBe(true);
    expect(texts.some((x) => x.startsWith('Diagrammer (etter tabellene)'))).toBe(true);
    expect(sheet.getImages()).toHaveLength(0);
  });

  it('names a year to date by its span, never a bare year, in the headings and the summary', () => {
    const b = withSnapshots(borrowers).find((x) => analyseBorrower(x.items, { now: NOW }).latest!.reported.basis === 'ytd')!;
    const a = analyseBorrower(b.items, { now: NOW });
    const p = a.latest!.reported;
    const dm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
    const label = `${dm(p.start)}–${dm(p.end)}.${p.end.slice(0, 4)} (HiÅ)`;
    expect(wb.getWorksheet(borrowerSheetName(b.name, b.orgNr))!.getCell('B4').value).toBe(label);
    const sum = wb.getWorksheet('Oversikt')!;
    expect(sum.getRow(borrowers.indexOf(b) + 2).getCell(5).value).toBe(label);
  });

  it('defines every ratio in words', () => {
    const defs = wb.getWorksheet('Definisjoner')!;
    const all: string[] = [];
    defs.eachRow((r) => r.eachCell((c) => all.push(cellText(c))));
    for (const id of RATIO_IDS) expect(all).toContain(RATIO_DEFINITIONS[id].definition.nb);
  });

  it('lists every snapshot used with id, snapshot date, fetch time, accounting system and format version', () => {
    const prov = wb.getWorksheet('Kilder')!;
    const rows: ExcelJS.CellValue[][] = [];
    prov.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as ExcelJS.CellValue[]).slice(1));
    });
    for (const b of withSnapshots(borrowers)) {
      const a = analyseBorrower(b.items, { now: NOW });
      for (const y of a.years.slice(0, 5)) {
        const s = y.snapshot;
        const row = rows.find((r) => r[0] === b.orgNr && r[2] === s.id);
        expect(row, `${b.orgNr} ${s.id}`).toBeDefined();
        expect(row![7]).toEqual(new Date(`${s.snapshotDate}T00:00:00Z`));
        expect(row![8]).toBeInstanceOf(Date);
        expect(row![9]).toBe(s.accountingSystem);
        expect(row![10]).toBe(s.formatVersion);
      }
    }
  });
});

describe('pack options and safety', () => {
  it('writes English and the NOK 1 000 format when asked', async () => {
    const f = path.join(dir, 'en.xlsx');
    await buildPack(sourceOf(borrowers.slice(0, 3)), { ...OPTIONS, language: 'en', amountUnit: 'thousands', charts: false }, f);
    const en = new ExcelJS.Workbook();
    await en.xlsx.readFile(f);
    expect(en.worksheets.map((w) => w.name)[1]).toBe('Summary');
    const sum = en.getWorksheet('Summary')!;
    expect(String(sum.getRow(1).getCell(10).value)).toBe('Revenue (NOK 1\u00a0000)');
    const withData = borrowers.slice(0, 3).findIndex((b) => b.items.length > 0);
    if (withData >= 0) expect(sum.getRow(withData + 2).getCell(10).numFmt).toBe('#,##0,;(#,##0,)');
  });

  it('leaves no file (and keeps an older one) when cancelled', async () => {
    const target = path.join(dir, 'cancelled.xlsx');
    fs.writeFileSync(target, 'older file');
    const controller = new AbortController();
    const run = buildPack(sourceOf(borrowers), OPTIONS, target, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'borrowers' && p.done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readFileSync(target, 'utf8')).toBe('older file');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('removes the temp file when the source fails mid-way', async () => {
    const target = path.join(dir, 'broken.xlsx');
    const source = sourceOf([], {
      count: 2,
      *borrowers() {
        yield borrowers[0]!;
        throw new Error('the cache went away');
      },
    });
    await expect(buildPack(source, OPTIONS, target)).rejects.toThrow('the cache went away');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('ends with a storage error (disk full) and no file when the disk fills mid-way, instead of never settling', async () => {
    // The file stream fails with ENOSPC once some bytes are written, as on a full disk (the real disk is filled in
    // tests/security/faults.test.ts, which needs root). exceljs opens the stream itself, hence the spy.
    const real = fs.createWriteStream.bind(fs);
    const spy = vi.spyOn(fs, 'createWriteStream').mockImplementation(((p: fs.PathLike, opts?: Parameters<typeof fs.createWriteStream>[1]) => {
      const stream = real(p, opts);
      let written = 0;
      const fail = (bytes: number, cb: (e?: Error | null) => void, go: () => void) => {
        written += bytes;
        if (written > 20_000) cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        else go();
      };
      const write = stream._write.bind(stream);
      const writev = stream._writev?.bind(stream);
      stream._write = (chunk: Buffer, enc: BufferEncoding, cb: (e?: Error | null) => void) => fail(chunk.length, cb, () => write(chunk, enc, cb));
      if (writev) {
        stream._writev = (chunks: { chunk: Buffer; encoding: BufferEncoding }[], cb: (e?: Error | null) => void) =>
          fail(chunks.reduce((n, c) => n + c.chunk.length, 0), cb, () => writev(chunks, cb));
      }
      return stream;
    }) as typeof fs.createWriteStream);
    const target = path.join(dir, 'full.xlsx');
    try {
      for (const charts of [true, false]) {
        await expect(buildPack(sourceOf(borrowers), { ...OPTIONS, charts }, target)).rejects.toMatchObject({
          code: 'storage',
          message: expect.stringMatching(/disk is full/),
        });
        expect(fs.existsSync(target)).toBe(false);
        expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
      }
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('names a missing folder clearly (storage)', async () => {
    const target = path.join(dir, 'no-such-folder', 'x.xlsx');
    await expect(buildPack(sourceOf(borrowers.slice(0, 1)), OPTIONS, target)).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('maps a locked or read-only target to file_busy with a message the analyst can act on', () => {
    for (const code of ['EBUSY', 'EPERM', 'EACCES', 'EROFS']) {
      const e = exportFileError(Object.assign(new Error('x'), { code }), '/some/where/pack.xlsx');
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('file_busy');
      expect(e.message).toContain('pack.xlsx');
      expect(e.message).toContain('open in another program');
    }
    expect(exportFileError(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/a/b.xlsx').code).toBe('storage');
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder that is not writable with file_busy (skipped as root: root writes anywhere)', async () => {
    const ro = path.join(dir, 'read-only');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      await expect(buildPack(sourceOf(borrowers.slice(0, 1)), OPTIONS, path.join(ro, 'x.xlsx'))).rejects.toMatchObject({ code: 'file_busy' });
    } finally {
      fs.chmodSync(ro, 0o700);
    }
  });

  it('streams 220 borrowers with a sheet each', async () => {
    const many = sandboxBorrowers(220, 11);
    const target = path.join(dir, 'many.xlsx');
    const out = await buildPack(sourceOf(many), { ...OPTIONS, charts: false }, target);
    expect(out.sheets).toBe(224);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(target);
    expect(back.worksheets).toHaveLength(224);
    const last = many[many.length - 1]!;
    expect(back.getWorksheet(borrowerSheetName(last.name, last.orgNr))!.getCell('B3').value).toBe(last.orgNr);
    expect(back.getWorksheet('Oversikt')!.rowCount).toBe(221);
  });
});
