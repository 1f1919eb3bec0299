import type { Handlers } from '../../../shared/contract';
import type { PortfolioService } from '../../services/portfolio/portfolio-service';

/** The portfolio:* channels: the cache's read side (no network). */
export function portfolioHandlers(portfolio: PortfolioService): Pick<Handlers, 'portfolio:list' | 'portfolio:window' | 'portfolio:orgNrs' | 'portfolio:borrower' | 'portfolio:compare'> {
  return {
    'portfolio:list': async (input) => portfolio.list(input.profileId, { ...(input.limit === undefined ? {} : { limit: input.limit }), ...(input.basis === undefined ? {} : { basis: input.basis }) }),
    'portfolio:window': async (input) => portfolio.window(input),
    'portfolio:orgNrs': async (input) => portfolio.orgNrs(input.profileId, { ...(input.basis === undefined ? {} : { basis: input.basis }), ...(input.filters === undefined ? {} : { filters: input.filters }) }),
    'portfolio:borrower': async (input) => portfolio.borrower(input.profileId, input.orgNr, input.basis),
    'portfolio:compare': async (input) => portfolio.compare(input.profileId, input.orgNr, input.a, input.b, input.mode),
  };
}
