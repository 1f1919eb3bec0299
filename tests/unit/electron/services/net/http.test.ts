import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWithRetry, type HttpDeps, type HttpRequest } from '../../../../../electron/services/net/http';
import type { RetryPolicy } from '../../../../../electron/services/net/retry';
import { AppError } from '../../../../../shared/contract';

v8.setFlagsFromString('--expose-gc');
/** A real GC: undici's fetch with redirect 'error' stopped honouring its abort signal after one (finding 1). */
const gc = vm.runInNewContext('gc') as () => void;

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, badBodyAttempts: 2 };
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

interface Seen {
  requests: number;
  closedEarly: number;
  written: number;
  headers: http.IncomingHttpHeaders[];
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void, host = '127.0.0.1') {
  const seen: Seen = { requests: 0, closedEarly: 0, written: 0, headers: [] };
  const server = http.createServer((req, res) => {
    seen.requests++;
    seen.headers.push(req.headers);
    res.on('close', () => {
      if (!res.writableFinished) seen.closedEarly++;
    });
    handler(req, res, seen);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  const port = (server.address() as AddressInfo).port;
  return { seen, port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/api/v1/relationship/910000047?limit=100` };
}

function deps(extra: Partial<HttpDeps> = {}): HttpDeps {
  return { fetch, clock: () => new Date(), stats: { requests: 0, retries: 0 }, policy: POLICY, timeoutMs: 300, service: 'Symetrisk', ...extra };
}

const get = (url: string): HttpRequest => ({ method: 'GET', url, headers: { authorization: 'Bearer tok-secret', accept: 'application/json' } });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

/** Calls the GC while `p` runs, as a long-running app does at any moment. */
async function withGc<T>(p: Promise<T>): Promise<T> {
  const timer = setInterval(gc, 10);
  try {
    return await p;
  } finally {
    clearInterval(timer);
  }
}

describe('the HTTP layer', () => {
  it('ends a server that never sends its headers at the deadline, and tries it twice, not five times', async () => {
    const s = await serve(() => {
      /* headers never come */
    });
    const out = await withGc(sendWithRetry(deps(), get(s.url), { idempotent: true }));
    expect(out).toMatchObject({ kind: 'network', code: 'TIMEOUT', attempts: 2 });
    expect(s.seen.requests).toBe(2);
  });

  it('ends a server that sends its headers and then stalls the body, even across GCs', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '9000' });
      res.write('{"metadata":');
    });
    const out = await withGc(sendWithRetry(deps(), get(s.url), { idempotent: true }));
    expect(out).toMatchObject({ kind: 'network', code: 'TIMEOUT', attempts: 2 });
    // Both stalled sockets were closed by us, not left open.
    await expect.poll(() => s.seen.closedEarly).toBe(2);
  });

  it('ends a body that drips in one byte at a time: the deadline covers the whole body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"message":"');
      const t = setInterval(() => res.write('p'), 20);
      res.on('close', () => clearInterval(t));
    });
    const out = await sendWithRetry(deps(), get(s.url), { idempotent: true });
    expect(out).toMatchObject({ kind: 'network', code: 'TIMEOUT', attempts: 2 });
  });

  it('cancels within the attempt, whatever the server does, with a deadline far away', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '9000' });
      res.write('{');
    });
    const controller = new AbortController();
    const p = withGc(sendWithRetry(deps({ timeoutMs: 600_000 }), get(s.url), { idempotent: true, signal: controller.signal }));
    await expect.poll(() => s.seen.requests).toBe(1);
    controller.abort();
    expect((await refusal(p)).code).toBe('cancelled');
    await expect.poll(() => s.seen.closedEarly).toBe(1);
  });

  it('refuses a declared Content-Length above the limit without reading the body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 ** 4) });
      res.write('{"message":"pong"}');
    });
    const err = await refusal(sendWithRetry(deps({ maxAnswerBytes: 1024 * 1024 }), get(s.url), { idempotent: true }));
    expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'answer_too_large', declaredBytes: 1024 ** 4 } });
    expect(s.seen.requests).toBe(1);
  });

  it('stops a gigabyte answer at the limit: never buffered, the server stopped by backpressure, not retried', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const s = await serve((_req, res, seen) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (seen.written < 1024 ** 3 && !res.destroyed) {
          seen.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('[');
      pump();
    });
    const err = await refusal(sendWithRetry(deps({ maxAnswerBytes: 4 * 1024 * 1024, timeoutMs: 20_000 }), get(s.url), { idempotent: true }));
    expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'answer_too_large', limitBytes: 4 * 1024 * 1024 } });
    expect(err.message).toMatch(/more than 4 MB/);
    expect(s.seen.requests).toBe(1);
    await expect.poll(() => s.seen.closedEarly).toBe(1);
    // What crossed the socket is the limit plus the kernel's buffers, far from the gigabyte on offer.
    expect(s.seen.written).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('counts a body that lies short about its Content-Length as a transport failure, retried, never a crash', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"message":"po');
      res.socket?.destroy();
    });
    const out = await sendWithRetry(deps(), get(s.url), { idempotent: true });
    expect(out.kind).toBe('network');
    expect(out.attempts).toBe(POLICY.maxAttempts);
  });

  it('never follows a redirect: any 3xx is an error worded as such, tried once, and the target sees nothing', async () => {
    const target = await serve((_req, res) => res.end('{}'));
    for (const status of [301, 302, 303, 307, 308]) {
      const s = await serve((_req, res) => {
        res.writeHead(status, { location: `http://127.0.0.1:${target.port}/steal` });
        res.end();
      });
      const err = await refusal(sendWithRetry(deps(), get(s.url), { idempotent: true }));
      expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'redirect_refused', status, redirectHost: `127.0.0.1:${target.port}`, endpoint: 'GET /api/v1/relationship/{orgNr}' } });
      expect(err.message).toMatch(new RegExp(`Symetrisk answered GET /api/v1/relationship/\\{orgNr\\} with a redirect \\(HTTP ${status}\\)`));
      expect(s.seen.requests).toBe(1);
    }
    expect(target.seen.requests).toBe(0);
  });

  it('sends plain http only to loopback: another host is refused before any connection', async () => {
    let calls = 0;
    const counting: typeof fetch = (...a) => {
      calls++;
      return fetch(...a);
    };
    for (const url of ['http://192.168.1.2/x', 'http://app.localhost/x', 'http://localhost.example.com/x', 'http://127.0.0.1.nip.io/x']) {
      const err = await refusal(sendWithRetry(deps({ fetch: counting }), get(url), { idempotent: true }));
      expect(err).toMatchObject({ code: 'invalid_input', details: { reason: 'plain_http_not_loopback' } });
    }
    expect(calls).toBe(0);
  });

  it('resolves localhost and refuses it when any address it names is not loopback', async () => {
    let calls = 0;
    const counting: typeof fetch = (...a) => {
      calls++;
      return fetch(...a);
    };
    const lookup = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    const err = await refusal(sendWithRetry(deps({ fetch: counting, lookup }), get('http://localhost:4010/x'), { idempotent: true }));
    expect(err).toMatchObject({ code: 'invalid_input', details: { reason: 'localhost_not_loopback', addresses: ['127.0.0.1', '10.1.2.3'] } });
    expect(calls).toBe(0);
  });

  it('sends http://localhost to the loopback address it resolved to, the next one when the first refuses', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"message":"pong"}');
    });
    const lookup = async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];
    // The server listens on 127.0.0.1 only: ::1 refuses, and the request goes to the next checked address.
    const out = await sendWithRetry(deps({ lookup }), get(`http://localhost:${s.port}/x`), { idempotent: true, failFastUnreachable: true });
    expect(out).toMatchObject({ kind: 'json', value: { message: 'pong' }, attempts: 1 });
    expect(s.seen.requests).toBe(1);
  });
});

describe('the reachability probe', () => {
  it('answers with any status, follows no redirect, keeps to loopback for http and ends at its deadline', async () => {
    const { probe } = await import('../../../../../electron/services/net/http');
    const target = await serve((_req, res) => res.end('{}'));
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` });
      res.end();
    });
    expect(await probe({ fetch }, redirecting.url, 1000)).toBe(302);
    expect(target.seen.requests).toBe(0);
    const silent = await serve(() => {
      /* never answers */
    });
    await expect(withGc(probe({ fetch }, silent.url, 200))).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(probe({ fetch }, 'http://app.localhost/x', 200)).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'plain_http_not_loopback' } });
  });
});
