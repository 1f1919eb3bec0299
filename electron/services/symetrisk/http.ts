/**
 * Symetrisk's side of the HTTP layer (../net/http.ts): the same sendWithRetry, with Symetrisk's name in its messages
 * and Symetrisk's answer-size limit from shared/symetrisk/defaults.ts. The client and the token provider call this.
 */
import { SYMETRISK_LIMITS } from '../../../shared/symetrisk/defaults';
import { sendWithRetry as send, unreachableError, type HttpDeps, type HttpOutcome, type HttpRequest } from '../net/http';

export { DEFAULT_TIMEOUT_MS, type HttpDeps, type HttpOutcome, type HttpRequest, type HttpStats } from '../net/http';

/** Sends one request to Symetrisk (see net/http.ts sendWithRetry for what it guarantees and throws). */
export function sendWithRetry(deps: HttpDeps, req: HttpRequest, opts: Parameters<typeof send>[2]): Promise<HttpOutcome> {
  return send({ maxAnswerBytes: SYMETRISK_LIMITS.maxAnswerBytes, ...deps, service: deps.service ?? 'Symetrisk' }, req, opts);
}

/** The endpoint as a person reads it: "GET /accounting-data/{orgNr}". */
export type EndpointLabel = string;

/** The message for a final network failure. */
export function offlineError(label: EndpointLabel, outcome: { code: string; attempts: number }) {
  return unreachableError('Symetrisk', label, outcome);
}
