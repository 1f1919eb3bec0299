import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../../shared/contract';
import { checkTeamDatabaseUrl, parseTeamDatabaseUrl, tlsOptions } from '../../../../../electron/services/team/database-url';

function reason(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.details?.['reason'] : e;
  }
  return 'accepted';
}

describe('team database URLs', () => {
  it('takes a server with its role, port and database, and requires verified TLS to it', () => {
    const t = parseTeamDatabaseUrl('postgresql://kari@db.bank.no:6432/symetrisk');
    expect(t).toMatchObject({ host: 'db.bank.no', port: 6432, database: 'symetrisk', user: 'kari', sslmode: 'verify-full' });
    expect(t.url).toBe('postgres://kari@db.bank.no:6432/symetrisk?sslmode=verify-full');
    expect(parseTeamDatabaseUrl('postgres://kari@db.bank.no/symetrisk?sslmode=require').sslmode).toBe('require');
    expect(tlsOptions(t)).toEqual({ rejectUnauthorized: true });
    const v6 = parseTeamDatabaseUrl('postgres://kari@[2001:db8::5]/symetrisk');
    expect([v6.host, v6.sslmode, v6.url]).toEqual(['2001:db8::5', 'verify-full', 'postgres://kari@[2001:db8::5]/symetrisk?sslmode=verify-full']);
  });

  it('allows plain text only to this computer: loopback addresses and unix sockets', () => {
    for (const u of ['postgres://kari@127.0.0.1:5433/d', 'postgres://kari@localhost/d', 'postgres://kari@[::1]/d']) {
      expect(parseTeamDatabaseUrl(u).sslmode, u).toBe('disable');
    }
    const socket = parseTeamDatabaseUrl('postgres://desk_sync@/symetrisk?host=/var/run/postgresql');
    expect(socket).toMatchObject({ host: '/var/run/postgresql', user: 'desk_sync', database: 'symetrisk', sslmode: 'disable' });
    expect(socket.url).toBe('postgres://desk_sync@/symetrisk?host=%2Fvar%2Frun%2Fpostgresql');
    expect(parseTeamDatabaseUrl(socket.url)).toMatchObject({ host: '/var/run/postgresql', user: 'desk_sync' });
    expect(parseTeamDatabaseUrl('postgres:///symetrisk?host=/run/postgresql').user).toBeNull();
    expect(tlsOptions(socket)).toBe(false);
  });

  it('refuses, each with its reason: a password, weak or missing TLS off this computer, unknown parameters, no database or role', () => {
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari:hunter2@db.bank.no/d'))).toBe('database_url_password');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db.bank.no/d?sslmode=disable'))).toBe('database_url_tls_required');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db.bank.no/d?sslmode=prefer'))).toBe('database_url_sslmode');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db.bank.no/d?sslmode=verify-ca'))).toBe('database_url_sslrootcert');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db.bank.no/d?options=-c%20x'))).toBe('database_url_parameter');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db.bank.no/'))).toBe('database_url_database');
    expect(reason(() => parseTeamDatabaseUrl('mysql://kari@db.bank.no/d'))).toBe('database_url_scheme');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@/d'))).toBe('database_url_host');
    expect(reason(() => parseTeamDatabaseUrl('postgres://kari@db/d?host=relative'))).toBe('database_url_socket');
    expect(reason(() => checkTeamDatabaseUrl('postgres://db.bank.no/d'))).toBe('database_url_user');
    // The password is never repeated in the message.
    try {
      parseTeamDatabaseUrl('postgres://kari:hunter2@db.bank.no/d');
    } catch (e) {
      expect(JSON.stringify([(e as Error).message, isAppError(e) && e.details])).not.toContain('hunter2');
    }
  });

  it('verify-ca checks the bank’s CA but not the name; a CA file that cannot be read is named', () => {
    const t = parseTeamDatabaseUrl('postgres://kari@db.bank.no/d?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem');
    expect(reason(() => tlsOptions(t))).toBe('database_url_sslrootcert_unreadable');
    const opts = tlsOptions({ ...t, sslrootcert: null });
    expect(opts && typeof opts.checkServerIdentity).toBe('function');
  });
});
