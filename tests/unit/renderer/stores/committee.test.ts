// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useCommitteeStore } from '../../../../renderer/src/stores/committee';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import type { dto } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { fakeApi, SETTINGS } from '../fake-api';

const SUMMARY = { orgNr: '923609016', language: 'nb', header: { borrower: 'Eksempel AS' } } as unknown as dto.CommitteeSummary;

describe('committee store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    delete (window as Window & { api?: unknown }).api;
    vi.restoreAllMocks();
  });

  it('loads a borrower’s summary from the main side in the analyst’s language, and keeps the error when it fails', async () => {
    let fail = false;
    const fake = fakeApi({
      settings: { get: async () => ({ ...SETTINGS, language: 'en' }) },
      export: {
        summary: async () => {
          if (fail) throw new AppError('not_found', 'Not in this profile’s portfolio: 987654325.', { reason: 'borrower_not_found', orgNr: '987654325' });
          return SUMMARY;
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const c = useCommitteeStore();
    await c.load('923609016');
    expect(fake.calls.find((x) => x.channel === 'export:summary')!.input).toEqual({ profileId: 'demo', orgNr: '923609016', language: 'en' });
    expect(c.summary).toBe(SUMMARY);
    expect(c.status).toBe('idle');
    fail = true;
    await c.load('987654325');
    expect(c.summary).toBeNull();
    expect(c.status).toBe('error');
    // Worded in the analyst's words, never the English message, with the number grouped as it is written.
    expect(c.error).toBe('987 654 325 er ikke i porteføljen til denne tilkoblingen.');
  });

  it('prints with the browser’s own dialog in the browser host, and saves a PDF through the desktop app', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      export: { printPdf: async () => ({ outcome: 'saved', path: '/home/kari/Sammendrag.pdf', bytes: 1234 }) },
    });
    setApi(fake.api);
    // happy-dom has no print(); the browser's would open its dialog.
    const print = vi.fn();
    window.print = print;
    const c = useCommitteeStore();
    await c.print('Sammendrag Eksempel AS');
    expect(print).toHaveBeenCalledTimes(1);
    expect(fake.calls.some((x) => x.channel === 'export:printPdf')).toBe(false);
    expect(c.printed?.outcome).toBe('use_browser_print');

    // The desktop: the preload's window.api is there.
    (window as Window & { api?: unknown }).api = {};
    await c.print('Sammendrag Eksempel AS');
    expect(fake.calls.find((x) => x.channel === 'export:printPdf')!.input).toEqual({ fileName: 'Sammendrag Eksempel AS' });
    expect(c.printed).toEqual({ outcome: 'saved', path: '/home/kari/Sammendrag.pdf', bytes: 1234 });
    expect(print).toHaveBeenCalledTimes(1);
  });
});
