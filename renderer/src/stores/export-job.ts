import type { dto } from '../../../shared/contract';
import { wordError } from '../../../shared/wording';
import { useApi } from '../api';
import { uiLanguage } from '../i18n';
import { useJob, type FollowedJob } from './job';

/**
 * One export followed through its events (the pack, the table, the CSV of signup links): the same job runner on
 * the main side, the same events here. A failed export is worded from its code, never its English message.
 */
export function useExportJob(run: <T>(fn: () => Promise<T>) => Promise<T | undefined>): FollowedJob<string, dto.ExportProgress, dto.ExportResult> {
  return useJob<string, dto.ExportProgress, dto.ExportResult>(
    {
      onProgress: (l) => useApi().export.onProgress(l),
      onFinished: (l) => useApi().export.onFinished(l),
      progressKey: (p) => p.exportId,
      resultKey: (r) => r.exportId,
      fetchResult: (exportId) => useApi().export.result({ exportId }),
      errorOf: (r) => (r.outcome === 'failed' && r.error ? wordError(r.error, uiLanguage()) : null),
    },
    { run, language: uiLanguage },
  );
}
