import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import { DEFAULT_BASIS, type BasisChoice } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { columnById, compareValues, DEFAULT_COLUMN_IDS, isFlagged, isWatched, PORTFOLIO_COLUMNS, searchKey } from '../lib/portfolio-columns';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

type Row = dto.PortfolioRow;

export interface PortfolioFilters {
  query: string;
  flaggedOnly: boolean;
  /** '' = any. */
  state: string;
  accountingSystem: string;
  /** Only borrowers on the analyst's watch-list. */
  watchedOnly: boolean;
}

export interface SortState {
  id: string;
  desc: boolean;
}

/**
 * Rows asked for first: more than any screen holds, a few KB. A large portfolio's whole list is megabytes, whose
 * reading, transfer and parsing take the better part of a second; its first screen paints meanwhile.
 */
export const FIRST_SCREEN_ROWS = 100;

/**
 * The portfolio: every borrower row (a shallowRef array: 10 000 rows without deep reactivity), as the main side
 * analysed it with the profile's thresholds and covenants, on the basis chosen (LTM by default; the borrower page
 * shows the same one), and the grid's filters and sort.
 */
export const usePortfolioStore = defineStore('portfolio', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  const rows = shallowRef<Row[]>([]);
  const loadedFor = ref<string | null>(null);
  /** The basis the figures are shown on (shared/analysis BASIS_CHOICES); the rows in `rows` are on `loadedBasis`. */
  const basis = ref<BasisChoice>(DEFAULT_BASIS);
  const loadedBasis = ref<BasisChoice | null>(null);
  /** False while only the first screen of rows is in (the whole list is being read). */
  const complete = ref(true);
  let loading: { profileId: string; basis: BasisChoice; done: Promise<void> } | null = null;
  let generation = 0;
  const filters = ref<PortfolioFilters>({ query: '', flaggedOnly: false, state: '', accountingSystem: '', watchedOnly: false });
  const sort = ref<SortState | null>({ id: 'name', desc: false });

  // Search keys are built once per load, not per keystroke.
  const keys = computed(() => rows.value.map(searchKey));

  const states = computed(() => [...new Set(rows.value.map((r) => r.state))].sort());
  const accountingSystems = computed(() => [...new Set(rows.value.map((r) => r.accountingSystem ?? '').filter(Boolean))].sort());
  const flaggedCount = computed(() => rows.value.reduce((n, r) => n + (isFlagged(r) ? 1 : 0), 0));

  /** The rows as the grid shows them: filtered, then sorted. */
  const visibleRows = computed<Row[]>(() => {
    const f = filters.value;
    const q = f.query.trim().toLocaleLowerCase('nb-NO');
    const digits = q.replace(/[\s.-]/g, '');
    const byNumber = digits !== '' && /^\d+$/.test(digits);
    const all = rows.value;
    const k = keys.value;
    const out: Row[] = [];
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!;
      if (f.flaggedOnly && !isFlagged(r)) continue;
      if (f.state && r.state !== f.state) continue;
      if (f.accountingSystem && r.accountingSystem !== f.accountingSystem) continue;
      if (f.watchedOnly && !isWatched(r)) continue;
      if (q && !(k[i]!.includes(q) || (byNumber && r.orgNr.includes(digits)))) continue;
      out.push(r);
    }
    const s = sort.value;
    const col = s ? columnById(s.id) : undefined;
    if (s && col) {
      const dir = s.desc ? -1 : 1;
      const values = new Map(out.map((r) => [r, col.value(r)]));
      out.sort((a, b) => {
        const va = values.get(a)!;
        const vb = values.get(b)!;
        // Nulls last in both directions.
        if (va === null || vb === null) return compareValues(va, vb);
        return dir * compareValues(va, vb);
      });
    }
    return out;
  });

  /** Column ids shown, in display order: the analyst's choice (kept in settings) or the defaults. */
  const visibleColumnIds = computed<string[]>(() => {
    const chosen = settings.portfolioColumns;
    const ids = chosen && chosen.length ? chosen : DEFAULT_COLUMN_IDS;
    return PORTFOLIO_COLUMNS.filter((c) => c.fixed || ids.includes(c.id)).map((c) => c.id);
  });

  /**
   * Reads the profile's rows. The first time for a profile, only its first screen (name order: the grid's own until
   * the analyst sorts); `loadRest` then reads the whole list, which the portfolio view asks for once the first screen
   * is painted (the whole list's parsing holds the page's thread). Later loads (the data changed) read the whole list
   * at once. A load of the same profile already running is joined, not repeated (App.vue begins it before the
   * portfolio view mounts); with `again` (e.g. a sync finished) a new load follows it.
   */
  function load(opts: { again?: boolean } = {}): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return Promise.resolve();
    if (loading?.profileId === id && loading.basis === basis.value) return opts.again ? loading.done.then(() => load()) : loading.done;
    if (loadedFor.value !== id || loadedBasis.value !== basis.value) return track(id, readFirstScreen);
    return track(id, readAll);
  }

  /** Reads the whole list where only the first screen is in; nothing otherwise. */
  function loadRest(): Promise<void> {
    const id = settings.activeProfileId;
    if (!id || complete.value || loadedFor.value !== id) return loading?.profileId === id ? loading.done : Promise.resolve();
    if (loading?.profileId === id) return loading.done.then(() => loadRest());
    return track(id, readAll);
  }

  /** Runs one read of a profile's rows as the load in flight; a newer load or another profile makes it stale. */
  function track(id: string, read: (id: string, current: () => boolean) => Promise<void>): Promise<void> {
    const gen = ++generation;
    const done = read(id, () => gen === generation && settings.activeProfileId === id);
    loading = { profileId: id, basis: basis.value, done };
    void done.finally(() => {
      if (loading?.done === done) loading = null;
    });
    return done;
  }

  async function readFirstScreen(id: string, current: () => boolean): Promise<void> {
    complete.value = false;
    const b = basis.value;
    const first = await run(() => useApi().portfolio.list({ profileId: id, limit: FIRST_SCREEN_ROWS, basis: b }));
    if (!current()) return;
    if (first) {
      rows.value = first;
      loadedFor.value = id;
      loadedBasis.value = b;
    }
    // Fewer rows than a screen: that was the whole list. A failure leaves nothing to wait for (the error is shown).
    if (!first || first.length < FIRST_SCREEN_ROWS) complete.value = true;
  }

  async function readAll(id: string, current: () => boolean): Promise<void> {
    const b = basis.value;
    const list = await run(() => useApi().portfolio.list({ profileId: id, basis: b }));
    if (!current()) return;
    if (list) {
      rows.value = list;
      loadedFor.value = id;
      loadedBasis.value = b;
    }
    complete.value = true;
  }

  /**
   * Shows the figures on another basis: the list is read again on it (its first screen first, as at the start).
   * The main side keeps every basis of a row, so this reads rows, it does not analyse them again.
   */
  function setBasis(next: BasisChoice): Promise<void> {
    if (basis.value === next) return Promise.resolve();
    basis.value = next;
    return settings.activeProfileId && loadedFor.value === settings.activeProfileId ? load() : Promise.resolve();
  }

  function setFilter<K extends keyof PortfolioFilters>(key: K, value: PortfolioFilters[K]): void {
    filters.value = { ...filters.value, [key]: value };
  }

  function clearFilters(): void {
    filters.value = { query: '', flaggedOnly: false, state: '', accountingSystem: '', watchedOnly: false };
  }

  /** Click on a header: ascending, then descending, then back to the default (by name). */
  function toggleSort(id: string): void {
    const s = sort.value;
    if (!s || s.id !== id) sort.value = { id, desc: false };
    else if (!s.desc) sort.value = { id, desc: true };
    else sort.value = { id: 'name', desc: false };
  }

  async function setColumns(ids: string[]): Promise<void> {
    await settings.update({ portfolioColumns: ids });
  }

  /** The cache changed (see invalidation.ts): reads the rows again, where loaded. */
  async function reload(): Promise<void> {
    const id = settings.activeProfileId;
    if (id && loadedFor.value === id) await load({ again: true });
  }

  /** After a borrower's covenants change, its row's breaches change too; reload just the list. */
  function replaceRow(row: Row): void {
    const i = rows.value.findIndex((r) => r.orgNr === row.orgNr);
    if (i < 0) return;
    rows.value[i] = row;
    triggerRef(rows);
  }

  return {
    status,
    error,
    rows,
    loadedFor,
    basis,
    loadedBasis,
    complete,
    filters,
    sort,
    states,
    accountingSystems,
    flaggedCount,
    visibleRows,
    visibleColumnIds,
    load,
    loadRest,
    reload,
    setBasis,
    setFilter,
    clearFilters,
    toggleSort,
    setColumns,
    replaceRow,
  };
});
