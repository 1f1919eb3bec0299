/**
 * The project's transcription of the public document (shared/symetrisk/openapi.yaml) as a validator both sides are
 * held to: a fetch that validates every request it sends and every answer it gets, with openapi-backend (ajv) for
 * the schemas and the checks it leaves to its caller: a documented server and operation, a documented status and
 * media type, and the security scheme the operation names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import { parse } from 'yaml';

export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/symetrisk/openapi.yaml');

/** The transcription as parsed YAML (for tests that read its markers and examples). */
export function readTranscription(): Record<string, unknown> {
  return parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Record<string, unknown>;
}

export interface Violation {
  /** The exchange's number, counted from 0 in the order the requests were sent. */
  n: number;
  /** "GET /relationship/{orgNr} 200" */
  exchange: string;
  side: 'request' | 'response';
  problem: string;
}

export interface Exchange {
  operationId: string | null;
  method: string;
  status: number;
}

export interface ValidatingFetch {
  fetch: typeof fetch;
  violations: Violation[];
  exchanges: Exchange[];
  /** operationId -> the statuses seen for it. */
  seen(): Map<string, Set<number>>;
}

/** Loads and checks the OpenAPI file itself (openapi-backend validates it against the OpenAPI 3 schema). */
export async function loadValidator(): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({ definition: readTranscription() as never, strict: true, validate: true, quick: false });
  await api.init();
  return api;
}

function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function ajvText(errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`.trim());
}

/**
 * A fetch for `servers` (the token URL and the API base URL the client was given) that validates each exchange
 * against the transcription and records what is wrong. It changes nothing: the caller gets the real response.
 */
export function validatingFetch(api: OpenAPIBackend, servers: { tokenUrl: string; apiBaseUrl: string }, inner: typeof fetch = fetch): ValidatingFetch {
  const violations: Violation[] = [];
  const exchanges: Exchange[] = [];
  const tokenUrl = new URL(servers.tokenUrl);
  const apiBase = servers.apiBaseUrl.replace(/\/+$/, '');
  const definition = api.definition as { security?: Record<string, string[]>[] };
  let sent = 0;

  const wrapped = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init.method ?? 'GET').toLowerCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    let opPath: string | null = null;
    if (url.origin === tokenUrl.origin && url.pathname === tokenUrl.pathname) opPath = '/oauth2/token';
    else if (`${url.origin}${url.pathname}`.startsWith(`${apiBase}/`)) opPath = `${url.origin}${url.pathname}`.slice(apiBase.length);
    const query: Record<string, string | string[]> = {};
    for (const k of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(k);
      query[k] = all.length === 1 ? all[0]! : all;
    }
    const requestViolations: string[] = [];
    let operation: Operation | undefined;
    if (opPath === null) requestViolations.push(`${url.origin}${url.pathname} is on no server of the transcription`);
    else {
      operation = api.router.matchOperation({ method, path: opPath, headers, query }) as Operation | undefined;
      if (!operation) requestViolations.push(`no operation ${method.toUpperCase()} ${opPath}`);
    }
    const label = operation ? `${method.toUpperCase()} ${operation.path}` : `${method.toUpperCase()} ${url.pathname}`;

    if (operation) {
      // The body as the validator wants it: JSON parsed, a form as an object of its fields.
      const bodyText = typeof init.body === 'string' ? init.body : init.body === undefined || init.body === null ? undefined : String(init.body);
      const type = mediaType(headers['content-type'] ?? null);
      let body: unknown = undefined;
      const declared = Object.keys((operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {});
      if (bodyText !== undefined) {
        if (!declared.includes(type)) requestViolations.push(`Content-Type ${type || '(none)'} is not one of ${declared.join(', ') || '(no body)'}`);
        if (type === 'application/json') {
          try {
            body = JSON.parse(bodyText);
          } catch {
            requestViolations.push('the body is not JSON');
          }
        } else if (type === 'application/x-www-form-urlencoded') body = Object.fromEntries(new URLSearchParams(bodyText));
      } else if (declared.length > 0) requestViolations.push('no request body');
      const result = api.validator.validateRequest({ method, path: opPath!, headers, query, body }, operation);
      requestViolations.push(...ajvText(result.errors));
      // Security: the scheme the operation names (or the document's default), in the Authorization header.
      const security = (operation.security ?? definition.security ?? []).flatMap((s) => Object.keys(s));
      const authz = headers.authorization ?? '';
      for (const scheme of security) {
        if (scheme === 'clientBasic') {
          const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(authz);
          const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
          // RFC 6749 section 2.3.1: both halves form-encoded, so exactly one colon, and no character the encoding escapes.
          if (!m || !/^[A-Za-z0-9*\-._%+]+:[A-Za-z0-9*\-._%+]*$/.test(decoded)) requestViolations.push('Authorization is not Basic base64(form-encoded id:form-encoded secret)');
        } else if (scheme === 'bearer' && !/^Bearer [A-Za-z0-9\-._~+/]+=*$/.test(authz)) requestViolations.push('Authorization is not a Bearer token');
      }
    }

    const n = sent++;
    const res = await inner(input, init);
    const text = await res.clone().text();
    exchanges.push({ operationId: operation?.operationId ?? null, method, status: res.status });
    for (const problem of requestViolations) violations.push({ n, exchange: `${label} ${res.status}`, side: 'request', problem });
    if (operation) {
      const responses = (operation.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      const documented = responses[String(res.status)];
      const fail = (problem: string) => violations.push({ n, exchange: `${label} ${res.status}`, side: 'response', problem });
      if (!documented) fail(`status ${res.status} is not documented for ${operation.operationId}`);
      else {
        const type = mediaType(res.headers.get('content-type'));
        const types = Object.keys(documented.content ?? {});
        if (!types.includes(type)) fail(`Content-Type ${type || '(none)'} is not one of ${types.join(', ')}`);
        else if (type === 'application/json') {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            fail('the body is not JSON');
          }
          if (body !== undefined) for (const p of ajvText(api.validator.validateResponse(body, operation, res.status).errors)) fail(p);
        }
      }
    }
    return res;
  };

  return {
    fetch: wrapped as typeof fetch,
    violations,
    exchanges,
    seen() {
      const m = new Map<string, Set<number>>();
      for (const e of exchanges) {
        if (!e.operationId) continue;
        if (!m.has(e.operationId)) m.set(e.operationId, new Set());
        m.get(e.operationId)!.add(e.status);
      }
      return m;
    },
  };
}
