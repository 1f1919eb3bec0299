/**
 * The team database's migration runner, on the principles of the cache's (electron/db/connection.ts): one file
 * per version, each applied in its own transaction together with its version record, under an advisory lock so two
 * starting sync jobs cannot apply the same step twice, and a database newer than this code refused, never misread.
 * The version record is desk.schema_version, one row per applied version.
 */
import type pg from 'pg';
import { AppError } from '../../../shared/contract';
import { LOCKS, LOCK_NAMESPACE } from './locks';
import { TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION, type TeamMigration } from './migrations';

/** What `team sync` creates before the first migration: the schema and its version record. */
const BOOTSTRAP = `
CREATE SCHEMA IF NOT EXISTS desk;
CREATE TABLE IF NOT EXISTS desk.schema_version (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  app_version text NOT NULL
);`;

/** The version of the team schema in the database: 0 when it has none (no schema desk, or no version yet). */
export async function teamSchemaVersion(db: pg.ClientBase | pg.Pool): Promise<number> {
  const present = await db.query<{ t: string | null }>("SELECT to_regclass('desk.schema_version')::text AS t");
  if (!present.rows[0]?.t) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM desk.schema_version');
  return r.rows[0]?.v ?? 0;
}

/** Refuses a team database whose schema is newer than this code knows (AppError storage, reason team_schema_newer). */
export function assertKnownSchema(found: number, latest: number = TEAM_SCHEMA_VERSION): void {
  if (found > latest) {
    throw new AppError(
      'storage',
      `The team database was set up by a newer version of Symetrisk Desk (schema ${found}, this version knows ${latest}). Update this program.`,
      { reason: 'team_schema_newer', schemaVersion: found, supported: latest },
    );
  }
}

/**
 * Brings the team database up to date (as the role that owns schema desk: the sync job's). Returns the version
 * found and the version now. Each migration is its own transaction: a failure leaves the database at the last
 * version that was fully applied.
 */
export async function migrateTeamDatabase(
  client: pg.ClientBase,
  opts: { appVersion: string; migrations?: readonly TeamMigration[] },
): Promise<{ from: number; to: number }> {
  const migrations = opts.migrations ?? TEAM_MIGRATIONS;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`team migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = await teamSchemaVersion(client);
  assertKnownSchema(from, latest);
  const step = async (body: () => Promise<void>) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCKS.migrations]);
      await body();
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  };
  if (from === 0) await step(() => client.query(BOOTSTRAP).then(() => undefined));
  for (const m of migrations) {
    if (m.version <= from) continue;
    await step(async () => {
      // Under the lock: another job may have applied this one since we looked.
      const now = await teamSchemaVersion(client);
      assertKnownSchema(now, latest);
      if (now >= m.version) return;
      await client.query(m.sql);
      await client.query('INSERT INTO desk.schema_version (version, app_version) VALUES ($1, $2)', [m.version, opts.appVersion]);
    });
  }
  return { from, to: await teamSchemaVersion(client) };
}
