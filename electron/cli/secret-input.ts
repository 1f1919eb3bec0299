/**
 * How the CLI gets a client secret: a hidden prompt on a terminal, or all of stdin with --secret-stdin (for
 * scripts: `pass show bank | npm run cli -- profiles add ... --secret-stdin`). Never from an argument, where it
 * would land in shell history and in every process listing.
 */
import { AppError } from '../../shared/contract';
import { visibleControls } from '../../shared/safe-text';
import type { CliIO } from './io';

export const SECRET_FLAG_REFUSED =
  'A client secret is never taken from the command line (it would stay in your shell history and show in the process list). ' +
  'Type it at the hidden prompt, or pipe it in with --secret-stdin. If this ran through `npm run`, npm has already written ' +
  'the argument to its debug log (~/.npm/_logs): delete that log, and replace the secret if it was a real one.';

/** Refuses --secret / --secret=... / --client-secret anywhere in the arguments, before anything else runs. */
export function refuseSecretArgument(argv: readonly string[]): void {
  for (const a of argv) {
    if (a === '--') return;
    if (/^--(client-)?secret(=|$)/.test(a)) throw new AppError('invalid_input', SECRET_FLAG_REFUSED);
  }
}

/** Reads stdin to its end; one trailing newline (from echo or a here-string) is not part of the secret. */
export async function readSecretFromStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (secret === '') throw new AppError('invalid_input', 'No secret arrived on stdin.');
  return secret;
}

/** A prompt that echoes nothing; Ctrl-C or Ctrl-D aborts. */
export function promptHidden(io: CliIO, prompt: string): Promise<string> {
  const stdin = io.stdin;
  if (!stdin.isTTY || !stdin.setRawMode) {
    return Promise.reject(new AppError('invalid_input', 'No terminal to prompt on: pipe the secret in with --secret-stdin.'));
  }
  io.stderr.write(visibleControls(prompt));
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error: AppError | null) => {
      stdin.setRawMode!(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(value === '' ? new AppError('invalid_input', 'No secret was entered.') : null);
        if (ch === '\u0003' || ch === '\u0004') return finish(new AppError('cancelled', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode!(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** --secret-stdin wins; otherwise a terminal prompt; otherwise a clear refusal. */
export function readSecret(io: CliIO, fromStdin: boolean, label: string): Promise<string> {
  return fromStdin ? readSecretFromStdin(io) : promptHidden(io, `Client secret for ${label} (not shown): `);
}
