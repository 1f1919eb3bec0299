/**
 * "Test connection": token, then /ping, then /self, stopping at the first failure with a named problem the analyst
 * can act on (wrong secret, missing scope, network, unexpected answer). The API client's errors never carry a
 * secret, a token or a request; the messages here add only hosts and causes.
 */
import { isAppError } from '../../../shared/contract';
import type { ConnectionTestResult } from '../../../shared/contract/dto';
import { API_PATHS } from '../../../shared/symetrisk/defaults';
import { SymetriskClient } from '../symetrisk/client';
import type { ResolvedConnection } from './connection-resolver';
import { probe } from '../net/http';

type Problem = NonNullable<ConnectionTestResult['problem']>;
type Step = ConnectionTestResult['steps'][number];

export interface ProbeDeps {
  fetch: typeof fetch;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

class StepFailure extends Error {
  constructor(
    readonly problem: Problem,
    message: string,
  ) {
    super(message);
  }
}

export function apiUrl(apiBaseUrl: string, path: string): string {
  return apiBaseUrl.replace(/\/+$/, '') + path;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  ECONNRESET: 'the connection was cut',
  TIMEOUT: 'no answer in time',
  TimeoutError: 'no answer in time',
  AbortError: 'no answer in time',
};

/** A short, secret-free description of why fetch threw (connection refused, DNS, timeout, TLS). */
export function describeNetworkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'no answer in time';
  const code = err?.cause?.code;
  if (code) return CAUSES[code] ?? (/CERT|SSL|TLS/i.test(code) ? `a certificate problem (${code})` : code);
  return err?.cause?.message ?? err?.message ?? 'network error';
}

/** The API client's AppError as the problem the analyst should fix. */
function toFailure(e: unknown, where: string): StepFailure {
  if (!isAppError(e)) throw e;
  switch (e.code) {
    case 'offline': {
      const cause = String(e.details?.['cause'] ?? '');
      return new StepFailure('network', `Could not reach ${where}: ${CAUSES[cause] ?? (cause || 'network error')}.`);
    }
    case 'auth_failed':
      return e.details?.['problem'] === 'wrong_secret'
        ? new StepFailure('wrong_secret', 'The client id or client secret was refused. Check both against the API page on Symetrisk.')
        : new StepFailure('unexpected', e.message);
    case 'missing_scope':
      return new StepFailure('missing_scope', e.message);
    default:
      return new StepFailure('unexpected', e.message);
  }
}

/**
 * Runs the three steps against an already resolved connection, through the same API client as the sync but with
 * one attempt per request: a test should answer quickly and name the problem, not hide it behind backoff.
 */
export async function probeConnection(conn: ResolvedConnection, deps: ProbeDeps): Promise<ConnectionTestResult> {
  const client = new SymetriskClient(conn, { fetch: deps.fetch, clock: () => new Date(), timeoutMs: deps.timeoutMs ?? 10_000 });
  const once = { retry: false };
  const steps: Step[] = [{ step: 'secret', ok: true, message: 'A client secret is available.' }];
  let current: Step['step'] = 'token';
  let bankName: string | null = null;
  let grantedScopes: string[] = [];
  try {
    try {
      await client.token(once);
    } catch (e) {
      if (isAppError(e) && e.code === 'missing_scope') {
        throw new StepFailure(
          'missing_scope',
          `This API client may not use the scopes asked for (${conn.scopes.join(', ')}). Remove the scope from the profile or ask Symetrisk to grant it.`,
        );
      }
      throw toFailure(e, `the token service at ${hostOf(conn.tokenUrl)}`);
    }
    steps.push({ step: 'token', ok: true, message: 'The token service issued an access token.' });

    current = 'ping';
    const apiHost = `the Symetrisk API at ${hostOf(conn.apiBaseUrl)}`;
    const ping = await client.ping(once).catch((e: unknown) => {
      throw toFailure(e, apiHost);
    });
    steps.push({ step: 'ping', ok: true, message: `The API answered /ping (${ping.message.slice(0, 40)}).` });

    current = 'self';
    const self = await client.self(once).catch((e: unknown) => {
      throw toFailure(e, apiHost);
    });
    bankName = self.company.name;
    grantedScopes = self.client.scopes;
    const missing = conn.scopes.filter((s) => !grantedScopes.includes(s));
    if (missing.length > 0) {
      throw new StepFailure(
        'missing_scope',
        `This API client lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Ask Symetrisk to grant it or remove it from the profile.`,
      );
    }
    steps.push({ step: 'self', ok: true, message: `Connected as ${bankName}.` });
    return { ok: true, problem: null, message: `Connected to Symetrisk as ${bankName}.`, steps, bankName, scopes: grantedScopes };
  } catch (e) {
    if (!(e instanceof StepFailure)) throw e;
    steps.push({ step: current, ok: false, message: e.message });
    return { ok: false, problem: e.problem, message: e.message, steps, bankName, scopes: grantedScopes };
  }
}

/**
 * One /ping without a token and with a short timeout: any HTTP answer means the service is reachable (a 401 from a
 * gateway still proves the network path works); only a failure to get an answer means it is not.
 */
export async function checkReachable(apiBaseUrl: string, deps: ProbeDeps): Promise<{ reachable: boolean; message: string }> {
  try {
    // Through the HTTP layer like every outbound call: its deadline, no redirect followed, plain http to loopback only.
    const status = await probe(deps, apiUrl(apiBaseUrl, API_PATHS.ping.path()), deps.timeoutMs ?? 3_000);
    return { reachable: true, message: `Symetrisk answered (HTTP ${status}).` };
  } catch (e) {
    return { reachable: false, message: `Symetrisk cannot be reached at ${hostOf(apiBaseUrl)}: ${describeNetworkError(e)}.` };
  }
}
