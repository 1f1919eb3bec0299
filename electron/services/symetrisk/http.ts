import { AppError } from '../../../shared/contract';
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
  | { kind: 'bad_body'; status: number; problem: 'not_json' | 'truncated' };

export const DEFAULT_TIMEOUT_MS = 30_000;

async function attemptOnce(deps: HttpDeps, req: HttpRequest, signal: AbortSignal | undefined): Promise<Attempt> {
  if (signal?.aborted) throw cancelled();
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  deps.stats.requests++;
  let res: Response;
  let text: string;
  try {
    res = await deps.fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: combined, redirect: 'error' });
    // The timeout covers the body too: a server that dribbles its answer out is as unreachable as a silent one.
    text = await res.text();
  } catch (e) {
    if (signal?.aborted) throw cancelled();
    if (timeout.aborted) return { kind: 'network', code: 'TIMEOUT' };
    const code = networkErrorCode(e);
    if (code) return { kind: 'network', code };
    // An abort or body error we cannot name is still a transport failure, never a crash.
    return { kind: 'network', code: e instanceof Error ? e.name : 'UNKNOWN' };
  }
  let json: unknown = undefined;
  let parseProblem: 'not_json' | 'truncated' | null = null;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch (e) {
    parseProblem = e instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(e.message) ? 'truncated' : 'not_json';
  }
  if (res.status >= 200 && res.status < 300) {
    if (parseProblem || json === undefined) return { kind: 'bad_body', status: res.status, problem: parseProblem ?? 'truncated' };
    return { kind: 'json', status: res.status, value: json };
  }
  return { kind: 'status', status: res.status, text: text.slice(0, 2000), json, retryAfter: res.headers.get('retry-after') };
}

/**
 * Sends one request with the retry policy of retry.ts and returns how it ended; the caller maps a final status
 * to its AppError (it knows the endpoint). Throws only AppError('cancelled').
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
  const allowRetry = opts.retry !== false;
  let badBodies = 0;
  for (let attempt = 1; ; attempt++) {
    const r = await attemptOnce(deps, req, opts.signal);
    let retryable = false;
    let delay = backoffDelay(policy, attempt, random);
    if (r.kind === 'json') return { ...r, attempts: attempt };
    if (r.kind === 'network') {
      const unreachable = isConnectionRefused(r.code);
      retryable = (opts.idempotent || unreachable) && !(unreachable && opts.failFastUnreachable);
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

/** The endpoint as a person reads it: "GET /accounting-data/{orgNr}". */
export type EndpointLabel = string;

/** The message for a final network failure. */
export function offlineError(label: EndpointLabel, outcome: { code: string; attempts: number }): AppError {
  const what = outcome.code === 'TIMEOUT' ? 'did not answer in time' : 'could not be reached';
  return new AppError('offline', `Symetrisk ${what} (${label}, ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}). Check the network connection.`, {
    endpoint: label,
    cause: outcome.code,
    attempts: outcome.attempts,
  });
}
