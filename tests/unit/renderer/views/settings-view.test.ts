// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { setApi } from '../../../../renderer/src/api';
import { createAppI18n } from '../../../../renderer/src/i18n';
import SettingsView from '../../../../renderer/src/views/SettingsView.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

describe('SettingsView thresholds', () => {
  it('switches a rule off and on beside its limit, and saves both as the cache keeps them', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    let stored: Record<string, number> = { equity_ratio_min: 0.1, equity_ratio_min_enabled: 1, net_profit_min_enabled: 0 };
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: { list: async () => [] },
      limits: {
        // Stored as the cache keeps them: a rule missing is at its default (on, with its default limit).
        thresholds: async () => stored,
        setThresholds: async ({ thresholds }) => (stored = { ...stored, ...thresholds }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
    const wrapper = mount(SettingsView, { global: { plugins: [pinia, router, createAppI18n('en')] } });
    await flushPromises();

    const rule = (id: string) => wrapper.get(`[data-testid="thr-rule-${id}"]`);
    // What the cache says is shown: equity on with its limit in per cent, net profit off with its limit greyed out.
    expect(rule('equity_ratio_min').attributes('data-enabled')).toBe('true');
    expect((wrapper.get('#thr-equity_ratio_min').element as HTMLInputElement).value).toBe('10');
    expect(rule('net_profit_min').attributes('data-enabled')).toBe('false');
    expect(wrapper.get('#thr-net_profit_min').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="thr-on-equity_ratio_min"]').setValue(false);
    await wrapper.get('[data-testid="thr-on-net_profit_min"]').setValue(true);
    expect(wrapper.get('#thr-equity_ratio_min').attributes('disabled')).toBeDefined();
    await wrapper.get('form.grid-2').trigger('submit');
    await flushPromises();

    const saved = fake.calls.find((c) => c.channel === 'limits:setThresholds')?.input as { thresholds: Record<string, number> };
    expect(saved.thresholds).toMatchObject({ equity_ratio_min: 0.1, equity_ratio_min_enabled: 0, net_profit_min_enabled: 1 });
    // Every rule's switch is sent, so the saved record is complete (beside them the near-limit band).
    const ruleKeys = Object.keys(saved.thresholds).filter((k) => k !== 'near_limit_share');
    expect(ruleKeys.filter((k) => k.endsWith('_enabled')).length).toBe(ruleKeys.length / 2);
    expect(saved.thresholds.near_limit_share).toBe(0.1);
    expect(rule('equity_ratio_min').attributes('data-enabled')).toBe('false');
    // Said once it is kept, and no longer once a field changes again.
    expect(wrapper.get('[data-testid="thresholds-saved"]').text()).toMatch(/^Saved\./);
    await wrapper.get('#thr-nibd_to_ebitda_max').setValue('3,5');
    expect(wrapper.find('[data-testid="thresholds-saved"]').exists()).toBe(false);
    await wrapper.get('form.grid-2').trigger('submit');
    await flushPromises();
    expect(stored).toMatchObject({ nibd_to_ebitda_max: 3.5, equity_ratio_min_enabled: 0 });
  });

  it('reads Norwegian decimals, refuses "abc" beside its field and saves nothing until it is corrected', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    let stored: Record<string, number> = { equity_ratio_min: 0.1, nibd_to_ebitda_max: 4 };
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: { list: async () => [] },
      limits: { thresholds: async () => stored, setThresholds: async ({ thresholds }) => (stored = { ...stored, ...thresholds }) },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
    const wrapper = mount(SettingsView, { global: { plugins: [pinia, router, createAppI18n('nb')] } });
    await flushPromises();
    // Shown the Norwegian way: a decimal comma.
    expect((wrapper.get('#thr-equity_ratio_min').element as HTMLInputElement).value).toBe('10');
    await wrapper.get('#thr-equity_ratio_min').setValue('12,5');
    await wrapper.get('#thr-nibd_to_ebitda_max').setValue('abc');
    await wrapper.get('form[data-testid="thresholds"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="thr-nibd_to_ebitda_max-problem"]').text()).toBe('Ikke et tall. Skriv for eksempel 3,5 eller 1 000.');
    expect(wrapper.get('#thr-nibd_to_ebitda_max').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="thresholds-invalid"]').text()).toBe('Grensene ble ikke lagret: rett feltene som er merket.');
    expect(fake.calls.some((c) => c.channel === 'limits:setThresholds')).toBe(false);
    // What was typed stays as typed: nothing is rewritten or reverted.
    expect((wrapper.get('#thr-nibd_to_ebitda_max').element as HTMLInputElement).value).toBe('abc');
    expect((wrapper.get('#thr-equity_ratio_min').element as HTMLInputElement).value).toBe('12,5');

    await wrapper.get('#thr-nibd_to_ebitda_max').setValue('3,5');
    await wrapper.get('form[data-testid="thresholds"]').trigger('submit');
    await flushPromises();
    expect(stored).toMatchObject({ equity_ratio_min: 0.125, nibd_to_ebitda_max: 3.5 });
    expect(wrapper.find('[data-testid="thr-nibd_to_ebitda_max-problem"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="thresholds-saved"]').text()).toMatch(/^Lagret\./);
    expect((wrapper.get('#thr-nibd_to_ebitda_max').element as HTMLInputElement).value).toBe('3,5');
  });

  it('puts the recovery tools apart from everyday settings, and removal asks first, with the stored data as a choice', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const bank = { ...PROFILE_DEMO, id: 'bank', name: 'Sparebanken', environment: 'production' as const };
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: { list: async () => [PROFILE_DEMO, bank], remove: async () => ({ removed: true as const }) },
      limits: { thresholds: async () => ({}) },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
    const wrapper = mount(SettingsView, { global: { plugins: [pinia, router, createAppI18n('nb')] } });
    await flushPromises();
    const everyday = wrapper.get('[data-testid="settings-connections"]');
    expect(everyday.find('[data-testid="fresh-cache-demo"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="settings-recovery"]').find('[data-testid="fresh-cache-demo"]').text()).toBe('Start ny lokal lagring …');
    expect(wrapper.get('[data-testid="settings-recovery"] h2').text()).toBe('Feilsøking og gjenoppretting');
    // The card's button edits; the form's button saves.
    expect(wrapper.get('[data-testid="edit-bank"]').text()).toBe('Endre');
    // No loose checkbox: "delete the stored data too" is part of the removal's confirmation.
    expect(everyday.findAll('input[type="checkbox"]')).toHaveLength(0);
    await wrapper.get('[data-testid="remove-bank"]').trigger('click');
    const confirm = wrapper.get('[data-testid="remove-confirm"]');
    expect(confirm.text()).toContain('Fjerne «Sparebanken»?');
    await confirm.get('[data-testid="remove-delete-cache"]').setValue(true);
    await confirm.get('[data-testid="remove-confirm-button"]').trigger('click');
    await flushPromises();
    expect(fake.calls.find((c) => c.channel === 'connections:remove')?.input).toEqual({ profileId: 'bank', deleteCache: true });
    expect(wrapper.find('[data-testid="remove-confirm"]').exists()).toBe(false);
  });

  it('keeps the near-limit band in per cent of the requirement, refusing one outside 0–50 without saving', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    let stored: Record<string, number> = { near_limit_share: 0.05 };
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      connections: { list: async () => [] },
      limits: { thresholds: async () => stored, setThresholds: async ({ thresholds }) => (stored = { ...stored, ...thresholds }) },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
    const wrapper = mount(SettingsView, { global: { plugins: [pinia, router, createAppI18n('nb')] } });
    await flushPromises();
    expect((wrapper.get('#near-limit').element as HTMLInputElement).value).toBe('5');
    expect(wrapper.get('[data-testid="near-limit"] label').text()).toBe('Nær grensen: innenfor');
    await wrapper.get('#near-limit').setValue('60');
    await wrapper.get('form.grid-2').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="near-limit-problem"]').text()).toBe('Skriv et tall fra 0 til 50.');
    expect(fake.calls.some((c) => c.channel === 'limits:setThresholds')).toBe(false);
    await wrapper.get('#near-limit').setValue('12,5');
    await wrapper.get('form.grid-2').trigger('submit');
    await flushPromises();
    expect(stored.near_limit_share).toBe(0.125);
    expect(wrapper.find('[data-testid="near-limit-problem"]').exists()).toBe(false);
  });
});

const PROFILE_DEMO = {
  id: 'demo',
  name: 'Demo',
  environment: 'demo' as const,
  tokenUrl: 'http://127.0.0.1:1/oauth2/token',
  apiBaseUrl: 'http://127.0.0.1:1/api/v1',
  clientId: 'demo',
  scopes: [],
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
