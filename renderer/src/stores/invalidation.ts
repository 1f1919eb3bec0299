import { useAccessStore } from './access';
import { useBorrowerStore } from './borrower';
import { useCommitteeStore } from './committee';
import { useConnectionsStore } from './connections';
import { useFollowedStore } from './followed';
import { useNotificationsStore } from './notifications';
import { usePortfolioStore } from './portfolio';
import { useSettingsStore } from './settings';
import { useWorkflowStore } from './workflow';

/**
 * A profile's cache changed (a sync finished, or a fresh cache was started): every store that shows what the cache
 * holds is told, here and nowhere else, to reload what it has loaded. A store that loaded nothing yet loads when its
 * view opens. Another profile's change waits until that profile is chosen (every view loads on that change).
 */
export async function cacheChanged(profileId: string): Promise<void> {
  if (profileId !== useSettingsStore().activeProfileId) return;
  await Promise.all([
    // Rows, flags and breaches.
    usePortfolioStore().reload(),
    // The followed register.
    useFollowedStore().reload(),
    // The list shown and the unread badge.
    useNotificationsStore().reload(),
    // Access requests and their states.
    useAccessStore().reload(),
    // The borrower open on screen: its snapshots and charts.
    useBorrowerStore().reload(),
    // The committee summary open in the print view.
    useCommitteeStore().reload(),
    // The profile's last sync, which the connection strip shows.
    useConnectionsStore().load(),
    // The analyst's notes and watch-list (a fresh cache starts without them).
    useWorkflowStore().reload(),
  ]);
}
