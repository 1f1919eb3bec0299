import {
  formatAmount,
  formatMultiple,
  formatPercent,
  formatPercentagePoints,
  formatRatioChange,
  NOT_AVAILABLE,
  parseApiTimestamp,
  type AmountUnit,
  type Language,
} from '../../../shared/analysis';
import { naceDivisionOf } from '../../../shared/registry/nace';
import { formatOrgNr } from '../../../shared/orgnr';
import { LOCALES } from '../../../shared/wording';
import { uiLanguage } from '../i18n';
import { stateLabel } from './labels';
import type { ColumnKind } from './portfolio-columns';

export { formatOrgNr };

// A call without a language formats in the screen's (read when called, so a template re-renders on a switch): a
// default of Norwegian left English screens with Norwegian dates and digit groups (issue 17).
// Intl formatters are costly to build and immutable: one each per language. Norwegian screens write nb-NO
// (31.12.2025, 23 292), English ones en-GB (31/12/2025, 23,292): the same locales as shared/wording.
const dateFmt = byLanguage((l) => new Intl.DateTimeFormat(l, { day: '2-digit', month: '2-digit', year: 'numeric' }));
const timeFmt = byLanguage((l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit' }));
const intFmt = byLanguage((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const kbFmt = byLanguage((l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }));
const mbFmt = byLanguage((l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }));

function byLanguage<T>(make: (locale: string) => T): Record<Language, T> {
  return { nb: make(LOCALES.nb), en: make(LOCALES.en) };
}

/** Our own ISO times (with a zone) and the API's zone-less timestamps both become epoch ms; null when unreadable. */
export function toMs(ts: string | null | undefined): number | null {
  if (!ts) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(ts)) return Date.parse(`${ts}T00:00:00Z`);
  try {
    return parseApiTimestamp(ts);
  } catch {
    const ms = Date.parse(ts);
    return Number.isNaN(ms) ? null : ms;
  }
}

/** A date as the language writes it, always with two-digit day and month: 01.12.2026 (nb), 01/12/2026 (en). */
export function fmtDate(ts: string | null | undefined, lang: Language = uiLanguage()): string {
  const ms = toMs(ts);
  return ms === null ? NOT_AVAILABLE[lang] : dateFmt[lang].format(ms);
}

/** A date and time: 01.12.2026 10:02 (nb), 01/12/2026 10:02 (en). */
export function fmtDateTime(ts: string | null | undefined, lang: Language = uiLanguage()): string {
  const ms = toMs(ts);
  return ms === null ? NOT_AVAILABLE[lang] : `${dateFmt[lang].format(ms)} ${timeFmt[lang].format(ms)}`;
}

/** A count with the language's digit groups: 23 292 (nb), 23,292 (en). */
export function fmtInt(n: number | null, lang: Language = uiLanguage()): string {
  return n === null || !Number.isFinite(n) ? NOT_AVAILABLE[lang] : intFmt[lang].format(n);
}

/** A file size as people read it: "414 kB", "4,2 MB" (decimal units, as file managers show them). */
export function fmtBytes(n: number | null, lang: Language = uiLanguage()): string {
  if (n === null || !Number.isFinite(n)) return NOT_AVAILABLE[lang];
  if (n < 1_000_000) return kbFmt[lang].format(Math.max(1, Math.round(n / 1000)));
  return mbFmt[lang].format(n / 1_000_000);
}

export function fmtAmount(n: number | null, unit: AmountUnit, lang: Language = uiLanguage()): string {
  return formatAmount(n, { unit }, lang);
}

export function fmtPercent(n: number | null, lang: Language = uiLanguage(), plusSign = false): string {
  return formatPercent(n, { plusSign }, lang);
}

export function fmtMultiple(n: number | null, lang: Language = uiLanguage()): string {
  return formatMultiple(n, {}, lang);
}

/** A period label: "2025 YTD (01.01–30.06)" or "2024". */
export function fmtPeriod(p: { year: number; startDate: string; endDate: string; daysIncluded: number }, ytdWord: string): string {
  const full = p.endDate.endsWith('-12-31') && p.startDate.endsWith('-01-01');
  if (full) return String(p.year);
  const short = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;
  return `${p.year} ${ytdWord} (${short(p.startDate)}–${short(p.endDate)})`;
}

/** A cell of the portfolio grid by its column kind. */
export function fmtCell(kind: ColumnKind, value: string | number | null, unit: AmountUnit, lang: Language): string {
  if (value === null) return kind === 'text' || kind === 'state' || kind === 'watch' || kind === 'basis' ? '' : NOT_AVAILABLE[lang];
  switch (kind) {
    case 'orgnr':
      return formatOrgNr(String(value));
    case 'state':
      return stateLabel(String(value), lang);
    case 'nok':
      return fmtAmount(value as number, unit, lang);
    case 'percent':
      return fmtPercent(value as number, lang);
    case 'change':
      return fmtPercent(value as number, lang, true);
    case 'pp':
      return formatPercentagePoints(value as number, { plusSign: true }, lang);
    case 'multiple':
      return fmtMultiple(value as number, lang);
    case 'days':
    case 'count':
      return fmtInt(value as number, lang);
    case 'period':
    case 'date':
      return fmtDate(String(value), lang);
    case 'watch':
      // On the watch-list: its review date (an entry without one, from elsewhere, shows as on the list all the same).
      return value === '' ? '✓' : fmtDate(String(value), lang);
    case 'xdiff':
      return formatRatioChange(value as number, 'multiple', lang);
    case 'nace':
      return fmtNace(String(value), lang);
    default:
      return String(value);
  }
}

/** A NACE division with its name: "43 Spesialisert bygge- og anleggsvirksomhet"; a code the table lacks stays a code. */
export function fmtNace(division: string, lang: Language = uiLanguage(), fallback?: string): string {
  const d = naceDivisionOf(division, fallback);
  return d ? `${d.code} ${d.name[lang]}` : division;
}

/** Whether the sign of a change is good news, bad news or neither (for colour, always with a sign as well). */
export function tone(value: number | null): 'pos' | 'neg' | '' {
  if (value === null || Math.abs(value) < 1e-9) return '';
  return value > 0 ? 'pos' : 'neg';
}
