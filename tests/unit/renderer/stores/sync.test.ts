import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { useSyncStore } from '../../../../renderer/src/stores/sync';
import { fakeApi, SETTINGS } from '../fake-api';
import { AppError, type dto } from '../../../../shared/contract';

const RUN: dto.SyncRun = {
  id: 7, profileId: 'demo', startedAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:01:00Z', outcome: 'partial', requests: 50, retries: 2,
  borrowersSynced: 39, borrowersFailed: 1, newSnapshots: 80, newNotifications: 12, message: null, errors: [{ orgNr: '923609016', code: 'api_error', message: 'boom' }],
};

describe('sync store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('starts, follows progress events of its profile only, and records the finished run', async () => {
    const fake = fakeApi({ settings: { get: async () => SETTINGS }, sync: { start: async () => ({ runId: 7 }), cancel: async () => ({ cancelled: true }) } });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    expect(await sync.start()).toBe(true);
    expect(sync.state).toBe('running');
    const p = { profileId: 'demo', runId: 7, phase: 'accounting' as const, done: 10, total: 40, currentOrgNr: null, requests: 12, retries: 0, errors: 0 };
    fake.emit('sync:progress', p);
    fake.emit('sync:progress', { ...p, profileId: 'other', done: 39 });
    expect(sync.progress?.done).toBe(10);
    expect(sync.fraction).toBe(0.25);
    await sync.cancel();
    expect(fake.calls.at(-1)).toEqual({ channel: 'sync:cancel', input: { profileId: 'demo' } });
    fake.emit('sync:finished', RUN);
    expect(sync.running).toBe(false);
    expect(sync.state).toBe('partial');
    expect(sync.lastRun?.errors).toHaveLength(1);
    expect(sync.finishedCount).toBe(1);
    sync.stopListening();
    expect(fake.listenerCount('sync:progress')).toBe(0);
  });

  it('shows why a start was refused', async () => {
    const fake = fakeApi({ settings: { get: async () => SETTINGS } });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    expect(await sync.start()).toBe(false);
    expect(sync.status).toBe('error');
    expect(sync.error).toMatch(/sync:start/);
  });

  it('starts a fresh cache for a profile, returns where the old file was kept, and tells views to reload', async () => {
    let conflict = false;
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      sync: {
        resetCache: async () => {
          if (conflict) throw new AppError('conflict', 'A sync of this profile is running; cancel it first.');
          return { keptAs: 'demo.sqlite.set-aside-2026-11-29' };
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    const before = sync.finishedCount;
    expect(await sync.resetCache('demo')).toEqual({ keptAs: 'demo.sqlite.set-aside-2026-11-29' });
    expect(fake.calls.find((c) => c.channel === 'sync:resetCache')!.input).toEqual({ profileId: 'demo' });
    expect(sync.finishedCount).toBe(before + 1);
    conflict = true;
    expect(await sync.resetCache('demo')).toBeUndefined();
    expect(sync.error).toMatch(/cancel it first/);
    expect(sync.finishedCount).toBe(before + 1);
  });

  it('shows each connection its own runs: another connection never inherits the last one\'s', async () => {
    let settings = { ...SETTINGS };
    const fake = fakeApi({
      settings: { get: async () => settings, update: async (patch) => (settings = { ...settings, ...patch }) },
      sync: {
        status: async ({ profileId }) => ({ running: false, progress: null, lastRun: profileId === 'demo' ? RUN : null }),
        runs: async ({ profileId }) => (profileId === 'demo' ? [RUN] : []),
      },
    });
    setApi(fake.api);
    const s = useSettingsStore();
    await s.load();
    const sync = useSyncStore();
    await sync.load();
    await sync.loadRuns();
    expect(sync.lastRun?.id).toBe(7);
    expect(sync.state).toBe('partial');
    await s.update({ activeProfileId: 'new-bank' });
    // At once, before any answer: nothing of Demo's is shown under the new connection.
    expect(sync.lastRun).toBeNull();
    expect(sync.runs).toEqual([]);
    await sync.load();
    await sync.loadRuns();
    expect(sync.lastRun).toBeNull();
    expect(sync.state).toBe('idle');
  });
});
