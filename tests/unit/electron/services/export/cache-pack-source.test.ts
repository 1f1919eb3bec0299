/** The pack's facts come from what is stored: the bank as /self last described it, the data as of the last sync. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../../electron/db/cache';
import type { StoredProfile } from '../../../../../electron/services/connections/profile-store';
import { cachePackSource } from '../../../../../electron/services/export/cache-pack-source';

const PROFILE: StoredProfile = {
  id: 'vest',
  name: 'Vest',
  environment: 'production',
  tokenUrl: 'https://symetrisk.auth.eu-central-1.amazoncognito.com/oauth2/token',
  apiBaseUrl: 'https://api.symetrisk.com/api/v1',
  clientId: 'c',
  scopes: [],
  bankName: 'Sparebanken Vest',
  bankOrgNr: '987654321',
  bankCheckedAt: '2026-02-01T10:00:00.000Z',
  databaseUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const TOTALS = { requests: 1, retries: 0, borrowersSynced: 0, borrowersFailed: 0, newSnapshots: 0, newNotifications: 0, message: null, errors: [] };

let dir: string | null = null;
let cache: Cache | null = null;
afterEach(() => {
  cache?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  cache = null;
  dir = null;
});

describe('cachePackSource', () => {
  it('names the bank from the profile\'s cached /self facts and dates the data by the last run that synced', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pack-source-'));
    cache = openCache('vest', path.join(dir, 'vest.sqlite'));
    const ok = cache.syncRuns.start('2026-02-01T10:00:00.000Z');
    cache.syncRuns.finish(ok, '2026-02-01T10:05:00.000Z', { ...TOTALS, outcome: 'ok' });
    // A later attempt refused for wrong credentials fetched nothing: the data are still as of the run before.
    const failed = cache.syncRuns.start('2026-02-03T09:00:00.000Z');
    cache.syncRuns.finish(failed, '2026-02-03T09:00:01.000Z', { ...TOTALS, outcome: 'failed' });
    const c = cache;
    const source = await cachePackSource({ openCache: () => c, profile: () => PROFILE })('vest', undefined);
    expect(source.bank).toEqual({ name: 'Sparebanken Vest', orgNr: '987654321' });
    expect(source.dataAsOf?.toISOString()).toBe('2026-02-01T10:05:00.000Z');
    const unknown = await cachePackSource({ openCache: () => c, profile: () => ({ ...PROFILE, bankName: null, bankOrgNr: null }) })('vest', undefined);
    expect(unknown.bank).toBeNull();
  });
});
