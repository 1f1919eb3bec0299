import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { FIRST_SCREEN_ROWS, usePortfolioStore } from '../../../../renderer/src/stores/portfolio';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, row, SETTINGS } from '../fake-api';

const ROWS = [
  row({ orgNr: '923609016', name: 'Bryggen Bakeri AS', ratios: { equity_ratio: 0.3 } }),
  row({ orgNr: '987654325', name: 'Aurora Glass AS', breaches: [{ rule: 'equity_ratio_min', label: 'x', actual: 0.1, limit: 0.2, headroom: -0.1, source: 'default', reason: null, tested: null }], ratios: { equity_ratio: 0.1 } }),
  row({ orgNr: '914789958', name: 'Eikeberg Regnskap AS', state: 'access_requested', ratios: { equity_ratio: null } }),
];

async function setup(settings = SETTINGS) {
  let saved = { ...settings };
  const fake = fakeApi({
    settings: { get: async () => saved, update: async (p) => (saved = { ...saved, ...p }) },
    portfolio: { list: async () => ROWS },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const store = usePortfolioStore();
  await store.load();
  return { store, fake };
}

describe('portfolio store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the rows of the active profile and sorts by name by default', async () => {
    const { store, fake } = await setup();
    // Fewer rows than a first screen: that first call was the whole list.
    expect(fake.calls.filter((c) => c.channel === 'portfolio:list').map((c) => c.input)).toEqual([{ profileId: 'demo', limit: FIRST_SCREEN_ROWS, basis: 'ltm' }]);
    expect(store.complete).toBe(true);
    expect(store.status).toBe('idle');
    expect(store.visibleRows.map((r) => r.name)).toEqual(['Aurora Glass AS', 'Bryggen Bakeri AS', 'Eikeberg Regnskap AS']);
  });

  it('a large portfolio: its first screen, then every row when asked; a second load meanwhile joins, a reload follows', async () => {
    const many = Array.from({ length: 250 }, (_, i) => row({ orgNr: String(900000000 + i), name: `Borrower ${String(i).padStart(3, '0')} AS` }));
    let releaseFull: () => void = () => {};
    const fullGate = new Promise<void>((r) => (releaseFull = r));
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      portfolio: {
        list: async (input) => {
          if (input.limit !== undefined) return many.slice(0, input.limit);
          await fullGate;
          return many;
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await Promise.all([store.load(), store.load()]);
    expect(store.rows.length).toBe(FIRST_SCREEN_ROWS);
    expect(store.complete).toBe(false);
    expect(store.visibleRows[0]?.name).toBe('Borrower 000 AS');
    const rest = store.loadRest();
    const joined = store.loadRest();
    releaseFull();
    await Promise.all([rest, joined]);
    expect(store.rows.length).toBe(250);
    expect(store.complete).toBe(true);
    const inputs = () => fake.calls.filter((c) => c.channel === 'portfolio:list').map((c) => c.input);
    expect(inputs()).toEqual([{ profileId: 'demo', limit: FIRST_SCREEN_ROWS, basis: 'ltm' }, { profileId: 'demo', basis: 'ltm' }]);
    // A reload of the same profile (a sync finished) reads the whole list again, with no first screen.
    await store.load({ again: true });
    expect(inputs()).toEqual([{ profileId: 'demo', limit: FIRST_SCREEN_ROWS, basis: 'ltm' }, { profileId: 'demo', basis: 'ltm' }, { profileId: 'demo', basis: 'ltm' }]);
    expect(store.complete).toBe(true);
  });

  it('switches the basis: the list read again on it (its first screen first), the rows then on that basis', async () => {
    const many = Array.from({ length: 150 }, (_, i) => row({ orgNr: String(900000000 + i), name: `Borrower ${String(i).padStart(3, '0')} AS` }));
    const fake = fakeApi({ settings: { get: async () => SETTINGS }, portfolio: { list: async (input) => (input.limit !== undefined ? many.slice(0, input.limit) : many) } });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await store.load();
    await store.loadRest();
    expect(store.loadedBasis).toBe('ltm');
    await store.setBasis('ytd');
    expect(store.basis).toBe('ytd');
    expect(store.loadedBasis).toBe('ytd');
    expect(store.complete).toBe(false);
    await store.loadRest();
    expect(store.rows.length).toBe(150);
    await store.setBasis('ytd');
    const inputs = fake.calls.filter((c) => c.channel === 'portfolio:list').map((c) => c.input);
    expect(inputs).toEqual([
      { profileId: 'demo', limit: FIRST_SCREEN_ROWS, basis: 'ltm' },
      { profileId: 'demo', basis: 'ltm' },
      { profileId: 'demo', limit: FIRST_SCREEN_ROWS, basis: 'ytd' },
      { profileId: 'demo', basis: 'ytd' },
    ]);
  });

  it('quick search matches names and org numbers typed with spaces', async () => {
    const { store } = await setup();
    store.setFilter('query', 'bakeri');
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['923609016']);
    store.setFilter('query', '987 654');
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['987654325']);
  });

  it('filters to the borrowers needing attention and by relationship state', async () => {
    const { store } = await setup();
    store.setFilter('flaggedOnly', true);
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['987654325']);
    expect(store.flaggedCount).toBe(1);
    store.clearFilters();
    store.setFilter('state', 'access_requested');
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['914789958']);
  });

  it('sorts ascending, descending and back, with n/a last either way', async () => {
    const { store } = await setup();
    store.toggleSort('equity_ratio');
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['987654325', '923609016', '914789958']);
    store.toggleSort('equity_ratio');
    expect(store.visibleRows.map((r) => r.orgNr)).toEqual(['923609016', '987654325', '914789958']);
    store.toggleSort('equity_ratio');
    expect(store.sort).toEqual({ id: 'name', desc: false });
  });

  it('keeps column choices in the settings, the name column always shown', async () => {
    const { store, fake } = await setup();
    await store.setColumns(['orgNr', 'flags']);
    expect(fake.calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ portfolioColumns: ['orgNr', 'flags'] });
    expect(store.visibleColumnIds).toEqual(['name', 'orgNr', 'flags']);
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

  it('stays fast at 10 000 rows: filtering is a plain pass over a shallow array', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row({ orgNr: String(100000000 + i), name: `Selskap ${i} AS` }));
    const fake = fakeApi({ settings: { get: async () => SETTINGS }, portfolio: { list: async () => many } });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = usePortfolioStore();
    await store.load();
    store.setFilter('query', 'selskap 99');
    expect(store.visibleRows.length).toBe(111);
  });
});
