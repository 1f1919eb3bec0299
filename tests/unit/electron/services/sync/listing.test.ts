import { expect, it } from 'vitest';
import { readListing } from '../../../../../electron/services/sync/listing';
import type { ListPage } from '../../../../../electron/services/symetrisk/client';

/** A listing served from an array that a test may change between pages (drift). */
function server(initial: number[]) {
  const list = [...initial];
  let calls = 0;
  return {
    list,
    get calls() {
      return calls;
    },
    fetch: async (skip: number, limit: number, onPage?: (skip: number) => void): Promise<ListPage<{ id: number }>> => {
      calls++;
      onPage?.(skip);
      const items = list.slice(skip, skip + limit).map((id) => ({ id }));
      return { metadata: { limit, skip, returnedItems: items.length, totalItems: list.length }, items, raw: items };
    },
  };
}

it('stops after page 1 when the total and every returned id are already known', async () => {
  const s = server(Array.from({ length: 25 }, (_, i) => i));
  const known = new Set(s.list);
  const r = await readListing<{ id: number }>({ label: 't', pageSize: 10, keyOf: (x) => x.id, fetchPage: (a, b) => s.fetch(a, b), known: { count: 25, has: (x) => known.has(x.id) } });
  expect(r.stoppedEarly).toBe(true);
  expect(s.calls).toBe(1);
});

it('reads every page when something is new, in any order', async () => {
  const s = server([7, 3, 99, 1, 5, 8, 2, 4, 6, 0, 9]);
  const known = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const r = await readListing<{ id: number }>({ label: 't', pageSize: 4, keyOf: (x) => x.id, fetchPage: (a, b) => s.fetch(a, b), known: { count: 10, has: (x) => known.has(x.id) } });
  expect(r.items.map((i) => i.item.id).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99]);
  expect(s.calls).toBe(3);
});

it('re-reads when an item is inserted at the head while paging, until the union covers totalItems', async () => {
  const s = server(Array.from({ length: 12 }, (_, i) => i));
  let drifted = false;
  const r = await readListing<{ id: number }>({
    label: 't',
    pageSize: 5,
    keyOf: (x) => x.id,
    fetchPage: (a, b) =>
      s.fetch(a, b, (skip) => {
        if (skip > 0 && !drifted) {
          drifted = true;
          s.list.unshift(100);
        }
      }),
  });
  expect(r.items.map((i) => i.item.id).sort((a, b) => a - b)).toEqual([...Array.from({ length: 12 }, (_, i) => i), 100]);
});

it('gives up with bad_response on a listing that never settles', async () => {
  const s = server([1, 2, 3, 4]);
  await expect(
    readListing<{ id: number }>({
      label: 'GET /x',
      pageSize: 2,
      keyOf: (x) => x.id,
      fetchPage: async (a, b) => {
        const p = await s.fetch(a, b);
        return { ...p, metadata: { ...p.metadata, totalItems: 10 } };
      },
    }),
  ).rejects.toMatchObject({ code: 'bad_response' });
});

/** A limiter like p-limit's: at most `n` fetches at once; records the most seen in flight. */
function limiter(n: number) {
  let active = 0;
  let peak = 0;
  const queue: (() => void)[] = [];
  const schedule = async <R>(fn: () => Promise<R>): Promise<R> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    peak = Math.max(peak, active);
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
  return {
    schedule,
    get peak() {
      return peak;
    },
  };
}

it('with a schedule, reads pages 2..n at once once page 1 gives totalItems, within the limiter', async () => {
  const s = server(Array.from({ length: 47 }, (_, i) => i));
  const l = limiter(3);
  const r = await readListing<{ id: number }>({ label: 't', pageSize: 5, keyOf: (x) => x.id, fetchPage: (a, b) => s.fetch(a, b), schedule: l.schedule });
  expect(r.items.map((i) => i.item.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 47 }, (_, i) => i));
  expect(s.calls).toBe(10);
  expect(r.pages).toBe(10);
  expect(l.peak).toBe(3);
});

it('with a schedule, re-reads from the start when the pages drifted while they were read at once', async () => {
  const s = server(Array.from({ length: 12 }, (_, i) => i));
  let drifted = false;
  const r = await readListing<{ id: number }>({
    label: 't',
    pageSize: 5,
    keyOf: (x) => x.id,
    schedule: limiter(8).schedule,
    fetchPage: (a, b) =>
      s.fetch(a, b, (skip) => {
        if (skip > 0 && !drifted) {
          drifted = true;
          s.list.unshift(100, 101);
        }
      }),
  });
  expect(r.items.map((i) => i.item.id).sort((a, b) => a - b)).toEqual([...Array.from({ length: 12 }, (_, i) => i), 100, 101]);
});

it('with a schedule, still gives up with bad_response on a listing that never settles', async () => {
  const s = server([1, 2, 3, 4]);
  await expect(
    readListing<{ id: number }>({
      label: 'GET /x',
      pageSize: 2,
      keyOf: (x) => x.id,
      schedule: limiter(8).schedule,
      fetchPage: async (a, b) => {
        const p = await s.fetch(a, b);
        return { ...p, metadata: { ...p.metadata, totalItems: 10 } };
      },
    }),
  ).rejects.toMatchObject({ code: 'bad_response' });
});

it('with a schedule, a totalItems no real listing reaches is read page by page, not queued at once', async () => {
  const s = server([1, 2, 3, 4]);
  const l = limiter(8);
  await expect(
    readListing<{ id: number }>({
      label: 'GET /x',
      pageSize: 2,
      keyOf: (x) => x.id,
      schedule: l.schedule,
      fetchPage: async (a, b) => {
        const p = await s.fetch(a, b);
        return { ...p, metadata: { ...p.metadata, totalItems: 1e9 } };
      },
    }),
  ).rejects.toMatchObject({ code: 'bad_response' });
  expect(l.peak).toBe(0);
  expect(s.calls).toBeLessThan(100);
});

// ---- bounded whatever the server claims (trust review 2, finding 2) ----------------------------------------------

it('refuses a totalItems above the listing cap after page 1, with or without a schedule', async () => {
  for (const schedule of [undefined, limiter(8).schedule]) {
    const s = server([1, 2, 3, 4, 5]);
    const err = await readListing<{ id: number }>({
      label: 'GET /relationship',
      pageSize: 5,
      keyOf: (x) => x.id,
      limits: { maxItems: 1000, maxPages: 100 },
      ...(schedule ? { schedule } : {}),
      // The probe's server: the same items on every page, and a total of 10^15.
      fetchPage: async (a, b) => {
        const p = await s.fetch(0, b);
        return { ...p, metadata: { ...p.metadata, skip: a, totalItems: 1e15 } };
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'listing_too_long', totalItems: 1e15, maxItems: 1000 } });
    expect(s.calls).toBe(1);
  }
});

it('ends at once when the server repeats a page for a later skip (it ignores skip), with or without a schedule', async () => {
  for (const schedule of [undefined, limiter(8).schedule]) {
    const s = server(Array.from({ length: 10 }, (_, i) => i));
    const err = await readListing<{ id: number }>({
      label: 'GET /relationship',
      pageSize: 10,
      keyOf: (x) => x.id,
      limits: { maxItems: 100_000, maxPages: 3_000 },
      ...(schedule ? { schedule } : {}),
      fetchPage: async (a, b) => {
        const p = await s.fetch(0, b);
        return { ...p, metadata: { ...p.metadata, skip: a, totalItems: 5000 } };
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'repeated_page' } });
    // Sequentially: page 1 and two repeats. At once: the pages a total of 5000 calls for, read once, never re-read.
    expect(s.calls).toBeLessThanOrEqual(schedule ? 500 : 3);
  }
});

it('caps the items held: a server that brings new items on every page past its total is stopped at maxItems', async () => {
  let next = 0;
  let calls = 0;
  const err = await readListing<{ id: number }>({
    label: 'GET /notifications',
    pageSize: 10,
    keyOf: (x) => x.id,
    limits: { maxItems: 200, maxPages: 1000 },
    fetchPage: async (skip, limit) => {
      calls++;
      const items = Array.from({ length: limit }, () => ({ id: next++ }));
      // Claims a little more than it has given so far, every time.
      return { metadata: { limit, skip, returnedItems: limit, totalItems: next + 5 }, items, raw: items };
    },
  }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'listing_too_long', maxItems: 200 } });
  expect(calls).toBeLessThanOrEqual(21);
});

it('caps the pages read: a listing that is never complete stops at maxPages', async () => {
  let calls = 0;
  const err = await readListing<{ id: number }>({
    label: 'GET /relationship',
    pageSize: 10,
    keyOf: (x) => x.id,
    limits: { maxItems: 100_000, maxPages: 40 },
    // One new item per page of ten asked for, and a total that keeps every pass short.
    fetchPage: async (skip, limit) => {
      calls++;
      const items = [{ id: calls }];
      return { metadata: { limit, skip, returnedItems: 1, totalItems: 90_000 }, items, raw: items };
    },
  }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'bad_response', details: { reason: 'listing_too_many_pages', maxPages: 40 } });
  expect(calls).toBe(40);
});
