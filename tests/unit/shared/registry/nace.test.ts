import { describe, expect, it } from 'vitest';
import { NACE_DIVISIONS, naceDivision, naceDivisionOf } from '../../../../shared/registry/nace';

describe('NACE divisions', () => {
  it('takes the division of a 5-digit code and names it in both languages', () => {
    expect(naceDivision('43.210')).toBe('43');
    expect(naceDivision('06')).toBe('06');
    expect(naceDivision(null)).toBeNull();
    expect(naceDivision('x1.000')).toBeNull();
    expect(naceDivisionOf('43.210')).toEqual({ code: '43', name: { nb: 'Spesialisert bygge- og anleggsvirksomhet', en: 'Specialised construction activities' }, known: true });
  });

  it('names a division the table lacks by the registry description, or by its number', () => {
    expect(naceDivisionOf('98.100', 'Husholdningers produksjon av varer')).toMatchObject({ code: '98', known: false, name: { nb: 'Husholdningers produksjon av varer' } });
    expect(naceDivisionOf('98.100')?.name).toEqual({ en: 'Division 98', nb: 'Næring 98' });
  });

  it('has every SN2007 division but 98 (households for own use, absent from the source), each with two names', () => {
    const codes = Object.keys(NACE_DIVISIONS);
    expect(codes).toHaveLength(87);
    expect(codes).not.toContain('98');
    for (const c of codes) {
      expect(c).toMatch(/^\d{2}$/);
      expect(NACE_DIVISIONS[c]!.nb).not.toBe('');
      expect(NACE_DIVISIONS[c]!.en).not.toBe('');
    }
  });
});
