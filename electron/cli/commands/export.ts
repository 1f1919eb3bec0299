import path from 'node:path';
import { AppError } from '../../../shared/contract';
import { OrgNr } from '../../../shared/contract/dto';
import type { CliCommand } from '../command';
import { err, out } from '../io';

/** Exit codes: 0 written, 1 failed or cancelled, 2 usage. */
export const exportPack: CliCommand = {
  name: 'export',
  summary:
    'Write the Excel credit-committee pack for a profile’s portfolio (or the listed borrowers) from its cache. ' +
    'Without --out the file goes to the data folder’s exports/. Ctrl+C cancels and leaves no file.',
  usage: 'export [--profile NAME] [--out FILE.xlsx] [--borrowers ORGNR,...] [--language nb|en] [--whole-kroner]',
  options: {
    profile: { type: 'string' },
    out: { type: 'string' },
    borrowers: { type: 'string' },
    language: { type: 'string' },
    // Amounts are in NOK 1 000 unless whole kroner are asked for; --thousands (the default now) is still taken.
    thousands: { type: 'boolean' },
    'whole-kroner': { type: 'boolean' },
  },
  async run(ctx, { values }) {
    const profileId = ctx.profileId(values['profile'] as string | undefined);
    const language = (values['language'] as string | undefined) ?? undefined;
    if (language !== undefined && language !== 'nb' && language !== 'en') {
      err(ctx.io, 'Error: --language is nb or en.');
      return 2;
    }
    let orgNrs: string[] | undefined;
    const list = values['borrowers'] as string | undefined;
    if (list !== undefined) {
      orgNrs = list.split(/[\s,;]+/).filter(Boolean);
      const bad = orgNrs.filter((o) => !OrgNr.safeParse(o).success);
      if (orgNrs.length === 0 || bad.length > 0) {
        err(ctx.io, `Error: --borrowers takes nine-digit org numbers separated by commas${bad.length ? ` (not: ${bad.slice(0, 5).join(', ')})` : ''}.`);
        return 2;
      }
    }
    const target = values['out'] as string | undefined;
    const exports = ctx.services.exports;
    let lastLine = '';
    const offProgress = ctx.on('export:progress', (p) => {
      if (p.exportId !== id) return;
      const pct = p.total > 0 ? Math.floor((p.done / p.total) * 10) * 10 : 0;
      const line = `${p.phase} ${p.phase === 'borrowers' || p.phase === 'preparing' ? `${pct}%` : ''}`.trim();
      if (line !== lastLine) err(ctx.io, (lastLine = line));
    });
    let id = '';
    const onSigint = () => {
      err(ctx.io, '\nCancelling the export (no file is left behind)...');
      exports.cancel(id);
    };
    process.once('SIGINT', onSigint);
    try {
      ({ exportId: id } = await exports.startPack(
        {
          profileId,
          orgNrs,
          language: language as 'nb' | 'en' | undefined,
          ...(values['whole-kroner'] ? { amountFormat: 'nok' as const } : values['thousands'] ? { amountFormat: 'nok_thousands' as const } : {}),
        },
        target ? { targetPath: path.resolve(target) } : {},
      ));
      const result = await exports.wait(id);
      if (result.outcome === 'ok') {
        out(ctx.io, `Wrote ${result.path} (${result.bytes} bytes).`);
        return 0;
      }
      if (result.outcome === 'cancelled') {
        err(ctx.io, 'Export cancelled; no file was written.');
        return 1;
      }
      throw new AppError((result.error?.code as AppError['code'] | undefined) ?? 'internal', result.error?.message ?? 'The export failed.');
    } finally {
      process.off('SIGINT', onSigint);
      offProgress();
    }
  },
};
