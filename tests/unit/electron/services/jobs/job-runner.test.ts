import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '../../../../../shared/contract';
import { JobRunner, phaseMilestone, type JobControl, type JobRunnerOptions } from '../../../../../electron/services/jobs/job-runner';
import type { Logger } from '../../../../../electron/services/log';

interface P {
  phase: string;
  done: number;
  total: number;
}
type R = { outcome: 'ok' | 'cancelled' | 'failed'; value: number; error?: string };

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A runner that records every event it hands on. */
function recording(opts: Partial<JobRunnerOptions<P, R>> = {}) {
  const progress: { id: string; p: P }[] = [];
  const finished: { id: string; r: R }[] = [];
  const runner = new JobRunner<P, R>({
    onProgress: (p, id) => progress.push({ id, p }),
    onFinished: (r, id) => finished.push({ id, r }),
    ...opts,
  });
  return { runner, progress, finished };
}

/** The usual mapping of a thrown error: cancelled when the job was cancelled, failed otherwise. */
const failed = (e: unknown, job: JobControl<P>): R =>
  job.signal.aborted ? { outcome: 'cancelled', value: 0 } : { outcome: 'failed', value: 0, error: isAppError(e) ? e.code : String(e) };

/** Work that runs until released or cancelled, reporting `started` once it is running. */
function controllable() {
  const started = deferred<JobControl<P>>();
  const release = deferred<number>();
  return {
    started: started.promise,
    release: release.resolve,
    run: (job: JobControl<P>) => {
      started.resolve(job);
      return new Promise<R>((resolve, reject) => {
        job.signal.addEventListener('abort', () => reject(new AppError('cancelled', 'Cancelled.')));
        void release.promise.then((value) => resolve({ outcome: 'ok', value }));
      });
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the job runner', () => {
  it('answers with the id before the work starts, and finishes the job once with its result', async () => {
    const { runner, finished } = recording();
    const work = controllable();
    const started = await runner.start({ run: work.run, failed });
    expect(runner.isRunning(started.id)).toBe(true);
    expect(runner.result(started.id)).toBeNull();
    const job = await work.started;
    expect(job.id).toBe(started.id);
    work.release(42);
    expect(await started.done).toEqual({ outcome: 'ok', value: 42 });
    expect(await runner.wait(started.id)).toEqual({ outcome: 'ok', value: 42 });
    expect(runner.result(started.id)).toEqual({ outcome: 'ok', value: 42 });
    expect(runner.isRunning(started.id)).toBe(false);
    // Cancel and close after the end change nothing: the finished event was the only one.
    expect(runner.cancel(started.id)).toBe(false);
    await runner.close();
    expect(finished).toEqual([{ id: started.id, r: { outcome: 'ok', value: 42 } }]);
  });

  it('cancels through the signal; the work’s cancelled outcome is the result', async () => {
    const { runner, finished } = recording();
    const work = controllable();
    const { id, done } = await runner.start({ run: work.run, failed });
    await work.started;
    expect(runner.cancel('no-such-job')).toBe(false);
    expect(runner.cancel(id)).toBe(true);
    expect(await done).toEqual({ outcome: 'cancelled', value: 0 });
    expect(finished).toHaveLength(1);
    expect(runner.cancel(id)).toBe(false);
  });

  it('turns an unforeseen throw into the job’s failed result, and a failing finished listener does not hang `done`', async () => {
    const errors: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m) };
    const { runner } = recording({
      onFinished: () => {
        throw new Error('listener broke');
      },
      log,
    });
    const { done } = await runner.start({ run: async () => Promise.reject(new AppError('storage', 'Disk full.')), failed });
    expect(await done).toEqual({ outcome: 'failed', value: 0, error: 'storage' });
    expect(errors).toEqual(['job finished handler failed']);
  });

  it('waits on a job by id and says not_found for an unknown one', async () => {
    const { runner } = recording();
    const { id } = await runner.start({ run: async () => ({ outcome: 'ok', value: 1 }), failed });
    expect(await runner.wait(id)).toEqual({ outcome: 'ok', value: 1 });
    await expect(runner.wait('nope')).rejects.toMatchObject({ code: 'not_found', details: { reason: 'job_not_found' } });
  });

  it('admits one running job per key, claimed before setup awaits, and frees the key before the finished event', async () => {
    const conflict = (key: string) => new AppError('conflict', 'Already running.', { reason: 'sync_running', profileId: key });
    let startedFromListener: Promise<unknown> | null = null;
    const finished: number[] = [];
    const { runner } = recording({
      conflict,
      onFinished: (r) => {
        finished.push(r.value);
        // Whoever hears of the end may start the next job at once.
        if (r.value === 1) startedFromListener = runner.start({ key: 'demo', run: async () => ({ outcome: 'ok', value: 2 }), failed });
      },
    });
    const setupGate = deferred();
    const first = runner.start({ key: 'demo', setup: () => setupGate.promise, run: async () => ({ outcome: 'ok', value: 1 }), failed });
    // Still in setup: the slot is taken.
    await expect(runner.start({ key: 'demo', run: async () => ({ outcome: 'ok', value: 9 }), failed })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'sync_running', profileId: 'demo' },
    });
    expect(runner.runningId('demo')).not.toBeNull();
    // Another key runs beside it.
    const other = await runner.start({ key: 'other', run: async () => ({ outcome: 'ok', value: 3 }), failed });
    setupGate.resolve();
    const { done } = await first;
    await done;
    expect(startedFromListener).not.toBeNull();
    const second = (await startedFromListener!) as { done: Promise<R> };
    expect(await second.done).toEqual({ outcome: 'ok', value: 2 });
    await other.done;
    expect(finished.sort()).toEqual([1, 2, 3]);
    expect(runner.runningId('demo')).toBeNull();
  });

  it('a failing setup is the start’s error: nothing is emitted, nothing kept, the key is free', async () => {
    const { runner, progress, finished } = recording();
    await expect(
      runner.start({ key: 'demo', setup: async () => Promise.reject(new AppError('keychain_unavailable', 'Locked.')), run: async () => ({ outcome: 'ok', value: 1 }), failed }),
    ).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(runner.runningId('demo')).toBeNull();
    const again = await runner.start({ key: 'demo', setup: () => 5, run: async (_job, five) => ({ outcome: 'ok', value: five }), failed });
    expect(again.setup).toBe(5);
    expect(await again.done).toEqual({ outcome: 'ok', value: 5 });
    expect(progress).toEqual([]);
    expect(finished).toHaveLength(1);
  });

  it('throttles progress: the first report at once, a burst’s last one after the interval, milestones at once; the latest is always readable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { runner, progress } = recording({ progressIntervalMs: 100, milestone: phaseMilestone });
    const work = controllable();
    const { id, done } = await runner.start({ run: work.run, failed });
    const job = await work.started;
    job.progress({ phase: 'borrowers', done: 0, total: 10 });
    for (let i = 1; i <= 5; i++) job.progress({ phase: 'borrowers', done: i, total: 10 });
    expect(progress.map((e) => e.p.done)).toEqual([0]);
    expect(runner.progress(id)).toEqual({ phase: 'borrowers', done: 5, total: 10 });
    await vi.advanceTimersByTimeAsync(99);
    expect(progress.map((e) => e.p.done)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(progress.map((e) => e.p.done)).toEqual([0, 5]);
    // The end of a phase and a new phase pass at once, and drop what was waiting.
    job.progress({ phase: 'borrowers', done: 6, total: 10 });
    job.progress({ phase: 'borrowers', done: 10, total: 10 });
    job.progress({ phase: 'finishing', done: 0, total: 1 });
    expect(progress.map((e) => `${e.p.phase}:${e.p.done}`)).toEqual(['borrowers:0', 'borrowers:5', 'borrowers:10', 'finishing:0']);
    job.progress({ phase: 'finishing', done: 0, total: 1 }, { force: true });
    expect(progress).toHaveLength(5);
    // A report still waiting when the job ends is not sent after its end.
    vi.advanceTimersByTime(150);
    job.progress({ phase: 'finishing', done: 0, total: 2 });
    job.progress({ phase: 'finishing', done: 1, total: 3 });
    work.release(1);
    await done;
    const count = progress.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(progress).toHaveLength(count);
    job.progress({ phase: 'late', done: 0, total: 0 });
    expect(progress).toHaveLength(count);
  });

  it('close cancels every running job, waits until each has finished, and refuses new ones', async () => {
    const { runner, finished } = recording();
    const a = controllable();
    const b = controllable();
    const ja = await runner.start({ key: 'a', run: a.run, failed });
    const jb = await runner.start({ key: 'b', run: b.run, failed });
    await Promise.all([a.started, b.started]);
    let closed = false;
    const closing = runner.close().then(() => (closed = true));
    await closing;
    expect(closed).toBe(true);
    expect(runner.result(ja.id)).toEqual({ outcome: 'cancelled', value: 0 });
    expect(runner.result(jb.id)).toEqual({ outcome: 'cancelled', value: 0 });
    expect(finished).toHaveLength(2);
    await expect(runner.start({ run: async () => ({ outcome: 'ok', value: 1 }), failed })).rejects.toMatchObject({
      code: 'cancelled',
      details: { reason: 'closing' },
    });
    await runner.close();
  });

  it('close waits for a job still in setup, whether its setup then fails or succeeds', async () => {
    const { runner, finished } = recording();
    const failing = deferred();
    const passing = deferred();
    const a = runner.start({ key: 'a', setup: () => failing.promise.then(() => Promise.reject(new AppError('offline', 'Unreachable.'))), run: async () => ({ outcome: 'ok', value: 1 }), failed });
    const b = runner.start({ key: 'b', setup: () => passing.promise, run: async (job) => (job.signal.aborted ? Promise.reject(new AppError('cancelled', 'Cancelled.')) : { outcome: 'ok', value: 2 }), failed });
    const closing = runner.close();
    failing.resolve();
    passing.resolve();
    await expect(a).rejects.toMatchObject({ code: 'offline' });
    await closing;
    expect(await (await b).done).toEqual({ outcome: 'cancelled', value: 0 });
    expect(finished).toHaveLength(1);
  });

  it('keeps the newest finished jobs addressable, as many as it is told', async () => {
    const { runner } = recording({ keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { id, done } = await runner.start({ run: async () => ({ outcome: 'ok', value: i }), failed });
      await done;
      ids.push(id);
    }
    expect(ids.map((id) => runner.result(id)?.value ?? null)).toEqual([null, null, 2, 3]);
  });
});

describe('phaseMilestone', () => {
  it('is the first report, a new phase and a phase’s last step', () => {
    expect(phaseMilestone(null, { phase: 'a', done: 0, total: 5 })).toBe(true);
    expect(phaseMilestone({ phase: 'a' }, { phase: 'a', done: 1, total: 5 })).toBe(false);
    expect(phaseMilestone({ phase: 'a' }, { phase: 'a', done: 5, total: 5 })).toBe(true);
    expect(phaseMilestone({ phase: 'a' }, { phase: 'b', done: 0, total: 0 })).toBe(true);
    expect(phaseMilestone({ phase: 'b' }, { phase: 'b', done: 0, total: 0 })).toBe(false);
  });
});
