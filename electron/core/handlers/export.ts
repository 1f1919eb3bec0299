import type { Handlers } from '../../../shared/contract';
import type { ExportService } from '../../services/export/export-service';

/**
 * The export:* channels: start a pack, a table or the portfolio grid as shown, cancel, the result, show in folder
 * (desktop only), a borrower's committee summary, print to PDF (desktop).
 */
export function exportHandlers(
  exports: ExportService,
): Pick<Handlers, 'export:pack' | 'export:table' | 'export:portfolioTable' | 'export:cancel' | 'export:result' | 'export:showInFolder' | 'export:summary' | 'export:printPdf'> {
  return {
    'export:pack': (input) => exports.startPack(input),
    'export:table': (input) => exports.startTable(input),
    'export:portfolioTable': (input) => exports.startPortfolioTable(input),
    'export:cancel': async ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
    'export:result': async ({ exportId }) => exports.result(exportId),
    'export:showInFolder': async ({ exportId }) => ({ shown: await exports.showInFolder(exportId) }),
    'export:summary': (input) => exports.summary(input),
    'export:printPdf': ({ fileName }) => exports.printPdf(fileName),
  };
}
