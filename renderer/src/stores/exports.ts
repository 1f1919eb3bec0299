import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi, useTransport } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/**
 * Exports: the credit-committee pack, or a list view as a plain table; progress (export:progress), the result and
 * where the file went. One export is followed at a time; `kind` says which view started it.
 */
export const useExportsStore = defineStore('exports', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const exportId = ref<string | null>(null);
  const progress = shallowRef<dto.ExportProgress | null>(null);
  const result = shallowRef<dto.ExportResult | null>(null);
  const kind = ref<'pack' | 'table' | null>(null);
  const unsubscribers: (() => void)[] = [];

  const running = computed(() => exportId.value !== null && result.value === null);
  const fraction = computed(() => {
    const p = progress.value;
    return p && p.total > 0 ? Math.min(1, p.done / p.total) : null;
  });
  /** The browser host's link to the file, authorised for this tab; null on the desktop. */
  const downloadHref = computed(() => {
    const url = result.value?.downloadUrl;
    return url ? useTransport().authorizeUrl(url) : null;
  });
  const state = computed<'idle' | 'running' | 'ok' | 'failed' | 'cancelled'>(() =>
    running.value ? 'running' : (result.value?.outcome ?? 'idle'),
  );

  function listen(): void {
    if (unsubscribers.length) return;
    const api = useApi();
    unsubscribers.push(
      api.export.onProgress((p) => {
        if (p.exportId === exportId.value) progress.value = p;
      }),
      api.export.onFinished((r) => {
        if (r.exportId === exportId.value) result.value = r;
      }),
    );
  }
  function stopListening(): void {
    for (const u of unsubscribers.splice(0)) u();
  }

  async function start(orgNrs: string[] | null, fileName?: string): Promise<boolean> {
    const profileId = settings.activeProfileId;
    const s = settings.settings;
    if (!profileId) return false;
    listen();
    result.value = null;
    progress.value = null;
    kind.value = 'pack';
    const input: Parameters<ReturnType<typeof useApi>['export']['pack']>[0] = { profileId };
    if (orgNrs && orgNrs.length) input.orgNrs = orgNrs;
    if (fileName) input.fileName = fileName;
    if (s) {
      input.amountFormat = s.amountFormat;
      input.language = s.language;
    }
    const r = await run(() => useApi().export.pack(input));
    if (!r) return false;
    exportId.value = r.exportId;
    // The result may have been ready before we knew the id (a small pack): ask once.
    const done = await run(() => useApi().export.result({ exportId: r.exportId }));
    if (done && exportId.value === r.exportId) result.value = done;
    return true;
  }

  /** A list as shown (filtered, sorted, its columns) as a plain workbook. */
  async function startTable(input: dto.TableExportInput): Promise<boolean> {
    listen();
    result.value = null;
    progress.value = null;
    kind.value = 'table';
    exportId.value = null;
    const r = await run(() => useApi().export.table(input));
    if (!r) return false;
    exportId.value = r.exportId;
    const done = await run(() => useApi().export.result({ exportId: r.exportId }));
    if (done && exportId.value === r.exportId) result.value = done;
    return true;
  }

  async function cancel(): Promise<void> {
    const id = exportId.value;
    if (id) await run(() => useApi().export.cancel({ exportId: id }));
  }

  async function showInFolder(): Promise<void> {
    const id = result.value?.exportId;
    if (id) await run(() => useApi().export.showInFolder({ exportId: id }));
  }

  return {
    status,
    error,
    exportId,
    kind,
    progress,
    result,
    running,
    fraction,
    downloadHref,
    state,
    listen,
    stopListening,
    start,
    startTable,
    cancel,
    showInFolder,
  };
});
