/**
 * The server's own words in an error answer, whatever the format it chose: the API's `[{key, message}]`, a gateway's
 * `{"message": ...}`, RFC 9457 problem details (`title`, `detail`), an OAuth error (`error_description`). An HTML or
 * text page gives none: only its status is reported, never a proxy's page. Plus the hint a 404 deserves: a token URL
 * or an API base URL that points at the wrong path.
 */
import { cleanServerText } from '../../../shared/safe-text';
import { ApiErrorBody, GatewayErrorBody, OAuthError, ProblemDetails } from '../../../shared/symetrisk/schemas';

const MAX_WORDS = 300;

function clean(s: string): string {
  // One line, no control or text-direction characters (the rule for every text a server sends), bounded: it goes
  // into a message, a log line and the terminal.
  const flat = cleanServerText(s).replace(/\s+/g, ' ').trim();
  return flat.length > MAX_WORDS ? `${flat.slice(0, MAX_WORDS - 1)}…` : flat;
}

/** The server's words from a parsed JSON error body; null when it has none we can read (HTML, text, empty). */
export function serverWords(json: unknown): string | null {
  if (json === undefined || json === null) return null;
  const list = ApiErrorBody.safeParse(json);
  if (list.success && list.data.length > 0) {
    return clean(list.data.map((e) => (e.message.trim() === '' ? e.key : e.message)).join('; ')) || null;
  }
  const oauth = OAuthError.safeParse(json);
  if (oauth.success) return clean(oauth.data.error_description ?? oauth.data.error) || null;
  const problem = ProblemDetails.safeParse(json);
  if (problem.success && (problem.data.title !== undefined || problem.data.detail !== undefined)) {
    const parts = [problem.data.title, problem.data.detail].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (parts.length > 0) return clean(parts.join(': '));
  }
  const gateway = GatewayErrorBody.safeParse(json);
  if (gateway.success) return clean(gateway.data.message) || null;
  return null;
}

/** The first `key` of the API's own error list, or null. */
export function apiErrorKey(json: unknown): string | null {
  const list = ApiErrorBody.safeParse(json);
  return list.success ? (list.data[0]?.key ?? null) : null;
}

export interface StatusHint {
  /** Stable key for the renderer's wording. */
  reason: 'token_url_not_found' | 'api_base_url_not_found';
  message: string;
}

/**
 * A 404 from the token endpoint or from the API as a whole means the URL's path is wrong, not that a thing is missing:
 * the document's token URL ends in /oauth2/token and its base URL in /api/v1.
 */
export function statusHint(status: number, where: 'token' | 'api'): StatusHint | null {
  if (status !== 404) return null;
  return where === 'token'
    ? { reason: 'token_url_not_found', message: 'Check the token URL: it should end in /oauth2/token.' }
    : { reason: 'api_base_url_not_found', message: 'Check the API base URL: it should end in /api/v1.' };
}
