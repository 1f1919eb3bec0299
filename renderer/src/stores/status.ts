import { ref } from 'vue';
import { errorText } from '../lib/errors';

/** What every store exposes about its last call. */
export type Status = 'idle' | 'loading' | 'error';

/**
 * The status/error pair every store exposes, and `run`, which wraps one api call: loading while it runs, the
 * error text when it fails (the result is then undefined; callers that must know rethrow with `rethrow`).
 */
export function useCallStatus() {
  const status = ref<Status>('idle');
  const error = ref<string | null>(null);
  let inFlight = 0;

  async function run<T>(fn: () => Promise<T>, opts: { rethrow?: boolean } = {}): Promise<T | undefined> {
    inFlight++;
    status.value = 'loading';
    error.value = null;
    try {
      const value = await fn();
      return value;
    } catch (e) {
      error.value = errorText(e);
      if (opts.rethrow) throw e;
      return undefined;
    } finally {
      inFlight--;
      if (inFlight === 0) status.value = error.value === null ? 'idle' : 'error';
    }
  }

  function clearError(): void {
    error.value = null;
    if (status.value === 'error') status.value = 'idle';
  }

  return { status, error, run, clearError };
}
