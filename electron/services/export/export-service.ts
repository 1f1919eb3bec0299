import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AmountUnit, Language } from '../../../shared/analysis';
import { AppError, isAppError, type Emit } from '../../../shared/contract';
import type { ExportProgress, ExportResult, TableExportInput } from '../../../shared/contract/dto';
import type { Logger } from '../log';
import { exportFileError, safeFileBase, uniquePath } from './atomic-file';
import { buildPack, type PackPhase } from './pack-builder';
import type { PackSource } from './pack-source';
import { buildTable } from './table-export';
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
  /** The analyst's settings the pack follows unless the request says otherwise. */
  settings(): { language: Language; amountFormat: 'nok' | 'nok_thousands'; staleAfterDays: number };
  /**
   * Desktop only: asks where to save (a save dialog); null when the analyst cancels. Without it, files go to
   * `<dataDir>/exports/`. The renderer never sends a path: only this dialog or the CLI's --out choose one.
   */
  chooseExportPath?: ((suggestedName: string) => Promise<string | null>) | undefined;
  /** Desktop only: shows a file in the system file manager. */
  revealFile?: ((file: string) => boolean | Promise<boolean>) | undefined;
  /** Charts in the pack (default true; the benchmark measures both). */
  charts?: boolean;
}

/** Where the caller wants the file; the CLI's --out. Never from the renderer. */
export interface TargetOverride {
  targetPath?: string;
}

interface Job {
  id: string;
  controller: AbortController;
  fileName: string;
  /** The written file, once the export succeeded. */
  fullPath: string | null;
  result: ExportResult | null;
  done: Promise<ExportResult>;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs exports in the background: export:pack and export:table answer at once with an id; progress and the
 * result arrive as events (export:progress, export:finished) and through result(). Each export can be cancelled;
 * a cancelled or failed one leaves no file. Finished files stay addressable by id for the browser host's
 * download route and the desktop's "show in folder".
 */
export class ExportService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ExportServiceDeps) {}

  /** The default file name of a pack: "Kredittpakke Demo 2025-08-20". */
  packFileName(profileName: string, lang: Language): string {
    const day = this.deps.clock().toISOString().slice(0, 10);
    return safeFileBase(`${lang === 'nb' ? 'Kredittpakke' : 'Credit pack'} ${profileName} ${day}`);
  }

  async startPack(req: PackRequest, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const s = this.deps.settings();
    const language = req.language ?? s.language;
    const amountUnit: AmountUnit = (req.amountFormat ?? s.amountFormat) === 'nok_thousands' ? 'thousands' : 'nok';
    // Resolve the profile and selection first: an unknown profile is an error of the call, not of an export.
    const source = await this.deps.packSource(req.profileId, req.orgNrs);
    const base = req.fileName ? safeFileBase(req.fileName.replace(/\.xlsx$/i, '')) : this.packFileName(source.profileName, language);
    return this.start(base, override, async (target, job, progress) => {
      const now = this.deps.clock();
      const out = await buildPack(
        source,
        { language, amountUnit, now, appVersion: this.deps.appVersion, maxAgeDays: s.staleAfterDays, charts: this.deps.charts ?? true },
        target,
        { signal: job.controller.signal, onProgress: progress },
      );
      return { path: out.path, bytes: out.bytes };
    });
  }

  async startTable(input: TableExportInput, override: TargetOverride = {}): Promise<{ exportId: string }> {
    const s = this.deps.settings();
    const base = safeFileBase(input.fileName.replace(/\.xlsx$/i, ''));
    return this.start(base, override, async (target, job, progress) => {
      progress({ phase: 'borrowers', done: 0, total: input.rows.length });
      const out = await buildTable(
        input,
        { language: s.language, amountUnit: s.amountFormat === 'nok_thousands' ? 'thousands' : 'nok', now: this.deps.clock(), appVersion: this.deps.appVersion },
        target,
        job.controller.signal,
      );
      progress({ phase: 'borrowers', done: input.rows.length, total: input.rows.length });
      return out;
    });
  }

  private async start(
    base: string,
    override: TargetOverride,
    work: (target: string, job: Job, progress: (p: { phase: PackPhase; done: number; total: number }) => void) => Promise<{ path: string; bytes: number }>,
  ): Promise<{ exportId: string }> {
    const id = `x${randomUUID().replace(/-/g, '')}`;
    let target: string | null;
    if (override.targetPath) target = path.resolve(override.targetPath);
    else if (this.deps.chooseExportPath) target = await this.deps.chooseExportPath(`${base}.xlsx`);
    else {
      const dir = path.join(this.deps.dataDir, 'exports');
      try {
        ensurePrivateDir(dir);
      } catch (e) {
        throw exportFileError(e, path.join(dir, `${base}.xlsx`));
      }
      target = uniquePath(dir, base, '.xlsx');
    }
    let resolveDone!: (r: ExportResult) => void;
    const job: Job = {
      id,
      controller: new AbortController(),
      fileName: target ? path.basename(target) : `${base}.xlsx`,
      fullPath: null,
      result: null,
      done: new Promise((r) => (resolveDone = r)),
    };
    this.jobs.set(id, job);
    const finish = (r: ExportResult) => {
      job.result = r;
      this.deps.emit('export:finished', r);
      resolveDone(r);
    };
    if (target === null) {
      // The analyst closed the save dialog: nothing was written.
      queueMicrotask(() => finish({ exportId: id, outcome: 'cancelled', path: null, downloadUrl: null, bytes: null, error: null }));
      return { exportId: id };
    }
    const chosen = target;
    let last = 0;
    const progress = (p: { phase: PackPhase; done: number; total: number }, force = false) => {
      const now = Date.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS && p.done !== p.total) return;
      last = now;
      const payload: ExportProgress = { exportId: id, ...p };
      this.deps.emit('export:progress', payload);
    };
    // Started on the next turn, so the caller has the id before the first event.
    setImmediate(() => {
      work(chosen, job, progress).then(
        (out) => {
          job.fullPath = out.path;
          job.fileName = path.basename(out.path);
          progress({ phase: 'finishing', done: 1, total: 1 }, true);
          this.deps.emit('export:progress', { exportId: id, phase: 'done', done: 1, total: 1 });
          finish({
            exportId: id,
            outcome: 'ok',
            // The browser host never shows where the data folder is; the desktop and the CLI show the full path.
            path: this.deps.host === 'browser' ? path.basename(out.path) : out.path,
            downloadUrl: this.deps.host === 'browser' ? `/download/${id}` : null,
            bytes: out.bytes,
            error: null,
          });
          this.deps.log.info('export finished', { exportId: id, bytes: out.bytes });
        },
        (e: unknown) => {
          const cancelled = isAppError(e) && e.code === 'cancelled';
          const err = isAppError(e) ? e : new AppError('internal', `The export failed: ${e instanceof Error ? e.message : String(e)}`);
          if (!cancelled) this.deps.log.warn('export failed', { exportId: id, code: err.code, error: err.message });
          this.deps.emit('export:progress', { exportId: id, phase: cancelled ? 'cancelled' : 'failed', done: 0, total: 0 });
          finish({
            exportId: id,
            outcome: cancelled ? 'cancelled' : 'failed',
            path: null,
            downloadUrl: null,
            bytes: null,
            error: cancelled ? null : { code: err.code, message: err.message },
          });
        },
      );
    });
    return { exportId: id };
  }

  /** Cancels a running export; false when it is unknown or already finished. */
  cancel(exportId: string): boolean {
    const job = this.jobs.get(exportId);
    if (!job || job.result) return false;
    job.controller.abort();
    return true;
  }

  result(exportId: string): ExportResult | null {
    return this.jobs.get(exportId)?.result ?? null;
  }

  /** Resolves when the export has finished (any outcome); for the CLI and tests. */
  wait(exportId: string): Promise<ExportResult> {
    const job = this.jobs.get(exportId);
    if (!job) return Promise.reject(new AppError('not_found', 'No such export.'));
    return job.done;
  }

  /** The finished file of an export, for the browser host's /download/<exportId>. */
  resolveDownload(exportId: string): { path: string; fileName: string } | null {
    const job = this.jobs.get(exportId);
    const r = job?.result;
    if (!job || !r || r.outcome !== 'ok' || !r.path) return null;
    return job.fullPath ? { path: job.fullPath, fileName: job.fileName } : null;
  }

  /** Desktop only: reveals the file in the file manager; false in the browser host or for an unknown export. */
  async showInFolder(exportId: string): Promise<boolean> {
    const job = this.jobs.get(exportId);
    if (!job) throw new AppError('not_found', 'No such export.');
    const r = job.result;
    if (!this.deps.revealFile || !r || r.outcome !== 'ok') return false;
    return job.fullPath ? Boolean(await this.deps.revealFile(job.fullPath)) : false;
  }

  /** Cancels every running export and waits for them to clean up (app close). */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => !j.result);
    for (const j of running) j.controller.abort();
    await Promise.all(running.map((j) => j.done));
  }
}
