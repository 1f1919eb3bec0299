import type { ResolvedConnection } from '../connections/connection-resolver';
import { SymetriskClient, type ClientDeps } from './client';

export interface SymetriskClientsDeps {
  /** ConnectionResolver.resolve: the profile's URLs, client id, secret (from the keychain) and scopes. */
  resolve: (profileId: string) => Promise<ResolvedConnection>;
  fetch: typeof fetch;
  clock: () => Date;
  /** Retry policy and timeouts of every client (tests shorten them). */
  client?: Omit<ClientDeps, 'fetch' | 'clock'> | undefined;
}

/**
 * One Symetrisk API client per profile, shared by sync, access requests and the pack's bank name, so a profile's
 * token is fetched once and reused until it expires. Built once in the composition root.
 */
export class SymetriskClients {
  private readonly clients = new Map<string, { key: string; client: SymetriskClient }>();

  constructor(private readonly deps: SymetriskClientsDeps) {}

  /**
   * The profile's client, rebuilt when its connection changed (another secret, URL, client id or scope). Throws the
   * resolver's errors: not_found, auth_failed with details.problem 'no_secret', keychain_unavailable.
   */
  async get(profileId: string): Promise<SymetriskClient> {
    const conn = await this.deps.resolve(profileId);
    // The key holds the secret only in memory, as the client itself does; it is never logged.
    const key = JSON.stringify([conn.tokenUrl, conn.apiBaseUrl, conn.clientId, conn.clientSecret, conn.scopes]);
    const hit = this.clients.get(profileId);
    if (hit && hit.key === key) return hit.client;
    const client = new SymetriskClient(conn, { ...this.deps.client, fetch: this.deps.fetch, clock: this.deps.clock });
    this.clients.set(profileId, { key, client });
    return client;
  }

  /** Forgets a profile's client and its token (the profile was changed or removed, its cache reset). */
  forget(profileId: string): void {
    this.clients.delete(profileId);
  }
}
