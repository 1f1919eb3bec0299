/**
 * A small numbered-migration runner for better-sqlite3, tracked with PRAGMA user_version (Signal Desktop's model):
 * each migration runs in its own transaction together with the version bump, and a database written by a newer
 * version of the app is refused rather than silently misread. Written here for the app-level store; the cache can
 * reuse it.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract';

export interface Migration {
  /** 1, 2, 3 ... without gaps; the database's user_version after this migration. */
  version: number;
  up(db: Database.Database): void;
}

/** Brings `db` to the newest version in `migrations`; returns the version it found. */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], label: string): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${label}: migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > latest) {
    throw new AppError(
      'storage',
      `${label} was written by a newer version of Symetrisk Desk (schema ${found}, this version knows ${latest}). Update the app.`,
      { found, latest },
    );
  }
  for (const m of migrations.slice(found)) {
    db.transaction(() => {
      // Under the write lock: another process opening the same folder may have applied this one already.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      // user_version takes no bound parameter; the value is an integer we produced.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return found;
}
