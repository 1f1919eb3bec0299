// @vitest-environment happy-dom
/**
 * The connection form: a disabled button says why, a refused save keeps everything typed (the secret too, in the
 * form's memory) and says what was refused beside the field it names, in the analyst's language; a kept save says so.
 */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import ConnectionForm from '../../../../renderer/src/components/ConnectionForm.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { AppError, type dto } from '../../../../shared/contract';
import { fakeApi, SETTINGS } from '../fake-api';

function profileFrom(i: dto.ProfileInput): dto.Profile {
  if (i.environment === 'team') throw new Error('not a Symetrisk connection');
  const input = i;
  return {
    id: 'bank',
    name: input.name,
    environment: input.environment,
    tokenUrl: input.tokenUrl ?? '',
    apiBaseUrl: input.apiBaseUrl ?? '',
    clientId: input.clientId,
    scopes: input.scopes,
    hasSecret: true,
    createdAt: '2026-01-01T08:00:00Z',
    lastSyncAt: null,
    lastSyncOutcome: null,
    lastAttemptAt: null,
    lastAttemptOutcome: null,
    bankName: null,
    bankOrgNr: null,
    bankCheckedAt: null,
  };
}

async function mountForm(lang: 'nb' | 'en', create: (input: dto.ProfileInput) => Promise<dto.Profile>) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = fakeApi({ settings: { get: async () => SETTINGS }, connections: { create, list: async () => [] } });
  setApi(fake.api);
  await useSettingsStore().load();
  const wrapper = mount(ConnectionForm, { props: { idPrefix: 'add' }, global: { plugins: [pinia, createAppI18n(lang)] } });
  return { wrapper, fake };
}

describe('ConnectionForm', () => {
  it('says why the button is disabled, until everything needed is filled in', async () => {
    const { wrapper } = await mountForm('nb', async (i) => profileFrom(i));
    const save = wrapper.get('[data-testid="connection-save"]');
    expect(save.attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="connection-why-disabled"]').text()).toBe('Kan ikke lagres før dette er fylt inn: navn, klient-id, klienthemmelighet.');
    expect(save.attributes('aria-describedby')).toBe('add-why-disabled');
    await wrapper.get('#add-name').setValue('Sparebanken');
    await wrapper.get('#add-client').setValue('abc');
    expect(wrapper.get('[data-testid="connection-why-disabled"]').text()).toBe('Kan ikke lagres før dette er fylt inn: klienthemmelighet.');
    await wrapper.get('#add-secret').setValue('s3cret');
    expect(wrapper.find('[data-testid="connection-why-disabled"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="connection-save"]').attributes('disabled')).toBeUndefined();
  });

  it('keeps what was typed, the secret too, when a save is refused, and says why beside the field', async () => {
    let attempts = 0;
    const { wrapper, fake } = await mountForm('nb', async (input) => {
      attempts++;
      if (attempts === 1) {
        throw new AppError('invalid_input', 'Invalid input at apiBaseUrl: Invalid URL', {
          channel: 'connections:create',
          issues: [{ path: 'apiBaseUrl', message: 'Invalid URL' }],
        });
      }
      if (attempts === 2) {
        throw new AppError('invalid_input', 'The API base URL must use https. Plain http is allowed only for this computer, not for api.example.no.', {
          field: 'apiBaseUrl',
          reason: 'plain_http_not_loopback',
          host: 'api.example.no',
        });
      }
      return profileFrom(input);
    });
    await wrapper.get('#add-name').setValue('Testbank');
    await wrapper.findAll('input[type="radio"]')[1]!.setValue(true);
    await wrapper.get('#add-client').setValue('client-1');
    await wrapper.get('#add-secret').setValue('s3cret');
    await wrapper.get('#add-token').setValue('https://auth.example.no/oauth2/token');
    // Not an address at all: refused here, nothing is sent.
    await wrapper.get('#add-api').setValue('api.example.no');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="field-problem-apiBaseUrl"]').text()).toBe('«API-adresse» er ikke en gyldig adresse. Den begynner med https://.');
    expect(attempts).toBe(0);
    // One the main side refuses, with its reason (here as the dispatcher does, then as the service does).
    await wrapper.get('#add-api').setValue('http://api.example.no/api/v1');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="field-problem-apiBaseUrl"]').text()).toBe('«API-adresse» er ikke en gyldig adresse. Den begynner med https://.');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="field-problem-apiBaseUrl"]').text()).toBe(
      'Vanlig http er bare tillatt til denne maskinen (localhost, 127.0.0.1 eller ::1), ikke til api.example.no. Bruk https.',
    );
    expect(wrapper.get('#add-api').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).not.toMatch(/Invalid|must use/);
    // Everything typed is still there, the secret included, and the form says so.
    expect((wrapper.get('#add-secret').element as HTMLInputElement).value).toBe('s3cret');
    expect((wrapper.get('#add-name').element as HTMLInputElement).value).toBe('Testbank');
    expect(wrapper.text()).toContain('Hemmeligheten du skrev, står fortsatt i feltet; den er ikke lagret.');
    expect(wrapper.get('[data-testid="connection-save"]').attributes('disabled')).toBeUndefined();

    await wrapper.get('#add-api').setValue('https://api.example.no/api/v1');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(attempts).toBe(3);
    expect(fake.calls.filter((c) => c.channel === 'connections:create').at(-1)!.input).toMatchObject({ apiBaseUrl: 'https://api.example.no/api/v1', secret: 's3cret' });
    // Kept: the secret leaves the form, and the form says it was saved.
    expect((wrapper.get('#add-secret').element as HTMLInputElement).value).toBe('');
    expect(wrapper.get('[data-testid="connection-saved"]').text()).toBe('Lagret.');
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });

  it('words a refusal that names no field under the form, in English too', async () => {
    const { wrapper } = await mountForm('en', async () => {
      throw new AppError('keychain_unavailable', 'The system keychain is not available (no Secret Service).', { operation: 'set', reason: 'Cannot autolaunch D-Bus' });
    });
    await wrapper.get('#add-name').setValue('Bank');
    await wrapper.get('#add-client').setValue('c');
    await wrapper.get('#add-secret').setValue('s');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="connection-form-problem"]').text()).toBe(
      'The connection was not saved. The system keychain could not be used, so the secret could not be read or stored.',
    );
    expect((wrapper.get('#add-secret').element as HTMLInputElement).value).toBe('s');
  });
});
