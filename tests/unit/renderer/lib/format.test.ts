/**
 * Numbers, dates and sizes as each language writes them (issue 17: "23292" without a space, "424 060 byte", a date
 * "1.12.2026" beside "01.12.2026", and English screens with Norwegian number formats).
 */
import { describe, expect, it } from 'vitest';
import { fmtBytes, fmtDate, fmtDateTime, fmtInt } from '../../../../renderer/src/lib/format';

/** Intl's group and unit spaces (no-break, narrow no-break) as plain spaces, to read the expectations. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('groups digits the language’s way: 23 292 in Norwegian, 23,292 in English', () => {
    expect(plain(fmtInt(23_292, 'nb'))).toBe('23 292');
    expect(fmtInt(23_292, 'en')).toBe('23,292');
    expect(fmtInt(298, 'nb')).toBe('298');
  });

  it('writes every date with two-digit day and month, in each language’s order', () => {
    expect(fmtDate('2026-12-01', 'nb')).toBe('01.12.2026');
    expect(fmtDate('2026-12-01', 'en')).toBe('01/12/2026');
    // An instant, in the analyst's zone (the suite runs in Europe/Oslo as the e2e browser does, or UTC).
    expect(fmtDateTime('2026-12-01T09:02:00Z', 'nb')).toMatch(/^01\.12\.2026 \d\d:02$/);
    expect(fmtDateTime('2026-12-01T09:02:00Z', 'en')).toMatch(/^01\/12\/2026 \d\d:02$/);
  });

  it('gives a file size as people read it, never a count of bytes', () => {
    expect(plain(fmtBytes(424_060, 'nb'))).toBe('424 kB');
    expect(plain(fmtBytes(424_060, 'en'))).toBe('424 kB');
    expect(plain(fmtBytes(4_200_000, 'nb'))).toBe('4,2 MB');
    expect(plain(fmtBytes(4_200_000, 'en'))).toBe('4.2 MB');
    expect(plain(fmtBytes(120, 'nb'))).toBe('1 kB');
    expect(fmtBytes(424_060, 'nb')).not.toMatch(/byte/);
  });
});

describe('format without a language', () => {
  it('writes in the screen’s language, not always Norwegian', async () => {
    const { createAppI18n } = await import('../../../../renderer/src/i18n');
    createAppI18n('en');
    expect(fmtDate('2026-12-01')).toBe('01/12/2026');
    expect(fmtInt(23_292)).toBe('23,292');
    createAppI18n('nb');
    expect(fmtDate('2026-12-01')).toBe('01.12.2026');
    expect(plain(fmtInt(23_292))).toBe('23 292');
  });
});
