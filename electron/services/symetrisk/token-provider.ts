import { AppError } from '../../../shared/contract';
import { TOKEN_LIFETIME_SECONDS } from '../../../shared/symetrisk/defaults';
import { OAuthError, TokenResponse } from '../../../shared/symetrisk/schemas';
import { serverWords, statusHint } from './error-body';
import { offlineError, sendWithRetry, type HttpDeps } from './http';

export interface TokenProviderOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** Renew this long before expiry (shortened to a quarter of the lifetime for short-lived tokens). Default 60 s. */
  renewMarginSeconds?: number;
}

/**
 * Hands out a bearer token, kept in memory only. All callers share one token request in flight; the token is
 * renewed ahead of its expiry; `invalidate` drops a token the API refused (a 401), so the next `get` renews.
 */
export interface TokenProvider {
  get(opts?: { signal?: AbortSignal | undefined; retry?: boolean | undefined; failFastUnreachable?: boolean | undefined }): Promise<string>;
  /** Forget `token` if it is still the current one (another caller may already have renewed). */
  invalidate(token: string): void;
  /**
   * The scopes granted with the current token: the token answer's `scope` when it has one (RFC 6749 section 5.1),
   * else null (then the requested scopes were granted, section 3.3).
   */
  grantedScopes(): string[] | null;
}

/**
 * HTTP Basic credentials of an OAuth client (RFC 6749 section 2.3.1): id and secret are each
 * application/x-www-form-urlencoded first (Appendix B), then joined with a colon and base64-encoded, so that a secret
 * with `+`, `/`, `=`, `:` or `%` reaches a standard server unchanged.
 */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const formEncode = (v: string): string => new URLSearchParams([['', v]]).toString().slice(1);
  return Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`, 'utf8').toString('base64');
}

const LABEL = 'POST token';

export function createTokenProvider(deps: HttpDeps, opts: TokenProviderOptions): TokenProvider {
  let current: { token: string; renewAt: number; scopes: string[] | null } | null = null;
  let inFlight: Promise<string> | null = null;
  const margin = opts.renewMarginSeconds ?? 60;

  async function fetchToken(signal: AbortSignal | undefined, retry: boolean, failFastUnreachable: boolean): Promise<string> {
    const basic = basicCredentials(opts.clientId, opts.clientSecret);
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope: opts.scopes.join(' ') }).toString();
    const outcome = await sendWithRetry(
      deps,
      {
        method: 'POST',
        url: opts.tokenUrl,
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      },
      // The client-credentials grant has no side effect: asking twice is safe.
      { signal, idempotent: true, retry, failFastUnreachable },
    );
    if (outcome.kind === 'network') throw offlineError(LABEL, outcome);
    if (outcome.kind === 'bad_body') {
      throw new AppError('bad_response', `The token endpoint answered with a body that is not JSON (${outcome.problem}).`, { endpoint: LABEL });
    }
    if (outcome.kind === 'status') throw tokenError(outcome.status, outcome.json);
    const parsed = TokenResponse.safeParse(outcome.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.map(String).join('.') || '(body)' : '(body)';
      // The message names the field only: the value might be the token itself.
      throw new AppError('bad_response', `${LABEL}: ${where}: ${issue?.message.replace(/^Invalid input: /, '') ?? 'unexpected shape'}`, {
        endpoint: LABEL,
        field: where,
      });
    }
    const lifetime = parsed.data.expires_in ?? TOKEN_LIFETIME_SECONDS;
    const ahead = Math.min(margin, lifetime / 4);
    const scopes = parsed.data.scope === undefined ? null : parsed.data.scope.split(' ').filter((x) => x !== '');
    current = { token: parsed.data.access_token, renewAt: deps.clock().getTime() + (lifetime - ahead) * 1000, scopes };
    return parsed.data.access_token;
  }

  return {
    async get({ signal, retry = true, failFastUnreachable = false } = {}) {
      if (current && deps.clock().getTime() < current.renewAt) return current.token;
      if (!inFlight) {
        // One request for everybody; a caller's cancel must not fail the others, so the shared request gets none.
        inFlight = fetchToken(undefined, retry, failFastUnreachable).finally(() => {
          inFlight = null;
        });
      }
      if (!signal) return inFlight;
      return await Promise.race([
        inFlight,
        new Promise<never>((_, reject) => {
          if (signal.aborted) reject(new AppError('cancelled', 'The sync was cancelled.'));
          signal.addEventListener('abort', () => reject(new AppError('cancelled', 'The sync was cancelled.')), { once: true });
        }),
      ]);
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
    grantedScopes: () => (current?.scopes ? [...current.scopes] : null),
  };
}

/**
 * An OAuth error (RFC 6749 section 5.2) as the analyst's problem: wrong secret, missing scope, or something else.
 * Every error carries `details.reason` (a stable key the renderer words) and the server's own words when it sent any.
 */
function tokenError(status: number, json: unknown): AppError {
  const oauth = OAuthError.safeParse(json);
  const code = oauth.success ? oauth.data.error : null;
  const words = serverWords(json);
  const base = { endpoint: LABEL, status, oauthError: code, serverMessage: words };
  if (code === 'invalid_client' || code === 'unauthorized_client' || (code === null && status === 401)) {
    return new AppError('auth_failed', 'Symetrisk refused the client id or secret. Check the API client and its secret.', {
      ...base,
      problem: 'wrong_secret',
      reason: 'token_client_refused',
    });
  }
  if (code === 'invalid_scope') {
    return new AppError('missing_scope', 'The API client may not ask for the scopes this profile uses.', {
      ...base,
      problem: 'missing_scope',
      reason: 'token_scope_refused',
    });
  }
  const said = words ? `: ${words}` : '';
  if (code !== null) {
    return new AppError('auth_failed', `The token endpoint refused the request (${code}${said}).`, { ...base, reason: 'token_refused' });
  }
  const hint = statusHint(status, 'token');
  return new AppError('api_error', `The token endpoint answered HTTP ${status}${said}.${hint ? ` ${hint.message}` : ''}`, {
    ...base,
    reason: hint?.reason ?? 'token_http_error',
  });
}
