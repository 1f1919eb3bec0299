import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi, useTransport } from '../api';
import { useExportJob } from './export-job';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/**
 * Exports: the credit-committee pack, or a list view as a plain table; progress (export:progress), the result and
 * where the file went, followed through useJob. One export is followed at a time; `kind` says which view started it.
 */
export const useExportsStore = defineStore('exports', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const kind = ref<'pack' | 'table' | null>(null);
  const job = useExportJob(run);
  const exportId = job.key;
  const progress = job.progress;
  const result = job.result;
  const running = job.running;

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

  /** The pack: amounts in NOK 1 000 (the pack's default), or whole kroner when asked. */
  async function start(orgNrs: string[] | null, fileName?: string, wholeKroner = false): Promise<boolean> {
    const profileId = settings.activeProfileId;
    const s = settings.settings;
    if (!profileId) return false;
    kind.value = 'pack';
    const input: Parameters<ReturnType<typeof useApi>['export']['pack']>[0] = { profileId };
    if (orgNrs && orgNrs.length) input.orgNrs = orgNrs;
    if (fileName) input.fileName = fileName;
    if (wholeKroner) input.amountFormat = 'nok';
    if (s) input.language = s.language;
    return job.start(async () => ({ key: (await useApi().export.pack(input)).exportId }));
  }

  /** A list as shown (filtered, sorted, its columns) as a plain workbook. */
  function startTable(input: dto.TableExportInput): Promise<boolean> {
    kind.value = 'table';
    return job.start(async () => ({ key: (await useApi().export.table(input)).exportId }));
  }

  /** The portfolio grid as shown (its list run in full by the main side, no rows sent) as a plain workbook. */
  function startPortfolioTable(input: dto.PortfolioTableExportInput): Promise<boolean> {
    kind.value = 'table';
    return job.start(async () => ({ key: (await useApi().export.portfolioTable(input)).exportId }));
  }

  async function cancel(): Promise<void> {
    const id = exportId.value;
    if (id && running.value) await run(() => useApi().export.cancel({ exportId: id }));
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
    start,
    startTable,
    startPortfolioTable,
    cancel,
    showInFolder,
  };
});
