import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { DEFAULT_BASIS, type BasisChoice } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import { columnById, DEFAULT_COLUMN_IDS, shownColumnIds } from '../../../shared/portfolio/columns';
import { checkViewName, DEFAULT_SORT, NO_FILTERS, sameFilters, type PortfolioFilters, type PortfolioSort, type SavedView, type ViewNameCheck } from '../../../shared/portfolio/query';
import { useApi } from '../api';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

type Row = dto.PortfolioRow;
export type { PortfolioFilters };
/** How saving a view went: saved, or why not (the name's rule, or the main side refused it). */
export type SaveOutcome = { ok: true } | { ok: false; reason: Exclude<ViewNameCheck, { ok: true }>['reason'] | 'not_saved'; max: number };
export type SortState = PortfolioSort;

/** Rows per window asked for: a few screens. */
export const PAGE_ROWS = 100;
/** Windows kept beyond those in view, on each side: scrolling a little back or on reads nothing again. */
const MARGIN_PAGES = 1;

type Counts = dto.PortfolioWindow['counts'];
type Facets = dto.PortfolioWindow['facets'];
const NO_COUNTS: Counts = { flagged: 0, watched: 0, fallback: 0 };
const NO_FACETS: Facets = { states: [], accountingSystems: [], naceDivisions: [] };

/**
 * The portfolio grid's list as the cache filters, searches and sorts it (portfolio:window): only the windows of rows
 * in view (and one on each side) are held, by their place in the list, and the next are asked for as the grid
 * scrolls; the main side keeps the list's order, so a window is a lookup. The store never holds the whole book: a
 * large bank's 50,000 borrowers stay in the cache. With the rows: how many the filters let through, the book's
 * counts, the filters' choices, the basis most of the list is on, and how many borrowers are still being read in.
 * Also the analyst's saved views (columns, sort, filters; in settings).
 */
export const usePortfolioStore = defineStore('portfolio', () => {
  const { status, error, run } = useCallStatus();
  const settings = useSettingsStore();
  /** Rows held, by their index in the list (a shallowRef: replaced, never deeply reactive). */
  const rowsByIndex = shallowRef<ReadonlyMap<number, Row>>(new Map());
  const loadedFor = ref<string | null>(null);
  /** The basis the figures are shown on (shared/analysis BASIS_CHOICES); the rows held are on `loadedBasis`. */
  const basis = ref<BasisChoice>(DEFAULT_BASIS);
  const loadedBasis = ref<BasisChoice | null>(null);
  const filters = ref<PortfolioFilters>({ ...NO_FILTERS });
  const sort = ref<SortState>({ ...DEFAULT_SORT });
  const total = ref(0);
  const matched = ref(0);
  const counts = shallowRef<Counts>(NO_COUNTS);
  const facets = shallowRef<Facets>(NO_FACETS);
  const commonBasis = shallowRef<dto.PortfolioWindow['commonBasis']>(null);
  const pending = ref(0);
  /**
   * Moves whenever the list asked for changes (filters, search, sort, basis, profile): the grid goes back to its top.
   * `answered` is the last one whose first answer is in.
   */
  const listVersion = ref(0);
  const answered = ref(-1);
  /** Windows in view (the grid's range, as window numbers). */
  let inView = { first: 0, last: 0 };
  const inFlight = new Map<string, Promise<void>>();
  /** A view applied at the profile's first load (once per profile). */
  let viewApplied: string | null = null;
  /** The profile whose first list was asked for (two loads at once ask once). */
  let requestedFor: string | null = null;

  /** The current list's answer is in and nobody is still being read into the grid. */
  const complete = computed(() => answered.value === listVersion.value && pending.value === 0);
  const flaggedCount = computed(() => counts.value.flagged);
  const states = computed(() => facets.value.states);
  const accountingSystems = computed(() => facets.value.accountingSystems);
  const naceDivisions = computed(() => facets.value.naceDivisions);
  /** The rows held, in list order (a window or a few; never the book). */
  const rows = computed<Row[]>(() => [...rowsByIndex.value.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r));

  /** Column ids shown, in display order: the analyst's choice (kept in settings) or the defaults. */
  /** The columns just chosen, shown before settings confirm them: ticks in quick succession add up. */
  const columnChoice = shallowRef<string[] | null>(null);
  const visibleColumnIds = computed<string[]>(() => shownColumnIds(columnChoice.value ?? settings.portfolioColumns));

  function rowAt(index: number): Row | undefined {
    return rowsByIndex.value.get(index);
  }

  function query(profileId: string, page: number): dto.PortfolioWindowInput {
    const f = filters.value;
    const active: dto.PortfolioFiltersInput = {};
    for (const k of Object.keys(NO_FILTERS) as (keyof PortfolioFilters)[]) if (f[k] !== NO_FILTERS[k]) (active as Record<string, unknown>)[k] = f[k];
    const s = sort.value;
    return {
      profileId,
      basis: basis.value,
      offset: page * PAGE_ROWS,
      limit: PAGE_ROWS,
      ...(s.id === DEFAULT_SORT.id && s.desc === DEFAULT_SORT.desc ? {} : { sort: { id: columnById(s.id)?.id ?? 'name', desc: s.desc } }),
      ...(Object.keys(active).length ? { filters: active } : {}),
    };
  }

  /** Asks for one window of the current list; an answer for a list no longer current is dropped. */
  function fetchPage(page: number): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return Promise.resolve();
    const version = listVersion.value;
    const key = `${id}:${version}:${page}`;
    const running = inFlight.get(key);
    if (running) return running;
    const input = query(id, page);
    const done = (async () => {
      const w = await run(() => useApi().portfolio.window(input));
      if (!w || version !== listVersion.value || settings.activeProfileId !== id) return;
      const next = new Map(answered.value === version ? rowsByIndex.value : []);
      // The list may have changed under the window (a sync): what is held past its end goes.
      for (const i of next.keys()) if (i >= w.matched) next.delete(i);
      w.rows.forEach((r, k) => next.set(w.offset + k, r));
      rowsByIndex.value = evict(next);
      total.value = w.total;
      matched.value = w.matched;
      counts.value = w.counts;
      facets.value = w.facets;
      commonBasis.value = w.commonBasis;
      loadedFor.value = id;
      loadedBasis.value = input.basis ?? DEFAULT_BASIS;
      answered.value = version;
      pending.value = w.pending;
    })();
    inFlight.set(key, done);
    return done.finally(() => {
      inFlight.delete(key);
      // Borrowers still being read into the grid (a first list after a large sync): ask again, which reads more
      // (each answer takes the main side a bounded time, so this paces itself).
      if (pending.value > 0 && version === listVersion.value && settings.activeProfileId === id) void refetch();
    });
  }

  /** Only the windows in view and their margin stay. */
  function evict(map: Map<number, Row>): Map<number, Row> {
    const lo = (inView.first - MARGIN_PAGES) * PAGE_ROWS;
    const hi = (inView.last + MARGIN_PAGES + 1) * PAGE_ROWS;
    for (const i of map.keys()) if (i < lo || i >= hi) map.delete(i);
    return map;
  }

  /** The windows in view again (the cache changed, or more borrowers were read in). */
  async function refetch(): Promise<void> {
    const pages: number[] = [];
    for (let p = inView.first; p <= inView.last; p++) pages.push(p);
    await Promise.all(pages.map(fetchPage));
  }

  /**
   * Reads the list of the active profile: its first window, or the windows in view. The first load of a profile
   * applies the saved view in use. A load of the same list already running is joined, not repeated; with `again`
   * (the cache changed) the windows are read again.
   */
  function load(opts: { again?: boolean } = {}): Promise<void> {
    const id = settings.activeProfileId;
    if (!id) return Promise.resolve();
    if (loadedFor.value !== id && requestedFor !== id) {
      requestedFor = id;
      if (viewApplied !== id) {
        viewApplied = id;
        const v = activeView.value;
        if (v) {
          filters.value = { ...NO_FILTERS, ...v.filters };
          sort.value = { ...v.sort };
        }
      }
      changed();
    }
    if (opts.again) {
      // Keys of the windows already asked for belong to the same list: a new version asks them again.
      listVersion.value++;
      answered.value = listVersion.value;
      return refetch();
    }
    return answered.value === listVersion.value && rowsByIndex.value.size > 0 ? Promise.resolve() : refetch();
  }

  /** The list asked for changed: back to its top, its first window asked for. */
  function changed(): void {
    listVersion.value++;
    inView = { first: 0, last: 0 };
  }

  function reloadList(): Promise<void> {
    changed();
    return settings.activeProfileId ? fetchPage(0) : Promise.resolve();
  }

  /**
   * The rows in view are `start` to `end` (the grid's virtual range): their windows are asked for if not held, and
   * the rest are let go.
   */
  function showRange(start: number, end: number): Promise<void> {
    const first = Math.max(0, Math.floor(start / PAGE_ROWS));
    const last = Math.max(first, Math.floor(Math.max(start, end - 1) / PAGE_ROWS));
    inView = { first, last };
    const held = rowsByIndex.value;
    const missing: number[] = [];
    // A window's rows arrive together: its first row held is the window held.
    for (let p = first; p <= last; p++) if (p * PAGE_ROWS < matched.value && !held.has(p * PAGE_ROWS)) missing.push(p);
    const size = held.size;
    const kept = evict(new Map(held));
    if (kept.size !== size) rowsByIndex.value = kept;
    return Promise.all(missing.map(fetchPage)).then(() => undefined);
  }

  /** Shows the figures on another basis: the list read again on it (the main side keeps every basis of a row). */
  function setBasis(next: BasisChoice): Promise<void> {
    if (basis.value === next) return Promise.resolve();
    basis.value = next;
    return settings.activeProfileId && loadedFor.value === settings.activeProfileId ? reloadList() : Promise.resolve();
  }

  function setFilter<K extends keyof PortfolioFilters>(key: K, value: PortfolioFilters[K]): Promise<void> {
    if (filters.value[key] === value) return Promise.resolve();
    filters.value = { ...filters.value, [key]: value };
    return reloadList();
  }

  function clearFilters(): Promise<void> {
    if (sameFilters(filters.value, NO_FILTERS)) return Promise.resolve();
    filters.value = { ...NO_FILTERS };
    return reloadList();
  }

  /** Click on a header: ascending, then descending, then back to the default (by name). */
  function toggleSort(id: string): Promise<void> {
    const s = sort.value;
    if (s.id !== id) sort.value = { id, desc: false };
    else if (!s.desc) sort.value = { id, desc: true };
    else sort.value = { ...DEFAULT_SORT };
    return reloadList();
  }

  async function setColumns(ids: string[]): Promise<void> {
    columnChoice.value = ids;
    await settings.update({ portfolioColumns: ids });
    if (columnChoice.value === ids) columnChoice.value = null;
  }

  /** The cache changed (see invalidation.ts): the windows in view are read again, where loaded. */
  async function reload(): Promise<void> {
    const id = settings.activeProfileId;
    if (id && loadedFor.value === id) await load({ again: true });
  }

  /** A borrower's row changed on its page (covenants, workflow): the held row takes it, nothing is read again. */
  function replaceRow(row: Row): void {
    updateRow(row.orgNr, () => row);
  }

  function updateRow(orgNr: string, change: (row: Row) => Row): void {
    for (const [i, r] of rowsByIndex.value) {
      if (r.orgNr !== orgNr) continue;
      const next = new Map(rowsByIndex.value);
      next.set(i, change(r));
      rowsByIndex.value = next;
      return;
    }
  }

  function rowByOrgNr(orgNr: string): Row | undefined {
    for (const r of rowsByIndex.value.values()) if (r.orgNr === orgNr) return r;
    return undefined;
  }

  /** The org numbers of the book as filtered (the pack's selection: "those needing attention"). */
  async function orgNrsOf(f: Partial<PortfolioFilters>): Promise<string[] | null> {
    const id = settings.activeProfileId;
    if (!id) return null;
    const r = await run(() => useApi().portfolio.orgNrs({ profileId: id, basis: basis.value, filters: f }));
    return r?.orgNrs ?? null;
  }

  /** The first rows the quick search finds (a picker's list), in name order. */
  async function find(text: string, limit: number): Promise<{ rows: Row[]; matched: number } | null> {
    const id = settings.activeProfileId;
    if (!id) return null;
    const w = await run(() => useApi().portfolio.window({ profileId: id, basis: basis.value, limit, ...(text.trim() ? { filters: { query: text } } : {}) }));
    return w ? { rows: w.rows, matched: w.matched } : null;
  }

  // ---- saved views ----------------------------------------------------------------------------------------

  const views = computed<readonly SavedView[]>(() => settings.settings?.portfolioViews ?? []);
  const activeViewId = computed(() => settings.settings?.portfolioView ?? null);
  const activeView = computed(() => views.value.find((v) => v.id === activeViewId.value) ?? null);
  /** The grid differs from the view in use (or from the standard view): its columns, sort or filters. */
  const viewModified = computed(() => {
    const v = activeView.value;
    const cols = v ? shownColumnIds(v.columns) : shownColumnIds(DEFAULT_COLUMN_IDS);
    const s = v?.sort ?? DEFAULT_SORT;
    return (
      cols.join() !== visibleColumnIds.value.join() ||
      s.id !== sort.value.id ||
      s.desc !== sort.value.desc ||
      !sameFilters({ ...NO_FILTERS, ...(v?.filters ?? {}) }, filters.value)
    );
  });

  /** Shows a saved view (null: the standard view): its columns, sort and filters; kept as the view in use. */
  async function applyView(id: string | null): Promise<void> {
    const v = id === null ? null : (views.value.find((x) => x.id === id) ?? null);
    filters.value = { ...NO_FILTERS, ...(v?.filters ?? {}) };
    sort.value = { ...(v?.sort ?? DEFAULT_SORT) };
    columnChoice.value = null;
    await settings.update({ portfolioView: v?.id ?? null, portfolioColumns: v ? shownColumnIds(v.columns) : null });
    await reloadList();
  }

  function snapshot(id: string, name: string): SavedView {
    return { id, name, columns: [...visibleColumnIds.value], sort: { ...sort.value }, filters: { ...filters.value } };
  }

  /**
   * Saves the grid as it is (columns, sort, filters) as a new view, the view in use from now on. A name the rule
   * refuses (shared/portfolio/query.ts) is not sent; a refusal of the main side is `not_saved` (its words in the
   * settings store's error).
   */
  async function saveViewAs(name: string): Promise<SaveOutcome> {
    const c = checkViewName(name, views.value.map((v) => v.name));
    if (!c.ok) return c;
    const view = snapshot(`v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, c.value);
    const ok = await settings.update({ portfolioViews: [...views.value, view], portfolioView: view.id });
    return ok ? { ok: true } : { ok: false, reason: 'not_saved', max: c.value.length };
  }

  /** Keeps the grid as it is in the view in use. */
  async function updateView(): Promise<boolean> {
    const v = activeView.value;
    if (!v) return false;
    return settings.update({ portfolioViews: views.value.map((x) => (x.id === v.id ? snapshot(v.id, v.name) : x)) });
  }

  /** Deletes a saved view; the grid stays as it is (the standard view in use, if it was this one). */
  async function deleteView(id: string): Promise<boolean> {
    return settings.update({
      portfolioViews: views.value.filter((v) => v.id !== id),
      ...(activeViewId.value === id ? { portfolioView: null } : {}),
    });
  }

  return {
    status,
    error,
    rows,
    rowsByIndex,
    loadedFor,
    basis,
    loadedBasis,
    complete,
    filters,
    sort,
    total,
    matched,
    counts,
    facets,
    commonBasis,
    pending,
    listVersion,
    states,
    accountingSystems,
    naceDivisions,
    flaggedCount,
    visibleColumnIds,
    views,
    activeViewId,
    activeView,
    viewModified,
    rowAt,
    load,
    reload,
    showRange,
    setBasis,
    setFilter,
    clearFilters,
    toggleSort,
    setColumns,
    replaceRow,
    updateRow,
    rowByOrgNr,
    orgNrsOf,
    find,
    applyView,
    saveViewAs,
    updateView,
    deleteView,
  };
});
