import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPES, PRODUCTION } from '../../../../../shared/symetrisk/defaults';
import { createDispatcher } from '../../../../../electron/core/dispatch';
import { makeApp, tempDir, type TestApp } from './helpers';

const apps: TestApp[] = [];
async function app(...args: Parameters<typeof makeApp>): Promise<TestApp> {
  const a = await makeApp(...args);
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

const custom = {
  name: 'Sparebanken Vest',
  environment: 'custom' as const,
  clientId: 'client-1',
  tokenUrl: 'https://auth.test.example/oauth2/token',
  apiBaseUrl: 'https://api.test.example/api/v1/',
  scopes: [SCOPES.read],
  secret: 'shh-very-secret-1',
};

describe('connection profiles', () => {
  it('has the Demo profile from the first start, with a secret and no keychain entry', async () => {
    const a = await app();
    const list = await a.services.connections.list();
    expect(list.map((p) => p.id)).toEqual(['demo']);
    expect(list[0]).toMatchObject({ environment: 'demo', hasSecret: true, name: 'Demo' });
    expect(await a.credentials.get('demo')).toBeNull();
    expect(a.services.settings.get().activeProfileId).toBe('demo');
  });

  it('creates a custom profile with a slug id, the secret in the keychain only', async () => {
    const a = await app();
    const p = await a.services.connections.create(custom);
    expect(p).toMatchObject({ id: 'sparebanken-vest', hasSecret: true, apiBaseUrl: 'https://api.test.example/api/v1', scopes: [SCOPES.read] });
    expect(JSON.stringify(p)).not.toContain(custom.secret);
    expect(await a.credentials.get('sparebanken-vest')).toBe(custom.secret);
    const again = await a.services.connections.create({ ...custom, name: 'SPAREBANKEN vest' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'conflict' });
    const second = await a.services.connections.create({ ...custom, name: 'Sparebanken Vest.' });
    expect(second.id).toBe('sparebanken-vest-2');
    expect(a.events.some((e) => e.event === 'connections:changed')).toBe(true);
  });

  it('uses the public URLs for production and needs no secret to exist', async () => {
    const a = await app();
    const p = await a.services.connections.create({ name: 'Prod', environment: 'production', clientId: 'x', scopes: [SCOPES.read, SCOPES.write], tokenUrl: 'https://evil.example/token' });
    expect(p).toMatchObject({ tokenUrl: PRODUCTION.tokenUrl, apiBaseUrl: PRODUCTION.apiBaseUrl, hasSecret: false });
    await expect(a.services.connections.update({ id: p.id, apiBaseUrl: 'https://other.example' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Custom profile') });
  });

  it.each([
    [{ tokenUrl: undefined }, /both the token URL and the API base URL/],
    [{ tokenUrl: 'http://auth.test.example/token' }, /token URL must use https.*not for auth\.test\.example/],
    [{ apiBaseUrl: 'http://10.0.0.5/api' }, /API base URL must use https/],
    [{ apiBaseUrl: 'https://user:pw@api.example/api' }, /must not contain a user name or password/],
    [{ tokenUrl: 'not a url' }, /token URL is not a valid URL/],
  ])('refuses bad URLs with a specific message (%o)', async (patch, message) => {
    const a = await app();
    await expect(a.services.connections.create({ ...custom, ...patch })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect((await a.services.connections.list()).length).toBe(1);
  });

  it('allows plain http to loopback hosts', async () => {
    const a = await app();
    const p = await a.services.connections.create({ ...custom, tokenUrl: 'http://127.0.0.1:9999/oauth2/token', apiBaseUrl: 'http://localhost:9999/api/v1', secret: undefined });
    expect(p).toMatchObject({ tokenUrl: 'http://127.0.0.1:9999/oauth2/token', hasSecret: false });
  });

  it('refuses non-loopback http through the channel too, before anything is stored', async () => {
    const a = await app();
    const dispatch = createDispatcher(a.services.handlers, { validateOutput: true });
    const r = await dispatch('connections:create', { ...custom, apiBaseUrl: 'http://api.example.com/v1' }, { host: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Plain http is allowed only for this computer') } });
    const bad = await dispatch('connections:create', { ...custom, secret: 'x', extra: 1 }, { host: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('updates a profile: new secret replaces the old, a new client forgets the bank name', async () => {
    const a = await app();
    const p = await a.services.connections.create(custom);
    const u = await a.services.connections.update({ id: p.id, name: 'SV test', secret: 'second-secret', scopes: [SCOPES.read, SCOPES.write, SCOPES.read] });
    expect(u).toMatchObject({ name: 'SV test', scopes: [SCOPES.read, SCOPES.write], hasSecret: true });
    expect(await a.credentials.get(p.id)).toBe('second-secret');
    await expect(a.services.connections.update({ id: 'demo', clientId: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await a.services.connections.update({ id: 'demo', name: 'Sandbox' })).toMatchObject({ id: 'demo', name: 'Sandbox' });
    await expect(a.services.connections.update({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('removes a profile with its keychain entry, and its cache only when asked', async () => {
    const a = await app();
    const keep = await a.services.connections.create(custom);
    const drop = await a.services.connections.create({ ...custom, name: 'Other bank' });
    for (const id of [keep.id, drop.id]) {
      const file = a.services.resolver.cachePath(id);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'cache');
      fs.writeFileSync(file + '-wal', 'wal');
    }
    a.services.settings.update({ activeProfileId: drop.id });

    await a.services.connections.remove(keep.id, false);
    expect(await a.credentials.get(keep.id)).toBeNull();
    expect(fs.existsSync(a.services.resolver.cachePath(keep.id))).toBe(true);

    await a.services.connections.remove(drop.id, true);
    expect(await a.credentials.get(drop.id)).toBeNull();
    expect(fs.existsSync(a.services.resolver.cachePath(drop.id))).toBe(false);
    expect(fs.existsSync(a.services.resolver.cachePath(drop.id) + '-wal')).toBe(false);
    expect(a.services.settings.get().activeProfileId).toBeNull();
    expect((await a.services.connections.list()).map((p) => p.id)).toEqual(['demo']);

    // A new profile never inherits a cache left on disk under the same slug.
    const again = await a.services.connections.create(custom);
    expect(again.id).toBe('sparebanken-vest-2');
    await expect(a.services.connections.remove('demo', true)).rejects.toMatchObject({ code: 'conflict' });
    await expect(a.services.connections.remove('missing', true)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps profiles across restarts and resolves a connection with the secret from the keychain', async () => {
    const dir = tempDir();
    const first = await app({ dir });
    await first.services.connections.create(custom);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await app({ dir, credentials: first.credentials });
    expect((await second.services.connections.list()).map((p) => p.id)).toEqual(['demo', 'sparebanken-vest']);
    expect(await second.services.resolver.resolve('sparebanken-vest')).toEqual({
      profileId: 'sparebanken-vest',
      tokenUrl: custom.tokenUrl,
      apiBaseUrl: 'https://api.test.example/api/v1',
      clientId: 'client-1',
      clientSecret: custom.secret,
      scopes: [SCOPES.read],
    });
    expect(second.services.resolver.cachePath('sparebanken-vest')).toBe(path.join(dir, 'cache', 'sparebanken-vest.sqlite'));
    await second.close();
    apps.splice(apps.indexOf(second), 1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolve names the missing secret and the missing profile', async () => {
    const a = await app();
    await a.services.connections.create({ ...custom, secret: undefined });
    await expect(a.services.resolver.resolve('sparebanken-vest')).rejects.toMatchObject({ code: 'auth_failed', details: { problem: 'no_secret' } });
    await expect(a.services.resolver.resolve('nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a desk.sqlite from a newer version of the app', async () => {
    const dir = tempDir();
    const a = await app({ dir });
    await a.close();
    apps.splice(apps.indexOf(a), 1);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'desk.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    await expect(makeApp({ dir })).rejects.toMatchObject({ code: 'storage', message: expect.stringContaining('newer version') });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
