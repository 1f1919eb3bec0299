import type { BatchResult } from './cache-writes';

/**
 * Commits a batch: every write in one transaction, each in its own savepoint. Resolves (or returns) one result per
 * write; throws or rejects when the batch as a whole could not be committed (then none of it is written).
 */
export type BatchCommitter<W, T> = (writes: W[]) => BatchResult<T>[] | Promise<BatchResult<T>[]>;

export interface WriteBatcherOptions {
  /** A batch is committed this long after its first write was submitted, at the latest (0: on the next turn). */
  maxDelayMs: number;
  /** ...or as soon as it holds this many writes. */
  maxWrites: number;
}

interface Pending<W, T> {
  write: W;
  resolve(value: T): void;
  reject(e: unknown): void;
}

/**
 * Commits the writes of several borrowers in one transaction, each inside its own savepoint, so that a borrower
 * stays all-or-nothing while the commit (the costly part of a small transaction: the WAL pages of every index it
 * touched) is paid once per batch instead of once per listing. A write that throws is rolled back to its savepoint
 * alone and its promise rejects; the others commit. A failed BEGIN or COMMIT rejects every write of the batch, none
 * of which is then written. A crash or kill loses at most the batch not yet committed: whole borrowers, which the
 * next sync fetches again. Where the batch is committed is the committer's business (cache-writer.ts): in this
 * thread, synchronously, or in the cache-writer worker.
 */
export class WriteBatcher<W, T> {
  private queue: Pending<W, T>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly commit: BatchCommitter<W, T>,
    private readonly opts: WriteBatcherOptions,
  ) {}

  /** Queues a write; resolves with its result once its batch is committed. */
  submit(write: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (this.queue.length >= this.opts.maxWrites) this.flush();
      else if (this.opts.maxDelayMs > 0) this.timer ??= setTimeout(() => this.flush(), this.opts.maxDelayMs);
      else this.immediate ??= setImmediate(() => this.flush());
    });
  }

  /** Hands what is queued to the committer now (an in-thread committer commits it synchronously). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const settle = (results: BatchResult<T>[]) =>
      batch.forEach((p, i) => {
        const r = results[i];
        if (r?.ok) p.resolve(r.value);
        else p.reject(r ? r.error : new Error('The cache writer gave no result for this write.'));
      });
    const failAll = (error: unknown) => batch.forEach((p) => p.reject(error));
    let out: BatchResult<T>[] | Promise<BatchResult<T>[]>;
    try {
      out = this.commit(batch.map((p) => p.write));
    } catch (error) {
      failAll(error);
      return;
    }
    if (!(out instanceof Promise)) {
      settle(out);
      return;
    }
    const done = out.then(settle, failAll).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  /** Commits what is queued and waits until every batch handed over so far has been committed (or has failed). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
