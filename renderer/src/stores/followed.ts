import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

/** What followed:parseImport found in a file. */
export interface ImportedLines {
  lines: string[];
  sheet: string | null;
  column: string | null;
}

/** The register of followed org numbers of the active profile, and the outcome of the last follow. */
export const useFollowedStore = defineStore('followed', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const followed = shallowRef<{ orgNr: string; source: string; addedAt: string }[]>([]);
  const followResult = shallowRef<dto.FollowResult | null>(null);
  /** Whose register is in `followed`. */
  let loadedFor: string | null = null;

  async function load(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const list = await run(() => useApi().followed.list({ profileId }));
    if (list) {
      followed.value = list;
      loadedFor = profileId;
    }
  }

  /** The cache changed (see invalidation.ts): reads the register again, where loaded. */
  async function reload(): Promise<void> {
    if (loadedFor !== null && loadedFor === settings.activeProfileId) await load();
  }

  /** Follows the non-empty lines; the main side checks each again and answers the refused ones with their reason. */
  async function follow(lines: string[], source: 'typed' | 'import' = 'typed'): Promise<dto.FollowResult | undefined> {
    const profileId = settings.activeProfileId;
    const cleaned = lines.filter((l) => l.trim() !== '');
    if (!profileId || !cleaned.length) return undefined;
    const r = await run(() => useApi().followed.follow({ profileId, lines: cleaned, source }));
    if (r) {
      followResult.value = r;
      await load();
    }
    return r;
  }

  /**
   * Reads an imported file (.xlsx, .csv, .txt) on the main side; its org number column comes back as lines to be
   * checked before anything is followed. Undefined (with the error shown) when the file is refused.
   */
  async function parseImport(fileName: string, contentBase64: string): Promise<ImportedLines | undefined> {
    return run(() => useApi().followed.parseImport({ fileName, contentBase64 }));
  }

  async function unfollow(orgNrs: string[]): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId || !orgNrs.length) return;
    const r = await run(() => useApi().followed.unfollow({ profileId, orgNrs }));
    if (r) await load();
  }

  return { status, error, followed, followResult, load, reload, follow, parseImport, unfollow };
});
