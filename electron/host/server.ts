/**
 * The browser host: a second binding of the same handler table, over HTTP on 127.0.0.1, for machines where
 * Electron cannot run (and for the end-to-end tests). It serves the built renderer and the API:
 *   POST /api/call/<domain:verb>   body {"input": ...}      -> Envelope
 *   GET  /api/events?token=...     Server-Sent Events of the contract's events
 *   GET  /download/<exportId>?token=...                     a finished export
 * Every API request must carry the per-launch token (header X-Desk-Token, or ?token= where a header cannot be
 * set), come from this origin (Origin / Sec-Fetch-Site), and name this host (Host header, against DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EVENT_NAMES, type Emit, type Handlers } from '../../shared/contract';
import { createDispatcher, type DispatchOptions } from '../core/dispatch';
import { contentSecurityPolicy } from '../core/security';

export interface DownloadFile {
  path: string;
  fileName: string;
}

export interface HostOptions extends DispatchOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /** Finished exports, for download. */
  resolveDownload?: (exportId: string) => DownloadFile | null;
  maxBodyBytes?: number;
}

export interface Host {
  url: string;
  origin: string;
  token: string;
  port: number;
  emit: Emit;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const dispatch = createDispatcher(options.handlers, options);
  const rendererDir = path.resolve(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const refuse = (res: http.ServerResponse, status: number, code: 'forbidden' | 'invalid_input' | 'not_found', message: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...securityHeaders() });
    res.end(JSON.stringify({ ok: false, error: { code, message } }));
  };

  /** Caller checks shared by every API route; null when the request may go on. */
  const checkCaller = (req: http.IncomingMessage, url: URL, allowQueryToken: boolean): string | null => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().includes(origin)) return 'Requests from another origin are refused.';
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'Cross-site requests are refused.';
    const header = req.headers['x-desk-token'];
    const given = typeof header === 'string' ? header : allowQueryToken ? url.searchParams.get('token') : null;
    if (!sameToken(given, token)) return 'Missing or wrong launch token.';
    return null;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'forbidden', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'forbidden', 'Unknown host name.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'Use POST.');
      const problem = checkCaller(req, url, false);
      if (problem) return refuse(res, 403, 'forbidden', problem);
      if (!isJsonMediaType(req.headers['content-type'])) {
        return refuse(res, 415, 'invalid_input', 'The body must be JSON (Content-Type: application/json).');
      }
      const raw = await readBody(req, maxBody);
      if (raw === null) {
        // Answered at once and the connection closed: the rest of an oversized body is never read.
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.socket.destroy());
        return refuse(res, 413, 'invalid_input', `The request is larger than ${Math.round(maxBody / 1024 / 1024)} MB.`);
      }
      let body: unknown;
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw);
      } catch {
        return refuse(res, 400, 'invalid_input', 'The body is not valid JSON.');
      }
      const input = body !== null && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined;
      const channel = decodePath(url.pathname.slice('/api/call/'.length));
      if (channel === null) return refuse(res, 400, 'invalid_input', 'The address has a malformed %-escape.');
      const envelope = await dispatch(channel, input, { host: 'browser' });
      res.writeHead(200, { 'Content-Type': 'application/json', ...securityHeaders() });
      res.end(JSON.stringify(envelope));
      return;
    }

    if (url.pathname === '/api/events') {
      const problem = checkCaller(req, url, true);
      if (problem) return refuse(res, 403, 'forbidden', problem);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', ...securityHeaders() });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/download/')) {
      const problem = checkCaller(req, url, true);
      if (problem) return refuse(res, 403, 'forbidden', problem);
      const id = decodePath(url.pathname.slice('/download/'.length));
      const file = id !== null && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? options.resolveDownload?.(id) ?? null : null;
      if (!file || !fs.existsSync(file.path)) return refuse(res, 404, 'not_found', 'No such export.');
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'Content-Length': String(fs.statSync(file.path).size),
      });
      fs.createReadStream(file.path).pipe(res);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid_input', 'Method not allowed.');
    const rel = url.pathname === '/' ? '/index.html' : decodePath(url.pathname);
    if (rel === null) return refuse(res, 400, 'invalid_input', 'The address has a malformed %-escape.');
    const file = path.resolve(rendererDir, '.' + rel);
    if (rel.includes('\0') || !file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return refuse(res, 404, 'not_found', 'Not found.');
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', ...securityHeaders() });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const emit: Emit = (event, payload) => {
    if (!EVENT_NAMES.includes(event)) return;
    const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const s of streams) s.write(frame);
  };

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    port,
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The largest request body: the largest input the contract admits is an imported file of 10 MB, sent as base64
 * (14,000,000 characters, shared/contract/index.ts), so 16 MiB leaves room for its JSON and nothing more.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** `application/json`, optionally with parameters (`; charset=utf-8`), in any case; not `application/jsonfoo`. */
export function isJsonMediaType(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** A path segment decoded, or null for a malformed %-escape (which decodeURIComponent throws on: a 500 before). */
function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
