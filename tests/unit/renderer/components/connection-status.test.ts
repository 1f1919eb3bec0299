// @vitest-environment happy-dom
/**
 * The connection strip and the connection test say what is true, in the analyst's language: refused credentials
 * are not "reachable", a failed attempt is not "last synced", a /self warning is worded, never a raw key.
 */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import ConnectionStrip from '../../../../renderer/src/components/ConnectionStrip.vue';
import ConnectionTest from '../../../../renderer/src/components/ConnectionTest.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { useConnectionsStore } from '../../../../renderer/src/stores/connections';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { AppError, type dto } from '../../../../shared/contract';
import { useCallStatus } from '../../../../renderer/src/stores/status';
import { SCOPES } from '../../../../shared/symetrisk/defaults';
import { fakeApi, SETTINGS } from '../fake-api';

const PROFILE: dto.Profile = {
  id: 'demo',
  name: 'Demo',
  environment: 'demo',
  tokenUrl: 'http://127.0.0.1:1/oauth2/token',
  apiBaseUrl: 'http://127.0.0.1:1/api/v1',
  clientId: 'x',
  scopes: [SCOPES.read, SCOPES.write],
  hasSecret: true,
  createdAt: '2026-01-01T08:00:00Z',
  lastSyncAt: '2026-01-02T08:00:00Z',
  lastSyncOutcome: 'ok',
  lastAttemptAt: '2026-01-03T08:00:00Z',
  lastAttemptOutcome: 'failed',
  bankName: 'Demo Sparebank',
  bankOrgNr: '987654325',
  bankCheckedAt: '2026-01-02T08:00:00Z',
};

async function setup(reachability: Partial<dto.Reachability>, test?: dto.ConnectionTestResult) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = fakeApi({
    settings: { get: async () => SETTINGS },
    connections: {
      list: async () => [PROFILE],
      reachability: async ({ profileId }) => ({ profileId, reachable: false, state: 'refused', reason: null, checkedAt: '2026-01-03T09:00:00Z', message: 'x', ...reachability }),
      ...(test ? { test: async () => test } : {}),
    },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  await useConnectionsStore().load();
  return pinia;
}

describe('ConnectionStrip', () => {
  for (const lang of ['nb', 'en'] as const) {
    it(`refused credentials are not "reachable", and a failed attempt is shown beside the last sync (${lang})`, async () => {
      const pinia = await setup({ state: 'refused', reason: 'token_client_refused' });
      const wrapper = mount(ConnectionStrip, { global: { plugins: [pinia, createAppI18n(lang)] } });
      await flushPromises();
      expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('refused');
      expect(wrapper.get('[data-testid="strip-reachability"]').text()).toBe(lang === 'nb' ? 'Symetrisk avviste tilkoblingen – sjekk klient-id og hemmelighet; viser lagrede data' : 'Symetrisk refused the connection – check the client id and secret; showing stored data');
      expect(wrapper.get('[data-testid="strip-reachability"]').attributes('title')).toBe(lang === 'nb' ? 'Innloggingstjenesten godtok ikke klient-id og hemmelighet.' : 'The login service did not accept the client id and secret.');
      expect(wrapper.get('[data-testid="strip-last-sync"]').text()).toMatch(lang === 'nb' ? /^02\.01\.2026 \d\d:\d\d$/ : /^02\/01\/2026 \d\d:\d\d$/);
      expect(wrapper.get('[data-testid="strip-last-attempt"]').text()).toMatch(lang === 'nb' ? /^Siste forsøk 03\.01\.2026 \d\d:\d\d: feilet$/ : /^Last attempt 03\/01\/2026 \d\d:\d\d: failed$/);
      wrapper.unmount();
    });
  }

  it('available only when the main side says so', async () => {
    const pinia = await setup({ state: 'available', reachable: true });
    const wrapper = mount(ConnectionStrip, { global: { plugins: [pinia, createAppI18n('nb')] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('online');
    expect(wrapper.get('[data-testid="strip-reachability"]').text()).toBe('Symetrisk er tilgjengelig');
    wrapper.unmount();
  });
});

describe('ConnectionStrip before a connection is chosen, and when a call finds Symetrisk gone', () => {
  const FIRST_START: dto.Profile = { ...PROFILE, lastSyncAt: null, lastSyncOutcome: null, lastAttemptAt: null, lastAttemptOutcome: null, bankName: null };

  it('shows no connection status on first start (the Demo is active but not chosen), and checks once it is chosen', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const fake = fakeApi({
      settings: { get: async () => SETTINGS, update: async (patch) => ({ ...SETTINGS, ...patch }) },
      connections: {
        list: async () => [FIRST_START],
        reachability: async ({ profileId }) => ({ profileId, reachable: true, state: 'available', reason: null, checkedAt: '2026-01-03T09:00:00Z', message: 'x' }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    await useConnectionsStore().load();
    const wrapper = mount(ConnectionStrip, { global: { plugins: [pinia, createAppI18n('nb')] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('none');
    expect(wrapper.get('[data-testid="strip-none"]').text()).toMatch(/^Ingen tilkobling valgt\s*Velg Demo eller en egen tilkobling for å begynne\.$/);
    expect(wrapper.find('[data-testid="strip-reachability"]').exists()).toBe(false);
    expect(fake.calls.some((c) => c.channel === 'connections:reachability')).toBe(false);
    await useConnectionsStore().activate('demo');
    await flushPromises();
    expect(fake.calls.filter((c) => c.channel === 'connections:reachability')).toHaveLength(1);
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('online');
    expect(wrapper.get('[data-testid="strip-connection"]').text()).toBe('Demo');
    wrapper.unmount();
  });

  it('flips to unreachable at once when any call fails as offline, then checks again', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    let answer: dto.Reachability['state'] = 'available';
    let release: () => void = () => {};
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: {
        list: async () => [PROFILE],
        reachability: async ({ profileId }) => {
          // The check after the failed call is slow (a network that is down): the strip does not wait for it.
          if (answer === 'unreachable') await new Promise<void>((r) => (release = r));
          return { profileId, reachable: answer === 'available', state: answer, reason: null, checkedAt: '2026-01-03T09:00:00Z', message: 'x' };
        },
      },
      access: {
        request: async () => {
          throw new AppError('offline', 'Symetrisk could not be reached (POST /relationship, 1 attempt).', { reason: 'unreachable' });
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    await useConnectionsStore().load();
    useConnectionsStore().listen();
    const wrapper = mount(ConnectionStrip, { global: { plugins: [pinia, createAppI18n('nb')] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('online');
    answer = 'unreachable';
    // Any store's failed call: here an access request.
    const { run } = useCallStatus();
    await run(() => fake.api.access.request({ profileId: 'demo', bankContactEmail: 'a@b.no', lines: ['923609016'] }));
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('offline');
    expect(wrapper.get('[data-testid="strip-reachability"]').text()).toBe('Symetrisk er utilgjengelig – viser lagrede data');
    expect(fake.calls.filter((c) => c.channel === 'connections:reachability')).toHaveLength(2);
    release();
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-strip"]').attributes('data-reachability')).toBe('offline');
    useConnectionsStore().stopListening();
    wrapper.unmount();
  });
});

describe('ConnectionTest', () => {
  const withWarnings: dto.ConnectionTestResult = {
    ok: true,
    problem: null,
    reason: null,
    serverMessage: null,
    message: 'Connected to Symetrisk.',
    steps: [
      { step: 'secret', ok: true, warning: false, message: 'A client secret is available.' },
      { step: 'token', ok: true, warning: true, message: 'The token service issued an access token.' },
      { step: 'ping', ok: true, warning: false, message: 'The API answered /ping (pong).' },
      { step: 'self', ok: true, warning: true, message: 'Symetrisk does not answer /self here (404)' },
    ],
    warnings: [
      { reason: 'scope_not_granted', message: 'The token was issued without write.', values: { scopes: SCOPES.write } },
      { reason: 'self_not_found', message: 'Symetrisk does not answer /self here (404).', values: {} },
    ],
    bankName: null,
    bankOrgNr: null,
    scopes: [SCOPES.read],
  };

  it('words warnings and steps in Norwegian, with no English and no raw key', async () => {
    const pinia = await setup({}, withWarnings);
    const wrapper = mount(ConnectionTest, { props: { profileId: 'demo' }, global: { plugins: [pinia, createAppI18n('nb')] } });
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-test"]').attributes('data-state')).toBe('warning');
    const text = wrapper.text();
    expect(text).toContain('Tilkoblingen virker');
    expect(wrapper.get('[data-testid="connection-test-warnings"]').text()).toContain('Tilgangsnøkkelen ble utstedt uten tilgangen skrive.');
    expect(text).toContain('Symetrisk oppgir ikke bankens navn for denne API-klienten (svar 404).');
    expect(text).toContain('Bank: i orden, med merknad');
    expect(text).not.toMatch(/self_not_found|scope_not_granted|Connected|token service|https:\/\//);
  });

  it('a failure by its reason and the server\'s own words (en)', async () => {
    const failed: dto.ConnectionTestResult = {
      ...withWarnings,
      ok: false,
      problem: 'unexpected',
      reason: 'api_base_url_not_found',
      serverMessage: 'Not Found',
      message: 'Symetrisk answered GET /ping with HTTP 404: Not Found. Check the API base URL: it should end in /api/v1.',
      steps: [withWarnings.steps[0]!, withWarnings.steps[1]!, { step: 'ping', ok: false, warning: false, message: 'x' }],
      warnings: [],
    };
    const pinia = await setup({}, failed);
    const wrapper = mount(ConnectionTest, { props: { profileId: 'demo' }, global: { plugins: [pinia, createAppI18n('en')] } });
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-test-failure"]').text()).toBe(
      'Symetrisk answered something unexpected. There is no Symetrisk API at this address (answer 404). The API address should end in /api/v1. Symetrisk said: “Not Found”',
    );
    expect(wrapper.text()).toContain('Contact: failed');
  });
});
