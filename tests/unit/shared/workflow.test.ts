import { describe, expect, it } from 'vitest';
import { findUnsafeCharInText, normalizeLineBreaks } from '../../../shared/safe-text';
import { checkAnalystName, checkNoteText, checkReviewDate, currentVersion, headVersions, latestReviewDate, osloDate, parallelVersions, reviewOverdue, watchedSince } from '../../../shared/workflow';

describe('free text the analyst types', () => {
  it('keeps line breaks (written as one kind) and tabs, refuses every other control and the bidi controls', () => {
    expect(normalizeLineBreaks('a\r\nb\rc\u2028d\u0085e')).toBe('a\nb\nc\nd\ne');
    expect(findUnsafeCharInText('Linje 1\n\tLinje 2')).toBeNull();
    expect(findUnsafeCharInText('a\u0000')).toEqual({ reason: 'nul_character', codePoint: 'U+0000' });
    expect(findUnsafeCharInText('a\u202Eb')).toEqual({ reason: 'bidi_control', codePoint: 'U+202E' });
    expect(findUnsafeCharInText('a\u009Bb')).toEqual({ reason: 'control_character', codePoint: 'U+009B' });
    expect(findUnsafeCharInText('a\rb')).toEqual({ reason: 'control_character', codePoint: 'U+000D' });
    expect(checkNoteText(' a\r\nb ')).toEqual({ ok: true, value: 'a\nb' });
  });

  it('counts characters as the analyst sees them, not UTF-16 units', () => {
    expect(checkAnalystName('Ø'.repeat(80))).toMatchObject({ ok: true });
    expect(checkAnalystName('😀'.repeat(80))).toMatchObject({ ok: true });
    expect(checkAnalystName('😀'.repeat(81))).toMatchObject({ ok: false, reason: 'text_too_long', length: 81, max: 80 });
  });
});

describe('review dates', () => {
  it('are due against today in Norway, overdue from the day after', () => {
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(osloDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(reviewOverdue('2026-07-01', '2026-07-01')).toBe(false);
    expect(reviewOverdue('2026-07-01', '2026-07-02')).toBe(true);
    expect(reviewOverdue(null, '2026-07-02')).toBe(false);
  });

  it('reach at most five years ahead, 28 February for a 29 February', () => {
    expect(latestReviewDate('2026-03-02')).toBe('2031-03-02');
    expect(latestReviewDate('2028-02-29')).toBe('2033-02-28');
    expect(checkReviewDate('2033-02-28', '2028-02-29')).toEqual({ ok: true, value: '2033-02-28' });
    expect(checkReviewDate('2033-03-01', '2028-02-29')).toMatchObject({ ok: false, reason: 'review_date_too_far' });
    expect(checkReviewDate('', '2028-02-29')).toMatchObject({ ok: false, reason: 'review_date_invalid' });
  });
});

describe('chains of versions', () => {
  const v = (id: string, replaces: string | null, createdAt: string, watched = true) => ({ id, replaces, createdAt, watched });

  it('the current version is the newest no other replaces; two written over the same one are both kept, the newer shown', () => {
    const a = v('a', null, '2026-01-01');
    const b = v('b', 'a', '2026-01-02');
    const c = v('c', 'a', '2026-01-03');
    expect(currentVersion([c, b, a])).toBe(c);
    expect(currentVersion([b, a])).toBe(b);
    expect(currentVersion([])).toBeNull();
  });

  it('parallel versions: every desk shows the same current one, whatever order they arrived in; writing over it settles them', () => {
    const a = v('a', null, '2026-01-01');
    const x = v('x', 'a', '2026-01-02T10:00:00.000Z');
    const y = v('y', 'a', '2026-01-02T10:00:00.000Z');
    // The same millisecond on two desks: the greater id, on both.
    expect(currentVersion([x, y, a])).toBe(y);
    expect(currentVersion([y, x, a])).toBe(y);
    expect(headVersions([x, a, y]).map((h) => h.id)).toEqual(['y', 'x']);
    expect(parallelVersions([x, y, a])).toEqual([x]);
    // Two first versions (two desks put the borrower on the list apart) are parallel too.
    const first = v('f', null, '2026-01-01');
    expect(parallelVersions([first, a])).toEqual([a]);
    // A version over the current one settles it: the other stays a head, in the history, not open.
    const z = v('z', 'y', '2026-01-03');
    expect(currentVersion([z, x, y, a])).toBe(z);
    expect(headVersions([z, x, y, a]).map((h) => h.id)).toEqual(['z', 'x']);
    expect(parallelVersions([z, x, y, a])).toEqual([]);
    expect(parallelVersions([])).toEqual([]);
  });

  it('a borrower is on the watch-list since the version that put it there, through changes of reason or date', () => {
    const on = v('on', null, '2026-01-01');
    const moved = v('moved', 'on', '2026-02-01');
    expect(watchedSince([moved, on])).toBe(on);
    const off = v('off', 'moved', '2026-03-01', false);
    expect(watchedSince([off, moved, on])).toBeNull();
    const again = v('again', 'off', '2026-04-01');
    expect(watchedSince([again, off, moved, on])).toBe(again);
    // A chain that loops (copied in from elsewhere) ends all the same.
    const x = v('x', 'y', '2026-05-01');
    const y = v('y', 'x', '2026-05-02');
    const head = v('head', 'x', '2026-05-03');
    expect(watchedSince([head, y, x])).toBe(y);
  });
});
