import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../electron/core/dispatch';
import { DEFAULT_SETTINGS } from '../../../../../electron/services/settings/settings-service';
import { makeApp, tempDir, type TestApp } from '../connections/helpers';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe('settings', () => {
  it('starts with the defaults and the Demo profile active', async () => {
    const a = await makeApp();
    apps.push(a);
    expect(a.services.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('updates some keys, keeps the rest, and persists across restarts', async () => {
    const dir = tempDir();
    const a = await makeApp({ dir });
    const dispatch = createDispatcher(a.services.handlers, { validateOutput: true });
    const r = await dispatch('settings:update', { language: 'en', portfolioColumns: ['name', 'ebitda'] }, { host: 'test' });
    expect(r).toMatchObject({ ok: true, value: { language: 'en', theme: 'system', portfolioColumns: ['name', 'ebitda'] } });
    await a.close();
    const b = await makeApp({ dir });
    apps.push(b);
    expect(b.services.settings.get()).toMatchObject({ language: 'en', portfolioColumns: ['name', 'ebitda'], amountFormat: 'nok' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown active profile and bad values', async () => {
    const a = await makeApp();
    apps.push(a);
    expect(() => a.services.settings.update({ activeProfileId: 'nope' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    const dispatch = createDispatcher(a.services.handlers);
    expect(await dispatch('settings:update', { staleAfterDays: 0 }, { host: 'test' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('settings:update', { colour: 'red' }, { host: 'test' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('falls back to the default for a stored value it cannot read', async () => {
    const dir = tempDir();
    const a = await makeApp({ dir });
    await a.close();
    const db = new Database(path.join(dir, 'desk.sqlite'));
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?), (?, ?)').run('theme', '"purple"', 'language', '{broken');
    db.close();
    const b = await makeApp({ dir });
    apps.push(b);
    expect(b.services.settings.get()).toMatchObject({ theme: 'system', language: 'nb' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
