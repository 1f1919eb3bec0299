/**
 * The origin of a URL as `scheme://host[:port]`, lower case, the default port left out; null for a URL that does
 * not parse or has no host (file:, data:, blob:, about:), so that it never equals an allowed origin.
 *
 * Not `URL.origin`: for a scheme the URL standard does not know, such as the desktop app's own app://desk, that is
 * the opaque "null", and two different pages would compare equal. The IPC sender check and the window's
 * navigation rules both compare origins with this one function.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.host === '') return null;
  return `${u.protocol}//${u.host.toLowerCase()}`;
}
