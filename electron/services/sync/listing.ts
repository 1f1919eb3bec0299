import { AppError } from '../../../shared/contract';
import { SYMETRISK_LIMITS, type ListingLimits } from '../../../shared/symetrisk/defaults';
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
  /**
   * Runs the fetches of pages 2..n, which page 1's totalItems makes known at once. Given a limiter (p-limit),
   * they are read concurrently through it; absent, one after the other (a listing read inside a slot of the
   * borrower limiter must not add requests beyond that limit).
   */
  schedule?: <R>(fetch: () => Promise<R>) => Promise<R>;
  /** The most items and pages read, whatever totalItems claims. Default: the relationships' limits. */
  limits?: ListingLimits;
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
 * Beyond this many pages a listing is read one page after the other even with a `schedule`: a totalItems that no
 * real listing reaches (a broken or hostile server) must not queue millions of requests at once.
 */
const MAX_CONCURRENT_PAGES = 1000;

/**
 * Reads a listing without relying on its order (the document promises none), and without trusting what it claims.
 *
 * Incremental: page 1 is read; when totalItems equals the number of ids already stored and every returned item is
 * already stored with the same content, nothing new can remain and the listing stops (one request). Otherwise,
 * with a `schedule`, pages 2..n are read at once through it; then (or without one) pages are read until the union
 * of the ids seen covers totalItems (deduplicated by id). When the pages drift (an item inserted at the head while
 * paging shifts the rest by one, so one is seen twice and another never), the end of the listing is reached short
 * of totalItems; the listing is then read again from the start, and the union grows, up to `maxPasses` times. A
 * listing that never settles is an error: nothing of it is written.
 *
 * Bounded whatever the server says (`limits`): a totalItems above `maxItems` is refused after page 1, as is a union
 * that outgrows it; at most `maxPages` requests; and two pages in a row that bring nothing new to their pass (a
 * server that ignores `skip` and repeats a page) end the listing at once. Memory is then bounded by `maxItems`.
 */
export async function readListing<T>(opts: ListingOptions<T>): Promise<ListingResult<T>> {
  const limits = opts.limits ?? SYMETRISK_LIMITS.listings.relationships;
  const union = new Map<string | number, Fetched<T>>();
  // Per pass: the ids read in it, and how many pages in a row brought none of them new.
  let passSeen = new Set<string | number>();
  let stale = 0;
  const tooLong = (total: number) =>
    new AppError('bad_response', `${opts.label}: the listing claims or holds more than ${limits.maxItems} items (${total}); it was not read further and nothing of it was stored.`, {
      reason: 'listing_too_long',
      endpoint: opts.label,
      totalItems: total,
      maxItems: limits.maxItems,
    });
  const add = (page: ListPage<T>, skip: number) => {
    let fresh = 0;
    page.items.forEach((item, i) => {
      const key = opts.keyOf(item);
      if (!passSeen.has(key)) {
        passSeen.add(key);
        fresh++;
      }
      union.set(key, { item, raw: page.raw[i] });
    });
    if (union.size > limits.maxItems) throw tooLong(union.size);
    stale = page.items.length > 0 && fresh === 0 && skip > 0 ? stale + 1 : 0;
    if (stale >= 2) {
      throw new AppError('bad_response', `${opts.label}: the server answered the same page again for a later skip; the listing was not read further and nothing of it was stored.`, {
        reason: 'repeated_page',
        endpoint: opts.label,
        skip,
      });
    }
  };
  const newPass = () => {
    passSeen = new Set();
    stale = 0;
  };
  let pages = 1;
  const first = await opts.fetchPage(0, opts.pageSize);
  let total = first.metadata.totalItems;
  if (total > limits.maxItems) throw tooLong(total);
  add(first, 0);
  if (opts.known && total === opts.known.count && first.items.every((it, i) => opts.known!.has(it, first.raw[i]))) {
    return { items: [...union.values()], stoppedEarly: true, totalItems: total, pages };
  }
  const maxPasses = opts.maxPasses ?? 3;
  let skip = first.items.length;
  let passes = 1;
  const pagesCap = () => Math.min(limits.maxPages, Math.ceil((total + 1) / Math.max(1, opts.pageSize)) * (maxPasses + 1) + 10);
  if (opts.schedule && skip > 0 && skip < total && Math.ceil(total / skip) <= Math.min(MAX_CONCURRENT_PAGES, limits.maxPages)) {
    // Pages 2..n at once: the step is what page 1 returned (a server may cap the limit below pageSize).
    const step = skip;
    const skips: number[] = [];
    for (let s = step; s < total; s += step) skips.push(s);
    const rest = await Promise.all(skips.map((s) => opts.schedule!(() => opts.fetchPage(s, opts.pageSize))));
    pages += rest.length;
    let drift = false;
    // In skip order, as one pass: a repeated page is found here as in the sequential read.
    rest.forEach((page, i) => {
      add(page, skips[i]!);
      if (page.metadata.totalItems !== total) drift = true;
    });
    if (drift) total = rest[rest.length - 1]!.metadata.totalItems;
    if (total > limits.maxItems) throw tooLong(total);
    // Complete unless the listing moved while it was read; then the sequential passes below re-read it.
    skip = union.size >= total ? total : 0;
    if (union.size < total) {
      passes++;
      newPass();
    }
  }
  let capped = false;
  while (union.size < total) {
    if (pages >= pagesCap()) {
      capped = pages >= limits.maxPages;
      break;
    }
    if (passes > maxPasses) break;
    const page = await opts.fetchPage(skip, opts.pageSize);
    pages++;
    total = page.metadata.totalItems;
    if (total > limits.maxItems) throw tooLong(total);
    add(page, skip);
    if (page.items.length === 0 || skip + page.items.length >= total) {
      if (union.size >= total) break;
      if (passes >= maxPasses) break;
      passes++;
      newPass();
      skip = 0;
      continue;
    }
    skip += page.items.length;
  }
  if (capped && union.size < total) {
    throw new AppError('bad_response', `${opts.label}: the listing was not complete after ${pages} pages, the most read of one listing; nothing of it was stored.`, {
      reason: 'listing_too_many_pages',
      endpoint: opts.label,
      pages,
      maxPages: limits.maxPages,
    });
  }
  if (union.size < total) {
    throw new AppError('bad_response', `${opts.label}: the listing kept changing while it was read (${union.size} of ${total} items after ${pages} pages).`, {
      reason: 'listing_unsettled',
      endpoint: opts.label,
      seen: union.size,
      totalItems: total,
    });
  }
  return { items: [...union.values()], stoppedEarly: false, totalItems: total, pages };
}
