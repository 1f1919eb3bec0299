import type { RatioResult, RatioUnit } from './ratios';
import { text, type Language, type LocalizedText } from './text';

/** Every number the app shows goes through Intl with this locale (nb-NO: "1 234 567,89", non-breaking spaces). */
export const NUMBER_LOCALE = 'nb-NO';
/** The English screens and pack write numbers the English way ("1,234,567.89"): en-GB, as docs/terms.md says. */
const LOCALE_OF: Record<Language, string> = { nb: NUMBER_LOCALE, en: 'en-GB' };

/** `nok`: whole kroner; `thousands`: the 'NOK 1 000' presentation, amounts divided by 1 000. */
export type AmountUnit = 'nok' | 'thousands';
/** `minus`: "−1 234" (Intl's sign, U+2212 in nb-NO); `parentheses`: "(1 234)", the accountant's convention. */
export type NegativeStyle = 'minus' | 'parentheses';

export interface AmountFormatOptions {
  unit?: AmountUnit;
  negative?: NegativeStyle;
  /** Decimals shown; default 0. */
  decimals?: number;
}

/** What a missing value reads as in each language (an input the snapshots do not have). */
export const NOT_AVAILABLE: LocalizedText = text('n/a', '–');
/** What a ratio that means nothing reads as ("n.m.", with its reason beside it): not the same as missing. */
export const NOT_MEANINGFUL: LocalizedText = text('n.m.', 'n.m.');

// Building an Intl.NumberFormat costs far more than using one, and a pack formats hundreds of thousands of
// cells; formatters are immutable, so sharing them is safe.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(minDecimals: number, maxDecimals: number, percent = false, lang: Language = 'nb'): Intl.NumberFormat {
  const key = `${lang}|${minDecimals}|${maxDecimals}|${percent}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_OF[lang], {
      style: percent ? 'percent' : 'decimal',
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f;
}

function signed(abs: string, negative: boolean, style: NegativeStyle): string {
  if (!negative) return abs;
  return style === 'parentheses' ? `(${abs})` : `\u2212${abs}`;
}

/** Formats |x| and reports whether the shown value is negative (a value that rounds to 0 is never negative). */
function formatMagnitude(x: number, f: Intl.NumberFormat): { abs: string; negative: boolean } {
  const abs = f.format(Math.abs(x));
  return { abs, negative: x < 0 && abs !== f.format(0) };
}

/**
 * An amount in NOK for display: "1 234 567", "(1 234 567)", or in thousands "1 235". Null gives the
 * language's n/a. Rounding happens here only; stored amounts keep their precision.
 */
export function formatAmount(value: number | null, options: AmountFormatOptions = {}, lang: Language = 'nb'): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE[lang];
  const decimals = options.decimals ?? 0;
  const scaled = options.unit === 'thousands' ? value / 1000 : value;
  const { abs, negative } = formatMagnitude(scaled, formatter(decimals, decimals, false, lang));
  return signed(abs, negative, options.negative ?? 'minus');
}

/** The column heading for amounts: "NOK" or "NOK 1 000" (with Intl's group separator: "NOK 1,000" in English). */
export function amountUnitLabel(unit: AmountUnit = 'nok', lang: Language = 'nb'): string {
  return unit === 'thousands' ? `NOK ${formatter(0, 0, false, lang).format(1000)}` : 'NOK';
}

export interface PercentFormatOptions {
  /** Decimals shown; default 1. */
  decimals?: number;
  /** Show "+" on positive values (for changes); default false. */
  plusSign?: boolean;
  negative?: NegativeStyle;
}

/** A fraction as a percentage: 0.1454 → "14,5 %". */
export function formatPercent(fraction: number | null, options: PercentFormatOptions = {}, lang: Language = 'nb'): string {
  if (fraction === null || !Number.isFinite(fraction)) return NOT_AVAILABLE[lang];
  const d = options.decimals ?? 1;
  const { abs, negative } = formatMagnitude(fraction, formatter(d, d, true, lang));
  const plus = options.plusSign && !negative && abs !== formatter(d, d, true, lang).format(0) ? '+' : '';
  return plus + signed(abs, negative, options.negative ?? 'minus');
}

/** A multiple: 4 → "4,0x". */
export function formatMultiple(x: number | null, options: { decimals?: number; negative?: NegativeStyle } = {}, lang: Language = 'nb'): string {
  if (x === null || !Number.isFinite(x)) return NOT_AVAILABLE[lang];
  const d = options.decimals ?? 1;
  const { abs, negative } = formatMagnitude(x, formatter(d, d, false, lang));
  return `${signed(abs, negative, options.negative ?? 'minus')}x`;
}

/** A ratio result in its unit; n.m. when it is not meaningful, n/a when an input is missing. */
export function formatRatio(result: RatioResult, unit: RatioUnit, lang: Language = 'nb'): string {
  if (result.value === null) return (result.kind === 'not_meaningful' ? NOT_MEANINGFUL : NOT_AVAILABLE)[lang];
  return unit === 'percent' ? formatPercent(result.value, {}, lang) : formatMultiple(result.value, {}, lang);
}

/**
 * A change of a percent ratio, or a headroom against a percent limit, in percentage points: 0.018 → "+1,8 pp".
 * Never a per cent of a per cent ("Endring %" of a margin).
 */
export function formatPercentagePoints(fraction: number | null, options: { decimals?: number; plusSign?: boolean } = {}, lang: Language = 'nb'): string {
  if (fraction === null || !Number.isFinite(fraction)) return NOT_AVAILABLE[lang];
  const d = options.decimals ?? 1;
  const f = formatter(d, d, false, lang);
  const { abs, negative } = formatMagnitude(fraction * 100, f);
  const plus = (options.plusSign ?? true) && !negative && abs !== f.format(0) ? '+' : '';
  return `${plus}${signed(abs, negative, 'minus')}\u00a0pp`;
}

/** A change in a ratio's own unit: percentage points for a percent ratio, x for a multiple, always signed. */
export function formatRatioChange(change: number | null, unit: RatioUnit, lang: Language = 'nb'): string {
  if (unit === 'percent') return formatPercentagePoints(change, { plusSign: true }, lang);
  if (change === null || !Number.isFinite(change)) return NOT_AVAILABLE[lang];
  const text = formatMultiple(change, {}, lang);
  return change > 0 && text !== formatMultiple(0, {}, lang) ? `+${text}` : text;
}

/**
 * The Excel number format matching {@link formatAmount}, for the pack (Excel renders the separators in the
 * reader's locale; ',' before the section end divides by 1 000).
 */
export function excelAmountFormat(options: { unit?: AmountUnit; negative?: NegativeStyle } = {}): string {
  const base = options.unit === 'thousands' ? '#,##0,' : '#,##0';
  return options.negative === 'parentheses' ? `${base};(${base})` : `${base};-${base}`;
}
