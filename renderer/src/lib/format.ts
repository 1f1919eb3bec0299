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
import { stateLabel } from './labels';
import type { ColumnKind } from './portfolio-columns';

export { formatOrgNr };

// Intl formatters are costly to build and immutable: one each.
const dateFmt = new Intl.DateTimeFormat('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const intFmt = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });

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

/** A date as nb-NO shows it: 31.12.2025. */
export function fmtDate(ts: string | null | undefined, lang: Language = 'nb'): string {
  const ms = toMs(ts);
  return ms === null ? NOT_AVAILABLE[lang] : dateFmt.format(ms);
}

export function fmtDateTime(ts: string | null | undefined, lang: Language = 'nb'): string {
  const ms = toMs(ts);
  return ms === null ? NOT_AVAILABLE[lang] : dateTimeFmt.format(ms);
}

export function fmtInt(n: number | null, lang: Language = 'nb'): string {
  return n === null || !Number.isFinite(n) ? NOT_AVAILABLE[lang] : intFmt.format(n);
}

export function fmtAmount(n: number | null, unit: AmountUnit, lang: Language = 'nb'): string {
  return formatAmount(n, { unit }, lang);
}

export function fmtPercent(n: number | null, lang: Language = 'nb', plusSign = false): string {
  return formatPercent(n, { plusSign }, lang);
}

export function fmtMultiple(n: number | null, lang: Language = 'nb'): string {
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
export function fmtNace(division: string, lang: Language = 'nb', fallback?: string): string {
  const d = naceDivisionOf(division, fallback);
  return d ? `${d.code} ${d.name[lang]}` : division;
}

/** Whether the sign of a change is good news, bad news or neither (for colour, always with a sign as well). */
export function tone(value: number | null): 'pos' | 'neg' | '' {
  if (value === null || Math.abs(value) < 1e-9) return '';
  return value > 0 ? 'pos' : 'neg';
}
