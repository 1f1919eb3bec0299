import type { Db } from '../../db/connection';

/** One borrower's write: runs inside the batch's transaction and returns what to do once it is committed. */
export type BatchWrite<T> = () => T;

export interface WriteBatcherOptions {
  /** A batch is committed this long after its first write was submitted, at the latest (0: on the next turn). */
  maxDelayMs: number;
  /** ...or as soon as it holds this many writes. */
  maxWrites: number;
}

interface Pending {
  write: BatchWrite<unknown>;
  resolve(value: unknown): void;
  reject(e: unknown): void;
}

/**
 * Commits the writes of several borrowers in one transaction, each inside its own savepoint, so that a borrower
 * stays all-or-nothing while the commit (the costly part of a small transaction: the WAL pages of every index it
 * touched) is paid once per batch instead of once per listing. A write that throws is rolled back to its savepoint
 * alone and its promise rejects; the others commit. A failed BEGIN or COMMIT rejects every write of the batch, none
 * of which is then written. A crash or kill loses at most the batch not yet committed: whole borrowers, which the
 * next sync fetches again.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: WriteBatcherOptions,
  ) {}

  /** Queues a write; resolves with its result once its batch is committed. */
  submit<T>(write: BatchWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length >= this.opts.maxWrites) this.flush();
      else if (this.opts.maxDelayMs > 0) this.timer ??= setTimeout(() => this.flush(), this.opts.maxDelayMs);
      else this.immediate ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (synchronously). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              // Nested: better-sqlite3 runs it as a SAVEPOINT, rolled back alone when it throws.
              results.push({ ok: true, value: this.db.transaction(p.write)() });
            } catch (error) {
              // SQLite rolled the whole transaction back (disk full, I/O error): nothing of the batch is written.
              if (!this.db.inTransaction) throw error;
              results.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      if (r.ok) p.resolve(r.value);
      else p.reject(r.error);
    });
  }
}
