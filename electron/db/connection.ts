/**
 * The one opener of SQLite files, for desk.sqlite, every profile cache and the cache-writer worker's own connection:
 * one set of pragmas, the file created private to the user, foreign and newer files refused before anything is
 * written, then the one migration runner (migrate.ts). Also the one place that deletes or sets aside a database's
 * files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { fileLabel, migrate, MigrationFailure, refuseUnknown, type Schema } from './migrate';
import { CACHE_SCHEMA, LATEST_VERSION } from './migrations';

export type Db = Database.Database;

/** A database is its file and, while in use, these beside it (WAL, shared memory, a rollback journal). */
export const DATABASE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

/** Folders the opener creates, and database files: the user's alone (POSIX; Windows keeps the folder's ACL). */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * Opens (creating when absent) a database file of the given schema (a profile's cache by default) and brings it
 * up to date. A file of another program, a damaged one, or one written by a newer app version is refused with
 * AppError('storage', …, { reason }) and left exactly as it is; a failed migration step is rolled back.
 */
export function openDatabase(file: string, schema: Schema = CACHE_SCHEMA): Db {
  let db: Db;
  try {
    if (file !== ':memory:') createPrivate(file);
    db = new Database(file);
  } catch (e) {
    throw storageError(schema, file, e);
  }
  try {
    // Another process (the browser host, the CLI) may write the same file: a writer waits up to 5 s for the
    // other's transaction instead of failing with "database is locked". Write transactions are BEGIN IMMEDIATE
    // (`.immediate()`), because a deferred one that upgrades from read to write gets SQLITE_BUSY at once, unwaited.
    db.pragma('busy_timeout = 5000');
    // Before anything writes (WAL mode is written into the file's header).
    refuseUnknown(db, schema, file);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable enough in WAL mode: a crash loses at most the last transactions, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, schema, file);
    return db;
  } catch (e) {
    db.close();
    throw storageError(schema, file, e);
  }
}

/**
 * Deletes a database's files (its WAL, shared-memory and journal files too); its connections must be closed
 * first. Returns whether there was anything to delete.
 */
export function deleteDatabaseFiles(file: string): boolean {
  let removed = false;
  for (const suffix of DATABASE_FILE_SUFFIXES) {
    if (fs.existsSync(file + suffix)) {
      fs.rmSync(file + suffix, { force: true });
      removed = true;
    }
  }
  return removed;
}

/**
 * Renames a database's files to `keptName` (plus their suffixes) in the same folder, never overwriting: the next
 * open starts an empty database, and the old one stays for support. Its connections must be closed first.
 * Returns false when there was no database.
 */
export function setAsideDatabaseFiles(file: string, keptName: string): boolean {
  if (!fs.existsSync(file)) return false;
  const dir = path.dirname(file);
  for (const suffix of DATABASE_FILE_SUFFIXES) {
    if (fs.existsSync(path.join(dir, keptName + suffix))) throw new Error(`${keptName}${suffix} exists already`);
  }
  for (const suffix of DATABASE_FILE_SUFFIXES) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(dir, keptName + suffix));
  }
  return true;
}

/**
 * The folder (0700 when created here) and an empty database file (0600) before SQLite opens it: SQLite gives the
 * -wal and -shm files it creates the database file's permissions. Files of earlier versions, created with the
 * umask's 0644, lose their group and other bits; nothing gains a permission it did not have.
 */
function createPrivate(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
  if (process.platform === 'win32') return;
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const uid = process.getuid?.();
  for (const suffix of DATABASE_FILE_SUFFIXES) {
    let st: fs.Stats;
    try {
      st = fs.statSync(file + suffix);
    } catch {
      continue;
    }
    if ((st.mode & 0o077) !== 0 && st.uid === uid) fs.chmodSync(file + suffix, st.mode & 0o700);
  }
}

/** Every failure to open or migrate as one storage error: a reason key, the file's name, the values the words need. */
function storageError(schema: Schema, file: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const step = e instanceof MigrationFailure ? e.version : null;
  const inner = e instanceof MigrationFailure ? e.cause : e;
  const code = (inner as { code?: unknown } | null)?.code;
  const msg = inner instanceof Error ? inner.message : String(inner);
  const label = fileLabel(schema, file);
  const details = { database: schema.name, file: path.basename(file), cause: typeof code === 'string' ? code : msg.slice(0, 200) };
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg)) {
    return new AppError('storage', `${label} is not a Symetrisk Desk database (it may be damaged). It was left as it is.`, { reason: 'not_a_database', ...details });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('storage', `${label} could not be written: the disk is full. Nothing already saved was lost.`, { reason: 'disk_full', ...details });
  }
  if (typeof code === 'string' && /^(SQLITE_READONLY|SQLITE_CANTOPEN|EACCES|EPERM|EROFS|ENOTDIR|ENOENT)/.test(code)) {
    return new AppError('storage', `${label} cannot be written (a read-only or missing folder, or no permission).`, { reason: 'read_only', ...details });
  }
  if (step !== null) {
    return new AppError('storage', `${label} could not be brought up to date (schema step ${step}); it was left as it was before that step.`, {
      reason: 'migration_failed',
      schemaVersion: step,
      ...details,
    });
  }
  return new AppError('storage', `${label} could not be opened.`, { reason: 'open_failed', ...details });
}

export { LATEST_VERSION };
