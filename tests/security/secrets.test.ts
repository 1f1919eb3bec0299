/**
 * A whole session against a sandbox bank with a distinctive client secret: connect, test, sync (twice, with every
 * token expired in between), export a pack and a table, provoke errors (a wrong secret, an offline endpoint). Then
 * every file in the data folder (databases with their WAL, logs, exports unzipped), every envelope the bridge
 * returned and every event it pushed is searched for the secret and for every access token the sandbox issued.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox/index';
import { redact } from '../../electron/services/log';
import { ALL_SCOPES } from '../../shared/symetrisk/defaults';
import { makeSecurityApp, syncThroughBridge, valueOf, type SecurityApp } from './helpers';
import { zipEntries } from './zip';

const SECRET = `DeskSecret-${randomBytes(12).toString('hex')}`;
const CLIENT_ID = 'secrets-test-bank';
const issued = new Set<string>();
let sb: Sandbox;
let app: SecurityApp;
let closedPort: number;

/** Node's fetch, recording every access token the token endpoint hands out. */
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (sb && url.startsWith(sb.tokenUrl) && res.ok) {
    const body = (await res.clone().json().catch(() => null)) as { access_token?: string } | null;
    if (body?.access_token) issued.add(body.access_token);
  }
  return res;
};

function encodings(s: string): string[] {
  return [
    s,
    Buffer.from(s).toString('base64'),
    Buffer.from(s).toString('base64url'),
    Buffer.from(`${CLIENT_ID}:${s}`).toString('base64'),
    encodeURIComponent(s),
    s.slice(0, 24), // a prefix: a truncated log line would still leak
  ];
}

/** Every file under dir with its searchable bytes; an .xlsx contributes each of its (inflated) parts. */
function readAll(dir: string): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    const data = fs.readFileSync(file);
    out.push({ name: rel, data });
    if (rel.endsWith('.xlsx')) for (const e of zipEntries(data)) out.push({ name: `${rel}!${e.name}`, data: e.data });
  }
  return out;
}

beforeAll(async () => {
  // A port nothing listens on, for the offline profile.
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  closedPort = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));

  sb = await startSandbox({
    seed: 29,
    borrowers: 10,
    now: new Date('2026-03-02T09:00:00Z'),
    clients: [{ clientId: CLIENT_ID, clientSecret: SECRET, bankName: 'Hemmelig Sparebank', bankOrgNr: '987654325', scopes: [...ALL_SCOPES] }],
  });
  app = await makeSecurityApp({ fetch: recordingFetch });
}, 30_000);

afterAll(async () => {
  await app?.close();
  await sb?.close();
});

describe('a whole session leaves the client secret and the access tokens nowhere they do not belong', () => {
  let files: { name: string; data: Buffer }[] = [];

  it('runs the session: connect, test, sync, export, a wrong secret, offline', async () => {
    const profile = valueOf<{ id: string; hasSecret: boolean }>(
      await app.call('connections:create', {
        name: 'Hemmelig',
        environment: 'custom',
        clientId: CLIENT_ID,
        tokenUrl: sb.tokenUrl,
        apiBaseUrl: sb.apiBaseUrl,
        scopes: [...ALL_SCOPES],
        secret: SECRET,
      }),
    );
    expect(profile.hasSecret).toBe(true);
    const id = profile.id;
    expect(valueOf<{ ok: boolean }>(await app.call('connections:test', { profileId: id })).ok).toBe(true);
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    sb.control.expireAllTokens();
    sb.control.advanceTime({ days: 40 });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    for (const c of ['connections:list', 'portfolio:list', 'sync:runs', 'access:list', 'notifications:list'] as const) {
      valueOf(await app.call(c, c === 'connections:list' ? undefined : { profileId: id }));
    }

    const pack = valueOf<{ exportId: string }>(await app.call('export:pack', { profileId: id, fileName: 'pack.xlsx' }));
    const packDone = (await app.waitForEvent('export:finished', (p) => (p as { exportId: string }).exportId === pack.exportId)) as { outcome: string };
    expect(packDone.outcome).toBe('ok');
    const table = valueOf<{ exportId: string }>(
      await app.call('export:table', { fileName: 'table.xlsx', title: 'Portfolio', columns: [{ key: 'a', label: 'A', type: 'text' }], rows: [['x']] }),
    );
    expect(((await app.waitForEvent('export:finished', (p) => (p as { exportId: string }).exportId === table.exportId)) as { outcome: string }).outcome).toBe('ok');

    // A wrong secret: the test names the problem, the sync fails; then the right one again.
    valueOf(await app.call('connections:update', { id, secret: `${SECRET}-wrong` }));
    expect(valueOf<{ problem: string }>(await app.call('connections:test', { profileId: id })).problem).toBe('wrong_secret');
    expect((await syncThroughBridge(app, id)).outcome).toBe('failed');
    valueOf(await app.call('connections:update', { id, secret: SECRET }));

    // Offline: a profile whose endpoints nothing answers.
    const offline = valueOf<{ id: string }>(
      await app.call('connections:create', {
        name: 'Offline',
        environment: 'custom',
        clientId: CLIENT_ID,
        tokenUrl: `http://127.0.0.1:${closedPort}/oauth2/token`,
        apiBaseUrl: `http://127.0.0.1:${closedPort}/api/v1`,
        scopes: [...ALL_SCOPES],
        secret: SECRET,
      }),
    );
    expect(valueOf<{ problem: string }>(await app.call('connections:test', { profileId: offline.id })).problem).toBe('network');
    expect((await syncThroughBridge(app, offline.id)).outcome).toBe('failed');
    valueOf(await app.call('connections:reachability', { profileId: offline.id }));

    // The session really did get tokens, and the secret really is in the keychain (and only there).
    expect(issued.size).toBeGreaterThanOrEqual(2);
    expect(await app.credentials.get(id)).toBe(SECRET);

    await app.services.close(); // flushes the logs and checkpoints nothing away: WAL files stay to be searched
    files = readAll(app.dir);
    expect(files.some((f) => f.name.endsWith('.sqlite'))).toBe(true);
    expect(files.some((f) => f.name.startsWith('logs'))).toBe(true);
    expect(files.filter((f) => f.name.includes('.xlsx!')).length).toBeGreaterThan(2);
  }, 60_000);

  it('finds neither the secret nor any token in any file of the data folder (databases, WAL, logs, exports)', () => {
    expect(files.length).toBeGreaterThan(0);
    const needles = [SECRET, ...issued].flatMap(encodings);
    const hits = files.flatMap((f) => needles.filter((n) => f.data.includes(Buffer.from(n))).map((n) => `${f.name}: ${n.slice(0, 12)}…`));
    expect(hits).toEqual([]);
  });

  it('finds neither in anything the bridge returned or pushed', () => {
    expect(app.envelopes.length).toBeGreaterThan(15);
    expect(app.events.length).toBeGreaterThan(5);
    const sent = JSON.stringify({ envelopes: app.envelopes, events: app.events });
    for (const n of [SECRET, ...issued].flatMap(encodings)) expect(sent).not.toContain(n);
  });
});

describe('the logger redacts secrets', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  it.each([
    ['an Authorization header', { headers: { Authorization: `Bearer ${token}` } }],
    ['a Bearer credential inside a message', { message: `request failed with Bearer ${token}` }],
    ['a Basic credential inside a message', { message: `Basic ${Buffer.from(`id:${SECRET}`).toString('base64')}` }],
    ['secret-looking keys at any depth', { a: { b: { clientSecret: SECRET, access_token: token, password: SECRET } } }],
    ['a form body', { body: `grant_type=client_credentials&client_secret=${SECRET}&scope=x` }],
    ['a token response', { body: `{"access_token":"${token}","expires_in":3600}` }],
    ['a URL with a token', { url: `http://127.0.0.1:1/api/events?token=${token}` }],
    ['an Error', { error: new Error(`auth failed: client_secret=${SECRET}`) }],
  ])('%s', (_label, value) => {
    const out = JSON.stringify(redact(value));
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(token);
  });

  it('keeps what a support person needs', () => {
    expect(redact({ status: 401, url: 'https://api.symetrisk.com/api/v1/ping', profileId: 'demo' })).toEqual({
      status: 401,
      url: 'https://api.symetrisk.com/api/v1/ping',
      profileId: 'demo',
    });
  });
});
