import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../../../../electron/services/credentials/credential-store';
import { KeytarCredentialStore, type KeytarLike } from '../../../../../electron/services/credentials/keytar-store';

function fakeKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void entries.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
  };
}

describe('KeytarCredentialStore (with an injected keytar)', () => {
  it('stores one account per profile under the "Symetrisk Desk" service', async () => {
    const k = fakeKeytar();
    const store = new KeytarCredentialStore({ keytar: k });
    await store.set('bank-a', 's1');
    expect([...k.entries.keys()]).toEqual([`${KEYCHAIN_SERVICE}/bank-a`]);
    expect(await store.get('bank-a')).toBe('s1');
    expect(await store.delete('bank-a')).toBe(true);
    expect(await store.delete('bank-a')).toBe(false);
    expect(await store.get('bank-a')).toBeNull();
  });

  it('turns a keychain failure into keychain_unavailable without the secret in it', async () => {
    const store = new KeytarCredentialStore({
      keytar: {
        getPassword: async () => {
          throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
        },
        setPassword: async () => {
          throw new Error('Cannot create an item in a locked collection');
        },
        deletePassword: async () => false,
      },
    });
    await expect(store.get('p')).rejects.toMatchObject({ code: 'keychain_unavailable', details: { operation: 'get', reason: expect.stringContaining('D-Bus') } });
    const err = await store.set('p', 'top-secret-value').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'keychain_unavailable', details: { operation: 'set' } });
    expect(JSON.stringify({ m: (err as Error).message, d: (err as { details: unknown }).details })).not.toContain('top-secret-value');
  });

  it('answers keychain_unavailable when keytar cannot be loaded, and retries the load later', async () => {
    let loads = 0;
    const k = fakeKeytar();
    const store = new KeytarCredentialStore({
      keytar: async () => {
        loads++;
        if (loads === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return k;
      },
    });
    await expect(store.get('p')).rejects.toMatchObject({ code: 'keychain_unavailable', details: { reason: expect.stringContaining('libsecret') } });
    expect(await store.get('p')).toBeNull();
    expect(loads).toBe(2);
  });

  it('gives up on a keychain that never answers (a locked keyring waiting for a prompt)', async () => {
    const store = new KeytarCredentialStore({
      timeoutMs: 50,
      keytar: { getPassword: () => new Promise(() => {}), setPassword: async () => {}, deletePassword: async () => true },
    });
    await expect(store.get('p')).rejects.toMatchObject({ code: 'keychain_unavailable', details: { reason: expect.stringContaining('did not answer') } });
  });
});
