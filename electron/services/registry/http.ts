/**
 * The registry client's one door to HTTP: the generic HTTP layer (../net/http.ts) every outbound call goes through,
 * with the registry's name, answer-size limit, deadline and retry policy (shared/registry/defaults.ts). So a registry
 * call follows no redirect, has one deadline per attempt over headers and body, reads at most
 * REGISTRY_LIMITS.maxAnswerBytes and goes over plain http only to this computer (the sandbox). Maps a final
 * transport failure to an AppError with `details.reason`.
 */
import { AppError } from '../../../shared/contract/errors';
import { REGISTRY_LIMITS, REGISTRY_SERVICE_NAME } from '../../../shared/registry/defaults';
import { sendWithRetry, type HttpDeps, type HttpStats } from '../net/http';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../net/retry';

export interface RegistryHttpDeps {
  fetch: typeof fetch;
  clock: () => Date;
  policy?: RetryPolicy;
  /** Per attempt, headers and body; default REGISTRY_LIMITS.timeoutMs. */
  timeoutMs?: number;
  /** Default REGISTRY_LIMITS.maxAnswerBytes. */
  maxAnswerBytes?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A GET that ended with an answer: 2xx with JSON, or another status with its body (parsed when it is JSON). */
export type RegistryAnswer = { ok: true; status: number; value: unknown } | { ok: false; status: number; json: unknown; text: string };

/** The registry's retry policy: the HTTP layer's schedule, fewer attempts (the registry is a side source; a sync goes on). */
export const REGISTRY_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: REGISTRY_LIMITS.maxAttempts };

/** The HTTP layer's dependencies for the registry: its name in messages, its limits, its policy. */
export function httpDeps(deps: RegistryHttpDeps, stats: HttpStats): HttpDeps {
  return {
    fetch: deps.fetch,
    clock: deps.clock,
    stats,
    service: REGISTRY_SERVICE_NAME,
    policy: deps.policy ?? REGISTRY_RETRY_POLICY,
    timeoutMs: deps.timeoutMs ?? REGISTRY_LIMITS.timeoutMs,
    maxAnswerBytes: deps.maxAnswerBytes ?? REGISTRY_LIMITS.maxAnswerBytes,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
}

/**
 * One idempotent GET with retries. Throws AppError: `offline` (reason `registry_timeout` or
 * `registry_unreachable`), `bad_response` (`registry_truncated`, `registry_not_json`, and from the HTTP layer
 * `redirect_refused` and `answer_too_large`), `invalid_input` (plain http to anything but this computer), or
 * `cancelled`. `label` names the endpoint in errors ("GET /enheter/{orgnr}"), never the org number or the query.
 */
export async function registryGet(
  http: HttpDeps,
  url: string,
  accept: string,
  label: string,
  opts: { signal?: AbortSignal | undefined },
): Promise<RegistryAnswer> {
  const outcome = await sendWithRetry(http, { method: 'GET', url, headers: { accept }, label }, { signal: opts.signal, idempotent: true });
  if (outcome.kind === 'json') return { ok: true, status: outcome.status, value: outcome.value };
  if (outcome.kind === 'status') return { ok: false, status: outcome.status, json: outcome.json, text: outcome.text };
  if (outcome.kind === 'network') {
    const timeout = outcome.code === 'TIMEOUT';
    return Promise.reject(
      new AppError(
        'offline',
        `${REGISTRY_SERVICE_NAME} ${timeout ? 'did not answer in time' : 'could not be reached'} (${label}, ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}).`,
        { reason: timeout ? 'registry_timeout' : 'registry_unreachable', endpoint: label, cause: outcome.code, attempts: outcome.attempts },
      ),
    );
  }
  return Promise.reject(
    new AppError('bad_response', `${REGISTRY_SERVICE_NAME} answered ${label} with a body that was ${outcome.problem === 'truncated' ? 'cut off' : 'not JSON'}.`, {
      reason: outcome.problem === 'truncated' ? 'registry_truncated' : 'registry_not_json',
      endpoint: label,
      status: outcome.status,
      attempts: outcome.attempts,
    }),
  );
}
