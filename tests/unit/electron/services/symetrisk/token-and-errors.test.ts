/**
 * What a standard server expects of the client and may answer it: RFC 6749's form-encoded Basic credentials, token
 * answers without expires_in or with it as a string, token_type in any case, the granted scope; and error bodies in
 * every format a server in front of the API may choose, worded with the server's own words and a stable reason.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SymetriskClient } from '../../../../../electron/services/symetrisk/client';
import { basicCredentials } from '../../../../../electron/services/symetrisk/token-provider';
import { AppError } from '../../../../../shared/contract';

const SECRET = 'se+cr/et=42%: x';
const ONCE = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, badBodyAttempts: 1 };

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function serve(handler: Handler, opts: { now?: () => Date; tokenPath?: string; apiPath?: string } = {}) {
  const seen: { url: string; authorization: string | undefined }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const client = new SymetriskClient(
    {
      tokenUrl: `${origin}${opts.tokenPath ?? '/oauth2/token'}`,
      apiBaseUrl: `${origin}${opts.apiPath ?? '/api/v1'}`,
      clientId: 'bank:one',
      clientSecret: SECRET,
      scopes: ['https://api.symetrisk.com/read', 'https://api.symetrisk.com/write'],
    },
    { fetch, clock: opts.now ?? (() => new Date()), policy: ONCE, timeoutMs: 2_000 },
  );
  return { client, seen };
}

const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};
const pong = (res: ServerResponse) => send(res, 200, JSON.stringify({ message: 'pong' }));
/** A token endpoint answering `token` (merged over the minimal answer) and an API that pongs. */
const withToken = (token: Record<string, unknown>, api: Handler = (_q, res) => pong(res)): Handler => (req, res, body) => {
  if (req.url === '/oauth2/token') return send(res, 200, JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', ...token }));
  api(req, res, body);
};

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(JSON.stringify([err.message, err.details])).not.toContain(SECRET);
    return err;
  }
  throw new Error('expected a failure');
}

describe('token requests per RFC 6749', () => {
  it('form-encodes id and secret before base64 (section 2.3.1), so + / = : % and spaces survive', async () => {
    expect(Buffer.from(basicCredentials('bank:one', SECRET), 'base64').toString('utf8')).toBe('bank%3Aone:se%2Bcr%2Fet%3D42%25%3A+x');
    const { client, seen } = await serve(withToken({ expires_in: 3600 }));
    await client.ping();
    const auth = seen[0]!.authorization!;
    const [id, secret] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    // What a standard server does: split at the one colon, form-decode each half.
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    expect([decode(id!), decode(secret!)]).toEqual(['bank:one', SECRET]);
  });

  it('a token answer without expires_in lasts the document\'s hour', async () => {
    let now = new Date('2026-01-01T10:00:00Z').getTime();
    let tokens = 0;
    const { client } = await serve(
      (req, res) => {
        if (req.url === '/oauth2/token') {
          tokens++;
          return send(res, 200, JSON.stringify({ access_token: `tok-${tokens}`, token_type: 'Bearer' }));
        }
        pong(res);
      },
      { now: () => new Date(now) },
    );
    await client.ping();
    now += 50 * 60_000;
    await client.ping();
    expect(tokens).toBe(1);
    now += 10 * 60_000;
    await client.ping();
    expect(tokens).toBe(2);
  });

  it('accepts expires_in as a numeric string and token_type in any case; refuses other token types', async () => {
    for (const token of [{ expires_in: '3600' }, { expires_in: ' 120 ', token_type: 'bearer' }, { expires_in: 60, token_type: 'BEARER' }]) {
      const { client } = await serve(withToken(token));
      await client.ping();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    for (const token of [{ expires_in: 'soon' }, { expires_in: -5 }, { token_type: 'mac' }]) {
      const { client } = await serve(withToken(token));
      const err = await failure(client.ping());
      expect(err.code, JSON.stringify(token)).toBe('bad_response');
      await new Promise<void>((r) => server!.close(() => r()));
    }
  });

  it('takes the granted scopes from the token answer\'s scope, when it has one', async () => {
    const a = await serve(withToken({ expires_in: 3600, scope: 'https://api.symetrisk.com/read' }));
    expect(await a.client.token()).toEqual({ grantedScopes: ['https://api.symetrisk.com/read'] });
    await new Promise<void>((r) => server!.close(() => r()));
    const b = await serve(withToken({ expires_in: 3600 }));
    expect(await b.client.token()).toEqual({ grantedScopes: null });
  });
});

describe('error bodies in the server\'s own words', () => {
  const cases: { name: string; status: number; body: string; type?: string; words: string | null; reason: string }[] = [
    { name: 'the API\'s [{key, message}]', status: 400, body: JSON.stringify([{ key: 'bad_thing', message: 'That was bad.' }]), words: 'That was bad.', reason: 'api_http_error' },
    { name: 'a gateway\'s {message}', status: 403, body: JSON.stringify({ message: 'User is not authorized to access this resource' }), words: 'User is not authorized to access this resource', reason: 'api_scope_refused' },
    {
      name: 'problem+json title and detail',
      status: 422,
      body: JSON.stringify({ type: 'about:blank', title: 'Unprocessable', detail: 'limit is too large', status: 422 }),
      type: 'application/problem+json',
      words: 'Unprocessable: limit is too large',
      reason: 'api_http_error',
    },
    { name: 'an HTML page: only the status', status: 500, body: '<html><body><h1>Oops</h1><script>x()</script></body></html>', type: 'text/html', words: null, reason: 'api_http_error' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { client } = await serve(withToken({ expires_in: 3600 }, (_q, res) => send(res, c.status, c.body, c.type)));
      const err = await failure(client.ping());
      expect(err.details).toMatchObject({ status: c.status, serverMessage: c.words, reason: c.reason });
      if (c.words) expect(err.message).toContain(c.words);
      else {
        expect(err.message).toContain(`HTTP ${c.status}`);
        expect(err.message).not.toMatch(/html|Oops|script/i);
      }
    });
  }

  it('a 404 from the API hints that the base URL should end in /api/v1', async () => {
    const { client } = await serve(withToken({ expires_in: 3600 }, (_q, res) => send(res, 404, JSON.stringify({ message: 'Not Found' }))), { apiPath: '' });
    const err = await failure(client.ping());
    expect(err.details).toMatchObject({ status: 404, reason: 'api_base_url_not_found' });
    expect(err.message).toMatch(/\/api\/v1/);
  });

  it('a 404 from the token URL hints that it should end in /oauth2/token', async () => {
    const { client } = await serve((_q, res) => send(res, 404, '<html>Not here</html>', 'text/html'), { tokenPath: '/token' });
    const err = await failure(client.token());
    expect(err.details).toMatchObject({ status: 404, reason: 'token_url_not_found', serverMessage: null });
    expect(err.message).toMatch(/\/oauth2\/token/);
  });

  it('OAuth errors keep their description and a reason', async () => {
    const { client } = await serve((_q, res) => send(res, 400, JSON.stringify({ error: 'invalid_client', error_description: 'Client secret does not match' })));
    const err = await failure(client.token());
    expect(err).toMatchObject({ code: 'auth_failed', details: { reason: 'token_client_refused', serverMessage: 'Client secret does not match' } });
  });

  it('a relationship answered 404 in the gateway\'s format is a wrong URL, not a borrower without a relationship', async () => {
    const { client } = await serve(withToken({ expires_in: 3600 }, (_q, res) => send(res, 404, JSON.stringify({ message: 'Not Found' }))));
    const err = await failure(client.relationship('923609016'));
    expect(err.details).toMatchObject({ reason: 'api_base_url_not_found' });
  });
});
