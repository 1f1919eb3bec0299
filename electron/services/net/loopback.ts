/**
 * The plain-http rule, in one place: http (no TLS) only to this computer. "This computer" means the literal loopback
 * addresses (127.0.0.0/8 and ::1) and the name `localhost` once it has been resolved and every address it resolves to
 * is loopback. Nothing else: `*.localhost` and other names are resolved by DNS like any name (in an isolated network
 * namespace `app.localhost` reached a host on the network), so they could send the client secret in the clear.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../../../shared/contract';

/** Resolves a host name to every address it has (dns.lookup with `all`), injectable for tests. */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The URL's host without the brackets of an IPv6 literal, lower case. */
function bare(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** True for a literal loopback address: 127.0.0.0/8, ::1 (also written out in full, or as ::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string): boolean {
  const a = bare(address);
  if (net.isIPv4(a)) return a.split('.')[0] === '127';
  if (!net.isIPv6(a)) return false;
  const list = new net.BlockList();
  list.addAddress('::1', 'ipv6');
  list.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  return list.check(a, 'ipv6');
}

/** True for what a profile may name over plain http: a literal loopback address, or exactly `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  return bare(hostname) === 'localhost' || isLoopbackAddress(hostname);
}

/**
 * The URLs to send a request to: the URL itself for https and for a literal loopback address; for
 * http://localhost, the same URL with each address `localhost` resolves to (all of them loopback, or the request is
 * refused), so the request goes exactly where the check looked and a second resolution cannot point it elsewhere.
 * Throws AppError('invalid_input', reason `plain_http_not_loopback` / `localhost_not_loopback`) otherwise.
 */
export async function plainHttpTargets(rawUrl: string, lookup: LookupAll = systemLookup): Promise<string[]> {
  const url = new URL(rawUrl);
  if (url.protocol === 'https:') return [rawUrl];
  if (url.protocol !== 'http:') {
    throw new AppError('invalid_input', `Only https (and plain http to this computer) is used, not ${url.protocol}.`, {
      reason: 'unsupported_protocol',
      protocol: url.protocol,
    });
  }
  const host = bare(url.hostname);
  if (isLoopbackAddress(host)) return [rawUrl];
  if (host !== 'localhost') {
    throw new AppError('invalid_input', `Plain http is used only to this computer (127.0.0.1, ::1 or localhost), not to ${host}. Use https.`, {
      reason: 'plain_http_not_loopback',
      host,
    });
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch {
    addresses = [];
  }
  const foreign = addresses.filter((a) => !isLoopbackAddress(a.address));
  if (addresses.length === 0 || foreign.length > 0) {
    throw new AppError(
      'invalid_input',
      `"localhost" does not resolve to this computer only${foreign.length ? ` (also ${foreign.map((a) => a.address).join(', ')})` : ''}; plain http is refused. Use 127.0.0.1.`,
      { reason: 'localhost_not_loopback', addresses: addresses.map((a) => a.address) },
    );
  }
  return [...new Set(addresses.map((a) => a.address))].map((address) => {
    const u = new URL(rawUrl);
    u.hostname = net.isIPv6(address) ? `[${address}]` : address;
    return u.toString();
  });
}
