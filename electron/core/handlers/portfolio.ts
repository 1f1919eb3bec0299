import type { Handlers } from '../../../shared/contract';
import { parseImportFile } from '../../services/portfolio/import-file';
import type { PortfolioService } from '../../services/portfolio/portfolio-service';

type PortfolioChannels =
  | 'portfolio:list'
  | 'portfolio:borrower'
  | 'portfolio:compare'
  | 'portfolio:followed'
  | 'portfolio:follow'
  | 'portfolio:parseImport'
  | 'portfolio:unfollow'
  | 'portfolio:thresholds'
  | 'portfolio:setThresholds'
  | 'portfolio:setCovenants';

/** The portfolio:* channels: the cache's read side (no network) and the register of followed numbers. */
export function portfolioHandlers(portfolio: PortfolioService): Pick<Handlers, PortfolioChannels> {
  return {
    'portfolio:list': async (input) => portfolio.list(input.profileId, input.limit === undefined ? {} : { limit: input.limit }),
    'portfolio:borrower': async (input) => portfolio.borrower(input.profileId, input.orgNr),
    'portfolio:compare': async (input) => portfolio.compare(input.profileId, input.orgNr, input.a, input.b, input.mode),
    'portfolio:followed': async (input) => portfolio.followed(input.profileId),
    'portfolio:follow': async (input) => portfolio.follow(input.profileId, input.lines, input.source ?? 'typed'),
    // Reads the file only; nothing is stored until the analyst follows the lines it found.
    'portfolio:parseImport': async (input) => parseImportFile(input.fileName, Buffer.from(input.contentBase64, 'base64')),
    'portfolio:unfollow': async (input) => ({ removed: portfolio.unfollow(input.profileId, input.orgNrs) }),
    'portfolio:thresholds': async (input) => portfolio.thresholds(input.profileId),
    'portfolio:setThresholds': async (input) => portfolio.setThresholds(input.profileId, input.thresholds),
    'portfolio:setCovenants': async (input) => portfolio.setCovenants(input.profileId, input.orgNr, input.covenants),
  };
}
