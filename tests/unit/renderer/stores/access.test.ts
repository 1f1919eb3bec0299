import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import type { dto } from '../../../../shared/contract';
import { useAccessStore } from '../../../../renderer/src/stores/access';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

describe('access store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('checks pasted lines live with a reason each, and sends only when something is valid and the email is', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      access: {
        request: async (i) => ({
          results: i.lines.map((l, n) => ({
            line: n + 1,
            input: l,
            orgNr: null,
            ok: n === 0,
            state: n === 0 ? ('requested' as const) : ('invalid' as const),
            reason: null,
            message: 'x',
            signupLink: n === 0 ? 'https://signup' : null,
            signupLinkExpiresAt: null,
            answeredOrgNr: null,
            matchedBy: null,
          })),
          unmatched: [],
          uncertain: null,
        }),
        list: async () => [],
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const access = useAccessStore();
    access.text = '923 609 016\n923609017\n12345\n\n923609016\nabc';
    expect(access.checks.map((c) => c.reason)).toEqual([null, 'bad_check_digit', 'wrong_length', 'duplicate', 'not_digits']);
    expect(access.validOrgNrs).toEqual(['923609016']);
    expect(access.canSend).toBe(false);
    access.email = 'kreditt@bank.no';
    expect(access.canSend).toBe(true);
    const r = await access.request();
    expect(r?.results[0]?.signupLink).toBe('https://signup');
    const sent = fake.calls.find((c) => c.channel === 'access:request')!.input as { lines: string[]; bankContactEmail: string };
    expect(sent.bankContactEmail).toBe('kreditt@bank.no');
    expect(sent.lines).toHaveLength(5);
    // Numbers put back in the form to send again: each once, after what is there.
    access.text = '923 609 016';
    access.prefill(['923609016', '974760673']);
    expect(access.text).toBe('923 609 016\n974760673');
  });

  it('counts the uncertain requests and checks them, then reads every answer again; exports the links as a followed export', async () => {
    const row = (key: number, state: dto.AccessRequestState, link: string | null): dto.AccessRequestRow => ({
      key,
      orgNr: '923609016',
      requestedAt: '2026-01-01T00:00:00Z',
      bankContactEmail: 'b@bank.no',
      success: state === 'requested',
      state,
      reason: state === 'uncertain' ? 'server_error' : null,
      message: '',
      signupLink: link,
      signupLinkExpiresAt: null,
      answeredOrgNr: null,
      matchedBy: null,
      checkedAt: null,
      relationshipState: null,
    });
    let rows = [row(1, 'uncertain', null), row(2, 'requested', 'https://signup')];
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      access: {
        list: async () => rows,
        check: async () => {
          rows = [row(1, 'confirmed', null), rows[1]!];
          return { checked: 1, confirmed: ['923609016'], notReceived: [], failed: [] };
        },
        exportLinks: async () => ({ exportId: 'x1' }),
      },
      export: { result: async () => null },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const access = useAccessStore();
    await access.loadHistory();
    expect(access.uncertainCount).toBe(1);
    expect(access.linkCount).toBe(1);
    expect((await access.checkUncertain())?.confirmed).toEqual(['923609016']);
    expect(access.uncertainCount).toBe(0);
    expect(access.history.map((h) => h.state)).toEqual(['confirmed', 'requested']);
    expect(await access.exportLinks()).toBe(true);
    expect(access.linksExporting).toBe(true);
    fake.emit('export:finished', { exportId: 'x1', outcome: 'ok', path: 'Registreringslenker.csv', downloadUrl: '/download/x1', bytes: 10, error: null });
    expect(access.linksExporting).toBe(false);
    expect(access.linksExport?.outcome).toBe('ok');
    // A failed export is worded from its code in the analyst's language, never its English message.
    expect(await access.exportLinks()).toBe(true);
    fake.emit('export:finished', { exportId: 'x1', outcome: 'failed', path: null, downloadUrl: null, bytes: null, error: { code: 'file_busy', message: 'EBUSY: resource busy' } });
    expect(access.linksError).toBe('Filen kunne ikke skrives: den er åpen i et annet program, eller mappen er skrivebeskyttet. Lukk den og prøv igjen.');
  });
});
