/**
 * Both sides held to the project's transcription of the public document (shared/symetrisk/openapi.yaml): every
 * request the client sends and every answer of the sandbox in its documented mode, validated by openapi-backend
 * (ajv). 0 violations; and proof that the validator does catch what departs from the document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIBackend } from 'openapi-backend';
import { openCache } from '../../../electron/db/cache';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { runSync } from '../../../electron/services/sync/engine';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { AppError } from '../../../shared/contract';
import { API_PATHS, OUR_DEFAULTS, SCOPES } from '../../../shared/symetrisk/defaults';
import * as doc from '../../fixtures/document-examples';
import { basic, TEST_NOW } from './helpers';
import { loadValidator, OPENAPI_FILE, readTranscription, validatingFetch, type ValidatingFetch } from './openapi';

const READER = { clientId: 'reader-bank', clientSecret: 'reader-secret', bankName: 'Lesebanken', bankOrgNr: '987654325', scopes: [SCOPES.read] };
const OPERATIONS = ['token', 'ping', 'self', 'relationships', 'relationship', 'requestAccess', 'accountingData', 'notifications', 'borrowerNotifications'];

let validator: OpenAPIBackend;
let sb: Sandbox;

beforeAll(async () => {
  validator = await loadValidator();
  // The documented mode: relationship items exactly as the document's example (no orgNr).
  sb = await startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 30, omitOrgNr: true, clients: [DEMO_CLIENT, READER] });
});
afterAll(() => sb.close());

function watch(): ValidatingFetch {
  return validatingFetch(validator, { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl });
}

function clientVia(v: ValidatingFetch, creds: { clientId: string; clientSecret: string; scopes: string[] } = DEMO_CLIENT): SymetriskClient {
  return new SymetriskClient(
    { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: creds.clientId, clientSecret: creds.clientSecret, scopes: creds.scopes },
    { fetch: v.fetch, clock: () => new Date(), policy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, badBodyAttempts: 1 } },
  );
}

describe('the transcription', () => {
  it('is a valid OpenAPI 3 document holding every example of the public document, each valid against its schema', () => {
    const t = readTranscription() as { paths: Record<string, Record<string, any>> };
    const example = (p: string, method: string, status: string) => t.paths[p]![method].responses[status].content['application/json'].example;
    const cases: [string, string, string, unknown][] = [
      ['/ping', 'get', 'ping', doc.PING],
      ['/self', 'get', 'self', doc.SELF],
      ['/accounting-data/{orgNr}', 'get', 'accountingData', doc.ACCOUNTING_PAGE],
      ['/relationship', 'get', 'relationships', doc.RELATIONSHIP_PAGE],
      ['/relationship/{orgNr}', 'get', 'relationship', doc.RELATIONSHIP],
      ['/relationship', 'post', 'requestAccess', doc.ACCESS_REQUEST_RESPONSE],
      ['/notifications', 'get', 'notifications', doc.NOTIFICATION_PAGE],
      ['/notifications/{orgNr}', 'get', 'borrowerNotifications', doc.BORROWER_NOTIFICATION_PAGE],
    ];
    for (const [p, method, op, expected] of cases) {
      expect(example(p, method, '200'), op).toEqual(expected);
      expect(validator.validator.validateResponse(expected, op, 200).errors, op).toBeNull();
    }
    expect(t.paths['/relationship']!.post.requestBody.content['application/json'].example).toEqual(doc.ACCESS_REQUEST_BODY);
    expect(example('/notifications/{orgNr}', 'get', '400')).toEqual(doc.RELATIONSHIP_NOT_FOUND);
    expect(validator.validator.validateResponse(doc.RELATIONSHIP_NOT_FOUND, 'borrowerNotifications', 400).errors).toBeNull();
  });

  it('marks each path stated or our default as API_PATHS does, and names only decisions of OUR_DEFAULTS', () => {
    const t = readTranscription() as { paths: Record<string, Record<string, { operationId?: string; 'x-path'?: string }>> };
    const ids: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'x-our-default') ids.push(x as string);
          else walk(x);
        }
      }
    };
    walk(t);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(Object.keys(OUR_DEFAULTS), id).toContain(id);
    // Each decision is marked in the transcription and described on the sandbox's page.
    const page = fs.readFileSync(path.resolve(path.dirname(OPENAPI_FILE), '../../docs/sandbox.md'), 'utf8');
    for (const id of Object.keys(OUR_DEFAULTS)) {
      expect(ids, id).toContain(id);
      expect(page, id).toContain(`| \`${id}\` |`);
    }
    for (const [p, ops] of Object.entries(t.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'servers') continue;
        const name = op.operationId as keyof typeof API_PATHS | 'token';
        if (name === 'token') continue;
        expect(API_PATHS[name].path('{orgNr}'), name).toBe(p);
        expect(API_PATHS[name].method.toLowerCase(), name).toBe(method);
        expect(op['x-path'], name).toBe(API_PATHS[name].stated ? 'stated' : 'our-default');
      }
    }
  });
});

describe('the client, against the transcription', () => {
  it('sends only valid requests, for every operation it uses, and accepts the documented answers', async () => {
    const v = watch();
    const client = clientVia(v);
    const approved = sb.control.orgNrs(undefined, 'access_approved');
    const pending = sb.control.orgNrs(undefined, 'access_requested')[0]!;
    await client.token();
    await client.ping();
    await client.self();
    const first = await client.relationships({ limit: 7 });
    await client.relationships({ limit: 7, skip: 7 });
    expect(first.items.every((r) => r.orgNr === undefined)).toBe(true);
    expect(await client.relationship(approved[0]!)).not.toBeNull();
    expect(await client.relationship('974760673')).toBeNull();
    await client.accountingData(approved[0]!, { limit: 2, skip: 1 });
    await client.notifications({});
    await client.borrowerNotifications(approved[1]!, { limit: 5 });
    await expect(client.accountingData(pending, {})).rejects.toMatchObject({ code: 'api_error', details: { key: 'relationship_not_approved' } });
    const answer = await client.requestAccess({ bankContactEmail: 'bedrift@demosparebank.no', borrowers: [{ orgNr: '923609016' }, { orgNr: approved[2]! }] });
    expect(answer.results.map((r) => r.success)).toEqual([true, false]);
    expect(v.violations).toEqual([]);
    expect([...v.seen().keys()].sort()).toEqual([...OPERATIONS].sort());
  });

  it('syncs the documented shape with valid requests only (the sync engine as the app runs it)', async () => {
    const v = watch();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-openapi-'));
    const cache = openCache('openapi', path.join(dir, 'cache.sqlite'));
    try {
      for (const orgNr of sb.control.orgNrs().slice(0, 12)) cache.followed.add(orgNr, 'typed', new Date().toISOString());
      const run = await runSync({ profileId: 'openapi', cache, client: clientVia(v), clock: () => new Date(), pageSize: 5 });
      expect(run.outcome).toBe('ok');
      expect(run.borrowersSynced).toBeGreaterThan(0);
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(v.violations).toEqual([]);
  });

  it('sends the token request per RFC 6749 even for a secret the encoding escapes', async () => {
    const odd = { clientId: 'bank:one', clientSecret: 'a+b/c=d%e f', bankName: 'Tegnbanken', bankOrgNr: '987654325', scopes: [SCOPES.read] };
    const other = await startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 2, omitOrgNr: true, clients: [odd] });
    try {
      const v = validatingFetch(validator, { tokenUrl: other.tokenUrl, apiBaseUrl: other.apiBaseUrl });
      const client = new SymetriskClient(
        { tokenUrl: other.tokenUrl, apiBaseUrl: other.apiBaseUrl, clientId: odd.clientId, clientSecret: odd.clientSecret, scopes: odd.scopes },
        { fetch: v.fetch, clock: () => new Date() },
      );
      await client.ping();
      expect(v.violations).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('the sandbox, against the transcription', () => {
  async function tokenFor(v: ValidatingFetch, creds: { clientId: string; clientSecret: string }, scope: string): Promise<string> {
    const res = await v.fetch(sb.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  it('answers valid requests, errors included, only as documented', async () => {
    const v = watch();
    const all = `${SCOPES.read} ${SCOPES.write}`;
    const tok = await tokenFor(v, DEMO_CLIENT, all);
    const readOnly = await tokenFor(v, READER, SCOPES.read);
    const get = (p: string, t: string | null = tok) => v.fetch(`${sb.apiBaseUrl}${p}`, { headers: t === null ? {} : { authorization: `Bearer ${t}` } });
    const post = (body: unknown, t = tok) =>
      v.fetch(`${sb.apiBaseUrl}${API_PATHS.requestAccess.path()}`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const approved = sb.control.orgNrs(undefined, 'access_approved');
    const pending = sb.control.orgNrs(undefined, 'access_requested');
    const unknown = '974760673';
    // Token endpoint: granted, refused client, refused scope.
    await v.fetch(sb.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic(DEMO_CLIENT.clientId, 'wrong'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(all)}`,
    });
    await v.fetch(sb.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic(READER.clientId, READER.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(all)}`,
    });
    // Every GET: answered, and every relationship of the list, page by page.
    await get(API_PATHS.ping.path());
    await get(API_PATHS.self.path());
    for (let skip = 0; skip < 30; skip += 10) await get(`${API_PATHS.relationships.path()}?limit=10&skip=${skip}`);
    for (const orgNr of [...approved.slice(0, 3), ...pending]) await get(API_PATHS.relationship.path(orgNr));
    for (const orgNr of approved.slice(0, 5)) {
      await get(API_PATHS.accountingData.path(orgNr));
      await get(`${API_PATHS.borrowerNotifications.path(orgNr)}?limit=3&skip=1`);
    }
    await get(API_PATHS.notifications.path());
    // The API's own errors: no relationship, one not approved.
    await get(API_PATHS.relationship.path(unknown));
    await get(API_PATHS.accountingData.path(unknown));
    await get(API_PATHS.borrowerNotifications.path(unknown));
    await get(API_PATHS.accountingData.path(pending[0]!));
    // The gateway's: a bad token, an expired one, a missing scope (no token at all: the next test).
    await get(API_PATHS.ping.path(), 'not.a.token');
    await post({ bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: '923609016' }] }, readOnly);
    // POST: granted and refused in one answer.
    await post({ bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: '916627939' }, { orgNr: approved[0]! }, { orgNr: '000000000' }] });
    const short = await tokenFor(v, DEMO_CLIENT, all);
    sb.control.expireAllTokens();
    await get(API_PATHS.ping.path(), short);
    expect(v.violations).toEqual([]);
    const seen = v.seen();
    expect([...seen.keys()].sort()).toEqual([...OPERATIONS].sort());
    expect([...seen.get('token')!].sort()).toEqual([200, 400, 401]);
    expect([...seen.get('ping')!].sort()).toEqual([200, 401]);
    expect([...seen.get('requestAccess')!].sort()).toEqual([200, 403]);
    expect(seen.get('accountingData')!.has(400)).toBe(true);
  });

  it('answers invalid requests (which the validator flags) with documented errors', async () => {
    const v = watch();
    const tok = await tokenFor(v, DEMO_CLIENT, `${SCOPES.read} ${SCOPES.write}`);
    const get = (p: string, headers: Record<string, string> = { authorization: `Bearer ${tok}` }) => v.fetch(`${sb.apiBaseUrl}${p}`, { headers });
    const post = (body: string) =>
      v.fetch(`${sb.apiBaseUrl}${API_PATHS.requestAccess.path()}`, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body });
    const approved = sb.control.orgNrs(undefined, 'access_approved')[0]!;
    await get(`${API_PATHS.relationships.path()}?limit=0`);
    await get(`${API_PATHS.relationships.path()}?limit=101`);
    await get(`${API_PATHS.notifications.path()}?skip=-1`);
    await get(`${API_PATHS.accountingData.path(approved)}?limit=abc`);
    await get(API_PATHS.accountingData.path('12345'));
    await post('{"bankContactEmail": ');
    await post(JSON.stringify({ bankContactEmail: 'not-an-email', borrowers: [] }));
    await post(JSON.stringify({ bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: 923609016 }] }));
    await get(API_PATHS.ping.path(), {});
    expect(v.violations.filter((x) => x.side === 'response')).toEqual([]);
    // Every one of the nine requests (1..9, after the token) is flagged.
    expect([...new Set(v.violations.filter((x) => x.side === 'request').map((x) => x.n))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(v.exchanges.slice(1).map((e) => e.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 200, 401]);
  });

  it('answers faults (throttling, 500, a proxy page, 503) as documented', async () => {
    const v = watch();
    const tok = await tokenFor(v, DEMO_CLIENT, SCOPES.read);
    try {
      sb.control.setFaults({ errorRate: 1, seed: 5 });
      for (let i = 0; i < 12; i++) await v.fetch(`${sb.apiBaseUrl}${API_PATHS.ping.path()}`, { headers: { authorization: `Bearer ${tok}` } });
      sb.control.setFaults({ rateLimit: { everyNth: 1, burst: 1, retryAfterSeconds: 1 } });
      await v.fetch(`${sb.apiBaseUrl}${API_PATHS.self.path()}`, { headers: { authorization: `Bearer ${tok}` } });
    } finally {
      sb.control.setFaults({});
    }
    expect(v.violations).toEqual([]);
    expect([...v.seen().get('ping')!].sort()).toEqual([500, 502, 503]);
    expect([...v.seen().get('self')!]).toEqual([429]);
  });
});

describe('the validator is no rubber stamp', () => {
  it('flags orgNr in relationship items (the opt-in of a later API version) and an undocumented status', async () => {
    const later = await startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 3, relationshipOrgNr: true });
    try {
      const v = validatingFetch(validator, { tokenUrl: later.tokenUrl, apiBaseUrl: later.apiBaseUrl });
      const client = new SymetriskClient(
        { tokenUrl: later.tokenUrl, apiBaseUrl: later.apiBaseUrl, clientId: later.clientId, clientSecret: later.clientSecret, scopes: [SCOPES.read] },
        { fetch: v.fetch, clock: () => new Date() },
      );
      await client.relationships({});
      await client.relationship(later.control.orgNrs()[0]!);
      const problems = v.violations.map((x) => `${x.exchange}: ${x.problem}`);
      expect(problems.length).toBe(2);
      for (const p of problems) expect(p).toMatch(/additional properties .*"additionalProperty":"orgNr"/);
      // A status the transcription does not list for the operation.
      const teapot = validatingFetch(validator, { tokenUrl: later.tokenUrl, apiBaseUrl: later.apiBaseUrl }, async () => new Response('{}', { status: 418, headers: { 'content-type': 'application/json' } }));
      await expect(
        new SymetriskClient(
          { tokenUrl: later.tokenUrl, apiBaseUrl: later.apiBaseUrl, clientId: 'x', clientSecret: 'y', scopes: [SCOPES.read] },
          { fetch: teapot.fetch, clock: () => new Date() },
        ).token({ retry: false }),
      ).rejects.toBeInstanceOf(AppError);
      expect(teapot.violations.map((x) => x.problem)).toEqual(['status 418 is not documented for token']);
    } finally {
      await later.close();
    }
  });
});
