import { isAppError } from '../../../shared/contract';
import { isConnectionRefused } from '../net/retry';

/** One answer of POST /relationship paired with the number it answers. */
export interface AnswerMatch {
  /** Index in the numbers sent. */
  sent: number;
  /** Index in the answers. */
  answer: number;
  by: 'org_nr' | 'position';
}

/**
 * Pairs POST /relationship's answers with the numbers sent, losing none: first by the org number each answer
 * echoes; then, when the API answered exactly as many borrowers as were sent, an answer that echoes another number
 * (a reformatted one, a typo on its side) is paired by its position with the unanswered number at that position.
 * `unanswered` are sent numbers with no answer (uncertain: the request may or may not have been made), `unmatched`
 * answers that name none of them (kept, with their links).
 */
export function matchAnswers(sent: readonly string[], echoed: readonly string[]): { matches: AnswerMatch[]; unanswered: number[]; unmatched: number[] } {
  const sentAt = new Map<string, number>();
  sent.forEach((o, i) => {
    if (!sentAt.has(o)) sentAt.set(o, i);
  });
  const bySent = new Map<number, AnswerMatch>();
  const answered = new Set<number>();
  echoed.forEach((o, j) => {
    const i = sentAt.get(o);
    if (i !== undefined && !bySent.has(i)) {
      bySent.set(i, { sent: i, answer: j, by: 'org_nr' });
      answered.add(j);
    }
  });
  if (echoed.length === sent.length) {
    echoed.forEach((_o, j) => {
      if (!answered.has(j) && !bySent.has(j)) {
        bySent.set(j, { sent: j, answer: j, by: 'position' });
        answered.add(j);
      }
    });
  }
  return {
    matches: [...bySent.values()].sort((a, b) => a.sent - b.sent),
    unanswered: sent.map((_o, i) => i).filter((i) => !bySent.has(i)),
    unmatched: echoed.map((_o, j) => j).filter((j) => !answered.has(j)),
  };
}

/**
 * Whether a failed POST /relationship may still have been made by Symetrisk, and why: the server answered 5xx, the
 * answer did not come in time, the connection broke after it was made, or the answer came broken (cut off, not
 * JSON, not the documented shape). Null when the request certainly was not made (the connection was never made, the
 * API or its gateway refused the request as a whole, the token or the scope was refused, the analyst cancelled).
 */
export function uncertainty(e: unknown): { reason: 'server_error' | 'deadline_passed' | 'unreachable' | 'bad_response'; status?: number } | null {
  if (!isAppError(e)) return null;
  const d = e.details ?? {};
  if (e.code === 'api_error' && typeof d['status'] === 'number' && d['status'] >= 500) return { reason: 'server_error', status: d['status'] };
  if (e.code === 'offline') {
    if (d['reason'] === 'deadline_passed') return { reason: 'deadline_passed' };
    const cause = typeof d['cause'] === 'string' ? d['cause'] : null;
    return isConnectionRefused(cause) ? null : { reason: 'unreachable' };
  }
  if (e.code === 'bad_response') return { reason: 'bad_response' };
  return null;
}
