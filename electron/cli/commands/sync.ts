import type { SyncRun } from '../../../shared/contract/dto';
import type { CliCommand } from '../command';
import { err, out } from '../io';
import { createProgressView } from '../progress';

/** Exit codes: 0 ok, 1 failed or cancelled, 3 partial (some borrowers failed, the rest is in the cache). */
export function exitCodeOf(outcome: SyncRun['outcome']): number {
  if (outcome === 'ok') return 0;
  if (outcome === 'partial') return 3;
  return 1;
}

export const sync: CliCommand = {
  name: 'sync',
  summary: 'Sync a profile’s whole portfolio into its cache (progress bar on a terminal, plain lines otherwise).',
  usage: 'sync [--profile NAME]   (default: the active profile)',
  options: { profile: { type: 'string' } },
  async run(ctx, { values }) {
    const profileId = ctx.profileId(values['profile'] as string | undefined);
    const view = createProgressView(ctx.io);
    let runId: number | null = null;
    const early: SyncRun[] = [];
    let finish: (run: SyncRun) => void = (run) => early.push(run);
    const offProgress = ctx.on('sync:progress', (p) => {
      if (p.profileId === profileId && (runId === null || p.runId === runId)) view.update(p);
    });
    // Subscribed before starting: a very short run may finish before sync:start has answered.
    const offFinished = ctx.on('sync:finished', (run) => {
      if (run.profileId === profileId) finish(run);
    });
    const onSigint = () => {
      err(ctx.io, '\nCancelling the sync (the borrower in progress is rolled back)...');
      void ctx.call('sync:cancel', { profileId }).catch(() => undefined);
    };
    process.once('SIGINT', onSigint);
    try {
      const started = await ctx.call('sync:start', { profileId });
      runId = started.runId;
      const run = await new Promise<SyncRun>((resolve) => {
        const done = early.find((r) => r.id === runId);
        if (done) return resolve(done);
        finish = (r) => {
          if (r.id === runId) resolve(r);
        };
      });
      view.end();
      out(
        ctx.io,
        `Sync ${run.outcome}: ${run.borrowersSynced} borrowers synced, ${run.borrowersFailed} failed, ` +
          `${run.newSnapshots} new snapshots, ${run.newNotifications} new notifications, ${run.requests} requests, ${run.retries} retries.`,
      );
      if (run.relationships) {
        const r = run.relationships;
        out(ctx.io, `Relationships: ${r.linked} linked, ${r.unlinked} not linked (attach their org numbers in the app), ${r.notFound} followed numbers unknown to Symetrisk.`);
      }
      if (run.message) out(ctx.io, run.message);
      for (const e of run.errors.slice(0, 20)) out(ctx.io, `  ${e.orgNr ?? '-'} ${e.code}: ${e.message}`);
      if (run.errors.length > 20) out(ctx.io, `  ... and ${run.errors.length - 20} more`);
      return exitCodeOf(run.outcome);
    } finally {
      view.end();
      process.off('SIGINT', onSigint);
      offProgress();
      offFinished();
    }
  },
};
