import { toCovenants, toThresholds } from '../../../shared/analysis/limits';
import { AppError } from '../../../shared/contract';
import type { Cache } from '../../db/cache';
import type { StoredProfile } from '../connections/profile-store';
import type { PackBorrower, PackSource } from './pack-source';

export interface CachePackSourceDeps {
  /** The profile's open cache (the container's CacheRegistry; throws not_found for an unknown profile). */
  openCache(profileId: string): Cache;
  profile(profileId: string): StoredProfile | null;
  /**
   * The bank from /self, asked when the pack starts (short timeout). Optional: offline, or without it, the
   * name stored on the profile by its last connection test is used.
   */
  fetchBank?: (profileId: string, signal: AbortSignal) => Promise<{ name: string; orgNr: string | null }>;
}

const BANK_TIMEOUT_MS = 3000;

async function bankOf(deps: CachePackSourceDeps, profile: StoredProfile): Promise<PackSource['bank']> {
  const stored = profile.bankName ? { name: profile.bankName, orgNr: null } : null;
  if (!deps.fetchBank) return stored;
  const signal = AbortSignal.timeout(BANK_TIMEOUT_MS);
  try {
    return await deps.fetchBank(profile.id, signal);
  } catch {
    return stored; // offline or no access: the pack is built from the cache anyway
  }
}

/**
 * The pack's data from a profile's cache: borrowers in the portfolio's order (by name), their snapshots read one
 * borrower at a time (so a 1,000-borrower pack never holds every snapshot at once), thresholds and covenants as
 * the portfolio query uses them. The bank comes from /self when Symetrisk answers, else from the profile.
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
    const lastRun = cache.syncRuns.lastFinished();
    const ended = lastRun?.endedAt ?? lastRun?.startedAt ?? null;
    return {
      bank: await bankOf(deps, profile),
      profileName: profile.name,
      dataSource: [profile.environment === 'demo' ? 'Symetrisk sandbox (Demo)' : 'Symetrisk API', profile.apiBaseUrl].filter(Boolean).join(', '),
      dataAsOf: ended ? new Date(ended) : null,
      thresholds,
      count: rels.length,
      *borrowers(): Iterable<PackBorrower> {
        for (const r of rels) {
          yield {
            orgNr: r.org_nr,
            name: r.name,
            state: r.state,
            lost: r.lost === 1,
            items: cache.snapshots.itemsOfBorrower(r.org_nr).map((x) => x.item),
            covenants: toCovenants(covenants.get(r.org_nr)),
          };
        }
      },
    };
  };
}
