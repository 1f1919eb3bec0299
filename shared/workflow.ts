/**
 * The analyst's own work on a borrower: notes, the watch-list, the assignment to a saksbehandler and the assessment
 * for the credit committee. What may be stored is decided here, once: the contract parses with these rules, the
 * service checks with them again (for the CLI and any other caller), and the forms check with them beside each field
 * before anything is sent, so all three refuse the same input for the same reason.
 */
import { toDayNumber } from './analysis/dates';
import { findUnsafeChar, findUnsafeCharInText, normalizeLineBreaks, unsafeCharMessage, type UnsafeCharReason } from './safe-text';

/** Longest of each, in characters: a long note is a page or two; a name or a reason fits a grid cell and a footer. */
export const WORKFLOW_LIMITS = {
  note: 10_000,
  comment: 20_000,
  conditions: 10_000,
  watchReason: 300,
  /** An analyst's name: the author stamp of every entry, and the saksbehandler a borrower is assigned to. */
  name: 80,
} as const;

/** Review dates further ahead than this are taken for a typing error (2205 for 2025). */
export const REVIEW_MAX_YEARS_AHEAD = 5;

/** The committee recommendation; null is "none yet". */
export const RECOMMENDATIONS = ['approve', 'approve_with_conditions', 'decline'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Why a text was refused: the stable key (details.reason) the window words in the analyst's language. */
export type TextReason = 'text_empty' | 'text_too_long' | UnsafeCharReason;
export type TextRefusal = { ok: false; reason: TextReason; max: number; length: number; codePoint?: string };
export type TextCheck = { ok: true; value: string } | TextRefusal;

const length = (s: string) => [...s].length;

function checkText(raw: string, o: { max: number; required: boolean; multiline: boolean }): TextCheck {
  const value = (o.multiline ? normalizeLineBreaks(raw) : raw).trim();
  const refuse = (reason: TextReason, codePoint?: string): TextRefusal => ({
    ok: false,
    reason,
    max: o.max,
    length: length(value),
    ...(codePoint ? { codePoint } : {}),
  });
  if (o.required && value === '') return refuse('text_empty');
  const unsafe = o.multiline ? findUnsafeCharInText(value) : findUnsafeChar(value);
  if (unsafe) return refuse(unsafe.reason, unsafe.codePoint);
  if (length(value) > o.max) return refuse('text_too_long');
  return { ok: true, value };
}

/** A note's text: not empty, several lines allowed, at most WORKFLOW_LIMITS.note characters. */
export function checkNoteText(raw: string): TextCheck {
  return checkText(raw, { max: WORKFLOW_LIMITS.note, required: true, multiline: true });
}

/** Why a borrower is on the watch-list: one line, not empty. */
export function checkWatchReason(raw: string): TextCheck {
  return checkText(raw, { max: WORKFLOW_LIMITS.watchReason, required: true, multiline: false });
}

/** An analyst's name (the author stamp, a saksbehandler): one line, not empty, at most WORKFLOW_LIMITS.name. */
export function checkAnalystName(raw: string): TextCheck {
  return checkText(raw, { max: WORKFLOW_LIMITS.name, required: true, multiline: false });
}

/** The English fallback for a refused text (logs, the CLI); the window words the reason itself. */
export function textRefusalMessage(what: string, r: TextRefusal): string {
  switch (r.reason) {
    case 'text_empty':
      return `${what} is empty.`;
    case 'text_too_long':
      return `${what} is ${r.length} characters long; at most ${r.max} are kept.`;
    default:
      return unsafeCharMessage(what, { reason: r.reason, codePoint: r.codePoint ?? '' });
  }
}

// ---- the watch-list's review date ------------------------------------------------------------------------

export type ReviewDateReason = 'review_date_invalid' | 'review_date_past' | 'review_date_too_far';
export type ReviewDateCheck = { ok: true; value: string } | { ok: false; reason: ReviewDateReason; today: string; latest: string };

/** Today's date in Norway (where the banks are), as an ISO date: what a review date is due against. */
export function osloDate(now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The latest review date accepted when a borrower is put on the watch-list on `today`. */
export function latestReviewDate(today: string): string {
  const same = `${Number(today.slice(0, 4)) + REVIEW_MAX_YEARS_AHEAD}${today.slice(4)}`;
  try {
    toDayNumber(same);
    return same;
  } catch {
    // 29 February has no twin five years on.
    return `${same.slice(0, 4)}-02-28`;
  }
}

/** A review date set today: a real calendar date, not before today and at most REVIEW_MAX_YEARS_AHEAD years on. */
export function checkReviewDate(raw: string, today: string): ReviewDateCheck {
  const value = raw.trim();
  const latest = latestReviewDate(today);
  const refuse = (reason: ReviewDateReason): ReviewDateCheck => ({ ok: false, reason, today, latest });
  try {
    toDayNumber(value);
  } catch {
    return refuse('review_date_invalid');
  }
  if (value < today) return refuse('review_date_past');
  if (value > latest) return refuse('review_date_too_far');
  return { ok: true, value };
}

/** A review is overdue from the day after its date: on the date itself it is due, not late. */
export function reviewOverdue(reviewDate: string | null, today: string): boolean {
  return reviewDate !== null && reviewDate < today;
}

export function reviewDateMessage(r: Exclude<ReviewDateCheck, { ok: true }>): string {
  switch (r.reason) {
    case 'review_date_invalid':
      return 'The review date is not a calendar date (YYYY-MM-DD).';
    case 'review_date_past':
      return `The review date is in the past; the earliest is today, ${r.today}.`;
    case 'review_date_too_far':
      return `The review date is more than ${REVIEW_MAX_YEARS_AHEAD} years ahead; the latest is ${r.latest}.`;
  }
}

// ---- the assessment --------------------------------------------------------------------------------------

export interface AssessmentInput {
  comment: string;
  recommendation: Recommendation | null;
  conditions: string;
}

/**
 * Why an assessment was refused. Beyond each text's own checks: an assessment with nothing in it says nothing;
 * a recommendation needs its rationale; "approve with conditions" needs the conditions, and conditions go with no
 * other recommendation (an approval with conditions is that, and a decline has none).
 */
export type AssessmentReason = TextReason | 'assessment_empty' | 'comment_required' | 'conditions_required' | 'conditions_not_expected';
export type AssessmentCheck =
  | { ok: true; value: AssessmentInput }
  | { ok: false; field: 'comment' | 'conditions' | 'recommendation'; reason: AssessmentReason; max?: number; length?: number; codePoint?: string };

export function checkAssessment(input: AssessmentInput): AssessmentCheck {
  const comment = checkText(input.comment, { max: WORKFLOW_LIMITS.comment, required: false, multiline: true });
  if (!comment.ok) return { field: 'comment', ...comment };
  const conditions = checkText(input.conditions, { max: WORKFLOW_LIMITS.conditions, required: false, multiline: true });
  if (!conditions.ok) return { field: 'conditions', ...conditions };
  const r = input.recommendation;
  if (r === null && comment.value === '' && conditions.value === '') return { ok: false, field: 'comment', reason: 'assessment_empty' };
  if (r !== null && comment.value === '') return { ok: false, field: 'comment', reason: 'comment_required' };
  if (r === 'approve_with_conditions' && conditions.value === '') return { ok: false, field: 'conditions', reason: 'conditions_required' };
  if ((r === 'approve' || r === 'decline') && conditions.value !== '') return { ok: false, field: 'conditions', reason: 'conditions_not_expected' };
  return { ok: true, value: { comment: comment.value, recommendation: r, conditions: conditions.value } };
}

export function assessmentMessage(r: Exclude<AssessmentCheck, { ok: true }>): string {
  switch (r.reason) {
    case 'assessment_empty':
      return 'The assessment is empty: write a comment, conditions or choose a recommendation.';
    case 'comment_required':
      return 'A recommendation needs its rationale: write a comment.';
    case 'conditions_required':
      return '"Approve with conditions" needs the conditions.';
    case 'conditions_not_expected':
      return 'Conditions go with "approve with conditions": choose it, or remove the conditions.';
    default:
      return textRefusalMessage(r.field === 'comment' ? 'The comment' : 'The conditions', { ok: false, reason: r.reason, max: r.max ?? 0, length: r.length ?? 0, ...(r.codePoint ? { codePoint: r.codePoint } : {}) });
  }
}

// ---- chains of versions ----------------------------------------------------------------------------------

/** What every stored version has: its id, the version it follows, and when it was written. */
export interface VersionLink {
  id: string;
  replaces: string | null;
  createdAt: string;
}

/** Newer first by created_at, and of two written in the same millisecond the greater id: an order every desk shares. */
function newerFirst(a: VersionLink, b: VersionLink): number {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

/**
 * The heads of a chain: the versions no other version replaces, the current one first. One head is the usual case;
 * two or more are parallel versions, written over the same version on desks that had not seen each other's (team
 * mode). All are kept; every desk shows the same one as current, whatever order its versions arrived in.
 */
export function headVersions<V extends VersionLink>(versions: readonly V[]): V[] {
  const replaced = new Set(versions.map((v) => v.replaces).filter((r): r is string => r !== null));
  return versions.filter((v) => !replaced.has(v.id)).sort(newerFirst);
}

/**
 * The parallel versions a chain shows as open beside its current one: the other heads written over the same version
 * as the current one (two desks apart, or two first versions). A version written over the current one, on a desk
 * that showed both, settles it: the other head stays in the history as a parallel version (see
 * {@link headVersions}), no longer open.
 */
export function parallelVersions<V extends VersionLink>(versions: readonly V[]): V[] {
  const [current, ...others] = headVersions(versions);
  return current ? others.filter((h) => h.replaces === current.replaces) : [];
}

/**
 * The current version of a chain: the newest that no other version replaces. (Alone, that is the newest; with two
 * versions written over the same one elsewhere, both are kept and the newer one shows, see {@link headVersions}.)
 */
export function currentVersion<V extends VersionLink>(newestFirst: readonly V[]): V | null {
  return headVersions(newestFirst)[0] ?? null;
}

/**
 * The version that put a borrower on the watch-list as it is now: back from the current version through the ones it
 * replaced, for as long as they too had it on the list (a changed reason or review date keeps it on since then).
 * Null when it is not on the list.
 */
export function watchedSince<V extends VersionLink & { watched: boolean }>(newestFirst: readonly V[]): V | null {
  let v = currentVersion(newestFirst);
  if (!v?.watched) return null;
  const byId = new Map(newestFirst.map((x) => [x.id, x]));
  // A chain copied in from elsewhere is not trusted to end: each version is visited once.
  const seen = new Set([v.id]);
  for (let prev = v.replaces ? byId.get(v.replaces) : undefined; prev?.watched && !seen.has(prev.id); prev = prev.replaces ? byId.get(prev.replaces) : undefined) {
    seen.add(prev.id);
    v = prev;
  }
  return v;
}
