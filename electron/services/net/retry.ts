import { AppError } from '../../../shared/contract';

/**
 * The retry policy of every outbound call (Symetrisk, its token endpoint, the registry), in one place.
 *
 * Retried (jittered exponential backoff, `maxAttempts` in all):
 * - network errors: refused, reset, dropped socket, DNS;
 * - our own per-attempt deadline (headers and body): retried ONCE (`timeoutAttempts`), because a server that stalled
 *   one answer usually stalls the next, and five deadlines in a row would hold a sync for minutes;
 * - 429, after the Retry-After it names (seconds or an HTTP date), capped at `maxRetryAfterMs`;
 * - 502, 503 and 504: a gateway or an overloaded server, which a later attempt can find well;
 * - a 200 whose body is not JSON or is cut off (bad_response): retried ONCE, because a truncated body is a transport
 *   accident, while a body that parses but has the wrong shape is not retried at all (it would come back the same).
 * Never retried: a redirect (any 3xx: we never follow one, so the token or secret cannot travel elsewhere, and a
 * second attempt would be redirected again), an answer above the byte limit, every other 4xx (the request itself is wrong, or the token: a 401 is the token provider's business,
 * which renews once), and 500: the document promises nothing about it and an internal error usually repeats, so
 * the caller records the failure (a failed borrower) and the next sync tries again.
 * A POST (access requests) is retried only on 429 and a refused connection, where the server certainly did nothing,
 * so a retry never creates a second signup link.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff; doubled each attempt, full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one is shortened to this. */
  maxRetryAfterMs: number;
  /** Attempts for a bad (non-JSON or truncated) body, the first included. */
  badBodyAttempts: number;
  /** Attempts that may end at the per-attempt deadline, the first included. Default 2. */
  timeoutAttempts?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  badBodyAttempts: 2,
  timeoutAttempts: 2,
};

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Full jitter: a uniform delay in [base/2, base·2^attempt], never above maxDelayMs. attempt counts from 1. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const floor = Math.min(ceiling, policy.baseDelayMs / 2);
  return Math.round(floor + random() * (ceiling - floor));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** Waits `ms`, or rejects with AppError('cancelled') as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelled());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(): AppError {
  return new AppError('cancelled', 'The sync was cancelled.');
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The error code deep inside a fetch failure (undici wraps the socket error in `cause`). */
export function networkErrorCode(e: unknown): string | null {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  // Node's fetch says "fetch failed" for every transport failure; Electron's net.fetch says net::ERR_...
  if (e instanceof TypeError) return 'FETCH_FAILED';
  if (e instanceof Error && /net::ERR_/.test(e.message)) return e.message.match(/net::ERR_[A-Z_]+/)![0];
  return null;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_INTERNET_DISCONNECTED',
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_ADDRESS_UNREACHABLE',
]);

/** True for a connection that was never made (refused, no route, no DNS): the server certainly saw nothing. */
export function isConnectionRefused(code: string | null): boolean {
  return code !== null && UNREACHABLE.has(code);
}
