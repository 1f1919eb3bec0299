// @vitest-environment happy-dom
/** The analyst panel's forms: each field checked with the shared rules before anything is sent, worded beside it. */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import AnalystPanel from '../../../../renderer/src/components/AnalystPanel.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { osloDate } from '../../../../shared/workflow';
import { fakeApi, SETTINGS } from '../fake-api';
import { emptyWorkflow } from '../stores/workflow-fixtures';

const A = '923609016';

async function mountPanel() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const today = osloDate(new Date());
  const fake = fakeApi({
    settings: { get: async () => SETTINGS },
    workflow: {
      borrower: async () => ({ ...emptyWorkflow(A), today }),
      setWatch: async () => ({ ...emptyWorkflow(A), today }),
      addNote: async () => ({ ...emptyWorkflow(A), today }),
    },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const wrapper = mount(AnalystPanel, { props: { orgNr: A, borrowerName: 'Aurora Glass AS' }, global: { plugins: [pinia, createAppI18n('nb')] } });
  await flushPromises();
  const sent = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);
  return { wrapper, sent, today };
}

describe('AnalystPanel', () => {
  it('says beside each field what is wrong, in Norwegian, and sends nothing', async () => {
    const { wrapper, sent } = await mountPanel();
    expect(wrapper.text()).toContain('Alt her signeres «Kari Nordmann»');

    await wrapper.get('[data-testid="note-new"]').setValue('   ');
    await wrapper.get('[data-testid="note-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#note-new-problem').text()).toBe('Feltet er tomt.');
    expect(wrapper.get('[data-testid="note-new"]').attributes('aria-invalid')).toBe('true');

    await wrapper.get('[data-testid="watch-reason"]').setValue('Svak\u202Elikviditet');
    await wrapper.get('[data-testid="watch-date"]').setValue('2020-01-01');
    await wrapper.get('[data-testid="watch-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#watch-reason-problem').text()).toBe('Inneholder et tegn som snur tekstretningen (U+202E); fjern det.');
    expect(wrapper.get('#watch-date-problem').text()).toMatch(/^Datoen er passert; tidligst i dag, \d\d\.\d\d\.\d{4}\.$/);

    await wrapper.get('[data-testid="rec-approve_with_conditions"]').setValue(true);
    await wrapper.get('[data-testid="assessment-comment"]').setValue('God drift.');
    await wrapper.get('[data-testid="assessment-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#assessment-conditions-problem').text()).toBe('«Innvilges med vilkår» trenger vilkårene.');

    expect([...sent('workflow:addNote'), ...sent('workflow:setWatch'), ...sent('workflow:saveAssessment')]).toEqual([]);
  });

  it('sends what passes, trimmed, and says it is kept', async () => {
    const { wrapper, sent, today } = await mountPanel();
    await wrapper.get('[data-testid="watch-reason"]').setValue('  Svak likviditet ');
    await wrapper.get('[data-testid="watch-date"]').setValue(today);
    await wrapper.get('[data-testid="watch-form"]').trigger('submit');
    await flushPromises();
    expect(sent('workflow:setWatch')).toEqual([{ profileId: 'demo', orgNr: A, watch: { reason: 'Svak likviditet', reviewDate: today }, replaces: null }]);
    expect(wrapper.get('[data-testid="saved-watch"]').text()).toBe('Lagret.');

    await wrapper.get('[data-testid="note-new"]').setValue('Linje 1\r\nLinje 2');
    await wrapper.get('[data-testid="note-form"]').trigger('submit');
    await flushPromises();
    expect(sent('workflow:addNote')).toEqual([{ profileId: 'demo', orgNr: A, text: 'Linje 1\nLinje 2' }]);
    expect((wrapper.get('[data-testid="note-new"]').element as HTMLTextAreaElement).value).toBe('');
  });
});
