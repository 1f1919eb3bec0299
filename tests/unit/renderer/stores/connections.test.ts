import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useConnectionsStore } from '../../../../renderer/src/stores/connections';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { AppError } from '../../../../shared/contract';
import { fakeApi, SETTINGS } from '../fake-api';

describe('connections store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('reports an unreachable Symetrisk as offline, not as a store error', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: {
        reachability: async () => {
          throw new AppError('offline', 'Symetrisk cannot be reached.');
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const c = useConnectionsStore();
    await c.checkReachability();
    expect(c.reachability).toMatchObject({ profileId: 'demo', reachable: false, state: 'unreachable', message: 'Symetrisk cannot be reached.' });
    expect(c.status).toBe('idle');
  });

  it('choosing the connection that is already active keeps its status (the Demo on first start)', async () => {
    let settings = { ...SETTINGS };
    const fake = fakeApi({
      settings: { get: async () => settings, update: async (patch) => (settings = { ...settings, ...patch }) },
      connections: {
        reachability: async ({ profileId }) => ({ profileId, reachable: true, state: 'available', reason: null, checkedAt: '2026-01-01T10:00:00Z', message: 'ok' }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const c = useConnectionsStore();
    await c.checkReachability();
    expect(await c.activate('demo')).toBe(true);
    expect(c.reachability).toMatchObject({ profileId: 'demo', state: 'available' });
  });

  it('keeps the connection test result with its named problem', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: {
        test: async () => ({
          ok: false,
          problem: 'wrong_secret',
          reason: 'token_client_refused',
          serverMessage: null,
          message: 'invalid_client',
          steps: [],
          warnings: [],
          bankName: null,
          bankOrgNr: null,
          scopes: [],
        }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const c = useConnectionsStore();
    await c.test('bank');
    expect(c.testResult?.problem).toBe('wrong_secret');
    expect(c.testing).toBe(false);
  });
});
