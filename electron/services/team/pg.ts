/**
 * node-postgres as the team side uses it: connections from a checked target (database-url.ts), bigint columns
 * read as numbers, and PostgreSQL's failures turned into AppErrors that name what to fix.
 */
import pg from 'pg';
import { AppError, isAppError } from '../../../shared/contract';
import { tlsOptions, type TeamDatabaseTarget } from './database-url';

const INT8_OID = 20;

/**
 * bigint (keys, change sequence numbers, item ids) as a JS number instead of node-postgres's string: they stay far
 * below 2^53, and a value that did not would be refused rather than rounded.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') {
      return (v: string) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n)) throw new Error(`A bigint beyond 2^53 arrived from the team database: ${v}`);
        return n;
      };
    }
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface TeamPoolOptions {
  /** The role's password; undefined leaves it to ~/.pgpass, PGPASSWORD or peer authentication (the sync job). */
  password?: string | undefined;
  /** Shown in pg_stat_activity, so the DBA sees who is connected. */
  applicationName: string;
  max?: number;
  connectTimeoutMs?: number;
}

/** A pool of connections to the team database. Never throws for a server that is down: the first query does. */
export function teamPool(target: TeamDatabaseTarget, opts: TeamPoolOptions): pg.Pool {
  const config: pg.PoolConfig = {
    host: target.host,
    port: target.port,
    database: target.database,
    ssl: tlsOptions(target),
    types,
    max: opts.max ?? 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: opts.applicationName,
  };
  if (target.user !== null) config.user = target.user;
  if (opts.password !== undefined) config.password = opts.password;
  const pool = new pg.Pool(config);
  // An idle connection the server ended (a restart, a DBA's pg_terminate_backend) must not crash the process: the
  // next query gets a fresh one, or fails and says so.
  pool.on('error', () => undefined);
  return pool;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOENT']);

/** A PostgreSQL or socket failure as an AppError (`details.reason` a stable key, `details.sqlstate` when there is one). */
export function teamDbError(e: unknown, target: Pick<TeamDatabaseTarget, 'host' | 'port' | 'database'>, doing: string): AppError {
  if (isAppError(e)) return e;
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const raw = typeof err?.message === 'string' ? err.message : String(e);
  const where = target.host.startsWith('/') ? `${target.database} (socket ${target.host})` : `${target.database} on ${target.host}:${target.port}`;
  const details = (reason: string) => ({ reason, database: target.database, ...(code ? { sqlstate: code } : {}) });
  // A lock or statement that took too long (another session holds what it needs): the server answers, it is busy.
  if (code === '55P03' || code === '57014') {
    return new AppError('storage', `The team database ${where} was too busy while ${doing}: ${raw}`, details('team_database_busy'));
  }
  if (UNREACHABLE.has(code) || /timeout|terminated unexpectedly|Connection terminated/i.test(raw) || /^57P0[123]$|^53300$|^08/.test(code)) {
    return new AppError('offline', `The team database ${where} could not be reached while ${doing}: ${raw}`, details('team_database_unreachable'));
  }
  if (/SSL|TLS|certificate|self[- ]signed|CERT_|ERR_TLS/i.test(raw) || /CERT|TLS/.test(code)) {
    return new AppError('offline', `The TLS connection to the team database ${where} failed while ${doing}: ${raw}`, details('team_database_tls'));
  }
  if (code === '28P01' || code === '28000') {
    return new AppError('auth_failed', `The team database ${where} refused the login: ${raw}`, details('team_database_login'));
  }
  if (code === '3D000') return new AppError('storage', `The team database ${where} does not exist: ${raw}`, details('team_database_missing'));
  if (code === '42501') {
    return new AppError('storage', `The team database refused ${doing}: ${raw} (see docs/team.md, roles and grants)`, details('team_database_permission'));
  }
  if (code === '3F000' || code === '42P01') {
    return new AppError('storage', `The team database ${where} has not been set up (run the team sync once): ${raw}`, details('team_schema_missing'));
  }
  return new AppError('storage', `The team database failed while ${doing}: ${raw}`, details('team_database_error'));
}
