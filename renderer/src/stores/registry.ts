import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/**
 * Org-number proposals from Enhetsregisteret for a relationship known only by its company name (registry:proposals).
 * A proposal is never a link: the attach step confirms it with Symetrisk first.
 */
export const useRegistryStore = defineStore('registry', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  /** The name the proposals are for. */
  const name = ref<string | null>(null);
  const searched = shallowRef<string[]>([]);
  const proposals = shallowRef<dto.NameProposal[]>([]);

  async function propose(forName: string): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    name.value = forName;
    proposals.value = [];
    searched.value = [];
    const r = await run(() => useApi().registry.proposals({ profileId, name: forName }));
    // A later search for another name wins.
    if (!r || name.value !== forName) return;
    proposals.value = r.proposals;
    searched.value = r.searched;
  }

  return { status, error, name, searched, proposals, propose };
});
