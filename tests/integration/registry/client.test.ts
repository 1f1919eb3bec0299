/** The registry client against the registry sandbox over loopback: outcomes, batching, the feed, errors with reasons. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { RegistryClient } from '../../../electron/services/registry/client';
import { AppError } from '../../../shared/contract/errors';
import { MEDIA_TYPES } from '../../../shared/registry/defaults';
import { startHostileServer } from '../../fixtures/hostile-server';
import { start } from '../sandbox/helpers';

let sb: Sandbox;
let roles: ReturnType<Sandbox['registry']['control']['roles']>;
const accepts: string[] = [];

const noWait = async (): Promise<void> => {};
function client(sandbox: Sandbox, over: { timeoutMs?: number } = {}): RegistryClient {
  const recording: typeof fetch = (input, init) => {
    accepts.push(`${new URL(String(input)).pathname.split('/').slice(0, 4).join('/')} ${new Headers(init?.headers).get('accept')}`);
    return fetch(input, init);
  };
  return new RegistryClient(
    { enhetsregisteretUrl: sandbox.registry.enhetsregisteretUrl, regnskapsregisteretUrl: sandbox.registry.regnskapsregisteretUrl },
    { fetch: recording, clock: () => sandbox.control.now(), sleep: noWait, ...over },
  );
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

beforeAll(async () => {
  sb = await start({ borrowers: 30 });
  roles = sb.registry.control.roles();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.registry.control.setFaults({});
  sb.registry.control.resetStats();
  accepts.length = 0;
});

describe('registry client', () => {
  it('tells a live, a deleted, a removed and an unknown unit apart, asking for the versioned media type', async () => {
    const c = client(sb);
    const live = await c.unit(roles.bankrupt!);
    expect(live.kind === 'active' && live.enhet.konkurs).toBe(true);
    expect(live.kind === 'active' && (live.raw as Record<string, unknown>).respons_klasse).toBe('Enhet');
    expect((await c.unit(roles.deleted!)).kind).toBe('deleted');
    expect(await c.unit(roles.removed!)).toMatchObject({ kind: 'removed', gone: { organisasjonsnummer: roles.removed } });
    expect(await c.unit('123456785')).toEqual({ kind: 'not_found' });
    expect(accepts[0]).toBe(`/enhetsregisteret/api/enheter ${MEDIA_TYPES.enhet}`);
  });

  it('looks up in chunks, one call per chunk; deleted and removed units are not in the batch answer', async () => {
    const c = client(sb);
    const orgNrs = sb.control.orgNrs().slice(0, 5);
    const list = [...orgNrs, roles.deleted!, roles.removed!].filter((o, i, a) => a.indexOf(o) === i);
    const found = await c.units(list, { chunk: 3 });
    expect(sb.registry.control.stats().byEndpoint.enheter).toBe(Math.ceil(list.length / 3));
    expect(found.has(roles.deleted!)).toBe(false);
    expect(found.has(roles.removed!)).toBe(false);
    for (const o of orgNrs.filter((x) => x !== roles.deleted && x !== roles.removed)) expect(found.get(o)?.kind).toBe('active');
  });

  it('searches by name, reads the feed head and pages on from an id', async () => {
    const c = client(sb);
    const unit = await c.unit(sb.control.orgNrs()[1]!);
    const name = unit.kind === 'active' ? unit.enhet.navn : '';
    const hits = await c.searchByName(name);
    expect(hits.map((h) => h.enhet.navn)).toContain(name);
    const head = await c.feedHead();
    expect(head).toBe(sb.registry.control.feedHead());
    const page = await c.changes({ fromId: head! - 2, includeChanges: true, size: 10 });
    expect(page.items.map((i) => i.oppdateringsid)).toEqual([head! - 2, head! - 1, head!]);
    expect(page.items[0]!.endringer).toBeDefined();
    expect(accepts.some((a) => a === `/enhetsregisteret/api/oppdateringer ${MEDIA_TYPES.oppdateringEnhet}`)).toBe(true);
  });

  it('reads filed accounts; 404 is none, the insurer’s 500 is an unsupported layout', async () => {
    const c = client(sb);
    const filed = await c.accounts(roles.late!);
    expect(filed.kind === 'filed' && filed.accounts[0]!.regnkapsprinsipper.smaaForetak).toBeTypeOf('boolean');
    expect(await c.accounts(roles.forced_dissolution!)).toEqual({ kind: 'none' });
    expect(await c.accounts(roles.insurer!)).toEqual({ kind: 'unsupported', layout: 'SKADE', message: 'Regnskapet inneholder en oppstillingsplan som ikke er stottet (SKADE)' });
  });

  it('refuses bad input before any call, with a reason', async () => {
    const c = client(sb);
    expect((await failure(c.unit('12345'))).details).toMatchObject({ reason: 'invalid_org_number', value: '12345' });
    expect((await failure(c.units(['923609016', 'abc']))).details?.reason).toBe('invalid_org_number');
    expect((await failure(c.searchByName('x'.repeat(181)))).details).toMatchObject({ reason: 'name_length', max: 180 });
    expect(sb.registry.control.stats().requests).toBe(0);
  });

  it('maps bad answers to errors with reasons, naming the endpoint and never the org number', async () => {
    const c = client(sb);
    const o = roles.bankrupt!;
    sb.registry.control.setFaults({ targets: [{ orgNr: o, api: 'enhetsregisteret', mode: 'error500' }] });
    const e500 = await failure(c.unit(o));
    expect(e500).toMatchObject({ code: 'api_error', details: { reason: 'registry_server_error', status: 500, endpoint: 'GET /enheter/{orgnr}' } });
    expect(e500.details?.trace).toMatch(/^[0-9a-f-]{36}$/);
    expect(e500.message).not.toContain(o);
    sb.registry.control.setFaults({ targets: [{ orgNr: o, mode: 'malformed' }] });
    expect((await failure(c.unit(o))).details).toMatchObject({ reason: 'registry_not_json', attempts: 2 });
    sb.registry.control.setFaults({ targets: [{ orgNr: o, mode: 'truncated' }] });
    expect((await failure(c.accounts(o))).details?.reason).toBe('registry_truncated');
    sb.registry.control.setFaults({ targets: [{ orgNr: o, mode: 'bad_shape' }] });
    const shape = await failure(c.units([o]));
    expect(shape).toMatchObject({ code: 'bad_response', details: { reason: 'registry_bad_shape' } });
    expect(String(shape.details?.field)).toMatch(/^page|^_embedded/);
    expect((await failure(c.accounts(o))).details).toMatchObject({ reason: 'registry_bad_shape', field: '(body)' });
    const bad = await failure(c.changes({ dato: '2026-01-01' }));
    expect(bad.details).toMatchObject({ reason: 'registry_bad_request', status: 400 });
    expect(String(bad.details?.apiMessage)).toMatch(/dato/);
    sb.registry.control.setFaults({ rateLimit: { everyNth: 1, burst: 1, retryAfterSeconds: 0 } });
    expect((await failure(c.unit(o))).details).toMatchObject({ reason: 'registry_rate_limited', status: 429 });
  });

  it('gives up on an answer slower than the timeout, and on a registry that is down', async () => {
    const o = roles.differs!;
    sb.registry.control.setFaults({ targets: [{ orgNr: o, mode: 'slow', ms: 2000 }] });
    const slow = await failure(client(sb, { timeoutMs: 100 }).unit(o));
    expect(slow).toMatchObject({ code: 'offline', details: { reason: 'registry_timeout', attempts: 2 } });
    const other = await start({ borrowers: 12 });
    const c = client(other);
    await other.stopListening();
    expect((await failure(c.unit(other.control.orgNrs()[0]!))).details?.reason).toBe('registry_unreachable');
    await other.close();
  });

  it('goes through the one HTTP layer: no redirect followed, an answer above the byte limit refused unread, plain http only to this computer', async () => {
    const hostile = await startHostileServer({ upstream: sb.origin });
    try {
      const via = new RegistryClient(
        { enhetsregisteretUrl: `${hostile.origin}/enhetsregisteret/api`, regnskapsregisteretUrl: `${hostile.origin}/regnskapsregisteret/regnskap` },
        { fetch, clock: () => sb.control.now(), sleep: noWait },
      );
      const o = roles.differs!;
      hostile.set('redirect', { where: 'all', redirectTo: 'https://elsewhere.example/steal' });
      const redirected = await failure(via.unit(o));
      expect(redirected).toMatchObject({ code: 'bad_response', details: { reason: 'redirect_refused', redirectHost: 'elsewhere.example', attempts: 1 } });
      expect(redirected.message).toContain('Brønnøysundregistrene');
      expect(hostile.stats.hit).toBe(1);
      hostile.set('huge-length', { where: 'all' });
      expect((await failure(via.accounts(o))).details).toMatchObject({ reason: 'answer_too_large', limitBytes: 8 * 1024 * 1024 });
      hostile.set('none');
      expect((await via.unit(o)).kind).toBe('active');
    } finally {
      await hostile.close();
    }
    const remote = new RegistryClient(
      { enhetsregisteretUrl: 'http://registry.example/enhetsregisteret/api', regnskapsregisteretUrl: 'http://registry.example/regnskapsregisteret/regnskap' },
      { fetch: () => Promise.reject(new Error('must not be called')), clock: () => sb.control.now(), sleep: noWait },
    );
    expect((await failure(remote.unit(roles.differs!))).details?.reason).toBe('plain_http_not_loopback');
  });
});
