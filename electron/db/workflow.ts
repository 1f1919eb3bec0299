import type { AssessmentVersion, AssignmentVersion, NoteVersion, WatchVersion } from '../../shared/contract/dto';
import type { Recommendation } from '../../shared/workflow';
import type { Db } from './connection';

/** The four chains of versions a borrower's workflow is made of (migration 0006). */
export type ChainKind = 'watch' | 'assignment' | 'assessment';
const TABLE: Record<ChainKind | 'note', string> = {
  note: 'note_versions',
  watch: 'watch_versions',
  assignment: 'assignment_versions',
  assessment: 'assessment_versions',
};

interface Meta {
  id: string;
  replaces: string | null;
  author: string;
  created_at: string;
}
interface NoteRecord extends Meta {
  note_id: string;
  org_nr: string;
  text: string;
  deleted: number;
}
interface WatchRecord extends Meta {
  org_nr: string;
  watched: number;
  reason: string;
  review_date: string | null;
}
interface AssignmentRecord extends Meta {
  org_nr: string;
  assignee: string | null;
}
interface AssessmentRecord extends Meta {
  org_nr: string;
  comment: string;
  recommendation: Recommendation | null;
  conditions: string;
}

const meta = (r: Meta) => ({ id: r.id, replaces: r.replaces, author: r.author, createdAt: r.created_at });
const toNote = (r: NoteRecord): NoteVersion => ({ ...meta(r), noteId: r.note_id, text: r.text, deleted: r.deleted === 1 });
const toWatch = (r: WatchRecord): WatchVersion => ({ ...meta(r), watched: r.watched === 1, reason: r.reason, reviewDate: r.review_date });
const toAssignment = (r: AssignmentRecord): AssignmentVersion => ({ ...meta(r), assignee: r.assignee });
const toAssessment = (r: AssessmentRecord): AssessmentVersion => ({ ...meta(r), comment: r.comment, recommendation: r.recommendation, conditions: r.conditions });

/** A version as written: its id and time are made by the caller (the service), never here. */
export interface NewVersion {
  id: string;
  orgNr: string;
  replaces: string | null;
  author: string;
  createdAt: string;
}

/** A version's current state is its head: no other version replaces it. Of several heads (a conflict), the newest. */
const HEAD = (t: string) => `NOT EXISTS (SELECT 1 FROM ${t} AS n WHERE n.replaces = v.id)`;
/** Newest first; the rowid orders versions written in the same millisecond. */
const NEWEST = 'ORDER BY v.created_at DESC, v.rowid DESC';

/**
 * The analyst's notes, watch-list, assignments and assessments: append-only tables of versions (migration 0006).
 * Reads return the DTOs of shared/contract; writes insert one version each and never change one.
 */
export function workflowRepo(db: Db) {
  const stmts = {
    notesOf: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.org_nr = ? ${NEWEST}`),
    noteHead: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.note_id = ? AND ${HEAD('note_versions')} ${NEWEST} LIMIT 1`),
    insertNote: db.prepare(
      'INSERT INTO note_versions (id, note_id, org_nr, replaces, text, deleted, author, created_at) VALUES (@id, @noteId, @orgNr, @replaces, @text, @deleted, @author, @createdAt)',
    ),
    insertWatch: db.prepare(
      'INSERT INTO watch_versions (id, org_nr, replaces, watched, reason, review_date, author, created_at) VALUES (@id, @orgNr, @replaces, @watched, @reason, @reviewDate, @author, @createdAt)',
    ),
    insertAssignment: db.prepare(
      'INSERT INTO assignment_versions (id, org_nr, replaces, assignee, author, created_at) VALUES (@id, @orgNr, @replaces, @assignee, @author, @createdAt)',
    ),
    insertAssessment: db.prepare(
      'INSERT INTO assessment_versions (id, org_nr, replaces, comment, recommendation, conditions, author, created_at) VALUES (@id, @orgNr, @replaces, @comment, @recommendation, @conditions, @author, @createdAt)',
    ),
    allWatch: db.prepare(`SELECT v.* FROM watch_versions AS v ${NEWEST}`),
    // Heads across the portfolio, newest first: the first per borrower is its current version.
    assignmentHeads: db.prepare(`SELECT v.* FROM assignment_versions AS v WHERE ${HEAD('assignment_versions')} ${NEWEST}`),
    liveNoteHeads: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.deleted = 0 AND ${HEAD('note_versions')} ${NEWEST}`),
  };
  const chain = (kind: ChainKind) => ({
    of: db.prepare(`SELECT v.* FROM ${TABLE[kind]} AS v WHERE v.org_nr = ? ${NEWEST}`),
    head: db.prepare(`SELECT v.* FROM ${TABLE[kind]} AS v WHERE v.org_nr = ? AND ${HEAD(TABLE[kind])} ${NEWEST} LIMIT 1`),
  });
  const chains = { watch: chain('watch'), assignment: chain('assignment'), assessment: chain('assessment') };
  const firstPerBorrower = <R extends { org_nr: string }>(rows: R[]): Map<string, R> => {
    const out = new Map<string, R>();
    for (const r of rows) if (!out.has(r.org_nr)) out.set(r.org_nr, r);
    return out;
  };

  return {
    /** Runs `fn` as one write transaction (BEGIN IMMEDIATE): a check of the current version and the insert after it. */
    write<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },

    /** Every version of every note of a borrower, newest first. */
    noteVersionsOf(orgNr: string): NoteVersion[] {
      return (stmts.notesOf.all(orgNr) as NoteRecord[]).map(toNote);
    },
    /** The current version of a note, with the borrower it is about; undefined for a note that does not exist. */
    noteHead(noteId: string): (NoteVersion & { orgNr: string }) | undefined {
      const r = stmts.noteHead.get(noteId) as NoteRecord | undefined;
      return r ? { ...toNote(r), orgNr: r.org_nr } : undefined;
    },
    addNoteVersion(v: NewVersion & { noteId: string; text: string; deleted: boolean }): void {
      stmts.insertNote.run({ ...v, deleted: v.deleted ? 1 : 0 });
    },

    watchVersionsOf(orgNr: string): WatchVersion[] {
      return (chains.watch.of.all(orgNr) as WatchRecord[]).map(toWatch);
    },
    watchHead(orgNr: string): WatchVersion | undefined {
      const r = chains.watch.head.get(orgNr) as WatchRecord | undefined;
      return r && toWatch(r);
    },
    addWatchVersion(v: NewVersion & { watched: boolean; reason: string; reviewDate: string | null }): void {
      stmts.insertWatch.run({ ...v, watched: v.watched ? 1 : 0 });
    },

    assignmentVersionsOf(orgNr: string): AssignmentVersion[] {
      return (chains.assignment.of.all(orgNr) as AssignmentRecord[]).map(toAssignment);
    },
    assignmentHead(orgNr: string): AssignmentVersion | undefined {
      const r = chains.assignment.head.get(orgNr) as AssignmentRecord | undefined;
      return r && toAssignment(r);
    },
    addAssignmentVersion(v: NewVersion & { assignee: string | null }): void {
      stmts.insertAssignment.run(v);
    },

    assessmentVersionsOf(orgNr: string): AssessmentVersion[] {
      return (chains.assessment.of.all(orgNr) as AssessmentRecord[]).map(toAssessment);
    },
    assessmentHead(orgNr: string): AssessmentVersion | undefined {
      const r = chains.assessment.head.get(orgNr) as AssessmentRecord | undefined;
      return r && toAssessment(r);
    },
    addAssessmentVersion(v: NewVersion & { comment: string; recommendation: Recommendation | null; conditions: string }): void {
      stmts.insertAssessment.run(v);
    },

    /** Every watch-list version of the portfolio by borrower, newest first (a short table: one row per change). */
    watchVersionsByBorrower(): Map<string, WatchVersion[]> {
      const out = new Map<string, WatchVersion[]>();
      for (const r of stmts.allWatch.all() as WatchRecord[]) {
        let list = out.get(r.org_nr);
        if (!list) out.set(r.org_nr, (list = []));
        list.push(toWatch(r));
      }
      return out;
    },
    /** The current assignment per borrower that has one (its newest head). */
    currentAssignments(): Map<string, AssignmentVersion> {
      return new Map([...firstPerBorrower(stmts.assignmentHeads.all() as AssignmentRecord[])].map(([k, r]) => [k, toAssignment(r)]));
    },
    /** The newest current version of a note that is not deleted, per borrower that has one. */
    latestNotes(): Map<string, NoteVersion> {
      return new Map([...firstPerBorrower(stmts.liveNoteHeads.all() as NoteRecord[])].map(([k, r]) => [k, toNote(r)]));
    },
  };
}
export type WorkflowRepo = ReturnType<typeof workflowRepo>;
