/**
 * Dates and timestamps in the API's formats. The sandbox keeps instants as epoch microseconds (a number:
 * exact up to year 2255) and calendar dates as UTC day numbers, because the API shows six-digit fractions
 * and zone-less timestamps, which a Date cannot carry.
 */

export const DAY_MS = 86_400_000;
export const DAY_US = DAY_MS * 1000;

/** Days since 1970-01-01 (UTC) of an epoch-millisecond instant. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function dayOfDate(year: number, month1: number, date: number): number {
  return Math.floor(Date.UTC(year, month1 - 1, date) / DAY_MS);
}

export function firstDayOfYear(year: number): number {
  return dayOfDate(year, 1, 1);
}

export function lastDayOfYear(year: number): number {
  return dayOfDate(year, 12, 31);
}

export function daysInYear(year: number): number {
  return lastDayOfYear(year) - firstDayOfYear(year) + 1;
}

/** "2025-08-14" */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "2025-01-01T00:00:00.000000": UTC wall time without a zone, six-digit fraction, as the API shows it. */
export function formatMicros(us: number): string {
  const whole = Math.floor(us);
  const ms = Math.floor(whole / 1000);
  const micros = ((whole % 1_000_000) + 1_000_000) % 1_000_000;
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}`;
}

export function unixSeconds(us: number): number {
  return Math.floor(us / 1_000_000);
}
