import type { AssessmentVersion, AssignmentVersion, NoteVersion, WatchVersion } from '../../shared/contract/dto';
import type { Recommendation } from '../../shared/workflow';
import type Database from 'better-sqlite3';
import type { Db } from './connection';

/** The four chains of versions a borrower's workflow is made of (migration 0006). */
export type ChainKind = 'watch' | 'assignment' | 'assessment';
/** Which table a version is in: a note's, or one of the borrower's chains. */
export type VersionKind = ChainKind | 'note';
export const VERSION_TABLES: Readonly<Record<VersionKind, string>> = {
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
 * Of several heads, the newest, and of two as new, the greater id (shared/workflow.ts, currentVersion): heads arise
 * on different desks, whose rowids differ, and every desk must show the same one.
 */
const NEWEST_HEAD = 'ORDER BY v.created_at DESC, v.id DESC';

/** A version waiting to be shared with the team database (migration 0007), in the order it was written. */
export interface OutboxEntry {
  seq: number;
  kind: VersionKind;
  versionId: string;
  orgNr: string;
  queuedAt: string;
  attempts: number;
  /** Why the last attempt did not share it (details.reason); null before the first attempt. */
  lastReason: string | null;
}
interface OutboxRecord {
  seq: number;
  kind: VersionKind;
  version_id: string;
  org_nr: string;
  queued_at: string;
  attempts: number;
  last_reason: string | null;
}
const toOutbox = (r: OutboxRecord): OutboxEntry => ({
  seq: r.seq,
  kind: r.kind,
  versionId: r.version_id,
  orgNr: r.org_nr,
  queuedAt: r.queued_at,
  attempts: r.attempts,
  lastReason: r.last_reason,
});

/** A borrower's versions not shared yet, with the note each note version belongs to. */
export interface UnsharedVersion {
  kind: VersionKind;
  versionId: string;
  /** For a note's version, the note (its first version's id). */
  noteId: string | null;
  lastReason: string | null;
  lastAttemptAt: string | null;
}

/**
 * The analyst's notes, watch-list, assignments and assessments: append-only tables of versions (migration 0006).
 * Reads return the DTOs of shared/contract; writes insert one version each and never change one.
 */
export function workflowRepo(db: Db) {
  const stmts = {
    notesOf: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.org_nr = ? ${NEWEST}`),
    noteHead: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.note_id = ? AND ${HEAD('note_versions')} ${NEWEST_HEAD} LIMIT 1`),
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
    assignmentHeads: db.prepare(`SELECT v.* FROM assignment_versions AS v WHERE ${HEAD('assignment_versions')} ${NEWEST_HEAD}`),
    liveNoteHeads: db.prepare(`SELECT v.* FROM note_versions AS v WHERE v.deleted = 0 AND ${HEAD('note_versions')} ${NEWEST_HEAD}`),
  };
  const chain = (kind: ChainKind) => ({
    of: db.prepare(`SELECT v.* FROM ${VERSION_TABLES[kind]} AS v WHERE v.org_nr = ? ${NEWEST}`),
    head: db.prepare(`SELECT v.* FROM ${VERSION_TABLES[kind]} AS v WHERE v.org_nr = ? AND ${HEAD(VERSION_TABLES[kind])} ${NEWEST_HEAD} LIMIT 1`),
  });
  const chains = { watch: chain('watch'), assignment: chain('assignment'), assessment: chain('assessment') };
  const kinds = Object.keys(VERSION_TABLES) as VersionKind[];
  const versionRow = Object.fromEntries(kinds.map((k) => [k, db.prepare(`SELECT * FROM ${VERSION_TABLES[k]} WHERE id = ?`)])) as Record<VersionKind, Database.Statement>;
  // Prepared on first use: the repository also serves files at schema 6 (the upgrade tests), before the queue exists.
  let prepared: ReturnType<typeof outboxStatements> | undefined;
  const outboxStatements = () => ({
    queue: db.prepare('INSERT INTO workflow_outbox (kind, version_id, org_nr, queued_at) VALUES (?, ?, ?, ?) ON CONFLICT (version_id) DO NOTHING'),
    next: db.prepare('SELECT * FROM workflow_outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
    remove: db.prepare('DELETE FROM workflow_outbox WHERE version_id = ?'),
    attempt: db.prepare('UPDATE workflow_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_reason = ? WHERE version_id = ?'),
    waiting: db.prepare('UPDATE workflow_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_reason = ? WHERE seq > ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM workflow_outbox'),
    of: db.prepare(
      `SELECT o.kind, o.version_id, o.last_reason, o.last_attempt_at, n.note_id
       FROM workflow_outbox AS o LEFT JOIN note_versions AS n ON o.kind = 'note' AND n.id = o.version_id
       WHERE o.org_nr = ? ORDER BY o.seq`,
    ),
  });
  const outbox = () => (prepared ??= outboxStatements());
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

    /** Whether a version is stored (the service's check that a change wrote one). */
    hasVersion(kind: VersionKind, id: string): boolean {
      return versionRow[kind].get(id) !== undefined;
    },
    /** A version as its table stores it (column names as in SQL), for sending it elsewhere unchanged. */
    versionRecord(kind: VersionKind, id: string): Record<string, unknown> | undefined {
      return versionRow[kind].get(id) as Record<string, unknown> | undefined;
    },

    // ---- the outbox: versions not yet shared with the team database (migration 0007) -----------------------

    /** Queues a version for the team database; call in the transaction that wrote it. Queuing one twice is a no-op. */
    queueForSharing(kind: VersionKind, versionId: string, orgNr: string, at: string): void {
      outbox().queue.run(kind, versionId, orgNr, at);
    },
    /** Up to `limit` queued versions after `afterSeq`, in the order they were written. */
    outbox(limit: number, afterSeq = 0): OutboxEntry[] {
      return (outbox().next.all(afterSeq, limit) as OutboxRecord[]).map(toOutbox);
    },
    /** The team database holds these versions: they leave the queue (in one transaction). */
    markShared(versionIds: readonly string[]): void {
      if (versionIds.length === 0) return;
      db.transaction(() => {
        for (const id of versionIds) outbox().remove.run(id);
      })();
    },
    /** An attempt that did not share these versions, and why (details.reason). */
    markAttempt(versionIds: readonly string[], reason: string, at: string): void {
      if (versionIds.length === 0) return;
      db.transaction(() => {
        for (const id of versionIds) outbox().attempt.run(at, reason, id);
      })();
    },
    /** An attempt that stopped before it could send the versions queued after `afterSeq`, and why. */
    markWaiting(afterSeq: number, reason: string, at: string): void {
      outbox().waiting.run(at, reason, afterSeq);
    },
    /** How many versions wait to be shared. */
    unsharedCount(): number {
      return (outbox().count.get() as { n: number }).n;
    },
    /** A borrower's versions that wait to be shared, in the order they were written. */
    unsharedOf(orgNr: string): UnsharedVersion[] {
      return (outbox().of.all(orgNr) as { kind: VersionKind; version_id: string; last_reason: string | null; last_attempt_at: string | null; note_id: string | null }[]).map((r) => ({
        kind: r.kind,
        versionId: r.version_id,
        noteId: r.note_id,
        lastReason: r.last_reason,
        lastAttemptAt: r.last_attempt_at,
      }));
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
