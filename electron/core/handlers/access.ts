import type { Handlers } from '../../../shared/contract';
import type { AccessService } from '../../services/access/access-service';

/**
 * The access:* channels: request access to many borrowers at once, list every answer, check the uncertain ones,
 * and export the signup links for a mail merge.
 */
export function accessHandlers(access: AccessService): Pick<Handlers, 'access:request' | 'access:list' | 'access:check' | 'access:exportLinks'> {
  return {
    'access:request': (input) => access.request(input.profileId, input.bankContactEmail, input.lines),
    'access:list': async (input) => access.list(input.profileId),
    'access:check': (input) => access.check(input.profileId),
    'access:exportLinks': (input) => access.exportLinks(input.profileId, input.fileName),
  };
}
