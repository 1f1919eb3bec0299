import type { Handlers } from '../../../shared/contract';
import type { NotificationsService } from '../../services/notifications/notifications-service';

/** The notifications:* channels; a change of the unread count is pushed as notifications:changed. */
export function notificationsHandlers(
  notifications: NotificationsService,
): Pick<Handlers, 'notifications:list' | 'notifications:markRead' | 'notifications:summary'> {
  return {
    'notifications:list': async (input) => notifications.list(input.profileId, input),
    'notifications:markRead': async (input) => notifications.markRead(input.profileId, input.keys, input.read ?? true),
    'notifications:summary': async (input) => notifications.summary(input.profileId),
  };
}
