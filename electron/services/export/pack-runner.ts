import type { Worker, WorkerOptions } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import { AtomicFile } from './atomic-file';
import type { PackOutcome, PackRun } from './pack-builder';
import { fromPackWireError, type PackJob, type PackWorkerReply, type PackWorkerRequest } from './pack-worker-protocol';

/**
 * Starts the pack worker (pack-worker.ts) with the given options: electron-vite's `?nodeWorker` factory in the
 * desktop app, the TypeScript source with tsx's loader elsewhere (source-pack-worker.ts).
 */
export type StartPackWorker = (options: WorkerOptions) => Worker;

/**
 * The pack worker's heap. A pack allocates some 3 GB over its run for 1,000 borrowers and keeps about 50 MB of it
 * alive. In the main process, whose heap limit is several GB, V8 let the garbage grow to about three times that
 * before collecting it: the process peaked at 260-310 MB. Here the old generation may grow to 512 MB (ten times what
 * a pack keeps, so a far larger portfolio still fits), a limit at which V8 grows the heap by a smaller factor between
 * collections, and the young generation is 24 MB instead of 48: the whole process (main thread and worker) peaked at
 * 245-265 MB, and the thread's memory goes back when it ends. The price is time, about 1.5 s of a 1,000-borrower
 * pack, for the collections (docs/benchmarks.md).
 */
export const PACK_WORKER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 24 } as const;

/**
 * Builds a pack in the pack worker: its progress and outcome as buildPack's own, its errors as buildPack throws
 * them (an AppError keeps its code and details), cancelled through the signal. A worker that stops without an
 * answer (out of memory, a crash) is an `internal` error worded for the analyst, and its temporary file is removed.
 */
export function runPackInWorker(start: StartPackWorker, job: PackJob, run: PackRun = {}): Promise<PackOutcome> {
  return new Promise<PackOutcome>((resolve, reject) => {
    let settled = false;
    const worker = start({ workerData: job, resourceLimits: PACK_WORKER_LIMITS });
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies PackWorkerRequest);
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', onAbort);
      f();
    };
    if (run.signal?.aborted) onAbort();
    else run.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: PackWorkerReply) => {
      if (m.type === 'progress') run.onProgress?.({ phase: m.phase, done: m.done, total: m.total });
      else if (m.type === 'done') settle(() => resolve(m.outcome));
      else settle(() => reject(fromPackWireError(m.error)));
    });
    const stopped = (why: string) =>
      settle(() => {
        AtomicFile.discardLeftovers(job.target);
        reject(new AppError('internal', 'The export stopped before the pack was complete.', { reason: 'pack_worker_stopped', why }));
      });
    worker.on('error', (e) => stopped(e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}` : String(e)));
    worker.on('exit', (code) => stopped(`exit ${code}`));
  });
}
