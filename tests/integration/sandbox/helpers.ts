/** Shared helpers for the sandbox's HTTP tests: a started sandbox, tokens and JSON requests over loopback. */
import { request } from 'node:http';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/index';

/** The fixed clock every sandbox test starts from. */
export const TEST_NOW = new Date('2026-10-10T12:00:00Z');

export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: TEST_NOW, frozenClock: true, borrowers: 30, ...options });
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export interface TokenOptions {
  id?: string;
  secret?: string;
  scope?: string;
}

export async function tokenResponse(sb: Sandbox, opts: TokenOptions = {}, body?: string): Promise<Response> {
  const form = body ?? `grant_type=client_credentials${opts.scope !== undefined ? `&scope=${encodeURIComponent(opts.scope)}` : ''}`;
  return fetch(sb.tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: basic(opts.id ?? sb.clientId, opts.secret ?? sb.clientSecret),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form,
  });
}

export async function token(sb: Sandbox, opts: TokenOptions = {}): Promise<string> {
  const res = await tokenResponse(sb, opts);
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A request to the API (path relative to apiBaseUrl); body parsed as JSON when it is JSON. */
export async function api(sb: Sandbox, tok: string | null, path: string, init: RequestInit = {}): Promise<JsonReply> {
  const headers = new Headers(init.headers);
  if (tok !== null) headers.set('Authorization', `Bearer ${tok}`);
  const res = await fetch(`${sb.apiBaseUrl}${path}`, { ...init, headers });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export async function control(sb: Sandbox, method: string, path: string, body?: unknown): Promise<JsonReply> {
  const res = await fetch(`${sb.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as unknown, text };
}

/** Raw GET with node:http: the chunks as they arrive, or the socket error. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; chunks: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let chunks = 0;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        chunks++;
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, chunks, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

/**
 * The structure of a JSON value: keys (sorted) and value types, recursively; an array by its first element.
 * Two values with the same shape have the same keys and types at every level.
 */
export function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, shape(obj[k])]),
    );
  }
  return typeof value;
}

/** Every page of a listing, by limit/skip, following metadata.totalItems; bounded. */
export async function allPages<T>(sb: Sandbox, tok: string, path: string, limit: number): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  for (let skip = 0, guard = 0; guard < 1000; guard++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api(sb, tok, `${path}${sep}limit=${limit}&skip=${skip}`);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
    const page = r.body as { metadata: { totalItems: number; returnedItems: number }; items: T[] };
    totals.push(page.metadata.totalItems);
    items.push(...page.items);
    skip += page.metadata.returnedItems;
    if (page.metadata.returnedItems === 0 || skip >= page.metadata.totalItems) break;
  }
  return { items, totals };
}
