/**
 * "Test connection": token, then /ping, then /self, stopping at the first failure with a named problem the analyst
 * can act on (wrong secret, missing scope, network, unexpected answer). Deliberately without retries: a test
 * should answer quickly and say what is wrong, not hide it behind backoff.
 *
 * Nothing here puts a secret, a token or a response body into a message: only statuses, OAuth error codes and hosts.
 */
import type { ConnectionTestResult } from '../../../shared/contract/dto';
import { OAuthError, Ping, Self, TokenResponse } from '../../../shared/symetrisk/schemas';
import { API_PATHS } from '../../../shared/symetrisk/defaults';
import type { ResolvedConnection } from './connection-resolver';

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

/** A short, secret-free description of why fetch threw (connection refused, DNS, timeout, TLS). */
export function describeNetworkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'no answer in time';
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  if (code && /CERT|SSL|TLS/i.test(code)) return `a certificate problem (${code})`;
  if (code) return code;
  return err?.cause?.message ?? err?.message ?? 'network error';
}

async function send(deps: ProbeDeps, url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await deps.fetch(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000), redirect: 'error' });
  } catch (e) {
    throw new StepFailure('network', `Could not reach ${what} at ${hostOf(url)}: ${describeNetworkError(e)}.`);
  }
}

async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text().catch(() => {
    throw new StepFailure('network', `The answer from ${what} was cut off.`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StepFailure('unexpected', `${what} answered HTTP ${res.status} with something that is not JSON.`);
  }
}

async function requestToken(conn: ResolvedConnection, deps: ProbeDeps): Promise<string> {
  const basic = Buffer.from(`${conn.clientId}:${conn.clientSecret}`, 'utf8').toString('base64');
  const res = await send(
    deps,
    conn.tokenUrl,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: conn.scopes.join(' ') }).toString(),
    },
    'the token service',
  );
  if (res.status >= 500) {
    await res.body?.cancel();
    throw new StepFailure('unexpected', `The token service answered HTTP ${res.status} (a server error). Try again later.`);
  }
  const body = await readJson(res, 'The token service');
  if (res.ok) {
    const t = TokenResponse.safeParse(body);
    if (!t.success) throw new StepFailure('unexpected', 'The token service answered without a usable access token.');
    return t.data.access_token;
  }
  const err = OAuthError.safeParse(body);
  const code = err.success ? err.data.error : null;
  if (code === 'invalid_client' || code === 'unauthorized_client' || (code === null && res.status === 401)) {
    throw new StepFailure('wrong_secret', 'The client id or client secret was refused. Check both against the API page on Symetrisk.');
  }
  if (code === 'invalid_scope') {
    throw new StepFailure(
      'missing_scope',
      `This API client may not use the scopes asked for (${conn.scopes.join(', ')}). Remove the scope from the profile or ask Symetrisk to grant it.`,
    );
  }
  throw new StepFailure('unexpected', `The token service refused the request (HTTP ${res.status}${code ? `, ${code.slice(0, 60)}` : ''}).`);
}

async function apiGet(conn: ResolvedConnection, token: string, path: string, deps: ProbeDeps): Promise<unknown> {
  const what = `The Symetrisk API (${path})`;
  const res = await send(deps, apiUrl(conn.apiBaseUrl, path), { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, 'the Symetrisk API');
  if (res.status === 403) {
    await res.body?.cancel();
    throw new StepFailure('missing_scope', `${what} refused access (HTTP 403): the API client lacks a scope it needs.`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new StepFailure('unexpected', `${what} answered HTTP ${res.status}.`);
  }
  return readJson(res, what);
}

/** Runs the three steps against an already resolved connection. */
export async function probeConnection(conn: ResolvedConnection, deps: ProbeDeps): Promise<ConnectionTestResult> {
  const steps: Step[] = [{ step: 'secret', ok: true, message: 'A client secret is available.' }];
  let current: Step['step'] = 'token';
  let bankName: string | null = null;
  let grantedScopes: string[] = [];
  try {
    const token = await requestToken(conn, deps);
    steps.push({ step: 'token', ok: true, message: 'The token service issued an access token.' });

    current = 'ping';
    const ping = Ping.safeParse(await apiGet(conn, token, API_PATHS.ping.path(), deps));
    if (!ping.success) throw new StepFailure('unexpected', 'The Symetrisk API (/ping) answered in an unknown shape.');
    steps.push({ step: 'ping', ok: true, message: `The API answered /ping (${ping.data.message.slice(0, 40)}).` });

    current = 'self';
    const self = Self.safeParse(await apiGet(conn, token, API_PATHS.self.path(), deps));
    if (!self.success) throw new StepFailure('unexpected', 'The Symetrisk API (/self) answered in an unknown shape.');
    bankName = self.data.company.name;
    grantedScopes = self.data.client.scopes;
    const missing = conn.scopes.filter((s) => !grantedScopes.includes(s));
    if (missing.length > 0) {
      throw new StepFailure('missing_scope', `This API client lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Ask Symetrisk to grant it or remove it from the profile.`);
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
    const res = await deps.fetch(apiUrl(apiBaseUrl, API_PATHS.ping.path()), {
      signal: AbortSignal.timeout(deps.timeoutMs ?? 3_000),
      redirect: 'manual',
    });
    await res.body?.cancel();
    return { reachable: true, message: `Symetrisk answered (HTTP ${res.status}).` };
  } catch (e) {
    return { reachable: false, message: `Symetrisk cannot be reached at ${hostOf(apiBaseUrl)}: ${describeNetworkError(e)}.` };
  }
}
