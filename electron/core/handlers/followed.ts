import type { Handlers } from '../../../shared/contract';
import type { FollowedService } from '../../services/followed/followed-service';

/**
 * The followed:* channels: the register of followed org numbers (typed, pasted or imported), and the relationships
 * no number keys yet, to which a number is attached once Symetrisk confirms it.
 */
export function followedHandlers(
  followed: FollowedService,
): Pick<Handlers, 'followed:list' | 'followed:follow' | 'followed:unfollow' | 'followed:parseImport' | 'followed:unlinked' | 'followed:attach'> {
  return {
    'followed:list': (input) => followed.list(input.profileId),
    'followed:follow': async (input) => {
      await followed.ready(input.profileId);
      return followed.follow(input.profileId, input.lines, input.source ?? 'typed');
    },
    'followed:unfollow': async (input) => ({ removed: followed.unfollow(input.profileId, input.orgNrs) }),
    // Reads the file only; nothing is stored until the analyst follows the lines it found.
    'followed:parseImport': (input) => followed.parseImport(input.fileName, Buffer.from(input.contentBase64, 'base64')),
    'followed:unlinked': async (input) => followed.unlinked(input.profileId),
    'followed:attach': (input) => followed.attach(input.profileId, input.relationshipId, input.orgNr),
  };
}
