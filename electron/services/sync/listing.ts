import { AppError } from '../../../shared/contract';
import type { ListPage } from '../symetrisk/client';

export interface Fetched<T> {
  item: T;
  raw: unknown;
}

export interface ListingOptions<T> {
  /** The identity used to deduplicate (an item's id). */
  keyOf(item: T): string | number;
  fetchPage(skip: number, limit: number): Promise<ListPage<T>>;
  pageSize: number;
  /**
   * Incremental stop: how many distinct ids are stored for this listing, and whether a returned item is stored
   * with exactly this content. Absent: read every page.
   */
  known?: { count: number; has(item: T, raw: unknown): boolean };
  /** Re-reads from the start when the pages drifted (items inserted or moved while paging). Default 3. */
  maxPasses?: number;
  label: string;
}

export interface ListingResult<T> {
  items: Fetched<T>[];
  /** True when page 1 proved that nothing new remains and the listing stopped there. */
  stoppedEarly: boolean;
  totalItems: number;
  pages: number;
}

/**
 * Reads a listing without relying on its order (the document promises none).
 *
 * Incremental: page 1 is read; when totalItems equals the number of ids already stored and every returned item is
 * already stored with the same content, nothing new can remain and the listing stops (one request). Otherwise
 * pages are read until the union of the ids seen covers totalItems (deduplicated by id). When the pages drift
 * (an item inserted at the head while paging shifts the rest by one, so one is seen twice and another never), the
 * end of the listing is reached short of totalItems; the listing is then read again from the start, and the union
 * grows, up to `maxPasses` times. A listing that never settles is an error: nothing of it is written.
 */
export async function readListing<T>(opts: ListingOptions<T>): Promise<ListingResult<T>> {
  const union = new Map<string | number, Fetched<T>>();
  const add = (page: ListPage<T>) => {
    page.items.forEach((item, i) => union.set(opts.keyOf(item), { item, raw: page.raw[i] }));
  };
  let pages = 1;
  const first = await opts.fetchPage(0, opts.pageSize);
  add(first);
  let total = first.metadata.totalItems;
  if (opts.known && total === opts.known.count && first.items.every((it, i) => opts.known!.has(it, first.raw[i]))) {
    return { items: [...union.values()], stoppedEarly: true, totalItems: total, pages };
  }
  const maxPasses = opts.maxPasses ?? 3;
  let skip = first.items.length;
  let passes = 1;
  // Each page is bounded by the listing's size; the cap guards against a server that never stops answering.
  const maxPages = Math.ceil((total + 1) / Math.max(1, opts.pageSize)) * (maxPasses + 1) + 10;
  while (union.size < total) {
    if (pages >= maxPages) break;
    const page = await opts.fetchPage(skip, opts.pageSize);
    pages++;
    total = page.metadata.totalItems;
    add(page);
    if (page.items.length === 0 || skip + page.items.length >= total) {
      if (union.size >= total) break;
      if (passes >= maxPasses) break;
      passes++;
      skip = 0;
      continue;
    }
    skip += page.items.length;
  }
  if (union.size < total) {
    throw new AppError('bad_response', `${opts.label}: the listing kept changing while it was read (${union.size} of ${total} items after ${pages} pages).`, {
      endpoint: opts.label,
      seen: union.size,
      totalItems: total,
    });
  }
  return { items: [...union.values()], stoppedEarly: false, totalItems: total, pages };
}
