// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { dto } from '../../../../shared/contract';
import { setApi } from '../../../../renderer/src/api';
import { createAppI18n } from '../../../../renderer/src/i18n';
import ConnectionForm from '../../../../renderer/src/components/ConnectionForm.vue';
import { fakeApi } from '../fake-api';

const TEAM: dto.Profile = {
  id: 'team',
  name: 'Team',
  environment: 'team',
  tokenUrl: '',
  apiBaseUrl: '',
  clientId: '',
  scopes: [],
  hasSecret: true,
  createdAt: '2026-03-02T09:00:00.000Z',
  lastSyncAt: null,
  lastSyncOutcome: null,
  lastAttemptAt: null,
  lastAttemptOutcome: null,
  bankName: null,
  bankOrgNr: null,
  bankCheckedAt: null,
  databaseUrl: 'postgres://analytiker@db.banken.no/symetrisk?sslmode=verify-full',
};

function setup(profile?: dto.Profile) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = fakeApi({
    connections: {
      list: async () => [TEAM],
      create: async () => TEAM,
      update: async () => TEAM,
    },
  });
  setApi(fake.api);
  const wrapper = mount(ConnectionForm, { props: { idPrefix: 'f', ...(profile ? { profile } : {}) }, global: { plugins: [pinia, createAppI18n('nb')] } });
  return { fake, wrapper };
}

describe('ConnectionForm, team connection', () => {
  it('asks for the database URL and the role’s password instead of a client id, secret and scopes, and sends only those', async () => {
    const { fake, wrapper } = setup();
    await wrapper.get('input[value="team"]').setValue(true);
    expect(wrapper.find('#f-client').exists()).toBe(false);
    expect(wrapper.find('#f-secret').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Tilganger');
    expect(wrapper.text()).toContain('Databaseadresse');
    expect(wrapper.text()).toContain('Passord for databaserollen');
    const submit = wrapper.get('button[type="submit"]');
    expect(submit.attributes('disabled')).toBeDefined();

    await wrapper.get('#f-name').setValue('Team');
    await wrapper.get('#f-database').setValue(' postgres://analytiker@db.banken.no/symetrisk ');
    await wrapper.get('#f-password').setValue('lesepassord');
    expect(submit.attributes('disabled')).toBeUndefined();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.calls.find((c) => c.channel === 'connections:create')?.input).toEqual({
      name: 'Team',
      environment: 'team',
      databaseUrl: 'postgres://analytiker@db.banken.no/symetrisk',
      secret: 'lesepassord',
    });
    // The password leaves the page once sent.
    expect((wrapper.get('#f-password').element as HTMLInputElement).value).toBe('');
  });

  it('edits a team connection: its URL shown, the password kept unless a new one is typed', async () => {
    const { fake, wrapper } = setup(TEAM);
    expect((wrapper.get('#f-database').element as HTMLInputElement).value).toBe(TEAM.databaseUrl);
    expect(wrapper.text()).toContain('Et passord er lagret i nøkkelringen');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.calls.find((c) => c.channel === 'connections:update')?.input).toEqual({ id: 'team', name: 'Team', databaseUrl: TEAM.databaseUrl });
  });
});
