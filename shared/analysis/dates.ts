/**
 * Calendar arithmetic on ISO dates ("2025-08-14") as whole UTC days. Dates from the API carry no zone; treating
 * them as UTC days keeps every count independent of the machine's time zone and of daylight saving.
 */

const MS_PER_DAY = 86_400_000;

// The same dates (period ends, snapshot dates) are counted over and over: a pack of 1,000 borrowers asks some
// 513,000 times for 1,100 dates. Remembered, up to a bound; only valid dates are (an invalid one throws each time).
const dayNumbers = new Map<string, number>();
const DAY_NUMBER_MEMO = 20_000;

/** Days since 1970-01-01 for an ISO date; throws on anything that is not a real calendar date. */
export function toDayNumber(isoDate: string): number {
  const known = dayNumbers.get(isoDate);
  if (known !== undefined) return known;
  const day = parseDayNumber(isoDate);
  if (dayNumbers.size >= DAY_NUMBER_MEMO) dayNumbers.clear();
  dayNumbers.set(isoDate, day);
  return day;
}

function parseDayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return ms / MS_PER_DAY;
}

/** The ISO date of a day number from {@link toDayNumber}. */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds (or with a negative count subtracts) whole days. */
export function addDays(isoDate: string, days: number): string {
  return fromDayNumber(toDayNumber(isoDate) + days);
}

/** Days from `from` to `to` counting both ends ("2025-01-01".."2025-01-01" is 1 day). */
export function daysInclusive(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

/** Gregorian leap year: 2024 yes, 2025 no, 1900 no, 2000 yes. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 366 in a leap year, else 365. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/**
 * Days in the twelve months that begin on `startDate`. For a calendar year this is {@link daysInYear};
 * for a fiscal year starting e.g. 1 July it counts the 29 February that actually falls inside it.
 */
export function daysInTwelveMonthsFrom(startDate: string): number {
  const y = Number(startDate.slice(0, 4));
  const md = startDate.slice(5);
  // 29 Feb + 1 year does not exist: the next twelve months then start again on 1 March.
  const next = md === '02-29' ? `${y + 1}-03-01` : `${y + 1}-${md}`;
  return toDayNumber(next) - toDayNumber(startDate);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** "14.08.2025": the Norwegian numeric date, used in both languages' labels (as every number goes through nb-NO). */
export function formatDateNo(isoDate: string): string {
  return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;
}

/** "01.01–14.08.2025", or "01.07.2024–30.06.2025" across a year. */
export function formatRangeNo(from: string, to: string): string {
  if (from.slice(0, 4) === to.slice(0, 4)) return `${from.slice(8, 10)}.${from.slice(5, 7)}–${formatDateNo(to)}`;
  return `${formatDateNo(from)}–${formatDateNo(to)}`;
}

/** "MM-DD" of an ISO date. */
export function monthDay(isoDate: string): string {
  return isoDate.slice(5, 10);
}

/**
 * The same calendar day one year earlier: the one 29 February rule, used by every comparison of a period with the
 * year before (the comparable prior-year window, LTM, the LTM estimate, growth). 29 February maps to 28 February,
 * the last day of that month in a common year, so that a YTD ending on a leap day still finds its like-for-like
 * period; 28 February 2025 maps to 28 February 2024, and the twelve months after it then include 29 February 2024
 * (366 days), as twelve calendar months across a leap day do.
 */
export function sameDayPriorYear(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4)) - 1;
  const md = monthDay(isoDate);
  return `${y}-${md === '02-29' ? '02-28' : md}`;
}

/**
 * Milliseconds since the epoch for an API timestamp. The API sends no zone ("2025-10-10T00:00:00.00000");
 * we read such a timestamp as UTC. Fractions beyond milliseconds are dropped (only ordering and day counts use it).
 */
export function parseApiTimestamp(ts: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(ts);
  if (!m) throw new RangeError(`not an API timestamp: ${ts}`);
  const frac = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  let zone = m[4] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}.${frac}${zone}`);
  if (Number.isNaN(ms)) throw new RangeError(`not an API timestamp: ${ts}`);
  return ms;
}
