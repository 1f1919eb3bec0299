/**
 * The registry step as SyncService runs it, with the step stood in for: its own phase between the accounting and
 * "done", its failures added to the run (kept by sync:runs) without changing the outcome, a step that throws
 * recorded as the registry's failure and the run standing, and no step after a failed Symetrisk part.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { nullLogger } from '../../../electron/services/log';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { skippedStep, type RegistryStepOutcome } from '../../../electron/services/registry/registry-service';
import { SymetriskClients } from '../../../electron/services/symetrisk/clients';
import { SyncService } from '../../../electron/services/sync/sync-service';
import { AppError, type EventName } from '../../../shared/contract';
import type { SyncProgress } from '../../../shared/contract/dto';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { FAST_RETRY, FIXED_NOW } from '../sync/helpers';

let sandbox: Sandbox | null = null;
let dir: string | null = null;
let caches: CacheRegistry | null = null;
afterEach(async () => {
  caches?.closeAll();
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(step: () => Promise<RegistryStepOutcome>) {
  sandbox = await startSandbox({ seed: 5, borrowers: 8, now: FIXED_NOW });
  const sb = sandbox;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-syncsvc-registry-'));
  caches = new CacheRegistry((id) => path.join(dir!, 'cache', `${id}.sqlite`));
  const clients = new SymetriskClients({
    resolve: async (profileId) => ({ profileId, tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: [SCOPES.read, SCOPES.write] }),
    fetch,
    clock: () => new Date(),
    client: { policy: FAST_RETRY },
  });
  const events: { event: EventName; payload: unknown }[] = [];
  let calls = 0;
  const sync = new SyncService({
    caches,
    clients,
    clock: () => new Date(),
    log: nullLogger,
    emit: (event, payload) => void events.push({ event, payload }),
    registry: {
      step: async (_p, _c, opts) => {
        calls++;
        opts.onProgress?.(0, 2);
        opts.onProgress?.(2, 2);
        return step();
      },
    },
  });
  return { sb, sync, events, calls: () => calls, caches };
}

const phases = (events: { event: EventName; payload: unknown }[]) => {
  const all = events.filter((e) => e.event === 'sync:progress').map((e) => (e.payload as SyncProgress).phase);
  return all.filter((p, i) => p !== all[i - 1]);
};

it('runs as its own phase before "done"; its failures join the run as the registry’s, the outcome stays', async () => {
  const failures = [{ orgNr: '923609016', code: 'bad_response', message: 'Brønnøysundregistrene answered with a body that was not JSON.', reason: 'registry_not_json', source: 'registry' as const }];
  const { sync, events, caches: c } = await setup(async () => ({ summary: { ...skippedStep('disabled').summary, skipped: null, failures: 1 }, errors: failures }));
  const run = await (await sync.start('demo')).done;
  expect(run.outcome).toBe('ok');
  expect(phases(events).slice(-3)).toEqual(['accounting', 'registry', 'done']);
  expect(run.errors).toEqual(failures);
  expect(run.registry).toMatchObject({ failures: 1 });
  expect(sync.runs('demo')[0]).toMatchObject({ id: run.id, outcome: 'ok', errors: failures });
  expect(c.open('demo').syncRuns.lastSynced()?.id).toBe(run.id);
});

it('a step that throws is the registry’s failure; the run stands', async () => {
  const { sync } = await setup(async () => {
    throw new AppError('storage', 'The cache refused the write.');
  });
  const run = await (await sync.start('demo')).done;
  expect(run.outcome).toBe('ok');
  expect(run.errors).toEqual([{ orgNr: null, code: 'storage', message: 'The cache refused the write.', reason: 'registry_step_failed', source: 'registry' }]);
  expect(run.registry).toMatchObject({ skipped: null, stopped: { reason: 'registry_step_failed' } });
});

it('is skipped when the Symetrisk part failed', async () => {
  const { sb, sync, calls } = await setup(async () => skippedStep('disabled'));
  await sb.stopListening();
  const run = await (await sync.start('demo')).done;
  expect(run.outcome).toBe('failed');
  expect(run.registry).toMatchObject({ skipped: 'symetrisk_failed' });
  expect(calls()).toBe(0);
});
