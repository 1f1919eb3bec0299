import type { Handlers } from '../../../shared/contract';
import type { ConnectionsService } from '../../services/connections/connections-service';

type ConnectionChannels = 'connections:list' | 'connections:create' | 'connections:update' | 'connections:remove' | 'connections:test' | 'connections:reachability';

/** The connections:* channels. No output carries a secret: profiles say only whether one is stored. */
export function connectionsHandlers(connections: ConnectionsService): Pick<Handlers, ConnectionChannels> {
  return {
    'connections:list': () => connections.list(),
    'connections:create': (input) => connections.create(input),
    'connections:update': (input) => connections.update(input),
    'connections:remove': (input) => connections.remove(input.profileId, input.deleteCache),
    'connections:test': (input) => connections.test(input.profileId),
    'connections:reachability': (input) => connections.reachability(input.profileId),
  };
}
