import type { Worker, WorkerOptions } from 'node:worker_threads';
import type { Logger } from '../log';
import { applyWrite, commitBatch, type BatchResult, type CacheWrite, type WriteTarget } from './cache-writes';
import { fromWireError, type WriterData, type WriterReply, type WriterRequest } from './cache-writer-protocol';
import type { BatchCommitter } from './write-batch';

/**
 * Starts the cache-writer worker (cache-writer-worker.ts) with the given options: electron-vite's `?nodeWorker`
 * factory in the desktop app (electron/app/main.ts), `sourceWriterWorker()` where the sources run under tsx (the browser
 * host, the CLI, the benchmark, the tests).
 */
export type StartWriterWorker = (options: WorkerOptions) => Worker;

/** Where a sync's batches are committed. */
export interface CacheWriter {
  readonly commit: BatchCommitter<CacheWrite, number>;
  /** 'worker' while the worker serves; 'in-thread' from the start, or after the worker failed. */
  mode(): 'worker' | 'in-thread';
  /** Waits for what was sent, then ends the worker (it closes its connection). Safe to call twice. */
  close(): Promise<void>;
}

/** Commits in this thread, on the cache's own connection (no worker available, or an in-memory cache). */
export function inThreadWriter(target: WriteTarget): CacheWriter {
  return {
    commit: (writes) => commitBatch(target.db, writes, (w) => applyWrite(target, w)),
    mode: () => 'in-thread',
    close: async () => {},
  };
}

/** How long close() waits for the worker to end before terminating it. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Commits in a worker thread with its own connection to `target.file` (SQLite's WAL lets this thread keep reading
 * meanwhile; a write of this thread waits for the worker's transaction through the busy timeout). When the worker
 * cannot start or dies, the batches it had are rejected (their borrowers fail and the next sync fetches them
 * again; a batch is one transaction, so none is half written) and every later batch is committed in this thread.
 */
export function workerWriter(start: StartWriterWorker, target: WriteTarget & { file: string }, log?: Logger): CacheWriter {
  const fallback = inThreadWriter(target);
  const pending = new Map<number, { resolve(r: BatchResult<number>[]): void; reject(e: unknown): void }>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closing: Promise<void> | null = null;

  const giveUp = (why: unknown) => {
    if (!worker) return;
    worker = null;
    const message = why instanceof Error ? why.message : String(why);
    log?.warn('sync: the cache-writer worker stopped; writing in the main thread', { message });
    const error = new Error(`The cache writer stopped before it confirmed these writes: ${message}`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  try {
    const data: WriterData = { file: target.file };
    worker = start({ workerData: data });
    worker.on('message', (reply: WriterReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.type === 'failed') p.reject(fromWireError(reply.error));
      else p.resolve(reply.results.map((r) => (r.ok ? r : { ok: false as const, error: fromWireError(r.error) })));
    });
    worker.on('error', giveUp);
    worker.on('exit', (code) => {
      if (!closing) giveUp(new Error(`the worker exited (code ${code})`));
    });
  } catch (e) {
    worker = null;
    log?.warn('sync: the cache-writer worker could not start; writing in the main thread', { message: e instanceof Error ? e.message : String(e) });
  }

  return {
    commit(writes) {
      if (!worker || closing) return fallback.commit(writes);
      const id = nextId++;
      const w = worker;
      return new Promise<BatchResult<number>[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const req: WriterRequest = { type: 'commit', id, writes };
        w.postMessage(req);
      });
    },
    mode: () => (worker && !closing ? 'worker' : 'in-thread'),
    close() {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        // Messages are handled in order: every commit sent before this one is answered before the worker closes.
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        const req: WriterRequest = { type: 'close' };
        w.postMessage(req);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS)));
        if ((await Promise.race([exited.then(() => 'exited' as const), timedOut])) === 'timeout') {
          log?.warn('sync: the cache-writer worker did not end; terminating it');
          await w.terminate();
        }
        clearTimeout(timer);
        worker = null;
      })();
      return closing;
    },
  };
}
