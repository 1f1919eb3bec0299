// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { dto } from '../../../../shared/contract';
import { setApi } from '../../../../renderer/src/api';
import { createAppI18n } from '../../../../renderer/src/i18n';
import SettingsView from '../../../../renderer/src/views/SettingsView.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

async function mountSettings(locale: 'nb' | 'en') {
  const pinia = createPinia();
  setActivePinia(pinia);
  let stored: dto.Settings = { ...SETTINGS, language: locale };
  const fake = fakeApi({
    settings: { get: async () => stored, update: async (patch) => (stored = { ...stored, ...patch } as dto.Settings) },
    connections: { list: async () => [] },
    limits: { thresholds: async () => ({}) },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
  const wrapper = mount(SettingsView, { global: { plugins: [pinia, router, createAppI18n(locale)] } });
  await flushPromises();
  const updates = () => fake.calls.filter((c) => c.channel === 'settings:update').map((c) => c.input);
  return { wrapper, updates };
}

describe('SettingsView classification', () => {
  it('shows the default word, saves the bank’s own label trimmed, and goes back to the default when cleared', async () => {
    const { wrapper, updates } = await mountSettings('nb');
    const input = wrapper.get('#classification');
    expect(input.attributes('placeholder')).toBe('Fortrolig');
    expect(wrapper.get('#classification-help').text()).toContain('«Fortrolig»');

    await input.setValue('  Fortrolig – underlagt taushetsplikt ');
    await wrapper.get('[data-testid="classification-form"]').trigger('submit');
    await flushPromises();
    expect(updates()).toEqual([{ classification: 'Fortrolig – underlagt taushetsplikt' }]);

    await input.setValue('');
    await wrapper.get('[data-testid="classification-form"]').trigger('submit');
    await flushPromises();
    expect(updates().at(-1)).toEqual({ classification: null });
  });

  it('words a label that does not fit in the analyst’s language and sends nothing', async () => {
    const nb = await mountSettings('nb');
    await nb.wrapper.get('#classification').setValue('x'.repeat(61));
    await nb.wrapper.get('[data-testid="classification-form"]').trigger('submit');
    await flushPromises();
    expect(nb.wrapper.get('[role="alert"]').text()).toBe('Klassifiseringen har 61 tegn; bunnteksten har plass til høyst 60.');
    expect(nb.wrapper.get('#classification').attributes('aria-invalid')).toBe('true');
    expect(nb.updates()).toEqual([]);

    const en = await mountSettings('en');
    expect(en.wrapper.get('#classification').attributes('placeholder')).toBe('Confidential');
    await en.wrapper.get('#classification').setValue('Confidential\tinternal');
    await en.wrapper.get('[data-testid="classification-form"]').trigger('submit');
    await flushPromises();
    expect(en.wrapper.get('[role="alert"]').text()).toBe('The classification must stay on one line, without tabs or control characters.');
    expect(en.updates()).toEqual([]);
  });
});
