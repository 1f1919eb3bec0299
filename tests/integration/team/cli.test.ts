import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxCore, startSandbox, SANDBOX_DEFAULTS, type Sandbox } from '../../../electron/sandbox/index';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { compareTeamWithTruth, consistencyProblems } from './helpers';
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
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-team-cli-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

interface Child {
  proc: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm run cli -- ...` as its own process (one node process, so a signal reaches the one that syncs), the writer's password in PGPASSWORD. */
function cliChild(dataDir: string, argv: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...argv], {
    cwd: ROOT,
    env: { ...process.env, PGPASSWORD: cluster.writer.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  cleanups.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  });
  return { proc, output: () => output, exited };
}

/** Polls the database until `check` holds (a condition, not a fixed wait); fails after `timeoutMs`. */
async function waitFor(db: pg.Client, what: string, check: (db: pg.Client) => Promise<boolean>, child?: Child, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check(db)) return;
    if (child && child.proc.exitCode !== null) throw new Error(`the team sync exited before ${what}:\n${child.output()}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

async function connect(database: string): Promise<pg.Client> {
  const c = new pg.Client(cluster.config(database));
  await c.connect();
  cleanups.push(() => c.end());
  return c;
}

async function customProfile(dataDir: string, sb: Sandbox): Promise<string> {
  const r = await cliInProcess(dataDir, [
    'profiles', 'add', '--name', 'Vest Bank', '--environment', 'custom', '--client-id', sb.clientId,
    '--token-url', sb.tokenUrl, '--api-base-url', sb.apiBaseUrl, '--no-secret',
  ]);
  expect(r.code, r.err).toBe(0);
  return 'vest-bank';
}

function secretFile(dir: string, secret: string, mode: number): string {
  const f = path.join(dir, 'client-secret');
  fs.writeFileSync(f, `${secret}\n`, { mode });
  fs.chmodSync(f, mode);
  return f;
}

describe('npm run cli -- team sync', () => {
  it('fills the team database from the Demo sandbox', async () => {
    const db = await cluster.createDatabase();
    const dataDir = tempDir();
    const child = cliChild(dataDir, ['team', 'sync', '--database', cluster.url(db), '--profile', 'demo']);
    const { code } = await child.exited;
    expect(code, child.output()).toBe(0);
    expect(child.output()).toMatch(/Team sync ok \(run 1\): \d+ borrowers synced, 0 failed/);
    // The Demo's sandbox, built again as the CLI built it (same seed, size and day): what the database must hold.
    const demo = createSandboxCore({ seed: SANDBOX_DEFAULTS.seed, borrowers: SANDBOX_DEFAULTS.borrowers, now: new Date() });
    const c = await connect(db);
    expect((await compareTeamWithTruth(c, demo)).mismatches).toEqual([]);
    expect(await consistencyProblems(c)).toEqual([]);
  }, 120_000);

  it('refuses a secret file others can read, a password in the URL, and plain text to another host', async () => {
    const dataDir = tempDir();
    const sb = await startSandbox({ borrowers: 3 });
    cleanups.push(() => sb.close());
    await customProfile(dataDir, sb);
    const open = secretFile(dataDir, sb.clientSecret, 0o644);
    const db = 'postgres://desk_sync@127.0.0.1:1/desk';
    let r = await cliInProcess(dataDir, ['team', 'sync', '--database', db, '--profile', 'vest-bank', '--secret-file', open]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`can be read by other users (mode 0644). Make it readable by its owner only: chmod 600 ${open}`);
    expect(r.err + r.out).not.toContain(sb.clientSecret);

    r = await cliInProcess(dataDir, ['team', 'sync', '--database', 'postgres://desk_sync:hunter2@127.0.0.1/desk', '--profile', 'vest-bank']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('must not contain a password');
    expect(r.err + r.out).not.toContain('hunter2');

    r = await cliInProcess(dataDir, ['team', 'sync', '--database', 'postgres://desk_sync@db.bank.example/desk?sslmode=disable', '--profile', 'vest-bank']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('must be reached over TLS');

    r = await cliInProcess(dataDir, ['team', 'sync', '--database', db, '--profile', 'vest-bank', '--every', 'soon']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--every takes an interval such as 15m');
    expect(sb.control.stats().requests).toBe(0);
  });

  it('a SIGKILL in the middle of a second run leaves the database consistent, and the next run completes', async () => {
    const db = await cluster.createDatabase();
    const dataDir = tempDir();
    const sb = await startSandbox({ seed: 31, borrowers: 60 });
    cleanups.push(() => sb.close());
    await customProfile(dataDir, sb);
    const secret = secretFile(dataDir, sb.clientSecret, 0o600);
    const args = ['team', 'sync', '--database', cluster.url(db), '--profile', 'vest-bank', '--secret-file', secret, '--concurrency', '2'];
    // The bank follows its customer list in the team database (docs/team.md) before the first run.
    const setup = await connect(db);
    try {
      await migrateTeamDatabase(setup, { appVersion: 'test' });
      for (const orgNr of sb.control.customerList()) {
        await setup.query("INSERT INTO desk.followed (org_nr, source, added_at) VALUES ($1, 'customer_list', 'now')", [orgNr]);
      }
    } finally {
      await setup.end();
    }

    const first = cliChild(dataDir, args);
    expect((await first.exited).code, first.output()).toBe(0);
    const c = await connect(db);
    const fetchedBefore = new Map(
      (await c.query<{ org_nr: string; last_fetched_at: string }>('SELECT org_nr, last_fetched_at FROM desk.relationships WHERE last_fetched_at IS NOT NULL')).rows.map(
        (r) => [r.org_nr, r.last_fetched_at] as const,
      ),
    );

    // New books for every approved borrower, and answers slow enough that the run is still under way when it dies.
    const { changedOrgNrs } = sb.control.advanceTime({ days: 35 });
    sb.control.setFaults({ latencyMs: 40 });
    const second = cliChild(dataDir, args);
    // Killed when the database shows the run under way: three borrowers of this run written.
    await waitFor(
      c,
      'three borrowers of the second run',
      async (q) =>
        (
          await q.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM desk.relationships r JOIN desk.sync_runs s ON s.outcome = 'running'
             WHERE r.last_fetched_at::timestamptz >= s.started_at`,
          )
        ).rows[0]!.n >= 3,
      second,
    );
    second.proc.kill('SIGKILL');
    expect((await second.exited).signal).toBe('SIGKILL');

    expect((await c.query('SELECT id::int, outcome FROM desk.sync_runs ORDER BY id')).rows).toEqual([
      { id: 1, outcome: 'ok' },
      { id: 2, outcome: 'running' },
    ]);
    expect(await consistencyProblems(c)).toEqual([]);
    const rels = (await c.query<{ org_nr: string; last_fetched_at: string }>('SELECT org_nr, last_fetched_at FROM desk.relationships WHERE last_fetched_at IS NOT NULL')).rows;
    const redone = rels.filter((r) => r.last_fetched_at !== fetchedBefore.get(r.org_nr)).map((r) => r.org_nr);
    expect(redone.length).toBeGreaterThanOrEqual(3);
    expect(redone.length).toBeLessThan(changedOrgNrs.filter((o) => sb.control.customerList().includes(o)).length);
    // Every borrower the killed run wrote has all of its new books; every other one has none of them.
    const truth = new Map(sb.control.truth().map((t) => [t.orgNr, t.accountingItems] as const));
    const items = new Map(
      (await c.query<{ org_nr: string; n: number }>('SELECT org_nr, count(DISTINCT item_id)::int AS n FROM desk.snapshots GROUP BY org_nr')).rows.map((r) => [r.org_nr, r.n] as const),
    );
    for (const orgNr of redone) expect(items.get(orgNr), orgNr).toBe(truth.get(orgNr));
    const followed = new Set(sb.control.customerList());
    for (const orgNr of changedOrgNrs.filter((o) => followed.has(o) && !redone.includes(o))) expect(items.get(orgNr)! < truth.get(orgNr)!, orgNr).toBe(true);

    sb.control.setFaults({});
    const third = cliChild(dataDir, args);
    expect((await third.exited).code, third.output()).toBe(0);
    const runs = (await c.query('SELECT id::int, outcome, message FROM desk.sync_runs ORDER BY id')).rows;
    expect(runs.map((r) => r.outcome)).toEqual(['ok', 'failed', 'ok']);
    expect(runs[1].message).toContain('killed or crashed');
    expect((await compareTeamWithTruth(c, sb)).mismatches).toEqual([]);
    expect(await consistencyProblems(c)).toEqual([]);
  }, 180_000);

  it('--every runs on a schedule and ends cleanly on SIGTERM, leaving no run open', async () => {
    const db = await cluster.createDatabase();
    const dataDir = tempDir();
    const child = cliChild(dataDir, ['team', 'sync', '--database', cluster.url(db), '--profile', 'demo', '--every', '1s']);
    const c = await connect(db);
    await waitFor(
      c,
      'two finished runs',
      async (q) => {
        const t = (await q.query<{ t: string | null }>("SELECT to_regclass('desk.sync_runs')::text AS t")).rows[0]!.t;
        return t !== null && (await q.query<{ n: number }>("SELECT count(*)::int AS n FROM desk.sync_runs WHERE outcome = 'ok'")).rows[0]!.n >= 2;
      },
      child,
    );
    child.proc.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code, child.output()).toBe(0);
    expect(child.output()).toContain('SIGTERM: stopping the team sync');
    const open = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM desk.sync_runs WHERE outcome = 'running'")).rows[0]!.n;
    expect(open).toBe(0);
  }, 120_000);
});
