/**
 * What a team database URL may be, and how it becomes a node-postgres connection. The rules match the API URLs'
 * (connections/url-rules.ts): a password never in the URL (it goes to the keychain, or for the sync job to
 * ~/.pgpass, PGPASSWORD or peer authentication), and encryption required whenever the server is not this computer,
 * because the borrowers' accounts and the role's password would otherwise cross the bank's network readable.
 */
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { AppError } from '../../../shared/contract';
import { isLoopbackHost } from '../connections/url-rules';

/**
 * sslmode as libpq names it. `require` is accepted and means what node-postgres makes of it, a verified
 * certificate (as verify-full): there is no encrypted-but-unverified mode, which a machine in the middle could
 * answer. `allow` and `prefer` are refused: they fall back to plain text without telling anyone.
 */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly string[] = ['disable', 'require', 'verify-ca', 'verify-full'];
const PARAMETERS = new Set(['sslmode', 'sslrootcert', 'host']);

export interface TeamDatabaseTarget {
  /** A host name or address, or a unix socket folder (an absolute path). */
  host: string;
  port: number;
  database: string;
  /** The role; null lets PostgreSQL take the operating system user's name (peer authentication). */
  user: string | null;
  sslmode: SslMode;
  /** A CA certificate file for a bank's own certificate authority. */
  sslrootcert: string | null;
  /** The URL written back without anything but what is above: what a profile stores and a log may show. */
  url: string;
}

function invalid(reason: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('invalid_input', message, { field: 'databaseUrl', reason, ...extra });
}

/** True for a unix socket folder or a loopback address: the traffic never leaves this computer. */
export function isLocalDatabaseHost(host: string): boolean {
  return host.startsWith('/') || isLoopbackHost(host) || isLoopbackHost(`[${host}]`);
}

/**
 * Parses and checks a team database URL: postgres[ql]://[user@]host[:port]/database[?sslmode=&sslrootcert=&host=].
 * Throws AppError('invalid_input') with `details.reason` naming the rule broken. `requireUser`: a desktop's team
 * connection names its read-only role; the sync job may rely on the operating system user (peer authentication).
 */
export function parseTeamDatabaseUrl(raw: string, opts: { requireUser?: boolean } = {}): TeamDatabaseTarget {
  const text = raw.trim();
  const scheme = /^(postgres|postgresql):\/\//i.exec(text);
  if (!scheme) throw invalid('database_url_scheme', 'The team database URL must start with postgres:// (or postgresql://).');
  // WHATWG URL refuses an empty host ("postgres://user@/db?host=/run/postgresql"); a placeholder stands in for it.
  const emptyHost = /^[a-z]+:\/\/([^/@?#]*@)?(?=[/?#]|$)/i.test(text);
  let url: URL;
  try {
    url = new URL(emptyHost ? text.replace(/^([a-z]+:\/\/(?:[^/@?#]*@)?)/i, '$1placeholder.invalid') : text);
  } catch {
    throw invalid('database_url_invalid', 'The team database URL is not a valid URL.');
  }
  if (url.password) {
    throw invalid(
      'database_url_password',
      'The team database URL must not contain a password: it would be stored and shown with the URL. Enter it in its own field (it is kept in the keychain).',
    );
  }
  if (url.hash) throw invalid('database_url_fragment', 'The team database URL must not contain a #fragment.');
  for (const key of url.searchParams.keys()) {
    if (!PARAMETERS.has(key)) {
      throw invalid('database_url_parameter', `The team database URL has a parameter this app does not use: "${key.slice(0, 40)}". Allowed: sslmode, sslrootcert, host.`, {
        parameter: key.slice(0, 40),
      });
    }
  }
  const socketHost = url.searchParams.get('host');
  if (socketHost !== null && !socketHost.startsWith('/')) {
    throw invalid('database_url_socket', 'The host parameter of a team database URL is a unix socket folder (an absolute path); put a host name before the database name.');
  }
  const hostname = emptyHost ? '' : decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  const host = socketHost ?? hostname;
  if (host === '') throw invalid('database_url_host', 'The team database URL names no server: postgres://role@server:5432/database.');
  const port = url.port === '' ? 5432 : Number(url.port);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw invalid('database_url_database', 'The team database URL names no database: postgres://role@server:5432/database.');
  }
  const user = url.username === '' ? null : decodeURIComponent(url.username);
  if (opts.requireUser && user === null) {
    throw invalid('database_url_user', 'The team database URL names no role: postgres://role@server:5432/database (the read-only role your DBA created).');
  }
  const local = isLocalDatabaseHost(host);
  const given = url.searchParams.get('sslmode');
  if (given !== null && !SSL_MODES.includes(given)) {
    throw invalid('database_url_sslmode', `sslmode=${given.slice(0, 20)} is not allowed: use verify-full (or disable for this computer only).`, {
      sslmode: given.slice(0, 20),
    });
  }
  const sslmode = (given ?? (local ? 'disable' : 'verify-full')) as SslMode;
  if (sslmode === 'disable' && !local) {
    throw invalid(
      'database_url_tls_required',
      `The team database on ${host} must be reached over TLS (sslmode=verify-full): without it the accounts and the password would cross the network readable. sslmode=disable is allowed only for this computer.`,
      { host: host.slice(0, 200) },
    );
  }
  const sslrootcert = url.searchParams.get('sslrootcert');
  if (sslrootcert !== null && !sslrootcert.startsWith('/')) {
    throw invalid('database_url_sslrootcert', 'sslrootcert must be the absolute path of a CA certificate file.');
  }
  if (sslmode === 'verify-ca' && sslrootcert === null) {
    throw invalid('database_url_sslrootcert', 'sslmode=verify-ca needs sslrootcert: the bank’s own CA certificate. With a public CA, use verify-full.');
  }

  const query = new URLSearchParams();
  if (socketHost !== null) query.set('host', socketHost);
  if (!(local && sslmode === 'disable')) query.set('sslmode', sslmode);
  if (sslrootcert !== null) query.set('sslrootcert', sslrootcert);
  const shownHost = socketHost !== null ? '' : hostname.includes(':') ? `[${hostname}]` : hostname;
  const auth = user === null ? '' : `${encodeURIComponent(user)}@`;
  const portPart = socketHost !== null || port === 5432 ? '' : `:${port}`;
  const q = query.toString();
  return {
    host,
    port,
    database,
    user,
    sslmode,
    sslrootcert,
    url: `postgres://${auth}${shownHost}${portPart}/${encodeURIComponent(database)}${q ? `?${q}` : ''}`,
  };
}

/** The URL as a profile stores it (normalised), or AppError('invalid_input'). */
export function checkTeamDatabaseUrl(raw: string): string {
  return parseTeamDatabaseUrl(raw, { requireUser: true }).url;
}

/** node-postgres's `ssl` option for the target: false on this computer without TLS, else a verified connection. */
export function tlsOptions(t: TeamDatabaseTarget): false | ConnectionOptions {
  if (t.sslmode === 'disable') return false;
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (t.sslrootcert !== null) {
    try {
      options.ca = fs.readFileSync(t.sslrootcert, 'utf8');
    } catch (e) {
      throw new AppError('invalid_input', `The CA certificate ${t.sslrootcert} could not be read.`, {
        field: 'databaseUrl',
        reason: 'database_url_sslrootcert_unreadable',
        cause: (e as NodeJS.ErrnoException).code ?? 'unknown',
      });
    }
  }
  // verify-ca: the certificate must come from the bank's CA, whatever name it carries.
  if (t.sslmode === 'verify-ca') options.checkServerIdentity = () => undefined;
  return options;
}
