import { flattenThresholds, toThresholds } from '../../../shared/analysis/limits';
import type { CacheRegistry } from '../portfolio/cache-registry';

/**
 * A profile's early-warning limits: the portfolio-wide thresholds (each rule's limit and its switch) and each
 * borrower's covenants, kept in the profile's cache. How they are read is shared/analysis/limits.ts: the portfolio
 * list, the borrower page and the Excel pack all apply them through it.
 */
export class LimitsService {
  constructor(private readonly deps: { caches: CacheRegistry }) {}

  /** Every rule's limit and switch (`<rule>_enabled`: 1 on, 0 off), defaults filled in. */
  thresholds(profileId: string): Record<string, number> {
    return flattenThresholds(toThresholds(this.deps.caches.open(profileId).limits.thresholds()));
  }

  /** Changes the given limits and switches, keeping the others; returns them all. */
  setThresholds(profileId: string, changes: Readonly<Record<string, number>>): Record<string, number> {
    const limits = this.deps.caches.open(profileId).limits;
    limits.setThresholds({ ...limits.thresholds(), ...changes });
    return this.thresholds(profileId);
  }

  /** Replaces a borrower's covenants (null or none removes them); returns them as stored. */
  setCovenants(profileId: string, orgNr: string, covenants: Readonly<Record<string, number>> | null): Record<string, number> | null {
    const limits = this.deps.caches.open(profileId).limits;
    limits.setCovenants(orgNr, covenants && Object.keys(covenants).length > 0 ? { ...covenants } : null);
    return limits.covenants(orgNr);
  }
}
