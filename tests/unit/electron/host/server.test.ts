import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Handlers } from '../../../../shared/contract';
import { startHost, type Host } from '../../../../electron/host/server';

let host: Host;
let dir: string;
const status = vi.fn(async () => ({
  appName: 'Symetrisk Desk', appVersion: '0.0.0', host: 'browser' as const, dataDir: '/tmp/x',
  runtime: { node: '22', v8: '1', electron: null, chrome: null, platform: 'linux', arch: 'x64' }, startedAt: new Date(0).toISOString(),
}));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(os.tmpdir(), 'desk-host-outside.txt'), 'outside');
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn()])) as unknown as Handlers;
  handlers['system:status'] = status;
  host = await startHost({ handlers, rendererDir: dir, token: 'a'.repeat(32) });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function call(channel: string, init: { token?: string | null; origin?: string; host?: string; site?: string; body?: string; type?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': init.type ?? 'application/json' };
  if (init.token !== null) headers['X-Desk-Token'] = init.token ?? host.token;
  if (init.origin) headers['Origin'] = init.origin;
  if (init.site) headers['Sec-Fetch-Site'] = init.site;
  if (init.host) headers['Host'] = init.host;
  return fetch(`${host.origin}/api/call/${channel}`, { method: 'POST', headers, body: init.body ?? '{}' });
}

describe('the browser host', () => {
  it('listens on loopback only and prints a URL with the token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
  });

  it('serves a call with the right token from its own origin', async () => {
    const res = await call('system:status', { origin: host.origin, site: 'same-origin' });
    expect(await res.json()).toMatchObject({ ok: true, value: { appName: 'Symetrisk Desk' } });
  });

  it.each([
    ['a missing token', { token: null }],
    ['a wrong token', { token: 'b'.repeat(32) }],
    ['a token of another length', { token: 'short' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { site: 'cross-site' }],
  ])('refuses %s and runs nothing', async (_name, init) => {
    status.mockClear();
    const res = await call('system:status', init);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(status).not.toHaveBeenCalled();
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const http = await import('node:http');
    const code = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${host.origin}/api/call/system:status`, { method: 'POST', headers: { Host: 'evil.example:80', 'X-Desk-Token': host.token, 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(code).toBe(421);
  });

  it('refuses a body that is not JSON, and a malformed input', async () => {
    expect((await call('system:status', { type: 'text/plain' })).status).toBe(415);
    expect(await (await call('system:status', { body: '{nope' })).json()).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await (await call('portfolio:list', { body: JSON.stringify({ input: { profileId: 7 } }) })).json()).toMatchObject({
      error: { code: 'invalid_input' },
    });
  });

  it('takes application/json and its parameters only, not a look-alike media type (finding 10)', async () => {
    for (const type of ['application/jsonfoo', 'application/json-seq', 'text/json', 'application/x-json', 'application/jsonp; charset=utf-8']) {
      expect([type, (await call('system:status', { type })).status]).toEqual([type, 415]);
    }
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-8']) {
      expect([type, (await call('system:status', { type })).status]).toEqual([type, 200]);
    }
  });

  it('answers a malformed %-escape with 400, never 500 (finding 10)', async () => {
    const res = await call('system%E0%A4%A');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await fetch(`${host.origin}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${host.origin}/download/%ZZ?token=${host.token}`)).status).toBe(404);
  });

  it('refuses a body above 16 MiB at once, by its declared length or by what arrives (finding 10)', async () => {
    const big = JSON.stringify({ input: 'x'.repeat(16 * 1024 * 1024) });
    const res = await call('system:status', { body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', message: 'The request is larger than 16 MB.' } });
    // A chunked body (no Content-Length) is cut off where it passes the limit.
    const http = await import('node:http');
    const code = await new Promise<number | string>((resolve) => {
      const req = http.request(`${host.origin}/api/call/system:status`, { method: 'POST', headers: { 'X-Desk-Token': host.token, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      // The host closes the connection once it has answered; a write racing that close sees the reset instead.
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect([413, 'EPIPE', 'ECONNRESET']).toContain(code);
    // The largest input the contract admits still fits: a 10 MB import as base64.
    expect((await call('system:status', { body: JSON.stringify({ input: 'x'.repeat(14_000_000) }) })).status).toBe(200);
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
    for (const p of ['/../desk-host-outside.txt', '/%2e%2e/desk-host-outside.txt', '/..%2fdesk-host-outside.txt']) {
      const r = await fetch(`${host.origin}${p}`);
      expect(r.status, p).toBe(404);
    }
  });

  it('streams events only to a caller with the token', async () => {
    expect((await fetch(`${host.origin}/api/events`)).status).toBe(403);
    const ctrl = new AbortController();
    const res = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the ": connected" comment
    host.emit('connections:changed', { profileId: 'demo' });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"connections:changed"');
    ctrl.abort();
  });
});
