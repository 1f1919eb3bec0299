// exceljs is loaded when a pack is written, not when the app starts (about 0.4 s of module loading).
import type ExcelJS from 'exceljs';
import type { WriteStream } from 'node:fs';
import {
  QUALITY_FLAG_DEFINITIONS,
  RULE_DEFINITIONS,
  analyseBorrower,
  dataAgeDays,
  latestSnapshot,
  parseApiTimestamp,
  type AmountUnit,
  type BorrowerAnalysis,
  type Language,
  type PeriodFigures,
} from '../../../shared/analysis';
import { classificationLabel } from '../../../shared/classification';
import {
  amountUnitLine,
  committeeSummary,
  formatLocalDate,
  formatLocalDateTime,
  noDataReason,
  relationshipStateText,
  type SummaryContext,
} from '../../../shared/committee';
import { AppError } from '../../../shared/contract';
import type { CommitteeSummary } from '../../../shared/contract/dto';
import { formatOrgNr } from '../../../shared/orgnr';
import { abandonExport, AtomicFile, WriteFailureWatch } from './atomic-file';
import { StreamingCharts } from './charts/streaming-charts';
import { borrowerSheetName, writeCommitteeSheet, type ProvenanceRow, type SheetContext } from './committee-sheet';
import { clip, headerFooter } from './page-furniture';
import { formatsFor, packPageSetup, PACK_FONT, stylesFor } from './pack-style';
import { overviewOrder, writeCover, writeDefinitions, writeGrid, writeNoData, writeOverview, writeProvenance, type NoDataRow, type OverviewRow } from './pack-sheets';
import type { PackBorrower, PackSource } from './pack-source';
import { t } from './pack-texts';

export { borrowerSheetName } from './committee-sheet';
export { excelDate } from './pack-style';
export type { ProvenanceRow } from './committee-sheet';

export interface PackOptions {
  language: Language;
  /** `thousands`: "Beløp i NOK 1 000", the pack's default; `nok`: whole kroner. An Excel format: the cells keep full NOK. */
  amountUnit: AmountUnit;
  now: Date;
  appVersion: string;
  /** Data older than this many days is flagged (the analyst's setting). */
  maxAgeDays: number;
  /** Native charts on every borrower sheet (default true). */
  charts?: boolean;
  /** The classification label of the page footers and page 1 (the analyst's setting); unset prints the language's default. */
  classification?: string | null;
}

export type PackPhase = 'preparing' | 'summary' | 'borrowers' | 'finishing';

export interface PackRun {
  signal?: AbortSignal;
  onProgress?: (p: { phase: PackPhase; done: number; total: number }) => void;
}

export interface PackOutcome {
  path: string;
  bytes: number;
  borrowers: number;
  sheets: number;
}

/** The fixed sheets' names (the borrower sheets are named after the borrower and its org number). */
export function fixedSheetNames(lang: Language): { cover: string; summary: string; noData: string; grid: string; definitions: string; provenance: string } {
  return {
    cover: t(lang, 'cover'),
    summary: t(lang, 'summary'),
    noData: t(lang, 'noDataSheet'),
    grid: t(lang, 'gridSheet'),
    definitions: t(lang, 'definitions'),
    provenance: t(lang, 'provenance'),
  };
}

/** An API timestamp as a Date (UTC). */
export function excelDateTime(ts: string): Date | string {
  try {
    return new Date(parseApiTimestamp(ts));
  } catch {
    return ts;
  }
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar date as the pack writes it in text: 30.09.2026 (nb), 30 Sep 2026 (en). */
export function dayText(iso: string, lang: Language): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return lang === 'nb' ? `${d}.${m}.${y}` : `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
}

/** A column's period as its heading and the charts name it: the analysis' own label (never a bare year for part of one). */
export function periodLabel(p: PeriodFigures, lang: Language): string {
  return p.label[lang];
}

/** The basis of the key figures in two or three words, for the overview's narrow column. */
function basisWords(a: BorrowerAnalysis, lang: Language): string {
  const v = a.views?.ltm;
  if (!v) return '';
  const words: Record<string, [string, string]> = {
    ltm: ['LTM', 'Siste 12 mnd'],
    annualised: ['Annualised', 'Annualisert'],
    ytd: ['Year to date', 'Hittil i år'],
    last_financial_year: ['Full year', 'Helår'],
  };
  const w = words[v.shown]![lang === 'en' ? 0 : 1];
  return v.period.estimate ? `${w}, ${lang === 'en' ? 'estimate' : 'anslag'}` : w;
}

function overviewRowOf(b: PackBorrower, a: BorrowerAnalysis, s: CommitteeSummary, sheetName: string, o: PackOptions): OverviewRow {
  const lang = o.language;
  const latest = a.latest!;
  const item = latestSnapshot(b.items)!;
  const fig = (m: string) => {
    const k = s.keyFigures.find((x) => x.metric === m);
    return k === undefined ? undefined : k.value ?? k.text;
  };
  const tests = a.covenants;
  const covenants = {
    breach: tests.filter((x) => x.status === 'breach').length,
    near: tests.filter((x) => x.status === 'near_limit').length,
    untestable: tests.filter((x) => x.status === 'not_testable').length,
    total: tests.length,
  };
  const top = s.warnings[0] ?? null;
  const severity = s.warnings.some((w) => w.level === 'critical') ? 0 : covenants.breach > 0 ? 1 : s.warnings.some((w) => w.level === 'attention') ? 2 : 3;
  const flags = latest.flags.map((f) => QUALITY_FLAG_DEFINITIONS[f.code].name[lang]);
  if (a.revisions.length > 0) flags.push(t(lang, 'restated'));
  if (b.lost) flags.push(t(lang, 'lost'));
  const lines: OverviewRow['lines'] = {};
  for (const id of ['revenues', 'ebitda', 'net_profit', 'equity', 'net_interest_bearing_debt', 'total_assets'] as const) {
    lines[id] = id in latest.reported.flows ? latest.reported.flows[id as keyof typeof latest.reported.flows] : latest.reported.stocks[id as keyof typeof latest.reported.stocks];
  }
  const ratios: OverviewRow['ratios'] = {};
  for (const id of ['revenue_growth', 'ebitda_margin', 'equity_ratio', 'nibd_to_ebitda', 'interest_cover', 'return_on_equity'] as const) {
    const r = latest.ratios[id];
    ratios[id] = r.value ?? (r.kind === 'not_meaningful' ? 'n.m.' : lang === 'nb' ? '–' : 'n/a');
  }
  return {
    orgNr: b.orgNr,
    orgNrShown: formatOrgNr(b.orgNr),
    name: b.name,
    sheetName,
    state: relationshipStateText(b.state, b.lost, lang),
    basis: basisWords(a, lang),
    asOf: a.views?.ltm.period.end ?? null,
    figures: {
      revenues: fig('revenues'),
      ebitda_margin: fig('ebitda_margin'),
      equity_ratio: fig('equity_ratio'),
      nibd_to_ebitda: fig('nibd_to_ebitda'),
      interest_cover: fig('interest_cover'),
    },
    breachedMetrics: tests.filter((x) => x.status === 'breach').map((x) => RULE_DEFINITIONS[x.rule].metric.id),
    covenants,
    topWarning: top,
    severity,
    recommendation: s.assessment.recommendation ? s.assessment.recommendationText : lang === 'nb' ? '–' : 'none yet',
    accountingSystem: latest.snapshot.accountingSystem,
    period: latest.reported.label[lang],
    periodEnd: latest.snapshot.endDate,
    days: latest.snapshot.daysIncluded,
    snapshotDate: latest.snapshot.snapshotDate,
    dataAge: dataAgeDays(item, o.now),
    lines,
    ratios,
    breachNames: tests.filter((x) => x.status === 'breach').map((x) => x.name[lang]).join(', '),
    flags: flags.join(', '),
    watch: b.watch ? t(lang, 'onWatch') : t(lang, 'notOnWatch'),
    assignedTo: b.assignedTo ?? '',
  };
}

// ---- the workbook ----------------------------------------------------------------------------------------

interface ZipInternals {
  on(event: 'entry', l: (e: { name: string }) => void): void;
  on(event: 'error', l: (e: Error) => void): void;
  abort(): void;
}

/**
 * Keeps the writer from running ahead of the zip: exceljs appends each sheet to the archive as a stream that is
 * buffered until the archiver reaches it, so without this 1,000 sheets would sit in memory at once.
 */
class ZipPacer {
  private readonly done = new Set<string>();
  private waiting: { name: string; resolve: () => void } | null = null;
  private failed: Error | null = null;

  constructor(zip: ZipInternals) {
    zip.on('entry', (e) => {
      const name = e.name.replace(/^\/+/, '');
      this.done.add(name);
      if (this.waiting?.name === name) {
        this.waiting.resolve();
        this.waiting = null;
      }
    });
    zip.on('error', (e) => {
      this.failed = e;
      this.waiting?.resolve();
    });
  }

  async until(name: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.done.has(name)) return;
    await new Promise<void>((resolve) => (this.waiting = { name, resolve }));
    if (this.failed) throw this.failed;
  }
}

/** The zip engine under exceljs's archiver (zip-stream, on compress-commons): what `oneCentralDirectoryWrite` replaces. */
interface ZipEngine {
  offset: number;
  write(chunk: Buffer | string): boolean;
  end(...args: unknown[]): unknown;
  _finish(): void;
}

/**
 * Writes the zip's central directory as one chunk. compress-commons writes it field by field, some twenty small
 * writes for each of the pack's 6,000 parts, all at once when the workbook is committed: 120,000 stream writes, each
 * with its own buffer, callback and tick, queued faster than the file takes them. On 1,000 borrowers that spike was
 * the pack's peak memory. The fields are the same bytes in the same order (tested against the engine as it is); only
 * the writes are joined. Throws if the archiver no longer has the engine this expects, so an upgrade that moves it
 * fails the pack tests instead of silently losing the saving.
 */
export function oneCentralDirectoryWrite(zip: unknown): void {
  const engine = (zip as { _module?: { engine?: ZipEngine } })._module?.engine;
  if (!engine || typeof engine._finish !== 'function' || typeof engine.offset !== 'number') {
    throw new Error('oneCentralDirectoryWrite: the archiver has no zip engine with _finish and offset');
  }
  const finish = engine._finish;
  engine._finish = function (this: ZipEngine) {
    const parts: Buffer[] = [];
    let counted = 0;
    const restore = () => {
      delete (this as Partial<ZipEngine>).write;
      delete (this as Partial<ZipEngine>).end;
    };
    // The engine counts its offset as it writes (the directory's length is taken from it): count as it does, by
    // `length` (names are written as strings, default encoding).
    this.write = (chunk: Buffer | string) => {
      parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      counted += chunk.length;
      this.offset += chunk.length;
      return true;
    };
    const end = this.end;
    this.end = (...args: unknown[]) => {
      restore();
      this.offset -= counted;
      this.write(Buffer.concat(parts));
      return end.apply(this, args);
    };
    try {
      finish.call(this);
    } finally {
      restore();
    }
  };
}

/**
 * Stores the pack's smallest parts instead of compressing them: every relationships part (a sheet's, a drawing's)
 * and every chart drawing, 3,000 of a 1,000-borrower pack's 6,000 parts, each under a few kilobytes. Each compressed
 * part costs the zip its own deflate stream and several trips through the event loop, and the zip, one part after
 * another, was what the writer waited on; storing these costs the file about 2 MB of its 18. Sheets, charts and the
 * workbook's own parts are compressed as before.
 */
export function storeSmallParts(zip: unknown): void {
  const z = zip as { append?: (source: unknown, data: { name: string; store?: boolean }) => unknown };
  const append = z.append;
  if (typeof append !== 'function') throw new Error('storeSmallParts: the archiver has no append');
  z.append = (source, data) => append.call(zip, source, SMALL_PART.test(data.name.replace(/^\/+/, '')) ? { ...data, store: true } : data);
}
const SMALL_PART = /(^|\/)_rels\/[^/]*\.rels$|^xl\/drawings\/drawing\d+\.xml$/;

interface InternalWorkbook {
  _worksheets: ({ id: number } | undefined)[];
}

/**
 * Lets a written sheet go: exceljs keeps every sheet writer (its merges, rows breaks, columns, streams) until the
 * workbook is committed, though all it then reads of a committed sheet is its id, name, state and print settings.
 * Replaced by just those once the sheet's part is in the zip, a 1,000-borrower pack no longer holds a thousand
 * writers (tested by reading the workbook back: names, order and print areas).
 */
function releaseSheet(wb: InternalWorkbook, id: number): void {
  const w = wb._worksheets[id] as { id: number; name: string; state: string; committed: boolean; pageSetup: ExcelPageSetup } | undefined;
  if (!w?.committed) return;
  const { printArea, printTitlesRow, printTitlesColumn } = w.pageSetup;
  wb._worksheets[id] = { id: w.id, name: w.name, state: w.state, committed: true, pageSetup: { printArea, printTitlesRow, printTitlesColumn } } as { id: number };
}
type ExcelPageSetup = { printArea?: string; printTitlesRow?: string; printTitlesColumn?: string };

/**
 * The workbook's order of sheets, by their writers' ids: exceljs lists the sheets in workbook.xml (and numbers their
 * relationships and print settings) in the order of its array of writers, while each writer keeps its id and its part
 * (sheetN.xml). So the overview and the cover, written last, are read first.
 */
function placeSheets(wb: InternalWorkbook, order: readonly number[]): void {
  const byId = new Map(wb._worksheets.flatMap((w) => (w ? [[w.id, w] as const] : [])));
  if (order.length !== byId.size || order.some((id) => !byId.has(id))) throw new Error('placeSheets: the order names other sheets than the workbook has');
  const placed: ({ id: number } | undefined)[] = [undefined];
  for (const id of order) placed.push(byId.get(id));
  // Index 0 stays a hole, as exceljs leaves it.
  delete placed[0];
  wb._worksheets = placed;
}

/**
 * How many sheets the writer may be ahead of the zip. More lets it wait less for the compressor (another thread),
 * but every sheet ahead is garbage the heap carries: measured on 1,000 borrowers, 12 ahead cost some 30 MB of peak
 * memory and gained no time over 4 (docs/benchmarks.md).
 */
const AHEAD = 4;

function checkCancel(signal: AbortSignal | undefined, watch?: WriteFailureWatch): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
  watch?.check();
}

/** The summary context of a pack: the same for every borrower. */
export function summaryContext(source: Pick<PackSource, 'bank' | 'dataAsOf'>, o: PackOptions): SummaryContext {
  return {
    lang: o.language,
    now: o.now,
    bank: source.bank?.name ?? null,
    classification: classificationLabel(o.classification, o.language),
    dataAsOf: source.dataAsOf,
    amountUnit: o.amountUnit,
  };
}

/** One borrower analysed as the pack and the print view analyse it. */
export function analysePackBorrower(b: PackBorrower, source: Pick<PackSource, 'thresholds'>, o: Pick<PackOptions, 'now' | 'maxAgeDays'>): BorrowerAnalysis {
  return analyseBorrower(b.items, { now: o.now, maxAgeDays: o.maxAgeDays, thresholds: source.thresholds, covenants: b.covenants });
}

/**
 * Builds the credit-committee pack at `target`: streamed (rows and sheets committed as they are written), into a
 * temporary file beside the target that is renamed only when the workbook is complete. Cancelling (the signal)
 * or any failure removes the temporary file and leaves an existing target untouched.
 */
export async function buildPack(source: PackSource, options: PackOptions, target: string, run: PackRun = {}): Promise<PackOutcome> {
  const { signal, onProgress } = run;
  const o = options;
  const lang = o.language;
  const f = formatsFor(lang, o.amountUnit);
  // Whole kroner need more digits than a column holds at 9 pt: 8 pt, still readable (NOK 1 000 is the default).
  const st = stylesFor(f, o.amountUnit === 'nok' ? 8 : PACK_FONT.size);
  const total = source.count;
  const { default: Excel } = await import('exceljs');
  const file = AtomicFile.prepare(target);
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file.tempPath, useStyles: true, useSharedStrings: false });
  // The pack's font is the workbook's default (font 0): column widths are counted in it (see PACK_FONT).
  (wb as unknown as { styles: { _addFont(font: object): number } }).styles._addFont({ ...PACK_FONT });
  const zip = (wb as unknown as { zip: ZipInternals }).zip;
  const out = (wb as unknown as { stream: WriteStream }).stream;
  const pacer = new ZipPacer(zip);
  oneCentralDirectoryWrite(zip);
  storeSmallParts(zip);
  // A write failure (a full disk) must end the build, not leave it waiting on a stream that stopped.
  const watch = new WriteFailureWatch(out, zip);
  let committed = false;
  try {
    wb.creator = 'Symetrisk Desk';
    wb.lastModifiedBy = 'Symetrisk Desk';
    wb.created = o.now;
    wb.modified = o.now;
    wb.title = `${t(lang, 'title')}: ${source.profileName}`;
    wb.subject = source.bank ? source.bank.name : source.profileName;
    wb.keywords = lang === 'nb' ? 'Symetrisk; kreditt; kredittkomité' : 'Symetrisk; credit; credit committee';
    wb.category = t(lang, 'title');
    wb.description = `${t(lang, 'dataSource')}: ${source.dataSource}. Symetrisk Desk ${o.appVersion}.`;
    (wb as unknown as { language: string }).language = lang === 'nb' ? 'nb-NO' : 'en-GB';
    // One set of extra parts per workbook: the charts, and the full grid's table.
    const parts = new StreamingCharts(wb);
    const charts = o.charts === false ? null : parts;
    const names = fixedSheetNames(lang);
    const classification = classificationLabel(o.classification, lang);
    const dataDate = source.dataAsOf ? t(lang, 'footerDataAsOf', { date: formatLocalDate(source.dataAsOf, lang) }) : t(lang, 'footerNeverSynced');
    const furniture = (subject: string | null) => ({
      headerFooter: headerFooter({ lang, bank: source.bank?.name ?? null, document: t(lang, 'title'), subject, dataDate, classification }),
    });
    const sctx = summaryContext(source, o);
    const unitLabel = o.amountUnit === 'thousands' ? 'NOK 1\u00a0000' : 'NOK';

    // One pass over the borrowers: each borrower's sheet is written as it comes (the source is read and every
    // borrower analysed once), its overview line kept; the overview and the cover, which need them all, are written
    // after, and put first in the workbook's order (placeSheets).
    const overview: OverviewRow[] = [];
    const grid: (OverviewRow | NoDataRow)[] = [];
    const noData: NoDataRow[] = [];
    const taken = new Set<string>(Object.values(names));
    const provenance: ProvenanceRow[] = [];
    const sheetFiles: { id: number; part: string }[] = [];
    const ctx: SheetContext = { lang, f, st, thresholds: source.thresholds, amountUnit: o.amountUnit, now: o.now, charts };
    let done = 0;
    onProgress?.({ phase: 'preparing', done, total });
    onProgress?.({ phase: 'borrowers', done, total });
    for await (const b of source.borrowers()) {
      checkCancel(signal, watch);
      if (b.items.length === 0) {
        const row: NoDataRow = { orgNr: b.orgNr, orgNrShown: formatOrgNr(b.orgNr), name: b.name, state: relationshipStateText(b.state, b.lost, lang), reason: noDataReason(b.state, b.lost, lang) };
        noData.push(row);
        grid.push(row);
      } else {
        let name = borrowerSheetName(b.name, b.orgNr);
        for (let n = 2; taken.has(name); n++) name = `${name.slice(0, 27)} (${n})`;
        taken.add(name);
        const a = analysePackBorrower(b, source, o);
        const summary = committeeSummary(b, a, sctx);
        const row = overviewRowOf(b, a, summary, name, o);
        overview.push(row);
        grid.push(row);
        const sheet = wb.addWorksheet(name, {
          views: [{ state: 'normal', showGridLines: false }],
          pageSetup: packPageSetup('landscape'),
          ...furniture(`${clip(b.name, 40)} (${t(lang, 'orgNrInline')} ${formatOrgNr(b.orgNr)})`),
        });
        provenance.push(...writeCommitteeSheet(sheet, b, a, summary, ctx));
        sheet.commit();
        const id = (sheet as unknown as { id: number }).id;
        sheetFiles.push({ id, part: `xl/worksheets/sheet${id}.xml` });
      }
      done++;
      onProgress?.({ phase: 'borrowers', done, total });
      // Stay at most a few sheets ahead of the zip, and let go of each sheet it has written.
      const behind = sheetFiles[sheetFiles.length - AHEAD];
      if (behind) {
        await watch.race(pacer.until(behind.part));
        releaseSheet(wb as unknown as InternalWorkbook, behind.id);
      } else await new Promise((r) => setImmediate(r));
    }
    checkCancel(signal, watch);

    onProgress?.({ phase: 'summary', done, total });
    const sum = wb.addWorksheet(names.summary, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }], pageSetup: packPageSetup('landscape'), ...furniture(null) });
    overview.sort(overviewOrder);
    const sumLast = await writeOverview(sum, overview, noData.length, lang, st, unitLabel);
    Object.assign(sum.pageSetup, { printArea: `A$1:K$${sumLast}`, printTitlesRow: '3:3' });
    sum.commit();

    onProgress?.({ phase: 'finishing', done, total });
    const cover = wb.addWorksheet(names.cover, { pageSetup: packPageSetup('portrait'), ...furniture(null) });
    const coverLast = writeCover(
      cover,
      {
        bank: source.bank ? (source.bank.orgNr ? `${source.bank.name} (${t(lang, 'orgNr')} ${formatOrgNr(source.bank.orgNr)})` : source.bank.name) : t(lang, 'bankUnknown'),
        profile: source.profileName,
        dataAsOf: source.dataAsOf ? `${formatLocalDateTime(source.dataAsOf, lang)} (${t(lang, 'lastSync')})` : t(lang, 'neverSynced'),
        generatedAt: formatLocalDateTime(o.now, lang),
        appVersion: `Symetrisk Desk ${o.appVersion}`,
        dataSource: source.dataSource,
        borrowers: overview.length + noData.length,
        withData: overview.length,
        withoutData: noData.length,
        withBreaches: overview.filter((r) => r.covenants.breach > 0).length,
        unitLine: amountUnitLine(o.amountUnit, lang),
      },
      lang,
      st,
    );
    cover.pageSetup.printArea = `A$1:B$${coverLast}`;
    cover.commit();
    overview.length = 0;

    const nd = wb.addWorksheet(names.noData, { pageSetup: packPageSetup('landscape'), ...furniture(null) });
    const ndLast = writeNoData(nd, noData, lang, st);
    Object.assign(nd.pageSetup, { printArea: `A$1:D$${ndLast}`, printTitlesRow: '2:2' });
    nd.commit();
    const g = wb.addWorksheet(names.grid, {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
      pageSetup: packPageSetup('landscape', { pageOrder: 'overThenDown' }),
      ...furniture(null),
    });
    const gridOut = await writeGrid(g, grid, lang, st, unitLabel, parts);
    Object.assign(g.pageSetup, { printArea: `A$1:${gridOut.lastCol}$${gridOut.lastRow}`, printTitlesRow: '1:1', printTitlesColumn: 'A:B' });
    g.commit();
    const defs = wb.addWorksheet(names.definitions, { pageSetup: packPageSetup('landscape'), ...furniture(null) });
    const defsLast = writeDefinitions(defs, lang, st);
    defs.pageSetup.printArea = `A$1:C$${defsLast}`;
    defs.commit();
    const prov = wb.addWorksheet(names.provenance, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: packPageSetup('landscape'), ...furniture(null) });
    const provLast = await writeProvenance(prov, provenance, lang, st);
    Object.assign(prov.pageSetup, { printArea: `A$1:J$${provLast}`, printTitlesRow: '1:1' });
    prov.commit();
    const idOf = (w: ExcelJS.Worksheet) => (w as unknown as { id: number }).id;
    placeSheets(wb as unknown as InternalWorkbook, [idOf(cover), idOf(sum), ...sheetFiles.map((x) => x.id), idOf(nd), idOf(g), idOf(defs), idOf(prov)]);
    checkCancel(signal, watch);
    await watch.race(wb.commit());
    committed = true;
    const bytes = file.commit();
    return { path: file.target, bytes, borrowers: done, sheets: sheetFiles.length + 6 };
  } catch (e) {
    return abandonExport(e, { zip, out, file, committed });
  }
}
