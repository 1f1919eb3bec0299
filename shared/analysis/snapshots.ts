import type { AccountingItem } from '../symetrisk/schemas';
import { daysInTwelveMonthsFrom, monthDay, parseApiTimestamp } from './dates';

/** What the pack's provenance sheet and every derived figure cite about a snapshot. */
export interface SnapshotRef {
  id: number;
  year: number;
  startDate: string;
  endDate: string;
  daysIncluded: number;
  snapshotDate: string;
  fetchedAt: string;
  accountingSystem: string;
  formatVersion: string;
}

/** The provenance of one item. */
export function snapshotRef(item: AccountingItem): SnapshotRef {
  return {
    id: item.id,
    year: item.data.year,
    startDate: item.data.start_date,
    endDate: item.data.end_date,
    daysIncluded: item.data.days_included,
    snapshotDate: item.snapshotDate,
    fetchedAt: item.fetchedAt,
    accountingSystem: item.accountingSystem,
    formatVersion: item.data.symetrisk_real_time_accounts_format_version,
  };
}

/**
 * Orders snapshots oldest first: by snapshotDate, then fetchedAt, then id. The last one in this order is
 * "the latest"; use as `items.sort(compareSnapshotRecency)`.
 */
export function compareSnapshotRecency(a: AccountingItem, b: AccountingItem): number {
  if (a.snapshotDate !== b.snapshotDate) return a.snapshotDate < b.snapshotDate ? -1 : 1;
  const fa = parseApiTimestamp(a.fetchedAt);
  const fb = parseApiTimestamp(b.fetchedAt);
  if (fa !== fb) return fa - fb;
  return a.id - b.id;
}

/** The latest of the given items (see {@link compareSnapshotRecency}), or undefined for none. */
export function latestSnapshot(items: readonly AccountingItem[]): AccountingItem | undefined {
  let best: AccountingItem | undefined;
  for (const item of items) if (!best || compareSnapshotRecency(item, best) > 0) best = item;
  return best;
}

/** The latest snapshot whose `data.year` is `year`. */
export function latestSnapshotOfYear(items: readonly AccountingItem[], year: number): AccountingItem | undefined {
  return latestSnapshot(items.filter((i) => i.data.year === year));
}

/** The latest snapshot of every year present, newest year first. */
export function latestSnapshotPerYear(items: readonly AccountingItem[]): AccountingItem[] {
  const years = [...new Set(items.map((i) => i.data.year))].sort((a, b) => b - a);
  return years.map((y) => latestSnapshotOfYear(items, y)!);
}

/** Days in the item's year: 366 in a leap year (counted over the twelve months from start_date). */
export function yearDaysOf(item: AccountingItem): number {
  return daysInTwelveMonthsFrom(item.data.start_date);
}

/** The flows cover the whole year: days_included reaches the days in the year. */
export function isFullYear(item: AccountingItem): boolean {
  return item.data.days_included >= yearDaysOf(item);
}

/**
 * The year is closed: it is a full year, or its period ends on 31 December (a company's short first year).
 * Later fetches of a closed year should not change; when they do, it is a restatement.
 */
export function isClosedYear(item: AccountingItem): boolean {
  return isFullYear(item) || monthDay(item.data.end_date) === '12-31';
}
