/**
 * What the portfolio grid asks the cache for: a window of the list as filtered and sorted, and the analyst's saved
 * views (named sets of columns, sort and filters). The rules for both live here; the contract parses with them and
 * the settings service checks a view's name with them again, so a form, an IPC call and the CLI refuse alike.
 */
import { findUnsafeChar, type UnsafeCharReason } from '../safe-text';

/** The grid's filters. Empty strings and false: no filter. */
export interface PortfolioFilters {
  /** Quick search on the name (folded: shared/text-fold.ts) or the org number. */
  query: string;
  /** Needs attention: a breach, a quality flag or status alert, stale data, or a lost relationship. */
  flaggedOnly: boolean;
  /** On the analyst's watch-list. */
  watchedOnly: boolean;
  /** Shown on another basis than the one chosen (no LTM to be had, say). */
  fallbackOnly: boolean;
  /** A relationship state, as Symetrisk gives it. */
  state: string;
  accountingSystem: string;
  /** A NACE division (two digits) from the registry. */
  naceDivision: string;
}

export const NO_FILTERS: Readonly<PortfolioFilters> = {
  query: '',
  flaggedOnly: false,
  watchedOnly: false,
  fallbackOnly: false,
  state: '',
  accountingSystem: '',
  naceDivision: '',
};

/** The longest quick search kept (a pasted paragraph is not a name). */
export const QUERY_MAX = 200;

export interface PortfolioSort {
  id: string;
  desc: boolean;
}

/** The grid's own order until the analyst sorts: by name. */
export const DEFAULT_SORT: Readonly<PortfolioSort> = { id: 'name', desc: false };

/** The most rows one window holds: a few screens, never the list. */
export const WINDOW_MAX = 500;

/** A saved view: the columns shown, the sort and the filters, under the analyst's name for it. */
export interface SavedView {
  id: string;
  name: string;
  columns: string[];
  sort: PortfolioSort;
  filters: PortfolioFilters;
}

export const VIEW_LIMITS = { name: 60, views: 30 } as const;

export type ViewNameReason = 'view_name_empty' | 'view_name_too_long' | 'view_name_taken' | UnsafeCharReason;
export type ViewNameCheck = { ok: true; value: string } | { ok: false; reason: ViewNameReason; max: number; codePoint?: string };

/**
 * A view's name: one line, 1 to VIEW_LIMITS.name characters, not the name of another view (case ignored). `others`
 * are the names of the other views (the one renamed left out).
 */
export function checkViewName(raw: string, others: readonly string[] = []): ViewNameCheck {
  const value = raw.trim().replace(/\s+/g, ' ');
  const max = VIEW_LIMITS.name;
  if (value === '') return { ok: false, reason: 'view_name_empty', max };
  const unsafe = findUnsafeChar(value);
  if (unsafe) return { ok: false, reason: unsafe.reason, max, codePoint: unsafe.codePoint };
  if ([...value].length > max) return { ok: false, reason: 'view_name_too_long', max };
  const lower = value.toLocaleLowerCase('nb-NO');
  if (others.some((o) => o.trim().toLocaleLowerCase('nb-NO') === lower)) return { ok: false, reason: 'view_name_taken', max };
  return { ok: true, value };
}

/** Whether two sets of filters ask for the same rows. */
export function sameFilters(a: PortfolioFilters, b: PortfolioFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof PortfolioFilters)[]).every((k) => a[k] === b[k]);
}
