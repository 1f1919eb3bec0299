/**
 * The registry (Brønnøysund) for one profile: where its registry is, the registry step of a sync (with the app's
 * own notifications when a status alert appears, changes or ends), and org-number proposals for a relationship
 * that has only a company name. Nothing here runs when the bank has switched registry calls off.
 */
import { AppError, isAppError } from '../../../shared/contract';
import type { AppNotification, Environment, NameProposal, RegistryStepSummary, SyncRun } from '../../../shared/contract/dto';
import { isValidOrgNr } from '../../../shared/orgnr';
import { PRODUCTION_REGISTRY, REGISTRY_LIMITS, REGISTRY_PREFIXES, REGISTRY_SERVICE_NAME } from '../../../shared/registry/defaults';
import { unitFromEnhet, unitFromSlettet } from '../../../shared/registry/facts';
import { nameSearchTerm, normaliseName, rankNameCandidates, type NameCandidateInput } from '../../../shared/registry/names';
import { STATUS_ALERT_DEFINITIONS, statusAlertChanges, statusAlerts, type StatusAlert, type StatusAlertChange } from '../../../shared/registry/status-alerts';
import type { RegistryUnit } from '../../../shared/registry/dto';
import type { Cache } from '../../db/cache';
import type { DemoBackend } from '../connections/demo';
import type { Logger } from '../log';
import { isLoopbackHost } from '../net/loopback';
import { RegistryClient, type RegistryClientConfig } from './client';
import type { RegistryHttpDeps } from './http';
import { syncRegistry } from './registry-sync';

/** What the service needs to know of a profile to choose its registry. */
export interface RegistryProfile {
  environment: Environment;
  apiBaseUrl: string;
}

/** The notification type of a status alert written by the app (never Symetrisk's words). */
export const REGISTRY_STATUS_NOTIFICATION = 'registry_status';

export interface RegistryServiceDeps {
  profile: (profileId: string) => RegistryProfile | null;
  demo: Pick<DemoBackend, 'registry'>;
  fetch: typeof fetch;
  clock: () => Date;
  log: Logger;
  /** Settings.registryEnabled, read at every use: off means no registry call at all. */
  enabled: () => boolean;
  /** Tests: the client's deadline per attempt and its waits between attempts. */
  http?: Pick<RegistryHttpDeps, 'timeoutMs' | 'policy' | 'sleep'>;
}

/**
 * Where a profile's registry answers: the Demo's own sandbox; for a custom environment on this computer (a local
 * test sandbox: plain http is allowed only there) the registry the same sandbox serves beside it; otherwise the
 * real Brønnøysundregistrene (shared/registry/defaults.ts). Throws AppError('not_found', `registry_not_available`)
 * when the Demo's sandbox serves none.
 */
export async function registryConfigFor(profile: RegistryProfile, demo: Pick<DemoBackend, 'registry'>): Promise<RegistryClientConfig> {
  if (profile.environment === 'demo') {
    const r = await demo.registry();
    if (!r) throw new AppError('not_found', 'The Demo sandbox serves no registry.', { reason: 'registry_not_available' });
    return r;
  }
  if (profile.environment === 'custom') {
    let url: URL | null = null;
    try {
      url = new URL(profile.apiBaseUrl);
    } catch {
      url = null;
    }
    if (url && isLoopbackHost(url.hostname)) {
      return { enhetsregisteretUrl: `${url.origin}${REGISTRY_PREFIXES.enhetsregisteret}`, regnskapsregisteretUrl: `${url.origin}${REGISTRY_PREFIXES.regnskapsregisteret}` };
    }
  }
  return { ...PRODUCTION_REGISTRY };
}

/** The outcome of the registry step: its summary for the run, and its failures as the run's errors. */
export interface RegistryStepOutcome {
  summary: RegistryStepSummary;
  errors: SyncRun['errors'];
}

function summaryOf(borrowers: number, over: Partial<RegistryStepSummary> = {}): RegistryStepSummary {
  return { skipped: null, mode: null, borrowers, unitsLookedUp: 0, accountsLookedUp: 0, newNotifications: 0, failures: 0, requests: 0, stopped: null, ...over };
}

/** The summary of a registry step that did not run, and why. */
export function skippedStep(reason: NonNullable<RegistryStepSummary['skipped']>): RegistryStepOutcome {
  return { summary: summaryOf(0, { skipped: reason }), errors: [] };
}

/** The outcome of a registry step that failed as a whole (`reason` its stable key), for the run's errors. */
export function failedStep(code: string, reason: string, message: string, borrowers = 0): RegistryStepOutcome {
  return {
    summary: summaryOf(borrowers, { failures: 1, stopped: { code, reason, message } }),
    errors: [{ orgNr: null, code, message, reason, source: 'registry' }],
  };
}

/** The English fallback of an app notification (logs, the CLI); the renderer words `payload` in the analyst's language. */
function notificationText(p: AppNotification): string {
  const name = STATUS_ALERT_DEFINITIONS[p.alert].name.en;
  const when = p.date ? ` (${p.date})` : '';
  switch (p.change) {
    case 'new':
      return `${REGISTRY_SERVICE_NAME}: ${p.name}: ${name}${when}.`;
    case 'changed':
      return `${REGISTRY_SERVICE_NAME}: ${p.name}: ${name}, date changed from ${p.previousDate ?? 'none'} to ${p.date ?? 'none'}.`;
    case 'ended':
      return `${REGISTRY_SERVICE_NAME}: ${p.name}: no longer ${name.toLowerCase()}.`;
  }
}

function alertsOf(unit: RegistryUnit | null): StatusAlert[] {
  return unit ? statusAlerts(unit) : [];
}

export class RegistryService {
  constructor(private readonly deps: RegistryServiceDeps) {}

  /** Whether registry calls are on (Settings). */
  enabled(): boolean {
    return this.deps.enabled();
  }

  /** A client for the profile's registry (see registryConfigFor). */
  async client(profileId: string): Promise<RegistryClient> {
    const profile = this.deps.profile(profileId);
    if (!profile) throw new AppError('not_found', 'There is no such connection profile.', { profileId });
    const config = await registryConfigFor(profile, this.deps.demo);
    return new RegistryClient(config, { fetch: this.deps.fetch, clock: this.deps.clock, ...this.deps.http });
  }

  /**
   * The registry step of a sync: every borrower the cache knows by org number (the relationships and the register
   * of followed numbers), looked up as syncRegistry does; then a notification of the app's own for every status
   * alert that appeared, changed or ended. Never throws: a registry that is down, slow or answers badly stops or
   * fails the step, which reports it; the Symetrisk part of the run stands. A cancel ends it as `stopped`.
   */
  async step(profileId: string, cache: Cache, opts: { signal?: AbortSignal | undefined; onProgress?: (done: number, total: number) => void } = {}): Promise<RegistryStepOutcome> {
    if (!this.enabled()) return skippedStep('disabled');
    const names = new Map<string, string>();
    for (const r of cache.relationships.all()) names.set(r.org_nr, r.name);
    for (const f of cache.followed.all()) if (!names.has(f.orgNr)) names.set(f.orgNr, '');
    const orgNrs = [...names.keys()].filter(isValidOrgNr);
    if (orgNrs.length === 0) return skippedStep('no_borrowers');
    const before = new Map(orgNrs.map((o) => [o, alertsOf(cache.registry.unit(o))]));
    let client: RegistryClient;
    try {
      client = await this.client(profileId);
    } catch (e) {
      const err = isAppError(e) ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
      return failedStep(err.code, typeof err.details?.reason === 'string' ? err.details.reason : err.code, err.message, orgNrs.length);
    }
    let result: Awaited<ReturnType<typeof syncRegistry>>;
    try {
      result = await syncRegistry({ db: cache.db, repo: cache.registry, client, clock: this.deps.clock, signal: opts.signal, onProgress: opts.onProgress }, orgNrs);
    } catch (e) {
      if (!(isAppError(e) && e.code === 'cancelled')) throw e;
      return {
        summary: summaryOf(orgNrs.length, { skipped: 'cancelled', requests: client.stats.requests }),
        errors: [],
      };
    }
    const newNotifications = this.notify(cache, orgNrs, before, names);
    const errors: SyncRun['errors'] = result.failures.map((f) => ({ orgNr: f.orgNr, code: f.code, message: f.message, reason: f.reason, source: 'registry' as const }));
    const summary = summaryOf(orgNrs.length, {
      mode: result.mode,
      unitsLookedUp: result.units.lookedUp,
      accountsLookedUp: result.accounts.lookedUp,
      newNotifications,
      failures: result.failures.length,
      requests: client.stats.requests,
      stopped: result.stopped,
    });
    this.deps.log.info('registry: step finished', { profileId, ...summary, stopped: result.stopped?.reason ?? null });
    for (const f of result.failures.slice(0, 20)) this.deps.log.warn('registry: look-up failed', { profileId, orgNr: f.orgNr, what: f.what, reason: f.reason });
    return { summary, errors };
  }

  /** Writes a notification for every status alert that moved, in one transaction; returns how many. */
  private notify(cache: Cache, orgNrs: readonly string[], before: Map<string, StatusAlert[]>, names: Map<string, string>): number {
    const changes: { orgNr: string; unit: RegistryUnit | null; change: StatusAlertChange }[] = [];
    for (const orgNr of orgNrs) {
      const unit = cache.registry.unit(orgNr);
      for (const change of statusAlertChanges(before.get(orgNr) ?? [], alertsOf(unit))) changes.push({ orgNr, unit, change });
    }
    if (changes.length === 0) return 0;
    const at = this.deps.clock().toISOString();
    cache.registry.write(() => {
      for (const { orgNr, unit, change } of changes) {
        const payload: AppNotification = {
          kind: 'registry_status',
          change: change.change,
          alert: change.alert,
          date: change.date,
          previousDate: change.previousDate,
          name: names.get(orgNr) || unit?.name || orgNr,
        };
        cache.notifications.putApp(orgNr, REGISTRY_STATUS_NOTIFICATION, notificationText(payload), payload, at);
      }
    });
    return changes.length;
  }

  /**
   * Registry units whose registered name matches `name` (a relationship's company name from Symetrisk): searched
   * as given, then by its core without the legal form, and ranked by shared/registry/names.ts, each with why. A
   * proposal is never a link: the caller links only once GET /relationship/{orgNr} answers with the same
   * relationshipId (linkConfirmation). Throws AppError `conflict` (`registry_disabled`) when registry calls are off.
   */
  async proposals(profileId: string, name: string): Promise<{ name: string; searched: string[]; proposals: NameProposal[] }> {
    if (!this.enabled()) {
      throw new AppError('conflict', 'Registry calls are switched off in Settings; no name can be looked up.', { reason: 'registry_disabled' });
    }
    const first = nameSearchTerm(name);
    if (first === '') throw new AppError('invalid_input', 'The name has nothing to search for.', { reason: 'name_without_letters' });
    const core = nameSearchTerm(normaliseName(name).core);
    const searched = core !== '' && core.toLocaleLowerCase('nb') !== first.toLocaleLowerCase('nb') ? [first, core] : [first];
    const client = await this.client(profileId);
    const at = this.deps.clock().toISOString();
    const units = new Map<string, RegistryUnit>();
    for (const term of searched) {
      for (const hit of await client.searchByName(term, { size: REGISTRY_LIMITS.nameSearchSize })) {
        const unit = hit.kind === 'active' ? unitFromEnhet(hit.enhet, at) : unitFromSlettet(hit.enhet, at);
        if (isValidOrgNr(unit.orgNr) && unit.name !== null && !units.has(unit.orgNr)) units.set(unit.orgNr, unit);
      }
    }
    const inputs: NameCandidateInput[] = [...units.values()].map((u) => ({
      orgNr: u.orgNr,
      name: u.name!,
      status: u.status === 'deleted' ? 'deleted' : 'active',
      orgFormCode: u.orgForm?.code ?? null,
    }));
    const proposals = rankNameCandidates(name, inputs).map((p) => {
      const u = units.get(p.orgNr)!;
      return {
        ...p,
        status: u.status === 'deleted' ? ('deleted' as const) : ('active' as const),
        legalForm: u.orgForm?.code ?? null,
        municipality: u.businessAddress?.municipality ?? null,
      };
    });
    return { name, searched, proposals };
  }
}
