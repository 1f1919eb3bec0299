import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { errorText } from '../lib/errors';

/** How a kind of background job (sync, export) is seen from the renderer: its two events and how to ask after it. */
export interface JobEvents<K, P, R> {
  onProgress(listener: (p: P) => void): () => void;
  onFinished(listener: (r: R) => void): () => void;
  /** Which job an event belongs to (an export id; a profile, which syncs one at a time). */
  progressKey(p: P): K;
  resultKey(r: R): K;
  /**
   * The job's result if it has finished, null while it runs: for an end no event brought (the event stream was
   * not connected yet, or was lost for a while).
   */
  fetchResult(key: K): Promise<R | null>;
  /** The analyst's text for a finished job that failed; null when it did not. */
  errorOf(r: R): string | null;
}

export type JobStatus = 'idle' | 'starting' | 'running' | 'finished' | 'error';

export interface FollowedJob<K, P, R> {
  key: Ref<K | null>;
  status: Ref<JobStatus>;
  progress: ShallowRef<P | null>;
  result: ShallowRef<R | null>;
  /** Why the start failed, or why the finished job failed; null otherwise. */
  error: Ref<string | null>;
  running: Readonly<Ref<boolean>>;
  /**
   * Starts a job: listens first (so no event is missed), calls `begin`, which starts it on the main side and says
   * which job it is, then follows it. False when `begin` failed (its error is in `error`).
   */
  start(begin: () => Promise<{ key: K; progress?: P | null }>): Promise<boolean>;
  /** Follows a job that is already running (found by a status call), from the progress known so far. */
  follow(key: K, progress?: P | null): void;
  /** Asks whether the followed job has ended meanwhile; settles it if so. */
  refresh(): Promise<void>;
  /** Called once for each followed job that finishes, with its result. Returns the unregister function. */
  whenFinished(listener: (r: R) => void): () => void;
  /** Stops following (the job itself runs on); status and data go back to idle. */
  reset(): void;
}

/**
 * Follows one background job at a time: listens to its progress and finished events, exposes its status,
 * progress, result and error, and stops listening when the job ends, when it is reset, and when the scope that
 * made it (a component's setup or a store) is disposed. `run` wraps the start call (a store's useCallStatus).
 */
export function useJob<K, P, R>(
  events: JobEvents<K, P, R>,
  opts: { run?: <T>(fn: () => Promise<T>) => Promise<T | undefined>; language?: () => 'nb' | 'en' } = {},
): FollowedJob<K, P, R> {
  const key = ref<K | null>(null) as Ref<K | null>;
  const status = ref<JobStatus>('idle');
  const progress = shallowRef<P | null>(null);
  const result = shallowRef<R | null>(null);
  const error = ref<string | null>(null);
  const running = computed(() => status.value === 'starting' || status.value === 'running');
  const finishedListeners = new Set<(r: R) => void>();
  let unsubscribe: (() => void) | null = null;
  /** Events that arrived while the start call was under way, before the job's key was known. */
  let early: { progress: Map<K, P>; results: Map<K, R> } | null = null;
  /** Bumped by every start, follow and reset: an answer for an earlier one is not applied. */
  let generation = 0;

  function listen(): void {
    if (unsubscribe) return;
    const offProgress = events.onProgress((p) => {
      const k = events.progressKey(p);
      if (early) early.progress.set(k, p);
      else if (status.value === 'running' && k === key.value) progress.value = p;
    });
    const offFinished = events.onFinished((r) => {
      const k = events.resultKey(r);
      if (early) early.results.set(k, r);
      else if (status.value === 'running' && k === key.value) settle(r);
    });
    unsubscribe = () => {
      offProgress();
      offFinished();
    };
  }

  function stopListening(): void {
    unsubscribe?.();
    unsubscribe = null;
    early = null;
  }

  function settle(r: R): void {
    stopListening();
    result.value = r;
    error.value = events.errorOf(r);
    status.value = 'finished';
    for (const l of [...finishedListeners]) l(r);
  }

  function follow(k: K, p: P | null = null): void {
    generation++;
    key.value = k;
    progress.value = p;
    result.value = null;
    error.value = null;
    status.value = 'running';
    early = null;
    listen();
  }

  async function refresh(): Promise<void> {
    if (status.value !== 'running' || key.value === null) return;
    const gen = generation;
    const k = key.value;
    let r: R | null;
    try {
      r = await events.fetchResult(k);
    } catch {
      // Not knowing is no news: the job is still followed, and its event or the next refresh settles it.
      return;
    }
    if (r !== null && gen === generation && status.value === 'running') settle(r);
  }

  async function start(begin: () => Promise<{ key: K; progress?: P | null }>): Promise<boolean> {
    const gen = ++generation;
    stopListening();
    key.value = null;
    progress.value = null;
    result.value = null;
    error.value = null;
    status.value = 'starting';
    listen();
    early = { progress: new Map(), results: new Map() };
    let failure: string | null = null;
    const call = async () => {
      try {
        return await begin();
      } catch (e) {
        failure = errorText(e, opts.language?.() ?? 'nb');
        throw e;
      }
    };
    let started: { key: K; progress?: P | null } | undefined;
    try {
      started = await (opts.run ? opts.run(call) : call());
    } catch {
      // Kept in `failure`.
    }
    if (gen !== generation) return started !== undefined;
    if (started === undefined) {
      stopListening();
      status.value = 'error';
      error.value = failure;
      return false;
    }
    const seen = early;
    follow(started.key, seen?.progress.get(started.key) ?? started.progress ?? null);
    const done = seen?.results.get(started.key);
    if (done) settle(done);
    else await refresh();
    return true;
  }

  function reset(): void {
    generation++;
    stopListening();
    key.value = null;
    progress.value = null;
    result.value = null;
    error.value = null;
    status.value = 'idle';
  }

  function whenFinished(listener: (r: R) => void): () => void {
    finishedListeners.add(listener);
    return () => finishedListeners.delete(listener);
  }

  if (getCurrentScope()) onScopeDispose(stopListening);

  return { key, status, progress, result, error, running, start, follow, refresh, whenFinished, reset };
}
