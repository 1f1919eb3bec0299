import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/contract';
import { TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from '../../../electron/services/team/migrations';
import { migrateTeamDatabase, teamSchemaVersion } from '../../../electron/services/team/schema';
import { startPostgres, type PgCluster } from './postgres';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(() => cluster?.stop());

async function connect(database: string, role = cluster.writer): Promise<pg.Client> {
  const c = new pg.Client(cluster.config(database, role));
  await c.connect();
  return c;
}

describe('team schema migrations', () => {
  it('applies every migration once, records the version, and a second run changes nothing', async () => {
    const db = await cluster.createDatabase();
    const c = await connect(db);
    try {
      expect(await teamSchemaVersion(c)).toBe(0);
      expect(await migrateTeamDatabase(c, { appVersion: 'test' })).toEqual({ from: 0, to: TEAM_SCHEMA_VERSION });
      expect(await migrateTeamDatabase(c, { appVersion: 'test' })).toEqual({ from: TEAM_SCHEMA_VERSION, to: TEAM_SCHEMA_VERSION });
      const rows = await c.query('SELECT version, app_version FROM desk.schema_version ORDER BY version');
      expect(rows.rows).toEqual(TEAM_MIGRATIONS.map((m) => ({ version: m.version, app_version: 'test' })));
      const tables = await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'desk' ORDER BY 1");
      expect(tables.rows.map((r) => r.t)).toEqual(['bank', 'followed', 'notifications', 'relationships', 'schema_version', 'snapshots', 'sync_runs']);
    } finally {
      await c.end();
    }
  });

  it('two jobs starting at once apply each migration exactly once', async () => {
    const db = await cluster.createDatabase();
    const [a, b] = await Promise.all([connect(db), connect(db)]);
    try {
      const results = await Promise.all([migrateTeamDatabase(a, { appVersion: 'a' }), migrateTeamDatabase(b, { appVersion: 'b' })]);
      for (const r of results) expect(r.to).toBe(TEAM_SCHEMA_VERSION);
      expect((await a.query('SELECT count(*)::int AS n FROM desk.schema_version')).rows[0].n).toBe(TEAM_MIGRATIONS.length);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('a migration that fails is rolled back whole and the database stays at the version before', async () => {
    const db = await cluster.createDatabase();
    const c = await connect(db);
    try {
      const broken = [...TEAM_MIGRATIONS, { version: TEAM_MIGRATIONS.length + 1, sql: 'CREATE TABLE desk.half_done (x int); SELECT 1 / 0;' }];
      await expect(migrateTeamDatabase(c, { appVersion: 'test', migrations: broken })).rejects.toThrow(/division by zero/);
      expect(await teamSchemaVersion(c)).toBe(TEAM_SCHEMA_VERSION);
      expect((await c.query("SELECT to_regclass('desk.half_done') AS t")).rows[0].t).toBeNull();
    } finally {
      await c.end();
    }
  });

  it('refuses a database set up by a newer version, and leaves it as it is', async () => {
    const db = await cluster.createDatabase();
    const c = await connect(db);
    try {
      await migrateTeamDatabase(c, { appVersion: 'test' });
      await c.query("INSERT INTO desk.schema_version (version, app_version) VALUES (99, 'future')");
      const e = await migrateTeamDatabase(c, { appVersion: 'test' }).catch((x: unknown) => x);
      expect(isAppError(e) && e.code).toBe('storage');
      expect(isAppError(e) && e.details).toMatchObject({ reason: 'team_schema_newer', schemaVersion: 99, supported: TEAM_SCHEMA_VERSION });
      expect(await teamSchemaVersion(c)).toBe(99);
    } finally {
      await c.end();
    }
  });
});

describe('roles and grants', () => {
  it('the read-only role reads every table and can change nothing', async () => {
    const db = await cluster.createDatabase();
    const w = await connect(db);
    await migrateTeamDatabase(w, { appVersion: 'test' });
    await w.query(
      "INSERT INTO desk.relationships (org_nr, state, name, first_seen_at) VALUES ('923609016', 'access_approved', 'Fjordkraft Bygg AS', '2026-01-01T00:00:00.000Z')",
    );
    await w.end();
    const r = await connect(db, cluster.reader);
    try {
      expect((await r.query('SELECT org_nr, change_seq::int FROM desk.relationships')).rows).toEqual([{ org_nr: '923609016', change_seq: 1 }]);
      for (const table of ['schema_version', 'snapshots', 'notifications', 'followed', 'sync_runs', 'bank']) {
        await expect(r.query(`SELECT count(*) FROM desk.${table}`)).resolves.toBeDefined();
      }
      const refused = [
        "INSERT INTO desk.relationships (org_nr, state, name, first_seen_at) VALUES ('974760673', 'access_approved', 'X AS', 'now')",
        "UPDATE desk.relationships SET name = 'Changed AS'",
        'DELETE FROM desk.relationships',
        "INSERT INTO desk.followed (org_nr, source, added_at) VALUES ('974760673', 'typed', 'now')",
        "UPDATE desk.sync_runs SET outcome = 'ok'",
        'TRUNCATE desk.snapshots',
        'CREATE TABLE desk.mine (x int)',
        "SELECT nextval('desk.change_seq')",
        'DROP TABLE desk.notifications',
      ];
      for (const sql of refused) {
        const e = (await r.query(sql).catch((x: unknown) => x)) as { code?: string };
        expect(e.code, sql).toMatch(/^42501$/);
      }
      expect((await r.query('SELECT name FROM desk.relationships')).rows).toEqual([{ name: 'Fjordkraft Bygg AS' }]);
    } finally {
      await r.end();
    }
  });

  it('numbers every change: an update draws a new number, a snapshot’s last_seen_at alone draws none', async () => {
    const db = await cluster.createDatabase();
    const w = await connect(db);
    try {
      await migrateTeamDatabase(w, { appVersion: 'test' });
      await w.query("INSERT INTO desk.relationships (org_nr, state, name, first_seen_at) VALUES ('923609016', 'access_approved', 'A AS', 't0')");
      await w.query("UPDATE desk.relationships SET last_fetched_at = 't1'");
      const figures = 'revenues, expenses, ebitda, ebit, interest_income, interest_expenses, taxes, depreciation, amortization, depreciation_and_amortization, other_financial_income, other_financial_expenses, net_profit, equity, interest_bearing_debt, net_interest_bearing_debt, total_assets';
      await w.query(
        `INSERT INTO desk.snapshots (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included, snapshot_date, fetched_at, origin, accounting_system, ${figures}, raw, first_seen_at, last_seen_at)
         VALUES ('923609016', 1, 'h', 'v', 2025, '2025-01-01', '2025-12-31', 365, '2025-12-31', 'f', 'api', 'fiken', ${Array(17).fill('0').join(', ')}, '{}', 't1', 't1')`,
      );
      const before = (await w.query('SELECT change_seq::int FROM desk.snapshots')).rows[0].change_seq;
      await w.query("UPDATE desk.snapshots SET last_seen_at = 't2'");
      expect((await w.query('SELECT change_seq::int FROM desk.snapshots')).rows[0].change_seq).toBe(before);
      expect((await w.query('SELECT change_seq::int FROM desk.relationships')).rows[0].change_seq).toBe(2);
      expect(before).toBe(3);
    } finally {
      await w.end();
    }
  });
});
