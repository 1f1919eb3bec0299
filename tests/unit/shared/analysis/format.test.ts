import { describe, expect, it } from 'vitest';
import {
  amountUnitLabel,
  excelAmountFormat,
  formatAmount,
  formatMultiple,
  formatPercent,
  formatPercentagePoints,
  formatRatio,
  formatRatioChange,
} from '../../../../shared/analysis';

// nb-NO through Intl: U+00A0 groups thousands, ',' is the decimal mark, U+2212 is the minus sign.
const NB = '\u00a0';
const MINUS = '\u2212';

describe('formatAmount', () => {
  it('whole kroner with nb-NO thousands separators; rounding only for display', () => {
    expect(formatAmount(5221921.500000001)).toBe(`5${NB}221${NB}922`);
    expect(formatAmount(1234.5, { decimals: 2 })).toBe(`1${NB}234,50`);
  });

  it('negatives with a minus sign or in parentheses', () => {
    expect(formatAmount(-674445.54)).toBe(`${MINUS}674${NB}446`);
    expect(formatAmount(-674445.54, { negative: 'parentheses' })).toBe(`(674${NB}446)`);
  });

  it('NOK 1 000 mode divides by 1 000', () => {
    // 13 163 978.27 / 1 000 = 13 163.98 → 13 164
    expect(formatAmount(13163978.27, { unit: 'thousands' })).toBe(`13${NB}164`);
    expect(formatAmount(-1775076.05, { unit: 'thousands', negative: 'parentheses' })).toBe(`(1${NB}775)`);
    expect(amountUnitLabel('thousands')).toBe(`NOK 1${NB}000`);
    expect(amountUnitLabel()).toBe('NOK');
  });

  it('a value that rounds to zero is never shown negative', () => {
    expect(formatAmount(-0.4)).toBe('0');
    expect(formatAmount(-0.4, { negative: 'parentheses' })).toBe('0');
  });

  it('null or a non-finite value is n/a in the language asked (a dash in Norwegian tables)', () => {
    expect(formatAmount(null)).toBe('–');
    expect(formatAmount(Number.NaN, {}, 'en')).toBe('n/a');
  });
});

describe('formatPercent, formatMultiple, formatRatio', () => {
  it('percent from a fraction', () => {
    expect(formatPercent(0.1454005)).toBe(`14,5${NB}%`);
    expect(formatPercent(-0.248285, { decimals: 2 })).toBe(`${MINUS}24,83${NB}%`);
    expect(formatPercent(0.13, { plusSign: true })).toBe(`+13,0${NB}%`);
    expect(formatPercent(0, { plusSign: true })).toBe(`0,0${NB}%`);
  });

  it('multiples', () => {
    expect(formatMultiple(951.25371875)).toBe('951,3x');
    expect(formatMultiple(-1.2370832)).toBe(`${MINUS}1,2x`);
  });

  it('ratio results: n.m. when not meaningful, n/a when an input is missing', () => {
    expect(formatRatio({ value: 0.7016 }, 'percent')).toBe(`70,2${NB}%`);
    expect(formatRatio({ value: 4 }, 'multiple')).toBe('4,0x');
    const explain = { en: 'x', nb: 'x' };
    expect(formatRatio({ value: null, reason: 'negative_ebitda', explain, kind: 'not_meaningful', verdict: 'breach' }, 'multiple', 'nb')).toBe('n.m.');
    expect(formatRatio({ value: null, reason: 'no_comparable', explain, kind: 'not_available', verdict: 'untestable' }, 'percent', 'en')).toBe('n/a');
  });

  it('changes of a ratio in percentage points or x, signed; never per cent of per cent', () => {
    // 0.647725297 → 0.701634071: +5.4 pp
    expect(formatRatioChange(0.053908774, 'percent')).toBe(`+5,4${NB}pp`);
    expect(formatPercentagePoints(-0.0018)).toBe(`${MINUS}0,2${NB}pp`);
    expect(formatPercentagePoints(0.00004)).toBe(`0,0${NB}pp`);
    expect(formatRatioChange(0.685167569, 'multiple')).toBe('+0,7x');
    expect(formatRatioChange(-2, 'multiple')).toBe(`${MINUS}2,0x`);
    expect(formatRatioChange(null, 'percent', 'en')).toBe('n/a');
  });
});

describe('excelAmountFormat', () => {
  it('matches the display options', () => {
    expect(excelAmountFormat()).toBe('#,##0;-#,##0');
    expect(excelAmountFormat({ negative: 'parentheses' })).toBe('#,##0;(#,##0)');
    expect(excelAmountFormat({ unit: 'thousands', negative: 'parentheses' })).toBe('#,##0,;(#,##0,)');
  });
});
