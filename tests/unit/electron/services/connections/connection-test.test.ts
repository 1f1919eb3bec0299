import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract';
import { SCOPES } from '../../../../../shared/symetrisk/defaults';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../../../electron/sandbox/index';
import type { CredentialStore } from '../../../../../electron/services/credentials/credential-store';
import { MemoryCredentialStore } from '../../../../../electron/services/credentials/credential-store';
import { makeApp, type TestApp } from './helpers';

const READER = { clientId: 'reader-bank', clientSecret: 'reader-secret', bankName: 'Lesebanken', bankOrgNr: '987654325', scopes: [SCOPES.read] };

let sandbox: Sandbox;
let closedPortUrl: string;
type Mode = 'not_json' | 'server_error' | 'self_without_write' | 'self_404' | 'token_grants_read';
let garbage: { url: string; close(): Promise<void>; mode: Mode };

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, borrowers: 5, clients: [DEMO_CLIENT, READER] });
  // A port that was just free and is now closed: connection refused, the "network down" case.
  const probe = http.createServer();
  closedPortUrl = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  // A local server answering whatever each test wants: garbage, a 5xx, or a /self without the write scope.
  const state = { mode: 'not_json' as Mode };
  const server = http.createServer((req, res) => {
    if (state.mode === 'not_json') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>');
    if (state.mode === 'server_error') return void res.writeHead(503).end('busy');
    if (state.mode === 'self_404' && req.url === '/api/v1/self') {
      return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
    }
    const scope = state.mode === 'token_grants_read' ? { scope: SCOPES.read } : {};
    const body =
      req.url === '/oauth2/token'
        ? { access_token: 'tok', expires_in: 3600, token_type: 'Bearer', ...scope }
        : req.url === '/api/v1/ping'
          ? { message: 'pong' }
          : {
              company: { id: 'c', name: 'Half Bank', brreg_organization_number: '987654325', created_at: '2025-01-01T00:00:00.000000' },
              client: { client_id: 'x', scopes: state.mode === 'self_without_write' ? [SCOPES.read] : [SCOPES.read, SCOPES.write] },
            };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const url = await listen(server);
  garbage = {
    url,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
});
afterAll(async () => {
  await sandbox.close();
  await garbage.close();
});

const apps: TestApp[] = [];
async function app(credentials?: CredentialStore): Promise<TestApp> {
  const a = await makeApp({ ...(credentials ? { credentials } : {}), overrides: { testTimeoutMs: 5_000, reachabilityTimeoutMs: 2_000 } });
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function profile(a: TestApp, opts: { clientId?: string; secret?: string | undefined; scopes?: string[]; base?: string; tokenUrl?: string }) {
  return a.services.connections.create({
    name: `P ${Math.random().toString(36).slice(2, 8)}`,
    environment: 'custom',
    clientId: opts.clientId ?? DEMO_CLIENT.clientId,
    tokenUrl: opts.tokenUrl ?? sandbox.tokenUrl,
    apiBaseUrl: opts.base ?? sandbox.apiBaseUrl,
    scopes: opts.scopes ?? [SCOPES.read, SCOPES.write],
    ...(opts.secret !== undefined ? { secret: opts.secret } : {}),
  });
}

describe('test connection: token, /ping, /self', () => {
  it('succeeds with the right secret and remembers the bank name and number', async () => {
    const a = await app();
    const p = await profile(a, { secret: DEMO_CLIENT.clientSecret });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: true, problem: null, warnings: [], bankName: DEMO_CLIENT.bankName, bankOrgNr: DEMO_CLIENT.bankOrgNr });
    expect(r.steps.map((s) => [s.step, s.ok, s.warning])).toEqual([['secret', true, false], ['token', true, false], ['ping', true, false], ['self', true, false]]);
    expect(await a.services.connections.get(p.id)).toMatchObject({ bankName: DEMO_CLIENT.bankName, bankOrgNr: DEMO_CLIENT.bankOrgNr, bankCheckedAt: expect.any(String) });
  });

  it('works for the Demo profile, starting the in-process sandbox on demand', async () => {
    const a = await app();
    expect((await a.services.connections.get('demo')).apiBaseUrl).toBe('');
    const r = await a.services.connections.test('demo');
    expect(r).toMatchObject({ ok: true, bankName: DEMO_CLIENT.bankName });
    const demo = await a.services.connections.get('demo');
    expect(demo.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(demo.clientId).toBe(DEMO_CLIENT.clientId);
    expect(await a.services.connections.reachability('demo')).toMatchObject({ reachable: true, state: 'available', reason: null });
  });

  it('no_secret when none is stored', async () => {
    const a = await app();
    const p = await profile(a, {});
    expect(await a.services.connections.test(p.id)).toMatchObject({ ok: false, problem: 'no_secret', steps: [{ step: 'secret', ok: false }] });
  });

  it('keychain when the keychain cannot be read', async () => {
    const broken = new MemoryCredentialStore();
    const a = await app(broken);
    const p = await profile(a, { secret: 'x' });
    broken.get = async () => {
      throw new AppError('keychain_unavailable', 'The system keychain is not available.');
    };
    expect(await a.services.connections.test(p.id)).toMatchObject({ ok: false, problem: 'keychain' });
    // Listing still works; whether a secret is stored is simply unknown.
    expect((await a.services.connections.list()).find((x) => x.id === p.id)).toMatchObject({ hasSecret: false });
  });

  it('wrong_secret on invalid_client, and the message carries no secret', async () => {
    const a = await app();
    const p = await profile(a, { secret: 'not-the-secret-42' });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: false, problem: 'wrong_secret', steps: [{ step: 'secret', ok: true }, { step: 'token', ok: false }] });
    expect(JSON.stringify(r)).not.toContain('not-the-secret-42');
  });

  it('missing_scope when the client may only read and the profile asks to write', async () => {
    const a = await app();
    const p = await profile(a, { clientId: READER.clientId, secret: READER.clientSecret, scopes: [SCOPES.read, SCOPES.write] });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: false, problem: 'missing_scope', message: expect.stringContaining(SCOPES.write) });
    const readOnly = await profile(a, { clientId: READER.clientId, secret: READER.clientSecret, scopes: [SCOPES.read] });
    expect(await a.services.connections.test(readOnly.id)).toMatchObject({ ok: true, bankName: 'Lesebanken', scopes: [SCOPES.read] });
  });

  it('/self is information: a scope list there that differs from the token\'s is a warning, not a failure', async () => {
    const a = await app();
    garbage.mode = 'self_without_write';
    const p = await profile(a, { secret: 's', tokenUrl: `${garbage.url}/oauth2/token`, base: `${garbage.url}/api/v1` });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: true, problem: null, bankName: 'Half Bank', scopes: [SCOPES.read, SCOPES.write], steps: [{}, {}, {}, { step: 'self', ok: true, warning: true }] });
    expect(r.warnings.map((w) => w.reason)).toEqual(['self_scopes_differ']);
  });

  it('/self is information: a 404 there is a warning, and the test passes', async () => {
    const a = await app();
    garbage.mode = 'self_404';
    const p = await profile(a, { secret: 's', tokenUrl: `${garbage.url}/oauth2/token`, base: `${garbage.url}/api/v1` });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: true, problem: null, bankName: null, steps: [{}, {}, {}, { step: 'self', ok: true, warning: true }] });
    expect(r.warnings).toEqual([expect.objectContaining({ reason: 'self_not_found' })]);
    expect(await a.services.connections.reachability(p.id)).toMatchObject({ reachable: true, state: 'available' });
  });

  it('the scopes come from the token answer\'s scope when it has one; one not granted is a warning', async () => {
    const a = await app();
    garbage.mode = 'token_grants_read';
    const p = await profile(a, { secret: 's', tokenUrl: `${garbage.url}/oauth2/token`, base: `${garbage.url}/api/v1` });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: true, scopes: [SCOPES.read], steps: [{}, { step: 'token', ok: true, warning: true }, {}, {}] });
    expect(r.warnings.map((w) => [w.reason, w.values.scopes ?? w.values.tokenScopes])).toEqual([
      ['scope_not_granted', SCOPES.write],
      ['self_scopes_differ', SCOPES.read],
    ]);
  });

  it('a token URL or API base URL with the wrong path: a 404 with a hint, by reason', async () => {
    const a = await app();
    const noApiV1 = await profile(a, { secret: DEMO_CLIENT.clientSecret, base: sandbox.origin });
    expect(await a.services.connections.test(noApiV1.id)).toMatchObject({
      ok: false,
      problem: 'unexpected',
      reason: 'api_base_url_not_found',
      serverMessage: 'Not Found',
      message: expect.stringContaining('/api/v1'),
      steps: [{}, { step: 'token', ok: true }, { step: 'ping', ok: false }],
    });
    const tokenPath = await profile(a, { secret: DEMO_CLIENT.clientSecret, tokenUrl: `${sandbox.origin}/token` });
    expect(await a.services.connections.test(tokenPath.id)).toMatchObject({
      ok: false,
      reason: 'token_url_not_found',
      message: expect.stringContaining('/oauth2/token'),
      steps: [{}, { step: 'token', ok: false }],
    });
    expect(await a.services.connections.reachability(tokenPath.id)).toMatchObject({ reachable: false, state: 'failing', reason: 'token_url_not_found' });
  });

  it('network when nothing listens (connection refused), and reachability says so', async () => {
    const a = await app();
    const p = await profile(a, { secret: 's', tokenUrl: `${closedPortUrl}/oauth2/token`, base: `${closedPortUrl}/api/v1` });
    const r = await a.services.connections.test(p.id);
    expect(r).toMatchObject({ ok: false, problem: 'network', reason: 'unreachable', message: expect.stringContaining('connection refused') });
    expect(await a.services.connections.reachability(p.id)).toMatchObject({ profileId: p.id, reachable: false, state: 'unreachable', reason: 'unreachable' });
  });

  it('unexpected when the answer is not JSON or a server error', async () => {
    const a = await app();
    const p = await profile(a, { secret: 's', tokenUrl: `${garbage.url}/oauth2/token`, base: `${garbage.url}/api/v1` });
    garbage.mode = 'not_json';
    expect(await a.services.connections.test(p.id)).toMatchObject({ ok: false, problem: 'unexpected', message: expect.stringContaining('not JSON') });
    garbage.mode = 'server_error';
    expect(await a.services.connections.test(p.id)).toMatchObject({ ok: false, problem: 'unexpected', message: expect.stringContaining('HTTP 503') });
    // An answer proves the network path, not that the bank can work: not available.
    expect(await a.services.connections.reachability(p.id)).toMatchObject({ reachable: false, state: 'failing' });
  });
});
