/**
 * The analyst's workflow on a real cache file: every change a new version stamped with the author and the time,
 * nothing changed in place, history whole, bad input and stale edits refused with their reason, and a write that
 * fails loses nothing already stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, contract, type Handlers } from '../../../../../shared/contract';
import { createDispatcher } from '../../../../../electron/core/dispatch';
import { workflowHandlers } from '../../../../../electron/core/handlers/workflow';
import { cachePackSource } from '../../../../../electron/services/export/cache-pack-source';
import type { StoredProfile } from '../../../../../electron/services/connections/profile-store';
import type { PackBorrower } from '../../../../../electron/services/export/pack-source';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../../../electron/services/portfolio/portfolio-service';
import { createFileLogger } from '../../../../../electron/services/log';
import { packWorkflow, WorkflowService } from '../../../../../electron/services/workflow/workflow-service';

const A = '923609016';
const B = '987654325';
const NOT_CACHED = '914789958';

let dir: string;
let caches: CacheRegistry;
let now: Date;
let author: string;
let svc: WorkflowService;

function relationship(orgNr: string, name: string) {
  return {
    relationshipId: `r-${orgNr}`,
    relationshipState: 'access_approved',
    borrowerCompanyName: name,
    borrowerCompanyOrgNr: orgNr,
    borrowerContactEmail: null,
    bankContactEmail: 'bank@bank.no',
    relationshipCreatedAt: '2025-01-01T00:00:00.000000',
  } as never;
}

/** Every stored row of the workflow tables, as SQLite holds them. */
function stored() {
  const db = caches.open('p').db;
  const out = {} as Record<'note_versions' | 'watch_versions' | 'assignment_versions' | 'assessment_versions', unknown[]>;
  for (const t of ['note_versions', 'watch_versions', 'assignment_versions', 'assessment_versions'] as const) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  return out;
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-workflow-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  now = new Date('2026-03-02T09:00:00.000Z');
  author = 'Kari Nordmann';
  svc = new WorkflowService({ caches, clock: () => now, author: () => author });
  const cache = caches.open('p');
  cache.relationships.upsert(A, relationship(A, 'Aurora Glass AS'), {}, '2026-03-01T00:00:00Z');
  cache.relationships.upsert(B, relationship(B, 'Bryggen Bakeri AS'), {}, '2026-03-01T00:00:00Z');
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('notes', () => {
  it('are signed with the analyst name and the time; an edit and a deletion are new versions and the history is whole', () => {
    const added = svc.addNote('p', A, '  Ringte daglig leder.\r\nRegnskap for 3. kvartal kommer fredag.  ');
    expect(added.notes).toHaveLength(1);
    const first = added.notes[0]!.current;
    expect(first).toMatchObject({ text: 'Ringte daglig leder.\nRegnskap for 3. kvartal kommer fredag.', author: 'Kari Nordmann', createdAt: '2026-03-02T09:00:00.000Z', replaces: null, deleted: false });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.noteId).toBe(first.id);
    const before = stored().note_versions;

    now = new Date('2026-03-03T10:00:00.000Z');
    author = 'Ola Hansen';
    const edited = svc.editNote('p', A, first.noteId, first.id, 'Ringte daglig leder. Regnskap kommer mandag.');
    const note = edited.notes[0]!;
    expect(note.current).toMatchObject({ text: 'Ringte daglig leder. Regnskap kommer mandag.', author: 'Ola Hansen', replaces: first.id });
    expect(note.versions.map((v) => v.id)).toEqual([note.current.id, first.id]);
    // Who wrote the note first, and when, stays with it.
    expect(note).toMatchObject({ createdBy: 'Kari Nordmann', createdAt: '2026-03-02T09:00:00.000Z' });
    // The first version is still there, byte for byte.
    expect(stored().note_versions.slice(0, 1)).toEqual(before);
    expect(edited.summary.latestNote).toEqual({ text: 'Ringte daglig leder. Regnskap kommer mandag.', author: 'Ola Hansen', createdAt: '2026-03-03T10:00:00.000Z' });

    const deleted = svc.deleteNote('p', A, first.noteId, note.current.id);
    expect(deleted.notes[0]!.current).toMatchObject({ deleted: true, text: 'Ringte daglig leder. Regnskap kommer mandag.', replaces: note.current.id });
    expect(deleted.notes[0]!.versions).toHaveLength(3);
    expect(deleted.summary.latestNote).toBeNull();
    expect(stored().note_versions).toHaveLength(3);
  });

  it('refuses an edit made on a version no longer current, a deleted note and another borrower’s note, writing nothing', () => {
    const n = svc.addNote('p', A, 'Første utkast').notes[0]!.current;
    const second = svc.editNote('p', A, n.noteId, n.id, 'Andre utkast').notes[0]!.current;
    const before = stored();

    const stale = refusal(() => svc.editNote('p', A, n.noteId, n.id, 'Overskriver det andre utkastet'));
    expect(stale).toMatchObject({ code: 'conflict', details: { reason: 'changed_elsewhere', what: 'note', current: second.id, author: 'Kari Nordmann' } });
    expect(refusal(() => svc.editNote('p', B, n.noteId, second.id, 'x'))).toMatchObject({ code: 'not_found', details: { reason: 'note_not_found' } });
    svc.deleteNote('p', A, n.noteId, second.id);
    const head = svc.borrower('p', A).notes[0]!.current;
    expect(refusal(() => svc.editNote('p', A, n.noteId, head.id, 'x'))).toMatchObject({ code: 'conflict', details: { reason: 'note_deleted' } });
    expect(stored().note_versions.slice(0, 2)).toEqual(before.note_versions);
    // Saving the text it already has writes nothing.
    const again = svc.addNote('p', A, 'Nytt').notes[0]!.current;
    const count = stored().note_versions.length;
    svc.editNote('p', A, again.noteId, again.id, 'Nytt');
    expect(stored().note_versions).toHaveLength(count);
  });

  it('refuses bad text with its reason and the values its wording needs', () => {
    expect(refusal(() => svc.addNote('p', A, '   \n '))).toMatchObject({ code: 'invalid_input', details: { field: 'text', reason: 'text_empty' } });
    expect(refusal(() => svc.addNote('p', A, 'x'.repeat(10_001)))).toMatchObject({ details: { reason: 'text_too_long', max: 10_000, length: 10_001 } });
    expect(refusal(() => svc.addNote('p', A, 'Kontoen er \u202Eok'))).toMatchObject({ details: { reason: 'bidi_control', codePoint: 'U+202E' } });
    expect(refusal(() => svc.addNote('p', A, 'Escape \u001b[2J'))).toMatchObject({ details: { reason: 'control_character', codePoint: 'U+001B' } });
    expect(refusal(() => svc.addNote('p', NOT_CACHED, 'Hei'))).toMatchObject({ code: 'not_found', details: { reason: 'borrower_not_cached' } });
    // Several lines and a tab are text, not a problem.
    expect(svc.addNote('p', A, 'Punkt 1:\tlikviditet\nPunkt 2:\tsikkerhet').notes).toHaveLength(1);
    expect(stored().note_versions).toHaveLength(1);
  });
});

describe('the watch-list', () => {
  it('goes on with a reason and a review date, since the version that put it there; off again is a version too', () => {
    const on = svc.setWatch('p', A, { reason: 'Svak likviditet', reviewDate: '2026-04-15' }, null);
    expect(on.summary.watch).toEqual({ reason: 'Svak likviditet', reviewDate: '2026-04-15', addedBy: 'Kari Nordmann', addedAt: '2026-03-02T09:00:00.000Z', overdue: false });

    now = new Date('2026-03-10T08:00:00.000Z');
    author = 'Ola Hansen';
    const moved = svc.setWatch('p', A, { reason: 'Svak likviditet; venter på kvartalstall', reviewDate: '2026-05-01' }, on.watch.current!.id);
    // Still on the list since the first version; the reason and the date are the newest.
    expect(moved.summary.watch).toMatchObject({ reason: 'Svak likviditet; venter på kvartalstall', reviewDate: '2026-05-01', addedBy: 'Kari Nordmann', addedAt: '2026-03-02T09:00:00.000Z' });
    expect(moved.watch.versions.map((v) => v.author)).toEqual(['Ola Hansen', 'Kari Nordmann']);

    // The day after the review date the review is overdue, on the borrower and in the portfolio's list.
    now = new Date('2026-05-02T06:00:00.000Z');
    expect(svc.borrower('p', A).summary.watch?.overdue).toBe(true);
    expect(svc.portfolio('p')).toMatchObject({ today: '2026-05-02', watched: 1, overdue: 1, items: [{ orgNr: A, watch: { overdue: true, reviewDate: '2026-05-01' } }] });

    const off = svc.setWatch('p', A, null, moved.watch.current!.id);
    expect(off.summary.watch).toBeNull();
    expect(off.watch.current).toMatchObject({ watched: false, reviewDate: null });
    expect(off.watch.versions).toHaveLength(3);
    expect(svc.portfolio('p')).toMatchObject({ watched: 0, overdue: 0, items: [] });
    // Taking it off again changes nothing.
    svc.setWatch('p', A, null, off.watch.current!.id);
    expect(stored().watch_versions).toHaveLength(3);
  });

  it('is due on its review date (Oslo time), not overdue until the day after', () => {
    svc.setWatch('p', A, { reason: 'Brudd på EK-krav', reviewDate: '2026-03-31' }, null);
    // 23:30 UTC on 30 March is already 31 March in Oslo (summer time from 29 March 2026).
    now = new Date('2026-03-30T23:30:00.000Z');
    expect(svc.borrower('p', A)).toMatchObject({ today: '2026-03-31', summary: { watch: { overdue: false } } });
    now = new Date('2026-03-31T22:30:00.000Z');
    expect(svc.borrower('p', A)).toMatchObject({ today: '2026-04-01', summary: { watch: { overdue: true } } });
  });

  it('refuses a review date in the past, too far ahead or not a date, and an empty or multi-line reason', () => {
    expect(refusal(() => svc.setWatch('p', A, { reason: 'x', reviewDate: '2026-03-01' }, null))).toMatchObject({
      code: 'invalid_input',
      details: { field: 'reviewDate', reason: 'review_date_past', today: '2026-03-02' },
    });
    expect(refusal(() => svc.setWatch('p', A, { reason: 'x', reviewDate: '2031-03-03' }, null))).toMatchObject({ details: { reason: 'review_date_too_far', latest: '2031-03-02' } });
    expect(refusal(() => svc.setWatch('p', A, { reason: 'x', reviewDate: '2026-02-30' }, null))).toMatchObject({ details: { reason: 'review_date_invalid' } });
    expect(refusal(() => svc.setWatch('p', A, { reason: '  ', reviewDate: '2026-04-01' }, null))).toMatchObject({ details: { field: 'reason', reason: 'text_empty' } });
    expect(refusal(() => svc.setWatch('p', A, { reason: 'to\nlinjer', reviewDate: '2026-04-01' }, null))).toMatchObject({ details: { reason: 'line_break' } });
    // Today itself is a review date.
    expect(svc.setWatch('p', A, { reason: 'Følges tett', reviewDate: '2026-03-02' }, null).summary.watch?.reviewDate).toBe('2026-03-02');
  });
});

describe('assignment', () => {
  it('to a saksbehandler by name, changed and cleared as versions; the same name again writes nothing; a stale change is refused', () => {
    const a = svc.assign('p', A, ' Ola Hansen ', null);
    expect(a.summary.assignedTo).toBe('Ola Hansen');
    expect(a.assignment.current).toMatchObject({ assignee: 'Ola Hansen', author: 'Kari Nordmann' });
    svc.assign('p', A, 'Ola Hansen', a.assignment.current!.id);
    expect(stored().assignment_versions).toHaveLength(1);
    const b = svc.assign('p', A, 'Per Olsen', a.assignment.current!.id);
    expect(refusal(() => svc.assign('p', A, 'Noen andre', a.assignment.current!.id))).toMatchObject({ code: 'conflict', details: { reason: 'changed_elsewhere', what: 'assignment' } });
    expect(refusal(() => svc.assign('p', B, 'Per Olsen', a.assignment.current!.id))).toMatchObject({ code: 'conflict', details: { current: null } });
    const c = svc.assign('p', A, null, b.assignment.current!.id);
    expect(c.summary.assignedTo).toBeNull();
    expect(c.assignment.versions.map((v) => v.assignee)).toEqual([null, 'Per Olsen', 'Ola Hansen']);
  });
});

describe('the assessment', () => {
  it('every save a version with its author and time; the pack gets the current one with how many versions it had', async () => {
    const first = svc.saveAssessment('p', A, { comment: 'God drift, svak likviditet.', recommendation: 'approve_with_conditions', conditions: 'Kvartalsvis rapportering.' }, null);
    expect(first.assessment.current).toMatchObject({ recommendation: 'approve_with_conditions', author: 'Kari Nordmann', createdAt: '2026-03-02T09:00:00.000Z', replaces: null });
    now = new Date('2026-03-04T12:00:00.000Z');
    author = 'Ola Hansen';
    const second = svc.saveAssessment('p', A, { comment: 'God drift.\nLikviditeten er bedret.', recommendation: 'approve', conditions: '' }, first.assessment.current!.id);
    expect(second.assessment.versions.map((v) => v.recommendation)).toEqual(['approve', 'approve_with_conditions']);
    expect(refusal(() => svc.saveAssessment('p', A, { comment: 'Avslås.', recommendation: 'decline', conditions: '' }, first.assessment.current!.id))).toMatchObject({
      code: 'conflict',
      details: { reason: 'changed_elsewhere', what: 'assessment', author: 'Ola Hansen' },
    });

    svc.setWatch('p', A, { reason: 'Svak likviditet', reviewDate: '2026-06-30' }, null);
    svc.assign('p', A, 'Per Olsen', null);
    for (let i = 1; i <= 7; i++) {
      now = new Date(`2026-03-04T12:0${i}:00.000Z`);
      svc.addNote('p', A, `Notat ${i}`);
    }
    const profile = { id: 'p', name: 'P', environment: 'production', apiBaseUrl: 'https://api.symetrisk.com/api/v1', bankName: null, bankOrgNr: null } as StoredProfile;
    const source = await cachePackSource({ openCache: (id) => caches.open(id), profile: () => profile, clock: () => now })('p', undefined);
    const [a, b] = [...(source.borrowers() as Iterable<PackBorrower>)];
    expect(a).toMatchObject({
      orgNr: A,
      assessment: { comment: 'God drift.\nLikviditeten er bedret.', recommendation: 'approve', conditions: '', author: 'Ola Hansen', updatedAt: '2026-03-04T12:00:00.000Z', historyLength: 1 },
      watch: { reason: 'Svak likviditet', reviewDate: '2026-06-30', addedBy: 'Ola Hansen', addedAt: '2026-03-04T12:00:00.000Z' },
      assignedTo: 'Per Olsen',
    });
    expect(a!.notes!.map((n) => n.text)).toEqual(['Notat 7', 'Notat 6', 'Notat 5', 'Notat 4', 'Notat 3']);
    // Nothing written about a borrower is said as such: no assessment, not on the list, nobody, no notes.
    expect(b).toMatchObject({ orgNr: B, assessment: null, watch: null, assignedTo: null, notes: [] });
  });

  it('refuses what a committee could not act on, with the field and the reason', () => {
    const cases: [Parameters<WorkflowService['saveAssessment']>[2], string, string][] = [
      [{ comment: '', recommendation: null, conditions: '' }, 'comment', 'assessment_empty'],
      [{ comment: '  ', recommendation: 'approve', conditions: '' }, 'comment', 'comment_required'],
      [{ comment: 'Ok.', recommendation: 'approve_with_conditions', conditions: ' ' }, 'conditions', 'conditions_required'],
      [{ comment: 'Ok.', recommendation: 'decline', conditions: 'Pant i eiendom' }, 'conditions', 'conditions_not_expected'],
      [{ comment: 'x'.repeat(20_001), recommendation: null, conditions: '' }, 'comment', 'text_too_long'],
      [{ comment: 'Ok.', recommendation: null, conditions: 'NUL\u0000' }, 'conditions', 'nul_character'],
    ];
    for (const [input, field, reason] of cases) expect(refusal(() => svc.saveAssessment('p', A, input, null)), reason).toMatchObject({ code: 'invalid_input', details: { field, reason } });
    // A draft with a comment and no recommendation yet is kept.
    expect(svc.saveAssessment('p', A, { comment: 'Utkast.', recommendation: null, conditions: '' }, null).assessment.current?.recommendation).toBeNull();
    expect(stored().assessment_versions).toHaveLength(1);
  });
});

describe('through the contract and the portfolio', () => {
  it('refuses bad input before the service with the rule’s reason, and the rows carry the workflow', async () => {
    const dispatch = createDispatcher(workflowHandlers(svc) as Handlers, { validateOutput: true });
    const ctx = { host: 'test' as const };
    const twoLines = await dispatch('workflow:assign', { profileId: 'p', orgNr: A, assignee: 'Ola\nHansen', replaces: null }, ctx);
    expect(twoLines).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path: 'assignee', reason: 'line_break' }] } } });
    const noConditions = await dispatch('workflow:saveAssessment', { profileId: 'p', orgNr: A, comment: 'Ok.', recommendation: 'approve_with_conditions', conditions: '', replaces: null }, ctx);
    expect(noConditions).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'conditions', reason: 'conditions_required' }] } } });
    expect(await dispatch('workflow:setWatch', { profileId: 'p', orgNr: A, watch: { reason: 'x', reviewDate: '31.12.2026' }, replaces: null }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('workflow:editNote', { profileId: 'p', orgNr: A, noteId: 'not-a-uuid', replaces: 'x', text: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(stored()).toEqual({ note_versions: [], watch_versions: [], assignment_versions: [], assessment_versions: [] });

    const saved = await dispatch('workflow:setWatch', { profileId: 'p', orgNr: A, watch: { reason: 'Svak likviditet', reviewDate: '2026-04-01' }, replaces: null }, ctx);
    expect(saved).toMatchObject({ ok: true });
    await dispatch('workflow:assign', { profileId: 'p', orgNr: B, assignee: 'Ola Hansen', replaces: null }, ctx);

    const portfolio = new PortfolioService({ caches, clock: () => now, log: createFileLogger(dir) });
    const rows = portfolio.list('p');
    expect(contract['portfolio:list'].output.safeParse(rows).success).toBe(true);
    expect(rows.map((r) => [r.orgNr, r.workflow?.watch?.reviewDate ?? null, r.workflow?.assignedTo ?? null])).toEqual([
      [A, '2026-04-01', null],
      [B, null, 'Ola Hansen'],
    ]);
    expect(portfolio.borrower('p', A).row?.workflow?.watch).toMatchObject({ reason: 'Svak likviditet', overdue: false });
  });
});

describe('a write that fails', () => {
  it('keeps everything already stored and says why: the disk is full', () => {
    const n = svc.addNote('p', A, 'Kort notat').notes[0]!.current;
    svc.saveAssessment('p', A, { comment: 'God drift.', recommendation: 'approve', conditions: '' }, null);
    const before = stored();
    const db = caches.open('p').db;
    // The file may not grow by another page: SQLite's own "database or disk is full".
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const e = refusal(() => svc.editNote('p', A, n.noteId, n.id, 'Et langt notat. '.repeat(600)));
    expect(e).toMatchObject({ code: 'storage', details: { reason: 'disk_full', what: 'note' } });
    expect(e.message).toMatch(/Nothing already saved was lost/);
    expect(stored()).toEqual(before);
    expect(svc.borrower('p', A).notes[0]!.current).toMatchObject({ id: n.id, text: 'Kort notat' });
  });
});

describe('team mode: the queue of versions to share', () => {
  /** A service for which profile "p" is a team connection, recording when it is told to push. */
  function sharingService() {
    const told: string[] = [];
    const s = new WorkflowService({ caches, clock: () => now, author: () => author, sharing: { shares: (id) => id === 'p', saved: (id) => void told.push(id) } });
    return { s, told };
  }
  const queue = () => caches.open('p').db.prepare('SELECT kind, version_id, org_nr, queued_at, attempts, last_reason FROM workflow_outbox ORDER BY seq').all();

  it('queues each new version with the write that makes it, says what is not shared yet, and asks for a push', () => {
    const { s, told } = sharingService();
    const w1 = s.addNote('p', A, 'Ringte daglig leder.');
    const note = w1.notes[0]!.current;
    expect(w1.sharing).toEqual({ notes: 1, watch: false, assignment: false, assessment: false, versions: [note.id], reason: null, lastAttemptAt: null });
    const w2 = s.saveAssessment('p', A, { comment: 'God drift.', recommendation: 'approve', conditions: '' }, null);
    const assessment = w2.assessment.current!;
    s.editNote('p', A, note.noteId, note.id, 'Ringte daglig leder i dag.');
    s.setWatch('p', B, { reason: 'Svak likviditet', reviewDate: '2026-06-30' }, null);
    const edit = s.borrower('p', A).notes[0]!.current;
    expect(queue()).toEqual([
      { kind: 'note', version_id: note.id, org_nr: A, queued_at: '2026-03-02T09:00:00.000Z', attempts: 0, last_reason: null },
      { kind: 'assessment', version_id: assessment.id, org_nr: A, queued_at: '2026-03-02T09:00:00.000Z', attempts: 0, last_reason: null },
      { kind: 'note', version_id: edit.id, org_nr: A, queued_at: '2026-03-02T09:00:00.000Z', attempts: 0, last_reason: null },
      { kind: 'watch', version_id: expect.any(String), org_nr: B, queued_at: '2026-03-02T09:00:00.000Z', attempts: 0, last_reason: null },
    ]);
    expect(told).toEqual(['p', 'p', 'p', 'p']);
    // One note with two versions waiting is one note not shared.
    expect(s.borrower('p', A).sharing).toMatchObject({ notes: 1, assessment: true, watch: false, versions: [note.id, assessment.id, edit.id] });

    // A save that writes nothing queues nothing and asks for nothing.
    s.editNote('p', A, note.noteId, edit.id, 'Ringte daglig leder i dag.');
    expect(queue()).toHaveLength(4);
    expect(told).toHaveLength(4);
    // Why the last attempt did not share them is said with them.
    caches.open('p').workflow.markWaiting(0, 'team_database_unreachable', '2026-03-02T09:05:00.000Z');
    expect(s.borrower('p', A).sharing).toMatchObject({ reason: 'team_database_unreachable', lastAttemptAt: '2026-03-02T09:05:00.000Z' });
  });

  it('a refused change queues nothing; another connection’s versions are not queued and carry no sharing summary', () => {
    const { s, told } = sharingService();
    const n = s.addNote('p', A, 'Første utkast').notes[0]!.current;
    s.editNote('p', A, n.noteId, n.id, 'Andre utkast');
    expect(() => s.editNote('p', A, n.noteId, n.id, 'Overskriver')).toThrow(AppError);
    expect(queue()).toHaveLength(2);
    expect(told).toHaveLength(2);

    const other = caches.open('q');
    other.relationships.upsert(A, relationship(A, 'Aurora Glass AS'), {}, '2026-03-01T00:00:00Z');
    const w = s.addNote('q', A, 'På en vanlig tilkobling.');
    expect(w.sharing).toBeUndefined();
    expect(other.db.prepare('SELECT COUNT(*) AS n FROM workflow_outbox').get()).toEqual({ n: 0 });
    expect(told).toHaveLength(2);
  });

  it('two versions over the same one (from another desk) are both kept: the newer is current, the other open beside it until written over', () => {
    const { s } = sharingService();
    const base = s.saveAssessment('p', A, { comment: 'Utkast.', recommendation: null, conditions: '' }, null).assessment.current!;
    // The other desk's version, as the replica copies it in: written a minute later over the same version.
    const repo = caches.open('p').workflow;
    const theirs = { id: 'f0f0f0f0-0000-4000-8000-000000000001', orgNr: A, replaces: base.id, author: 'Ola Hansen', createdAt: '2026-03-02T09:01:00.000Z' };
    repo.write(() => repo.addAssessmentVersion({ ...theirs, comment: 'Avslås.', recommendation: 'decline', conditions: '' }));
    now = new Date('2026-03-02T09:00:30.000Z');
    // This desk saved over the same version before it had seen theirs (as it would have offline).
    repo.write(() =>
      repo.addAssessmentVersion({ id: 'f0f0f0f0-0000-4000-8000-000000000002', orgNr: A, replaces: base.id, author: 'Kari Nordmann', createdAt: '2026-03-02T09:00:30.000Z', comment: 'Innvilges.', recommendation: 'approve', conditions: '' }),
    );
    const w = s.borrower('p', A);
    expect(w.assessment.current?.id).toBe(theirs.id);
    expect(w.assessment.parallel?.map((v) => v.id)).toEqual(['f0f0f0f0-0000-4000-8000-000000000002']);
    expect(w.assessment.versions).toHaveLength(3);
    expect(packWorkflow(caches.open('p').workflow, A, '2026-03-02').assessment).toMatchObject({ recommendation: 'decline', author: 'Ola Hansen', historyLength: 2 });

    now = new Date('2026-03-02T09:10:00.000Z');
    const settled = s.saveAssessment('p', A, { comment: 'Innvilges etter samtale.', recommendation: 'approve', conditions: '' }, theirs.id);
    expect(settled.assessment.parallel).toEqual([]);
    expect(settled.assessment.versions).toHaveLength(4);
  });
});
