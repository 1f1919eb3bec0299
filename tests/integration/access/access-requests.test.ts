/**
 * Access requests against the sandbox (finding 3): every answer of POST /relationship is kept with its signup link,
 * matched by the number it echoes or else by its position; a POST whose answer is lost (a 5xx, a cut-off answer, a
 * deadline) leaves its requests uncertain, and GET /relationship/{orgNr} settles them, on demand or at the next sync.
 * The links leave as a CSV file for a mail merge, written as every export is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { AccessService } from '../../../electron/services/access/access-service';
import { ExportService } from '../../../electron/services/export/export-service';
import { nullLogger } from '../../../electron/services/log';
import { CacheRegistry } from '../../../electron/services/portfolio/cache-registry';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { runSync } from '../../../electron/services/sync/engine';
import { contract } from '../../../shared/contract';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { FAST_RETRY, FIXED_NOW } from '../sync/helpers';

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

const FRESH = ['974760673', '923609016', '915635857'];
const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

/** The sandbox, a cache and the access service over a client whose fetch a test may wrap. */
async function setup(wrap: (f: typeof fetch) => typeof fetch = (f) => f, timeoutMs = 5_000) {
  sandbox = await startSandbox({ seed: 5, borrowers: 8, now: FIXED_NOW });
  const sb = sandbox;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-access-'));
  caches = new CacheRegistry((id) => path.join(dir!, 'cache', `${id}.sqlite`));
  const client = new SymetriskClient(
    { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: [SCOPES.read, SCOPES.write] },
    { fetch: wrap(fetch), clock: () => new Date(), policy: FAST_RETRY, timeoutMs },
  );
  const exports = new ExportService({
    dataDir: dir,
    host: 'test',
    appVersion: '0.0.0-test',
    clock: () => FIXED_NOW,
    emit: () => {},
    log: nullLogger,
    packSource: () => Promise.reject(new Error('no pack here')),
    settings: () => ({ language: 'nb', amountFormat: 'nok', staleAfterDays: 45 }),
  });
  const access = new AccessService({ caches, clock: () => FIXED_NOW, client: async () => client, exportCsv: (i) => exports.startCsv(i), language: () => 'nb' });
  return { sb, client, access, exports, cache: caches.open('p') };
}

/** Rewrites the answers of POST /relationship as a server that formats numbers its own way would. */
function rewritingAnswers(rewrite: (results: Record<string, unknown>[]) => unknown[]) {
  return (f: typeof fetch): typeof fetch =>
    async (input, init) => {
      const res = await f(input, init);
      const url = new URL(String(input instanceof Request ? input.url : input));
      if ((init?.method ?? 'GET') !== 'POST' || !url.pathname.endsWith('/relationship')) return res;
      const body = rewrite((await res.json()) as Record<string, unknown>[]);
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
}

describe('every answer kept (finding 3)', () => {
  it('an answer that echoes another number is matched by its position, its link kept and its borrower followed', async () => {
    const { access, cache } = await setup(rewritingAnswers((rs) => rs.map((r) => ({ ...r, orgNr: spaced(String(r['orgNr'])) }))));
    const out = await access.request('p', 'kreditt@bank.no', FRESH);
    expect(contract['access:request'].output.safeParse(out).success).toBe(true);
    expect(out.uncertain).toBeNull();
    expect(out.unmatched).toEqual([]);
    for (const [i, orgNr] of FRESH.entries()) {
      expect(out.results[i]).toMatchObject({ orgNr, ok: true, state: 'requested', matchedBy: 'position', answeredOrgNr: spaced(orgNr) });
      expect(out.results[i]!.signupLink).toMatch(/^https:\/\/www\.symetrisk\.com\/signup\?/);
    }
    const rows = access.list('p');
    expect(rows.map((r) => [r.orgNr, r.state, r.matchedBy]).sort()).toEqual(FRESH.map((o) => [o, 'requested', 'position']).sort());
    expect(rows.every((r) => r.signupLink !== null && r.signupLinkExpiresAt !== null)).toBe(true);
    expect(cache.followed.all().map((f) => f.orgNr).sort()).toEqual([...FRESH].sort());
  });

  it('an answer naming a number that was not sent is kept with its link; the number it leaves unanswered is uncertain', async () => {
    const { access } = await setup(rewritingAnswers((rs) => [...rs.slice(0, 2), { ...rs[2], orgNr: '920000002' }, { orgNr: 'garbage', success: false, message: 'Invalid brreg organization number.' }]));
    const out = await access.request('p', 'kreditt@bank.no', FRESH);
    expect(out.results.map((r) => [r.orgNr, r.state, r.matchedBy])).toEqual([
      [FRESH[0], 'requested', 'org_nr'],
      [FRESH[1], 'requested', 'org_nr'],
      [FRESH[2], 'uncertain', null],
    ]);
    expect(out.results[2]!.reason).toBe('no_answer');
    expect(out.unmatched.map((u) => [u.answeredOrgNr, u.ok, u.signupLink !== null])).toEqual([
      ['920000002', true, true],
      ['garbage', false, false],
    ]);
    const stored = access.list('p');
    expect(stored.filter((r) => r.state === 'unmatched').map((r) => [r.orgNr, r.answeredOrgNr])).toEqual(
      expect.arrayContaining([
        ['920000002', '920000002'],
        ['', 'garbage'],
      ]),
    );
  });
});

describe('a request whose answer was lost is uncertain, then checked (finding 3)', () => {
  it('a 5xx: uncertain; the check finds no relationship, so it was not received', async () => {
    const { sb, access, cache } = await setup();
    sb.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    const out = await access.request('p', 'kreditt@bank.no', FRESH.slice(0, 2));
    expect(out.uncertain).toMatchObject({ reason: 'server_error' });
    expect(out.results.map((r) => [r.state, r.reason])).toEqual([
      ['uncertain', 'server_error'],
      ['uncertain', 'server_error'],
    ]);
    expect(access.list('p').map((r) => r.state)).toEqual(['uncertain', 'uncertain']);
    sb.control.setFaults({});
    const checked = await access.check('p');
    expect(contract['access:check'].output.safeParse(checked).success).toBe(true);
    expect(checked).toMatchObject({ checked: 2, confirmed: [], failed: [] });
    expect(checked.notReceived.sort()).toEqual(FRESH.slice(0, 2).sort());
    expect(access.list('p').map((r) => r.state)).toEqual(['not_received', 'not_received']);
    expect(cache.followed.count()).toBe(0);
  });

  it('a cut-off answer: uncertain; the next sync finds the relationships, confirms the requests and follows them', async () => {
    const { sb, access, cache, client } = await setup();
    sb.control.setFaults({ truncatedRate: 1 });
    const out = await access.request('p', 'kreditt@bank.no', FRESH.slice(0, 2));
    expect(out.uncertain).toMatchObject({ reason: 'bad_response' });
    sb.control.setFaults({});
    const run = await runSync({ profileId: 'p', cache, client, clock: () => new Date() });
    expect(run.outcome).toBe('ok');
    const rows = access.list('p');
    expect(rows.map((r) => [r.state, r.relationshipState])).toEqual([
      ['confirmed', 'access_requested'],
      ['confirmed', 'access_requested'],
    ]);
    expect(rows.every((r) => r.checkedAt !== null)).toBe(true);
    expect(cache.followed.all().map((f) => f.orgNr).sort()).toEqual(FRESH.slice(0, 2).sort());
    expect(cache.followed.list().map((f) => f.check?.state)).toEqual(['linked', 'linked']);
    for (const o of FRESH.slice(0, 2)) expect(cache.relationships.get(o)?.state).toBe('access_requested');
    expect(cache.accessRequests.uncertainOrgNrs()).toEqual([]);
  });

  it('an answer slower than the deadline: uncertain; checked on demand, confirmed', async () => {
    const { sb, access } = await setup((f) => f, 300);
    sb.control.setFaults({ slowBodyMs: 2_000 });
    const out = await access.request('p', 'kreditt@bank.no', [FRESH[0]!]);
    expect(out.uncertain).toMatchObject({ reason: 'deadline_passed' });
    sb.control.setFaults({});
    expect(await access.check('p')).toMatchObject({ checked: 1, confirmed: [FRESH[0]], notReceived: [] });
  });

  it('a connection never made is no request at all: the error says so and nothing is stored', async () => {
    const { sb, access } = await setup();
    await sb.stopListening();
    await expect(access.request('p', 'kreditt@bank.no', [FRESH[0]!])).rejects.toMatchObject({ code: 'offline' });
    expect(access.list('p')).toEqual([]);
  });
});

describe('Tidligere forespørsler follows the relationship (issue 17)', () => {
  it('a request the borrower approves shows as approved after the next sync; an approved borrower is not asked again, nor logged', async () => {
    const posts: string[] = [];
    const recording = (f: typeof fetch): typeof fetch => async (input, init) => {
      if ((init?.method ?? 'GET') === 'POST' && String(input instanceof Request ? input.url : input).endsWith('/relationship')) posts.push(String(init?.body));
      return f(input, init);
    };
    const { sb, access, cache, client } = await setup(recording);
    const first = await access.request('p', 'kreditt@bank.no', [FRESH[0]!]);
    expect(first.results.map((r) => r.state)).toEqual(['requested']);
    expect(access.list('p').map((r) => [r.orgNr, r.state, r.relationshipState])).toEqual([[FRESH[0], 'requested', null]]);
    // The borrower finishes onboarding; the next sync learns it, and the request shows it.
    sb.control.setRelationshipState(FRESH[0]!, 'access_approved');
    expect((await runSync({ profileId: 'p', cache, client, clock: () => new Date() })).outcome).toBe('ok');
    expect(cache.relationships.get(FRESH[0]!)?.state).toBe('access_approved');
    expect(access.list('p').map((r) => [r.orgNr, r.state, r.relationshipState])).toEqual([[FRESH[0], 'requested', 'access_approved']]);
    // Asked again, with a new number beside it: the approved one is answered here and never sent; only the new one is.
    posts.length = 0;
    const again = await access.request('p', 'kreditt@bank.no', [FRESH[0]!, FRESH[1]!]);
    expect(contract['access:request'].output.safeParse(again).success).toBe(true);
    expect(again.results.map((r) => [r.line, r.orgNr, r.state, r.reason])).toEqual([
      [1, FRESH[0], 'invalid', 'already_approved'],
      [2, FRESH[1], 'requested', null],
    ]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(FRESH[1]);
    expect(posts[0]).not.toContain(FRESH[0]);
    const rows = access.list('p');
    expect(rows.filter((r) => r.orgNr === FRESH[0]).map((r) => r.state)).toEqual(['requested']);
    expect(rows.filter((r) => r.orgNr === FRESH[1]).map((r) => r.state)).toEqual(['requested']);
    expect(rows.some((r) => /already approved/i.test(r.message))).toBe(false);
  });
});

describe('the signup links for a mail merge', () => {
  it('every link in a CSV file (UTF-8 with BOM, semicolons for Norwegian Excel), written as exports are', async () => {
    const { access, exports } = await setup();
    await expect(access.exportLinks('p')).rejects.toMatchObject({ code: 'not_found', details: { reason: 'no_signup_links' } });
    await access.request('p', 'kreditt@bank.no', FRESH);
    const { exportId } = await access.exportLinks('p');
    const result = await exports.wait(exportId);
    expect(result.outcome).toBe('ok');
    const file = exports.resolveDownload(exportId)!;
    expect(file.fileName).toMatch(/^Registreringslenker \d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(file.path, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Organisasjonsnummer;Låntaker;Bankens kontakt;Registreringslenke;Lenken utløper;Forespurt');
    expect(lines).toHaveLength(1 + FRESH.length);
    const links = new Map(access.list('p').map((r) => [r.orgNr, r.signupLink]));
    for (const line of lines.slice(1)) {
      const [orgNr, , contact, link, expires] = line.split(';');
      expect(link).toBe(links.get(orgNr!));
      expect(contact).toBe('kreditt@bank.no');
      expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
