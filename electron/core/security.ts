/**
 * Security policy shared by the Electron window and the browser host: the CSP and the external-link allow-list.
 * Plain data and functions, no electron import, so both bindings and the tests use one definition.
 */

/** The production Content-Security-Policy. No inline script or style, no eval, nothing remote. */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${extraConnect.length ? ' ' + extraConnect.join(' ') : ''}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Hosts whose https links may be opened in the system browser. Everything else is refused. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.symetrisk.com', 'symetrisk.com', 'api.symetrisk.com'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_LINK_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

/** The scheme and host the app's own pages are served from in the desktop app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
