import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/connection';
import { latestVersion, migrate, type Migration, type Schema } from '../../../../electron/db/migrate';
import { AppError } from '../../../../shared/contract';
import { objects, useTempDir, version } from './helpers';

const tmp = useTempDir();

const parents: Migration = {
  version: 1,
  sql: `CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
        CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id) ON DELETE CASCADE) STRICT;`,
};
const schema = (...migrations: Migration[]): Schema => ({ name: 'cache', migrations });

describe('the migration runner', () => {
  it('runs each step in its own transaction: a failing step is rolled back, the steps before it stay', () => {
    const file = path.join(tmp(), 'a.sqlite');
    const broken: Migration = { version: 2, sql: 'CREATE TABLE extra (x INTEGER) STRICT; THIS IS NOT SQL;' };
    let caught: unknown;
    try {
      openDatabase(file, schema(parents, broken));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).details).toMatchObject({ reason: 'migration_failed', schemaVersion: 2, file: 'a.sqlite' });
    const db = new Database(file, { readonly: true });
    expect(version(db)).toBe(1);
    expect(objects(db, 'table')).toEqual(['children', 'parents']);
    db.close();
  });

  it('runs a step given as code, and no step a file already has', () => {
    const db = new Database(':memory:');
    const seen: number[] = [];
    const up: Migration = { version: 2, up: (d) => void d.prepare("INSERT INTO parents (name) VALUES ('from code')").run() };
    expect(migrate(db, schema(parents, up))).toEqual({ from: 0, to: 2 });
    expect(db.prepare('SELECT name FROM parents').all()).toEqual([{ name: 'from code' }]);
    const third: Migration = { version: 3, up: () => seen.push(3) };
    db.pragma('user_version = 3');
    expect(migrate(db, schema(parents, up, third))).toEqual({ from: 3, to: 3 });
    expect(seen).toEqual([]);
    db.close();
  });

  it('rebuilds a referenced table with foreign keys off when the step says so, its children kept', () => {
    const file = path.join(tmp(), 'r.sqlite');
    const db = openDatabase(file, schema(parents));
    db.exec("INSERT INTO parents (id, name) VALUES (1, 'a'); INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 1);");
    db.close();
    const rebuild = `CREATE TABLE parents_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT) STRICT;
      INSERT INTO parents_new (id, name) SELECT id, name FROM parents;
      DROP TABLE parents;
      ALTER TABLE parents_new RENAME TO parents;`;
    // With foreign keys on, DROP TABLE deletes the parents first, and the cascade takes every child with them.
    const careless = openDatabase(path.join(tmp(), 'copy.sqlite'), schema(parents));
    careless.exec("INSERT INTO parents (id, name) VALUES (1, 'a'); INSERT INTO children (id, parent_id) VALUES (10, 1);");
    careless.close();
    const lost = openDatabase(path.join(tmp(), 'copy.sqlite'), schema(parents, { version: 2, sql: rebuild }));
    expect((lost.prepare('SELECT COUNT(*) AS n FROM children').get() as { n: number }).n).toBe(0);
    lost.close();

    const upgraded = openDatabase(file, schema(parents, { version: 2, sql: rebuild, foreignKeysOff: true }));
    expect(upgraded.prepare('SELECT id FROM children ORDER BY id').all()).toEqual([{ id: 10 }, { id: 11 }]);
    expect(upgraded.pragma('foreign_keys', { simple: true })).toBe(1);
    upgraded.close();
  });

  it('refuses to commit a foreign-keys-off step that leaves a broken reference', () => {
    const file = path.join(tmp(), 'b.sqlite');
    const db = openDatabase(file, schema(parents));
    db.exec("INSERT INTO parents (id, name) VALUES (1, 'a'); INSERT INTO children (id, parent_id) VALUES (10, 1);");
    db.close();
    const breaks: Migration = { version: 2, sql: 'DELETE FROM parents;', foreignKeysOff: true };
    expect(() => openDatabase(file, schema(parents, breaks))).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'migration_failed' }) }));
    const after = openDatabase(file, schema(parents));
    expect(version(after)).toBe(1);
    expect(after.prepare('SELECT COUNT(*) AS n FROM parents').get()).toEqual({ n: 1 });
    after.close();
  });

  it('wants steps numbered 1, 2, 3 … each with SQL or code', () => {
    expect(() => latestVersion(schema(parents, { version: 3, sql: '' }))).toThrow(/expected 2/);
    expect(() => latestVersion(schema({ version: 1 }))).toThrow(/exactly one of sql and up/);
    expect(latestVersion(schema())).toBe(0);
  });

  it('leaves a file newer than the code untouched when called directly', () => {
    const file = path.join(tmp(), 'n.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 9');
    expect(() => migrate(db, schema(parents), file)).toThrow(expect.objectContaining({ code: 'storage', details: expect.objectContaining({ reason: 'newer_schema' }) }));
    expect(objects(db, 'table')).toEqual([]);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
