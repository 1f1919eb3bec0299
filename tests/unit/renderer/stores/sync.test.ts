import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useAccessStore } from '../../../../renderer/src/stores/access';
import { useBorrowerStore } from '../../../../renderer/src/stores/borrower';
import { useFollowedStore } from '../../../../renderer/src/stores/followed';
import { useNotificationsStore } from '../../../../renderer/src/stores/notifications';
import { usePortfolioStore } from '../../../../renderer/src/stores/portfolio';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { useSyncStore } from '../../../../renderer/src/stores/sync';
import { fakeApi, row, SETTINGS, windowOf } from '../fake-api';
import { AppError, type Api, type dto } from '../../../../shared/contract';

const RUN: dto.SyncRun = {
  id: 7, profileId: 'demo', startedAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:01:00Z', outcome: 'partial', requests: 50, retries: 2,
  borrowersSynced: 39, borrowersFailed: 1, newSnapshots: 80, newNotifications: 12, message: null, errors: [{ orgNr: '923609016', code: 'api_error', message: 'boom' }],
};
const PROGRESS: dto.SyncProgress = { profileId: 'demo', runId: 7, phase: 'accounting', done: 10, total: 40, currentOrgNr: null, requests: 12, retries: 0, errors: 0 };
const DETAIL = { relationship: { orgNr: '923609016' }, snapshots: [], notifications: [], row: null, covenants: null } as unknown as dto.BorrowerDetail;

/** Every channel a finished sync makes the cached-data stores read again, answering as an empty cache would. */
function cacheReads(): { [D in keyof Api]?: Partial<Api[D]> } {
  return {
    portfolio: { window: windowOf([row({ orgNr: '923609016', name: 'Bryggen Bakeri AS' })]), borrower: async () => DETAIL },
    followed: { list: async () => [] },
    notifications: { list: async () => ({ items: [], total: 0, unread: 3 }) },
    access: { list: async () => [] },
    connections: { list: async () => [], reachability: async ({ profileId }) => ({ profileId, reachable: true, state: 'available' as const, reason: null, checkedAt: 'now', message: 'ok' }) },
  };
}

const CACHE_CHANNELS = ['portfolio:window', 'followed:list', 'notifications:list', 'access:list', 'portfolio:borrower', 'connections:list'];

describe('sync store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('starts, follows progress of its profile only, records the finished run and stops listening when it ends', async () => {
    let running = true;
    const reads = cacheReads();
    const fake = fakeApi({
      ...reads,
      settings: { get: async () => SETTINGS },
      sync: {
        start: async () => ({ runId: 7 }),
        cancel: async () => ({ cancelled: true }),
        status: async () => ({ running, progress: null, lastRun: running ? null : RUN }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    expect(await sync.start()).toBe(true);
    expect(sync.state).toBe('running');
    expect(sync.progress?.phase).toBe('starting');
    fake.emit('sync:progress', PROGRESS);
    fake.emit('sync:progress', { ...PROGRESS, profileId: 'other', done: 39 });
    expect(sync.progress?.done).toBe(10);
    expect(sync.fraction).toBe(0.25);
    await sync.cancel();
    expect(fake.calls.at(-1)).toEqual({ channel: 'sync:cancel', input: { profileId: 'demo' } });
    fake.emit('sync:finished', { ...RUN, profileId: 'other', id: 3 });
    expect(sync.state).toBe('running');
    running = false;
    fake.emit('sync:finished', RUN);
    expect(sync.running).toBe(false);
    expect(sync.state).toBe('partial');
    expect(sync.lastRun?.errors).toHaveLength(1);
    expect(sync.runs.map((r) => r.id)).toEqual([7]);
    expect(fake.listenerCount('sync:progress')).toBe(0);
    expect(fake.listenerCount('sync:finished')).toBe(0);
  });

  it('tells the stores that show cached data to reload what they have loaded once a sync finishes', async () => {
    const fake = fakeApi({
      ...cacheReads(),
      settings: { get: async () => SETTINGS },
      sync: { start: async () => ({ runId: 7 }), status: async () => ({ running: true, progress: null, lastRun: null }) },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    // What the analyst has open: the list, the followed register, notifications, access requests, one borrower.
    await usePortfolioStore().load();
    await useFollowedStore().load();
    await useNotificationsStore().load();
    await useAccessStore().loadHistory();
    await useBorrowerStore().load('923609016');
    const sync = useSyncStore();
    await sync.start();
    const before = fake.calls.length;
    fake.emit('sync:finished', RUN);
    await vi.waitFor(() => {
      const after = fake.calls.slice(before).map((c) => c.channel);
      for (const channel of [...CACHE_CHANNELS, 'connections:reachability']) expect(after).toContain(channel);
    });
    expect(useNotificationsStore().unread).toBe(3);
    // A sync of another profile leaves this profile's stores alone.
    await sync.start();
    const mark = fake.calls.length;
    fake.emit('sync:finished', { ...RUN, profileId: 'other' });
    expect(sync.state).toBe('running');
    expect(fake.calls.length).toBe(mark);
    fake.emit('sync:finished', { ...RUN, id: 8 });
    await vi.waitFor(() => {
      const after = fake.calls.slice(mark).map((c) => c.channel);
      for (const channel of CACHE_CHANNELS) expect(after).toContain(channel);
    });
  });

  it('a store with nothing loaded is not read on its behalf', async () => {
    const fake = fakeApi({
      ...cacheReads(),
      settings: { get: async () => SETTINGS },
      sync: { start: async () => ({ runId: 7 }), status: async () => ({ running: true, progress: null, lastRun: null }) },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    await sync.start();
    fake.emit('sync:finished', RUN);
    await vi.waitFor(() => expect(fake.calls.map((c) => c.channel)).toContain('connections:list'));
    const channels = fake.calls.map((c) => c.channel);
    for (const c of ['portfolio:window', 'followed:list', 'access:list', 'portfolio:borrower']) expect(channels).not.toContain(c);
    // The unread badge is always the active profile's.
    expect(fake.calls.find((c) => c.channel === 'notifications:list')?.input).toEqual({ profileId: 'demo', limit: 1, unreadOnly: true });
  });

  it('a run that ended while no event reached it counts as finished: when it ended before the start answered, or on load', async () => {
    let status: dto.SyncStatus = { running: true, progress: null, lastRun: null };
    const fake: ReturnType<typeof fakeApi> = fakeApi({
      ...cacheReads(),
      settings: { get: async () => SETTINGS },
      sync: {
        start: async () => {
          // So small a run that its end overtakes the start's answer.
          fake.emit('sync:progress', { ...PROGRESS, phase: 'done', done: 1, total: 1 });
          fake.emit('sync:finished', { ...RUN, outcome: 'ok', errors: [] });
          return { runId: 7 };
        },
        status: async () => status,
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    await sync.start();
    expect(sync.state).toBe('ok');
    expect(fake.calls.filter((c) => c.channel === 'sync:status')).toHaveLength(0);

    // A sync found running (the window opened meanwhile), whose end no event brings: the next load settles it.
    status = { running: true, progress: { ...PROGRESS, done: 20 }, lastRun: null };
    await sync.load();
    expect(sync.state).toBe('running');
    expect(sync.progress?.done).toBe(20);
    status = { running: false, progress: null, lastRun: { ...RUN, id: 9 } };
    const mark = fake.calls.length;
    await sync.load();
    expect(sync.state).toBe('partial');
    expect(sync.lastRun?.id).toBe(9);
    await vi.waitFor(() => expect(fake.calls.slice(mark).map((c) => c.channel)).toContain('connections:reachability'));
  });

  it('shows why a start was refused', async () => {
    const fake = fakeApi({ settings: { get: async () => SETTINGS } });
    setApi(fake.api);
    await useSettingsStore().load();
    const sync = useSyncStore();
    expect(await sync.start()).toBe(false);
    expect(sync.status).toBe('error');
    // Worded by its code (the fake's call is not implemented: internal), never the English message.
    expect(sync.error).toBe('Noe gikk galt i appen. Detaljene står i loggen.');
    expect(sync.state).toBe('idle');
    expect(fake.listenerCount('sync:progress')).toBe(0);
  });

  it('starts a fresh cache for a profile, returns where the old file was kept, and tells the stores to reload', async () => {
    let conflict = false;
    const fake = fakeApi({
      ...cacheReads(),
      settings: { get: async () => SETTINGS },
      sync: {
        resetCache: async () => {
          if (conflict) throw new AppError('conflict', 'A sync of this profile is running; cancel it first.', { reason: 'sync_running', profileId: 'demo' });
          return { keptAs: 'demo.sqlite.set-aside-2026-11-29' };
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    await usePortfolioStore().load();
    const sync = useSyncStore();
    const count = () => fake.calls.filter((c) => c.channel === 'portfolio:window').length;
    const before = count();
    expect(await sync.resetCache('demo')).toEqual({ keptAs: 'demo.sqlite.set-aside-2026-11-29' });
    expect(fake.calls.find((c) => c.channel === 'sync:resetCache')!.input).toEqual({ profileId: 'demo' });
    expect(count()).toBe(before + 1);
    conflict = true;
    expect(await sync.resetCache('demo')).toBeUndefined();
    expect(sync.error).toBe('En synkronisering av denne tilkoblingen pågår allerede.');
    expect(count()).toBe(before + 1);
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
