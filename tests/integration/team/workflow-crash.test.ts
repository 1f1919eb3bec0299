/**
 * Crash safety of the push: a desk killed (SIGKILL) in the middle of a push leaves no version of it in the team
 * database, however far it got, and its queue as it was; the next push sends every version once.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/db/cache';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { LOCKS, LOCK_NAMESPACE } from '../../../electron/services/team/locks';
import { PUSH_APPLICATION_NAME, pushWorkflow } from '../../../electron/services/team/workflow-push';
import { startPostgres, type PgCluster } from './postgres';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ORG_NR = '923609016';
let cluster: PgCluster;
let dir: string;

beforeAll(async () => {
  cluster = await startPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-push-crash-'));
}, 120_000);
afterAll(() => {
  cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A desk's cache with notes (one edited) and an assessment, all queued as the workflow service queues them. */
function queuedCache(file: string): { cache: Cache; ids: { notes: string[]; assessment: string } } {
  const cache = openCache('crash', file);
  const repo = cache.workflow;
  const first = randomUUID();
  const edit = randomUUID();
  const other = randomUUID();
  const assessment = randomUUID();
  const stamp = (id: string, minute: number, replaces: string | null = null) => ({ id, orgNr: ORG_NR, replaces, author: 'Kari Nordmann', createdAt: `2026-03-02T09:0${minute}:00.000Z` });
  repo.write(() => {
    repo.addNoteVersion({ ...stamp(first, 1), noteId: first, text: 'Ringte daglig leder.', deleted: false });
    repo.addNoteVersion({ ...stamp(edit, 2, first), noteId: first, text: 'Ringte daglig leder i dag.', deleted: false });
    repo.addNoteVersion({ ...stamp(other, 3), noteId: other, text: 'Mottok årsregnskapet.', deleted: false });
    repo.addAssessmentVersion({ ...stamp(assessment, 4), comment: 'God drift.', recommendation: 'approve', conditions: '' });
    for (const [kind, id] of [['note', first], ['note', edit], ['note', other], ['assessment', assessment]] as const) repo.queueForSharing(kind, id, ORG_NR, '2026-03-02T09:05:00.000Z');
  });
  return { cache, ids: { notes: [first, edit, other], assessment } };
}

/** Polls the database until `check` holds (a condition, never a fixed wait). */
async function until(what: string, check: () => Promise<boolean>, child?: { exitCode: number | null; output: () => string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await check()) return;
    if (child && child.exitCode !== null) throw new Error(`the push exited before ${what}:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

it('a SIGKILL during a push leaves no half-pushed version and the queue as it was; the next push completes', async () => {
  const database = await cluster.createDatabase();
  const owner = new pg.Client(cluster.config(database));
  await owner.connect();
  // The DBA's view: only a superuser sees other roles' sessions and what they wait on.
  const dba = new pg.Client({ host: cluster.socketDir, port: cluster.port, user: 'postgres', database });
  await dba.connect();
  // The assessments' table held by another session: the push writes the notes, then waits there, mid-transaction.
  const blocker = new pg.Client(cluster.config(database));
  await blocker.connect();
  const file = path.join(dir, 'crash.sqlite');
  const { cache, ids } = queuedCache(file);
  try {
    await migrateTeamDatabase(owner, { appVersion: 'test' });
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE desk.assessment_versions IN ACCESS EXCLUSIVE MODE');

    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/team/push-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, DESK_PUSH_CACHE: file, DESK_PUSH_URL: cluster.url(database, cluster.reader), DESK_PUSH_PASSWORD: cluster.reader.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // Under way: the notes inserted (the push holds the change lock their numbers are drawn under), the assessment waiting.
    const pushing = async () =>
      (
        await dba.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity a
           WHERE a.application_name = $1 AND a.wait_event_type = 'Lock'
             AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted AND l.classid = $2 AND l.objid = $3)`,
          [PUSH_APPLICATION_NAME, LOCK_NAMESPACE, LOCKS.changes],
        )
      ).rows[0]!.n === 1;
    await until('the push to be half way', pushing, { get exitCode() { return child.exitCode; }, output: () => output });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await blocker.query('ROLLBACK');
    // The killed desk's session ends once PostgreSQL finds its client gone; its transaction never committed.
    await until('the killed push’s session to end', async () => (await dba.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [PUSH_APPLICATION_NAME])).rows[0]!.n === 0);
    const stored = async (table: string) => (await owner.query<{ id: string }>(`SELECT id FROM desk.${table} ORDER BY change_seq`)).rows.map((r) => r.id);
    expect(await stored('note_versions')).toEqual([]);
    expect(await stored('assessment_versions')).toEqual([]);
    expect(cache.workflow.outbox(10).map((e) => e.versionId)).toEqual([...ids.notes, ids.assessment]);

    const r = await pushWorkflow({ cache, databaseUrl: cluster.url(database, cluster.reader), password: cluster.reader.password, clock: () => new Date() });
    expect(r).toMatchObject({ shared: 4, pending: 0, refused: [], reason: null });
    expect(await stored('note_versions')).toEqual(ids.notes);
    expect(await stored('assessment_versions')).toEqual([ids.assessment]);
    expect((await owner.query('SELECT author, created_at FROM desk.note_versions ORDER BY change_seq')).rows.map((x) => x.created_at)).toEqual([
      '2026-03-02T09:01:00.000Z',
      '2026-03-02T09:02:00.000Z',
      '2026-03-02T09:03:00.000Z',
    ]);
  } finally {
    cache.close();
    await Promise.all([owner.end(), dba.end(), blocker.end()]);
  }
}, 120_000);
