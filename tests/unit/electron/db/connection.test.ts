import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/connection';
import { openCache } from '../../../../electron/db/cache';
import { LATEST_VERSION, MIGRATIONS } from '../../../../electron/db/migrations';
import { AppError } from '../../../../shared/contract';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the file, applies every migration and sets WAL, foreign keys and user_version', () => {
    const db = openDatabase(path.join(dir, 'sub', 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]);
    for (const t of ['relationships', 'followed', 'snapshots', 'notifications', 'access_requests', 'sync_runs', 'thresholds', 'covenants']) {
      const found = tables.find((x) => x.name === t);
      expect(found?.sql).toMatch(/STRICT\s*$/);
    }
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((i) => i.name);
    for (const i of indexes) expect(i).toMatch(/^[a-z_]+_by_[a-z_]+$/);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = path.join(dir, 'a.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a schema newer than the code with a storage error, leaving the file alone', () => {
    const file = path.join(dir, 'a.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrowError(AppError);
    try {
      openDatabase(file);
    } catch (e) {
      expect((e as AppError).code).toBe('storage');
      expect((e as AppError).message).toMatch(/newer version/);
    }
  });

  it('refuses a file that is not a database', () => {
    const file = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    try {
      openDatabase(file);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('storage');
    }
  });

  it('rolls a failing migration back as a whole', () => {
    const file = path.join(dir, 'a.sqlite');
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, sql: 'CREATE TABLE extra (x INTEGER) STRICT; THIS IS NOT SQL;' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('closes a run left running by a crash as failed when the cache is opened', () => {
    const file = path.join(dir, 'c.sqlite');
    const c = openCache('p', file);
    c.syncRuns.start('2026-01-01T00:00:00.000Z');
    c.close();
    const again = openCache('p', file);
    expect(again.syncRuns.last()?.outcome).toBe('failed');
    again.close();
  });
});
