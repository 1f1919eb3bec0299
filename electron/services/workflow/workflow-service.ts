import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type {
  AssessmentVersion,
  AssignmentVersion,
  BorrowerWorkflow,
  Note,
  NoteVersion,
  PortfolioRow,
  PortfolioWorkflow,
  RowWorkflow,
  WatchVersion,
  WorkflowSharing,
} from '../../../shared/contract/dto';
import {
  assessmentMessage,
  checkAnalystName,
  checkAssessment,
  checkNoteText,
  checkReviewDate,
  checkWatchReason,
  currentVersion,
  osloDate,
  parallelVersions,
  reviewDateMessage,
  reviewOverdue,
  textRefusalMessage,
  watchedSince,
  type AssessmentInput,
  type TextCheck,
} from '../../../shared/workflow';
import type { Cache } from '../../db/cache';
import type { NewVersion, WorkflowRepo } from '../../db/workflow';
import type { PackBorrower } from '../export/pack-source';
import type { CacheRegistry } from '../portfolio/cache-registry';

export interface WorkflowServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  /** Who is writing: the Analyst name setting, stamped on every version. */
  author: () => string;
  /** A new version's id; a random UUID unless a test wants its own. */
  newId?: () => string;
  /**
   * Team mode (team/workflow-sharing.ts): whether a profile's versions go to its team database, in which case each
   * new version is queued for it in the transaction that writes it; and `saved`, told after such a write, so the
   * version is pushed soon. Absent: nothing is shared.
   */
  sharing?: { shares(profileId: string): boolean; saved(profileId: string): void };
}

/** How many notes the pack prints, newest first. */
export const PACK_NOTES = 5;

/**
 * The analyst's notes, watch-list, assignment and committee assessment on a borrower, in the profile's cache.
 *
 * Every change is a new version (a UUID, the author from the settings, the time from the clock, the version it
 * replaces) and nothing is ever changed in place (migration 0006). A change names the version it was made on
 * (`replaces`, null when there was none): one made on a version no longer current is refused (`changed_elsewhere`),
 * so what another window or the CLI saved meanwhile is never silently overwritten. Saving what is already current
 * writes nothing. Every write answers with the borrower's whole workflow as it now is.
 */
export class WorkflowService {
  private readonly newId: () => string;

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** A borrower's notes (deleted ones too), watch-list, assignment and assessment, each with every version. */
  borrower(profileId: string, orgNr: string): BorrowerWorkflow {
    const cache = this.cacheWith(profileId, orgNr);
    return borrowerWorkflow(cache.workflow, orgNr, this.today(), { sharing: this.shares(profileId) });
  }

  /** The portfolio's watch-list (review dates, overdue today) and saksbehandlere, with the newest note of each. */
  portfolio(profileId: string): PortfolioWorkflow {
    const today = this.today();
    const rows = rowWorkflows(this.deps.caches.open(profileId).workflow, today);
    const items = [...rows].map(([orgNr, w]) => ({ orgNr, ...w })).sort((a, b) => a.orgNr.localeCompare(b.orgNr));
    const watched = items.filter((i) => i.watch !== null);
    return { today, items, watched: watched.length, overdue: watched.filter((i) => i.watch!.overdue).length };
  }

  addNote(profileId: string, orgNr: string, text: string): BorrowerWorkflow {
    const value = this.checked(checkNoteText(text), 'text', 'The note');
    return this.write(profileId, orgNr, 'note', (repo, stamp) => {
      repo.addNoteVersion({ ...stamp, replaces: null, noteId: stamp.id, text: value, deleted: false });
    });
  }

  /** A new version of a note with new text; `replaces` is the version the analyst edited. */
  editNote(profileId: string, orgNr: string, noteId: string, replaces: string, text: string): BorrowerWorkflow {
    const value = this.checked(checkNoteText(text), 'text', 'The note');
    return this.write(profileId, orgNr, 'note', (repo, stamp) => {
      const head = this.liveNote(repo, orgNr, noteId, replaces);
      if (head.text === value) return;
      repo.addNoteVersion({ ...stamp, replaces: head.id, noteId, text: value, deleted: false });
    });
  }

  /** Deletes a note as a new version that says so; its text and every earlier version stay in the history. */
  deleteNote(profileId: string, orgNr: string, noteId: string, replaces: string): BorrowerWorkflow {
    return this.write(profileId, orgNr, 'note', (repo, stamp) => {
      const head = this.liveNote(repo, orgNr, noteId, replaces);
      repo.addNoteVersion({ ...stamp, replaces: head.id, noteId, text: head.text, deleted: true });
    });
  }

  /** Puts the borrower on the watch-list with a reason and a review date, or (null) takes it off. */
  setWatch(profileId: string, orgNr: string, watch: { reason: string; reviewDate: string } | null, replaces: string | null): BorrowerWorkflow {
    let next: { watched: boolean; reason: string; reviewDate: string | null } = { watched: false, reason: '', reviewDate: null };
    if (watch) {
      const reason = this.checked(checkWatchReason(watch.reason), 'reason', 'The reason for the watch-list');
      const date = checkReviewDate(watch.reviewDate, this.today());
      if (!date.ok) throw new AppError('invalid_input', reviewDateMessage(date), { field: 'reviewDate', reason: date.reason, today: date.today, latest: date.latest });
      next = { watched: true, reason, reviewDate: date.value };
    }
    return this.write(profileId, orgNr, 'watch', (repo, stamp) => {
      const head = this.current(repo.watchHead(orgNr), replaces, 'watch');
      const now = head ?? { watched: false, reason: '', reviewDate: null };
      if (now.watched === next.watched && (!next.watched || (now.reason === next.reason && now.reviewDate === next.reviewDate))) return;
      repo.addWatchVersion({ ...stamp, replaces: head?.id ?? null, ...next });
    });
  }

  /** Assigns the borrower to a saksbehandler (a name as typed), or (null) to nobody. */
  assign(profileId: string, orgNr: string, assignee: string | null, replaces: string | null): BorrowerWorkflow {
    const name = assignee === null ? null : this.checked(checkAnalystName(assignee), 'assignee', 'The saksbehandler’s name');
    return this.write(profileId, orgNr, 'assignment', (repo, stamp) => {
      const head = this.current(repo.assignmentHead(orgNr), replaces, 'assignment');
      if ((head?.assignee ?? null) === name) return;
      repo.addAssignmentVersion({ ...stamp, replaces: head?.id ?? null, assignee: name });
    });
  }

  /** Saves the committee assessment: comment, recommendation (null: none yet) and conditions, as a new version. */
  saveAssessment(profileId: string, orgNr: string, input: AssessmentInput, replaces: string | null): BorrowerWorkflow {
    const c = checkAssessment(input);
    if (!c.ok) {
      throw new AppError('invalid_input', assessmentMessage(c), {
        field: c.field,
        reason: c.reason,
        ...(c.max !== undefined ? { max: c.max, length: c.length } : {}),
        ...(c.codePoint ? { codePoint: c.codePoint } : {}),
      });
    }
    const a = c.value;
    return this.write(profileId, orgNr, 'assessment', (repo, stamp) => {
      const head = this.current(repo.assessmentHead(orgNr), replaces, 'assessment');
      if (head && head.comment === a.comment && head.recommendation === a.recommendation && head.conditions === a.conditions) return;
      repo.addAssessmentVersion({ ...stamp, replaces: head?.id ?? null, ...a });
    });
  }

  // ---- the parts every write shares ----------------------------------------------------------------------

  private today(): string {
    return osloDate(this.deps.clock());
  }

  /** The profile's cache, with the borrower in it: the analyst writes about borrowers of the portfolio only. */
  private cacheWith(profileId: string, orgNr: string): Cache {
    const cache = this.deps.caches.open(profileId);
    if (!cache.relationships.get(orgNr)) throw new AppError('not_found', 'This borrower is not in the cache.', { reason: 'borrower_not_cached', orgNr });
    return cache;
  }

  private checked(c: TextCheck, field: string, what: string): string {
    if (c.ok) return c.value;
    throw new AppError('invalid_input', textRefusalMessage(what, c), { field, reason: c.reason, max: c.max, length: c.length, ...(c.codePoint ? { codePoint: c.codePoint } : {}) });
  }

  /**
   * One change: in one write transaction, `change` reads the current version and adds at most one after it, stamped
   * with a new id, the author and the time. A failed write changes nothing (the transaction rolls back).
   */
  private write(profileId: string, orgNr: string, what: Kind, change: (repo: WorkflowRepo, stamp: Omit<NewVersion, 'replaces'>) => void): BorrowerWorkflow {
    const cache = this.cacheWith(profileId, orgNr);
    const stamp = { id: this.newId(), orgNr, author: this.deps.author(), createdAt: this.deps.clock().toISOString() };
    const shares = this.shares(profileId);
    let queued = false;
    try {
      cache.workflow.write(() => {
        change(cache.workflow, stamp);
        // Team mode: the version and its place in the queue to share are one write, so none is saved unqueued.
        if (shares && cache.workflow.hasVersion(what, stamp.id)) {
          cache.workflow.queueForSharing(what, stamp.id, orgNr, stamp.createdAt);
          queued = true;
        }
      });
    } catch (e) {
      throw e instanceof AppError ? e : notSaved(e, what);
    }
    if (queued) this.deps.sharing?.saved(profileId);
    return borrowerWorkflow(cache.workflow, orgNr, this.today(), { sharing: shares });
  }

  private shares(profileId: string): boolean {
    return this.deps.sharing?.shares(profileId) ?? false;
  }

  /** The current version, when it is the one the change was made on; otherwise the change is refused. */
  private current<V extends { id: string; author: string; createdAt: string }>(head: V | undefined, replaces: string | null, what: Kind): V | undefined {
    if ((head?.id ?? null) !== replaces) throw changedElsewhere(what, head ?? null);
    return head;
  }

  /** A note of this borrower that is not deleted, at the version the analyst saw. */
  private liveNote(repo: WorkflowRepo, orgNr: string, noteId: string, replaces: string): NoteVersion {
    const head = repo.noteHead(noteId);
    if (!head || head.orgNr !== orgNr) throw new AppError('not_found', 'There is no such note for this borrower.', { reason: 'note_not_found', noteId, orgNr });
    if (head.id !== replaces) throw changedElsewhere('note', head);
    if (head.deleted) throw new AppError('conflict', 'This note was deleted.', { reason: 'note_deleted', noteId, author: head.author, createdAt: head.createdAt });
    return head;
  }
}

type Kind = 'note' | 'watch' | 'assignment' | 'assessment';
const KIND_WORDS: Record<Kind, string> = { note: 'note', watch: 'watch-list entry', assignment: 'assignment', assessment: 'assessment' };

function changedElsewhere(what: Kind, head: { id: string; author: string; createdAt: string } | null): AppError {
  return new AppError(
    'conflict',
    head
      ? `The ${KIND_WORDS[what]} was changed after you opened it (by ${head.author}, ${head.createdAt}). Nothing was saved; open it again to see the change.`
      : `The ${KIND_WORDS[what]} was removed after you opened it. Nothing was saved; open it again.`,
    { reason: 'changed_elsewhere', what, current: head?.id ?? null, ...(head ? { author: head.author, createdAt: head.createdAt } : {}) },
  );
}

/** A write SQLite refused (a full disk, a read-only or busy file): what was typed is not saved, nothing stored is lost. */
function notSaved(e: unknown, what: Kind): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return e;
  const reason = code.startsWith('SQLITE_FULL') ? 'disk_full' : code.startsWith('SQLITE_READONLY') ? 'read_only' : code.startsWith('SQLITE_BUSY') ? 'busy' : null;
  if (!reason) return e;
  const why = { disk_full: 'the disk is full', read_only: 'the data folder cannot be written', busy: 'another program holds the cache file' }[reason];
  return new AppError('storage', `The ${KIND_WORDS[what]} could not be saved: ${why}. Nothing already saved was lost.`, { reason, what, cause: code });
}

// ---- reading a borrower's workflow (the window, the portfolio rows and the pack) --------------------------

/** Versions newest first, grouped into notes; notes by their latest writing, newest first. */
function notesOf(versions: readonly NoteVersion[]): Note[] {
  const byNote = new Map<string, NoteVersion[]>();
  for (const v of versions) {
    let list = byNote.get(v.noteId);
    if (!list) byNote.set(v.noteId, (list = []));
    list.push(v);
  }
  const notes: Note[] = [];
  for (const [noteId, list] of byNote) {
    const current = currentVersion(list);
    const first = list.find((v) => v.replaces === null) ?? list[list.length - 1]!;
    if (current) notes.push({ noteId, current, versions: list, createdBy: first.author, createdAt: first.createdAt, parallel: parallelVersions(list) });
  }
  return notes.sort((a, b) => b.current.createdAt.localeCompare(a.current.createdAt));
}

function watchSummary(versions: readonly WatchVersion[], today: string): RowWorkflow['watch'] {
  const current = currentVersion(versions);
  const since = watchedSince(versions);
  if (!current?.watched || !since) return null;
  return { reason: current.reason, reviewDate: current.reviewDate, addedBy: since.author, addedAt: since.createdAt, overdue: reviewOverdue(current.reviewDate, today) };
}

/** A chain's current version, every version, and the parallel versions open beside the current one. */
function history<V extends WatchVersion | AssignmentVersion | AssessmentVersion>(versions: V[]) {
  return { current: currentVersion(versions), versions, parallel: parallelVersions(versions) };
}

/**
 * What of a borrower's workflow waits to be shared with the team database, and why the last attempt did not share
 * it (the most recent attempt's reason; null before any).
 */
function sharingOf(repo: WorkflowRepo, orgNr: string): WorkflowSharing {
  const unshared = repo.unsharedOf(orgNr);
  const latest = unshared.reduce<(typeof unshared)[number] | null>(
    (a, u) => (u.lastAttemptAt !== null && (a === null || a.lastAttemptAt === null || u.lastAttemptAt > a.lastAttemptAt) ? u : a),
    null,
  );
  const has = (kind: string) => unshared.some((u) => u.kind === kind);
  return {
    notes: new Set(unshared.filter((u) => u.kind === 'note').map((u) => u.noteId ?? u.versionId)).size,
    watch: has('watch'),
    assignment: has('assignment'),
    assessment: has('assessment'),
    versions: unshared.map((u) => u.versionId),
    reason: latest?.lastReason ?? null,
    lastAttemptAt: latest?.lastAttemptAt ?? null,
  };
}

/**
 * Everything written about one borrower, with its history and the summary its row carries; with `sharing` (a team
 * connection), what of it is not shared yet.
 */
export function borrowerWorkflow(repo: WorkflowRepo, orgNr: string, today: string, o: { sharing?: boolean } = {}): BorrowerWorkflow {
  const notes = notesOf(repo.noteVersionsOf(orgNr));
  const watch = repo.watchVersionsOf(orgNr);
  const assignment = repo.assignmentVersionsOf(orgNr);
  const assessment = repo.assessmentVersionsOf(orgNr);
  const latest = notes.find((n) => !n.current.deleted)?.current ?? null;
  return {
    orgNr,
    today,
    notes,
    watch: history(watch),
    assignment: history(assignment),
    assessment: history(assessment),
    ...(o.sharing ? { sharing: sharingOf(repo, orgNr) } : {}),
    summary: {
      watch: watchSummary(watch, today),
      assignedTo: currentVersion(assignment)?.assignee ?? null,
      latestNote: latest && { text: latest.text, author: latest.author, createdAt: latest.createdAt },
    },
  };
}

/** The summary of every borrower someone has worked on (watch-list, saksbehandler, newest note), by org number. */
export function rowWorkflows(repo: WorkflowRepo, today: string): Map<string, RowWorkflow> {
  const watch = repo.watchVersionsByBorrower();
  const assigned = repo.currentAssignments();
  const notes = repo.latestNotes();
  const out = new Map<string, RowWorkflow>();
  for (const orgNr of new Set([...watch.keys(), ...assigned.keys(), ...notes.keys()])) {
    const w = watch.has(orgNr) ? watchSummary(watch.get(orgNr)!, today) : null;
    const assignedTo = assigned.get(orgNr)?.assignee ?? null;
    const n = notes.get(orgNr);
    // Taken off the list, assigned to nobody, every note deleted: nothing to show.
    if (w === null && assignedTo === null && !n) continue;
    out.set(orgNr, { watch: w, assignedTo, latestNote: n ? { text: n.text, author: n.author, createdAt: n.createdAt } : null });
  }
  return out;
}

/**
 * The portfolio rows with the workflow of each borrower that has one. A row nobody worked on is returned as it is
 * (the same object), so a list with no workflow costs nothing.
 */
export function withWorkflow(rows: PortfolioRow[], workflows: ReadonlyMap<string, RowWorkflow>): PortfolioRow[] {
  if (workflows.size === 0) return rows;
  return rows.map((r) => {
    const w = workflows.get(r.orgNr);
    return w ? { ...r, workflow: w } : r;
  });
}

/** A profile's portfolio rows with their workflow (the portfolio service's list and borrower row). */
export function rowsWithWorkflow(cache: Cache, rows: PortfolioRow[], now: Date): PortfolioRow[] {
  return withWorkflow(rows, rowWorkflows(cache.workflow, osloDate(now)));
}

/** What the credit-committee pack prints of the analyst's work on a borrower (PackBorrower's workflow fields). */
export function packWorkflow(repo: WorkflowRepo, orgNr: string, today: string): Required<Pick<PackBorrower, 'assessment' | 'watch' | 'assignedTo' | 'notes'>> {
  const w = borrowerWorkflow(repo, orgNr, today);
  const a = w.assessment.current;
  const watch = w.summary.watch;
  return {
    assessment: a && {
      comment: a.comment,
      recommendation: a.recommendation,
      conditions: a.conditions,
      author: a.author,
      updatedAt: a.createdAt,
      // The earlier versions the history keeps (the current one is printed).
      historyLength: w.assessment.versions.length - 1,
    },
    watch: watch && { reason: watch.reason, reviewDate: watch.reviewDate, addedBy: watch.addedBy, addedAt: watch.addedAt },
    assignedTo: w.summary.assignedTo,
    notes: w.notes
      .filter((n) => !n.current.deleted)
      .slice(0, PACK_NOTES)
      .map((n) => ({ text: n.current.text, author: n.current.author, createdAt: n.current.createdAt })),
  };
}
