import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useConnectionsStore } from './connections';
import { cacheChanged } from './invalidation';
import { useJob } from './job';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';
import { runErrorText } from '../lib/errors';
import { uiLanguage } from '../i18n';

/**
 * Sync of the active profile: start, cancel, live progress (followed through useJob), the last run and past runs.
 * A finished sync tells the stores that show cached data to reload (invalidation.ts).
 */
export const useSyncStore = defineStore('sync', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const lastRun = shallowRef<dto.SyncRun | null>(null);
  const runs = shallowRef<dto.SyncRun[]>([]);
  // A profile syncs one run at a time, so the profile is the job's key.
  const job = useJob<string, dto.SyncProgress, dto.SyncRun>(
    {
      onProgress: (l) => useApi().sync.onProgress(l),
      onFinished: (l) => useApi().sync.onFinished(l),
      progressKey: (p) => p.profileId,
      resultKey: (r) => r.profileId,
      fetchResult: async (profileId) => {
        const s = await useApi().sync.status({ profileId });
        return s.running ? null : s.lastRun;
      },
      errorOf: (r) => (r.outcome === 'failed' ? runErrorText(r.errors[0] ?? { code: 'internal' }, uiLanguage()) : null),
    },
    { run, language: uiLanguage },
  );
  job.whenFinished((r) => {
    if (r.profileId === settings.activeProfileId) {
      lastRun.value = r;
      runs.value = [r, ...runs.value.filter((x) => x.id !== r.id)];
    }
    void cacheChanged(r.profileId);
    // A sync is fresh news of whether Symetrisk answers, which the connection strip shows: at once when it did not
    // answer at all, else after a check.
    const connections = useConnectionsStore();
    if (r.outcome === 'failed' && r.errors.some((e) => e.code === 'offline')) connections.noticeOffline(r.profileId);
    else void connections.checkReachability(r.profileId);
  });

  const following = computed(() => job.key.value !== null && job.key.value === settings.activeProfileId);
  const running = computed(() => following.value && job.running.value);
  const progress = computed(() => (following.value ? job.progress.value : null));

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
      lastRun.value = null;
      runs.value = [];
    },
  );

  function profileId(): string {
    const id = settings.activeProfileId;
    if (!id) throw new Error('No connection is chosen.');
    return id;
  }

  /**
   * The active profile's sync state: follows a sync that runs; settles one followed whose end no event brought
   * (the event stream was away), which then counts as finished like any other.
   */
  async function load(): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return;
    const s = await run(() => useApi().sync.status({ profileId: id }));
    if (!s || settings.activeProfileId !== id) return;
    lastRun.value = s.lastRun;
    if (s.running) {
      if (!(job.key.value === id && job.running.value)) job.follow(id, s.progress);
    } else if (job.key.value === id && job.status.value === 'running') {
      await job.refresh();
    } else if (job.key.value !== id) {
      job.reset();
    }
  }

  async function loadRuns(limit = 20): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return;
    const r = await run(() => useApi().sync.runs({ profileId: id, limit }));
    if (r && id === settings.activeProfileId) runs.value = r;
  }

  function start(): Promise<boolean> {
    const id = profileId();
    return job.start(async () => {
      const r = await useApi().sync.start({ profileId: id });
      return {
        key: id,
        progress: { profileId: id, runId: r.runId, phase: 'starting', done: 0, total: 0, currentOrgNr: null, currentName: null, requests: 0, retries: 0, errors: 0 },
      };
    });
  }

  async function cancel(): Promise<void> {
    await run(() => useApi().sync.cancel({ profileId: profileId() }));
  }

  /**
   * Starts a fresh, empty cache for a profile (after its cache file was refused as damaged or foreign); the old
   * file is kept beside it, renamed. Returns that name (null when there was no file), or undefined on failure.
   * The stores that show cached data reload, as after a run.
   */
  async function resetCache(profileId: string): Promise<{ keptAs: string | null } | undefined> {
    const r = await run(() => useApi().sync.resetCache({ profileId }));
    if (r) {
      if (profileId === settings.activeProfileId) {
        lastRun.value = null;
        runs.value = [];
      }
      await cacheChanged(profileId);
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
    load,
    loadRuns,
    start,
    cancel,
    resetCache,
  };
});
