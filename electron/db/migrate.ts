/**
 * The one migration runner, for desk.sqlite and every profile cache (Signal Desktop's model,
 * ts/sql/migrations/index.node.ts): numbered steps, one file per schema version, the file's version kept in
 * `PRAGMA user_version`, each step in its own transaction together with its version bump, and a file newer than
 * the code refused before anything is written. How to add a step: docs/architecture.md, "Adding a migration".
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';

type Db = Database.Database;

/**
 * One schema step: what takes the file from `version - 1` to `version`. A step is a module exporting `version` and
 * `sql` (or `up` when SQL alone cannot do it); released steps are never edited.
 */
export interface Migration {
  readonly version: number;
  readonly sql?: string;
  readonly up?: (db: Db) => void;
  /**
   * Set on a step that rebuilds a table other tables reference (SQLite's "create new, copy, drop old, rename"):
   * with foreign keys on, dropping the old table would cascade into its children. The step then runs with them off
   * and commits only when `PRAGMA foreign_key_check` finds nothing.
   */
  readonly foreignKeysOff?: boolean;
}

/** The kind of database a file is: its migrations, and how messages name it. */
export interface Schema {
  /** "cache" or "settings": the word messages and `details.database` use. */
  readonly name: 'cache' | 'settings';
  readonly migrations: readonly Migration[];
}

/** The version a schema's newest step leaves a file at; throws when the steps are not numbered 1, 2, 3 ... */
export function latestVersion(schema: Schema): number {
  schema.migrations.forEach((m, i) => {
    // A programming error, caught by every test that opens a database.
    if (m.version !== i + 1) throw new Error(`${schema.name} migration #${i + 1} has version ${m.version}, expected ${i + 1}`);
    if ((m.sql === undefined) === (m.up === undefined)) throw new Error(`${schema.name} migration ${m.version} needs exactly one of sql and up`);
  });
  return schema.migrations.length;
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** What the messages call the file: "The cache file demo.sqlite", "The settings file desk.sqlite". */
export function fileLabel(schema: Schema, file: string): string {
  return `The ${schema.name} file ${path.basename(file)}`;
}

/**
 * Refuses, before anything writes to it, a file this code must not touch: one of another program (tables but no
 * schema version of ours) or one written by a newer version of the app. Both are left exactly as they are.
 */
export function refuseUnknown(db: Db, schema: Schema, file: string): void {
  const found = userVersion(db);
  const latest = latestVersion(schema);
  if (found > latest) throw newerSchema(schema, file, found, latest);
  if (found === 0) {
    const objects = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (objects.n > 0) {
      throw new AppError('storage', `${fileLabel(schema, file)} is not a Symetrisk Desk database (it belongs to another program). It was left as it is.`, {
        reason: 'foreign_database',
        database: schema.name,
        file: path.basename(file),
      });
    }
  }
}

/**
 * Applies every step above the file's user_version, each in its own write transaction (BEGIN IMMEDIATE) with its
 * version bump, so a failed step leaves the file at the version before it. Returns the versions before and after.
 */
export function migrate(db: Db, schema: Schema, file = ':memory:'): { from: number; to: number } {
  const latest = latestVersion(schema);
  const from = userVersion(db);
  if (from > latest) throw newerSchema(schema, file, from, latest);
  for (const m of schema.migrations) {
    if (m.version <= from) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: switched around it.
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Read again under the write lock: another process (the CLI, a second window) may have got here first.
        const now = userVersion(db);
        if (now > latest) throw newerSchema(schema, file, now, latest);
        if (now >= m.version) return;
        if (m.sql !== undefined) db.exec(m.sql);
        else m.up!(db);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string }[];
          if (broken.length) throw new Error(`migration ${m.version} left ${broken.length} rows with a broken reference (first in ${broken[0]!.table})`);
        }
        // user_version takes no bound parameter; the value is our own integer.
        db.pragma(`user_version = ${Math.trunc(m.version)}`);
      }).immediate();
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new MigrationFailure(m.version, e);
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: latest };
}

/** A step that threw: its transaction was rolled back. The opener words it as a storage error. */
export class MigrationFailure extends Error {
  constructor(
    readonly version: number,
    override readonly cause: unknown,
  ) {
    super(`migration ${version} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationFailure';
  }
}

function newerSchema(schema: Schema, file: string, found: number, latest: number): AppError {
  return new AppError(
    'storage',
    `${fileLabel(schema, file)} was written by a newer version of Symetrisk Desk (schema ${found}; this version knows up to ${latest}). Update the app; the file was left as it is.`,
    { reason: 'newer_schema', database: schema.name, file: path.basename(file), schemaVersion: found, supported: latest },
  );
}
