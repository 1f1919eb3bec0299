import type { CliCommand } from '../command';
import { out } from '../io';

export const status: CliCommand = {
  name: 'status',
  summary: 'The data folder, the active profile, and each profile’s secret and last sync.',
  usage: 'status [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const settings = await ctx.call('settings:get', undefined);
    const profiles = await ctx.call('connections:list', undefined);
    const syncs = await Promise.all(
      profiles.map((p) => ctx.call('sync:status', { profileId: p.id }).catch((e: unknown) => ({ error: (e as Error).message }))),
    );
    if (values['json']) {
      out(ctx.io, JSON.stringify({ dataDir: ctx.dataDir, activeProfileId: settings.activeProfileId, profiles: profiles.map((p, i) => ({ ...p, sync: syncs[i] })) }, null, 2));
      return 0;
    }
    out(ctx.io, `Data folder:    ${ctx.dataDir}`);
    out(ctx.io, `Active profile: ${settings.activeProfileId ?? '(none)'}`);
    for (const [i, p] of profiles.entries()) {
      const s = syncs[i]!;
      const last = p.lastSyncAt ? `last sync ${p.lastSyncAt} (${p.lastSyncOutcome})` : 'never synced';
      const running = 'running' in s && s.running ? ', a sync is running' : '';
      out(ctx.io, `  ${p.id.padEnd(20)} ${p.environment.padEnd(10)} secret: ${p.hasSecret ? 'yes' : 'no '}  ${last}${running}${p.bankName ? `  ${p.bankName}` : ''}`);
    }
    return 0;
  },
};
