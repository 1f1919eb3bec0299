/**
 * The headless CLI: the same services as the app, built through the same container (host 'cli'), and every
 * command calls the same handler table through the same dispatcher, so input is checked against the contract
 * exactly as for the window. `runCli` is in-process and injectable; main.ts only wires it to the real process.
 */
import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import { AppError, isAppError, type Emit } from '../../shared/contract';
import pkg from '../../package.json' with { type: 'json' };
import { createDispatcher } from '../core/dispatch';
import { createAppServices, type AppServices } from '../core/container';
import { sourcePackWorker } from '../services/export/source-pack-worker';
import { sourceWriterWorker } from '../services/sync/source-writer-worker';
import { createAppContext, type AppContext } from '../core/context';
import type { CredentialStore } from '../services/credentials/credential-store';
import { KeytarCredentialStore } from '../services/credentials/keytar-store';
import { defaultDataDir, resolveDataDir } from '../services/data-dir';
import { createFileLogger } from '../services/log';
import type { CliCommand, CommandContext } from './command';
import { COMMANDS } from './commands/index';
import { err, out, processIO, type CliIO } from './io';
import { refuseSecretArgument } from './secret-input';

export interface CliDeps {
  io?: CliIO;
  env?: NodeJS.ProcessEnv;
  credentials?: CredentialStore;
  fetch?: typeof fetch;
  /** Tests build the services themselves (a memory keychain, a seeded sandbox, fake handlers). */
  createServices?: (ctx: AppContext) => Promise<AppServices>;
  commands?: readonly CliCommand[];
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function helpText(commands: readonly CliCommand[]): string {
  const lines = [
    `Symetrisk Desk ${pkg.version}, command line: npm run cli -- COMMAND [OPTIONS]`,
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${c.usage.replace(/\n/g, '\n  ')}`, `      ${c.summary}`]),
    '',
    'Every command takes --data-dir DIR (else $SYMETRISK_DESK_DATA, else the app\'s own folder:',
    `  ${defaultDataDir()}) and --help.`,
    'A secret is never accepted as an argument: use the hidden prompt or --secret-stdin. Never type one after',
    '  `npm run cli --`: npm logs every argument to ~/.npm/_logs before this CLI starts. bin/symetrisk-desk.mjs runs',
    '  the same CLI without npm (or use `npm run --logs-max=0 cli -- ...`; --silent does not stop that log).',
  ];
  return lines.join('\n');
}

/** Pulls --data-dir out wherever it stands, so `cli --data-dir X profiles list` works as well as the other order. */
function takeDataDir(argv: string[]): { rest: string[]; dataDir: string | undefined } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--data-dir') {
      const v = argv[i + 1];
      if (v === undefined) throw new AppError('invalid_input', '--data-dir needs a folder.');
      dataDir = v;
      i++;
    } else if (a.startsWith('--data-dir=')) dataDir = a.slice('--data-dir='.length);
    else rest.push(a);
  }
  return { rest, dataDir };
}

function findCommand(commands: readonly CliCommand[], argv: string[]): { command: CliCommand; rest: string[] } | null {
  let best: { command: CliCommand; rest: string[] } | null = null;
  for (const c of commands) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command: c, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const io = deps.io ?? processIO();
  const env = deps.env ?? process.env;
  const commands = deps.commands ?? COMMANDS;
  let parsed: { rest: string[]; dataDir: string | undefined };
  try {
    refuseSecretArgument(argv);
    parsed = takeDataDir([...argv]);
  } catch (e) {
    err(io, `Error: ${(e as Error).message}`);
    return EXIT.usage;
  }
  const first = parsed.rest[0];
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    out(io, helpText(commands));
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(commands, parsed.rest);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    err(io, group.length > 0 ? `"${first}" needs one of: ${group.map((c) => c.name.split(' ')[1]).join(', ')}.` : `Unknown command "${first}".`);
    err(io, 'Run `npm run cli -- help` for the list of commands.');
    return EXIT.usage;
  }
  const { command } = found;
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs({
      args: found.rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (e) {
    err(io, `Error: ${(e as Error).message}`);
    err(io, `Usage: npm run cli -- ${command.usage}`);
    return EXIT.usage;
  }
  if (args.values['help']) {
    out(io, `Usage: npm run cli -- ${command.usage}\n\n${command.summary}`);
    return EXIT.ok;
  }

  const dataDir = resolveDataDir(parsed.dataDir, env);
  const bus = new EventEmitter();
  bus.setMaxListeners(50);
  const emit: Emit = (event, payload) => void bus.emit(event, payload);
  const log = createFileLogger(dataDir);
  const appCtx = createAppContext({
    dataDir,
    host: 'cli',
    fetch: deps.fetch,
    credentials: deps.credentials ?? new KeytarCredentialStore(),
    emit,
    log,
    startWriterWorker: sourceWriterWorker(),
    startPackWorker: sourcePackWorker(),
  });
  let services: AppServices | null = null;
  try {
    services = await (deps.createServices ?? createAppServices)(appCtx);
    const s = services;
    const dispatch = createDispatcher(s.handlers, { onInternalError: (channel, error) => log.error('cli handler failed', { channel, error }) });
    const ctx: CommandContext = {
      io,
      dataDir,
      services: s,
      app: appCtx,
      async call(channel, input) {
        const r = await dispatch(channel, input, { host: 'cli' });
        if (!r.ok) throw AppError.fromShape(r.error);
        return r.value as never;
      },
      on(event, listener) {
        bus.on(event, listener as (p: unknown) => void);
        return () => void bus.off(event, listener as (p: unknown) => void);
      },
      profileId(idOrName) {
        const wanted = idOrName ?? s.settings.get().activeProfileId ?? 'demo';
        const p = s.connections.find(wanted);
        if (!p) {
          const known = s.connections.store.list().map((x) => x.id).join(', ');
          throw new AppError('not_found', `There is no profile "${wanted}". Known profiles: ${known}.`);
        }
        return p.id;
      },
    };
    log.info('cli command', { command: command.name });
    return await command.run(ctx, { values: args.values, positionals: args.positionals });
  } catch (e) {
    if (isAppError(e)) {
      err(io, `Error: ${e.message}`);
      const issues = e.details?.['issues'];
      if (Array.isArray(issues)) for (const i of issues.slice(0, 5) as { path?: string; message?: string }[]) err(io, `  ${i.path ?? ''}: ${i.message ?? ''}`);
      return e.code === 'invalid_input' ? EXIT.usage : EXIT.failed;
    }
    log.error('cli command failed', { command: command.name, error: e });
    err(io, `Unexpected error: ${e instanceof Error ? e.message : String(e)} (details in ${dataDir}/logs/desk.log)`);
    return EXIT.failed;
  } finally {
    await services?.close();
  }
}
