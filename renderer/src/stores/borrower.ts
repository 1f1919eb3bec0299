import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { isFullYear } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { toItem } from '../lib/borrower-analysis';
import { usePortfolioStore } from './portfolio';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

type Snapshot = dto.Snapshot;

/** Default pair for the compare view: the newest snapshot against a sensible base. */
export interface DefaultPair {
  a: number;
  b: number;
  mode: dto.CompareMode;
  /** Why this pair: 'ytd_vs_prior_year' or 'fetch_vs_previous_fetch' or 'latest_two'. */
  reason: 'ytd_vs_prior_year' | 'fetch_vs_previous_fetch' | 'latest_two';
}

function newestFirst(a: Snapshot, b: Snapshot): number {
  return b.snapshotDate.localeCompare(a.snapshotDate) || b.fetchedAt.localeCompare(a.fetchedAt) || b.key - a.key;
}

/**
 * The defaults the compare view opens with. The latest snapshot is the target (b). When it is a year to date
 * and the prior year exists, the base is the prior year's latest snapshot compared pro rata; otherwise, when
 * the same year was fetched before, the previous fetch of that year (raw, to see what moved); otherwise the
 * next newest snapshot.
 */
export function defaultComparePair(snapshots: readonly Snapshot[]): DefaultPair | null {
  if (snapshots.length < 2) return null;
  const sorted = [...snapshots].sort(newestFirst);
  const latest = sorted[0]!;
  const isYtd = !isFullYear(toItem(latest));
  const prior = sorted.find((s) => s.year === latest.year - 1);
  if (isYtd && prior) return { a: prior.key, b: latest.key, mode: 'pro_rata', reason: 'ytd_vs_prior_year' };
  const previousFetch = sorted.find((s) => s !== latest && s.year === latest.year);
  if (previousFetch) return { a: previousFetch.key, b: latest.key, mode: 'raw', reason: 'fetch_vs_previous_fetch' };
  return { a: sorted[1]!.key, b: latest.key, mode: 'raw', reason: 'latest_two' };
}

/** One borrower: its detail (every snapshot), its covenants and a comparison of two snapshots. */
export const useBorrowerStore = defineStore('borrower', () => {
  const { status, error, run } = useCallStatus();
  const compareCall = useCallStatus();
  const settings = useSettingsStore();
  const orgNr = ref<string | null>(null);
  // The detail holds every snapshot with its raw data: never deep-reactive.
  const detail = shallowRef<dto.BorrowerDetail | null>(null);
  const comparison = shallowRef<dto.Comparison | null>(null);

  async function load(nr: string): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (orgNr.value !== nr) {
      detail.value = null;
      comparison.value = null;
    }
    orgNr.value = nr;
    // The row on the list's basis: the page and the list show one basis, and a covenant saved here updates the list's row.
    const basis = usePortfolioStore().basis;
    const d = await run(() => useApi().portfolio.borrower({ profileId, orgNr: nr, basis }));
    if (d && orgNr.value === nr) detail.value = markRaw(d);
  }

  /** The cache changed (see invalidation.ts): the borrower on screen again, if any. */
  async function reload(): Promise<void> {
    if (orgNr.value && detail.value) await load(orgNr.value);
  }

  async function compare(a: number, b: number, mode: dto.CompareMode): Promise<void> {
    const profileId = settings.activeProfileId;
    const nr = orgNr.value;
    if (!profileId || !nr) return;
    const c = await compareCall.run(() => useApi().portfolio.compare({ profileId, orgNr: nr, a, b, mode }));
    if (c) comparison.value = markRaw(c);
  }

  /** Saves the borrower's covenants (null removes them) and reloads the detail, whose breaches follow. */
  async function saveCovenants(covenants: Record<string, number> | null): Promise<boolean> {
    const profileId = settings.activeProfileId;
    const nr = orgNr.value;
    if (!profileId || !nr) return false;
    const r = await run(() => useApi().limits.setCovenants({ profileId, orgNr: nr, covenants }));
    if (r === undefined) return false;
    await load(nr);
    const row = detail.value?.row;
    const portfolio = usePortfolioStore();
    if (row && (row.basis === null || row.basis.choice === portfolio.loadedBasis)) portfolio.replaceRow(row);
    return true;
  }

  return {
    status,
    error,
    compareStatus: compareCall.status,
    compareError: compareCall.error,
    orgNr,
    detail,
    comparison,
    load,
    reload,
    compare,
    saveCovenants,
  };
});
