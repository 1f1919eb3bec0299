// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, effectScope, h } from 'vue';
import { AppError, type dto } from '../../../../shared/contract';
import { useJob, type FollowedJob, type JobEvents } from '../../../../renderer/src/stores/job';
import { fakeApi } from '../fake-api';

type Progress = dto.ExportProgress;
type Result = dto.ExportResult;

const ok = (exportId: string): Result => ({ exportId, outcome: 'ok', path: 'pack.xlsx', downloadUrl: null, bytes: 10, error: null });
const progress = (exportId: string, done: number): Progress => ({ exportId, phase: 'borrowers', done, total: 4 });

/** Export events over the fake api; `results` answers export:result (null: still running). */
function exportEvents(results: Map<string, Result | null> = new Map()) {
  const fake = fakeApi();
  const asked: string[] = [];
  const events: JobEvents<string, Progress, Result> = {
    onProgress: (l) => fake.api.export.onProgress(l),
    onFinished: (l) => fake.api.export.onFinished(l),
    progressKey: (p) => p.exportId,
    resultKey: (r) => r.exportId,
    fetchResult: async (id) => {
      asked.push(id);
      return results.get(id) ?? null;
    },
    errorOf: (r) => r.error?.message ?? null,
  };
  const listening = () => fake.listenerCount('export:progress') + fake.listenerCount('export:finished');
  return { fake, events, asked, listening };
}

function inScope<T>(make: () => T): { value: T; stop: () => void } {
  const scope = effectScope();
  const value = scope.run(make)!;
  return { value, stop: () => scope.stop() };
}

describe('useJob', () => {
  it('follows the job it started: its progress only, its result once, then stops listening', async () => {
    const { fake, events, listening } = exportEvents();
    const { value: job } = inScope(() => useJob(events));
    const finished: Result[] = [];
    job.whenFinished((r) => finished.push(r));
    expect(listening()).toBe(0);
    expect(await job.start(async () => ({ key: 'x1' }))).toBe(true);
    expect(job.status.value).toBe('running');
    expect(job.running.value).toBe(true);
    expect(listening()).toBe(2);
    fake.emit('export:progress', progress('other', 3));
    fake.emit('export:progress', progress('x1', 1));
    expect(job.progress.value?.done).toBe(1);
    fake.emit('export:finished', ok('other'));
    expect(job.result.value).toBeNull();
    fake.emit('export:finished', ok('x1'));
    expect(job.status.value).toBe('finished');
    expect(job.result.value?.exportId).toBe('x1');
    expect(job.error.value).toBeNull();
    expect(listening()).toBe(0);
    fake.emit('export:finished', ok('x1'));
    expect(finished).toHaveLength(1);
  });

  it('keeps what arrived before the start call answered, and asks after an end no event brought', async () => {
    const results = new Map<string, Result | null>();
    const { fake, events, asked } = exportEvents(results);
    const { value: job } = inScope(() => useJob(events));
    // Progress and the end overtake the answer: nothing is asked.
    await job.start(async () => {
      fake.emit('export:progress', progress('x1', 2));
      fake.emit('export:finished', { ...ok('x1'), outcome: 'failed', error: { code: 'file_busy', message: 'The file is open in Excel.' } });
      return { key: 'x1' };
    });
    expect(job.result.value?.outcome).toBe('failed');
    expect(job.error.value).toBe('The file is open in Excel.');
    expect(asked).toEqual([]);
    // Only progress overtook it: the job is asked after once, and runs on from that progress.
    await job.start(async () => {
      fake.emit('export:progress', progress('x2', 3));
      return { key: 'x2' };
    });
    expect(asked).toEqual(['x2']);
    expect(job.status.value).toBe('running');
    expect(job.progress.value?.done).toBe(3);
    // The event stream was away when it ended: refresh settles it.
    results.set('x2', ok('x2'));
    await job.refresh();
    expect(job.status.value).toBe('finished');
  });

  it('says why a start failed, and listens to nothing', async () => {
    const { events, listening } = exportEvents();
    const { value: job } = inScope(() => useJob(events));
    expect(await job.start(async () => Promise.reject(new AppError('not_found', 'There is no connection profile "x".', { reason: 'profile_not_found' })))).toBe(false);
    expect(job.status.value).toBe('error');
    expect(job.error.value).toBe('Denne tilkoblingen finnes ikke lenger.');
    expect(job.running.value).toBe(false);
    expect(listening()).toBe(0);
  });

  it('follows a job found running, and a reset lets go of it', async () => {
    const { fake, events, listening } = exportEvents();
    const { value: job } = inScope(() => useJob(events));
    job.follow('x9', progress('x9', 2));
    expect(job.running.value).toBe(true);
    fake.emit('export:progress', progress('x9', 3));
    expect(job.progress.value?.done).toBe(3);
    job.reset();
    expect(job.status.value).toBe('idle');
    expect(job.progress.value).toBeNull();
    expect(listening()).toBe(0);
  });

  it('stops listening when the component that follows a job is unmounted', async () => {
    const { events, listening } = exportEvents();
    let job!: FollowedJob<string, Progress, Result>;
    const Follower = defineComponent({
      setup() {
        job = useJob(events);
        return () => h('p', job.status.value);
      },
    });
    const wrapper = mount(Follower);
    await job.start(async () => ({ key: 'x1' }));
    expect(listening()).toBe(2);
    wrapper.unmount();
    expect(listening()).toBe(0);
  });

  it('stops listening when the store (any scope) that made it is disposed', async () => {
    const { events, listening } = exportEvents();
    const { value: job, stop } = inScope(() => useJob(events));
    await job.start(async () => ({ key: 'x1' }));
    expect(listening()).toBe(2);
    stop();
    expect(listening()).toBe(0);
  });
});
