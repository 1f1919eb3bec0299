/**
 * What a connection URL may be: https anywhere, plain http only to this computer (a local test environment or the
 * sandbox), because over plain http to another host the client secret and every borrower's accounts would cross
 * the network readable.
 */
import { AppError } from '../../../shared/contract';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost');
}

/** Returns the URL normalised (no trailing slash) or throws invalid_input naming the field and the rule broken. */
export function checkEndpointUrl(raw: string, label: 'token URL' | 'API base URL'): string {
  const field = label === 'token URL' ? 'tokenUrl' : 'apiBaseUrl';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', `The ${label} is not a valid URL.`, { field });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid_input', `The ${label} must start with https://.`, { field });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError(
      'invalid_input',
      `The ${label} must use https. Plain http is allowed only for this computer (localhost, 127.0.0.1 or ::1), ` +
        `not for ${url.hostname}.`,
      { field },
    );
  }
  if (url.username || url.password) {
    throw new AppError('invalid_input', `The ${label} must not contain a user name or password; the secret goes in its own field.`, { field });
  }
  if (url.hash) throw new AppError('invalid_input', `The ${label} must not contain a #fragment.`, { field });
  if (url.search) throw new AppError('invalid_input', `The ${label} must not contain a ?query.`, { field });
  return url.toString().replace(/\/+$/, '');
}
