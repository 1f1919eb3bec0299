/**
 * "Test connection": token, then /ping, stopping at the first failure with a named problem the analyst can act on
 * (wrong secret, missing scope, network, unexpected answer); then /self, which is information: the bank's name and
 * number, cached on the profile. A /self that is missing (404) or fails, or scopes that differ from the token's, are
 * warnings, never a failed test: sync and export work without /self. The API client's errors never carry a secret, a
 * token or a request; the messages here add only hosts and causes.
 */
import { isAppError, type AppError } from '../../../shared/contract';
import type { ConnectionState, ConnectionTestResult, ConnectionWarning } from '../../../shared/contract/dto';
import { SymetriskClient } from '../symetrisk/client';
import type { ResolvedConnection } from './connection-resolver';
import type { BankFacts } from './profile-store';

type Problem = NonNullable<ConnectionTestResult['problem']>;
type Step = ConnectionTestResult['steps'][number];

export interface ProbeDeps {
  fetch: typeof fetch;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  clock?: () => Date;
}

class StepFailure extends Error {
  constructor(
    readonly problem: Problem,
    message: string,
    readonly reason: string | null = null,
    readonly serverMessage: string | null = null,
  ) {
    super(message);
  }
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

function reasonOf(e: AppError): string | null {
  const r = e.details?.['reason'];
  return typeof r === 'string' ? r : null;
}

function wordsOf(e: AppError): string | null {
  const w = e.details?.['serverMessage'];
  return typeof w === 'string' ? w : null;
}

/** The API client's AppError as the problem the analyst should fix. */
function toFailure(e: unknown, where: string): StepFailure {
  if (!isAppError(e)) throw e;
  const reason = reasonOf(e);
  const words = wordsOf(e);
  switch (e.code) {
    case 'offline': {
      const cause = String(e.details?.['cause'] ?? '');
      return new StepFailure('network', `Could not reach ${where}: ${CAUSES[cause] ?? (cause || 'network error')}.`, cause === 'TIMEOUT' ? 'timeout' : 'unreachable');
    }
    case 'auth_failed':
      return e.details?.['problem'] === 'wrong_secret'
        ? new StepFailure('wrong_secret', 'The client id or client secret was refused. Check both against the API page on Symetrisk.', reason, words)
        : new StepFailure('unexpected', e.message, reason, words);
    case 'missing_scope':
      return new StepFailure('missing_scope', e.message, reason, words);
    default:
      return new StepFailure('unexpected', e.message, reason, words);
  }
}

/** What /self says: the bank facts a profile caches, and the API client's scopes. Throws the client's AppError. */
export async function readBankFacts(client: SymetriskClient, now: Date, opts: { retry?: boolean } = {}): Promise<{ facts: BankFacts; scopes: string[] }> {
  const self = await client.self({ retry: opts.retry ?? false });
  return {
    facts: { name: self.company.name, orgNr: self.company.brreg_organization_number || null, checkedAt: now.toISOString() },
    scopes: self.client.scopes,
  };
}

function missing(needed: readonly string[], granted: readonly string[]): string[] {
  return needed.filter((s) => !granted.includes(s));
}

/**
 * Runs the steps against an already resolved connection, through the same API client as the sync but with one
 * attempt per request: a test should answer quickly and name the problem, not hide it behind backoff. Returns the
 * bank facts of /self (for the profile's cache) beside the result.
 */
export async function probeConnection(conn: ResolvedConnection, deps: ProbeDeps): Promise<ConnectionTestResult & { facts: BankFacts | null }> {
  const clock = deps.clock ?? (() => new Date());
  // A client of its own: a test should ask for a token now, not reuse one issued before a secret changed.
  const client = new SymetriskClient(conn, { fetch: deps.fetch, clock, timeoutMs: deps.timeoutMs ?? 10_000 });
  const once = { retry: false };
  const steps: Step[] = [{ step: 'secret', ok: true, warning: false, message: 'A client secret is available.' }];
  const warnings: ConnectionWarning[] = [];
  let current: Step['step'] = 'token';
  let scopes: string[] = [...conn.scopes];
  try {
    try {
      // The token answer's scope, when present, is what was granted (RFC 6749 section 5.1); else what was asked.
      scopes = (await client.token(once)).grantedScopes ?? [...conn.scopes];
    } catch (e) {
      if (isAppError(e) && e.code === 'missing_scope') {
        throw new StepFailure(
          'missing_scope',
          `This API client may not use the scopes asked for (${conn.scopes.join(', ')}). Remove the scope from the profile or ask Symetrisk to grant it.`,
          reasonOf(e),
          wordsOf(e),
        );
      }
      throw toFailure(e, `the token service at ${hostOf(conn.tokenUrl)}`);
    }
    const notGranted = missing(conn.scopes, scopes);
    if (notGranted.length > 0) {
      warnings.push({
        reason: 'scope_not_granted',
        message: `The token was issued without ${notGranted.join(', ')}; what needs ${notGranted.length > 1 ? 'them' : 'it'} will be refused.`,
        values: { scopes: notGranted.join(', ') },
      });
    }
    steps.push({ step: 'token', ok: true, warning: notGranted.length > 0, message: 'The token service issued an access token.' });

    current = 'ping';
    const apiHost = `the Symetrisk API at ${hostOf(conn.apiBaseUrl)}`;
    const ping = await client.ping(once).catch((e: unknown) => {
      throw toFailure(e, apiHost);
    });
    steps.push({ step: 'ping', ok: true, warning: false, message: `The API answered /ping (${ping.message.slice(0, 40)}).` });
  } catch (e) {
    if (!(e instanceof StepFailure)) throw e;
    steps.push({ step: current, ok: false, warning: false, message: e.message });
    return { ok: false, problem: e.problem, reason: e.reason, serverMessage: e.serverMessage, message: e.message, steps, warnings, bankName: null, bankOrgNr: null, scopes, facts: null };
  }

  // /self is information: whatever happens here, the connection works.
  let facts: BankFacts | null = null;
  try {
    const self = await readBankFacts(client, clock());
    facts = self.facts;
    const differ = [...missing(scopes, self.scopes), ...missing(self.scopes, scopes)];
    if (differ.length > 0) {
      warnings.push({
        reason: 'self_scopes_differ',
        message: `/self lists the scopes ${self.scopes.join(', ') || '(none)'}, the token ${scopes.join(', ') || '(none)'}; the token's count.`,
        values: { selfScopes: self.scopes.join(', '), tokenScopes: scopes.join(', ') },
      });
    }
    steps.push({ step: 'self', ok: true, warning: differ.length > 0, message: `Connected as ${facts.name}.` });
  } catch (e) {
    if (!isAppError(e)) throw e;
    const notFound = e.details?.['status'] === 404;
    const warning: ConnectionWarning = notFound
      ? { reason: 'self_not_found', message: 'Symetrisk does not answer /self here (404): the bank\'s name is not known, everything else works.', values: {} }
      : { reason: 'self_failed', message: `/self could not be read (${e.message}); the bank's name is not known, everything else works.`, values: { error: e.message } };
    warnings.push(warning);
    steps.push({ step: 'self', ok: true, warning: true, message: warning.message });
  }
  const as = facts ? ` as ${facts.name}` : '';
  return {
    ok: true,
    problem: null,
    reason: null,
    serverMessage: null,
    message: `Connected to Symetrisk${as}.`,
    steps,
    warnings,
    bankName: facts?.name ?? null,
    bankOrgNr: facts?.orgNr ?? null,
    scopes,
    facts,
  };
}

/**
 * Whether the connection works now: a token (reused while valid) and /ping with it, one attempt each. Available
 * only when both pass: an answer alone proves the network path, not that the bank can work.
 */
export async function checkConnection(client: SymetriskClient): Promise<{ state: ConnectionState; reason: string | null; message: string }> {
  try {
    await client.token({ retry: false });
    await client.ping({ retry: false });
    return { state: 'available', reason: null, message: 'Symetrisk issued a token and answered /ping.' };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const reason = reasonOf(e);
    if (e.code === 'offline') {
      const cause = String(e.details?.['cause'] ?? '');
      return { state: 'unreachable', reason: cause === 'TIMEOUT' ? 'timeout' : 'unreachable', message: e.message };
    }
    if (e.code === 'auth_failed' || e.code === 'missing_scope') return { state: 'refused', reason, message: e.message };
    return { state: 'failing', reason, message: e.message };
  }
}
