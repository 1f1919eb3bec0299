import { toCovenants, toThresholds } from '../../../shared/analysis/limits';
import { AppError } from '../../../shared/contract';
import type { Cache } from '../../db/cache';
import { osloDate } from '../../../shared/workflow';
import type { StoredProfile } from '../connections/profile-store';
import { packWorkflow } from '../workflow/workflow-service';
import type { PackBorrower, PackSource } from './pack-source';

/** What a pack prints of a profile. */
export type PackProfile = Pick<StoredProfile, 'id' | 'name' | 'environment' | 'apiBaseUrl' | 'bankName' | 'bankOrgNr'>;

/** Just that of a stored profile (what the pack worker is given). */
export function packProfile({ id, name, environment, apiBaseUrl, bankName, bankOrgNr }: StoredProfile): PackProfile {
  return { id, name, environment, apiBaseUrl, bankName, bankOrgNr };
}

export interface CachePackSourceDeps {
  /** The profile's open cache (the container's CacheRegistry; throws not_found for an unknown profile). */
  openCache(profileId: string): Cache;
  profile(profileId: string): PackProfile | null;
  /** The day the pack is made on (whether a review is overdue, which filings are due); the wall clock when not given. */
  clock?: () => Date;
}

/**
 * The bank as /self last described it, cached on the profile at connection test and sync: a pack is built from
 * what is stored, with no network call, so it is the same offline as online.
 */
function bankOf(profile: PackProfile): PackSource['bank'] {
  return profile.bankName ? { name: profile.bankName, orgNr: profile.bankOrgNr } : null;
}

/**
 * The pack's data from a profile's cache: borrowers in the portfolio's order (by name), their snapshots read one
 * borrower at a time (so a 1,000-borrower pack never holds every snapshot at once), thresholds and covenants as
 * the portfolio query uses them, the analyst's own work on each (assessment, watch-list, saksbehandler, notes), the
 * bank from the profile's cached /self facts. No network call.
 */
export function cachePackSource(deps: CachePackSourceDeps) {
  return async (profileId: string, orgNrs: readonly string[] | undefined): Promise<PackSource> => {
    const profile = deps.profile(profileId);
    if (!profile) throw new AppError('not_found', 'There is no such connection profile.', { profileId });
    const cache = deps.openCache(profileId);
    let rels = cache.relationships.all();
    if (orgNrs && orgNrs.length > 0) {
      const wanted = new Set(orgNrs);
      const known = new Set(rels.map((r) => r.org_nr));
      const unknown = [...wanted].filter((o) => !known.has(o));
      if (unknown.length > 0) {
        throw new AppError('not_found', `Not in this profile's portfolio: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' ...' : ''}.`, { unknown });
      }
      rels = rels.filter((r) => wanted.has(r.org_nr));
    }
    const thresholds = toThresholds(cache.limits.thresholds());
    const covenants = cache.limits.allCovenants();
    // The data are as of the last run that fetched them: a failed attempt afterwards changed nothing.
    const lastRun = cache.syncRuns.lastSynced();
    const today = osloDate((deps.clock ?? (() => new Date()))());
    const ended = lastRun?.endedAt ?? lastRun?.startedAt ?? null;
    return {
      bank: bankOf(profile),
      profileName: profile.name,
      dataSource: [profile.environment === 'demo' ? 'Symetrisk sandbox (Demo)' : 'Symetrisk API', profile.apiBaseUrl].filter(Boolean).join(', '),
      dataAsOf: ended ? new Date(ended) : null,
      thresholds,
      count: rels.length,
      *borrowers(): Iterable<PackBorrower> {
        for (const r of rels) {
          const items = cache.snapshots.itemsOfBorrower(r.org_nr).map((x) => x.item);
          yield {
            orgNr: r.org_nr,
            name: r.name,
            state: r.state,
            lost: r.lost === 1,
            items,
            covenants: toCovenants(covenants.get(r.org_nr)),
            // The analyst's assessment, watch-list entry, saksbehandler and latest notes, as saved.
            ...packWorkflow(cache.workflow, r.org_nr, today),
            // The registry's facts as cached; the pack works out the status alerts and the reconciliation (shared/registry).
            registry: { unit: cache.registry.unit(r.org_nr), filings: cache.registry.accounts(r.org_nr), accountsCheck: cache.registry.check(r.org_nr, 'accounts') },
          };
        }
      },
    };
  };
}
