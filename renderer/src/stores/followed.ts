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

/**
 * The register of followed org numbers of the active profile (each with its last look-up at Symetrisk), the outcome
 * of the last follow, and the relationships of the bank's list that no number keys yet, with the attach flow.
 */
export const useFollowedStore = defineStore('followed', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const followed = shallowRef<dto.Followed[]>([]);
  const followResult = shallowRef<dto.FollowResult | null>(null);
  const unlinked = shallowRef<dto.UnlinkedRelationship[]>([]);
  /** The last attach outcome per relationshipId (what the row says after the analyst tried a number). */
  const attachOutcomes = shallowRef<Record<string, dto.AttachOutcome>>({});
  /** Whose register is in `followed`, and whose unlinked relationships are in `unlinked`. */
  let loadedFor: string | null = null;
  let unlinkedFor: string | null = null;

  async function load(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const list = await run(() => useApi().followed.list({ profileId }));
    if (list) {
      followed.value = list;
      loadedFor = profileId;
    }
  }

  async function loadUnlinked(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const list = await run(() => useApi().followed.unlinked({ profileId }));
    if (list) {
      if (unlinkedFor !== profileId) attachOutcomes.value = {};
      unlinked.value = list;
      unlinkedFor = profileId;
    }
  }

  /** The cache changed (see invalidation.ts): reads the register and the unlinked relationships again, where loaded. */
  async function reload(): Promise<void> {
    const active = settings.activeProfileId;
    await Promise.all([loadedFor !== null && loadedFor === active ? load() : null, unlinkedFor !== null && unlinkedFor === active ? loadUnlinked() : null]);
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

  /**
   * Attaches the number the analyst typed or pasted to an unlinked relationship. The main side links it only when
   * Symetrisk answers the number with that relationship; the outcome (linked, or why not) is kept for the row, and a
   * linked relationship leaves the list (its data comes with the next sync).
   */
  async function attach(relationshipId: string, orgNr: string): Promise<dto.AttachOutcome | undefined> {
    const profileId = settings.activeProfileId;
    if (!profileId || orgNr.trim() === '') return undefined;
    const r = await run(() => useApi().followed.attach({ profileId, relationshipId, orgNr: orgNr.trim() }));
    if (r) {
      attachOutcomes.value = { ...attachOutcomes.value, [relationshipId]: r };
      if (r.linked) await Promise.all([loadUnlinked(), loadedFor === profileId ? load() : null]);
    }
    return r;
  }

  return { status, error, followed, followResult, unlinked, attachOutcomes, load, loadUnlinked, reload, follow, parseImport, unfollow, attach };
});
