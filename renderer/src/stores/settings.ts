import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import type { AmountUnit } from '../../../shared/analysis';
import { useApi } from '../api';
import { useCallStatus } from './status';

type Settings = dto.Settings;
type SettingsPatch = Partial<Settings>;

/** The analyst's settings (language, number format, active profile, grid columns), read once and patched. */
export const useSettingsStore = defineStore('settings', () => {
  const { status, error, run } = useCallStatus();
  const settings = shallowRef<Settings | null>(null);

  const language = computed<'nb' | 'en'>(() => settings.value?.language ?? 'nb');
  const amountUnit = computed<AmountUnit>(() => (settings.value?.amountFormat === 'nok_thousands' ? 'thousands' : 'nok'));
  const activeProfileId = computed(() => settings.value?.activeProfileId ?? null);
  const staleAfterDays = computed(() => settings.value?.staleAfterDays ?? 45);
  const portfolioColumns = computed(() => settings.value?.portfolioColumns ?? null);

  async function load(): Promise<void> {
    const s = await run(() => useApi().settings.get());
    if (s) settings.value = s;
  }

  /** Applies a patch; the main side answers with every setting, which replaces ours. */
  async function update(patch: SettingsPatch): Promise<boolean> {
    const s = await run(() => useApi().settings.update(patch));
    if (s) settings.value = s;
    return s !== undefined;
  }

  return { status, error, settings, language, amountUnit, activeProfileId, staleAfterDays, portfolioColumns, load, update };
});
