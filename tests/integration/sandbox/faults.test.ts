/** Each fault mode, switched on alone, over loopback; decisions are seeded, so counts are exact. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { API_PATHS, GATEWAY_ERRORS } from '../../../shared/symetrisk/defaults';
import { api, rawGet, start, token } from './helpers';

let sb: Sandbox;
let tok: string;
const N = 40;

beforeAll(async () => {
  sb = await start({ borrowers: 10 });
  tok = await token(sb);
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.control.setFaults({});
  sb.control.resetStats();
});

async function pings(n: number): Promise<Array<{ status: number; text: string; headers: Headers } | { error: string }>> {
  const out: Array<{ status: number; text: string; headers: Headers } | { error: string }> = [];
  for (let i = 0; i < n; i++) {
    try {
      const r = await api(sb, tok, API_PATHS.relationships.path() + '?limit=5');
      out.push(r);
    } catch (err) {
      out.push({ error: String(err) });
    }
  }
  return out;
}

const statusOf = (r: { status: number } | { error: string }): number | string => ('status' in r ? r.status : 'dropped');

describe('fault modes', () => {
  it('errorRate answers a seeded share with 500, 502 (not JSON) and 503', async () => {
    sb.control.setFaults({ errorRate: 0.5, seed: 1 });
    const results = await pings(N);
    const statuses = results.map(statusOf);
    const errors = statuses.filter((s) => s !== 200);
    expect(errors.length).toBeGreaterThan(5);
    expect(errors.length).toBeLessThan(35);
    expect(new Set(errors)).toEqual(new Set([500, 502, 503]));
    const f = sb.control.stats().faultsInjected;
    expect((f.error500 ?? 0) + (f.error502 ?? 0) + (f.error503 ?? 0)).toBe(errors.length);
    // Deterministic: the same configuration again gives the same sequence.
    sb.control.setFaults({ errorRate: 0.5, seed: 1 });
    expect((await pings(N)).map(statusOf)).toEqual(statuses);
  });

  it('rateLimit: the last `burst` of every `everyNth` requests get 429 with Retry-After', async () => {
    sb.control.setFaults({ rateLimit: { everyNth: 5, burst: 2, retryAfterSeconds: 3 } });
    const results = await pings(10);
    expect(results.map(statusOf)).toEqual([200, 200, 200, 429, 429, 200, 200, 200, 429, 429]);
    const limited = results[3] as { headers: Headers; text: string };
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(JSON.parse(limited.text)).toEqual({ message: GATEWAY_ERRORS.throttled.message });
    sb.control.setFaults({ rateLimit: { everyNth: 1, burst: 1, retryAfterSeconds: 2, asHttpDate: true } });
    const dated = (await pings(1))[0] as { headers: Headers };
    expect(Number.isNaN(Date.parse(dated.headers.get('retry-after')!))).toBe(false);
    expect(dated.headers.get('retry-after')).toMatch(/GMT$/);
  });

  it('malformedRate: status 200 with a body that is not JSON', async () => {
    sb.control.setFaults({ malformedRate: 1 });
    const r = (await pings(3)) as Array<{ status: number; text: string }>;
    for (const x of r) {
      expect(x.status).toBe(200);
      expect(() => JSON.parse(x.text)).toThrow();
    }
    expect(sb.control.stats().faultsInjected.malformed).toBe(3);
  });

  it('truncatedRate: status 200 with JSON cut mid-way (a prefix of the real body)', async () => {
    const whole = (await api(sb, tok, API_PATHS.relationships.path() + '?limit=5')).text;
    sb.control.setFaults({ truncatedRate: 1 });
    const r = (await pings(3)) as Array<{ status: number; text: string }>;
    for (const x of r) {
      expect(x.status).toBe(200);
      expect(() => JSON.parse(x.text)).toThrow();
      expect(whole.startsWith(x.text)).toBe(true);
      expect(x.text.length).toBeLessThan(whole.length);
    }
  });

  it('dropRate: the connection is closed without an answer', async () => {
    sb.control.setFaults({ dropRate: 1 });
    const r = await rawGet(`${sb.apiBaseUrl}/ping`, { Authorization: `Bearer ${tok}` });
    expect('error' in r).toBe(true);
    expect(sb.control.stats().faultsInjected.drop).toBe(1);
    sb.control.setFaults({ dropRate: 0.3, seed: 5 });
    const results = (await pings(N)).map(statusOf);
    expect(results.filter((s) => s === 'dropped').length).toBe(sb.control.stats().faultsInjected.drop! - 1);
    expect(results.filter((s) => s === 200).length).toBeGreaterThan(10);
  });

  it('slowBodyMs: the body arrives in several chunks, complete', async () => {
    sb.control.setFaults({ slowBodyMs: 40 });
    const r = await rawGet(`${sb.apiBaseUrl}/relationship?limit=10`, { Authorization: `Bearer ${tok}` });
    if ('error' in r) throw new Error(r.error);
    expect(r.status).toBe(200);
    expect(r.chunks).toBeGreaterThan(1);
    expect((JSON.parse(r.body) as { items: unknown[] }).items).toHaveLength(10);
  });

  it('latency delays API and token answers (counted; lower bound only)', async () => {
    sb.control.setFaults({ latencyMs: 30, jitterMs: 10 });
    const t0 = performance.now();
    const r = await api(sb, tok, API_PATHS.ping.path());
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    await token(sb);
    expect(sb.control.stats().faultsInjected.latency).toBe(2);
  });

  it('earlyTokenExpiryRate: a valid token answered 401 as expired, and it stays dead', async () => {
    const t = await token(sb);
    sb.control.setFaults({ earlyTokenExpiryRate: 1 });
    const r = await api(sb, t, API_PATHS.ping.path());
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: GATEWAY_ERRORS.expiredToken.message });
    sb.control.setFaults({});
    expect((await api(sb, t, API_PATHS.ping.path())).status).toBe(401);
    tok = await token(sb);
    expect((await api(sb, tok, API_PATHS.ping.path())).status).toBe(200);
  });

  it('faults never touch the control API', async () => {
    sb.control.setFaults({ errorRate: 1, dropRate: 1, malformedRate: 1 });
    const res = await fetch(`${sb.controlUrl}/stats`);
    expect(res.status).toBe(200);
    await res.json();
  });
});
