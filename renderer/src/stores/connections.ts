import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { onOfflineCall, useCallStatus } from './status';

type Profile = dto.Profile;

/**
 * Connection profiles, the connection test and whether Symetrisk can be reached now. Secrets go in through
 * create/update and never come back: a profile only says `hasSecret`.
 */
export const useConnectionsStore = defineStore('connections', () => {
  const { status, error, failure, run } = useCallStatus();
  const profiles = shallowRef<Profile[]>([]);
  const testResult = shallowRef<dto.ConnectionTestResult | null>(null);
  const testing = ref(false);
  const reachability = shallowRef<dto.Reachability | null>(null);
  const checkingReachability = ref(false);
  /** The profile list has been read once (before that nothing is known to show). */
  const loaded = ref(false);
  /** The analyst chose a connection in this session (the welcome page's "Use the Demo", say). */
  const chosenNow = ref(false);
  let unsubscribe: (() => void) | null = null;

  const settings = useSettingsStore();
  const active = computed<Profile | null>(() => profiles.value.find((p) => p.id === settings.activeProfileId) ?? null);
  /**
   * Whether the analyst has chosen a connection at all: the Demo is the active profile from the very first start,
   * but it counts as chosen only once picked, once another profile is active, or once any profile has tried a sync.
   * Before that the strip shows no connection status (and checks nothing).
   */
  const chosen = computed(
    () =>
      chosenNow.value ||
      (settings.activeProfileId !== null && active.value !== null && active.value.environment !== 'demo') ||
      profiles.value.some((p) => p.lastAttemptAt !== null || p.lastSyncAt !== null),
  );

  async function load(): Promise<void> {
    const list = await run(() => useApi().connections.list());
    if (list) {
      profiles.value = list;
      loaded.value = true;
    }
  }

  /**
   * A call failed because Symetrisk did not answer: the strip says so at once, and a check follows to learn more
   * (its result replaces this one). Offline is then noticed on the first failed call, not at the next minute's check.
   */
  function noticeOffline(profileId = settings.activeProfileId): void {
    if (!profileId) return;
    reachability.value = { profileId, reachable: false, state: 'unreachable', reason: 'unreachable', checkedAt: new Date().toISOString(), message: '' };
    void checkReachability(profileId);
  }
  let offOffline: (() => void) | null = null;

  /** Keeps the list fresh when the main side changes a profile, and notices a failed call that found Symetrisk gone. */
  function listen(): void {
    unsubscribe ??= useApi().connections.onChanged(() => void load());
    offOffline ??= onOfflineCall(() => noticeOffline());
  }
  function stopListening(): void {
    unsubscribe?.();
    unsubscribe = null;
    offOffline?.();
    offOffline = null;
  }

  async function create(input: dto.ProfileInput): Promise<Profile | undefined> {
    const p = await run(() => useApi().connections.create(input));
    if (p) await load();
    return p;
  }

  async function update(input: Parameters<ReturnType<typeof useApi>['connections']['update']>[0]): Promise<Profile | undefined> {
    const p = await run(() => useApi().connections.update(input));
    if (p) await load();
    return p;
  }

  async function remove(profileId: string, deleteCache: boolean): Promise<boolean> {
    const r = await run(() => useApi().connections.remove({ profileId, deleteCache }));
    if (r) await load();
    return r !== undefined;
  }

  /** Runs the connection test; the result (with its named problem) stays until the next test. */
  async function test(profileId: string): Promise<dto.ConnectionTestResult | undefined> {
    testing.value = true;
    testResult.value = null;
    try {
      const r = await run(() => useApi().connections.test({ profileId }));
      if (r) testResult.value = r;
      if (r && !r.ok && r.problem === 'network') noticeOffline(profileId);
      return r;
    } finally {
      testing.value = false;
    }
  }

  async function checkReachability(profileId = settings.activeProfileId): Promise<void> {
    if (!profileId) return;
    checkingReachability.value = true;
    try {
      // Reachability failing is itself an answer (offline), not an error of the store.
      reachability.value = await useApi().connections.reachability({ profileId });
    } catch (e) {
      reachability.value = {
        profileId,
        reachable: false,
        state: 'unreachable',
        reason: null,
        checkedAt: new Date().toISOString(),
        message: e instanceof Error ? e.message : String(e),
      };
    } finally {
      checkingReachability.value = false;
    }
  }

  /**
   * Makes a profile the active one. Its status is not dropped: the strip shows a status only under the profile it
   * belongs to, and choosing the profile that is already active (the Demo on first start) changes nothing to re-check.
   */
  async function activate(profileId: string): Promise<boolean> {
    const ok = await settings.update({ activeProfileId: profileId });
    // The strip checks when the choice is first made or changes; choosing the one already active keeps its status.
    if (ok) chosenNow.value = true;
    return ok;
  }

  return {
    status,
    error,
    failure,
    profiles,
    active,
    testResult,
    testing,
    reachability,
    checkingReachability,
    loaded,
    chosen,
    noticeOffline,
    load,
    listen,
    stopListening,
    create,
    update,
    remove,
    test,
    checkReachability,
    activate,
  };
});
