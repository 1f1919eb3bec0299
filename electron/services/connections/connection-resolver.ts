/**
 * What the sync engine and the API client need to talk to a profile's Symetrisk: URLs, client id, secret and
 * scopes, resolved at the moment of use (the secret is read from the keychain each time and kept nowhere else).
 */
import path from 'node:path';
import { AppError } from '../../../shared/contract';
import type { CredentialStore } from '../credentials/credential-store';
import type { DemoBackend } from './demo';
import type { ProfileStore } from './profile-store';

export interface ResolvedConnection {
  profileId: string;
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** A team connection's database and its read-only role's password (from the keychain). */
export interface ResolvedTeamConnection {
  profileId: string;
  databaseUrl: string;
  password: string;
}

export interface ConnectionResolver {
  /** Throws AppError: not_found (no such profile), auth_failed with details.problem 'no_secret', keychain_unavailable. For the Demo profile it starts the in-process sandbox on demand. */
  resolve(profileId: string): Promise<ResolvedConnection>;
  /** A team connection's database and password. Throws AppError: not_found, auth_failed 'no_secret', keychain_unavailable, invalid_input when not a team connection. */
  team(profileId: string): Promise<ResolvedTeamConnection>;
  /** <dataDir>/cache/<profileId>.sqlite */
  cachePath(profileId: string): string;
}

/** <dataDir>/cache/<profileId>.sqlite; profile ids are slugs, so this cannot leave the cache folder. */
export function cachePathFor(dataDir: string, profileId: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(profileId)) throw new AppError('invalid_input', 'Not a profile id.', { profileId: profileId.slice(0, 80) });
  return path.join(dataDir, 'cache', `${profileId}.sqlite`);
}

export function createConnectionResolver(deps: {
  dataDir: string;
  profiles: ProfileStore;
  credentials: CredentialStore;
  demo: DemoBackend;
}): ConnectionResolver {
  const secretOf = async (profileId: string, name: string, what: string): Promise<string> => {
    const secret = await deps.credentials.get(profileId);
    if (secret === null || secret === '') {
      throw new AppError('auth_failed', `No ${what} is stored for "${name}". Enter it in the profile's settings.`, { profileId, problem: 'no_secret' });
    }
    return secret;
  };
  return {
    async team(profileId) {
      const p = deps.profiles.get(profileId);
      if (!p) throw new AppError('not_found', `There is no connection profile "${profileId}".`, { profileId });
      if (p.environment !== 'team' || p.databaseUrl === null) {
        throw new AppError('invalid_input', `"${p.name}" is not a team connection.`, { profileId, reason: 'not_a_team_connection' });
      }
      return { profileId, databaseUrl: p.databaseUrl, password: await secretOf(profileId, p.name, 'password of the database role') };
    },
    async resolve(profileId) {
      const p = deps.profiles.get(profileId);
      if (!p) throw new AppError('not_found', `There is no connection profile "${profileId}".`, { profileId });
      if (p.environment === 'team') {
        throw new AppError(
          'conflict',
          `"${p.name}" is a team connection: it reads the bank's team database, and only the bank's team sync talks to Symetrisk. Ask whoever runs it (requests for access, too).`,
          { profileId, reason: 'team_connection_no_api' },
        );
      }
      if (p.environment === 'demo') {
        const d = await deps.demo.start();
        return { profileId, ...d, scopes: [...d.scopes] };
      }
      const secret = await secretOf(profileId, p.name, 'client secret');
      return { profileId, tokenUrl: p.tokenUrl, apiBaseUrl: p.apiBaseUrl, clientId: p.clientId, clientSecret: secret, scopes: [...p.scopes] };
    },
    cachePath: (profileId) => cachePathFor(deps.dataDir, profileId),
  };
}
