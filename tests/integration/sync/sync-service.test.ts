import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { nullLogger } from '../../../electron/services/log';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { SymetriskClients } from '../../../electron/services/symetrisk/clients';
import { SyncService } from '../../../electron/services/sync/sync-service';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { ResolvedConnection } from '../../../electron/services/connections/connection-resolver';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { FAST_RETRY, FIXED_NOW } from './helpers';

let sandbox: Sandbox | null = null;
let dir: string | null = null;
let caches: CacheRegistry | null = null;
afterEach(async () => {
  caches?.closeAll();
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  sandbox = null;
  dir = null;
  caches = null;
});

/** SyncService on the sandbox with a recording emit; `onEvent` sees each event as it is emitted. */
async function setup(onEvent: (event: EventName, payload: unknown) => void = () => {}) {
  sandbox = await startSandbox({ seed: 5, borrowers: 16, now: FIXED_NOW });
  const sb = sandbox;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-syncsvc-'));
  const registry = new CacheRegistry((id) => path.join(dir!, 'cache', `${id}.sqlite`));
  caches = registry;
  let secret = sb.clientSecret;
  const resolve = async (profileId: string): Promise<ResolvedConnection> => ({
    profileId, tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: secret, scopes: [SCOPES.read, SCOPES.write],
  });
  const clients = new SymetriskClients({ resolve, fetch, clock: () => new Date(), client: { policy: FAST_RETRY } });
  // The bank's customer list is followed: the documented relationship list carries no org numbers.
  const at = FIXED_NOW.toISOString();
  for (const o of sb.control.customerList()) registry.open('demo').followed.add(o, 'import', at);
  const events: { event: EventName; payload: unknown }[] = [];
  const sync = new SyncService({
    caches: registry,
    clients,
    clock: () => new Date(),
    log: nullLogger,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      events.push({ event, payload });
      onEvent(event, payload);
    },
  });
  return { sb, sync, clients, events, registry, setSecret: (s: string) => (secret = s) };
}

describe('SyncService on the job runner', () => {
  it('one sync per profile, throttled progress ending in its phases, one finished event, and the slot free before it', async () => {
    let restartedInListener: Promise<unknown> | null = null;
    let syncRef: SyncService | null = null;
    const { sync, events } = await setup((event) => {
      // Whoever hears of the end may start the next sync at once: the slot is already free.
      if (event === 'sync:finished' && restartedInListener === null) restartedInListener = syncRef!.start('demo').then((s) => s.done);
    });
    syncRef = sync;
    const started = await sync.start('demo');
    await expect(sync.start('demo')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'sync_running', profileId: 'demo' } });
    expect(sync.status('demo').running).toBe(true);
    const run = await started.done;
    expect(run.outcome).toBe('ok');
    expect(run.id).toBe(started.runId);
    const second = (await restartedInListener!) as { outcome: string; id: number };
    expect(second.outcome).toBe('ok');
    expect(second.id).toBe(run.id + 1);
    const finished = events.filter((e) => e.event === 'sync:finished').map((e) => (e.payload as { id: number }).id);
    expect(finished).toEqual([run.id, second.id]);
    // New notifications: the badge's count follows the run's own event (the second run found none new).
    expect(run.newNotifications).toBeGreaterThan(0);
    const ends = events.filter((e) => e.event === 'sync:finished' || e.event === 'notifications:changed').map((e) => e.event);
    expect(ends).toEqual(['sync:finished', 'notifications:changed', 'sync:finished']);
    expect(events.find((e) => e.event === 'notifications:changed')!.payload).toMatchObject({ profileId: 'demo', unread: expect.any(Number) });
    // The first sync's notifications are older than its start: history, stored read, so the badge stays at 0.
    expect((events.find((e) => e.event === 'notifications:changed')!.payload as { unread: number }).unread).toBe(0);
    const phases = events
      .filter((e) => e.event === 'sync:progress' && (e.payload as { runId: number }).runId === run.id)
      .map((e) => (e.payload as { phase: string }).phase);
    // Every phase is reported (a new phase passes the throttle at once), in order, the last one 'done'.
    expect([...new Set(phases)]).toEqual(['token', 'relationships', 'notifications', 'accounting', 'done']);
    // The borrower being fetched is named as well as numbered, as the listing gave it.
    const current = events
      .filter((e) => e.event === 'sync:progress' && (e.payload as { runId: number; currentOrgNr: string | null }).runId === run.id)
      .map((e) => e.payload as { phase: string; currentOrgNr: string | null; currentName?: string | null })
      .filter((p) => p.phase === 'accounting' && p.currentOrgNr !== null);
    expect(current.length).toBeGreaterThan(0);
    expect(current.every((p) => typeof p.currentName === 'string' && p.currentName.length > 0)).toBe(true);
    expect(sync.status('demo')).toMatchObject({ running: false, progress: null, lastRun: { id: second.id } });
  });

  it('a run the engine could not finish (its cache closed under it) still ends: failed, with its finished event, and the profile can sync again', async () => {
    let closedOnce = false;
    let registryRef: CacheRegistry | null = null;
    const { sync, events } = await setup((event, payload) => {
      if (!closedOnce && event === 'sync:progress' && (payload as { phase: string }).phase === 'accounting') {
        closedOnce = true;
        registryRef!.close('demo');
      }
    });
    registryRef = caches;
    const { done } = await sync.start('demo');
    const run = await done;
    expect(closedOnce).toBe(true);
    expect(run.outcome).toBe('failed');
    expect(run.message).toMatch(/^The sync failed: /);
    expect(events.filter((e) => e.event === 'sync:finished')).toHaveLength(1);
    expect(sync.isRunning('demo')).toBe(false);
    expect((await (await sync.start('demo')).done).outcome).toBe('ok');
    // The cache could not take the failed run's end; its next open closed it as failed.
    expect(sync.runs('demo').find((r) => r.id === run.id)?.outcome).toBe('failed');
  });

  it('cancel ends the running sync as cancelled; close cancels every running sync and waits for it', async () => {
    let cancelOnce = false;
    let syncRef: SyncService | null = null;
    const { sync } = await setup((event, payload) => {
      if (!cancelOnce && event === 'sync:progress' && (payload as { phase: string }).phase === 'notifications') {
        cancelOnce = true;
        expect(syncRef!.cancel('demo')).toBe(true);
      }
    });
    syncRef = sync;
    expect(sync.cancel('demo')).toBe(false);
    expect((await (await sync.start('demo')).done).outcome).toBe('cancelled');
    const { done } = await sync.start('demo');
    await sync.close();
    expect(sync.isRunning('demo')).toBe(false);
    expect((await done).outcome).toBe('cancelled');
    await expect(sync.start('demo')).rejects.toMatchObject({ code: 'cancelled', details: { reason: 'closing' } });
  });

  it('one client per profile: its token is reused across syncs, a new secret builds a new client, forget drops it', async () => {
    const { sb, sync, clients, setSecret } = await setup();
    const first = await clients.get('demo');
    expect(await clients.get('demo')).toBe(first);
    sb.control.resetStats();
    await (await sync.start('demo')).done;
    await (await sync.start('demo')).done;
    const tokens = Object.entries(sb.control.stats().byEndpoint).filter(([k]) => /token/i.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(tokens).toBe(1);
    setSecret(`${sb.clientSecret}-changed`);
    expect(await clients.get('demo')).not.toBe(first);
    setSecret(sb.clientSecret);
    const again = await clients.get('demo');
    clients.forget('demo');
    expect(await clients.get('demo')).not.toBe(again);
  });
});
