import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating when absent) a cache file and brings its schema up to date: WAL, foreign keys on, the
 * migrations applied in one transaction. A file written by a newer app version, or one that is not an SQLite
 * database, is refused with AppError('storage') and left as it is.
 */
export function openDatabase(file: string, opts: { migrations?: readonly Migration[] } = {}): Db {
  let db: Db;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
  } catch (e) {
    throw storageError(file, e);
  }
  try {
    // Another process (the browser host, the CLI) may write the same cache: a writer waits up to 5 s for the
    // other's transaction instead of failing with "database is locked". Write transactions are BEGIN IMMEDIATE
    // (`.immediate()`), because a deferred one that upgrades from read to write gets SQLITE_BUSY at once, unwaited.
    db.pragma('busy_timeout = 5000');
    // Before anything writes (WAL mode is written into the file's header): a database of another program is
    // refused as it is, never migrated into a cache.
    refuseForeign(db, file);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable enough in WAL mode: a crash loses at most the last transactions, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    throw storageError(file, e);
  }
}

/** Applies every migration above the file's user_version, all in one transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new AppError(
      'storage',
      `This cache was written by a newer version of Symetrisk Desk (schema ${current}, this version knows ${latest}). Update the app, or remove the cache.`,
      { schemaVersion: current, supported: latest },
    );
  }
  if (!migrations.some((m) => m.version > current)) return current;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated the file since we looked.
    const now = db.pragma('user_version', { simple: true }) as number;
    for (const m of migrations.filter((x) => x.version > now)) {
      db.exec(m.sql);
      // user_version cannot be bound; the value is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  }).immediate();
  return latest;
}

/** A file with no schema version of ours but tables of its own belongs to another program. */
function refuseForeign(db: Db, file: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) !== 0) return;
  const objects = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
  if (objects.n > 0) {
    throw new AppError('storage', 'The cache file is not a Symetrisk Desk database (it belongs to another program). It was left as it is.', {
      file: path.basename(file),
      cause: 'foreign_database',
    });
  }
}

function storageError(file: string, e: unknown): AppError {
  const code = (e as { code?: unknown } | null)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  const reason =
    code === 'SQLITE_NOTADB' || /not a database/i.test(msg)
      ? 'The cache file is not a Symetrisk Desk database (it may be damaged).'
      : code === 'SQLITE_FULL'
        ? 'The disk is full.'
        : code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS'
          ? 'The cache file cannot be written (a read-only or missing folder).'
          : 'The cache file could not be opened.';
  return new AppError('storage', reason, { file: path.basename(file), cause: typeof code === 'string' ? code : msg.slice(0, 200) });
}

export { LATEST_VERSION };
