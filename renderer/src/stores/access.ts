import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { checkOrgNrLines, splitOrgNrText } from '../../../shared/orgnr-lines';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Access requests: the pasted org numbers checked live (locally, line by line, with the reason), the bank
 * contact's email, the outcome of the last request with its signup links, and the requests made before.
 */
export const useAccessStore = defineStore('access', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const text = ref('');
  const email = ref('');
  const outcome = shallowRef<dto.AccessRequestOutcome | null>(null);
  const history = shallowRef<dto.AccessRequestRow[]>([]);
  /** Whose requests are in `history`. */
  let historyFor: string | null = null;

  const checks = computed(() => checkOrgNrLines(splitOrgNrText(text.value)));
  const validOrgNrs = computed(() => checks.value.filter((c) => c.ok).map((c) => c.orgNr!));
  const invalidCount = computed(() => checks.value.filter((c) => !c.ok).length);
  const emailValid = computed(() => EMAIL.test(email.value.trim()));
  const canSend = computed(() => validOrgNrs.value.length > 0 && emailValid.value && status.value !== 'loading');

  /**
   * Sends every non-empty line (invalid ones too): the main side validates again and answers each with its
   * reason, so the result list matches what was pasted.
   */
  async function request(): Promise<dto.AccessRequestOutcome | undefined> {
    const profileId = settings.activeProfileId;
    if (!profileId || !canSend.value) return undefined;
    const lines = splitOrgNrText(text.value).filter((l) => l !== '');
    const r = await run(() => useApi().access.request({ profileId, bankContactEmail: email.value.trim(), lines }));
    if (r) {
      outcome.value = r;
      await loadHistory();
    }
    return r;
  }

  async function loadHistory(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const list = await run(() => useApi().access.list({ profileId }));
    if (list) {
      history.value = list;
      historyFor = profileId;
    }
  }

  /** The cache changed (see invalidation.ts): the requests again, where loaded. */
  async function reload(): Promise<void> {
    if (historyFor !== null && historyFor === settings.activeProfileId) await loadHistory();
  }

  function reset(): void {
    text.value = '';
    outcome.value = null;
  }

  return { status, error, text, email, outcome, history, checks, validOrgNrs, invalidCount, emailValid, canSend, request, loadHistory, reload, reset };
});
