import type { Emit, Handlers } from '../../../shared/contract';
import type { PortfolioService } from '../../services/portfolio/portfolio-service';

/** The notifications:* channels; a change of the unread count is pushed as notifications:changed. */
export function notificationsHandlers(portfolio: PortfolioService, emit: Emit): Pick<Handlers, 'notifications:list' | 'notifications:markRead'> {
  return {
    'notifications:list': async (input) => portfolio.notifications(input.profileId, input),
    'notifications:markRead': async (input) => {
      const r = portfolio.markRead(input.profileId, input.keys, input.read ?? true);
      if (r.updated > 0) emit('notifications:changed', { profileId: input.profileId, unread: r.unread });
      return { updated: r.updated };
    },
  };
}
