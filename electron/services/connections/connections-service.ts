/**
 * Connection profiles: create, change, remove, list, test. The secret goes to the CredentialStore (the keychain)
 * and nowhere else; profiles carry only `hasSecret`. The Demo profile is created on first start and points at the
 * in-process sandbox.
 */
import fs from 'node:fs';
import { AppError, isAppError, type Emit } from '../../../shared/contract';
import type { ConnectionTestResult, Profile, ProfileInput, Reachability } from '../../../shared/contract/dto';
import { ALL_SCOPES, PRODUCTION } from '../../../shared/symetrisk/defaults';
import type { CredentialStore } from '../credentials/credential-store';
import type { Logger } from '../log';
import type { SymetriskClients } from '../symetrisk/clients';
import { SymetriskClient } from '../symetrisk/client';
import type { ProfileCacheAdapter } from './cache-adapter';
import type { ConnectionResolver, ResolvedConnection } from './connection-resolver';
import { checkConnection, probeConnection, readBankFacts } from './connection-test';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME, type DemoBackend } from './demo';
import type { BankFacts, ProfileStore, StoredProfile } from './profile-store';
import { uniqueSlug } from './slug';
import { checkEndpointUrl } from './url-rules';
import { checkTeamDatabaseUrl } from '../team/database-url';
import { checkTeamReachable, probeTeamDatabase } from '../team/team-connection';

export interface ProfileUpdateInput {
  id: string;
  name?: string | undefined;
  clientId?: string | undefined;
  tokenUrl?: string | undefined;
  apiBaseUrl?: string | undefined;
  scopes?: string[] | undefined;
  databaseUrl?: string | undefined;
  secret?: string | undefined;
}

export interface ConnectionsDeps {
  /** The profiles table of desk.sqlite. */
  profiles: ProfileStore;
  /** The same resolver the API clients use (a profile's URLs and secret, its cache path). */
  resolver: ConnectionResolver;
  /** The profiles' API clients: a removed profile's client and token are dropped. */
  clients: Pick<SymetriskClients, 'forget'>;
  credentials: CredentialStore;
  demo: DemoBackend;
  fetch: typeof fetch;
  clock: () => Date;
  log: Logger;
  emit: Emit;
  /** The profile's cache as the connections see it (last sync run, delete cache). */
  cache: ProfileCacheAdapter;
  /** Told when a profile is removed (the settings forget it as the active profile). */
  onRemoved?: (profileId: string) => void;
  /** Timeouts of the test and the reachability check; tests shorten them. */
  testTimeoutMs?: number;
  reachabilityTimeoutMs?: number;
}

function uniqueScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter((s) => s !== ''))];
}

export class ConnectionsService {
  readonly store: ProfileStore;
  readonly resolver: ConnectionResolver;
  private readonly cache: ProfileCacheAdapter;
  /** One short-timeout client per profile for the status check, so its token is reused while it is valid. */
  private readonly probes = new Map<string, { key: string; client: SymetriskClient }>();

  constructor(private readonly deps: ConnectionsDeps) {
    this.store = deps.profiles;
    this.cache = deps.cache;
    this.resolver = deps.resolver;
    this.ensureDemo();
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  private ensureDemo(): void {
    if (this.store.get(DEMO_PROFILE_ID)) return;
    const now = this.now();
    // The Demo's URLs and client id are the sandbox's and change with its port; the row holds none of them.
    let name = DEMO_PROFILE_NAME;
    if (this.store.getByName(name)) name = 'Demo (sandbox)';
    this.store.insert({
      id: DEMO_PROFILE_ID,
      name,
      environment: 'demo',
      tokenUrl: '',
      apiBaseUrl: '',
      clientId: '',
      scopes: [...ALL_SCOPES],
      bankName: null,
      bankOrgNr: null,
      bankCheckedAt: null,
      createdAt: now,
      updatedAt: now,
      databaseUrl: null,
    });
  }

  private require(profileId: string): StoredProfile {
    const p = this.store.get(profileId);
    if (!p) throw new AppError('not_found', `There is no connection profile "${profileId}".`, { reason: 'profile_not_found', profileId });
    return p;
  }

  /** By id or (case-insensitive) name: what a person types on the command line. */
  find(idOrName: string): StoredProfile | null {
    return this.store.get(idOrName) ?? this.store.getByName(idOrName);
  }

  private async hasSecret(p: StoredProfile): Promise<boolean> {
    if (p.environment === 'demo') return true;
    try {
      return (await this.deps.credentials.get(p.id)) !== null;
    } catch (e) {
      // Listing profiles must work with a locked keychain: the cache stays usable, only "has a secret" is unknown.
      this.deps.log.warn('keychain unavailable while listing profiles', { profileId: p.id, error: isAppError(e) ? e.details : String(e) });
      return false;
    }
  }

  private async toDto(p: StoredProfile): Promise<Profile> {
    const demo = p.environment === 'demo' ? this.deps.demo.current() : null;
    let marks: Awaited<ReturnType<ProfileCacheAdapter['syncMarks']>> = { lastSynced: null, lastAttempt: null };
    try {
      marks = await this.cache.syncMarks(p.id);
    } catch (e) {
      this.deps.log.warn('could not read the last sync run', { profileId: p.id, error: e });
    }
    return {
      id: p.id,
      name: p.name,
      environment: p.environment,
      tokenUrl: demo?.tokenUrl ?? p.tokenUrl,
      apiBaseUrl: demo?.apiBaseUrl ?? p.apiBaseUrl,
      clientId: demo?.clientId ?? p.clientId,
      scopes: demo?.scopes ?? p.scopes,
      hasSecret: await this.hasSecret(p),
      createdAt: p.createdAt,
      lastSyncAt: marks.lastSynced?.at ?? null,
      lastSyncOutcome: marks.lastSynced?.outcome ?? null,
      lastAttemptAt: marks.lastAttempt?.at ?? null,
      lastAttemptOutcome: marks.lastAttempt?.outcome ?? null,
      bankName: p.bankName,
      bankOrgNr: p.bankOrgNr,
      bankCheckedAt: p.bankCheckedAt,
      ...(p.databaseUrl !== null ? { databaseUrl: p.databaseUrl } : {}),
    };
  }

  async list(): Promise<Profile[]> {
    return Promise.all(this.store.list().map((p) => this.toDto(p)));
  }

  async get(profileId: string): Promise<Profile> {
    return this.toDto(this.require(profileId));
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const other = this.store.getByName(name);
    if (other && other.id !== exceptId) throw new AppError('conflict', `A profile named "${other.name}" already exists.`, { field: 'name', reason: 'profile_name_taken', name: other.name });
  }

  async create(input: ProfileInput): Promise<Profile> {
    const name = input.name.trim();
    this.assertNameFree(name);
    if (input.environment === 'team') {
      const databaseUrl = checkTeamDatabaseUrl(input.databaseUrl);
      return this.insert({ name, environment: 'team', tokenUrl: '', apiBaseUrl: '', clientId: '', scopes: [], databaseUrl }, input.secret);
    }
    let tokenUrl: string;
    let apiBaseUrl: string;
    if (input.environment === 'production') {
      tokenUrl = PRODUCTION.tokenUrl;
      apiBaseUrl = PRODUCTION.apiBaseUrl;
    } else {
      if (!input.tokenUrl || !input.apiBaseUrl) {
        throw new AppError('invalid_input', 'A custom environment needs both the token URL and the API base URL.', {
          field: input.tokenUrl ? 'apiBaseUrl' : 'tokenUrl',
          reason: 'custom_urls_missing',
        });
      }
      tokenUrl = checkEndpointUrl(input.tokenUrl, 'token URL');
      apiBaseUrl = checkEndpointUrl(input.apiBaseUrl, 'API base URL');
    }
    const scopes = uniqueScopes(input.scopes);
    if (scopes.length === 0) throw new AppError('invalid_input', 'Choose at least one scope.', { field: 'scopes', reason: 'no_scopes' });
    return this.insert({ name, environment: input.environment, tokenUrl, apiBaseUrl, clientId: input.clientId.trim(), scopes, databaseUrl: null }, input.secret);
  }

  /** Stores a new profile and its secret (a team connection's: the database role's password). */
  private async insert(fields: Omit<StoredProfile, 'id' | 'bankName' | 'bankOrgNr' | 'bankCheckedAt' | 'createdAt' | 'updatedAt'>, secret: string | undefined): Promise<Profile> {
    const name = fields.name;
    // A slug whose cache file is still on disk (a profile removed without its cache) is skipped, so a new profile
    // never inherits another bank's data.
    const id = uniqueSlug(
      name,
      (slug) => slug === DEMO_PROFILE_ID || this.store.get(slug) !== null || fs.existsSync(this.resolver.cachePath(slug)),
    );
    const now = this.now();
    const row: StoredProfile = { ...fields, id, bankName: null, bankOrgNr: null, bankCheckedAt: null, createdAt: now, updatedAt: now };
    // The secret first: if the keychain refuses, no profile is left behind without the secret the analyst typed.
    if (secret !== undefined) await this.deps.credentials.set(id, secret);
    try {
      this.store.insert(row);
    } catch (e) {
      if (secret !== undefined) await this.deps.credentials.delete(id).catch(() => false);
      throw e;
    }
    this.deps.log.info('profile created', { profileId: id, environment: row.environment });
    this.deps.emit('connections:changed', { profileId: id });
    return this.toDto(row);
  }

  async update(input: ProfileUpdateInput): Promise<Profile> {
    const p = this.require(input.id);
    const next: StoredProfile = { ...p, updatedAt: this.now() };
    if (input.name !== undefined) {
      next.name = input.name.trim();
      this.assertNameFree(next.name, p.id);
    }
    const apiFields = input.clientId !== undefined || input.tokenUrl !== undefined || input.apiBaseUrl !== undefined || input.scopes !== undefined;
    if (input.databaseUrl !== undefined && p.environment !== 'team') {
      throw new AppError('invalid_input', 'Only a team connection has a database URL.', { field: 'databaseUrl', reason: 'not_a_team_connection' });
    }
    if (p.environment === 'demo') {
      if (apiFields || input.secret !== undefined) {
        throw new AppError('invalid_input', 'The Demo profile always uses the built-in sandbox; only its name can be changed.', { reason: 'demo_fixed' });
      }
    } else if (p.environment === 'team') {
      if (apiFields) {
        throw new AppError('invalid_input', 'A team connection reads the team database: it has no client id, API addresses or scopes.', {
          reason: 'team_connection_api_fields',
        });
      }
      if (input.databaseUrl !== undefined) next.databaseUrl = checkTeamDatabaseUrl(input.databaseUrl);
      // Another database may hold another bank: forget the name until the next test says.
      if (next.databaseUrl !== p.databaseUrl) next.bankName = null;
      if (input.secret !== undefined) await this.deps.credentials.set(p.id, input.secret);
    } else {
      if ((input.tokenUrl !== undefined || input.apiBaseUrl !== undefined) && p.environment === 'production') {
        throw new AppError('invalid_input', "A Production profile uses Symetrisk's public URLs. For other URLs, create a Custom profile.", {
          field: input.tokenUrl !== undefined ? 'tokenUrl' : 'apiBaseUrl',
          reason: 'production_urls_fixed',
        });
      }
      if (input.tokenUrl !== undefined) next.tokenUrl = checkEndpointUrl(input.tokenUrl, 'token URL');
      if (input.apiBaseUrl !== undefined) next.apiBaseUrl = checkEndpointUrl(input.apiBaseUrl, 'API base URL');
      if (input.clientId !== undefined) next.clientId = input.clientId.trim();
      if (input.scopes !== undefined) {
        next.scopes = uniqueScopes(input.scopes);
        if (next.scopes.length === 0) throw new AppError('invalid_input', 'Choose at least one scope.', { field: 'scopes', reason: 'no_scopes' });
      }
      // Another client or service may belong to another bank: forget the name until the next test says.
      if (next.clientId !== p.clientId || next.tokenUrl !== p.tokenUrl || next.apiBaseUrl !== p.apiBaseUrl) {
        next.bankName = null;
        next.bankOrgNr = null;
        next.bankCheckedAt = null;
      }
      if (input.secret !== undefined) await this.deps.credentials.set(p.id, input.secret);
    }
    this.store.update(next);
    this.deps.log.info('profile updated', { profileId: p.id, secretChanged: input.secret !== undefined });
    this.deps.emit('connections:changed', { profileId: p.id });
    return this.toDto(next);
  }

  async remove(profileId: string, deleteCache: boolean): Promise<{ removed: true }> {
    const p = this.require(profileId);
    if (p.environment === 'demo') {
      throw new AppError('conflict', 'The Demo profile is built in and cannot be removed.', { reason: 'demo_not_removable', profileId });
    }
    // The keychain entry goes first: if the keychain is unavailable the profile stays, rather than leaving an
    // orphaned secret behind that nothing in the app would ever delete.
    await this.deps.credentials.delete(profileId);
    if (deleteCache) await this.cache.deleteCache(profileId);
    this.store.remove(profileId);
    // Its secret and token leave memory with it (a changed profile's client is rebuilt by SymetriskClients itself).
    this.deps.clients.forget(profileId);
    this.deps.onRemoved?.(profileId);
    this.deps.log.info('profile removed', { profileId, deleteCache });
    this.deps.emit('connections:changed', { profileId });
    return { removed: true };
  }

  async test(profileId: string): Promise<ConnectionTestResult> {
    const p = this.require(profileId);
    let conn;
    try {
      if (p.environment === 'team') {
        const team = await this.resolver.team(profileId);
        const result = await probeTeamDatabase(team.databaseUrl, team.password, { timeoutMs: this.deps.testTimeoutMs ?? 10_000 });
        this.deps.log.info('connection tested', { profileId, ok: result.ok, problem: result.problem, reason: result.reason });
        if (result.bankName !== null) this.learnedBankName(profileId, result.bankName);
        return result;
      }
      conn = await this.resolver.resolve(profileId);
    } catch (e) {
      if (isAppError(e) && (e.code === 'keychain_unavailable' || (e.code === 'auth_failed' && e.details?.['problem'] === 'no_secret'))) {
        const problem = e.code === 'keychain_unavailable' ? 'keychain' : 'no_secret';
        return {
          ok: false,
          problem,
          reason: problem === 'keychain' ? 'keychain_unavailable' : 'no_secret',
          serverMessage: null,
          message: e.message,
          steps: [{ step: 'secret', ok: false, warning: false, message: e.message }],
          warnings: [],
          bankName: null,
          bankOrgNr: null,
          scopes: [],
        };
      }
      throw e;
    }
    const { facts, ...result } = await probeConnection(conn, { fetch: this.deps.fetch, clock: this.deps.clock, timeoutMs: this.deps.testTimeoutMs ?? 10_000 });
    this.deps.log.info('connection tested', { profileId, ok: result.ok, problem: result.problem, warnings: result.warnings.map((w) => w.reason) });
    if (facts) this.rememberBank(profileId, facts);
    return result;
  }

  /** The bank's name, learned by a team connection's test or copy (the team database has no /self): kept on the profile. */
  learnedBankName(profileId: string, bankName: string): void {
    const fresh = this.store.get(profileId);
    if (!fresh || fresh.bankName === bankName) return;
    this.rememberBank(profileId, { name: bankName, orgNr: fresh.bankOrgNr, checkedAt: this.now() });
  }

  /**
   * Reads /self with the profile's client and caches the bank facts (called as a sync starts, so the export never
   * has to ask). /self is information: a failure is logged and changes nothing.
   */
  async learnBank(profileId: string, client: SymetriskClient): Promise<BankFacts | null> {
    try {
      const { facts } = await readBankFacts(client, this.deps.clock());
      this.rememberBank(profileId, facts);
      return facts;
    } catch (e) {
      this.deps.log.warn('could not read /self', { profileId, error: isAppError(e) ? { code: e.code, ...e.details } : String(e) });
      return null;
    }
  }

  private rememberBank(profileId: string, facts: BankFacts): void {
    if (this.store.setBank(profileId, facts)) this.deps.emit('connections:changed', { profileId });
  }

  /** The status check's client for a connection (rebuilt when the connection changed, e.g. a new secret). */
  private probeClient(conn: ResolvedConnection): SymetriskClient {
    // The key holds the secret in memory only, as the client does; it is never logged.
    const key = JSON.stringify([conn.tokenUrl, conn.apiBaseUrl, conn.clientId, conn.clientSecret, conn.scopes]);
    const hit = this.probes.get(conn.profileId);
    if (hit && hit.key === key) return hit.client;
    const client = new SymetriskClient(conn, { fetch: this.deps.fetch, clock: this.deps.clock, timeoutMs: this.deps.reachabilityTimeoutMs ?? 3_000 });
    this.probes.set(conn.profileId, { key, client });
    return client;
  }

  /** Whether the connection works now: available only when a token is issued and /ping answers with it. */
  async reachability(profileId: string): Promise<Reachability> {
    const p = this.require(profileId);
    const checkedAt = (): string => this.now();
    if (p.environment === 'team') {
      // Without a stored password the login fails, which the answer says; the replica is usable either way.
      const password = await this.deps.credentials.get(profileId).catch(() => null);
      const r = await checkTeamReachable(p.databaseUrl!, password ?? undefined, { timeoutMs: this.deps.reachabilityTimeoutMs ?? 3_000 });
      return { profileId, reachable: r.state === 'available', state: r.state, reason: r.reason, checkedAt: checkedAt(), message: r.message };
    }
    let conn: ResolvedConnection;
    try {
      conn = await this.resolver.resolve(profileId);
    } catch (e) {
      if (isAppError(e) && (e.code === 'keychain_unavailable' || (e.code === 'auth_failed' && e.details?.['problem'] === 'no_secret'))) {
        const reason = e.code === 'keychain_unavailable' ? 'keychain_unavailable' : 'no_secret';
        return { profileId, reachable: false, state: 'refused', reason, checkedAt: checkedAt(), message: e.message };
      }
      throw e;
    }
    const r = await checkConnection(this.probeClient(conn));
    return { profileId, reachable: r.state === 'available', state: r.state, reason: r.reason, checkedAt: checkedAt(), message: r.message };
  }
}
