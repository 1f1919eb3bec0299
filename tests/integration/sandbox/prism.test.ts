/**
 * A second, independent validator: Stoplight Prism's validating proxy (run offline on loopback) in front of the
 * sandbox, serving the project's transcription of the document. The API client talks to Symetrisk only through
 * Prism, which reports every request and response violation in the `sl-violations` header of its answer.
 * 0 violations for the client and the documented-mode sandbox; the opt-in orgNr of a later API version is caught.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/db/cache';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { runSync } from '../../../electron/services/sync/engine';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { TEST_NOW } from './helpers';
import { OPENAPI_FILE } from './openapi';

const PRISM = path.join(path.dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

interface Proxy {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Prism's proxy for `upstream` on a free loopback port, resolved once it says it listens. */
async function prism(upstream: string): Promise<Proxy> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [PRISM, 'proxy', OPENAPI_FILE, upstream, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Prism is listening/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited (${code}): ${output.slice(-2000)}`)));
  });
  // Keep reading, so a full pipe never blocks it.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Seen {
  method: string;
  path: string;
  status: number;
  violations: unknown[];
}

/** A fetch that keeps what Prism reported about each exchange. */
function recording(): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const wrapped = async (input: string | URL | Request, init: RequestInit = {}) => {
    const res = await fetch(input, init);
    const header = res.headers.get('sl-violations');
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const entry: Seen = { method: init.method ?? 'GET', path: url.pathname, status: res.status, violations: header ? (JSON.parse(header) as unknown[]) : [] };
    // Prism's own errors (a route it cannot resolve, say) come as problem+json with its error type.
    if ((res.headers.get('content-type') ?? '').includes('problem+json')) {
      const body = (await res.clone().json()) as { type?: string };
      if (body.type?.includes('prism')) entry.violations.push({ prism: body });
    }
    seen.push(entry);
    return res;
  };
  return { fetch: wrapped as typeof fetch, seen };
}

const closers: (() => Promise<void>)[] = [];
let sb: Sandbox;
let api: Proxy;
let token: Proxy;

beforeAll(async () => {
  sb = await startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 20, omitOrgNr: true });
  closers.push(() => sb.close());
  // The document has the token on another host than the API: one proxy for each, the same transcription.
  [api, token] = await Promise.all([prism(sb.apiBaseUrl), prism(sb.origin)]);
  closers.push(() => api.close(), () => token.close());
}, 60_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

function client(f: typeof fetch, creds = { id: sb.clientId, secret: sb.clientSecret }, tokenProxy = token, apiProxy = api): SymetriskClient {
  return new SymetriskClient(
    { tokenUrl: `${tokenProxy.url}/oauth2/token`, apiBaseUrl: apiProxy.url, clientId: creds.id, clientSecret: creds.secret, scopes: [SCOPES.read, SCOPES.write] },
    { fetch: f, clock: () => new Date(), policy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, badBodyAttempts: 1 } },
  );
}

describe('through Stoplight Prism\'s validating proxy', () => {
  it('every call of the client and every answer of the sandbox: 0 violations', async () => {
    const r = recording();
    const c = client(r.fetch);
    const approved = sb.control.orgNrs(undefined, 'access_approved');
    const pending = sb.control.orgNrs(undefined, 'access_requested')[0]!;
    await c.ping();
    await c.self();
    await c.relationships({ limit: 6 });
    await c.relationships({ limit: 6, skip: 6 });
    await c.relationship(approved[0]!);
    expect(await c.relationship('974760673')).toBeNull();
    await c.accountingData(approved[0]!, { limit: 3, skip: 1 });
    await expect(c.accountingData(pending, {})).rejects.toMatchObject({ details: { key: 'relationship_not_approved' } });
    await c.notifications({});
    await c.borrowerNotifications(approved[1]!, {});
    const answer = await c.requestAccess({ bankContactEmail: 'bedrift@demosparebank.no', borrowers: [{ orgNr: '923609016' }, { orgNr: approved[2]! }] });
    expect(answer.results.map((x) => x.success)).toEqual([true, false]);
    expect(r.seen.flatMap((s) => s.violations)).toEqual([]);
    expect(new Set(r.seen.map((s) => `${s.method} ${s.status}`))).toEqual(new Set(['POST 200', 'GET 200', 'GET 400']));
    expect(r.seen.length).toBe(12);
  });

  it('a whole sync of the documented shape: 0 violations', async () => {
    const r = recording();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-prism-'));
    const cache = openCache('prism', path.join(dir, 'cache.sqlite'));
    try {
      for (const orgNr of sb.control.orgNrs().slice(0, 10)) cache.followed.add(orgNr, 'typed', new Date().toISOString());
      const run = await runSync({ profileId: 'prism', cache, client: client(r.fetch), clock: () => new Date(), pageSize: 4 });
      expect(run.outcome).toBe('ok');
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(r.seen.length).toBeGreaterThan(20);
    expect(r.seen.flatMap((s) => s.violations)).toEqual([]);
  });

  it('reports what departs from the document: orgNr in relationship items, and a bad request', async () => {
    const later = await startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 3, relationshipOrgNr: true });
    const [laterApi, laterToken] = await Promise.all([prism(later.apiBaseUrl), prism(later.origin)]);
    try {
      const r = recording();
      const c = client(r.fetch, { id: later.clientId, secret: later.clientSecret }, laterToken, laterApi);
      await c.relationships({});
      await expect(c.relationships({ limit: 500 })).rejects.toMatchObject({ details: { key: 'invalid_limit' } });
      const [list, bad] = r.seen.slice(-2);
      expect(list!.violations).toContainEqual(expect.objectContaining({ code: 'additionalProperties', message: expect.stringContaining("found 'orgNr'") }));
      expect(bad!.violations).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'maximum' }));
    } finally {
      await Promise.all([laterApi.close(), laterToken.close()]);
      await later.close();
    }
  }, 60_000);
});
