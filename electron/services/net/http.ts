/**
 * The one HTTP layer every outbound call goes through (Symetrisk's API and token endpoint, the registry). It
 * is generic: it knows nothing of Symetrisk but the service name its messages use. What it guarantees:
 * - no redirect is ever followed (`redirect: 'manual'`; any 3xx is an error worded as such and never retried), so a
 *   secret or token goes only to the configured address;
 * - one deadline per attempt that covers the headers and the whole body, enforced by our own timer, which aborts
 *   the request, cancels the body and settles the attempt even if the fetch implementation ignores the abort
 *   (Node 22's undici with `redirect: 'error'` did, after a GC, while a body stalled);
 * - a hard byte limit per answer, read through the body stream (a declared Content-Length above it is refused
 *   unread; a body that passes it is cancelled there), so a huge answer is never buffered;
 * - a cancel that ends the attempt at once, whatever the server does;
 * - plain http only to this computer (loopback.ts), checked on every request.
 */
import { AppError } from '../../../shared/contract';
import { plainHttpTargets, systemLookup, type LookupAll } from './loopback';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  backoffDelay,
  cancelled,
  isConnectionRefused,
  networkErrorCode,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry';

/** Counted for progress events and benchmarks: every attempt sent (token requests included) and every retry. */
export interface HttpStats {
  requests: number;
  retries: number;
}

export interface HttpDeps {
  fetch: typeof fetch;
  clock: () => Date;
  stats: HttpStats;
  policy?: RetryPolicy;
  /** Per attempt, covering the headers and the whole body. Default 30 s. */
  timeoutMs?: number;
  /** The largest answer read, in bytes after decoding. Default 16 MiB. */
  maxAnswerBytes?: number;
  /** Who answers, as messages name it ("Symetrisk"). */
  service?: string;
  /** Resolves `localhost` for the plain-http check; injectable so a test can make it lie. */
  lookup?: LookupAll;
  /** Jitter source; injected so a test can pin it. */
  random?: () => number;
  /** Waits between attempts; injected so a unit test can run the schedule without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The endpoint as messages name it ("GET /relationship/{orgNr}"); default: the method and the path, ids masked. */
  label?: string;
}

/** How a request ended after its retries. */
export type HttpOutcome =
  | { kind: 'json'; status: number; value: unknown; attempts: number }
  | { kind: 'status'; status: number; text: string; json: unknown; attempts: number }
  | { kind: 'network'; code: string; attempts: number }
  | { kind: 'bad_body'; status: number; problem: 'not_json' | 'truncated'; attempts: number };

type Attempt =
  | { kind: 'json'; status: number; value: unknown }
  | { kind: 'status'; status: number; text: string; json: unknown; retryAfter: string | null }
  | { kind: 'network'; code: string }
  | { kind: 'bad_body'; status: number; problem: 'not_json' | 'truncated' }
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'too_large'; declared: number | null };

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

const TIMED_OUT = Symbol('timed out');
const CANCELLED = Symbol('cancelled');

/** "GET /api/v1/relationship/{orgNr}": the method and the path, with org numbers and other ids masked, no query. */
export function labelOf(req: Pick<HttpRequest, 'method' | 'url' | 'label'>): string {
  if (req.label) return req.label;
  let path = '';
  try {
    path = new URL(req.url).pathname;
  } catch {
    path = '(unreadable URL)';
  }
  const masked = path
    .split('/')
    .map((seg) => (/^\d{9}$/.test(seg) ? '{orgNr}' : /^\d+$/.test(seg) ? '{id}' : seg))
    .join('/');
  return `${req.method} ${masked}`;
}

/** Reads a body up to `max` bytes; null when it is longer (the rest is cancelled, never read). */
async function readLimited(reader: ReadableStreamDefaultReader<Uint8Array>, max: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) return null;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One request to one address, settled by the answer, the deadline or the cancel, whichever comes first. */
async function fetchOnce(deps: HttpDeps, req: HttpRequest, url: string, signal: AbortSignal | undefined): Promise<Attempt> {
  if (signal?.aborted) throw cancelled();
  const controller = new AbortController();
  const max = deps.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const release = () => {
    if (!finished) {
      finished = true;
      controller.abort();
      // Cancelling the reader closes the socket even where the abort alone does not reach a body being read.
      void reader?.cancel().catch(() => undefined);
    }
  };
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      release();
      reject(TIMED_OUT);
    }, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    onAbort = () => {
      release();
      reject(CANCELLED);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const work = async (): Promise<Attempt> => {
    deps.stats.requests++;
    const res = await deps.fetch(url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal, redirect: 'manual' });
    // Node answers a redirect with its 3xx; a browser-like fetch with an opaque response of status 0.
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      void res.body?.cancel().catch(() => undefined);
      return { kind: 'redirect', status: res.status, location: res.headers.get('location') };
    }
    const declaredText = res.headers.get('content-length');
    const declared = declaredText !== null && /^\d+$/.test(declaredText.trim()) ? Number(declaredText) : null;
    if (declared !== null && declared > max) {
      void res.body?.cancel().catch(() => undefined);
      return { kind: 'too_large', declared };
    }
    let bytes: Buffer | null = Buffer.alloc(0);
    if (res.body) {
      reader = res.body.getReader();
      bytes = await readLimited(reader, max);
    }
    if (bytes === null) return { kind: 'too_large', declared };
    finished = true;
    let text: string | null;
    try {
      text = utf8.decode(bytes);
    } catch {
      text = null;
    }
    let json: unknown = undefined;
    let parseProblem: 'not_json' | 'truncated' | null = text === null ? 'not_json' : null;
    if (text !== null && text !== '') {
      try {
        json = JSON.parse(text);
      } catch (e) {
        parseProblem = e instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(e.message) ? 'truncated' : 'not_json';
      }
    }
    if (res.status >= 200 && res.status < 300) {
      if (parseProblem || json === undefined) return { kind: 'bad_body', status: res.status, problem: parseProblem ?? 'truncated' };
      return { kind: 'json', status: res.status, value: json };
    }
    return { kind: 'status', status: res.status, text: (text ?? '').slice(0, 2000), json, retryAfter: res.headers.get('retry-after') };
  };
  try {
    return await Promise.race([work(), stop]);
  } catch (e) {
    if (e === CANCELLED || signal?.aborted) throw cancelled();
    if (e === TIMED_OUT) return { kind: 'network', code: 'TIMEOUT' };
    const code = networkErrorCode(e);
    if (code) return { kind: 'network', code };
    // An abort or body error we cannot name is still a transport failure, never a crash.
    return { kind: 'network', code: e instanceof Error ? e.name : 'UNKNOWN' };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    release();
  }
}

/** One attempt: to the URL, or for http://localhost to each loopback address it resolves to until one answers. */
async function attemptOnce(deps: HttpDeps, req: HttpRequest, signal: AbortSignal | undefined): Promise<Attempt> {
  if (signal?.aborted) throw cancelled();
  const targets = await plainHttpTargets(req.url, deps.lookup ?? systemLookup);
  for (let i = 0; ; i++) {
    const r = await fetchOnce(deps, req, targets[i]!, signal);
    // A refused connection reached nothing: the next address of the same name may be the one listening.
    if (r.kind === 'network' && isConnectionRefused(r.code) && i < targets.length - 1) continue;
    return r;
  }
}

function redirectError(service: string, label: string, status: number, location: string | null): AppError {
  let host: string | null = null;
  try {
    host = location ? new URL(location, 'http://unknown.invalid').host : null;
  } catch {
    host = null;
  }
  return new AppError(
    'bad_response',
    `${service} answered ${label} with a redirect (HTTP ${status || 'opaque'}). Redirects are never followed, so the ` +
      'secret and the access token go only to the address in the connection profile. Check that address.',
    { reason: 'redirect_refused', endpoint: label, status, redirectHost: host === 'unknown.invalid' ? null : host, attempts: 1 },
  );
}

function tooLargeError(service: string, label: string, max: number, declared: number | null): AppError {
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return new AppError('bad_response', `${service} answered ${label} with more than ${mb(max)} MB; the answer was refused and not stored.`, {
    reason: 'answer_too_large',
    endpoint: label,
    limitBytes: max,
    declaredBytes: declared,
  });
}

/**
 * Sends one request with the retry policy of retry.ts and returns how it ended; the caller maps a final status
 * to its AppError (it knows the endpoint). Throws AppError('cancelled'), and, never retried, `bad_response` for a
 * redirect (reason `redirect_refused`) or an answer above the byte limit (`answer_too_large`), and `invalid_input`
 * for plain http to anything but this computer (`plain_http_not_loopback`, `localhost_not_loopback`).
 */
export async function sendWithRetry(
  deps: HttpDeps,
  req: HttpRequest,
  opts: {
    signal?: AbortSignal | undefined;
    idempotent: boolean;
    /** false: one attempt only. */
    retry?: boolean | undefined;
    /** Do not retry a connection that was never made: the first call of a sync, so that offline fails at once. */
    failFastUnreachable?: boolean | undefined;
  },
): Promise<HttpOutcome> {
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const random = deps.random ?? Math.random;
  const wait = deps.sleep ?? sleep;
  const service = deps.service ?? 'The server';
  const allowRetry = opts.retry !== false;
  let badBodies = 0;
  let timeouts = 0;
  for (let attempt = 1; ; attempt++) {
    const r = await attemptOnce(deps, req, opts.signal);
    let retryable = false;
    let delay = backoffDelay(policy, attempt, random);
    if (r.kind === 'json') return { ...r, attempts: attempt };
    if (r.kind === 'redirect') throw redirectError(service, labelOf(req), r.status, r.location);
    if (r.kind === 'too_large') throw tooLargeError(service, labelOf(req), deps.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, r.declared);
    if (r.kind === 'network') {
      const unreachable = isConnectionRefused(r.code);
      retryable = (opts.idempotent || unreachable) && !(unreachable && opts.failFastUnreachable);
      if (r.code === 'TIMEOUT') retryable = retryable && ++timeouts < (policy.timeoutAttempts ?? 2);
    } else if (r.kind === 'status') {
      retryable = RETRYABLE_STATUSES.has(r.status) && (opts.idempotent || r.status === 429);
      if (r.status === 429) {
        const after = parseRetryAfter(r.retryAfter, deps.clock());
        if (after !== null) delay = Math.min(after, policy.maxRetryAfterMs);
      }
    } else {
      badBodies++;
      retryable = opts.idempotent && badBodies < policy.badBodyAttempts;
    }
    if (!allowRetry || !retryable || attempt >= policy.maxAttempts) {
      if (r.kind === 'status') return { kind: 'status', status: r.status, text: r.text, json: r.json, attempts: attempt };
      return { ...r, attempts: attempt };
    }
    deps.stats.retries++;
    await wait(delay, opts.signal);
  }
}

/** The message for a final network failure: the service did not answer in time, or could not be reached. */
export function unreachableError(service: string, label: string, outcome: { code: string; attempts: number }): AppError {
  const what = outcome.code === 'TIMEOUT' ? 'did not answer in time' : 'could not be reached';
  return new AppError('offline', `${service} ${what} (${label}, ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}). Check the network connection.`, {
    reason: outcome.code === 'TIMEOUT' ? 'deadline_passed' : 'unreachable',
    endpoint: label,
    cause: outcome.code,
    attempts: outcome.attempts,
  });
}

/**
 * Whether a server answers at all: one GET, no retry, no credentials, the body never read, redirects not followed,
 * the same plain-http rule and a deadline of our own. Resolves to the HTTP status of any answer; rejects with the
 * fetch failure (a TimeoutError at the deadline) or AppError for plain http to anything but this computer.
 */
export async function probe(deps: Pick<HttpDeps, 'fetch' | 'lookup'>, url: string, timeoutMs: number): Promise<number> {
  const targets = await plainHttpTargets(url, deps.lookup ?? systemLookup);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DOMException('The server did not answer in time.', 'TimeoutError'));
    }, timeoutMs);
  });
  try {
    for (let i = 0; ; i++) {
      try {
        const res = await Promise.race([deps.fetch(targets[i]!, { signal: controller.signal, redirect: 'manual' }), deadline]);
        void res.body?.cancel().catch(() => undefined);
        return res.status;
      } catch (e) {
        // As for a request: a refused address of `localhost` hands over to the next one it resolved to.
        if (i < targets.length - 1 && isConnectionRefused(networkErrorCode(e))) continue;
        throw e;
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
