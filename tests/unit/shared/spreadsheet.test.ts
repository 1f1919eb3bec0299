import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../../shared/spreadsheet';

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
  it('refuses what is not a column number', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => columnLetter(n)).toThrow(RangeError);
  });
});
