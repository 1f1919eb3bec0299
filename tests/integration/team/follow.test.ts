/**
 * `team follow` / `team unfollow`: the bank's followed numbers in the team database, checked and imported as the
 * desktop's Fulgte does it, on a real PostgreSQL; the team sync then looks up exactly those numbers.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Excel from 'exceljs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { teamFollow, teamUnfollow } from '../../../electron/services/team/team-followed';
import { isAppError } from '../../../shared/contract';
import { compareTeamWithTruth, consistencyProblems, poolFor } from './helpers';
import { startPostgres, type PgCluster } from './postgres';
import { cliInProcess } from '../../fixtures/cli';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(() => cluster?.stop());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-team-follow-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

/** `npm run cli -- ...` as its own process, the writer role's password in PGPASSWORD (as the team sync's job has it). */
async function cli(dataDir: string, argv: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...argv], {
    cwd: ROOT,
    env: { ...process.env, PGPASSWORD: cluster.writer.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
  return { code, output };
}

async function customProfile(dataDir: string, sb: Sandbox): Promise<string> {
  const r = await cliInProcess(dataDir, [
    'profiles', 'add', '--name', 'Vest Bank', '--environment', 'custom', '--client-id', sb.clientId,
    '--token-url', sb.tokenUrl, '--api-base-url', sb.apiBaseUrl, '--no-secret',
  ]);
  expect(r.code, r.err).toBe(0);
  return 'vest-bank';
}

async function connect(database: string): Promise<pg.Client> {
  const c = new pg.Client(cluster.config(database));
  await c.connect();
  cleanups.push(() => c.end());
  return c;
}

async function followed(c: pg.Client): Promise<{ org_nr: string; source: string }[]> {
  return (await c.query<{ org_nr: string; source: string }>('SELECT org_nr, source FROM desk.followed ORDER BY org_nr')).rows;
}

/** The same number with its check digit off by one: nine digits that fail MOD11. */
function badCheckDigit(orgNr: string): string {
  return orgNr.slice(0, 8) + String((Number(orgNr[8]) + 1) % 10);
}

describe('npm run cli -- team follow / team unfollow', () => {
  it('follows a workbook’s and a CSV’s org number column, line by line as the desktop, and the team sync looks up exactly those', async () => {
    const db = await cluster.createDatabase();
    const dataDir = tempDir();
    const sb = await startSandbox({ seed: 43, borrowers: 10 });
    cleanups.push(() => sb.close());
    const profile = await customProfile(dataDir, sb);
    const customers = sb.control.customerList();
    expect(customers.length).toBeGreaterThanOrEqual(6);
    const [first, second, ...rest] = customers;

    // A workbook as a bank exports it: a name column, then "Org.nr" (spaced numbers), one bad check digit, a repeat.
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet('Kunder');
    ws.addRow(['Kunde', 'Org.nr']);
    for (const n of rest) ws.addRow([`Kunde ${n}`, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`]);
    ws.addRow(['Feil', badCheckDigit(first!)]);
    ws.addRow(['Igjen', rest[0]]);
    const xlsx = path.join(dataDir, 'kunder.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const url = cluster.url(db);

    let r = await cli(dataDir, ['team', 'follow', '--database', url, '--profile', profile, '--file', xlsx]);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`${rest.length} added, 0 already followed, 1 rejected.`);
    expect(r.output).toContain(`line ${rest.length + 1}: "${badCheckDigit(first!)}" bad_check_digit`);
    const c = await connect(db);
    expect(await followed(c)).toEqual([...rest].sort().map((org_nr) => ({ org_nr, source: 'import' })));

    // A CSV with ; and a header, then typed numbers: one already followed, one too short.
    const csv = path.join(dataDir, 'kunder.csv');
    fs.writeFileSync(csv, `navn;orgnr\r\nKunde;${first}\r\n`);
    r = await cli(dataDir, ['team', 'follow', '--database', url, '--profile', profile, '--file', csv]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('1 added, 0 already followed, 0 rejected.');
    r = await cli(dataDir, ['team', 'follow', '--database', url, '--profile', profile, second!, first!, '12345678']);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('1 added, 1 already followed, 1 rejected.');
    expect(r.output).toContain('line 3: "12345678" wrong_length');
    expect((await followed(c)).map((f) => f.org_nr)).toEqual([...customers].sort());
    expect((await followed(c)).find((f) => f.org_nr === second)?.source).toBe('typed');

    // The team sync looks up the followed numbers, and only those: no seeded customer list (the database follows some).
    const secret = path.join(dataDir, 'client-secret');
    fs.writeFileSync(secret, `${sb.clientSecret}\n`, { mode: 0o600 });
    fs.chmodSync(secret, 0o600);
    r = await cli(dataDir, ['team', 'unfollow', '--database', url, '--profile', profile, second!]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('1 no longer followed, 0 were not followed, 0 rejected.');
    r = await cli(dataDir, ['team', 'sync', '--database', url, '--profile', profile, '--secret-file', secret]);
    expect(r.code, r.output).toBe(0);
    expect((await compareTeamWithTruth(c, sb)).mismatches).toEqual([]);
    expect(await consistencyProblems(c)).toEqual([]);
    const keyed = (await c.query<{ org_nr: string }>('SELECT org_nr FROM desk.relationships ORDER BY org_nr')).rows.map((x) => x.org_nr);
    // Every followed number Symetrisk has a relationship for (a customer without one is reported not found), nothing else.
    const wanted = new Set(customers.filter((n) => n !== second));
    expect(keyed).toEqual(sb.control.truth().map((t) => t.orgNr).filter((n) => wanted.has(n)).sort());
    expect(keyed.length).toBeGreaterThan(0);

    // Unfollowing keeps what the team sync fetched; a number not followed is said so.
    r = await cli(dataDir, ['team', 'unfollow', '--database', url, '--profile', profile, keyed[0]!, second!]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('1 no longer followed, 1 were not followed, 0 rejected.');
    expect((await c.query('SELECT 1 FROM desk.relationships WHERE org_nr = $1', [keyed[0]])).rowCount).toBe(1);
    expect((await followed(c)).map((f) => f.org_nr)).not.toContain(keyed[0]);
  }, 180_000);

  it('creates the team schema for a bank that lists its numbers before the first sync, and refuses another bank’s database', async () => {
    const db = await cluster.createDatabase();
    const { pool, target } = poolFor(cluster, db);
    cleanups.push(() => pool.end());
    const o = { pool, target, appVersion: 'test', clientId: 'vest-bank-client', clock: () => new Date('2026-11-02T08:00:00Z') };
    const r = await teamFollow(o, ['923609016', '', '923 609 016', 'abc', '92360901'], 'typed');
    expect(r.added).toEqual(['923609016']);
    expect(r.alreadyFollowed).toEqual([]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [4, 'not_digits'],
      [5, 'wrong_length'],
    ]);
    const c = await connect(db);
    expect((await c.query('SELECT org_nr, source, added_at FROM desk.followed')).rows).toEqual([
      { org_nr: '923609016', source: 'typed', added_at: '2026-11-02T08:00:00.000Z' },
    ]);

    // The database was filled for another API client: refused, nothing stored or removed.
    await c.query("INSERT INTO desk.bank (client_id, checked_at) VALUES ('ost-bank-client', 'now')");
    const refused = await teamFollow(o, ['984851006'], 'typed').catch((e: unknown) => e);
    expect(isAppError(refused) && refused.details?.['reason']).toBe('team_database_other_client');
    const refusedToo = await teamUnfollow(o, ['923609016']).catch((e: unknown) => e);
    expect(isAppError(refusedToo) && refusedToo.details?.['reason']).toBe('team_database_other_client');
    expect((await followed(c)).map((f) => f.org_nr)).toEqual(['923609016']);
  });

  it('refuses a database it may not write, an unreadable or old Excel file, and numbers with --file, storing nothing', async () => {
    const db = await cluster.createDatabase();
    const setup = await connect(db);
    await migrateTeamDatabase(setup, { appVersion: 'test' });
    // A desktop's role may read the team database, not change what the bank follows.
    const { pool, target } = poolFor(cluster, db, cluster.reader);
    cleanups.push(() => pool.end());
    const denied = await teamFollow({ pool, target, appVersion: 'test', clientId: 'x', clock: () => new Date() }, ['923609016'], 'typed').catch((e: unknown) => e);
    expect(isAppError(denied) && denied.details?.['reason']).toBe('team_database_permission');

    const dataDir = tempDir();
    const url = cluster.url(db);
    const old = path.join(dataDir, 'kunder.xls');
    fs.writeFileSync(old, 'not read');
    let r = await cliInProcess(dataDir, ['team', 'follow', '--database', url, '--profile', 'demo', '--file', old]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Old Excel files (.xls) cannot be read');
    r = await cliInProcess(dataDir, ['team', 'follow', '--database', url, '--profile', 'demo', '--file', path.join(dataDir, 'missing.csv')]);
    expect(r.err).toContain('Could not read');
    r = await cliInProcess(dataDir, ['team', 'follow', '--database', url, '--profile', 'demo', '--file', old, '923609016']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('takes org numbers or --file, not both');
    r = await cliInProcess(dataDir, ['team', 'unfollow', '--profile', 'demo', '923609016']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('team unfollow needs --database and --profile');
    expect(await followed(setup)).toEqual([]);
  });
});
