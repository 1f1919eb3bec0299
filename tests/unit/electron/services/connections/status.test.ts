/**
 * Connection status that tells the truth: available only when a token and /ping pass; a failed sync is an attempt,
 * never "last synced"; the bank facts of /self cached at sync, so that an export made offline still names the bank.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../../../electron/sandbox/index';
import { createSandboxDemoBackend } from '../../../../../electron/services/connections/demo';
import { SCOPES } from '../../../../../shared/symetrisk/defaults';
import { makeApp, type TestApp } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, borrowers: 6 });
});
afterAll(() => sandbox.close());

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function customProfile(a: TestApp, secret: string) {
  return a.services.connections.create({
    name: `Bank ${Math.random().toString(36).slice(2, 8)}`,
    environment: 'custom',
    clientId: DEMO_CLIENT.clientId,
    tokenUrl: sandbox.tokenUrl,
    apiBaseUrl: sandbox.apiBaseUrl,
    scopes: [SCOPES.read, SCOPES.write],
    secret,
  });
}

describe('connection status', () => {
  it('is not available with wrong credentials, though Symetrisk answers: refused', async () => {
    const a = await makeApp({ overrides: { reachabilityTimeoutMs: 2_000 } });
    apps.push(a);
    const wrong = await customProfile(a, 'not-the-secret');
    expect(await a.services.connections.reachability(wrong.id)).toMatchObject({ reachable: false, state: 'refused', reason: 'token_client_refused' });
    const right = await customProfile(a, DEMO_CLIENT.clientSecret);
    expect(await a.services.connections.reachability(right.id)).toMatchObject({ reachable: true, state: 'available', reason: null });
    // The token is reused while valid: a second check asks for no new one.
    const tokens = sandbox.control.stats().byEndpoint.token ?? 0;
    await a.services.connections.reachability(right.id);
    expect(sandbox.control.stats().byEndpoint.token).toBe(tokens);
  });

  it('a sync refused for wrong credentials is the last attempt, not the last sync', async () => {
    const a = await makeApp();
    apps.push(a);
    const p = await customProfile(a, 'not-the-secret');
    const failed = await (await a.services.sync.start(p.id)).done;
    expect(failed.outcome).toBe('failed');
    expect(await a.services.connections.get(p.id)).toMatchObject({ lastSyncAt: null, lastSyncOutcome: null, lastAttemptAt: failed.endedAt, lastAttemptOutcome: 'failed' });
    await a.services.connections.update({ id: p.id, secret: DEMO_CLIENT.clientSecret });
    const ok = await (await a.services.sync.start(p.id)).done;
    expect(ok.outcome).toBe('ok');
    const again = await a.services.connections.update({ id: p.id, secret: 'wrong-again' });
    expect(again).toMatchObject({ lastSyncAt: ok.endedAt, lastAttemptAt: ok.endedAt });
    const failedAgain = await (await a.services.sync.start(p.id)).done;
    expect(await a.services.connections.get(p.id)).toMatchObject({ lastSyncAt: ok.endedAt, lastSyncOutcome: 'ok', lastAttemptAt: failedAgain.endedAt, lastAttemptOutcome: 'failed' });
  });
});

describe('bank facts from /self', () => {
  it('are cached as a sync starts, and a pack made with Symetrisk down names the bank without asking', async () => {
    let demoSandbox: Sandbox | null = null;
    const a = await makeApp({
      overrides: {
        demo: createSandboxDemoBackend(async () => async (opts) => (demoSandbox = await startSandbox({ ...opts, borrowers: 4 })), { seed: 5 }),
      },
    });
    apps.push(a);
    expect((await a.services.connections.get('demo')).bankName).toBeNull();
    const run = await (await a.services.sync.start('demo')).done;
    expect(run.outcome).toBe('ok');
    // Learned beside the sync, without a connection test; the window is told when it is stored.
    await vi.waitFor(() => expect(a.events.some((e) => e.event === 'connections:changed' && (e.payload as { profileId: string | null }).profileId === 'demo')).toBe(true));
    expect(await a.services.connections.get('demo')).toMatchObject({ bankName: DEMO_CLIENT.bankName, bankOrgNr: DEMO_CLIENT.bankOrgNr });

    await demoSandbox!.stopListening();
    const requestsBefore = demoSandbox!.control.stats().requests;
    const started = await a.services.handlers['export:pack']({ profileId: 'demo', language: 'nb' }, { host: 'test' });
    const result = await a.services.exports.wait(started.exportId);
    expect(result).toMatchObject({ outcome: 'ok' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.path!);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    // The pack writes an org number in groups of three.
    expect(texts).toContain(`${DEMO_CLIENT.bankName} (Org.nr. ${DEMO_CLIENT.bankOrgNr.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')})`);
    expect(texts.join(' ')).not.toMatch(/ukjent/);
    expect(demoSandbox!.control.stats().requests).toBe(requestsBefore);
  });
});
