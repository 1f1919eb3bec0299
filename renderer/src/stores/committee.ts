import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { transportKind, useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/**
 * A borrower's committee summary for the print view: page 1 of its document in the pack, built by the main side
 * from the cache (shared/committee), and its printing: the desktop saves a PDF through Electron (export:printPdf),
 * the browser host prints the page with the browser's own dialog.
 */
export const useCommitteeStore = defineStore('committee', () => {
  const { status, error, run } = useCallStatus();
  const printCall = useCallStatus();
  const settings = useSettingsStore();
  const orgNr = ref<string | null>(null);
  const summary = shallowRef<dto.CommitteeSummary | null>(null);
  /** What the last print did: saved (the path), the dialog closed, or the browser's print dialog opened. */
  const printed = ref<dto.PrintPdfResult | null>(null);

  async function load(nr: string): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (orgNr.value !== nr) summary.value = null;
    orgNr.value = nr;
    const input: Parameters<ReturnType<typeof useApi>['export']['summary']>[0] = { profileId, orgNr: nr };
    if (settings.settings) input.language = settings.settings.language;
    const value = await run(() => useApi().export.summary(input));
    if (value && orgNr.value === nr) summary.value = value;
  }

  /** Reloads the summary shown, if any (the cache changed). */
  async function reload(): Promise<void> {
    if (orgNr.value) await load(orgNr.value);
  }

  async function print(fileName: string): Promise<void> {
    printed.value = null;
    if (transportKind() !== 'electron') {
      // The browser host: the page's print CSS lays out one A4 page; "save as PDF" is the browser's own choice.
      window.print();
      printed.value = { outcome: 'use_browser_print', path: null, bytes: null };
      return;
    }
    const r = await printCall.run(() => useApi().export.printPdf({ fileName }));
    if (r) {
      if (r.outcome === 'use_browser_print') window.print();
      printed.value = r;
    }
  }

  return { status, error, summary, orgNr, printed, printStatus: printCall.status, printError: printCall.error, load, reload, print };
});
