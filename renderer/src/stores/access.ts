import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi, useTransport } from '../api';
import { checkOrgNrLines, splitOrgNrText } from '../../../shared/orgnr-lines';
import { useExportJob } from './export-job';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Access requests: the pasted org numbers checked live (locally, line by line, with the reason), the bank
 * contact's email, the outcome of the last request with its signup links, every answer kept before (uncertain ones
 * checked on demand), and the signup links exported as a CSV file for a mail merge.
 */
export const useAccessStore = defineStore('access', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const text = ref('');
  const email = ref('');
  const outcome = shallowRef<dto.AccessRequestOutcome | null>(null);
  const history = shallowRef<dto.AccessRequestRow[]>([]);
  const checkOutcome = shallowRef<dto.AccessCheckOutcome | null>(null);
  /** Whose requests are in `history`. */
  let historyFor: string | null = null;

  const checks = computed(() => checkOrgNrLines(splitOrgNrText(text.value)));
  const validOrgNrs = computed(() => checks.value.filter((c) => c.ok).map((c) => c.orgNr!));
  const invalidCount = computed(() => checks.value.filter((c) => !c.ok).length);
  const emailValid = computed(() => EMAIL.test(email.value.trim()));
  const canSend = computed(() => validOrgNrs.value.length > 0 && emailValid.value && status.value !== 'loading');
  const uncertainCount = computed(() => history.value.filter((h) => h.state === 'uncertain').length);
  const linkCount = computed(() => history.value.filter((h) => h.signupLink !== null).length);

  // The CSV of signup links is an export: followed through its events like the pack and the list exports.
  const linksJob = useExportJob(run);
  const linksExport = linksJob.result;
  const linksExporting = linksJob.running;
  /** The browser host's link to the CSV, authorised for this tab; null on the desktop. */
  const linksHref = computed(() => {
    const url = linksJob.result.value?.downloadUrl;
    return url ? useTransport().authorizeUrl(url) : null;
  });

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

  /** Looks the uncertain requests up at Symetrisk (confirmed, or not received), then reads every answer again. */
  async function checkUncertain(): Promise<dto.AccessCheckOutcome | undefined> {
    const profileId = settings.activeProfileId;
    if (!profileId) return undefined;
    const r = await run(() => useApi().access.check({ profileId }));
    if (r) {
      checkOutcome.value = r;
      await loadHistory();
    }
    return r;
  }

  /** Starts the CSV of every signup link; false when it could not start (the error is shown). */
  async function exportLinks(fileName?: string): Promise<boolean> {
    const profileId = settings.activeProfileId;
    if (!profileId) return false;
    return linksJob.start(async () => ({ key: (await useApi().access.exportLinks(fileName ? { profileId, fileName } : { profileId })).exportId }));
  }

  /** The cache changed (see invalidation.ts): the requests again, where loaded. */
  async function reload(): Promise<void> {
    if (historyFor !== null && historyFor === settings.activeProfileId) await loadHistory();
  }

  function reset(): void {
    text.value = '';
    outcome.value = null;
  }

  /** Puts numbers in the form to be sent (again): after a request not received, or for followed numbers Symetrisk does not know. */
  function prefill(orgNrs: readonly string[]): void {
    const have = new Set(checks.value.filter((c) => c.orgNr !== null).map((c) => c.orgNr!));
    const add = orgNrs.filter((o) => !have.has(o));
    if (add.length === 0) return;
    text.value = [...splitOrgNrText(text.value).filter((l) => l !== ''), ...add].join('\n');
  }

  return {
    status,
    error,
    text,
    email,
    outcome,
    history,
    checkOutcome,
    checks,
    validOrgNrs,
    invalidCount,
    emailValid,
    canSend,
    uncertainCount,
    linkCount,
    linksExport,
    linksExporting,
    linksHref,
    linksError: linksJob.error,
    request,
    loadHistory,
    checkUncertain,
    exportLinks,
    reload,
    reset,
    prefill,
  };
});
