import { randomUUID } from 'node:crypto';
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
      expect(tables.rows.map((r) => r.t)).toEqual([
        'assessment_versions',
        'assignment_versions',
        'bank',
        'followed',
        'note_versions',
        'notifications',
        'relationships',
        'schema_version',
        'snapshots',
        'sync_runs',
        'watch_versions',
      ]);
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

describe('the analysts’ versions (team schema 2)', () => {
  const A = '923609016';
  const B = '974760673';
  const uuid = () => randomUUID();
  const note = (id: string, o: { noteId?: string; replaces?: string | null; text?: string; orgNr?: string } = {}) => ({
    sql: 'INSERT INTO desk.note_versions (id, note_id, org_nr, replaces, text, deleted, author, created_at) VALUES ($1, $2, $3, $4, $5, false, $6, $7) ON CONFLICT (id) DO NOTHING',
    params: [id, o.noteId ?? id, o.orgNr ?? A, o.replaces ?? null, o.text ?? 'Ringte daglig leder.', 'Kari Nordmann', '2026-03-02T09:00:00.000Z'],
  });
  const code = async (c: pg.Client, q: { sql: string; params?: unknown[] } | string) =>
    ((await (typeof q === 'string' ? c.query(q) : c.query(q.sql, q.params)).then(() => null, (e: unknown) => e)) as { code?: string } | null)?.code ?? 'ok';

  it('a desktop’s role inserts versions, numbered and stamped with its login by the server, and can change nothing', async () => {
    const db = await cluster.createDatabase();
    const w = await connect(db);
    const k = await connect(db, cluster.reader);
    try {
      await migrateTeamDatabase(w, { appVersion: 'test' });
      const first = uuid();
      const second = uuid();
      expect(await code(k, note(first))).toBe('ok');
      expect(await code(k, note(second, { noteId: first, replaces: first, text: 'Ringte daglig leder i dag.' }))).toBe('ok');
      // Sent twice (a crash before the desk noted it as sent): stored once.
      expect(await code(k, note(second, { noteId: first, replaces: first, text: 'Ringte daglig leder i dag.' }))).toBe('ok');
      const rows = (await k.query('SELECT id, change_seq::int AS seq, shared_by, received_at IS NOT NULL AS received FROM desk.note_versions ORDER BY change_seq')).rows;
      expect(rows.map((r) => [r.id, r.shared_by, r.received])).toEqual([
        [first, cluster.reader.user, true],
        [second, cluster.reader.user, true],
      ]);
      expect(rows[1].seq).toBeGreaterThan(rows[0].seq);

      const refused: [string, { sql: string; params?: unknown[] } | string][] = [
        ['its own number', `INSERT INTO desk.note_versions (id, note_id, org_nr, text, deleted, author, created_at, change_seq) VALUES ('${uuid()}', 'x', '${A}', 'x', false, 'x', 'x', 1)`],
        ['its own sender', `INSERT INTO desk.assignment_versions (id, org_nr, assignee, author, created_at, shared_by) VALUES ('${uuid()}', '${A}', 'Ola', 'x', 'x', 'postgres')`],
        ['an update', "UPDATE desk.note_versions SET text = 'Endret'"],
        ['a deletion', 'DELETE FROM desk.note_versions'],
        ['a truncation', 'TRUNCATE desk.assessment_versions'],
        ['a relationship', "INSERT INTO desk.relationships (org_nr, state, name, first_seen_at) VALUES ('974760673', 'access_approved', 'X AS', 'now')"],
        ['a followed number', "INSERT INTO desk.followed (org_nr, source, added_at) VALUES ('974760673', 'typed', 'now')"],
        ['a sequence number', "SELECT nextval('desk.change_seq')"],
        ['a table', 'CREATE TABLE desk.mine (x int)'],
        ['the stamping function', 'SELECT desk.stamp_version()'],
      ];
      for (const [what, q] of refused) expect(await code(k, q), what).toMatch(/^42501$|^42883$|^0A000$/);
      // Not even the owner may change or remove a version.
      for (const q of ["UPDATE desk.note_versions SET text = 'Endret'", 'DELETE FROM desk.note_versions', 'TRUNCATE desk.note_versions CASCADE']) {
        const e = (await w.query(q).catch((x: unknown) => x)) as { code?: string; message?: string };
        expect([e.code, e.message], q).toEqual(['23001', 'desk.note_versions holds versions: add a version, never change or remove one']);
      }
      expect((await k.query('SELECT count(*)::int AS n FROM desk.note_versions')).rows[0].n).toBe(2);
    } finally {
      await Promise.all([w.end(), k.end()]);
    }
  });

  it('takes a version only after the one it follows, of the same borrower and note, and only what the app would store', async () => {
    const db = await cluster.createDatabase();
    const w = await connect(db);
    const k = await connect(db, cluster.reader);
    try {
      await migrateTeamDatabase(w, { appVersion: 'test' });
      const first = uuid();
      expect(await code(k, note(first))).toBe('ok');
      const other = uuid();
      expect(await code(k, note(other))).toBe('ok');
      expect(await code(k, note(uuid(), { noteId: first, replaces: uuid() }))).toBe('23503');
      expect(await code(k, note(uuid(), { noteId: first, replaces: first, orgNr: B }))).toBe('23514');
      expect(await code(k, note(uuid(), { noteId: other, replaces: first }))).toBe('23514');
      const bad: string[] = ['', 'x'.repeat(10_001), 'Snu \u202e teksten', 'Escape \u001b[2J', 'Carriage\rreturn'];
      for (const text of bad) expect(await code(k, note(uuid(), { text })), JSON.stringify(text.slice(0, 20))).toBe('23514');
      expect(await code(k, note(uuid(), { text: 'To linjer\nog\ttabulator' }))).toBe('ok');
      expect(await code(k, note('not-a-uuid'))).toBe('23514');
      const assessment = (rec: string | null, comment: string, conditions: string) => ({
        sql: 'INSERT INTO desk.assessment_versions (id, org_nr, comment, recommendation, conditions, author, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        params: [uuid(), A, comment, rec, conditions, 'Kari Nordmann', '2026-03-02T09:00:00.000Z'],
      });
      expect(await code(k, assessment('approve_with_conditions', 'God drift.', 'Kvartalsrapport.'))).toBe('ok');
      expect(await code(k, assessment(null, '', ''))).toBe('23514');
      expect(await code(k, assessment('approve', '', ''))).toBe('23514');
      expect(await code(k, assessment('approve_with_conditions', 'God drift.', ''))).toBe('23514');
      expect(await code(k, assessment('decline', 'Svak drift.', 'Vilkår'))).toBe('23514');
      expect(await code(k, assessment('maybe', 'Hm.', ''))).toBe('23514');
      const watch = (watched: boolean, reason: string, reviewDate: string | null) => ({
        sql: 'INSERT INTO desk.watch_versions (id, org_nr, watched, reason, review_date, author, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        params: [uuid(), A, watched, reason, reviewDate, 'Kari Nordmann', '2026-03-02T09:00:00.000Z'],
      });
      expect(await code(k, watch(true, 'Svak likviditet', '2026-06-30'))).toBe('ok');
      expect(await code(k, watch(true, 'To\nlinjer', '2026-06-30'))).toBe('23514');
      expect(await code(k, watch(true, 'Svak likviditet', null))).toBe('23514');
      expect(await code(k, watch(false, '', '2026-06-30'))).toBe('23514');
      expect(await code(k, watch(false, '', null))).toBe('ok');
    } finally {
      await Promise.all([w.end(), k.end()]);
    }
  });

  it('a read-only desk’s role reads the versions and cannot insert one', async () => {
    const db = await cluster.createDatabase();
    const w = await connect(db);
    const r = await connect(db, cluster.readOnly);
    try {
      await migrateTeamDatabase(w, { appVersion: 'test' });
      for (const t of ['note_versions', 'watch_versions', 'assignment_versions', 'assessment_versions']) {
        expect((await r.query(`SELECT count(*)::int AS n FROM desk.${t}`)).rows[0].n).toBe(0);
      }
      expect(await code(r, note(uuid()))).toBe('42501');
      expect(await code(r, `INSERT INTO desk.assignment_versions (id, org_nr, assignee, author, created_at) VALUES ('${uuid()}', '${A}', 'Ola', 'Ola', '2026-03-02T09:00:00.000Z')`)).toBe('42501');
    } finally {
      await Promise.all([w.end(), r.end()]);
    }
  });
});
