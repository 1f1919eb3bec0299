import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs, { type WriteStream } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract';

/** The error codes Node gives when a file is locked by another program or the folder refuses writes. */
const BUSY_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'EROFS', 'ETXTBSY']);

/**
 * Turns a file-system failure on the export target into the error the analyst sees: `file_busy` when the file is
 * open in another program or the place is not writable, `storage` for the rest (disk full, folder missing).
 */
export function exportFileError(e: unknown, target: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  const name = path.basename(target);
  if (BUSY_CODES.has(code)) {
    return new AppError(
      'file_busy',
      `Could not write ${name}: the file is open in another program or the folder is not writable. Close the file or choose another place, then export again.`,
      { code, target },
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('storage', `Could not write ${name}: the disk is full.`, { code, target });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('storage', `Could not write ${name}: the folder ${path.dirname(target)} does not exist.`, { code, target });
  }
  return new AppError('storage', `Could not write ${name}: ${(e as Error)?.message ?? String(e)}`, { code, target });
}

/** The start of a target's temporary files' names: `.<name>.` (then a random part and `.part`). */
function tempPrefix(target: string): string {
  return `.${path.basename(target)}.`;
}

/**
 * A temporary file beside the target, renamed over it on success: a failed or cancelled export never leaves
 * a half-written file under the target's name (and never destroys an older file there).
 */
export class AtomicFile {
  readonly tempPath: string;
  private settled = false;

  private constructor(readonly target: string) {
    // Hidden and in the same folder, so the final rename is atomic and cannot cross file systems.
    this.tempPath = path.join(path.dirname(target), `${tempPrefix(target)}${randomBytes(6).toString('hex')}.part`);
  }

  /**
   * Removes every temporary file of `target` that a writer could not remove itself (one that died mid-export, as
   * the pack worker may); never throws.
   */
  static discardLeftovers(target: string): void {
    const dir = path.dirname(path.resolve(target));
    const prefix = tempPrefix(target);
    try {
      for (const n of fs.readdirSync(dir)) if (n.startsWith(prefix) && n.endsWith('.part')) fs.rmSync(path.join(dir, n), { force: true });
    } catch {
      // Best effort, as discard().
    }
  }

  /**
   * Checks the target can be written before any work starts: the folder accepts a new file, and an existing
   * target is not locked (on Windows an open workbook refuses to be opened for writing).
   */
  static prepare(target: string): AtomicFile {
    const f = new AtomicFile(path.resolve(target));
    try {
      if (fs.existsSync(f.target)) {
        if (fs.statSync(f.target).isDirectory()) {
          throw new AppError('storage', `${path.basename(f.target)} is a folder, not a file.`, { target: f.target });
        }
        fs.closeSync(fs.openSync(f.target, 'r+'));
      }
      // A pack holds borrowers' accounts: private to the user, and the rename keeps the mode.
      fs.writeFileSync(f.tempPath, '', { mode: 0o600 });
    } catch (e) {
      f.discard();
      throw exportFileError(e, f.target);
    }
    return f;
  }

  /** Moves the finished temp file onto the target; returns its size in bytes. */
  commit(): number {
    if (this.settled) throw new AppError('internal', 'export file already settled');
    try {
      const bytes = fs.statSync(this.tempPath).size;
      fs.renameSync(this.tempPath, this.target);
      this.settled = true;
      return bytes;
    } catch (e) {
      this.discard();
      throw exportFileError(e, this.target);
    }
  }

  /** Removes the temp file (after a failure or a cancel); never throws. */
  discard(): void {
    this.settled = true;
    try {
      fs.rmSync(this.tempPath, { force: true });
    } catch {
      // Best effort: a leftover hidden .part file is harmless and named as such.
    }
  }
}

/**
 * `name` in `dir`, or `name (2)`, `name (3)` ... when taken: exports into the data folder never replace an
 * earlier one (the analyst chose no path, so nothing asked to be overwritten).
 */
export function uniquePath(dir: string, baseName: string, ext: string): string {
  let candidate = path.join(dir, `${baseName}${ext}`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${baseName} (${n})${ext}`);
  return candidate;
}

// The rule lives in shared/ (the export page shows the default name the file gets).
export { safeFileBase } from '../../../shared/file-names';

/** What a workbook writer's failure watch needs: something that emits 'error' (the file stream, the archive). */
interface ErrorSource {
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/**
 * Watches the file stream and the archive of a streaming workbook for a write failure (ENOSPC, EIO...).
 * exceljs only listens for errors once it finalises, and a failed file stream stops the archive, so without this
 * an error mid-export leaves every later wait (the pacer, `wb.commit()`) pending forever and the export never
 * settles. `race` ends such a wait with the first failure; `check` throws it between steps.
 */
export class WriteFailureWatch {
  private failure: Error | null = null;
  private readonly listeners = new Set<(e: Error) => void>();

  constructor(...sources: ErrorSource[]) {
    const fail = (e: Error) => {
      if (this.failure) return;
      this.failure = e;
      for (const l of this.listeners) l(e);
      this.listeners.clear();
    };
    for (const s of sources) s.on('error', fail);
  }

  /** The first failure, if any. */
  get error(): Error | null {
    return this.failure;
  }

  /** Throws the first failure, if there was one. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** `p`, or a rejection with the first write failure, whichever comes first. */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const onFail = (e: Error) => reject(e);
      this.listeners.add(onFail);
      p.then(
        (v) => {
          this.listeners.delete(onFail);
          resolve(v);
        },
        (e: unknown) => {
          this.listeners.delete(onFail);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }
}

/**
 * After a failed or cancelled streaming export: stops the archive and closes the file stream (unless the workbook was
 * already committed), removes the temporary file, and throws what the analyst sees: an AppError as it is, a
 * file-system failure as `file_busy` or `storage`, anything else unchanged.
 */
export async function abandonExport(
  e: unknown,
  parts: { zip: { abort(): void }; out: WriteStream; file: AtomicFile; committed: boolean },
): Promise<never> {
  if (!parts.committed) {
    try {
      parts.zip.abort();
    } catch {
      // the archive is discarded either way
    }
    if (!parts.out.closed) {
      parts.out.destroy();
      await once(parts.out, 'close').catch(() => undefined);
    }
  }
  parts.file.discard();
  if (e instanceof AppError) throw e;
  if (typeof (e as NodeJS.ErrnoException | null)?.code === 'string') throw exportFileError(e, parts.file.target);
  throw e;
}
