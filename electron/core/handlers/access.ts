import type { Handlers } from '../../../shared/contract';
import type { AccessService } from '../../services/access/access-service';

/** The access:* channels: request access to many borrowers at once, and list what was requested. */
export function accessHandlers(access: AccessService): Pick<Handlers, 'access:request' | 'access:list'> {
  return {
    'access:request': (input) => access.request(input.profileId, input.bankContactEmail, input.lines),
    'access:list': async (input) => access.list(input.profileId),
  };
}
