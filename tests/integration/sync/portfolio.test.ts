import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { AccessService } from '../../../electron/services/access/access-service';
import { FollowedService } from '../../../electron/services/followed/followed-service';
import { LimitsService } from '../../../electron/services/limits/limits-service';
import { nullLogger } from '../../../electron/services/log';
import { NotificationsService } from '../../../electron/services/notifications/notifications-service';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../electron/services/portfolio/portfolio-service';
import { SymetriskClients } from '../../../electron/services/symetrisk/clients';
import { SyncService } from '../../../electron/services/sync/sync-service';
import { contract, type EventName } from '../../../shared/contract';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { FAST_RETRY, FIXED_NOW } from './helpers';

let sandbox: Sandbox | null = null;
let dir: string | null = null;
let caches: CacheRegistry | null = null;
afterEach(async () => {
  caches?.closeAll();
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('syncs through SyncService, then serves portfolio rows, a borrower, a comparison, notifications and access requests matching the contract', async () => {
  sandbox = await startSandbox({ seed: 21, borrowers: 24, now: FIXED_NOW });
  const sb = sandbox;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pf-'));
  caches = new CacheRegistry((id) => path.join(dir!, 'cache', `${id}.sqlite`));
  const events: EventName[] = [];
  const clients = new SymetriskClients({
    resolve: async (profileId) => ({ profileId, tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: [SCOPES.read, SCOPES.write] }),
    fetch,
    clock: () => new Date(),
    client: { policy: FAST_RETRY },
  });
  const sync = new SyncService({ caches, clients, clock: () => new Date(), log: nullLogger, emit: (e) => events.push(e) });
  const portfolio = new PortfolioService({ caches, clock: () => FIXED_NOW, log: nullLogger });
  const notifications = new NotificationsService({ caches, emit: (e) => events.push(e) });
  const access = new AccessService({ caches, clock: () => FIXED_NOW, client: (id) => clients.get(id) });
  const followed = new FollowedService({ caches, clock: () => FIXED_NOW, client: (id) => clients.get(id) });
  const limits = new LimitsService({ caches });
  // The bank's customer list is followed: the documented relationship list carries no org numbers.
  expect(followed.follow('demo', sb.control.customerList(), 'import').rejected).toEqual([]);

  const started = await sync.start('demo');
  await expect(sync.start('demo')).rejects.toMatchObject({ code: 'conflict' });
  const run = await started.done;
  expect(run.outcome).toBe('ok');
  expect(events).toContain('sync:progress');
  expect(events).toContain('sync:finished');
  expect(sync.status('demo').lastRun?.id).toBe(run.id);
  expect(caches.lastSyncRun('demo')?.outcome).toBe('ok');

  const rows = portfolio.list('demo');
  expect(contract['portfolio:list'].output.safeParse(rows).success).toBe(true);
  const withData = rows.find((r) => r.latest !== null)!;
  expect(withData.figures.revenues).toEqual(expect.any(Number));
  expect(Object.keys(withData.ratios)).toContain('equity_ratio');

  const detail = portfolio.borrower('demo', withData.orgNr);
  expect(contract['portfolio:borrower'].output.safeParse(detail).success).toBe(true);
  // The page's rules are the row's: the same breaches, and every rule that is on evaluated.
  expect(detail.evaluations.filter((e) => e.status === 'breach').map((e) => e.rule)).toEqual(withData.breaches.map((b) => b.rule));
  expect(detail.evaluations).toHaveLength(6);
  limits.setThresholds('demo', { equity_ratio_min_enabled: 0, net_profit_min_enabled: 0 });
  const fewer = portfolio.borrower('demo', withData.orgNr);
  expect(fewer.evaluations.map((e) => e.rule)).not.toContain('equity_ratio_min');
  expect(fewer.evaluations).toHaveLength(4);
  expect(fewer.row?.breaches.map((b) => b.rule)).toEqual(fewer.evaluations.filter((e) => e.status === 'breach').map((e) => e.rule));
  expect(detail.snapshots.length).toBeGreaterThanOrEqual(1);
  if (detail.snapshots.length >= 2) {
    const cmp = portfolio.compare('demo', withData.orgNr, detail.snapshots[0]!.key, detail.snapshots.at(-1)!.key, 'annualised');
    expect(contract['portfolio:compare'].output.safeParse(cmp).success).toBe(true);
  }

  // The first sync brought history, not news: every notification older than its start is stored read, and counted so.
  const notes = notifications.list('demo', { limit: 5 });
  expect(notes.total).toBeGreaterThan(0);
  expect(notes.unread).toBe(0);
  expect(notifications.summary('demo').backfill).toMatchObject({ count: notes.total });
  expect(notes.items[0]!.name === null || typeof notes.items[0]!.name === 'string').toBe(true);
  expect(notifications.markRead('demo', [notes.items[0]!.key, notes.items[1]!.key], false).updated).toBe(2);
  expect(notifications.list('demo', {}).unread).toBe(2);
  expect(notifications.markRead('demo', 'all').updated).toBe(2);
  expect(notifications.list('demo', {}).unread).toBe(0);
  expect(events.at(-1)).toBe('notifications:changed');

  // Access: one POST for the valid lines, each kept with its link; the bad line gets its reason.
  const fresh = ['974760673', '923609016'];
  sb.control.resetStats();
  const out = await access.request('demo', 'credit@bank.example', [...fresh, '123']);
  expect(sb.control.stats().byEndpoint.requestAccess).toBe(1);
  expect(out.results.find((r) => r.input === '123')?.reason).toBe('wrong_length');
  for (const o of fresh) {
    const r = out.results.find((x) => x.orgNr === o)!;
    expect(r.ok).toBe(true);
    expect(r.signupLink).toMatch(/^https:\/\//);
    expect(r.signupLinkExpiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }
  expect(contract['access:request'].output.safeParse(out).success).toBe(true);
  expect(access.list('demo').length).toBe(2);
  expect((await followed.list('demo')).filter((f) => f.source === 'access_request').map((f) => f.orgNr).sort()).toEqual([...fresh].sort());

  // The next sync finds the requested relationships (state access_requested).
  const next = await (await sync.start('demo')).done;
  expect(next.outcome).toBe('ok');
  expect(portfolio.list('demo').find((r) => r.orgNr === fresh[0])?.state).toBe('access_requested');
});
