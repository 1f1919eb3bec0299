import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract/dto';
import { formatLocalDateTime } from '../../../shared/committee';
import { createSandboxDemoBackend } from '../../../electron/services/connections/demo';
import { cachePackSource } from '../../../electron/services/export/cache-pack-source';
import { borrowerSheetName, buildPack } from '../../../electron/services/export/pack-builder';
import { sourcePackWorker } from '../../../electron/services/export/source-pack-worker';
import type { PackBorrower } from '../../../electron/services/export/pack-source';
import { makeApp, tempDir, type TestApp } from '../../unit/electron/services/connections/helpers';
import { all, attr, NS, XlsxParts } from '../../unit/electron/services/export/xlsx-parts';
import { RAW_CODES } from '../../unit/electron/services/export/raw-codes';

/**
 * The Demo profile end to end: a real sync from the in-process sandbox into a real cache, the pack through the
 * handler table (as the window and the browser host call it), built in the pack worker, read back with exceljs and
 * by an independent reader, LibreOffice (Debian's libreoffice-calc-nogui): recalculated from its formulas (always,
 * not trusting the stored values) to CSV, printed to PDF as a committee prints it (read with Debian's poppler-utils)
 * and saved again as xlsx (its own chart writer).
 */
const CTX = { host: 'test' as const };
let app: TestApp;
let nb: ExportResult;
let en: ExportResult;
let wbNb: ExcelJS.Workbook;
let wbEn: ExcelJS.Workbook;
const demo = createSandboxDemoBackend(async () => (await import('../../../electron/sandbox/index')).startSandbox, { seed: 7, borrowers: 25 });

function soffice(): string | null {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'soffice' : null;
}
const SOFFICE = soffice();
const POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;

/**
 * Converts `file` with LibreOffice into `outDir`, from a fresh profile each time (no state leaks between runs)
 * told to recalculate every formula on load: LibreOffice would otherwise show the stored results of a file that
 * says Excel wrote it, and prove nothing about the formulas.
 */
function convert(file: string, outDir: string, filter: string): void {
  const profile = path.join(outDir, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], { stdio: 'pipe', timeout: 240_000 });
}

/** The text of each page of a PDF, as poppler lays it out. */
function pdfPages(pdf: string): string[] {
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
  return pages.at(-1)!.trim() === '' ? pages.slice(0, -1) : pages;
}

/** The heights of the words poppler finds on each page (the box of a word is about its font size). */
function wordHeights(pdf: string): number[][] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 128 * 1024 * 1024 });
  return xml.split('<page ').slice(1).map((p) => [...p.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])));
}

const flat = (s: string) => s.replace(/[\u00a0\s]+/g, ' ');

/** A CSV file LibreOffice wrote: quoted fields (with commas and line breaks in them) as one field each. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A number as LibreOffice wrote it in the pack's own locale: a decimal comma, a per cent sign for a fraction. */
function csvNumber(s: string | undefined): number {
  const t = (s ?? '').replace(/[\u00a0\s]/g, '').replace(',', '.');
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

function withData(): { orgNr: string; name: string }[] {
  const rels = app.services.caches.open('demo').relationships.all();
  return rels.filter((r) => app.services.caches.open('demo').snapshots.itemsOfBorrower(r.org_nr).length > 0).map((r) => ({ orgNr: r.org_nr, name: r.name }));
}

beforeAll(async () => {
  // The pack worker builds the packs, as in the app, the browser host and the CLI.
  app = await makeApp({ overrides: { demo }, context: { startPackWorker: sourcePackWorker() } });
  const sync = await app.services.sync.start('demo');
  expect((await sync.done).outcome).toBe('ok');
  nb = await app.services.exports.wait((await app.services.handlers['export:pack']({ profileId: 'demo' }, CTX)).exportId);
  en = await app.services.exports.wait((await app.services.handlers['export:pack']({ profileId: 'demo', language: 'en' }, CTX)).exportId);
  expect(nb).toMatchObject({ outcome: 'ok', error: null });
  expect(en).toMatchObject({ outcome: 'ok', error: null });
  wbNb = new ExcelJS.Workbook();
  await wbNb.xlsx.readFile(nb.path!);
  wbEn = new ExcelJS.Workbook();
  await wbEn.xlsx.readFile(en.path!);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the Demo pack', () => {
  it('goes to <dataDir>/exports with progress and a finished event, and export:result knows it', async () => {
    expect(path.dirname(en.path!)).toBe(path.join(app.dir, 'exports'));
    expect(path.basename(en.path!)).toMatch(/^Credit pack Demo \d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(path.basename(nb.path!)).toMatch(/^Kredittpakke Demo \d{4}-\d{2}-\d{2}\.xlsx$/);
    const mine = app.events.filter((e) => (e.payload as { exportId?: string }).exportId === en.exportId);
    expect(mine.some((e) => e.event === 'export:progress' && (e.payload as { phase: string }).phase === 'borrowers')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ event: 'export:finished', payload: { outcome: 'ok' } });
    expect(await app.services.handlers['export:result']({ exportId: en.exportId }, CTX)).toEqual(en);
    expect(app.services.resolveDownload!(en.exportId)).toEqual({ path: en.path, fileName: path.basename(en.path!) });
    // Not the desktop: nothing to show in a folder, and the browser prints a summary itself.
    expect(await app.services.handlers['export:showInFolder']({ exportId: en.exportId }, CTX)).toEqual({ shown: false });
    expect(await app.services.handlers['export:printPdf']({}, CTX)).toEqual({ outcome: 'use_browser_print', path: null, bytes: null });
  });

  it('has a sheet for every borrower with data and none for the rest, who are in the appendix, with the bank from /self', () => {
    const rels = app.services.caches.open('demo').relationships.all();
    const data = withData();
    expect(data.length).toBeGreaterThan(3);
    expect(data.length).toBeLessThan(rels.length);
    expect(wbNb.worksheets).toHaveLength(data.length + 6);
    for (const r of rels) expect(wbNb.getWorksheet(borrowerSheetName(r.name, r.org_nr)) !== undefined).toBe(data.some((d) => d.orgNr === r.org_nr));
    const appendix = wbNb.getWorksheet('Uten data')!;
    const listed: string[] = [];
    appendix.eachRow((r) => void (/^\d{3} \d{3} \d{3}$/.test(r.getCell(1).text) && listed.push(r.getCell(1).text.replace(/ /g, ''))));
    expect(listed.sort()).toEqual(rels.filter((r) => !data.some((d) => d.orgNr === r.org_nr)).map((r) => r.org_nr).sort());
    const cover = wbEn.getWorksheet('Cover')!;
    const bankRow = cover.getRows(1, 20)!.find((r) => r.getCell(1).text === 'Bank')!;
    expect(bankRow.getCell(2).text).toBe('Demo Sparebank (Org. no. 987 654 325)');
  });

  it('gives the print view the very page 1 of the pack: export:summary is built from the same cache by the same definition', async () => {
    const b = withData()[0]!;
    const s = await app.services.handlers['export:summary']({ profileId: 'demo', orgNr: b.orgNr, language: 'nb' }, CTX);
    const sheet = wbNb.getWorksheet(borrowerSheetName(b.name, b.orgNr))!;
    expect(sheet.getCell('A2').text).toBe(s.header.borrower);
    for (const k of s.keyFigures) {
      const row = sheet.getRows(8, 30)!.find((r) => r.getCell(1).text === k.label)!;
      const v = row.getCell(2).value as ExcelJS.CellFormulaValue;
      expect(v.result ?? 0).toEqual(k.value ?? k.text);
    }
    await expect(app.services.handlers['export:summary']({ profileId: 'demo', orgNr: '123456785' }, CTX)).rejects.toMatchObject({ code: 'not_found' });
  });

  it.skipIf(SOFFICE === null)('recalculates in LibreOffice to the stored values, and a corrected line flows through the derived columns, the ratios and page 1', async () => {
    const out = tempDir('desk-lo-');
    try {
      const b = withData().find((d) => {
        const s = wbNb.getWorksheet(borrowerSheetName(d.name, d.orgNr))!;
        return s.getRows(1, 80)!.some((r) => /^Siste 12/.test(r.getCell(5).text) && r.getCell(1).text === 'Periode');
      })!;
      const name = borrowerSheetName(b.name, b.orgNr);
      const sheet = wbNb.getWorksheet(name)!;
      const head = sheet.getRows(1, 80)!.find((r) => r.getCell(1).text === 'Periode')!.number;
      const revenueRow = sheet.getRows(head, 20)!.find((r) => r.getCell(1).text === 'Driftsinntekter')!;
      const ytd = revenueRow.getCell(2).value as number;
      const ltm = (revenueRow.getCell(5).value as ExcelJS.CellFormulaValue).result as number;
      const p1 = sheet.getRows(8, 30)!.find((r) => r.getCell(1).text === 'Driftsinntekter')!.number;
      const marginRow = sheet.getRows(head, 60)!.filter((r) => r.getCell(1).text === 'EBITDA-margin').at(-1)!.number;

      // The pack as it is, recalculated: every value LibreOffice computes is the one stored.
      const csvOf = (file: string, sheetIndex: number) => {
        convert(file, out, `csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,${sheetIndex}`);
        const base = path.basename(file, '.xlsx');
        const found = fs.readdirSync(out).find((f) => f.startsWith(base) && f.endsWith('.csv'))!;
        const rows = parseCsv(fs.readFileSync(path.join(out, found), 'utf8'));
        fs.rmSync(path.join(out, found));
        return rows;
      };
      const index = wbNb.worksheets.indexOf(sheet) + 1;
      const plain = csvOf(nb.path!, index);
      expect(csvNumber(plain[revenueRow.number - 1]![4])).toBeCloseTo(ltm, 2);
      expect(csvNumber(plain[p1 - 1]![1])).toBeCloseTo(ltm, 2);
      let compared = 0;
      sheet.eachRow((r) => {
        r.eachCell((c, col) => {
          const v = c.value as ExcelJS.CellFormulaValue | null;
          if (!v || typeof v !== 'object' || !('formula' in v) || typeof (v.result ?? 0) !== 'number' || /HYPERLINK/.test(v.formula)) return;
          const lo = plain[r.number - 1]![col - 1]!;
          // The stored values are those of shared/analysis; LibreOffice's, those of the formulas.
          expect(csvNumber(lo), `${c.address} ${v.formula}: ${lo}`).toBeCloseTo((v.result ?? 0) as number, 6);
          compared++;
        });
      });
      expect(compared).toBeGreaterThan(100);

      // The analyst corrects the year to date's revenue: the twelve months, the EBITDA margin and page 1 follow.
      const zip = await JSZip.loadAsync(fs.readFileSync(nb.path!));
      const parts = await XlsxParts.open(nb.path!);
      const part = await parts.sheetPart(name);
      const xml = await zip.file(part)!.async('string');
      const cell = new RegExp(`(<c r="B${revenueRow.number}"[^>]*><v>)([^<]+)(</v>)`);
      expect(cell.test(xml)).toBe(true);
      zip.file(part, xml.replace(cell, (_m, a: string, _v: string, z: string) => `${a}${ytd + 1_000_000}${z}`));
      const patched = path.join(out, 'patched.xlsx');
      fs.writeFileSync(patched, await zip.generateAsync({ type: 'nodebuffer' }));
      const after = csvOf(patched, index);
      expect(csvNumber(after[revenueRow.number - 1]![4])).toBeCloseTo(ltm + 1_000_000, 2);
      expect(csvNumber(after[p1 - 1]![1])).toBeCloseTo(ltm + 1_000_000, 2);
      expect(csvNumber(after[marginRow - 1]![1])).not.toBeCloseTo(csvNumber(plain[marginRow - 1]![1]), 6);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it.skipIf(SOFFICE === null || !POPPLER)(
    'prints through LibreOffice: header and footer with page numbers on every page, native charts, each summary on one page at 8 pt or more, no stored code',
    () => {
      const out = tempDir('desk-lo-pdf-');
      try {
        convert(nb.path!, out, 'pdf');
        const pdf = path.join(out, `${path.basename(nb.path!, '.xlsx')}.pdf`);
        const pages = pdfPages(pdf);
        const heights = wordHeights(pdf);
        expect(pages.length).toBeGreaterThan(wbNb.worksheets.length);
        pages.forEach((page, i) => {
          expect(page, `page ${i + 1}`).toContain(`Side ${i + 1} av ${pages.length}`);
          expect(page).toContain('Fortrolig');
          expect(page).toContain('Kredittkomitépakke');
          expect(page).toContain('Demo Sparebank');
          expect(page).toMatch(/Data per \d\d\.\d\d\.\d{4}/);
        });
        // Each borrower's summary is one page of its own: its header block and its sign-off on the same page,
        // the accounts on the next; nothing on it below 8 pt.
        const data = withData();
        const summaries = pages.flatMap((p, i) => (p.includes('Sammendrag for kredittkomiteen') ? [i] : []));
        expect(summaries).toHaveLength(data.length);
        for (const i of summaries) {
          const page = pages[i]!;
          const b = data.find((d) => flat(page).includes(d.name))!;
          expect(b, `page ${i + 1}`).toBeDefined();
          expect(page).toContain('Nøkkeltall');
          expect(page).toContain('Tidlig varsling');
          expect(page).toContain('Vurdering og anbefaling');
          expect(page).toContain('Beslutning (kredittkomiteen)');
          expect(page).toContain('Signatur:');
          expect(page).not.toContain('Regnskap og nøkkeltall');
          expect(flat(pages[i + 1]!)).toContain(`Regnskap og nøkkeltall – ${b.name}`);
          expect(Math.min(...heights[i]!), `page ${i + 1}`).toBeGreaterThanOrEqual(8);
        }
        // No stored code anywhere on paper.
        const codes = RAW_CODES.filter((c) => pages.some((p) => new RegExp(`\\b${c}\\b`).test(p)));
        expect(codes).toEqual([]);
        // A chart's title and axis exist only in its chart part: on the page they prove LibreOffice drew the chart
        // (its title in two lines, beside the other chart's).
        const chartPages = pages.filter((p) => p.includes('Driftsinntekter, EBITDA og resultat') && p.includes('etter skatt (MNOK)'));
        expect(chartPages).toHaveLength(data.length);
        for (const p of chartPages) {
          expect(p).toContain('Egenkapitalandel og EBITDA-margin');
          expect(p).toMatch(/\(HiÅ\)/);
        }
        // Drawn, not pasted: the PDF holds no raster image at all.
        const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n');
        expect(images.slice(2)).toEqual([]);
        // The overview prints at 9 pt, its heading on every page.
        const overview = pages.flatMap((p, i) => (p.includes('Porteføljeoversikt') || /^\s*Demo Sparebank\s+Kredittkomitépakke\s+Oversikt/m.test(p) ? [i] : []));
        for (const i of overview) expect(Math.min(...heights[i]!)).toBeGreaterThanOrEqual(8);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it.skipIf(SOFFICE === null || !POPPLER)('prints the English pack with no Norwegian of its own', () => {
    const out = tempDir('desk-lo-pdf-en-');
    try {
      convert(en.path!, out, 'pdf');
      const pages = pdfPages(path.join(out, `${path.basename(en.path!, '.xlsx')}.pdf`));
      pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
      const names = app.services.caches.open('demo').relationships.all().map((r) => r.name);
      const norwegian = /\b(og|ikke|brudd|oppfylt|anslag|mnd|HiÅ|helår|Beløp|Låntaker\w*|Driftsinntekter|Egenkapital\w*|Tilgang|Saksbehandler|Vurdering|Side|Fortrolig|kr|Kilder|Oversikt|Uten data)\b/;
      const found = pages.flatMap((p, i) =>
        p
          .split('\n')
          .filter((l) => !/Proff|SSB|Finans Norge|Brønnøysund/.test(l))
          .map((l) => names.reduce((x, n) => x.split(n).join(''), l))
          .filter((l) => norwegian.test(l))
          .map((l) => `page ${i + 1}: ${l.trim()}`),
      );
      expect(found).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it.skipIf(SOFFICE === null)('re-saves in LibreOffice with its charts still bound to the same cells of the same sheets', async () => {
    const out = tempDir('desk-lo-xlsx-');
    try {
      convert(en.path!, out, 'xlsx:Calc MS Excel 2007 XML');
      const ours = await XlsxParts.open(en.path!);
      const theirs = await XlsxParts.open(path.join(out, path.basename(en.path!)));
      let compared = 0;
      for (const r of withData()) {
        const name = borrowerSheetName(r.name, r.orgNr);
        const mine = await ours.charts(name);
        const back = await theirs.charts(name);
        expect(back.map((c) => c.kind), name).toEqual(mine.map((c) => c.kind));
        back.forEach((c, i) => {
          expect(c.title).toBe(mine[i]!.title);
          expect(c.categoriesRef).toBe(mine[i]!.categoriesRef);
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
  }, 300_000);

  it.skipIf(SOFFICE === null || !POPPLER)('prints an assessment from the workflow with its author and date on the borrower’s page 1', async () => {
    // The workflow's storage fills PackBorrower.assessment from the cache; here it is added to what the cache gives.
    const b = withData()[0]!;
    const source = await cachePackSource({ openCache: (id) => app.services.caches.open(id), profile: (id) => app.services.connections.find(id) })('demo', [b.orgNr]);
    const inner = source.borrowers.bind(source);
    const assessment = { comment: 'Solid drift, god betjeningsevne.', recommendation: 'approve' as const, conditions: 'Årlig gjennomgang.', author: 'Kari Nordmann', updatedAt: '2025-08-19T12:02:00Z', historyLength: 0 };
    source.borrowers = function* () {
      for (const x of inner() as Iterable<PackBorrower>) yield { ...x, assessment };
    };
    const out = tempDir('desk-assessed-');
    try {
      const file = path.join(out, 'assessed.xlsx');
      await buildPack(source, { language: 'nb', amountUnit: 'thousands', now: new Date('2025-08-20T10:00:00Z'), appVersion: 'test', maxAgeDays: 45 }, file);
      convert(file, out, 'pdf');
      const page = flat(pdfPages(path.join(out, 'assessed.pdf')).find((p) => p.includes('Sammendrag for kredittkomiteen'))!);
      expect(page).toContain('Anbefaling: Innvilges');
      expect(page).toContain('Solid drift, god betjeningsevne.');
      expect(page).toContain(`Skrevet av Kari Nordmann, ${formatLocalDateTime(assessment.updatedAt, 'nb')}`);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it('makes the same header facts with the Demo’s Symetrisk stopped: every one comes from the cache', async () => {
    const facts = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const cover = new Map<string, string>();
      wb.getWorksheet('Forside')!.eachRow((r) => void cover.set(r.getCell(1).text, r.getCell(2).text));
      cover.delete('Laget');
      const p = await XlsxParts.open(file);
      const headers = await Promise.all((await p.sheets()).map(async (s) => all(await p.xml(s.part), NS.main, 'oddHeader')[0]!.text));
      const first = withData()[0]!;
      const page1 = wb.getWorksheet(borrowerSheetName(first.name, first.orgNr))!;
      return { cover: [...cover], headers, page1: [1, 2, 3, 4].map((n) => page1.getRow(n).values) };
    };
    const online = await facts(nb.path!);
    await demo.close();
    const offline = await app.services.exports.wait((await app.services.handlers['export:pack']({ profileId: 'demo', fileName: 'Offline' }, CTX)).exportId);
    expect(offline).toMatchObject({ outcome: 'ok', error: null });
    const stopped = await facts(offline.path!);
    expect(stopped.cover).toEqual(online.cover);
    expect(stopped.headers).toEqual(online.headers);
    expect(stopped.page1).toEqual(online.page1);
    expect(online.cover.find(([k]) => k === 'Bank')![1]).toBe('Demo Sparebank (Org.nr. 987 654 325)');
  });

  it('exports a selection, and cancels one leaving no file', async () => {
    const some = withData().slice(0, 2).map((r) => r.orgNr);
    const sel = await app.services.exports.wait((await app.services.handlers['export:pack']({ profileId: 'demo', orgNrs: some, fileName: 'Two' }, CTX)).exportId);
    expect(path.basename(sel.path!)).toBe('Two.xlsx');
    const two = new ExcelJS.Workbook();
    await two.xlsx.readFile(sel.path!);
    expect(two.worksheets).toHaveLength(8);

    const before = fs.readdirSync(path.join(app.dir, 'exports'));
    const { exportId } = await app.services.handlers['export:pack']({ profileId: 'demo', fileName: 'Cancelled' }, CTX);
    expect(await app.services.handlers['export:cancel']({ exportId }, CTX)).toEqual({ cancelled: true });
    expect(await app.services.exports.wait(exportId)).toMatchObject({ outcome: 'cancelled', path: null });
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
    const r = await app.services.exports.wait(exportId);
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
