import type { Handlers } from '../../../shared/contract';
import type { LimitsService } from '../../services/limits/limits-service';

/** The limits:* channels: portfolio-wide thresholds (each rule's limit and switch) and a borrower's covenants. */
export function limitsHandlers(limits: LimitsService): Pick<Handlers, 'limits:thresholds' | 'limits:setThresholds' | 'limits:setCovenants'> {
  return {
    'limits:thresholds': async (input) => limits.thresholds(input.profileId),
    'limits:setThresholds': async (input) => limits.setThresholds(input.profileId, input.thresholds),
    'limits:setCovenants': async (input) => limits.setCovenants(input.profileId, input.orgNr, input.covenants),
  };
}
