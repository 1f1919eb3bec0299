import { parseApiTimestamp, type Language } from '../analysis';

/**
 * The zone every time in the pack and the committee summary is shown in: the analysts' and the committee's own.
 * Stored times stay UTC; only what is shown is local, always with the zone named (CET or CEST), so a reader never
 * has to guess whether 10:00 is UTC.
 */
export const LOCAL_TIME_ZONE = 'Europe/Oslo';

/** A moment as the wall clock in Oslo shows it, with the zone's short name. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** "CET" or "CEST". */
  zone: string;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// One formatter for every call: building an Intl.DateTimeFormat costs far more than using one.
let clockFormat: Intl.DateTimeFormat | null = null;

/** A stored time (a Date, an ISO string, or an API timestamp without a zone, read as UTC) as a Date; null when unreadable. */
export function toInstant(at: Date | string): Date | null {
  if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at;
  try {
    return new Date(parseApiTimestamp(at));
  } catch {
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
}

// Snapshots of one sync share their fetch times: each moment is worked out once (a bounded memo).
const clocks = new Map<number, WallClock>();

/** The Oslo wall clock at `at`. */
export function osloWallClock(at: Date): WallClock {
  const ms = at.getTime();
  const known = clocks.get(ms);
  if (known) return known;
  if (clocks.size >= 10_000) clocks.clear();
  const w = computeWallClock(at);
  clocks.set(ms, w);
  return w;
}

function computeWallClock(at: Date): WallClock {
  clockFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: LOCAL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const parts: Record<string, string> = {};
  for (const p of clockFormat.formatToParts(at)) parts[p.type] = p.value;
  // en-GB names the Oslo zone "CET"/"CEST"; a runtime without the names gives "GMT+1"/"GMT+2", said as such.
  const zone = parts['timeZoneName'] ?? '';
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    zone: zone === 'GMT+1' ? 'CET' : zone === 'GMT+2' ? 'CEST' : zone,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** A local date in text: "20.08.2025" (nb), "20 Aug 2025" (en). */
export function formatLocalDate(at: Date | string, lang: Language): string {
  const d = toInstant(at);
  if (!d) return String(at);
  const w = osloWallClock(d);
  return lang === 'nb' ? `${two(w.day)}.${two(w.month)}.${w.year}` : `${w.day} ${MONTHS_EN[w.month - 1]} ${w.year}`;
}

/** A local time with its zone: "20.08.2025 kl. 10:00 CEST" (nb), "20 Aug 2025 10:00 CEST" (en). */
export function formatLocalDateTime(at: Date | string, lang: Language): string {
  const d = toInstant(at);
  if (!d) return String(at);
  const w = osloWallClock(d);
  const clock = `${two(w.hour)}:${two(w.minute)}`;
  return lang === 'nb' ? `${formatLocalDate(d, lang)} kl. ${clock} ${w.zone}` : `${formatLocalDate(d, lang)} ${clock} ${w.zone}`;
}

/**
 * The Oslo wall clock as a Date whose UTC fields carry it: what a spreadsheet cell needs, since a cell's date has
 * no zone (exceljs writes a Date's UTC fields). The heading of such a column names the zone.
 */
export function wallClockDate(at: Date): Date {
  const w = osloWallClock(at);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** A calendar date (YYYY-MM-DD, no time, no zone) in text: "30.09.2026" (nb), "30 Sep 2026" (en). */
export function formatCalendarDate(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'nb' ? `${m[3]}.${m[2]}.${m[1]}` : `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
}
