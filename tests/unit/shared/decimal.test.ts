import { describe, expect, it } from 'vitest';
import { formatDecimalInput, parseDecimal } from '../../../shared/decimal';

const value = (s: string, rule = {}) => {
  const r = parseDecimal(s, rule);
  return r.ok ? r.value : r.reason;
};

describe('parseDecimal: a number as the analyst types it', () => {
  it('reads Norwegian and English decimals, digit groups and signs', () => {
    expect(value('3,5')).toBe(3.5);
    expect(value('3.5')).toBe(3.5);
    expect(value(' 1 000 ')).toBe(1000);
    expect(value('1\u00a0000\u00a0000')).toBe(1_000_000);
    expect(value('1 234,56')).toBe(1234.56);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1.000.000')).toBe(1_000_000);
    expect(value('-2,5')).toBe(-2.5);
    expect(value('\u22122,5')).toBe(-2.5);
    expect(value(',5')).toBe(0.5);
    expect(value('0,125')).toBe(0.125);
    expect(value('12,5 %', { percent: true })).toBe(12.5);
  });

  it('refuses what is not a number, or is ambiguous, with its reason', () => {
    expect(value('abc')).toBe('decimal_not_a_number');
    expect(value('3,5x')).toBe('decimal_not_a_number');
    expect(value('1,2,3')).toBe('decimal_not_a_number');
    expect(value('1.234.5')).toBe('decimal_not_a_number');
    expect(value('12 %')).toBe('decimal_not_a_number');
    expect(value('')).toBe('decimal_empty');
    expect(value('  ', { optional: true })).toBe(null);
    // A thousand to one reader, one to another.
    expect(value('1,000')).toBe('decimal_ambiguous');
    expect(value('2.500')).toBe('decimal_ambiguous');
  });

  it('holds the field to its bounds and to whole numbers', () => {
    expect(parseDecimal('0', { min: 1, max: 3650, whole: true })).toEqual({ ok: false, reason: 'decimal_out_of_range', min: 1, max: 3650 });
    expect(parseDecimal('4000', { min: 1, max: 3650 })).toEqual({ ok: false, reason: 'decimal_out_of_range', min: 1, max: 3650 });
    expect(parseDecimal('-1', { min: 0 })).toEqual({ ok: false, reason: 'decimal_below_min', min: 0 });
    expect(parseDecimal('11', { max: 10 })).toEqual({ ok: false, reason: 'decimal_above_max', max: 10 });
    expect(value('2,5', { whole: true })).toBe('decimal_not_whole');
  });

  it('shows a value for editing in the language and reads it back unchanged', () => {
    expect(formatDecimalInput(3.5, 'nb')).toBe('3,5');
    expect(formatDecimalInput(3.5, 'en')).toBe('3.5');
    expect(formatDecimalInput(-1_000_000, 'nb')).toBe('-1 000 000');
    expect(formatDecimalInput(null, 'nb')).toBe('');
    for (const v of [0, 0.125, 12.5, -2500000, 1000, 123456.789]) {
      for (const lang of ['nb', 'en'] as const) expect(value(formatDecimalInput(v, lang)), `${v} ${lang}`).toBe(v);
    }
  });
});
