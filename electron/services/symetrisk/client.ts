import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { API_PATHS, PAGINATION, type ApiEndpoint } from '../../../shared/symetrisk/defaults';
import {
  AccessRequestResponse,
  AccountingItem,
  Notification,
  PaginationMetadata,
  Ping,
  Relationship,
  Self,
  type AccessRequestBody,
  type AccessRequestResult,
} from '../../../shared/symetrisk/schemas';
import { apiErrorKey, serverWords, statusHint } from './error-body';
import { offlineError, sendWithRetry, type HttpDeps, type HttpStats } from './http';
import { createTokenProvider, type TokenProvider } from './token-provider';
import type { RetryPolicy } from './retry';

export interface ClientConfig {
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
}

export interface ClientDeps {
  fetch: typeof fetch;
  clock: () => Date;
  policy?: RetryPolicy;
  timeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One page of a list: the parsed items and, index for index, each item's JSON exactly as received. */
export interface ListPage<T> {
  metadata: z.infer<typeof PaginationMetadata>;
  items: T[];
  raw: unknown[];
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** false: one attempt only. */
  retry?: boolean;
  /** No retry for a connection never made (the sync's first calls, so that offline fails at once). */
  failFastUnreachable?: boolean;
}

/** "GET /accounting-data/{orgNr}": the endpoint as errors and logs name it (no org number, no query). */
export function endpointLabel(endpoint: ApiEndpoint): string {
  const def = API_PATHS[endpoint];
  return `${def.method} ${def.path('{orgNr}')}`;
}

function issueText(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

/** A zod failure as "GET /x: items.3.data.p_and_l_items.revenues: expected number, received string". */
export function shapeError(label: string, error: z.ZodError, pathPrefix: (string | number)[] = []): AppError {
  const issue = error.issues[0];
  const field = [...pathPrefix, ...(issue?.path ?? [])].map(String).join('.') || '(body)';
  return new AppError('bad_response', `${label}: ${field}: ${issue ? issueText(issue.message) : 'unexpected shape'}`, {
    endpoint: label,
    field,
    issues: error.issues.length,
  });
}

/**
 * The Symetrisk API: every path from API_PATHS, every answer parsed with the schemas of shared/symetrisk, errors as
 * AppError (offline, auth_failed, missing_scope, api_error, bad_response, cancelled). The token and the secret are
 * never part of an error or a log line: errors name the endpoint, the status and the API's error key only.
 */
export class SymetriskClient {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private readonly http: HttpDeps;
  private readonly tokens: TokenProvider;
  private readonly base: string;

  constructor(config: ClientConfig, deps: ClientDeps) {
    this.http = { ...deps, stats: this.stats };
    this.tokens = createTokenProvider(this.http, config);
    this.base = config.apiBaseUrl.replace(/\/+$/, '');
  }

  /**
   * Fetches a token now (the first step of "test connection" and of a sync). Returns the scopes granted with it when
   * the token answer names them (`scope`), else null: then those asked for were granted.
   */
  async token(opts: CallOptions = {}): Promise<{ grantedScopes: string[] | null }> {
    await this.tokens.get(opts);
    return { grantedScopes: this.tokens.grantedScopes() };
  }

  async ping(opts: CallOptions = {}): Promise<z.infer<typeof Ping>> {
    return this.parse('ping', Ping, await this.call('ping', [], undefined, opts));
  }

  async self(opts: CallOptions = {}): Promise<z.infer<typeof Self>> {
    return this.parse('self', Self, await this.call('self', [], undefined, opts));
  }

  async relationships(page: { limit?: number; skip?: number }, opts: CallOptions = {}): Promise<ListPage<Relationship>> {
    return this.list('relationships', [], Relationship, page, opts);
  }

  /** The relationship with one borrower, or null when Symetrisk has none (400 relationship_not_found, or 404). */
  async relationship(orgNr: string, opts: CallOptions = {}): Promise<{ item: Relationship; raw: unknown } | null> {
    try {
      const raw = await this.call('relationship', [orgNr], undefined, opts);
      return { item: this.parse('relationship', Relationship, raw), raw };
    } catch (e) {
      if (isNoRelationship(e)) return null;
      throw e;
    }
  }

  async accountingData(orgNr: string, page: { limit?: number; skip?: number }, opts: CallOptions = {}): Promise<ListPage<AccountingItem>> {
    return this.list('accountingData', [orgNr], AccountingItem, page, opts);
  }

  async notifications(page: { limit?: number; skip?: number }, opts: CallOptions = {}): Promise<ListPage<Notification>> {
    return this.list('notifications', [], Notification, page, opts);
  }

  async borrowerNotifications(orgNr: string, page: { limit?: number; skip?: number }, opts: CallOptions = {}): Promise<ListPage<Notification>> {
    return this.list('borrowerNotifications', [orgNr], Notification, page, opts);
  }

  /** One POST for many borrowers; each result as received (the signup link comes only this once). */
  async requestAccess(body: AccessRequestBody, opts: CallOptions = {}): Promise<{ results: AccessRequestResult[]; raw: unknown[] }> {
    const raw = await this.call('requestAccess', [], body, opts);
    const results = this.parse('requestAccess', AccessRequestResponse, raw);
    return { results, raw: raw as unknown[] };
  }

  private async list<S extends z.ZodType>(
    endpoint: ApiEndpoint,
    args: string[],
    item: S,
    page: { limit?: number; skip?: number },
    opts: CallOptions,
  ): Promise<ListPage<z.infer<S>>> {
    const label = endpointLabel(endpoint);
    const query = { limit: page.limit ?? PAGINATION.defaultLimit, skip: page.skip ?? 0 };
    const raw = await this.call(endpoint, args, undefined, opts, query);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('bad_response', `${label}: (body): expected an object`, { endpoint: label });
    const body = raw as { metadata?: unknown; items?: unknown };
    const meta = PaginationMetadata.safeParse(body.metadata);
    if (!meta.success) throw shapeError(label, meta.error, ['metadata']);
    if (!Array.isArray(body.items)) throw new AppError('bad_response', `${label}: items: expected array`, { endpoint: label, field: 'items' });
    const items: z.infer<S>[] = [];
    for (let i = 0; i < body.items.length; i++) {
      const r = item.safeParse(body.items[i]);
      if (!r.success) throw shapeError(label, r.error, ['items', i]);
      items.push(r.data);
    }
    return { metadata: meta.data, items, raw: body.items };
  }

  private parse<S extends z.ZodType>(endpoint: ApiEndpoint, schema: S, raw: unknown): z.infer<S> {
    const r = schema.safeParse(raw);
    if (!r.success) throw shapeError(endpointLabel(endpoint), r.error);
    return r.data;
  }

  /** One API call with its token: a 401 drops the token and renews it once; a second 401 is auth_failed. */
  private async call(
    endpoint: ApiEndpoint,
    args: string[],
    body: unknown,
    opts: CallOptions,
    query?: Record<string, number>,
  ): Promise<unknown> {
    const def = API_PATHS[endpoint];
    const label = endpointLabel(endpoint);
    const path = (def.path as (...a: string[]) => string)(...args.map(encodeURIComponent));
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
    for (let authAttempt = 1; ; authAttempt++) {
      const token = await this.tokens.get(opts);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const outcome = await sendWithRetry(
        this.http,
        { method: def.method, url: url.toString(), headers, body: body === undefined ? undefined : JSON.stringify(body) },
        { signal: opts.signal, idempotent: def.method === 'GET', retry: opts.retry, failFastUnreachable: opts.failFastUnreachable },
      );
      if (outcome.kind === 'json') return outcome.value;
      if (outcome.kind === 'network') throw offlineError(label, outcome);
      if (outcome.kind === 'bad_body') {
        throw new AppError('bad_response', `${label}: the answer was ${outcome.problem === 'truncated' ? 'cut off' : 'not JSON'} (after ${outcome.attempts} attempts).`, {
          endpoint: label,
          problem: outcome.problem,
        });
      }
      if (outcome.status === 401) {
        this.tokens.invalidate(token);
        if (authAttempt === 1) continue;
        const words = serverWords(outcome.json);
        throw new AppError('auth_failed', `Symetrisk refused the access token twice (${label}${words ? `: ${words}` : ''}).`, {
          endpoint: label,
          status: 401,
          serverMessage: words,
          reason: 'api_token_refused',
        });
      }
      throw statusError(label, outcome.status, outcome.json);
    }
  }
}

/**
 * A non-2xx answer as an AppError carrying the API's error key (`[{key, message}]`), the server's own words in any
 * format it used (see error-body.ts), and `reason` for the renderer; never the request.
 */
function statusError(label: string, status: number, json: unknown): AppError {
  const key = apiErrorKey(json);
  const words = serverWords(json);
  const details = { endpoint: label, status, key, apiMessage: words, serverMessage: words };
  const said = words ? `: ${words}` : '';
  // A 403 is a missing scope unless the API names another reason (a key that is not about scopes).
  if (status === 403 && (key === null || /scope/i.test(key))) {
    return new AppError('missing_scope', `The API client lacks the access needed for ${label} (HTTP 403${said}).`, {
      ...details,
      reason: 'api_scope_refused',
    });
  }
  // A 404 without the API's own error list is the gateway's: no such path, so the base URL is wrong.
  const hint = key === null ? statusHint(status, 'api') : null;
  if (hint) {
    return new AppError('api_error', `Symetrisk answered ${label} with HTTP 404${said}. ${hint.message}`, { ...details, reason: hint.reason });
  }
  const what = key ? `${key}${words ? `: ${words}` : ''}` : `HTTP ${status}${said}`;
  return new AppError('api_error', `Symetrisk answered ${label} with an error (${what}).`, { ...details, reason: 'api_http_error' });
}

/**
 * True for the API's "no relationship with that organisation number" (400 relationship_not_found, or a 404 in the
 * API's own error format). A bare 404 is a wrong base URL, never a borrower gone.
 */
export function isNoRelationship(e: unknown): boolean {
  if (!(e instanceof AppError) || e.code !== 'api_error') return false;
  const d = e.details ?? {};
  return d.key === 'relationship_not_found' || (d.status === 404 && d.key !== null && d.key !== undefined);
}

/** True when the borrower's data is closed to the bank: no relationship, or one that is not (or no longer) approved. */
export function isAccessGone(e: unknown): boolean {
  return isNoRelationship(e) || (e instanceof AppError && e.code === 'api_error' && e.details?.key === 'relationship_not_approved');
}
