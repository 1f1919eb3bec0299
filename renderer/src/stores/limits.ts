import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Thresholds } from '../../../shared/analysis';
import { NEAR_LIMIT_KEY, flattenThresholds, toNearLimitShare, toThresholds } from '../../../shared/analysis/limits';
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
  /** The near-limit band (a share of |limit|: 0.1 is 10 %), stored with the thresholds; 10 % until loaded. */
  const nearLimitShare = computed(() => toNearLimitShare(stored.value));

  async function load(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const t = await run(() => useApi().limits.thresholds({ profileId }));
    if (t) stored.value = t;
  }

  /** Saves every rule's limit and switch (and the near-limit band, when given); true when the main side kept them. */
  async function save(next: Thresholds, nearLimit?: number): Promise<boolean> {
    const profileId = settings.activeProfileId;
    if (!profileId) return false;
    const flat = { ...flattenThresholds(next), ...(nearLimit === undefined ? {} : { [NEAR_LIMIT_KEY]: nearLimit }) };
    const t = await run(() => useApi().limits.setThresholds({ profileId, thresholds: flat }));
    if (t) stored.value = t;
    return t !== undefined;
  }

  return { status, error, stored, thresholds, nearLimitShare, load, save };
});
