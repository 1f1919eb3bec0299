import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/** Sync of the active profile: start, cancel, live progress from sync:progress, the last run and past runs. */
export const useSyncStore = defineStore('sync', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const running = ref(false);
  const progress = shallowRef<dto.SyncProgress | null>(null);
  const lastRun = shallowRef<dto.SyncRun | null>(null);
  const runs = shallowRef<dto.SyncRun[]>([]);
  /** Bumped whenever a run finishes, so views that show synced data know to reload. */
  const finishedCount = ref(0);
  const unsubscribers: (() => void)[] = [];

  /** 0..1 of the accounting phase (the long one); null while the total is not known yet. */
  const fraction = computed(() => {
    const p = progress.value;
    if (!p || p.total <= 0) return null;
    return Math.min(1, p.done / p.total);
  });

  /** The UI's one word for where sync is: what e2e tests and screen readers wait on. */
  const state = computed<'idle' | 'running' | 'ok' | 'partial' | 'failed' | 'cancelled'>(() => {
    if (running.value) return 'running';
    const o = lastRun.value?.outcome;
    return o && o !== 'running' ? o : 'idle';
  });

  // Each connection shows its own runs: what was loaded for another one is dropped the moment the choice changes.
  watch(
    () => settings.activeProfileId,
    (next, prev) => {
      if (next === prev) return;
      running.value = false;
      progress.value = null;
      lastRun.value = null;
      runs.value = [];
    },
  );

  function profileId(): string {
    const id = settings.activeProfileId;
    if (!id) throw new Error('No connection is chosen.');
    return id;
  }

  function listen(): void {
    if (unsubscribers.length) return;
    const api = useApi();
    unsubscribers.push(
      api.sync.onProgress((p) => {
        if (p.profileId !== settings.activeProfileId) return;
        progress.value = p;
        running.value = p.phase !== 'done';
      }),
      api.sync.onFinished((r) => {
        if (r.profileId !== settings.activeProfileId) return;
        running.value = false;
        lastRun.value = r;
        runs.value = [r, ...runs.value.filter((x) => x.id !== r.id)];
        finishedCount.value++;
      }),
    );
  }
  function stopListening(): void {
    for (const u of unsubscribers.splice(0)) u();
  }

  async function load(): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return;
    const s = await run(() => useApi().sync.status({ profileId: id }));
    // An answer for a connection that is no longer the chosen one is not this page's.
    if (!s || id !== settings.activeProfileId) return;
    const wasRunning = running.value;
    running.value = s.running;
    progress.value = s.progress;
    lastRun.value = s.lastRun;
    // A run that ended while no event reached us (a reconnect) still counts as finished.
    if (wasRunning && !s.running) finishedCount.value++;
  }

  async function loadRuns(limit = 20): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return;
    const r = await run(() => useApi().sync.runs({ profileId: id, limit }));
    if (r && id === settings.activeProfileId) runs.value = r;
  }

  async function start(): Promise<boolean> {
    listen();
    const r = await run(() => useApi().sync.start({ profileId: profileId() }));
    if (!r) return false;
    running.value = true;
    progress.value = { profileId: profileId(), runId: r.runId, phase: 'starting', done: 0, total: 0, currentOrgNr: null, requests: 0, retries: 0, errors: 0 };
    return true;
  }

  async function cancel(): Promise<void> {
    await run(() => useApi().sync.cancel({ profileId: profileId() }));
  }

  /**
   * Starts a fresh, empty cache for a profile (after its cache file was refused as damaged or foreign); the old
   * file is kept beside it, renamed. Returns that name (null when there was no file), or undefined on failure.
   * Views that show cached data reload as after a run.
   */
  async function resetCache(profileId: string): Promise<{ keptAs: string | null } | undefined> {
    const r = await run(() => useApi().sync.resetCache({ profileId }));
    if (r) {
      lastRun.value = null;
      runs.value = [];
      finishedCount.value++;
    }
    return r;
  }

  return {
    status,
    error,
    running,
    progress,
    lastRun,
    runs,
    fraction,
    state,
    finishedCount,
    listen,
    stopListening,
    load,
    loadRuns,
    start,
    cancel,
    resetCache,
  };
});
