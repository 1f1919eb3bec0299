import {
  NEAR_LIMIT_KEY,
  NEAR_LIMIT_RANGE,
  flattenThresholds,
  isNearLimitShare,
  toNearLimitShare,
  toThresholds,
} from '../../../shared/analysis/limits';
import { AppError } from '../../../shared/contract';
import type { CacheRegistry } from '../portfolio/cache-registry';

/**
 * A profile's early-warning limits: the portfolio-wide thresholds (each rule's limit and its switch, and the
 * near-limit band) and each borrower's covenants, kept in the profile's cache. How they are read is
 * shared/analysis/limits.ts: the portfolio list, the borrower page and the Excel pack all apply them through it.
 */
export class LimitsService {
  constructor(private readonly deps: { caches: CacheRegistry }) {}

  /** Every rule's limit and switch (`<rule>_enabled`: 1 on, 0 off) and the near-limit band, defaults filled in. */
  thresholds(profileId: string): Record<string, number> {
    const stored = this.deps.caches.open(profileId).limits.thresholds();
    return { ...flattenThresholds(toThresholds(stored)), [NEAR_LIMIT_KEY]: toNearLimitShare(stored) };
  }

  /**
   * Changes the given limits and switches, keeping the others; returns them all. A near-limit band outside
   * {@link NEAR_LIMIT_RANGE} is refused (`near_limit_out_of_range`) and nothing is changed.
   */
  setThresholds(profileId: string, changes: Readonly<Record<string, number>>): Record<string, number> {
    const band = changes[NEAR_LIMIT_KEY];
    if (band !== undefined && !isNearLimitShare(band)) {
      throw new AppError(
        'invalid_input',
        `The near-limit margin must be between ${NEAR_LIMIT_RANGE.min * 100} % and ${NEAR_LIMIT_RANGE.max * 100} % of the requirement.`,
        { reason: 'near_limit_out_of_range', value: band, min: NEAR_LIMIT_RANGE.min, max: NEAR_LIMIT_RANGE.max },
      );
    }
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
