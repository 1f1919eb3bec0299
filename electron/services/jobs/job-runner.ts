import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { Logger } from '../log';

/** What a running job's work receives: its id, its cancel signal and where its progress goes. */
export interface JobControl<P> {
  readonly id: string;
  /** Aborted by cancel() and close(); the work ends as soon as it can and returns (or throws) its cancelled outcome. */
  readonly signal: AbortSignal;
  /**
   * Reports progress. The latest value is always what `progress()` answers; listeners get it at most once per
   * interval, the last value of a burst when the interval has passed, and at once when `force` is set (a phase
   * change, the end of a phase), so nothing that changes what the analyst reads is held back.
   */
  progress(p: P, opts?: { force?: boolean }): void;
}

/**
 * The milestones of phased progress (sync and export): the first report, a new phase, and a phase's last step.
 * What the analyst reads changes there, so those pass the throttle at once.
 */
export function phaseMilestone(previous: { phase: string } | null, next: { phase: string; done: number; total: number }): boolean {
  return previous === null || previous.phase !== next.phase || (next.total > 0 && next.done === next.total);
}

/** What a job is: an optional key that admits one running job at a time, a setup that runs in its slot, the work. */
export interface JobSpec<P, R, S> {
  /** At most one running job per key (a profile's sync); a second start while one runs is refused. */
  key?: string;
  /**
   * Runs before the job counts as started, with its slot already claimed (two quick starts cannot both pass): its
   * errors are the start's own (no finished event, nothing kept), its value goes to `run`.
   */
  setup?: (signal: AbortSignal) => Promise<S> | S;
  /** The work; started on the next turn, so the caller has the id before the first event. */
  run: (job: JobControl<P>, setup: S) => Promise<R>;
  /** The result of a job whose work threw (cancelled, failed, or a throw the work did not foresee). */
  failed: (e: unknown, job: JobControl<P>, setup: S) => R;
}

export interface StartedJob<R, S> {
  id: string;
  /** What setup returned (the sync's run id). */
  setup: S;
  /** Settles with the job's result; never rejects (a thrown error becomes a result through `failed`). */
  done: Promise<R>;
}

export interface JobRunnerOptions<P, R> {
  /** Throttled progress of a job (see JobControl.progress). */
  onProgress(p: P, id: string): void;
  /** Called exactly once per job that started, after it let go of its slot and before `done` settles. */
  onFinished(r: R, id: string): void;
  /** The refusal of a second start under a running key. */
  conflict?: (key: string) => AppError;
  /** Progress that passes the throttle at once (default: none but forced); see `phaseMilestone`. */
  milestone?: (previous: P | null, next: P) => boolean;
  /** Default 100 ms: fast enough for a progress bar, slow enough not to flood the window with events. */
  progressIntervalMs?: number;
  /** How many finished jobs stay addressable (result, wait) by id; default 100, oldest first out. */
  keepFinished?: number;
  newId?: () => string;
  /** Where a failing onFinished is reported (the job's result stands; `done` still settles). */
  log?: Logger;
}

interface Job<P, R> {
  id: string;
  key: string | undefined;
  controller: AbortController;
  progress: P | null;
  result: R | null;
  done: Promise<R>;
  /** Settles when the job is over: finished, or its setup failed (then `done` never settles). */
  over: Promise<void>;
}

/**
 * The one job primitive of the main side (sync and export): an id, cancel, throttled progress, a finished event
 * once per job, wait, and close for app shutdown. Services keep their domain (what a run or a file is) and hand
 * the bookkeeping of running work to this.
 */
export class JobRunner<P, R> {
  private readonly jobs = new Map<string, Job<P, R>>();
  private readonly byKey = new Map<string, Job<P, R>>();
  private closed = false;

  constructor(private readonly opts: JobRunnerOptions<P, R>) {}

  /**
   * Starts a job and resolves once its setup is done, with its id; the work follows on the next turn. Throws the
   * conflict error for a running key, AppError('cancelled', reason 'closing') after close(), and setup's errors.
   */
  async start<S = undefined>(spec: JobSpec<P, R, S>): Promise<StartedJob<R, S>> {
    if (this.closed) throw new AppError('cancelled', 'The app is closing; nothing new is started.', { reason: 'closing' });
    if (spec.key !== undefined && this.byKey.has(spec.key)) {
      throw this.opts.conflict?.(spec.key) ?? new AppError('conflict', 'This job is already running.', { reason: 'job_running', key: spec.key });
    }
    let settleDone!: (r: R) => void;
    let settleOver!: () => void;
    const job: Job<P, R> = {
      id: (this.opts.newId ?? randomUUID)(),
      key: spec.key,
      controller: new AbortController(),
      progress: null,
      result: null,
      done: new Promise<R>((resolve) => (settleDone = resolve)),
      over: new Promise<void>((resolve) => (settleOver = resolve)),
    };
    const settle = (r: R) => {
      settleDone(r);
      settleOver();
    };
    // Claimed before the first await.
    if (job.key !== undefined) this.byKey.set(job.key, job);
    this.jobs.set(job.id, job);
    let setup: S;
    try {
      setup = (await spec.setup?.(job.controller.signal)) as S;
    } catch (e) {
      this.release(job);
      this.jobs.delete(job.id);
      settleOver();
      throw e;
    }
    const throttle = this.throttle(job);
    const control: JobControl<P> = { id: job.id, signal: job.controller.signal, progress: throttle.report };
    setImmediate(() => void this.execute(job, () => spec.run(control, setup), (e) => spec.failed(e, control, setup), throttle.stop, settle));
    return { id: job.id, setup, done: job.done };
  }

  private async execute(
    job: Job<P, R>,
    work: () => Promise<R>,
    failed: (e: unknown) => R,
    stopProgress: () => void,
    settle: (r: R) => void,
  ): Promise<void> {
    let r: R;
    try {
      r = await work();
    } catch (e) {
      r = failed(e);
    }
    stopProgress();
    job.result = r;
    // The slot is free before anyone hears of the end: a listener may start the next job at once.
    this.release(job);
    this.prune();
    try {
      this.opts.onFinished(r, job.id);
    } catch (e) {
      this.opts.log?.error('job finished handler failed', { jobId: job.id, error: e });
    }
    settle(r);
  }

  /** Cancels a running job; false when it is unknown or already finished. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.result !== null) return false;
    job.controller.abort();
    return true;
  }

  /** The running job under a key (a profile's sync), if any. */
  runningId(key: string): string | null {
    return this.byKey.get(key)?.id ?? null;
  }

  isRunning(id: string): boolean {
    const job = this.jobs.get(id);
    return job !== undefined && job.result === null;
  }

  /** The latest progress a job reported (not throttled); null when it reported none or is unknown. */
  progress(id: string): P | null {
    return this.jobs.get(id)?.progress ?? null;
  }

  /** A finished job's result; null while it runs or when it is unknown. */
  result(id: string): R | null {
    return this.jobs.get(id)?.result ?? null;
  }

  /** Resolves when the job has finished (any outcome); AppError('not_found') for an unknown id. */
  wait(id: string): Promise<R> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new AppError('not_found', 'There is no such job.', { reason: 'job_not_found' }));
    return job.done;
  }

  /** Refuses new jobs, cancels every running one and waits until each has finished (app close). Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.jobs.values()].filter((j) => j.result === null);
    for (const j of running) j.controller.abort();
    await Promise.all(running.map((j) => j.over));
  }

  private release(job: Job<P, R>): void {
    if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
  }

  private prune(): void {
    const keep = this.opts.keepFinished ?? 100;
    const finished = [...this.jobs.values()].filter((j) => j.result !== null);
    // Map order is start order: the oldest finished go first.
    for (const j of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(j.id);
  }

  /** Leading and trailing throttle of one job's progress; forced reports pass at once and drop a pending one. */
  private throttle(job: Job<P, R>): { report: JobControl<P>['progress']; stop(): void } {
    const interval = this.opts.progressIntervalMs ?? 100;
    const now = Date.now;
    let last = -Infinity;
    let pending: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const send = () => {
      if (pending) clearTimeout(pending);
      pending = null;
      last = now();
      if (job.progress !== null) this.opts.onProgress(job.progress, job.id);
    };
    return {
      report: (p, o) => {
        if (stopped) return;
        const milestone = o?.force === true || (this.opts.milestone?.(job.progress, p) ?? false);
        job.progress = p;
        if (milestone || now() - last >= interval) send();
        else pending ??= setTimeout(send, Math.max(0, last + interval - now()));
      },
      stop: () => {
        stopped = true;
        if (pending) clearTimeout(pending);
        pending = null;
      },
    };
  }
}
