/**
 * Two desks on one team database, each through the handler table the bindings serve (outputs checked against the
 * contract), each with its own data folder, cache, clock and analyst: what one writes reaches the other with its
 * author and time; what a desk writes with the team database out of reach waits in its queue, says so, and goes
 * when the database is back; two desks writing over the same version apart both keep both, and show the same one as
 * current with the other marked as parallel. A version sent twice is stored once.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BorrowerWorkflow, Profile, SyncRun } from '../../../shared/contract/dto';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCache } from '../../../electron/db/cache';
import { replicateTeam } from '../../../electron/services/team/replicator';
import { migrateTeamDatabase } from '../../../electron/services/team/schema';
import { pushWorkflow } from '../../../electron/services/team/workflow-push';
import { runTeamSync } from '../../../electron/services/team/team-sync';
import { makeSecurityApp, type SecurityApp } from '../../security/helpers';
import { FIXED_NOW, newClient } from '../sync/helpers';
import { poolFor } from './helpers';
import { startPostgres, type PgCluster, type Role } from './postgres';

let cluster: PgCluster;
let sandbox: Sandbox;
let database: string;
let writer: ReturnType<typeof poolFor>;
let orgNr: string;

/** A desk: its app, its clock (moved by the test) and its team connection. */
interface Desk {
  app: SecurityApp;
  now: { t: number };
  profileId: string;
  analyst: string;
  role: Role;
}
let A: Desk;
let B: Desk;

async function ok<T>(desk: Desk, channel: string, input?: unknown): Promise<T> {
  const env = await desk.app.call(channel, input);
  if (!env.ok) throw new Error(`${channel}: ${JSON.stringify(env.error)}`);
  return env.value as T;
}

async function newDesk(analyst: string, role: Role, start: string): Promise<Desk> {
  const now = { t: Date.parse(start) };
  const app = await makeSecurityApp({ clock: () => new Date(now.t) });
  const desk: Desk = { app, now, profileId: '', analyst, role };
  await ok(desk, 'settings:update', { analystName: analyst });
  const created = await ok<Profile>(desk, 'connections:create', { name: 'Team', environment: 'team', databaseUrl: cluster.url(database, role), secret: role.password });
  desk.profileId = created.id;
  return desk;
}

/** The desk's sync: the push of its queue, then the copy of the team database; resolves with the finished run. */
async function sync(desk: Desk): Promise<SyncRun> {
  const since = desk.app.events.length;
  const { runId } = await ok<{ runId: number }>(desk, 'sync:start', { profileId: desk.profileId });
  return (await desk.app.waitForEvent('sync:finished', (p) => (p as SyncRun).profileId === desk.profileId && (p as SyncRun).id === runId, since)) as SyncRun;
}

/** Waits for the end of the push a save started: the workflow:shared event that matches. */
function shared(desk: Desk, since: number, match: (p: { pending: number; reason: string | null }) => boolean) {
  return desk.app.waitForEvent('workflow:shared', (p) => (p as { profileId: string }).profileId === desk.profileId && match(p as { pending: number; reason: string | null }), since) as Promise<{
    shared: number;
    pending: number;
    reason: string | null;
  }>;
}

const workflowOf = (desk: Desk) => ok<BorrowerWorkflow>(desk, 'workflow:borrower', { profileId: desk.profileId, orgNr });
const queueOf = (desk: Desk) => desk.app.services.caches.open(desk.profileId).workflow.unsharedCount();
const tick = (desk: Desk, minutes: number) => (desk.now.t += minutes * 60_000);

async function inTeam<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await writer.pool.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  cluster = await startPostgres();
  database = await cluster.createDatabase();
  writer = poolFor(cluster, database);
  sandbox = await startSandbox({ seed: 43, borrowers: 12, now: FIXED_NOW, frozenClock: true });
  const run = await runTeamSync({ pool: writer.pool, target: writer.target, profileId: 'bank', client: newClient(sandbox), clientId: sandbox.clientId, appVersion: 'test', clock: () => new Date(), seedFollowed: async () => sandbox.control.customerList() });
  expect(run.outcome).toBe('ok');
  orgNr = sandbox.control.orgNrs(undefined, 'access_approved')[0]!;
  // A second analyst with a login of her own, as the bank would set one up (docs/team.md).
  const ola: Role = { user: 'ola_hansen', password: randomBytes(12).toString('hex') };
  await cluster.admin('postgres', `CREATE ROLE ola_hansen LOGIN PASSWORD ${pg.escapeLiteral(ola.password)} IN ROLE desk_reader, desk_analyst`);
  A = await newDesk('Kari Nordmann', cluster.reader, '2026-03-02T09:00:00.000Z');
  B = await newDesk('Ola Hansen', ola, '2026-03-02T09:00:30.000Z');
  for (const d of [A, B]) expect((await sync(d)).outcome).toBe('ok');
}, 180_000);

afterAll(async () => {
  await A?.app.close();
  await B?.app.close();
  await writer?.pool.end();
  await sandbox?.close();
  cluster?.stop();
});

describe('the analysts’ work in the team database', () => {
  let noteId = '';

  it('what desk A writes online is shared soon after the save, and desk B’s next sync shows it with A’s author and time', async () => {
    const since = A.app.events.length;
    let w = await ok<BorrowerWorkflow>(A, 'workflow:addNote', { profileId: A.profileId, orgNr, text: 'Ringte daglig leder: ordrereserven er god.' });
    noteId = w.notes[0]!.noteId;
    expect(w.sharing).toMatchObject({ notes: 1, versions: [noteId] });
    tick(A, 1);
    w = await ok<BorrowerWorkflow>(A, 'workflow:saveAssessment', {
      profileId: A.profileId,
      orgNr,
      comment: 'Solid drift og god likviditet.',
      recommendation: 'approve_with_conditions',
      conditions: 'Kvartalsvis rapportering.',
      replaces: null,
    });
    const assessment = w.assessment.current!;
    await shared(A, since, (p) => p.pending === 0);
    expect(queueOf(A)).toBe(0);
    expect((await workflowOf(A)).sharing).toEqual({ notes: 0, watch: false, assignment: false, assessment: false, versions: [], reason: null, lastAttemptAt: null });

    // In the team database with the desk's author and time, and the login that sent it.
    expect(await inTeam('SELECT id, author, created_at, shared_by FROM desk.note_versions')).toEqual([
      { id: noteId, author: 'Kari Nordmann', created_at: w.notes[0]!.current.createdAt, shared_by: cluster.reader.user },
    ]);
    expect(await inTeam('SELECT id, author, created_at, recommendation FROM desk.assessment_versions')).toEqual([
      { id: assessment.id, author: 'Kari Nordmann', created_at: '2026-03-02T09:01:00.000Z', recommendation: 'approve_with_conditions' },
    ]);

    expect((await sync(B)).outcome).toBe('ok');
    const onB = await workflowOf(B);
    expect(onB.notes.map((n) => [n.noteId, n.current.text, n.createdBy, n.createdAt])).toEqual([[noteId, 'Ringte daglig leder: ordrereserven er god.', 'Kari Nordmann', '2026-03-02T09:00:00.000Z']]);
    expect(onB.assessment.current).toEqual(assessment);
    // Another desk's versions are not B's to share.
    expect(onB.sharing).toMatchObject({ notes: 0, assessment: false, versions: [] });
    expect(queueOf(B)).toBe(0);
    // A's own versions come back with its next copy and are not stored twice.
    expect((await sync(A)).outcome).toBe('ok');
    expect((await workflowOf(A)).notes.flatMap((n) => n.versions)).toHaveLength(1);
  });

  it('desk B offline: the assessment waits in its queue and says why; with the database back it is shared and A sees it', async () => {
    const before = await workflowOf(B);
    cluster.pause();
    let mine = '';
    try {
      const since = B.app.events.length;
      tick(B, 30);
      const saved = await ok<BorrowerWorkflow>(B, 'workflow:saveAssessment', {
        profileId: B.profileId,
        orgNr,
        comment: 'Solid drift, men kunden har økt trekket på kassekreditten.',
        recommendation: 'approve_with_conditions',
        conditions: 'Kvartalsvis rapportering.\nKassekreditten reduseres til 2 MNOK.',
        replaces: before.assessment.current!.id,
      });
      mine = saved.assessment.current!.id;
      expect(saved.sharing).toMatchObject({ assessment: true, notes: 0, versions: [mine] });
      const ended = await shared(B, since, (p) => p.pending === 1);
      expect(ended).toMatchObject({ shared: 0, pending: 1, reason: 'team_database_unreachable' });
      expect((await workflowOf(B)).sharing).toMatchObject({ assessment: true, versions: [mine], reason: 'team_database_unreachable' });
      // The sync cannot reach it either; what is queued stays queued, what is shown stays shown.
      const run = await sync(B);
      expect(run.outcome).toBe('failed');
      expect(queueOf(B)).toBe(1);
      expect((await workflowOf(B)).assessment.current?.id).toBe(mine);
    } finally {
      cluster.start();
    }
    expect((await sync(B)).outcome).toBe('ok');
    expect(queueOf(B)).toBe(0);
    expect((await workflowOf(B)).sharing).toMatchObject({ assessment: false, versions: [], reason: null });
    expect(await inTeam('SELECT author, created_at, shared_by FROM desk.assessment_versions WHERE id = $1', [mine])).toEqual([
      { author: 'Ola Hansen', created_at: '2026-03-02T09:30:30.000Z', shared_by: 'ola_hansen' },
    ]);
    expect((await sync(A)).outcome).toBe('ok');
    const onA = await workflowOf(A);
    expect(onA.assessment.current).toMatchObject({ id: mine, author: 'Ola Hansen', conditions: 'Kvartalsvis rapportering.\nKassekreditten reduseres til 2 MNOK.' });
    expect(onA.assessment.versions).toHaveLength(2);
    expect(onA.assessment.parallel).toEqual([]);
  });

  it('two desks writing over the same versions apart both keep both, and after syncing show the same current one and the parallel one', async () => {
    const a0 = await workflowOf(A);
    const b0 = await workflowOf(B);
    const note0 = a0.notes[0]!.current.id;
    expect(b0.notes[0]!.current.id).toBe(note0);
    const assessment0 = a0.assessment.current!.id;
    expect(b0.assessment.current!.id).toBe(assessment0);

    cluster.pause();
    try {
      const sinceA = A.app.events.length;
      const sinceB = B.app.events.length;
      tick(A, 60);
      await ok(A, 'workflow:editNote', { profileId: A.profileId, orgNr, noteId, replaces: note0, text: 'Ringte daglig leder: ordrereserven er god, men marginene faller.' });
      await ok(A, 'workflow:saveAssessment', { profileId: A.profileId, orgNr, comment: 'Marginene faller; innvilges ikke nå.', recommendation: 'decline', conditions: '', replaces: assessment0 });
      tick(B, 61);
      await ok(B, 'workflow:editNote', { profileId: B.profileId, orgNr, noteId, replaces: note0, text: 'Ringte daglig leder: ordrereserven er god, og banken følger opp i april.' });
      await ok(B, 'workflow:saveAssessment', {
        profileId: B.profileId,
        orgNr,
        comment: 'Solid drift; følges opp i april.',
        recommendation: 'approve_with_conditions',
        conditions: 'Kvartalsvis rapportering.',
        replaces: assessment0,
      });
      await shared(A, sinceA, (p) => p.pending === 2 && p.reason === 'team_database_unreachable');
      await shared(B, sinceB, (p) => p.pending === 2 && p.reason === 'team_database_unreachable');
      expect((await workflowOf(A)).sharing).toMatchObject({ notes: 1, assessment: true });
    } finally {
      cluster.start();
    }
    for (const d of [A, B, A]) expect((await sync(d)).outcome).toBe('ok');
    expect([queueOf(A), queueOf(B)]).toEqual([0, 0]);

    const [onA, onB] = [await workflowOf(A), await workflowOf(B)];
    for (const w of [onA, onB]) {
      const note = w.notes.find((n) => n.noteId === noteId)!;
      // B wrote a minute later: its versions are current on both desks, A's are kept beside them as parallel ones.
      expect(note.current).toMatchObject({ author: 'Ola Hansen', text: 'Ringte daglig leder: ordrereserven er god, og banken følger opp i april.' });
      expect(note.parallel?.map((v) => [v.author, v.replaces])).toEqual([['Kari Nordmann', note0]]);
      expect(note.versions).toHaveLength(3);
      expect(w.assessment.current).toMatchObject({ author: 'Ola Hansen', recommendation: 'approve_with_conditions', replaces: assessment0 });
      expect(w.assessment.parallel?.map((v) => [v.author, v.recommendation, v.replaces])).toEqual([['Kari Nordmann', 'decline', assessment0]]);
      expect(w.assessment.versions).toHaveLength(4);
    }
    expect(onA.notes.find((n) => n.noteId === noteId)!.current.id).toBe(onB.notes.find((n) => n.noteId === noteId)!.current.id);
    expect(onA.assessment).toEqual(onB.assessment);
    expect((await inTeam<{ n: number }>('SELECT count(*)::int AS n FROM desk.note_versions WHERE note_id = $1', [noteId]))[0]!.n).toBe(3);

    // A saves over the current assessment with both in view: settled; both stay in the history.
    tick(A, 5);
    const since = A.app.events.length;
    const settled = await ok<BorrowerWorkflow>(A, 'workflow:saveAssessment', {
      profileId: A.profileId,
      orgNr,
      comment: 'Samlet vurdering etter samtale med Ola: innvilges med vilkår.',
      recommendation: 'approve_with_conditions',
      conditions: 'Kvartalsvis rapportering.',
      replaces: onA.assessment.current!.id,
    });
    expect(settled.assessment.parallel).toEqual([]);
    expect(settled.assessment.versions).toHaveLength(5);
    await shared(A, since, (p) => p.pending === 0);
  });

  it('a read-only desk is told at its connection test, and what its analyst writes stays queued, saying why', async () => {
    const R = await newDesk('Per Olsen', cluster.readOnly, '2026-03-02T11:00:00.000Z');
    try {
      expect(await ok<{ ok: boolean }>(A, 'connections:test', { profileId: A.profileId })).toMatchObject({ ok: true, warnings: [] });
      const test = await ok<{ ok: boolean; warnings: { reason: string }[] }>(R, 'connections:test', { profileId: R.profileId });
      expect(test.ok).toBe(true);
      expect(test.warnings.map((w) => w.reason)).toEqual(['team_role_cannot_share']);
      expect((await sync(R)).outcome).toBe('ok');
      // It reads what the others shared.
      expect((await workflowOf(R)).notes.map((n) => n.createdBy)).toEqual(['Kari Nordmann']);
      const since = R.app.events.length;
      await ok(R, 'workflow:addNote', { profileId: R.profileId, orgNr, text: 'Leses bare her.' });
      expect(await shared(R, since, (p) => p.pending === 1)).toMatchObject({ shared: 0, reason: 'team_database_permission' });
      expect((await workflowOf(R)).sharing).toMatchObject({ notes: 1, reason: 'team_database_permission' });
      // Its sync still copies; the note stays queued and on this desk only.
      expect((await sync(R)).outcome).toBe('ok');
      expect(queueOf(R)).toBe(1);
      expect(await inTeam('SELECT id FROM desk.note_versions WHERE author = $1', ['Per Olsen'])).toEqual([]);
    } finally {
      await R.app.close();
    }
  });

  it('a version sent twice (a crash after the commit, before the desk noted it) is stored once, and the queue empties', async () => {
    const cache = A.app.services.caches.open(A.profileId);
    tick(A, 1);
    const since = A.app.events.length;
    const w = await ok<BorrowerWorkflow>(A, 'workflow:addNote', { profileId: A.profileId, orgNr, text: 'Mottok kvartalsrapporten.' });
    const id = w.notes[0]!.current.id;
    const pushOnce = () => pushWorkflow({ cache, databaseUrl: cluster.url(database, A.role), password: A.role.password, clock: () => new Date(A.now.t) });
    await shared(A, since, (p) => p.pending === 0);
    expect(queueOf(A)).toBe(0);
    // The state a crash between the team database's commit and the desk's bookkeeping leaves: shared, and queued.
    cache.db.prepare("INSERT INTO workflow_outbox (kind, version_id, org_nr, queued_at) VALUES ('note', ?, ?, ?)").run(id, orgNr, w.notes[0]!.current.createdAt);
    expect(queueOf(A)).toBe(1);
    const again = await pushOnce();
    expect(again).toMatchObject({ shared: 1, pending: 0, refused: [], reason: null });
    expect((await inTeam<{ n: number }>('SELECT count(*)::int AS n FROM desk.note_versions WHERE id = $1', [id]))[0]!.n).toBe(1);

    // A different version under an id the team database already holds is not taken for it: it stays queued.
    const held = cache.workflow.versionRecord('note', id)!;
    const forged = '7d0a3f0e-4c55-4f5b-9a1e-2b8f6c1d9e01';
    await writer.pool.query(
      "INSERT INTO desk.note_versions (id, note_id, org_nr, replaces, text, deleted, author, created_at) VALUES ($1, $1, $2, NULL, 'Noe annet.', false, 'Per', '2026-03-02T12:00:00.000Z')",
      [forged, orgNr],
    );
    cache.workflow.write(() => {
      cache.workflow.addNoteVersion({ id: forged, noteId: forged, orgNr, replaces: null, text: 'Egen tekst.', deleted: false, author: A.analyst, createdAt: String(held['created_at']) });
      cache.workflow.queueForSharing('note', forged, orgNr, String(held['created_at']));
    });
    const taken = await pushOnce();
    expect(taken).toMatchObject({ shared: 0, pending: 1, refused: [{ versionId: forged, reason: 'version_id_taken' }], reason: 'version_id_taken' });
    expect((await inTeam<{ text: string }>('SELECT text FROM desk.note_versions WHERE id = $1', [forged]))[0]!.text).toBe('Noe annet.');
  });
});

describe('the replica of the analysts’ versions', () => {
  it('refuses a page with a version the app would not store (written past the app), copying nothing of it, and says which', async () => {
    const db = await cluster.createDatabase();
    const owner = poolFor(cluster, db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-replica-wf-'));
    const cache = openCache('strict', path.join(dir, 'strict.sqlite'));
    try {
      const c = await owner.pool.connect();
      try {
        await migrateTeamDatabase(c, { appVersion: 'test' });
      } finally {
        c.release();
      }
      await owner.pool.query("INSERT INTO desk.bank (client_id, name) VALUES ('bank-client', 'Demo Sparebank')");
      const good = '7d0a3f0e-4c55-4f5b-9a1e-2b8f6c1d9e11';
      const bad = '7d0a3f0e-4c55-4f5b-9a1e-2b8f6c1d9e12';
      const insert = 'INSERT INTO desk.note_versions (id, note_id, org_nr, text, deleted, author, created_at) VALUES ($1, $1, $2, $3, false, $4, $5)';
      await owner.pool.query(insert, [good, orgNr, 'Ringte daglig leder.', 'Kari Nordmann', '2026-03-02T09:00:00.000Z']);
      // The team database's checks let this through; the app's rule does not (a name is trimmed).
      await owner.pool.query(insert, [bad, orgNr, 'Et notat.', ' Kari Nordmann', '2026-03-02T09:01:00.000Z']);
      const r = await replicateTeam({
        profileId: 'strict',
        cache,
        runId: cache.syncRuns.start(new Date().toISOString()),
        databaseUrl: cluster.url(db, cluster.reader),
        password: cluster.reader.password,
        clock: () => new Date(),
      });
      expect(r.run.outcome).toBe('failed');
      expect(r.run.message).toContain(`note_versions ${bad}: author`);
      expect(cache.db.prepare('SELECT COUNT(*) AS n FROM note_versions').get()).toEqual({ n: 0 });
      expect(r.newVersions).toBe(0);
    } finally {
      cache.close();
      await owner.pool.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
