/**
 * What a connection URL may be: https anywhere, plain http only to this computer (a local test environment or the
 * sandbox), because over plain http to another host the client secret and every borrower's accounts would cross
 * the network readable. "This computer" is the rule of ../net/loopback.ts: 127.0.0.0/8, ::1 and `localhost`
 * (which the HTTP layer resolves and checks again on every request); `*.localhost` is resolved by DNS like any
 * other name, so it is refused.
 */
import { AppError } from '../../../shared/contract';
import { isLoopbackHost } from '../net/loopback';

export { isLoopbackHost };

/** Returns the URL normalised (no trailing slash) or throws invalid_input naming the field and the rule broken. */
export function checkEndpointUrl(raw: string, label: 'token URL' | 'API base URL'): string {
  const field = label === 'token URL' ? 'tokenUrl' : 'apiBaseUrl';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', `The ${label} is not a valid URL.`, { field, reason: 'url_invalid' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid_input', `The ${label} must start with https://.`, { field, reason: 'url_not_https' });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError(
      'invalid_input',
      `The ${label} must use https. Plain http is allowed only for this computer (localhost, 127.0.0.1 or ::1), ` +
        `not for ${url.hostname}.`,
      { field, reason: 'plain_http_not_loopback', host: url.hostname },
    );
  }
  if (url.username || url.password) {
    throw new AppError('invalid_input', `The ${label} must not contain a user name or password; the secret goes in its own field.`, { field, reason: 'url_has_credentials' });
  }
  if (url.hash) throw new AppError('invalid_input', `The ${label} must not contain a #fragment.`, { field, reason: 'url_has_fragment' });
  if (url.search) throw new AppError('invalid_input', `The ${label} must not contain a ?query.`, { field, reason: 'url_has_query' });
  return url.toString().replace(/\/+$/, '');
}
