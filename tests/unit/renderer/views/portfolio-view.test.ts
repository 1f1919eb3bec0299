// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { setApi } from '../../../../renderer/src/api';
import { createAppI18n } from '../../../../renderer/src/i18n';
import PortfolioView from '../../../../renderer/src/views/PortfolioView.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, row, SETTINGS, windowOf } from '../fake-api';

describe('PortfolioView', () => {
  it('filters the grid by quick search and by flags, and counts what is shown', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const rows = [
      row({ orgNr: '923609016', name: 'Bryggen Bakeri AS' }),
      row({ orgNr: '987654325', name: 'Aurora Glass AS', flags: ['stale_data'] }),
    ];
    setApi(fakeApi({ settings: { get: async () => SETTINGS }, portfolio: { window: windowOf(rows) } }).api);
    await useSettingsStore().load();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
    const wrapper = mount(PortfolioView, { global: { plugins: [pinia, router, createAppI18n('en')] } });
    await flushPromises();
    const count = () => wrapper.get('[data-testid="grid-count"]').text();
    const gridRows = () => Number(wrapper.get('[data-testid="portfolio-grid"]').attributes('data-rows'));
    expect(count()).toContain('2 of 2 borrowers');
    await wrapper.get('[data-testid="grid-search"]').setValue('923 609');
    await flushPromises();
    expect(gridRows()).toBe(1);
    await wrapper.get('[data-testid="grid-search"]').setValue('');
    await flushPromises();
    await wrapper.get('[data-testid="flagged-only"]').setValue(true);
    await flushPromises();
    expect(gridRows()).toBe(1);
    expect(count()).toContain('1 of 2 borrowers');
    // Nothing found: the grid is hidden (not an empty frame), and the page says so.
    await wrapper.get('[data-testid="grid-search"]').setValue('qqqzzz');
    await flushPromises();
    expect(gridRows()).toBe(0);
    expect((wrapper.get('.grid-wrap').element as HTMLElement).style.display).toBe('none');
    expect(wrapper.text()).toContain('No borrower matches');
  });
});
