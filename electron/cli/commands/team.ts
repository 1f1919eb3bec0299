/**
 * `team sync`: the one scheduled job that holds the bank's Symetrisk secret and fills the team database, which the
 * desktops' team connections read (docs/team.md). The profile (URLs, client id) is one of this data folder's; the
 * secret comes from this user's keychain, or from a file only its owner can read (--secret-file, e.g. systemd's
 * LoadCredential), never from the command line. The database role's password never comes from the command line
 * either: peer authentication, ~/.pgpass or PGPASSWORD.
 */
import fs from 'node:fs';
import { AppError, isAppError } from '../../../shared/contract';
import type { SyncRun } from '../../../shared/contract/dto';
import type { ResolvedConnection } from '../../services/connections/connection-resolver';
import { SymetriskClient } from '../../services/symetrisk/client';
import { parseTeamDatabaseUrl } from '../../services/team/database-url';
import { teamPool } from '../../services/team/pg';
import { TEAM_SCHEMA_VERSION } from '../../services/team/migrations';
import { runTeamSync } from '../../services/team/team-sync';
import { teamFollow, teamUnfollow } from '../../services/team/team-followed';
import { parseImportFile } from '../../services/followed/import-file';
import type { CliCommand, CommandContext, ParsedValues } from '../command';
import { err, out } from '../io';
import { createProgressView } from '../progress';
import { exitCodeOf } from './sync';

const MAX_SECRET_BYTES = 4096;

/**
 * Reads a client secret from a file that only its owner may read (mode 0600 or 0400, owned by the user running
 * the job); one trailing newline is not part of the secret. A file others can read is refused: the secret would be
 * as good as published on that machine.
 */
export function readSecretFile(file: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new AppError('invalid_input', `The secret file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, {
      reason: 'secret_file_unreadable',
      file,
    });
  }
  if (!st.isFile()) throw new AppError('invalid_input', `The secret file ${file} is not a file.`, { reason: 'secret_file_not_a_file', file });
  // Windows has no owner-only mode bits to check; there the folder's ACL is what protects the file (docs/team.md).
  if (process.platform !== 'win32') {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    if ((st.mode & 0o077) !== 0) {
      throw new AppError(
        'invalid_input',
        `The secret file ${file} can be read by other users (mode ${mode}). Make it readable by its owner only: chmod 600 ${file}`,
        { reason: 'secret_file_too_open', file, mode },
      );
    }
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) {
      throw new AppError('invalid_input', `The secret file ${file} belongs to another user; it must belong to the user that runs the team sync.`, {
        reason: 'secret_file_owner',
        file,
      });
    }
  }
  if (st.size > MAX_SECRET_BYTES) throw new AppError('invalid_input', `The secret file ${file} is too large to hold a client secret.`, { reason: 'secret_file_too_large', file });
  const secret = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (secret === '') throw new AppError('invalid_input', `The secret file ${file} is empty.`, { reason: 'secret_file_empty', file });
  return secret;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30s", "15m", "1h", "1h30m", "1d": milliseconds. At least one second. */
export function parseInterval(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)\s*([smhd])/g)];
  const whole = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || whole.replace(/\s/g, '') !== text.trim().replace(/\s/g, '')) {
    throw new AppError('invalid_input', `--every takes an interval such as 15m, 1h or 1h30m, not "${text.slice(0, 40)}".`, { reason: 'interval_invalid' });
  }
  const ms = parts.reduce((n, p) => n + Number(p[1]) * UNITS[p[2]!]!, 0);
  if (ms < 1000) throw new AppError('invalid_input', '--every must be at least one second.', { reason: 'interval_too_short' });
  return ms;
}

function summary(run: SyncRun): string {
  return (
    `Team sync ${run.outcome} (run ${run.id}): ${run.borrowersSynced} borrowers synced, ${run.borrowersFailed} failed, ` +
    `${run.newSnapshots} new snapshots, ${run.newNotifications} new notifications, ${run.requests} requests, ${run.retries} retries.`
  );
}

export const teamSync: CliCommand = {
  name: 'team sync',
  summary:
    'Sync a profile’s portfolio into the team database (PostgreSQL) that team connections read; the only process that holds the secret. ' +
    'With --every, again at that interval until SIGINT/SIGTERM.',
  usage:
    'team sync --database postgres://ROLE@HOST/DB --profile NAME [--every 15m] [--secret-file FILE] [--concurrency N]\n' +
    '          (the role’s password: peer authentication, ~/.pgpass or PGPASSWORD; the secret: this user’s keychain or FILE, mode 0600)',
  options: {
    database: { type: 'string' },
    profile: { type: 'string' },
    every: { type: 'string' },
    'secret-file': { type: 'string' },
    concurrency: { type: 'string' },
  },
  async run(ctx, { values }) {
    const databaseUrl = values['database'] as string | undefined;
    const profileArg = values['profile'] as string | undefined;
    if (!databaseUrl || !profileArg) throw new AppError('invalid_input', 'team sync needs --database and --profile.', { reason: 'team_sync_usage' });
    const target = parseTeamDatabaseUrl(databaseUrl);
    const interval = values['every'] === undefined ? null : parseInterval(values['every'] as string);
    let concurrency: number | undefined;
    if (values['concurrency'] !== undefined) {
      concurrency = Number(values['concurrency']);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
        throw new AppError('invalid_input', '--concurrency is a whole number from 1 to 64.', { reason: 'concurrency_invalid' });
      }
    }
    const profileId = ctx.profileId(profileArg);
    const profile = ctx.services.connections.store.get(profileId)!;
    if (profile.environment === 'team') {
      throw new AppError('invalid_input', `"${profile.name}" is a team connection: it reads the team database. The team sync needs the bank’s Symetrisk profile.`, {
        reason: 'team_sync_team_profile',
      });
    }
    const secretFile = values['secret-file'] as string | undefined;
    if (secretFile !== undefined && profile.environment === 'demo') {
      throw new AppError('invalid_input', 'The Demo profile uses the built-in sandbox and needs no secret file.', { reason: 'secret_file_demo' });
    }
    // Read once, before the first run: a file removed later (systemd's credentials are) does not stop the schedule.
    const conn: ResolvedConnection =
      secretFile !== undefined
        ? { profileId, tokenUrl: profile.tokenUrl, apiBaseUrl: profile.apiBaseUrl, clientId: profile.clientId, clientSecret: readSecretFile(secretFile), scopes: [...profile.scopes] }
        : await ctx.services.resolver.resolve(profileId);
    const client = new SymetriskClient(conn, { fetch: ctx.app.fetch, clock: ctx.app.clock });
    const pool = teamPool(target, { applicationName: 'symetrisk-desk team sync', max: 4 });

    const stop = new AbortController();
    let current: AbortController | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.signal.aborted) return;
      err(ctx.io, `\n${signal}: stopping the team sync (the borrower in progress is rolled back)...`);
      stop.abort();
      current?.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    out(ctx.io, `Team sync of "${profile.name}" into ${target.url} (team schema ${TEAM_SCHEMA_VERSION})${interval ? `, every ${values['every'] as string}` : ''}.`);
    let last = 0;
    try {
      for (;;) {
        const started = Date.now();
        current = new AbortController();
        const view = createProgressView(ctx.io);
        try {
          const run = await runTeamSync({
            pool,
            target,
            profileId,
            client,
            clientId: conn.clientId,
            appVersion: ctx.app.appVersion,
            clock: ctx.app.clock,
            log: ctx.app.log,
            signal: current.signal,
            ...(concurrency !== undefined ? { concurrency } : {}),
            // The Demo starts as a bank would: its customer list followed (a real bank follows its own, docs/team.md).
            ...(profile.environment === 'demo' && ctx.services.demo.customerList ? { seedFollowed: () => ctx.services.demo.customerList!() } : {}),
            onProgress: (p) => view.update(p),
          });
          view.end();
          out(ctx.io, summary(run));
          if (run.message) out(ctx.io, run.message);
          for (const e of run.errors.slice(0, 20)) out(ctx.io, `  ${e.orgNr ?? '-'} ${e.code}: ${e.message}`);
          last = exitCodeOf(run.outcome);
        } catch (e) {
          view.end();
          // On a schedule, a database that is down for a while is the next run's business; once, it is the answer.
          if (!interval || !isAppError(e)) throw e;
          err(ctx.io, `Team sync failed: ${e.message}`);
          ctx.app.log.warn('team sync failed', { code: e.code, reason: e.details?.['reason'] });
          last = 1;
        }
        if (!interval) return last;
        if (stop.signal.aborted) return 0;
        const wait = Math.max(0, started + interval - Date.now());
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            stop.signal.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, wait);
          stop.signal.addEventListener('abort', done, { once: true });
        });
        if (stop.signal.aborted) return 0;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await pool.end();
    }
  },
};

/** The org numbers of a team follow/unfollow: typed ones, or the org number column of a file (as the desktop's import reads it). */
async function numbersGiven(command: string, file: string | undefined, positionals: string[]): Promise<{ lines: string[]; source: 'typed' | 'import' }> {
  if (file !== undefined && positionals.length > 0) {
    throw new AppError('invalid_input', `${command} takes org numbers or --file, not both.`, { reason: 'team_follow_usage' });
  }
  if (file === undefined) {
    if (positionals.length === 0) throw new AppError('invalid_input', `No org numbers given: ${command} ORGNR... or ${command} --file LIST.`, { reason: 'team_follow_usage' });
    return { lines: positionals, source: 'typed' };
  }
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (e) {
    throw new AppError('not_found', `Could not read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { reason: 'import_file_unreadable', file });
  }
  return { lines: (await parseImportFile(file, content)).lines, source: 'import' };
}

/** The database target and the bank profile's client id a team follow/unfollow writes for. */
function followTarget(ctx: CommandContext, command: string, values: ParsedValues) {
  const databaseUrl = values['database'] as string | undefined;
  const profileArg = values['profile'] as string | undefined;
  if (!databaseUrl || !profileArg) throw new AppError('invalid_input', `${command} needs --database and --profile.`, { reason: 'team_follow_usage' });
  const target = parseTeamDatabaseUrl(databaseUrl);
  const profile = ctx.services.connections.store.get(ctx.profileId(profileArg))!;
  if (profile.environment === 'team') {
    throw new AppError('invalid_input', `"${profile.name}" is a team connection: it reads the team database. Give the bank’s Symetrisk profile, as for the team sync.`, {
      reason: 'team_sync_team_profile',
    });
  }
  return { target, clientId: profile.clientId };
}

const FOLLOW_OPTIONS = { database: { type: 'string' }, profile: { type: 'string' }, file: { type: 'string' } } as const;

export const teamFollowCommand: CliCommand = {
  name: 'team follow',
  summary:
    'Follow org numbers in the team database (typed, or the org number column of a .xlsx, .csv or .txt file), checked as the desktop checks them; ' +
    'the team sync looks each one up. Each refused line is named with its reason; nothing is stored when the database refuses.',
  usage:
    'team follow --database postgres://ROLE@HOST/DB --profile NAME (ORGNR... | --file LIST.xlsx|.csv|.txt)\n' +
    '          (as the team sync’s role: peer authentication, ~/.pgpass or PGPASSWORD)',
  options: FOLLOW_OPTIONS,
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const { target, clientId } = followTarget(ctx, 'team follow', values);
    const { lines, source } = await numbersGiven('team follow', values['file'] as string | undefined, positionals);
    const pool = teamPool(target, { applicationName: 'symetrisk-desk team follow', max: 1 });
    try {
      const r = await teamFollow({ pool, target, clientId, appVersion: ctx.app.appVersion, clock: ctx.app.clock }, lines, source);
      out(ctx.io, `${target.database}: ${r.added.length} added, ${r.alreadyFollowed.length} already followed, ${r.rejected.length} rejected.`);
      for (const x of r.rejected) out(ctx.io, `  line ${x.line}: "${x.input}" ${x.reason}: ${x.message}`);
      return r.rejected.length > 0 ? 1 : 0;
    } finally {
      await pool.end();
    }
  },
};

export const teamUnfollowCommand: CliCommand = {
  name: 'team unfollow',
  summary: 'Stop following org numbers in the team database (typed, or from a file as for team follow); what the team sync fetched of them is kept.',
  usage: 'team unfollow --database postgres://ROLE@HOST/DB --profile NAME (ORGNR... | --file LIST.xlsx|.csv|.txt)',
  options: FOLLOW_OPTIONS,
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const { target, clientId } = followTarget(ctx, 'team unfollow', values);
    const { lines } = await numbersGiven('team unfollow', values['file'] as string | undefined, positionals);
    const pool = teamPool(target, { applicationName: 'symetrisk-desk team unfollow', max: 1 });
    try {
      const r = await teamUnfollow({ pool, target, clientId, appVersion: ctx.app.appVersion }, lines);
      out(ctx.io, `${target.database}: ${r.removed.length} no longer followed, ${r.notFollowed.length} were not followed, ${r.rejected.length} rejected.`);
      for (const x of r.rejected) out(ctx.io, `  line ${x.line}: "${x.input}" ${x.reason}: ${x.message}`);
      return r.rejected.length > 0 ? 1 : 0;
    } finally {
      await pool.end();
    }
  },
};
