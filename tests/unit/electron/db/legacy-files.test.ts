/**
 * Files written by the release before the single SQLite layer (tests/fixtures/db/legacy, made by its generate.ts
 * from that release's own code): desk.sqlite at user_version 1 and caches at 1, 2 and 3 record their schema the way
 * the new runner reads it, so they open and upgrade with every stored value kept, a crashed cache's WAL included.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../../electron/db/cache';
import { DESK_SCHEMA, LATEST_VERSION } from '../../../../electron/db/migrations';
import { openAppDb } from '../../../../electron/services/connections/app-db';
import { makeApp } from '../services/connections/helpers';
import { dump, useTempDir, version } from './helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/db/legacy');
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as {
  files: string[];
  userVersion: Record<string, number>;
  crashed: { walOnlyFollow: string; unreadAfter: number };
};
const tmp = useTempDir('desk-legacy-');

/** Unpacks a fixture (with its -wal and -shm when it has them) as `file`, mode 0644 as the old code left it. */
function unpack(name: string, file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const f of manifest.files.filter((f) => f === name || f.startsWith(`${name}-`))) {
    const target = file + f.slice(name.length);
    fs.writeFileSync(target, zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, `${f}.gz`))), { mode: 0o644 });
    fs.chmodSync(target, 0o644);
  }
  return file;
}

/** What the old file holds, read by plain SQLite from a copy of its own. */
function contents(name: string): { version: number; tables: Record<string, unknown[]> } {
  const db = new Database(unpack(name, path.join(tmp(), 'before', name)));
  try {
    return { version: version(db), tables: dump(db) };
  } finally {
    db.close();
  }
}

/** Every table and row the old file had, each with the columns it had: none lost or changed. */
function expectKept(before: Record<string, unknown[]>, after: Record<string, unknown[]>): void {
  for (const [table, rows] of Object.entries(before)) {
    expect(after[table], table).toHaveLength(rows.length);
    after[table]!.forEach((row, i) => {
      const old = rows[i] as Record<string, unknown>;
      const now = Object.fromEntries(Object.keys(old).map((k) => [k, (row as Record<string, unknown>)[k]]));
      expect(now, `${table} row ${i}`).toEqual(old);
    });
  }
}

describe('files written by the previous release', () => {
  it('desk.sqlite (user_version 1) upgrades to the current schema with its profiles and settings kept, made private', () => {
    const before = contents('desk.sqlite');
    expect(before.version).toBe(manifest.userVersion['desk.sqlite']);
    const file = unpack('desk.sqlite', path.join(tmp(), 'data', 'desk.sqlite'));
    const db = openAppDb(path.dirname(file));
    try {
      expect(version(db)).toBe(DESK_SCHEMA.migrations.length);
      const after = dump(db);
      expect(after['settings']).toEqual(before.tables['settings']);
      // Later migrations add columns; every value the old release stored is there unchanged.
      expect(after['profiles']!.map((p) => Object.fromEntries(Object.keys(before.tables['profiles']![0] as object).map((k) => [k, (p as Record<string, unknown>)[k]])))).toEqual(before.tables['profiles']);
      expect(before.tables['profiles']).toHaveLength(2);
    } finally {
      db.close();
    }
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each(['cache-v1.sqlite', 'cache-v2.sqlite', 'cache-v3.sqlite'])('%s upgrades to the current schema with every stored value kept', (name) => {
    const before = contents(name);
    expect(before.version).toBe(manifest.userVersion[name]);
    expect(before.tables['snapshots']!.length).toBeGreaterThan(10);
    const cache = openCache('demo', unpack(name, path.join(tmp(), 'data', 'cache', 'demo.sqlite')));
    try {
      expect(version(cache.db)).toBe(LATEST_VERSION);
      expectKept(before.tables, dump(cache.db));
      expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(cache.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      cache.close();
    }
  });

  it('a cache whose process was killed opens with the writes still in its WAL', () => {
    const clean = contents('cache-v3.sqlite');
    const cache = openCache('demo', unpack('cache-v3-crashed.sqlite', path.join(tmp(), 'data', 'cache', 'demo.sqlite')));
    try {
      expect(cache.followed.all().map((f) => f.orgNr)).toContain(manifest.crashed.walOnlyFollow);
      expect(cache.notifications.unread()).toBe(manifest.crashed.unreadAfter);
      // The run the crash left running is closed as failed; the one before it is as it was.
      const runs = cache.db.prepare('SELECT outcome FROM sync_runs ORDER BY id').all();
      expect(runs).toEqual([{ outcome: 'ok' }, { outcome: 'failed' }]);
      const after = dump(cache.db);
      // Every value of the old columns as it was (later migrations add columns, e.g. access_requests.state).
      expectKept(Object.fromEntries(['snapshots', 'access_requests', 'thresholds', 'covenants'].map((t) => [t, clean.tables[t]!])), after);
      // Borrowers as they were, but for row_version, which the notifications marked read in the WAL moved on.
      const noVersion = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), row_version: null }));
      expect(noVersion(after['relationships']!)).toEqual(noVersion(clean.tables['relationships']!));
    } finally {
      cache.close();
    }
  });

  it('the whole app opens the old data folder offline: both profiles, and the Demo portfolio from its cache', async () => {
    const dir = path.join(tmp(), 'app');
    unpack('desk.sqlite', path.join(dir, 'desk.sqlite'));
    unpack('cache-v3.sqlite', path.join(dir, 'cache', 'demo.sqlite'));
    const rows = contents('cache-v3.sqlite').tables['relationships']!.length;
    const app = await makeApp({ dir });
    try {
      const profiles = await app.services.handlers['connections:list'](undefined as never, { host: 'test' });
      expect(profiles.map((p) => p.id).sort()).toEqual(['demo', 'sparebanken-test']);
      const list = await app.services.handlers['portfolio:list']({ profileId: 'demo' }, { host: 'test' });
      expect(list).toHaveLength(rows);
      expect(app.services.settings.get()).toMatchObject({ staleAfterDays: 60, language: 'en' });
    } finally {
      await app.close();
    }
  });
});
