/**
 * The real OS keychain. The Secret Service tests need a throwaway gnome-keyring in its own D-Bus session:
 *   bash scripts/with-keyring.sh npx vitest run tests/integration/keychain
 * Without it (DESK_KEYRING unset) they report themselves skipped with that reason. The "no keychain at all" case
 * runs everywhere: it points a child process's D-Bus address at nothing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { createDispatcher } from '../../../electron/core/dispatch';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { KEYCHAIN_SERVICE } from '../../../electron/services/credentials/credential-store';
import { KeytarCredentialStore } from '../../../electron/services/credentials/keytar-store';
import { makeApp } from '../../unit/electron/services/connections/helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const hasKeyring = process.env['DESK_KEYRING'] === '1';
const SKIP_REASON = 'no throwaway Secret Service: run via `bash scripts/with-keyring.sh npx vitest run tests/integration/keychain`';

/** Every byte of the data folder's files (database, WAL, logs), to search for a secret. */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe(hasKeyring ? 'keychain: a real Secret Service (gnome-keyring)' : `keychain: a real Secret Service — skipped: ${SKIP_REASON}`, () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    if (hasKeyring) sandbox = await startSandbox({ seed: 5, borrowers: 3 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it.skipIf(!hasKeyring)('sets, gets and deletes a secret through keytar', async () => {
    const store = new KeytarCredentialStore();
    const account = `round-trip-${process.pid}`;
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'første hemmelighet ✓');
    expect(await store.get(account)).toBe('første hemmelighet ✓');
    await store.set(account, 'second');
    expect(await store.get(account)).toBe('second');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it.skipIf(!hasKeyring)("keeps a profile's secret in the keychain only: not in desk.sqlite, the logs or any IPC answer", async () => {
    const secret = `${DEMO_CLIENT.clientSecret}`;
    const credentials = new KeytarCredentialStore();
    const app = await makeApp({ credentials });
    const payloads: string[] = [];
    const dispatch = createDispatcher(app.services.handlers, { validateOutput: true });
    const call = async (channel: string, input?: unknown) => {
      const r = await dispatch(channel, input, { host: 'test' });
      payloads.push(JSON.stringify(r));
      return r;
    };
    try {
      const created = await call('connections:create', {
        name: 'Keychain Bank',
        environment: 'custom',
        clientId: DEMO_CLIENT.clientId,
        tokenUrl: sandbox.tokenUrl,
        apiBaseUrl: sandbox.apiBaseUrl,
        scopes: [SCOPES.read, SCOPES.write],
        secret,
      });
      expect(created).toMatchObject({ ok: true, value: { id: 'keychain-bank', hasSecret: true } });
      // The keychain holds it under the app's service, one account per profile.
      const keytar = (await import('keytar')).default;
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'keychain-bank')).toBe(secret);

      expect(await call('connections:test', { profileId: 'keychain-bank' })).toMatchObject({ ok: true, value: { ok: true, bankName: DEMO_CLIENT.bankName } });
      await call('connections:update', { id: 'keychain-bank', name: 'Keychain Bank 2', secret });
      await call('connections:list');
      await call('connections:update', { id: 'keychain-bank', secret: 'wrong-one' });
      expect(await call('connections:test', { profileId: 'keychain-bank' })).toMatchObject({ ok: true, value: { problem: 'wrong_secret' } });

      const bytes = allBytes(app.dir);
      expect(fs.existsSync(path.join(app.dir, 'desk.sqlite'))).toBe(true);
      expect(fs.existsSync(path.join(app.dir, 'logs', 'desk.log'))).toBe(true);
      for (const s of [secret, 'wrong-one']) {
        expect(bytes.includes(Buffer.from(s))).toBe(false);
        for (const p of payloads) expect(p).not.toContain(s);
      }

      expect(await call('connections:remove', { profileId: 'keychain-bank', deleteCache: true })).toMatchObject({ ok: true });
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'keychain-bank')).toBeNull();
    } finally {
      await credentials.delete('keychain-bank').catch(() => false);
      await app.close();
    }
  });
});

describe('keychain: none reachable (D-Bus address pointing nowhere, in a child process)', () => {
  it('answers keychain_unavailable with a clear message and the app keeps working', { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/desk-no-bus' };
    delete env['DISPLAY'];
    delete env['DESK_KEYRING'];
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'no-keychain-child.ts')], {
      env,
      cwd: path.resolve(here, '../../..'),
      timeout: 50_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, { ok: boolean; code?: string; message?: string; value?: unknown }>;
    expect(out['createWithSecret']).toMatchObject({ ok: false, code: 'keychain_unavailable', message: expect.stringMatching(/keychain is not available.*cached data remains available/) });
    expect(out['createWithSecret']!.message).not.toContain('child-secret-123');
    expect(out['createWithout']).toMatchObject({ ok: true });
    // The profile with the refused secret was not left behind; the list itself still works.
    expect(out['list']).toMatchObject({ ok: true, value: [{ id: 'demo', hasSecret: true }, { id: 'without-secret', hasSecret: false }] });
    expect(out['test']).toMatchObject({ ok: true, value: { ok: false, problem: 'keychain' } });
    // The Demo needs no keychain at all.
    expect(out['demoTest']).toMatchObject({ ok: true, value: { ok: true } });
    expect(out['settings']).toMatchObject({ ok: true, value: { language: 'en' } });
    // Removing needs the keychain (the entry must not be orphaned), so it is refused clearly.
    expect(out['remove']).toMatchObject({ ok: false, code: 'keychain_unavailable' });
  });
});
