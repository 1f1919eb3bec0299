import { describe, expect, it } from 'vitest';
import { matchAnswers, uncertainty } from '../../../../../electron/services/access/match-answers';
import { AppError } from '../../../../../shared/contract';

const A = '974760673';
const B = '923609016';
const C = '915635857';

describe('matchAnswers', () => {
  it('pairs by the echoed number first, whatever the order', () => {
    expect(matchAnswers([A, B, C], [C, A, B])).toEqual({
      matches: [
        { sent: 0, answer: 1, by: 'org_nr' },
        { sent: 1, answer: 2, by: 'org_nr' },
        { sent: 2, answer: 0, by: 'org_nr' },
      ],
      unanswered: [],
      unmatched: [],
    });
  });

  it('falls back to the position for an answer echoing another number, when as many answers came as numbers went', () => {
    expect(matchAnswers([A, B], ['974 760 673', B])).toEqual({
      matches: [
        { sent: 0, answer: 0, by: 'position' },
        { sent: 1, answer: 1, by: 'org_nr' },
      ],
      unanswered: [],
      unmatched: [],
    });
  });

  it('never pairs by position when the counts differ: the strays are kept unmatched, the rest unanswered', () => {
    expect(matchAnswers([A, B, C], ['x', B])).toEqual({ matches: [{ sent: 1, answer: 1, by: 'org_nr' }], unanswered: [0, 2], unmatched: [0] });
    expect(matchAnswers([A], [A, A, 'y'])).toEqual({ matches: [{ sent: 0, answer: 0, by: 'org_nr' }], unanswered: [], unmatched: [1, 2] });
  });

  it('does not pair by position a slot the echo already filled', () => {
    // Answer 0 echoes B (sent 1); answer 1 echoes junk: sent 0 is left, and position 1 is taken, so it stays unmatched.
    expect(matchAnswers([A, B], [B, 'junk'])).toEqual({ matches: [{ sent: 1, answer: 0, by: 'org_nr' }], unanswered: [0], unmatched: [1] });
  });
});

describe('uncertainty', () => {
  it('is uncertain after a 5xx, a deadline, a broken connection or a broken answer', () => {
    expect(uncertainty(new AppError('api_error', 'x', { status: 503, key: null }))).toEqual({ reason: 'server_error', status: 503 });
    expect(uncertainty(new AppError('offline', 'x', { reason: 'deadline_passed', cause: 'TIMEOUT' }))).toEqual({ reason: 'deadline_passed' });
    expect(uncertainty(new AppError('offline', 'x', { reason: 'unreachable', cause: 'ECONNRESET' }))).toEqual({ reason: 'unreachable' });
    expect(uncertainty(new AppError('bad_response', 'x', { problem: 'truncated' }))).toEqual({ reason: 'bad_response' });
  });

  it('is certain (nothing was made) when the connection was never made or the request was refused as a whole', () => {
    expect(uncertainty(new AppError('offline', 'x', { reason: 'unreachable', cause: 'ECONNREFUSED' }))).toBeNull();
    expect(uncertainty(new AppError('api_error', 'x', { status: 400, key: 'invalid_email' }))).toBeNull();
    expect(uncertainty(new AppError('api_error', 'x', { status: 429, key: null }))).toBeNull();
    expect(uncertainty(new AppError('auth_failed', 'x'))).toBeNull();
    expect(uncertainty(new AppError('cancelled', 'x'))).toBeNull();
    expect(uncertainty(new Error('x'))).toBeNull();
  });
});
