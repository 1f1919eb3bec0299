import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Thresholds } from '../../../shared/analysis';
import { flattenThresholds, toThresholds } from '../../../shared/analysis/limits';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/**
 * The active profile's early-warning thresholds: every rule's limit and whether it is on. The main side applies
 * them (the grid's rows and a borrower's evaluations arrive with them applied); this store is what Settings edits
 * and what the covenant fields show as the portfolio's limit.
 */
export const useLimitsStore = defineStore('limits', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  /** As stored (`<rule>` and `<rule>_enabled`); null until loaded. */
  const stored = shallowRef<Record<string, number> | null>(null);
  /** The same, read as rules (shared/analysis/limits.ts); the defaults until loaded. */
  const thresholds = computed<Thresholds>(() => toThresholds(stored.value));

  async function load(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const t = await run(() => useApi().limits.thresholds({ profileId }));
    if (t) stored.value = t;
  }

  /** Saves every rule's limit and switch; true when the main side kept them. */
  async function save(next: Thresholds): Promise<boolean> {
    const profileId = settings.activeProfileId;
    if (!profileId) return false;
    const t = await run(() => useApi().limits.setThresholds({ profileId, thresholds: flattenThresholds(next) }));
    if (t) stored.value = t;
    return t !== undefined;
  }

  return { status, error, stored, thresholds, load, save };
});
