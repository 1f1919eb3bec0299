import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import { isAppError } from '../../../shared/contract/errors';
import { errorText } from '../lib/errors';
import { uiLanguage } from '../i18n';

/** What every store exposes about its last call. */
export type Status = 'idle' | 'loading' | 'error';

type OfflineListener = (e: unknown) => void;
const offlineListeners = new Set<OfflineListener>();

/**
 * Whoever must know at once that Symetrisk did not answer a call (the connection strip): every store's failed call
 * with code `offline` is reported here, so going offline is noticed on the first failed call, not at the next check.
 */
export function onOfflineCall(listener: OfflineListener): () => void {
  offlineListeners.add(listener);
  return () => offlineListeners.delete(listener);
}

/** Reports a failed call: tells the listeners above when it is `offline`. */
export function reportFailure(e: unknown): void {
  if (isAppError(e) && e.code === 'offline') for (const l of offlineListeners) l(e);
}

/**
 * The status/error pair every store exposes, and `run`, which wraps one api call: loading while it runs, the
 * error when it fails (the result is then undefined; callers that must know rethrow with `rethrow`). `error` is
 * the failure worded in the analyst's language (and re-worded when the language changes); `failure` is the error
 * itself, for a form that puts the message beside the field it names.
 */
export interface CallStatus {
  status: ShallowRef<Status>;
  error: ComputedRef<string | null>;
  failure: ShallowRef<unknown>;
  run<T>(fn: () => Promise<T>, opts?: { rethrow?: boolean }): Promise<T | undefined>;
  clearError(): void;
}

export function useCallStatus(): CallStatus {
  const status = shallowRef<Status>('idle');
  const failure = shallowRef<unknown>(null);
  // Read when the words are needed, not at setup: the settings store uses this too.
  const error = computed<string | null>(() => (failure.value === null ? null : errorText(failure.value, uiLanguage())));
  let inFlight = 0;

  async function run<T>(fn: () => Promise<T>, opts: { rethrow?: boolean } = {}): Promise<T | undefined> {
    inFlight++;
    status.value = 'loading';
    failure.value = null;
    try {
      const value = await fn();
      return value;
    } catch (e) {
      failure.value = e;
      reportFailure(e);
      if (opts.rethrow) throw e;
      return undefined;
    } finally {
      inFlight--;
      if (inFlight === 0) status.value = failure.value === null ? 'idle' : 'error';
    }
  }

  function clearError(): void {
    failure.value = null;
    if (status.value === 'error') status.value = 'idle';
  }

  return { status, error, failure, run, clearError };
}
