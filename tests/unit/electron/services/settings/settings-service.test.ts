import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../electron/core/dispatch';
import { DEFAULT_SETTINGS, osUserName } from '../../../../../electron/services/settings/settings-service';
import { makeApp, tempDir, type TestApp } from '../connections/helpers';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe('settings', () => {
  it('starts with the defaults and the Demo profile active', async () => {
    const a = await makeApp();
    apps.push(a);
    expect(a.services.settings.get()).toEqual({ ...DEFAULT_SETTINGS, analystName: osUserName() });
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

  it('keeps the classification label trimmed, goes back to the default on null, and refuses a bad one with its reason', async () => {
    const a = await makeApp();
    apps.push(a);
    const dispatch = createDispatcher(a.services.handlers, { validateOutput: true });
    expect(a.services.settings.get().classification).toBeNull();
    const set = await dispatch('settings:update', { classification: '  Fortrolig – underlagt taushetsplikt  ' }, { host: 'test' });
    expect(set).toMatchObject({ ok: true, value: { classification: 'Fortrolig – underlagt taushetsplikt' } });

    const tooLong = await dispatch('settings:update', { classification: 'x'.repeat(61), language: 'en' }, { host: 'test' });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('61 characters'), details: { field: 'classification', reason: 'classification_too_long', max: 60, length: 61 } },
    });
    const twoLines = await dispatch('settings:update', { classification: 'Fortrolig\nIntern' }, { host: 'test' });
    expect(twoLines).toMatchObject({ ok: false, error: { details: { reason: 'classification_control_characters' } } });
    expect(await dispatch('settings:update', { classification: '  ' }, { host: 'test' })).toMatchObject({ ok: false, error: { details: { reason: 'classification_empty' } } });
    // Nothing of a refused patch is stored, not even its valid keys.
    expect(a.services.settings.get()).toMatchObject({ classification: 'Fortrolig – underlagt taushetsplikt', language: 'nb' });

    expect(await dispatch('settings:update', { classification: null }, { host: 'test' })).toMatchObject({ ok: true, value: { classification: null } });
  });

  it('signs as the OS user until the analyst types a name; keeps it trimmed, refuses a bad one with its reason, and an empty one goes back', async () => {
    const dir = tempDir();
    const a = await makeApp({ dir });
    const dispatch = createDispatcher(a.services.handlers, { validateOutput: true });
    expect(osUserName()).toBe(os.userInfo().username);
    expect(a.services.settings.get().analystName).toBe(osUserName());
    expect(await dispatch('settings:update', { analystName: '  Kari Nordmann ' }, { host: 'test' })).toMatchObject({ ok: true, value: { analystName: 'Kari Nordmann' } });

    const twoLines = await dispatch('settings:update', { analystName: 'Kari\nNordmann', language: 'en' }, { host: 'test' });
    expect(twoLines).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'analystName', reason: 'line_break', codePoint: 'U+000A' } } });
    const tooLong = await dispatch('settings:update', { analystName: 'K'.repeat(81) }, { host: 'test' });
    expect(tooLong).toMatchObject({ ok: false, error: { details: { field: 'analystName', reason: 'text_too_long', max: 80, length: 81 } } });
    const bidi = await dispatch('settings:update', { analystName: 'Kari\u202eNordmann' }, { host: 'test' });
    expect(bidi).toMatchObject({ ok: false, error: { details: { reason: 'bidi_control' } } });
    // Nothing of a refused patch is stored, and the name is kept across a restart.
    await a.close();
    const b = await makeApp({ dir });
    apps.push(b);
    expect(b.services.settings.get()).toMatchObject({ analystName: 'Kari Nordmann', language: 'nb' });
    expect(b.services.settings.update({ analystName: '  ' }).analystName).toBe(osUserName());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to the default for a stored value it cannot read', async () => {
    const dir = tempDir();
    const a = await makeApp({ dir });
    await a.close();
    const db = new Database(path.join(dir, 'desk.sqlite'));
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?), (?, ?), (?, ?), (?, ?)').run('theme', '"purple"', 'language', '{broken', 'classification', '"two\\nlines"', 'analystName', '"Kari\\nNordmann"');
    db.close();
    const b = await makeApp({ dir });
    apps.push(b);
    expect(b.services.settings.get()).toMatchObject({ theme: 'system', language: 'nb', classification: null, analystName: osUserName() });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
