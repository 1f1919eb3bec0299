import { describe, expect, it } from 'vitest';
import { MIN_PEER_GROUP, peerAnalysis, quantileSorted, type PeerInput } from '../../../../shared/registry/peers';

const borrower = (orgNr: string, division: string | null, equityRatio: number | null, basis: 'full_year' | 'ltm' = 'full_year'): PeerInput => ({
  orgNr,
  naceDivision: division,
  ratios: { equity_ratio: { value: equityRatio, basis } },
});

describe('quantiles', () => {
  it('interpolates between closest ranks, as Excel QUARTILE.INC', () => {
    const s = [1, 2, 3, 4, 10];
    expect(quantileSorted(s, 0.25)).toBe(2);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.75)).toBe(4);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([7], 0.75)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow();
  });
});

describe('peers within the book', () => {
  const book: PeerInput[] = [
    borrower('a', '43', 0.1),
    borrower('b', '43', 0.2),
    borrower('c', '43', 0.3),
    borrower('d', '43', 0.4),
    borrower('e', '43', 0.5),
    borrower('f', '43', null),
    borrower('g', '41', 0.3),
    borrower('h', '41', 0.35),
    borrower('i', null, 0.9),
  ];

  it('groups by NACE division with median and quartiles, counting the group size and the values', () => {
    const p = peerAnalysis(book, { basis: 'full_year', ratios: ['equity_ratio'] });
    expect(p.groups.map((g) => [g.division, g.size])).toEqual([
      ['43', 6],
      ['41', 2],
    ]);
    expect(p.groups[0]!.name.nb).toBe('Spesialisert bygge- og anleggsvirksomhet');
    expect(p.groups[0]!.ratios.equity_ratio).toEqual({ enough: true, n: 5, min: 0.1, q1: 0.2, median: 0.3, q3: 0.4, max: 0.5 });
    expect(p.borrowers.get('e')!.ratios.equity_ratio).toMatchObject({ value: 0.5, quartile: 4 });
    expect(p.borrowers.get('e')!.ratios.equity_ratio!.vsMedian).toBeCloseTo(0.2, 12);
    expect(p.borrowers.get('a')!.ratios.equity_ratio!.quartile).toBe(1);
    // n/a is counted in the group, never as a value.
    expect(p.borrowers.get('f')).toMatchObject({ groupSize: 6, ratios: { equity_ratio: { value: null, quartile: null, vsMedian: null } } });
    expect(p.withoutDivision).toEqual(['i']);
    expect(p.borrowers.get('i')).toEqual({ orgNr: 'i', division: null, groupSize: 0, ratios: {} });
  });

  it('says so instead of showing quartiles for a group under five', () => {
    const p = peerAnalysis(book, { basis: 'full_year', ratios: ['equity_ratio'] });
    const small = p.groups[1]!.ratios.equity_ratio!;
    expect(small).toMatchObject({ enough: false, n: 2, reason: 'group_too_small' });
    expect(small.enough === false && small.explain.nb).toBe(`Bare 2 kunder i denne næringen i porteføljen; kvartiler krever minst ${MIN_PEER_GROUP}.`);
    expect(p.borrowers.get('g')!.ratios.equity_ratio).toEqual({ value: 0.3, vsMedian: null, quartile: null });
  });

  it('never mixes bases: values on another basis are left out and counted', () => {
    const mixed = [...book.slice(0, 4), borrower('e', '43', 0.5, 'ltm'), borrower('x', '43', 0.6)];
    const p = peerAnalysis(mixed, { basis: 'full_year', ratios: ['equity_ratio'] });
    expect(p.excludedOtherBasis).toEqual({ equity_ratio: 1 });
    expect(p.groups[0]!.ratios.equity_ratio).toMatchObject({ enough: true, n: 5 });
    const fewer = peerAnalysis([...book.slice(0, 4), borrower('e', '43', 0.5, 'ltm')], { basis: 'full_year', ratios: ['equity_ratio'] });
    expect(fewer.groups[0]!.ratios.equity_ratio).toMatchObject({ enough: false, n: 4, reason: 'too_few_values' });
    expect(fewer.borrowers.get('e')!.ratios.equity_ratio!.value).toBeNull();
  });
});
