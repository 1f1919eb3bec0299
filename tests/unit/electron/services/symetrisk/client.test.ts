import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SymetriskClient } from '../../../../../electron/services/symetrisk/client';
import type { RetryPolicy } from '../../../../../electron/services/symetrisk/retry';
import { parseRetryAfter } from '../../../../../electron/services/symetrisk/retry';
import { AppError } from '../../../../../shared/contract';

const SECRET = 'top-secret-value-123';
const TOKEN = 'tok-abcdefghijklmnop';
const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 30, badBodyAttempts: 2 };

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

/** A tiny API: the token endpoint always works (counted); `api` answers everything else. */
async function serve(api: Handler, opts: { tokenDelayMs?: number } = {}) {
  const counts = { token: 0, api: 0 };
  server = createServer((req, res) => {
    if (req.url === '/token') {
      counts.token++;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: `${TOKEN}${counts.token}`, expires_in: 3600, token_type: 'Bearer' }));
      }, opts.tokenDelayMs ?? 0);
      return;
    }
    counts.api++;
    api(req, res, counts.api);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const client = new SymetriskClient(
    { tokenUrl: `${origin}/token`, apiBaseUrl: `${origin}/api/v1`, clientId: 'id', clientSecret: SECRET, scopes: ['s'] },
    { fetch, clock: () => new Date(), policy: POLICY, timeoutMs: 300 },
  );
  return { client, counts };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const page = (items: unknown[]) => ({ metadata: { limit: 100, skip: 0, returnedItems: items.length, totalItems: items.length }, items });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    // Neither the secret nor any token ever appears in what an error says.
    expect(JSON.stringify([err.message, err.details])).not.toContain(SECRET);
    expect(JSON.stringify([err.message, err.details])).not.toContain(TOKEN);
    return err;
  }
  throw new Error('expected a failure');
}

describe('SymetriskClient', () => {
  it('shares one token request among concurrent callers', async () => {
    const { client, counts } = await serve((_q, res) => json(res, 200, { message: 'pong' }), { tokenDelayMs: 20 });
    await Promise.all(Array.from({ length: 10 }, () => client.ping()));
    expect(counts.token).toBe(1);
    expect(client.stats.requests).toBe(11);
  });

  it('renews the token once on a 401, then fails with auth_failed', async () => {
    let calls = 0;
    const { client, counts } = await serve((_q, res) => {
      calls++;
      if (calls === 1) return json(res, 401, [{ key: 'token_expired', message: 'expired' }]);
      json(res, 200, { message: 'pong' });
    });
    await client.ping();
    expect(counts.token).toBe(2);
    const again = await serve((_q, res) => json(res, 401, [{ key: 'invalid_token', message: 'no' }]));
    const err = await failure(again.client.ping());
    expect(err.code).toBe('auth_failed');
    expect(again.counts.api).toBe(2);
  });

  it('retries 502, 503 and 504 and network drops, but never 500 or another 4xx', async () => {
    const seq = [502, 503, 504];
    const a = await serve((req, res, n) => (n <= 3 ? json(res, seq[n - 1]!, []) : json(res, 200, { message: 'pong' })));
    await a.client.ping();
    expect(a.client.stats.retries).toBe(3);
    await new Promise<void>((r) => server!.close(() => r()));

    const b = await serve((_q, res) => json(res, 500, [{ key: 'internal_error', message: 'boom' }]));
    expect((await failure(b.client.ping())).code).toBe('api_error');
    expect(b.counts.api).toBe(1);
    await new Promise<void>((r) => server!.close(() => r()));

    const c = await serve((_q, res) => json(res, 400, [{ key: 'relationship_not_found', message: 'none' }]));
    const err = await failure(c.client.accountingData('923609016', {}));
    expect(err.code).toBe('api_error');
    expect(err.details?.key).toBe('relationship_not_found');
    expect(c.counts.api).toBe(1);
    expect(await c.client.relationship('923609016')).toBeNull();
    await new Promise<void>((r) => server!.close(() => r()));

    const d = await serve((req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, { message: 'pong' })));
    await d.client.ping();
    expect(d.client.stats.retries).toBe(1);
  });

  it('honours Retry-After on 429 (seconds and HTTP date) and maps 403 scope errors to missing_scope', async () => {
    expect(parseRetryAfter('2', new Date(0))).toBe(2000);
    expect(parseRetryAfter(new Date(5000).toUTCString(), new Date(1000))).toBe(4000);
    expect(parseRetryAfter('soon', new Date())).toBeNull();
    const a = await serve((_q, res, n) => (n === 1 ? json(res, 429, [], { 'retry-after': '0' }) : json(res, 200, { message: 'pong' })));
    await a.client.ping();
    expect(a.client.stats.retries).toBe(1);
    await new Promise<void>((r) => server!.close(() => r()));
    const b = await serve((_q, res) => json(res, 403, [{ key: 'insufficient_scope', message: 'lacks read' }]));
    expect((await failure(b.client.ping())).code).toBe('missing_scope');
  });

  it('retries a cut-off body once, then reports bad_response', async () => {
    const a = await serve((_q, res, n) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(n === 1 ? '{"message": "po' : JSON.stringify({ message: 'pong' }));
    });
    await a.client.ping();
    await new Promise<void>((r) => server!.close(() => r()));
    const b = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>oops</html>');
    });
    const err = await failure(b.client.ping());
    expect(err.code).toBe('bad_response');
    expect(b.counts.api).toBe(2);
  });

  it('names the endpoint and the field of a response with the wrong shape, keeping unknown fields', async () => {
    const good = { id: 1, snapshotDate: '2025-08-14', fetchedAt: '2025-10-10T00:00:00.00000', origin: 'api', accountingSystem: 'fiken', extra: 42 };
    const data = {
      symetrisk_real_time_accounts_format_version: '2025-09-19', year: 2025, start_date: '2025-01-01', end_date: '2025-08-14', days_included: 226,
      p_and_l_items: { revenues: 1, expenses: 1, ebitda: 0, ebit: 0, interest_income: 0, interest_expenses: 0, taxes: 0, depreciation: 0, amortization: 0, depreciation_and_amortization: 0, other_financial_income: 0, other_financial_expenses: 0, net_profit: 0 },
      balance_items: { equity: 1, interest_bearing_debt: 0, net_interest_bearing_debt: 0, total_assets: 1 },
    };
    const bad = structuredClone({ ...good, data }) as { data: { p_and_l_items: Record<string, unknown> } };
    bad.data.p_and_l_items.revenues = 'lots';
    const items = [{ ...good, data }, { ...good, data }, { ...good, data }, bad];
    const a = await serve((_q, res) => json(res, 200, page(items)));
    const err = await failure(a.client.accountingData('923609016', {}));
    expect(err.message).toMatch(/^GET \/accounting-data\/\{orgNr\}: items\.3\.data\.p_and_l_items\.revenues: expected number/);
    await new Promise<void>((r) => server!.close(() => r()));
    const b = await serve((_q, res) => json(res, 200, page(items.slice(0, 1))));
    const p = await b.client.accountingData('923609016', {});
    expect((p.raw[0] as { extra: number }).extra).toBe(42);
  });

  it('times out a silent server (offline after its retries) and stops at once when cancelled', async () => {
    const a = await serve(() => {
      /* never answers */
    });
    const err = await failure(a.client.ping());
    expect(err.code).toBe('offline');
    expect(err.message).toMatch(/did not answer in time/);
    const controller = new AbortController();
    const p = a.client.ping({ signal: controller.signal });
    setImmediate(() => controller.abort());
    expect((await failure(p)).code).toBe('cancelled');
  });

  it('reports a refused secret as auth_failed (wrong_secret)', async () => {
    server = createServer((req, res) => json(res, 400, { error: 'invalid_client' }));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new SymetriskClient(
      { tokenUrl: `${origin}/token`, apiBaseUrl: origin, clientId: 'id', clientSecret: SECRET, scopes: [] },
      { fetch, clock: () => new Date(), policy: POLICY },
    );
    const err = await failure(client.ping());
    expect(err.code).toBe('auth_failed');
    expect(err.details?.problem).toBe('wrong_secret');
  });
});
