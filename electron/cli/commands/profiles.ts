import { AppError } from '../../../shared/contract';
import type { Profile } from '../../../shared/contract/dto';
import { ALL_SCOPES, SCOPES } from '../../../shared/symetrisk/defaults';
import type { CliCommand, CommandContext } from '../command';
import { out } from '../io';
import { promptHidden, readSecret, readSecretFromStdin } from '../secret-input';

function scopeOf(s: string): string {
  if (s === 'read') return SCOPES.read;
  if (s === 'write') return SCOPES.write;
  return s;
}

function printProfiles(ctx: CommandContext, profiles: Profile[]): void {
  const rows = profiles.map((p) => [
    p.id,
    p.name,
    p.environment,
    p.hasSecret ? 'yes' : 'no',
    p.lastSyncAt ? `${p.lastSyncAt.slice(0, 16).replace('T', ' ')} ${p.lastSyncOutcome ?? ''}` : 'never',
    p.bankName ?? '',
  ]);
  const head = ['ID', 'NAME', 'ENVIRONMENT', 'SECRET', 'LAST SYNC', 'BANK'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) out(ctx.io, r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

async function printTest(ctx: CommandContext, profileId: string): Promise<number> {
  const r = await ctx.call('connections:test', { profileId });
  for (const s of r.steps) out(ctx.io, `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(6)} ${s.message}`);
  out(ctx.io, r.ok ? `Connection ok: ${r.message}` : `Connection failed (${r.problem}): ${r.message}`);
  return r.ok ? 0 : 1;
}

export const profilesList: CliCommand = {
  name: 'profiles list',
  summary: 'List the connection profiles (the Demo profile always exists).',
  usage: 'profiles list [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const profiles = await ctx.call('connections:list', undefined);
    if (values['json']) out(ctx.io, JSON.stringify(profiles, null, 2));
    else printProfiles(ctx, profiles);
    return 0;
  },
};

export const profilesAdd: CliCommand = {
  name: 'profiles add',
  summary:
    'Add a profile; the secret (a team connection: its database role’s password) is read from a hidden prompt or --secret-stdin and stored in the keychain.',
  usage:
    'profiles add --name NAME --client-id ID [--environment production|custom] [--token-url URL --api-base-url URL]\n' +
    '             [--scope read|write|URL ...] [--secret-stdin | --no-secret] [--test]\n' +
    'profiles add --name NAME --environment team --database postgres://ROLE@HOST/DB [--secret-stdin | --no-secret] [--test]',
  options: {
    name: { type: 'string' },
    environment: { type: 'string', default: 'production' },
    'client-id': { type: 'string' },
    'token-url': { type: 'string' },
    'api-base-url': { type: 'string' },
    database: { type: 'string' },
    scope: { type: 'string', multiple: true },
    'secret-stdin': { type: 'boolean' },
    'no-secret': { type: 'boolean' },
    test: { type: 'boolean' },
  },
  async run(ctx, { values }) {
    const name = values['name'] as string | undefined;
    const clientId = values['client-id'] as string | undefined;
    const environment = values['environment'] as string;
    if (environment === 'team') {
      const databaseUrl = values['database'] as string | undefined;
      if (!name || !databaseUrl) throw new AppError('invalid_input', 'profiles add --environment team needs --name and --database.');
      if (clientId !== undefined || values['scope'] !== undefined || values['token-url'] !== undefined || values['api-base-url'] !== undefined) {
        throw new AppError('invalid_input', 'A team connection reads the team database: it takes no --client-id, --scope or API URLs.');
      }
      let password: string | undefined;
      if (!values['no-secret']) {
        password = values['secret-stdin'] === true ? await readSecretFromStdin(ctx.io) : await promptHidden(ctx.io, `Password of the database role for ${name} (not shown): `);
      }
      const created = await ctx.call('connections:create', { name, environment: 'team', databaseUrl, ...(password !== undefined ? { secret: password } : {}) });
      out(ctx.io, `Added team connection "${created.name}" (id ${created.id}) to ${created.databaseUrl ?? ''}${created.hasSecret ? ', password stored in the keychain' : ', no password stored'}.`);
      return values['test'] ? printTest(ctx, created.id) : 0;
    }
    if (values['database'] !== undefined) throw new AppError('invalid_input', '--database belongs to --environment team.');
    if (!name || !clientId) throw new AppError('invalid_input', 'profiles add needs --name and --client-id.');
    if (environment !== 'production' && environment !== 'custom') {
      throw new AppError('invalid_input', `--environment is production, custom or team (the Demo profile is built in), not "${environment}".`);
    }
    const scopes = ((values['scope'] as string[] | undefined) ?? [...ALL_SCOPES]).map(scopeOf);
    let secret: string | undefined;
    if (!values['no-secret']) secret = await readSecret(ctx.io, values['secret-stdin'] === true, name);
    const created = await ctx.call('connections:create', {
      name,
      environment,
      clientId,
      scopes,
      ...(values['token-url'] !== undefined ? { tokenUrl: values['token-url'] as string } : {}),
      ...(values['api-base-url'] !== undefined ? { apiBaseUrl: values['api-base-url'] as string } : {}),
      ...(secret !== undefined ? { secret } : {}),
    });
    out(ctx.io, `Added profile "${created.name}" (id ${created.id})${created.hasSecret ? ', secret stored in the keychain' : ', no secret stored'}.`);
    return values['test'] ? printTest(ctx, created.id) : 0;
  },
};

export const profilesSecret: CliCommand = {
  name: 'profiles secret',
  summary: "Replace a profile's client secret (hidden prompt or --secret-stdin).",
  usage: 'profiles secret NAME [--secret-stdin]',
  options: { 'secret-stdin': { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const id = ctx.profileId(positionals[0]);
    const secret = await readSecret(ctx.io, values['secret-stdin'] === true, id);
    await ctx.call('connections:update', { id, secret });
    out(ctx.io, `The secret of "${id}" was replaced in the keychain.`);
    return 0;
  },
};

export const profilesTest: CliCommand = {
  name: 'profiles test',
  summary: 'Test a profile: token, /ping and /self, naming the problem on failure.',
  usage: 'profiles test NAME',
  options: {},
  allowPositionals: true,
  async run(ctx, { positionals }) {
    return printTest(ctx, ctx.profileId(positionals[0]));
  },
};

export const profilesRemove: CliCommand = {
  name: 'profiles remove',
  summary: 'Remove a profile and its keychain entry (and its cache with --delete-cache).',
  usage: 'profiles remove NAME [--delete-cache]',
  options: { 'delete-cache': { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const id = ctx.profileId(positionals[0]);
    const deleteCache = values['delete-cache'] === true;
    await ctx.call('connections:remove', { profileId: id, deleteCache });
    out(ctx.io, `Removed profile "${id}"${deleteCache ? ' and its cache' : ' (its cache was kept)'}.`);
    return 0;
  },
};
