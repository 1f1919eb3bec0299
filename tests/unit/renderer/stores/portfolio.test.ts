/**
 * The portfolio store over a fake portfolio:window that filters, searches and sorts as the cache would: the store
 * asks for the window in view, holds only the windows in view and their margin, asks again as the grid scrolls,
 * sends the filters, the search, the sort and the basis to the main side, drops an answer for a list no longer
 * current, keeps saved views in the settings.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { PAGE_ROWS, usePortfolioStore } from '../../../../renderer/src/stores/portfolio';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import type { dto } from '../../../../shared/contract';
import { fakeApi, row, SETTINGS, windowOf } from '../fake-api';

type Row = dto.PortfolioRow;

const ROWS = [
  row({ orgNr: '923609016', name: 'Bryggen Bakeri AS', ratios: { equity_ratio: 0.3 } }),
  row({ orgNr: '987654325', name: 'Aurora Glass AS', breaches: [{ rule: 'equity_ratio_min', label: 'x', actual: 0.1, limit: 0.2, headroom: -0.1, source: 'default', reason: null, tested: null }], ratios: { equity_ratio: 0.1 } }),
  row({ orgNr: '914789958', name: 'Bjørgvin Regnskap AS', state: 'access_requested', ratios: { equity_ratio: null } }),
];

const many = (n: number) => Array.from({ length: n }, (_, i) => row({ orgNr: String(900000000 + i), name: `Borrower ${String(i).padStart(5, '0')} AS` }));

async function setup(book: readonly Row[] = ROWS, settings: dto.Settings = SETTINGS) {
  let saved = { ...settings };
  const fake = fakeApi({
    settings: { get: async () => saved, update: async (p) => (saved = { ...saved, ...(p as Partial<dto.Settings>) }) },
    portfolio: { window: windowOf(book) },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const store = usePortfolioStore();
  await store.load();
  const windows = () => fake.calls.filter((c) => c.channel === 'portfolio:window').map((c) => c.input as dto.PortfolioWindowInput);
  return { store, fake, windows, saved: () => saved };
}

describe('portfolio store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks for the first window of the active profile, in name order, with the counts and the basis of the unit line', async () => {
    const { store, windows } = await setup();
    expect(windows()).toEqual([{ profileId: 'demo', basis: 'ltm', offset: 0, limit: PAGE_ROWS }]);
    expect(store.complete).toBe(true);
    expect(store.status).toBe('idle');
    expect(store.rows.map((r) => r.name)).toEqual(['Aurora Glass AS', 'Bjørgvin Regnskap AS', 'Bryggen Bakeri AS']);
    expect(store.matched).toBe(3);
    expect(store.total).toBe(3);
    expect(store.flaggedCount).toBe(1);
    expect(store.commonBasis).toEqual({ choice: 'ltm', end: '2026-09-30' });
    expect(store.states).toEqual(['access_approved', 'access_requested']);
  });

  it('holds only the windows in view and their margin, asks for the next as the grid scrolls, never the book', async () => {
    const { store, windows } = await setup(many(5000));
    expect(store.rowsByIndex.size).toBe(PAGE_ROWS);
    expect(store.matched).toBe(5000);
    // Scrolled to rows 2,450 to 2,480: that window only.
    await store.showRange(2450, 2480);
    expect(windows().map((w) => w.offset)).toEqual([0, 2400]);
    expect(store.rowAt(2450)?.name).toBe('Borrower 02450 AS');
    // The first window is far out of view: let go.
    expect(store.rowAt(0)).toBeUndefined();
    expect(store.rowsByIndex.size).toBeLessThanOrEqual(3 * PAGE_ROWS);
    // A little further, across a window's edge: the next window asked for, the one before kept as the margin.
    await store.showRange(2490, 2520);
    expect(windows().map((w) => w.offset)).toEqual([0, 2400, 2500]);
    expect(store.rowAt(2410)?.name).toBe('Borrower 02410 AS');
    expect(store.rowAt(2510)?.name).toBe('Borrower 02510 AS');
    // Back into a window held: nothing asked again.
    await store.showRange(2440, 2470);
    expect(windows()).toHaveLength(3);
    // Scrolling to the end and back: at no time more than the windows in view and a margin on each side.
    for (let start = 0; start < 5000; start += 700) {
      await store.showRange(start, start + 30);
      expect(store.rowsByIndex.size).toBeLessThanOrEqual(3 * PAGE_ROWS);
      expect(store.rowAt(start)?.orgNr).toBe(String(900000000 + start));
    }
    expect(windows().every((w) => w.limit === PAGE_ROWS)).toBe(true);
  });

  it('two loads at once ask once; a reload (the cache changed) asks for the windows in view again', async () => {
    const fake = fakeApi({ settings: { get: async () => SETTINGS }, portfolio: { window: windowOf(many(500)) } });
    setApi(fake.api);
    await useSettingsStore().load();
    const first = usePortfolioStore();
    await Promise.all([first.load(), first.load()]);
    expect(fake.calls.filter((c) => c.channel === 'portfolio:window')).toHaveLength(1);
    setActivePinia(createPinia());
    const { store, windows } = await setup(many(500));
    await store.showRange(300, 330);
    const before = windows().length;
    await store.reload();
    expect(windows().slice(before).map((w) => w.offset)).toEqual([300]);
    expect(store.rowAt(310)?.name).toBe('Borrower 00310 AS');
  });

  it('search, filters and sort are sent to the main side; the grid goes back to its top', async () => {
    const { store, windows } = await setup();
    await store.setFilter('query', 'bjorgvin');
    expect(windows().at(-1)).toEqual({ profileId: 'demo', basis: 'ltm', offset: 0, limit: PAGE_ROWS, filters: { query: 'bjorgvin' } });
    expect(store.rows.map((r) => r.orgNr)).toEqual(['914789958']);
    expect(store.matched).toBe(1);
    await store.clearFilters();
    await store.setFilter('flaggedOnly', true);
    expect(store.rows.map((r) => r.orgNr)).toEqual(['987654325']);
    await store.setFilter('flaggedOnly', false);
    await store.setFilter('state', 'access_requested');
    expect(windows().at(-1)?.filters).toEqual({ state: 'access_requested' });
    expect(store.rows.map((r) => r.orgNr)).toEqual(['914789958']);
    await store.clearFilters();
    await store.toggleSort('equity_ratio');
    expect(windows().at(-1)?.sort).toEqual({ id: 'equity_ratio', desc: false });
    expect(store.rows.map((r) => r.orgNr)).toEqual(['987654325', '923609016', '914789958']);
    await store.toggleSort('equity_ratio');
    expect(store.rows.map((r) => r.orgNr)).toEqual(['923609016', '987654325', '914789958']);
    await store.toggleSort('equity_ratio');
    expect(store.sort).toEqual({ id: 'name', desc: false });
    expect(windows().at(-1)?.sort).toBeUndefined();
  });

  it('an answer for a list no longer current is dropped', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const answer = windowOf(ROWS);
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      portfolio: {
        window: async (input) => {
          if (input.filters?.query === 'slow') await gate;
          return answer(input);
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await store.load();
    const slow = store.setFilter('query', 'slow');
    await store.setFilter('query', 'bakeri');
    release();
    await slow;
    expect(store.filters.query).toBe('bakeri');
    expect(store.rows.map((r) => r.orgNr)).toEqual(['923609016']);
  });

  it('switches the basis: the list read again on it', async () => {
    const { store, windows } = await setup();
    expect(store.loadedBasis).toBe('ltm');
    await store.setBasis('ytd');
    expect(store.loadedBasis).toBe('ytd');
    expect(windows().at(-1)).toMatchObject({ basis: 'ytd', offset: 0 });
    const n = windows().length;
    await store.setBasis('ytd');
    expect(windows()).toHaveLength(n);
  });

  it('asks again while borrowers are still being read into the grid', async () => {
    let pending = 2;
    const answer = windowOf(ROWS);
    const fake = fakeApi({ settings: { get: async () => SETTINGS }, portfolio: { window: async (i) => ({ ...(await answer(i)), pending: Math.max(0, pending--) }) } });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await store.load();
    await expect.poll(() => store.complete).toBe(true);
    expect(fake.calls.filter((c) => c.channel === 'portfolio:window').length).toBe(3);
  });

  it('keeps column choices in the settings, the name column always shown', async () => {
    const { store, fake } = await setup();
    await store.setColumns(['orgNr', 'flags']);
    expect(fake.calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ portfolioColumns: ['orgNr', 'flags'] });
    expect(store.visibleColumnIds).toEqual(['name', 'orgNr', 'flags']);
  });

  it('saves a view (columns, sort, filters), shows it again after a restart, refuses a name taken', async () => {
    const { store, saved } = await setup();
    await store.setColumns(['orgNr', 'equity_ratio']);
    await store.toggleSort('equity_ratio');
    await store.setFilter('flaggedOnly', true);
    expect(store.viewModified).toBe(true);
    expect(await store.saveViewAs('  Trenger   oppfølging ')).toEqual({ ok: true });
    const view = saved().portfolioViews[0]!;
    expect(view).toMatchObject({ name: 'Trenger oppfølging', columns: ['name', 'orgNr', 'equity_ratio'], sort: { id: 'equity_ratio', desc: false } });
    expect(view.filters.flaggedOnly).toBe(true);
    expect(saved().portfolioView).toBe(view.id);
    expect(store.viewModified).toBe(false);
    expect(await store.saveViewAs('trenger oppfølging')).toMatchObject({ ok: false, reason: 'view_name_taken' });
    expect(await store.saveViewAs('')).toMatchObject({ ok: false, reason: 'view_name_empty' });

    // The standard view, then a restart with the saved view in use: it is applied at the first load.
    await store.applyView(null);
    expect(store.filters.flaggedOnly).toBe(false);
    expect(store.sort).toEqual({ id: 'name', desc: false });
    setActivePinia(createPinia());
    const again = await setup(ROWS, { ...saved(), portfolioView: view.id });
    expect(again.store.filters.flaggedOnly).toBe(true);
    expect(again.store.sort).toEqual({ id: 'equity_ratio', desc: false });
    expect(again.windows()[0]).toMatchObject({ filters: { flaggedOnly: true }, sort: { id: 'equity_ratio', desc: false } });
    expect(again.store.rows.map((r) => r.orgNr)).toEqual(['987654325']);
    await again.store.deleteView(view.id);
    expect(again.saved().portfolioViews).toEqual([]);
    expect(again.saved().portfolioView).toBeNull();
  });

  it('exposes the error text when the list fails', async () => {
    const fake = fakeApi({ settings: { get: async () => SETTINGS } });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await store.load();
    expect(store.status).toBe('error');
    expect(store.error).toBe('Noe gikk galt i appen. Detaljene står i loggen.');
  });
});
