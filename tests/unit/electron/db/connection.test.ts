import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { deleteDatabaseFiles, openDatabase, setAsideDatabaseFiles } from '../../../../electron/db/connection';
import { openCache } from '../../../../electron/db/cache';
import { CACHE_SCHEMA, DESK_SCHEMA, LATEST_VERSION } from '../../../../electron/db/migrations';
import { AppError } from '../../../../shared/contract';
import { objects, useTempDir, version } from './helpers';

const tmp = useTempDir();
const posix = process.platform !== 'win32';
const modeOf = (f: string) => fs.statSync(f).mode & 0o777;

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('openDatabase', () => {
  it.each([
    ['a profile cache', CACHE_SCHEMA, 'cache/a.sqlite'],
    ['desk.sqlite', DESK_SCHEMA, 'desk.sqlite'],
  ] as const)('%s: one set of pragmas, every migration, STRICT tables and <table>_by_<column> indexes', (_label, schema, rel) => {
    const db = openDatabase(path.join(tmp(), rel), schema);
    try {
      expect(version(db)).toBe(schema.migrations.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
      expect(tables.length).toBeGreaterThan(1);
      // FTS5's search index (a virtual table) and the shadow tables it keeps itself are SQLite's, not ours.
      const fts = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
      const ours = tables.filter((t) => !fts.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
      for (const t of ours) expect(t.sql, t.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?\s*$/);
      for (const i of objects(db, 'index')) {
        const table = (db.prepare("SELECT tbl_name FROM sqlite_master WHERE name = ?").get(i) as { tbl_name: string }).tbl_name;
        expect(i).toMatch(new RegExp(`^${table}_(unread_)?by_[a-z_]+$`));
      }
    } finally {
      db.close();
    }
  });

  it('reopening applies nothing twice', () => {
    const file = path.join(tmp(), 'a.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(version(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it.runIf(posix)('creates new files private to the user: the folder 0700, the file and its -wal and -shm 0600', () => {
    const file = path.join(tmp(), 'data', 'cache', 'p.sqlite');
    const db = openDatabase(file);
    try {
      db.prepare("INSERT INTO followed (org_nr, source, added_at) VALUES ('923609016', 'typed', 'now')").run();
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(path.join(tmp(), 'data'))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it.runIf(posix)('takes group and other access from a file an earlier version created, and gives nothing new', () => {
    const file = path.join(tmp(), 'old.sqlite');
    openDatabase(file).close();
    fs.chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(modeOf(file)).toBe(0o600);
    // An existing folder is left as it is (the data folder's own permissions are set where it is created).
    fs.chmodSync(tmp(), 0o755);
    openDatabase(file).close();
    expect(modeOf(tmp())).toBe(0o755);
  });

  it('refuses a schema newer than the code with a storage error (newer_schema) and leaves the file byte for byte', () => {
    const file = path.join(tmp(), 'a.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const bytes = fs.readFileSync(file);
    const e = refusal(() => openDatabase(file));
    expect(e.code).toBe('storage');
    expect(e.message).toMatch(/newer version/);
    expect(e.details).toMatchObject({ reason: 'newer_schema', database: 'cache', file: 'a.sqlite', schemaVersion: LATEST_VERSION + 1, supported: LATEST_VERSION });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a newer desk.sqlite before it writes anything, even one in another journal mode', () => {
    const file = path.join(tmp(), 'desk.sqlite');
    const raw = new Database(file);
    raw.exec("CREATE TABLE profiles (id TEXT PRIMARY KEY) STRICT; INSERT INTO profiles VALUES ('x')");
    raw.pragma('user_version = 7');
    raw.close();
    const bytes = fs.readFileSync(file);
    const e = refusal(() => openDatabase(file, DESK_SCHEMA));
    expect(e.details).toMatchObject({ reason: 'newer_schema', database: 'settings', schemaVersion: 7, supported: DESK_SCHEMA.migrations.length });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(tmp())).toEqual(['desk.sqlite']);
  });

  it("refuses another program's database (foreign_database) without touching it", () => {
    const file = path.join(tmp(), 'places.sqlite');
    const raw = new Database(file);
    raw.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')");
    raw.close();
    const bytes = fs.readFileSync(file);
    for (const schema of [CACHE_SCHEMA, DESK_SCHEMA]) {
      const e = refusal(() => openDatabase(file, schema));
      expect(e.details).toMatchObject({ reason: 'foreign_database', file: 'places.sqlite' });
      expect(e.message).toMatch(/another program/);
    }
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not a database (not_a_database) and leaves it as it is', () => {
    const file = path.join(tmp(), 'junk.sqlite');
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    const e = refusal(() => openDatabase(file));
    expect(e.code).toBe('storage');
    expect(e.details).toMatchObject({ reason: 'not_a_database', file: 'junk.sqlite' });
    expect(fs.readFileSync(file, 'utf8')).toBe('this is not sqlite'.repeat(100));
  });

  it('names a folder it cannot create (read_only)', () => {
    const blocker = path.join(tmp(), 'blocker');
    fs.writeFileSync(blocker, 'a file where the folder should be');
    const e = refusal(() => openDatabase(path.join(blocker, 'cache', 'p.sqlite')));
    expect(e.details).toMatchObject({ reason: 'read_only', file: 'p.sqlite' });
  });

  it('closes a run left running by a crash as failed when the cache is opened', () => {
    const file = path.join(tmp(), 'c.sqlite');
    const c = openCache('p', file);
    c.syncRuns.start('2026-01-01T00:00:00.000Z');
    c.close();
    const again = openCache('p', file);
    expect(again.syncRuns.last()?.outcome).toBe('failed');
    again.close();
  });
});

describe('a database’s files', () => {
  function withWal(file: string): Database.Database {
    const db = openDatabase(file);
    db.prepare("INSERT INTO followed (org_nr, source, added_at) VALUES ('923609016', 'typed', 'now')").run();
    return db;
  }

  it('are deleted together (the file, its -wal and -shm), and nothing else in the folder', () => {
    const file = path.join(tmp(), 'p.sqlite');
    withWal(file).close();
    // A crash leaves the WAL and shared-memory files beside the database.
    fs.writeFileSync(`${file}-wal`, '');
    fs.writeFileSync(`${file}-shm`, '');
    fs.writeFileSync(path.join(tmp(), 'q.sqlite'), '');
    expect(deleteDatabaseFiles(file)).toBe(true);
    expect(fs.readdirSync(tmp())).toEqual(['q.sqlite']);
    expect(deleteDatabaseFiles(file)).toBe(false);
  });

  it('are set aside together under a new name, never over another file, and the next open starts empty', () => {
    const file = path.join(tmp(), 'p.sqlite');
    withWal(file).close();
    fs.writeFileSync(`${file}-wal`, 'wal');
    expect(setAsideDatabaseFiles(file, 'p.sqlite.kept')).toBe(true);
    expect(fs.readdirSync(tmp()).sort()).toEqual(['p.sqlite.kept', 'p.sqlite.kept-wal']);
    fs.writeFileSync(file, '');
    expect(() => setAsideDatabaseFiles(file, 'p.sqlite.kept')).toThrow(/exists already/);
    fs.rmSync(file);
    expect(setAsideDatabaseFiles(file, 'p.sqlite.other')).toBe(false);
    const fresh = openDatabase(file);
    expect((fresh.prepare('SELECT COUNT(*) AS n FROM followed').get() as { n: number }).n).toBe(0);
    fresh.close();
  });
});
