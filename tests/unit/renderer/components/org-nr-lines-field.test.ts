// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import OrgNrLinesField from '../../../../renderer/src/components/OrgNrLinesField.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';

describe('OrgNrLinesField', () => {
  it('validates each pasted line live, with its reason', async () => {
    const wrapper = mount(OrgNrLinesField, {
      props: { modelValue: '', label: 'Org numbers', id: 'x', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [createAppI18n('en')] },
    });
    await wrapper.get('textarea').setValue('923 609 016\n923609017\n12');
    const lines = wrapper.findAll('[data-testid="line-check"]');
    expect(lines.map((l) => l.attributes('data-valid'))).toEqual(['true', 'false', 'false']);
    expect(lines[0]!.text()).toContain('923 609 016');
    expect(lines[1]!.text()).toContain('MOD11');
    expect(lines[2]!.text()).toContain('this has 2');
    expect(wrapper.get('[data-testid="lines-summary"]').text()).toBe('1 valid, 2 with problems');
  });

  it('counts in Norwegian with proper plurals', async () => {
    const wrapper = mount(OrgNrLinesField, {
      props: { modelValue: '', label: 'Organisasjonsnumre', id: 'x', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [createAppI18n('nb')] },
    });
    await wrapper.get('textarea').setValue('923 609 016');
    expect(wrapper.get('[data-testid="lines-summary"]').text()).toBe('1 gyldig, ingen med feil');
    await wrapper.get('textarea').setValue('923 609 016\n974760673\n12');
    expect(wrapper.get('[data-testid="lines-summary"]').text()).toBe('2 gyldige, 1 med feil');
  });
});
