/**
 * How a number typed by the analyst is read, in every form field (thresholds, covenants, margins, days): the same
 * rule on every screen, so "3,5" is 3.5 everywhere and "abc" is refused everywhere with the same reason.
 *
 * Accepted: Norwegian and English decimals ("3,5", "3.5"), digit groups with spaces, non-breaking spaces or
 * apostrophes ("1 000", "1 000 000", "1'000"), a leading sign (-, + or the minus sign U+2212), and in a percent
 * field a trailing "%". When both "," and "." appear, the last one is the decimal mark ("1.234,5" and "1,234.5").
 * A lone separator before exactly three digits ("1.000", "1,000") is refused as ambiguous (a thousand to one
 * reader, one to another) unless what stands before it is 0; the message asks for "1 000" or "1,0".
 */

/** Why a typed number is refused; the renderer words each (shared/wording/reasons.ts). */
export type DecimalRefusal =
  | 'decimal_empty'
  | 'decimal_not_a_number'
  | 'decimal_ambiguous'
  | 'decimal_not_whole'
  | 'decimal_below_min'
  | 'decimal_above_max'
  | 'decimal_out_of_range';

export interface DecimalRule {
  /** A per cent field: a trailing "%" is allowed (the value stays in per cent). */
  percent?: boolean;
  /** Only whole numbers (days, counts). */
  whole?: boolean;
  /** Inclusive bounds, in the field's own unit. */
  min?: number;
  max?: number;
  /** An empty field is a valid "no value" (null) instead of a refusal. */
  optional?: boolean;
}

export type DecimalCheck =
  | { ok: true; value: number | null }
  | { ok: false; reason: DecimalRefusal; min?: number; max?: number };

const GROUP = /[\s\u00a0\u202f']/g;
const SHAPE = /^[+-]?(\d+([.,]\d+)*|[.,]\d+)$/;

/** Reads what the analyst typed by the rule above; never guesses at text that is not a number. */
export function parseDecimal(typed: string, rule: DecimalRule = {}): DecimalCheck {
  let s = typed.trim().replace(/\u2212/g, '-');
  if (rule.percent) s = s.replace(/\s*%$/, '');
  s = s.replace(GROUP, '');
  if (s === '') return rule.optional ? { ok: true, value: null } : { ok: false, reason: 'decimal_empty' };
  if (!SHAPE.test(s)) return { ok: false, reason: 'decimal_not_a_number' };
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  const mark = Math.max(lastComma, lastDot);
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last is the decimal mark, the other groups digits (and may not follow the mark).
    const other = mark === lastComma ? '.' : ',';
    if (s.indexOf(other, mark) !== -1) return { ok: false, reason: 'decimal_not_a_number' };
    normal = s.slice(0, mark).split(other).join('') + '.' + s.slice(mark + 1);
  } else if (mark >= 0) {
    const sep = s[mark]!;
    const parts = s.split(sep);
    // Several of one mark ("1.000.000") group digits in threes; one is the decimal mark.
    if (parts.length > 2) {
      if (!parts.slice(1).every((p) => p.length === 3)) return { ok: false, reason: 'decimal_not_a_number' };
      normal = parts.join('');
    } else {
      const [whole, fraction] = parts as [string, string];
      if (fraction.length === 3 && /^[+-]?[1-9]\d{0,2}$/.test(whole)) return { ok: false, reason: 'decimal_ambiguous' };
      normal = parts.join('.');
    }
  } else normal = s;
  if (normal.startsWith('.') || normal.startsWith('-.') || normal.startsWith('+.')) normal = normal.replace('.', '0.');
  const value = Number(normal);
  if (!Number.isFinite(value)) return { ok: false, reason: 'decimal_not_a_number' };
  if (rule.whole && !Number.isInteger(value)) return { ok: false, reason: 'decimal_not_whole' };
  const below = rule.min !== undefined && value < rule.min;
  const above = rule.max !== undefined && value > rule.max;
  // Both bounds known: both are said ("from 0 to 50"); one: that one.
  if ((below || above) && rule.min !== undefined && rule.max !== undefined) return { ok: false, reason: 'decimal_out_of_range', min: rule.min, max: rule.max };
  if (below) return { ok: false, reason: 'decimal_below_min', min: rule.min! };
  if (above) return { ok: false, reason: 'decimal_above_max', max: rule.max! };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

const editFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 6, useGrouping: true });

/**
 * A number as the field shows it for editing in the analyst's language: "3,5" and "1 000 000" in Norwegian, "3.5"
 * and "1 000 000" in English (digits grouped with spaces in both, which never reads as a decimal mark); at most six
 * decimals, trailing zeros dropped. parseDecimal reads it back to the same number.
 */
export function formatDecimalInput(value: number | null, lang: 'nb' | 'en'): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Intl's nb-NO minus is U+2212 and its group mark a no-break space: a plain "-" and space are what is typed.
  const nb = editFormat.format(value).replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');
  return lang === 'nb' ? nb : nb.replace(',', '.');
}
