import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useExportsStore } from '../../../../renderer/src/stores/exports';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

describe('exports store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('starts a pack in the analyst’s language (amounts in the pack’s own NOK 1 000 unless whole kroner are asked for) and follows it to its result', async () => {
    const fake = fakeApi({
      settings: { get: async () => ({ ...SETTINGS, amountFormat: 'nok_thousands', language: 'en' }) },
      export: { pack: async () => ({ exportId: 'x1' }), result: async () => null },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const ex = useExportsStore();
    expect(await ex.start(['923609016'], 'pack.xlsx')).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'export:pack')!.input).toEqual({ profileId: 'demo', orgNrs: ['923609016'], fileName: 'pack.xlsx', language: 'en' });
    expect(ex.state).toBe('running');
    fake.emit('export:progress', { exportId: 'other', phase: 'borrowers', done: 9, total: 10 });
    fake.emit('export:progress', { exportId: 'x1', phase: 'borrowers', done: 1, total: 4 });
    expect(ex.fraction).toBe(0.25);
    fake.emit('export:finished', { exportId: 'x1', outcome: 'ok', path: '/tmp/pack.xlsx', downloadUrl: null, bytes: 100, error: null });
    expect(ex.state).toBe('ok');
    expect(ex.result?.path).toBe('/tmp/pack.xlsx');
    // Whole kroner when the analyst asks for them.
    await ex.start(null, undefined, true);
    expect(fake.calls.filter((c) => c.channel === 'export:pack').at(-1)!.input).toEqual({ profileId: 'demo', amountFormat: 'nok', language: 'en' });
  });

  it('exports a list as a plain table and marks it as such, so the pack view does not show it as a pack', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      export: {
        table: async () => ({ exportId: 't1' }),
        result: async () => ({ exportId: 't1', outcome: 'ok', path: 'portefolje.xlsx', downloadUrl: '/download/t1', bytes: 10, error: null }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const ex = useExportsStore();
    const input = { fileName: 'portefolje.xlsx', title: 'Portefølje', columns: [{ key: 'name', label: 'Låntaker', type: 'text' as const }], rows: [['Bryggen Bakeri AS']] };
    expect(await ex.startTable(input)).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'export:table')!.input).toEqual(input);
    expect(ex.kind).toBe('table');
    expect(ex.state).toBe('ok');
    expect(ex.result?.path).toBe('portefolje.xlsx');
  });

  it('follows an export whose end overtook the start’s answer, and does not cancel one that has ended', async () => {
    const fake: ReturnType<typeof fakeApi> = fakeApi({
      settings: { get: async () => SETTINGS },
      export: {
        pack: async () => {
          fake.emit('export:finished', { exportId: 'x2', outcome: 'cancelled', path: null, downloadUrl: null, bytes: null, error: null });
          return { exportId: 'x2' };
        },
        cancel: async () => ({ cancelled: true }),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const ex = useExportsStore();
    expect(await ex.start(null)).toBe(true);
    expect(ex.state).toBe('cancelled');
    expect(fake.calls.map((c) => c.channel)).not.toContain('export:result');
    await ex.cancel();
    expect(fake.calls.map((c) => c.channel)).not.toContain('export:cancel');
    expect(fake.listenerCount('export:progress')).toBe(0);
  });
});
