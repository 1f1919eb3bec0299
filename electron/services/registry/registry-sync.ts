import { AppError } from '../../../shared/contract/errors';
import { checkOrgNr } from '../../../shared/orgnr';
import { FEED_START_MARGIN_MS, REGISTRY_LIMITS } from '../../../shared/registry/defaults';
import type { RegistryFailure, RegistryUnit } from '../../../shared/registry/dto';
import { filedAccountsFrom, filingYear, unitFromEnhet, unitFromGone, unitFromSlettet, unitNotFound } from '../../../shared/registry/facts';
import type { OppdateringEnhet } from '../../../shared/registry/schemas';
import type { Db } from '../../db/connection';
import { registryRepo, type RegistryRepo } from '../../db/registry';
import type { RegistryClient, UnitAnswer } from './client';

export interface RegistrySyncDeps {
  /** The profile's cache (migration 0004 applied). */
  db: Db;
  /** The cache's registry repository, when the caller has one (its reads then see this step's writes at once). */
  repo?: RegistryRepo;
  client: RegistryClient;
  clock: () => Date;
  signal?: AbortSignal | undefined;
  /** Calls in flight for single look-ups and accounts; default REGISTRY_LIMITS.concurrency. */
  concurrency?: number;
  /**
   * Borrowers done of all: 0 at the start, then each borrower once its accounts are looked up (or not due), all of
   * them at the end (a stop included).
   */
  onProgress?: (done: number, total: number) => void;
}

export interface RegistrySyncResult {
  /** `initial`: no feed cursor yet, every unit looked up; `incremental`: the change feed said what to look up. */
  mode: 'initial' | 'incremental';
  units: { lookedUp: number; active: number; deleted: number; removed: number; notFound: number; failed: number };
  accounts: { lookedUp: number; filed: number; none: number; unsupported: number; failed: number };
  feed: { read: boolean; updates: number; changedUnits: number; nextUpdateId: number | null };
  /** Every failure, never silent; each is also recorded in registry_checks (per borrower). */
  failures: RegistryFailure[];
  /** Set when the registry could not be reached at all (or stopped answering): the step stopped, the cache as it was. */
  stopped: { code: string; reason: string; message: string } | null;
}

type Found = Extract<UnitAnswer, { kind: 'active' | 'deleted' }>;

/** A failure the rest of the step cannot get past: the registry is unreachable, or keeps timing out. */
class Stop extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function reasonOf(e: AppError): string {
  const r = e.details?.reason;
  return typeof r === 'string' ? r : e.code;
}

function failureOf(orgNr: string | null, what: RegistryFailure['what'], e: unknown): RegistryFailure {
  const err = e instanceof AppError ? e : new AppError('internal', e instanceof Error ? e.message : String(e), { reason: 'internal' });
  return { orgNr, what, code: err.code, reason: reasonOf(err), message: err.message.slice(0, 500) };
}

/** 1 January of the current year: the first feed read covers the filings published this year (their dates). */
function startOfYear(d: Date): string {
  return `${d.getUTCFullYear()}-01-01T00:00:00.000Z`;
}

/**
 * The registry step of a sync, for one profile's cache and the borrowers' org numbers:
 * - first run (no feed cursor): the batch lookup of every unit (units missing from the batch answer, one by one),
 *   then the change feed from 1 January (when this year's filings became public, and anything that changed while
 *   the lookup ran), then the filed accounts;
 * - later runs: the change feed from the cursor (up to the head read at the start), a lookup of new, changed and
 *   previously failed units only, then the accounts a new filing (or an earlier failure) asks for;
 * - 410 or `Fjernet`: the unit's copy is purged.
 * A bad answer (malformed, a 500, slow, a 410 body that is odd) never damages the cache: each answer is validated
 * before its write, each write is its own transaction, a failure is recorded for its borrower and the rest goes on.
 * An unreachable registry (or one that keeps timing out) stops the step with `stopped` set and the cursor as it was.
 * Throws only AppError('cancelled').
 */
export async function syncRegistry(deps: RegistrySyncDeps, orgNrs: readonly string[]): Promise<RegistrySyncResult> {
  const repo = deps.repo ?? registryRepo(deps.db);
  const { client, signal } = deps;
  const startedAt = deps.clock();
  const now = (): string => deps.clock().toISOString();
  // Imported, not required, as in the sync engine (engine.ts): p-limit is ESM only, and a static import becomes a
  // require() in the desktop app's CJS main bundle, whose interop breaks its default export.
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(Math.max(1, deps.concurrency ?? REGISTRY_LIMITS.concurrency));
  const cursor = repo.cursor();
  const result: RegistrySyncResult = {
    mode: cursor ? 'incremental' : 'initial',
    units: { lookedUp: 0, active: 0, deleted: 0, removed: 0, notFound: 0, failed: 0 },
    accounts: { lookedUp: 0, filed: 0, none: 0, unsupported: 0, failed: 0 },
    feed: { read: false, updates: 0, changedUnits: 0, nextUpdateId: cursor?.nextUpdateId ?? null },
    failures: [],
    stopped: null,
  };
  let timeouts = 0;
  /** Runs one call; counts consecutive timeouts and turns "unreachable" into a stop for the whole step. */
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      const value = await fn();
      timeouts = 0;
      return value;
    } catch (e) {
      if (e instanceof AppError && e.code === 'cancelled') throw e;
      if (e instanceof AppError && e.code === 'offline') {
        if (reasonOf(e) !== 'registry_timeout' || ++timeouts >= REGISTRY_LIMITS.maxConsecutiveTimeouts) throw new Stop(e);
      }
      throw e;
    }
  };
  /**
   * Runs `fn` for every item through the limiter. The first stop (or cancellation) skips what has not started;
   * what is in flight finishes before it is rethrown, so that nothing of this step writes after it returns.
   */
  const runAll = async <T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> => {
    let first: unknown = null;
    await Promise.all(
      items.map((item) =>
        limit(async () => {
          if (first !== null) return;
          try {
            await fn(item);
          } catch (e) {
            first ??= e;
          }
        }),
      ),
    );
    if (first !== null) throw first;
  };
  const fail = (orgNr: string | null, what: RegistryFailure['what'], e: unknown): void => {
    if (e instanceof Stop) throw e;
    const f = failureOf(orgNr, what, e);
    result.failures.push(f);
    if (orgNr !== null && (what === 'unit' || what === 'accounts')) {
      repo.putCheck({ orgNr, what, outcome: 'failed', forYear: null, layout: null, reason: f.reason, message: f.message, checkedAt: now() });
    }
  };

  const valid: string[] = [];
  for (const raw of new Set(orgNrs)) {
    const c = checkOrgNr(raw);
    if (c.ok) valid.push(c.orgNr);
    else result.failures.push({ orgNr: raw.slice(0, 40), what: 'unit', code: 'invalid_input', reason: 'invalid_org_number', message: c.message });
  }
  const unique = [...new Set(valid)];
  const progress = (done: number): void => deps.onProgress?.(Math.min(done, unique.length), unique.length);
  progress(0);

  try {
    const filingDates = new Map<string, string>();
    let head: number | null = null;
    let feedChanged = new Set<string>();
    if (cursor) {
      const read = await readFeed(deps, guarded, unique, { fromId: cursor.nextUpdateId, since: cursor.since }, filingDates, fail);
      if (read) {
        head = read.head;
        feedChanged = read.changed;
        result.feed = { read: true, updates: read.updates, changedUnits: read.changed.size, nextUpdateId: cursor.nextUpdateId };
      }
      persistFilingDates(repo, filingDates);
    }

    // Units: everything on the first run; later, what is new, changed in the feed, or failed last time.
    const toLookUp = unique.filter(
      (o) => !cursor || feedChanged.has(o) || repo.unit(o) === null || repo.check(o, 'unit')?.outcome === 'failed',
    );
    await lookUp(toLookUp);

    if (!cursor) {
      // Changes published while the lookup ran (and a margin before it) are looked up again; older ones are in
      // what the lookup returned. The feed's filing dates from 1 January say which filings were late.
      const from = new Date(startedAt.getTime() - FEED_START_MARGIN_MS).toISOString();
      const read = await readFeed(deps, guarded, unique, { fromId: null, since: startOfYear(startedAt) }, filingDates, fail, from);
      persistFilingDates(repo, filingDates);
      if (read) {
        head = read.head;
        result.feed = { read: true, updates: read.updates, changedUnits: read.changed.size, nextUpdateId: null };
        await lookUp([...read.changed]);
      }
    }

    await fetchAccounts(unique, filingDates);

    // The cursor moves only when the feed was read: the next run reads on from the head read at the start.
    if (result.feed.read) {
      const next = head === null ? (cursor?.nextUpdateId ?? null) : head + 1;
      const since = next === null ? new Date(startedAt.getTime() - FEED_START_MARGIN_MS).toISOString() : null;
      repo.setCursor({ nextUpdateId: next, since, updatedAt: now() });
      result.feed.nextUpdateId = next;
    } else if (!cursor) {
      // The first run could not read the feed: the next one reads from just before this lookup.
      repo.setCursor({ nextUpdateId: null, since: new Date(startedAt.getTime() - FEED_START_MARGIN_MS).toISOString(), updatedAt: now() });
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    result.stopped = { code: e.error.code, reason: reasonOf(e.error), message: e.error.message };
    result.failures.push(failureOf(null, 'units', e.error));
  }
  progress(unique.length);
  return result;

  /** Batch first (in chunks); whatever the batch does not return, one by one. */
  async function lookUp(list: readonly string[]): Promise<void> {
    if (list.length === 0) return;
    const found = new Map<string, Found>();
    const single: string[] = [];
    for (let i = 0; i < list.length; i += REGISTRY_LIMITS.batchChunk) {
      const chunk = list.slice(i, i + REGISTRY_LIMITS.batchChunk);
      try {
        const page = await guarded(() => client.units(chunk, { signal }));
        for (const [orgNr, u] of page) found.set(orgNr, u);
        single.push(...chunk.filter((o) => !page.has(o)));
      } catch (e) {
        fail(null, 'units', e);
        // A bad batch answer: the same units one by one, each validated on its own.
        single.push(...chunk);
      }
    }
    const asked = new Set(list);
    repo.write(() => {
      for (const [orgNr, u] of found) if (asked.has(orgNr)) storeUnit(orgNr, u);
    });
    await runAll(single, async (orgNr) => {
      try {
        const answer = await guarded(() => client.unit(orgNr, { signal }));
        repo.write(() => storeUnit(orgNr, answer));
      } catch (e) {
        result.units.failed++;
        fail(orgNr, 'unit', e);
      }
    });
  }

  function storeUnit(orgNr: string, answer: UnitAnswer): void {
    const at = now();
    result.units.lookedUp++;
    let unit: RegistryUnit;
    if (answer.kind === 'active') {
      unit = unitFromEnhet(answer.enhet, at);
      result.units.active++;
    } else if (answer.kind === 'deleted') {
      unit = unitFromSlettet(answer.enhet, at);
      result.units.deleted++;
    } else if (answer.kind === 'removed') {
      result.units.removed++;
      repo.purge(unitFromGone(orgNr, answer.gone, at));
      return;
    } else {
      unit = unitNotFound(orgNr, at);
      result.units.notFound++;
    }
    if (unit.orgNr !== orgNr) {
      throw new AppError('bad_response', 'Brønnøysundregistrene answered with another unit than the one asked for.', { reason: 'registry_wrong_unit' });
    }
    repo.putUnit(unit, answer.kind === 'active' || answer.kind === 'deleted' ? answer.raw : null);
    repo.putCheck({ orgNr, what: 'unit', outcome: 'ok', forYear: null, layout: null, reason: null, message: null, checkedAt: at });
  }

  /** Accounts for live units that have none yet, a newer filing than the last look-up, or a failed look-up. */
  async function fetchAccounts(list: readonly string[], filingDates: Map<string, string>): Promise<void> {
    const due = list.flatMap((orgNr) => {
      const unit = repo.unit(orgNr);
      if (!unit || unit.status !== 'active') return [];
      const check = repo.check(orgNr, 'accounts');
      const fresh = check && check.outcome !== 'failed' && check.forYear === unit.lastFiledYear;
      return fresh ? [] : [unit];
    });
    let done = list.length - due.length;
    progress(done);
    await runAll(due, async (unit) => {
      const orgNr = unit.orgNr;
      const forYear = unit.lastFiledYear;
      try {
        const answer = await guarded(() => client.accounts(orgNr, { signal }));
        result.accounts.lookedUp++;
        const at = now();
        const check = { orgNr, what: 'accounts' as const, forYear, layout: null, reason: null, message: null, checkedAt: at };
        if (answer.kind === 'none') {
          result.accounts.none++;
          repo.putCheck({ ...check, outcome: 'none' });
        } else if (answer.kind === 'unsupported') {
          result.accounts.unsupported++;
          repo.putCheck({ ...check, outcome: 'unsupported', layout: answer.layout, message: answer.message });
        } else {
          if (answer.accounts.some((r) => r.virksomhet.organisasjonsnummer !== orgNr)) {
            throw new AppError('bad_response', 'Regnskapsregisteret answered with the accounts of another unit than the one asked for.', {
              reason: 'registry_wrong_unit',
            });
          }
          repo.write(() => {
            answer.accounts.forEach((r, i) => {
              const year = filingYear(r);
              const kept = repo.accountsOfYear(orgNr, year, r.regnskapstype);
              const fromFeed = filingDates.get(`${orgNr}:${year}`) ?? repo.filingDate(orgNr, year);
              const published = fromFeed
                ? { at: fromFeed, source: 'feed' as const }
                : kept
                  ? { at: kept.publishedAt, source: kept.publishedSource }
                  : { at, source: 'first_seen' as const };
              repo.putAccounts(filedAccountsFrom(r, at, published), answer.raw[i]);
            });
            repo.putCheck({ ...check, outcome: 'filed' });
          });
          result.accounts.filed++;
        }
      } catch (e) {
        result.accounts.failed++;
        fail(orgNr, 'accounts', e);
      }
      progress(++done);
    });
  }
}

/**
 * Reads the change feed for `orgNrs` (in chunks), from `fromId` (or the time `since`), up to the head read first,
 * so that an update published meanwhile is left for the next run. Collects the units changed (only those
 * published from `changedFrom` on, when given) and when filings became public. Null when the feed failed
 * (recorded); the caller then leaves the cursor as it was.
 */
async function readFeed(
  deps: RegistrySyncDeps,
  guarded: <T>(fn: () => Promise<T>) => Promise<T>,
  orgNrs: readonly string[],
  from: { fromId: number | null; since: string | null },
  filingDates: Map<string, string>,
  fail: (orgNr: string | null, what: RegistryFailure['what'], e: unknown) => void,
  changedFrom?: string,
): Promise<{ head: number | null; changed: Set<string>; updates: number } | null> {
  const { client, signal } = deps;
  try {
    const head = await guarded(() => client.feedHead({ signal }));
    const changed = new Set<string>();
    let updates = 0;
    if (head === null) return { head, changed, updates };
    for (let i = 0; i < orgNrs.length; i += REGISTRY_LIMITS.batchChunk) {
      const chunk = orgNrs.slice(i, i + REGISTRY_LIMITS.batchChunk);
      let fromId = from.fromId;
      for (;;) {
        const q = fromId !== null ? { fromId } : { dato: from.since ?? undefined };
        const page = await guarded(() => client.changes({ ...q, orgNrs: chunk, size: REGISTRY_LIMITS.feedPageSize, includeChanges: true }, { signal }));
        const within = page.items.filter((it) => it.oppdateringsid <= head);
        for (const item of within) {
          updates++;
          note(item);
        }
        const last = page.items[page.items.length - 1];
        if (!last || page.items.length < REGISTRY_LIMITS.feedPageSize || last.oppdateringsid >= head) break;
        fromId = last.oppdateringsid + 1;
      }
    }
    return { head, changed, updates };

    function note(item: OppdateringEnhet): void {
      if (changedFrom === undefined || item.dato >= changedFrom) changed.add(item.organisasjonsnummer);
      for (const c of item.endringer ?? []) {
        if (c.path === '/sisteInnsendteAarsregnskap' && typeof c.value === 'string' && /^\d{4}$/.test(c.value)) {
          const key = `${item.organisasjonsnummer}:${c.value}`;
          const seen = filingDates.get(key);
          if (seen === undefined || item.dato < seen) filingDates.set(key, item.dato);
        }
      }
    }
  } catch (e) {
    if (e instanceof AppError && e.code === 'cancelled') throw e;
    fail(null, 'feed', e);
    return null;
  }
}

function persistFilingDates(repo: RegistryRepo, dates: Map<string, string>): void {
  if (dates.size === 0) return;
  repo.write(() => {
    for (const [key, at] of dates) {
      const [orgNr, year] = key.split(':');
      repo.putFilingDate(orgNr!, Number(year), at);
    }
  });
}
