import fs from 'node:fs';
import { AppError } from '../../../shared/contract';
import type { CliCommand } from '../command';
import { out } from '../io';

export const follow: CliCommand = {
  name: 'follow',
  summary: 'Follow org numbers (typed or from a file with one per line); each rejected line is named with its reason.',
  usage: 'follow ORGNR... | --file LIST  [--profile NAME]',
  options: { file: { type: 'string' }, profile: { type: 'string' } },
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const file = values['file'] as string | undefined;
    if (file !== undefined && positionals.length > 0) throw new AppError('invalid_input', 'Give org numbers or --file, not both.');
    let lines: string[];
    if (file !== undefined) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new AppError('not_found', `Could not read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`);
      }
      // Blank lines and #comments are not org numbers, and not worth a rejection each.
      lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    } else {
      lines = positionals;
    }
    if (lines.length === 0) throw new AppError('invalid_input', 'No org numbers given: follow ORGNR... or follow --file LIST.');
    const profileId = ctx.profileId(values['profile'] as string | undefined);
    const r = await ctx.call('followed:follow', { profileId, lines, source: file !== undefined ? 'import' : 'typed' });
    out(ctx.io, `${profileId}: ${r.added.length} added, ${r.alreadyFollowed.length} already followed, ${r.rejected.length} rejected.`);
    for (const x of r.rejected) out(ctx.io, `  line ${x.line}: "${x.input}" ${x.reason}: ${x.message}`);
    return r.rejected.length > 0 ? 1 : 0;
  },
};
