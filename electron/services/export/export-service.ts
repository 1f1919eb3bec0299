import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AmountUnit, Language } from '../../../shared/analysis';
import { AppError, isAppError, type Emit } from '../../../shared/contract';
import type { CommitteeSummary, ExportProgress, ExportResult, PortfolioTableExportInput, PrintPdfResult, TableExportInput } from '../../../shared/contract/dto';
import { committeeSummary } from '../../../shared/committee';
import type { Logger } from '../log';
import { JobRunner, phaseMilestone } from '../jobs/job-runner';
import { packFileName } from '../../../shared/file-names';
import { exportFileError, safeFileBase, uniquePath } from './atomic-file';
import { analysePackBorrower, buildPack, summaryContext, type PackOptions, type PackOutcome, type PackPhase, type PackRun } from './pack-builder';
import type { PackSource } from './pack-source';
import { buildTable } from './table-export';
import { writeCsv, type CsvInput } from './csv-export';
import { ensurePrivateDir } from '../data-dir';

/** What export:pack asks for (the contract's input, parsed). */
export interface PackRequest {
  profileId: string;
  orgNrs?: string[] | undefined;
  fileName?: string | undefined;
  amountFormat?: 'nok' | 'nok_thousands' | undefined;
  language?: Language | undefined;
}

export interface ExportServiceDeps {
  dataDir: string;
  host: 'electron' | 'browser' | 'cli' | 'test';
  appVersion: string;
  clock: () => Date;
  emit: Emit;
  log: Logger;
  /** The pack's data for a profile and an optional selection of borrowers; throws not_found for an unknown profile. */
  packSource(profileId: string, orgNrs: readonly string[] | undefined): Promise<PackSource>;
  /**
   * Builds a pack outside this thread: the pack worker (pack-runner.ts), given the request the source was resolved
   * for. Without it the pack is built here, from `packSource` (the unit tests).
   */
  runPack?: ((req: { profileId: string; orgNrs: string[] | undefined; options: PackOptions; target: string }, run: PackRun) => Promise<PackOutcome>) | undefined;
  /** The analyst's settings the pack follows unless the request says otherwise. */
  settings(): { language: Language; amountFormat: 'nok' | 'nok_thousands'; staleAfterDays: number; classification?: string | null };
  /**
   * Desktop only: asks where to save (a save dialog); null when the analyst cancels. Without it, files go to
   * `<dataDir>/exports/`. The renderer never sends a path: only this dialog or the CLI's --out choose one.
   */
  chooseExportPath?: ((suggestedName: string) => Promise<string | null>) | undefined;
  /** Desktop only: shows a file in the system file manager. */
  revealFile?: ((file: string) => boolean | Promise<boolean>) | undefined;
  /**
   * Desktop only: prints the app window (the print view) to a PDF and saves it where the analyst chooses (Electron's
   * printToPDF and a save dialog, electron/app/). Without it the page prints itself (the browser's print).
   */
  printWindowToPdf?: ((suggestedName: string) => Promise<{ path: string; bytes: number } | null>) | undefined;
  /** Charts in the pack (default true; the benchmark measures both). */
  charts?: boolean;
  /** The portfolio grid as shown, in full, as a table's rows (the portfolio service runs the list: export:portfolioTable). */
  portfolioTable?: ((input: PortfolioTableExportInput) => (signal: AbortSignal) => Promise<TableExportInput>) | undefined;
}

/** Where the caller wants the file; the CLI's --out. Never from the renderer. */
export interface TargetOverride {
  targetPath?: string;
}

/** A written file: where it is (never shown by the browser host) and its name. */
interface WrittenFile {
  fullPath: string;
  fileName: string;
}

type Progress = (p: { phase: PackPhase; done: number; total: number }) => void;

/**
 * Runs exports in the background: export:pack and export:table answer at once with an id; progress and the
 * result arrive as events (export:progress, export:finished) and through result(). Each export can be cancelled;
 * a cancelled or failed one leaves no file. Finished files stay addressable by id for the browser host's
 * download route and the desktop's "show in folder".
 */
export class ExportService {
  private readonly jobs: JobRunner<ExportProgress, ExportResult>;
  /** Finished files by export id, as long as the runner keeps their result. */
  private readonly files = new Map<string, WrittenFile>();

  constructor(private readonly deps: ExportServiceDeps) {
    this.jobs = new JobRunner<ExportProgress, ExportResult>({
      newId: () => `x${randomUUID().replace(/-/g, '')}`,
      onProgress: (p) => deps.emit('export:progress', p),
      onFinished: (r) => deps.emit('export:finished', r),
      milestone: phaseMilestone,
      log: deps.log,
    });
  }

  /** The default file name of a pack, without .xlsx: "Kredittpakke Demo 2025-08-20" (shared/file-names.ts). */
  packFileName(profileName: string, lang: Language): string {
    return packFileName(profileName, lang, this.deps.clock()).replace(/\.xlsx$/, '');
  }

  async startPack(req: PackRequest, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const s = this.deps.settings();
    const language = req.language ?? s.language;
    // "Beløp i NOK 1 000" unless the request asks for whole kroner: a committee reads thousands (the screens' own
    // setting is for the screens).
    const amountUnit: AmountUnit = (req.amountFormat ?? 'nok_thousands') === 'nok_thousands' ? 'thousands' : 'nok';
    // Resolve the profile and selection first: an unknown profile is an error of the call, not of an export.
    const source = await this.deps.packSource(req.profileId, req.orgNrs);
    const base = req.fileName ? safeFileBase(req.fileName.replace(/\.xlsx$/i, '')) : this.packFileName(source.profileName, language);
    return this.start(base, override, async (target, signal, progress) => {
      const now = this.deps.clock();
      const options: PackOptions = { language, amountUnit, now, appVersion: this.deps.appVersion, maxAgeDays: s.staleAfterDays, charts: this.deps.charts ?? true, classification: s.classification ?? null };
      const run: PackRun = { signal, onProgress: progress };
      const out = this.deps.runPack
        ? await this.deps.runPack({ profileId: req.profileId, orgNrs: req.orgNrs, options, target }, run)
        : await buildPack(source, options, target, run);
      return { path: out.path, bytes: out.bytes };
    });
  }

  async startTable(input: TableExportInput, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const s = this.deps.settings();
    const base = safeFileBase(input.fileName.replace(/\.xlsx$/i, ''));
    return this.start(base, override, (target, signal, progress) => this.writeTable(input, s.language, s, target, signal, progress));
  }

  /**
   * The portfolio grid as shown (export:portfolioTable): the main side runs the grid's list in full, so no row
   * crosses the bridge, and writes it as export:table writes a list.
   */
  async startPortfolioTable(input: PortfolioTableExportInput, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const produce = this.deps.portfolioTable;
    if (!produce) throw new AppError('internal', 'The portfolio table export is not wired.', { reason: 'not_wired' });
    const s = this.deps.settings();
    // The profile first: an unknown one is an error of the call, not of an export.
    const job = produce(input);
    const base = safeFileBase(input.fileName.replace(/\.xlsx$/i, ''));
    return this.start(base, override, async (target, signal, progress) => {
      progress({ phase: 'borrowers', done: 0, total: 0 });
      return this.writeTable(await job(signal), input.language, s, target, signal, progress);
    });
  }

  /** A list written as export:table writes it, in `language`, with the analyst's unit and classification (`s`). */
  private async writeTable(table: TableExportInput, language: Language, s: ReturnType<ExportServiceDeps['settings']>, target: string, signal: AbortSignal, progress: Progress) {
    progress({ phase: 'borrowers', done: 0, total: table.rows.length });
    const out = await buildTable(
      table,
      {
        language,
        amountUnit: s.amountFormat === 'nok_thousands' ? 'thousands' : 'nok',
        now: this.deps.clock(),
        appVersion: this.deps.appVersion,
        classification: s.classification ?? null,
      },
      target,
      signal,
    );
    progress({ phase: 'borrowers', done: table.rows.length, total: table.rows.length });
    return out;
  }

  /**
   * A CSV file, written the way every export is (a job with an id, an atomic file, the same places and the browser
   * host's download): the access requests' signup links for a mail merge.
   */
  async startCsv(input: CsvInput & { fileName: string }, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const base = safeFileBase(input.fileName.replace(/\.csv$/i, ''));
    return this.start(
      base,
      override,
      async (target, signal, progress) => {
        progress({ phase: 'borrowers', done: 0, total: input.rows.length });
        const out = await writeCsv(input, target, signal);
        progress({ phase: 'borrowers', done: input.rows.length, total: input.rows.length });
        return out;
      },
      '.csv',
    );
  }

  /**
   * A borrower's committee summary, page 1 of its document in the pack, from the cache (no network call): what
   * the print view shows. The same source, analysis and definition (shared/committee) as the pack.
   */
  async summary(req: { profileId: string; orgNr: string; language?: Language | undefined; amountFormat?: 'nok' | 'nok_thousands' | undefined }): Promise<CommitteeSummary> {
    const s = this.deps.settings();
    const language = req.language ?? s.language;
    const amountUnit: AmountUnit = (req.amountFormat ?? 'nok_thousands') === 'nok_thousands' ? 'thousands' : 'nok';
    const source = await this.deps.packSource(req.profileId, [req.orgNr]);
    const options = { language, amountUnit, now: this.deps.clock(), appVersion: this.deps.appVersion, maxAgeDays: s.staleAfterDays, classification: s.classification ?? null };
    for await (const b of source.borrowers()) {
      if (b.orgNr === req.orgNr) return committeeSummary(b, analysePackBorrower(b, source, options), summaryContext(source, options));
    }
    throw new AppError('not_found', `Not in this profile's portfolio: ${req.orgNr}.`, { reason: 'borrower_not_found', orgNr: req.orgNr });
  }

  /** Desktop: the window printed to a PDF through a save dialog. Elsewhere the page prints itself. */
  async printPdf(fileName: string | undefined): Promise<PrintPdfResult> {
    if (!this.deps.printWindowToPdf) return { outcome: 'use_browser_print', path: null, bytes: null };
    const base = fileName ? safeFileBase(fileName.replace(/\.pdf$/i, '')) : safeFileBase(`Sammendrag ${this.deps.clock().toISOString().slice(0, 10)}`);
    const saved = await this.deps.printWindowToPdf(`${base}.pdf`);
    return saved ? { outcome: 'saved', path: saved.path, bytes: saved.bytes } : { outcome: 'cancelled', path: null, bytes: null };
  }

  /** Where the file goes: the CLI's --out, the desktop's save dialog (null: closed), or `<dataDir>/exports/`. */
  private async target(base: string, override: TargetOverride, ext: string): Promise<string | null> {
    if (override.targetPath) return path.resolve(override.targetPath);
    if (this.deps.chooseExportPath) return this.deps.chooseExportPath(`${base}${ext}`);
    const dir = path.join(this.deps.dataDir, 'exports');
    try {
      ensurePrivateDir(dir);
    } catch (e) {
      throw exportFileError(e, path.join(dir, `${base}${ext}`));
    }
    return uniquePath(dir, base, ext);
  }

  private async start(
    base: string,
    override: TargetOverride,
    work: (target: string, signal: AbortSignal, progress: Progress) => Promise<{ path: string; bytes: number }>,
    ext = '.xlsx',
  ): Promise<{ exportId: string }> {
    const ended = (exportId: string, outcome: ExportResult['outcome'], error: ExportResult['error'] = null): ExportResult => ({
      exportId,
      outcome,
      path: null,
      downloadUrl: null,
      bytes: null,
      error,
    });
    const { id } = await this.jobs.start({
      setup: () => this.target(base, override, ext),
      run: async (job, target) => {
        // The analyst closed the save dialog: nothing was written.
        if (target === null) return ended(job.id, 'cancelled');
        const out = await work(target, job.signal, (p) => job.progress({ exportId: job.id, ...p }));
        this.keepFile(job.id, { fullPath: out.path, fileName: path.basename(out.path) });
        job.progress({ exportId: job.id, phase: 'finishing', done: 1, total: 1 }, { force: true });
        job.progress({ exportId: job.id, phase: 'done', done: 1, total: 1 }, { force: true });
        this.deps.log.info('export finished', { exportId: job.id, bytes: out.bytes });
        return {
          exportId: job.id,
          outcome: 'ok',
          // The browser host never shows where the data folder is; the desktop and the CLI show the full path.
          path: this.deps.host === 'browser' ? path.basename(out.path) : out.path,
          downloadUrl: this.deps.host === 'browser' ? `/download/${job.id}` : null,
          bytes: out.bytes,
          error: null,
        };
      },
      failed: (e, job) => {
        const cancelled = (isAppError(e) && e.code === 'cancelled') || job.signal.aborted;
        const err = isAppError(e) ? e : new AppError('internal', `The export failed: ${e instanceof Error ? e.message : String(e)}`);
        if (!cancelled) this.deps.log.warn('export failed', { exportId: job.id, code: err.code, error: err.message });
        job.progress({ exportId: job.id, phase: cancelled ? 'cancelled' : 'failed', done: 0, total: 0 }, { force: true });
        return cancelled ? ended(job.id, 'cancelled') : ended(job.id, 'failed', { code: err.code, message: err.message });
      },
    });
    return { exportId: id };
  }

  /** Remembers a written file; files of exports the runner no longer keeps are forgotten with them. */
  private keepFile(exportId: string, file: WrittenFile): void {
    for (const id of this.files.keys()) if (this.jobs.result(id) === null) this.files.delete(id);
    this.files.set(exportId, file);
  }

  /** Cancels a running export; false when it is unknown or already finished. */
  cancel(exportId: string): boolean {
    return this.jobs.cancel(exportId);
  }

  result(exportId: string): ExportResult | null {
    return this.jobs.result(exportId);
  }

  /** Resolves when the export has finished (any outcome); for the CLI and tests. */
  wait(exportId: string): Promise<ExportResult> {
    return this.jobs.wait(exportId).catch(() => Promise.reject(new AppError('not_found', 'No such export.', { reason: 'export_not_found', exportId })));
  }

  /** The finished file of an export, for the browser host's /download/<exportId>. */
  resolveDownload(exportId: string): { path: string; fileName: string } | null {
    const file = this.jobs.result(exportId)?.outcome === 'ok' ? this.files.get(exportId) : undefined;
    return file ? { path: file.fullPath, fileName: file.fileName } : null;
  }

  /** Desktop only: reveals the file in the file manager; false in the browser host or for an unknown export. */
  async showInFolder(exportId: string): Promise<boolean> {
    const r = this.jobs.result(exportId);
    if (r === null && !this.jobs.isRunning(exportId)) throw new AppError('not_found', 'No such export.', { reason: 'export_not_found', exportId });
    const file = r?.outcome === 'ok' ? this.files.get(exportId) : undefined;
    if (!this.deps.revealFile || !file) return false;
    return Boolean(await this.deps.revealFile(file.fullPath));
  }

  /** Cancels every running export and waits for them to clean up (app close). */
  close(): Promise<void> {
    return this.jobs.close();
  }
}
