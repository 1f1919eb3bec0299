import type { Handlers } from '../../../shared/contract';
import { validateLines, type PortfolioService } from '../../services/portfolio/portfolio-service';

/** The access:* channels: request access to many borrowers at once, list what was requested, validate lines. */
export function accessHandlers(portfolio: PortfolioService): Pick<Handlers, 'access:request' | 'access:list' | 'access:validate'> {
  return {
    'access:request': (input) => portfolio.requestAccess(input.profileId, input.bankContactEmail, input.lines),
    'access:list': async (input) => portfolio.accessRequests(input.profileId),
    'access:validate': async (input) => validateLines(input.lines),
  };
}
