import type { Handlers } from '../../../shared/contract';
import type { SyncService } from '../../services/sync/sync-service';

type SyncChannels = 'sync:start' | 'sync:cancel' | 'sync:status' | 'sync:runs' | 'sync:resetCache';

/** The sync:* channels; progress and the finished run arrive as sync:progress / sync:finished events. */
export function syncHandlers(sync: SyncService): Pick<Handlers, SyncChannels> {
  return {
    'sync:start': async (input) => ({ runId: (await sync.start(input.profileId)).runId }),
    'sync:cancel': async (input) => ({ cancelled: sync.cancel(input.profileId) }),
    'sync:status': async (input) => sync.status(input.profileId),
    'sync:runs': async (input) => sync.runs(input.profileId, input.limit ?? 50),
    'sync:resetCache': async (input) => sync.resetCache(input.profileId),
  };
}
