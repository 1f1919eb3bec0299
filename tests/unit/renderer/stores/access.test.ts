import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useAccessStore } from '../../../../renderer/src/stores/access';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

describe('access store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('checks pasted lines live with a reason each, and sends only when something is valid and the email is', async () => {
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      access: {
        request: async (i) => ({ results: i.lines.map((l, n) => ({ line: n + 1, input: l, orgNr: null, ok: n === 0, reason: null, message: 'x', signupLink: n === 0 ? 'https://signup' : null, signupLinkExpiresAt: null })) }),
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
  });
});
