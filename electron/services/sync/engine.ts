import { AppError, isAppError } from '../../../shared/contract';
import type { RelationshipCounts, SyncProgress, SyncRun } from '../../../shared/contract/dto';
import { isValidOrgNr } from '../../../shared/orgnr';
import { cleanServerText, visibleControls } from '../../../shared/safe-text';
import { PAGINATION, SYMETRISK_LIMITS } from '../../../shared/symetrisk/defaults';
import type { AccountingItem, Notification, Relationship } from '../../../shared/symetrisk/schemas';
import type { UncertainOutcome } from '../../db/access-requests';
import type { Cache } from '../../db/cache';
import type { FollowedCheck } from '../../db/followed';
import { contentHash } from '../../db/json-hash';
import { BANK_SCOPE } from '../../db/notifications';
import { APPROVED } from '../../db/relationships';
import type { RunError, RunTotals } from '../../db/sync-runs';
import type { Logger } from '../log';
import type { SymetriskClient } from '../symetrisk/client';
import { endpointLabel, isAccessGone } from '../symetrisk/client';
import type { CacheWrite } from './cache-writes';
import { admitPage, checkItemSize, collectUnknownFields, UnknownFields } from './admission';
import { inThreadWriter, workerWriter, type CacheWriter, type StartWriterWorker } from './cache-writer';
import { readListing, type Fetched } from './listing';
import { WriteBatcher } from './write-batch';

/**
 * Borrowers fetched at once. Measured against the sandbox (200 borrowers, 147 approved, 40 ms + 0..20 ms latency
 * per answer, ~300 requests; full sync / incremental sync): 1 → 19.4 s / 17.4 s, 4 → 4.9 s / 5.1 s,
 * 8 → 3.4 s / 2.9 s, 16 → 3.2 s / 2.2 s, 32 → 2.2 s / 1.7 s. 8 takes most of the gain (6×) while keeping at most
 * 8 requests in flight against an API whose rate limits are not published; beyond it the gain per extra
 * connection falls off. Configurable (SyncService `concurrency`) for a bank whose gateway allows more.
 */
export const DEFAULT_CONCURRENCY = 8;

type Awaitable<T> = T | Promise<T>;

/**
 * What the engine reads of the store it syncs into, and where it records its run. A profile's cache (Cache) is one;
 * the team database (electron/services/team/) is the other, read over the network, hence the promises.
 */
export interface SyncStore {
  readonly relationships: { all(): Awaitable<readonly { org_nr: string; relationship_id: string | null; lost: number; name?: string }[]> };
  /** The numbers whose access request is uncertain (a desk's cache); absent where there are none (the team database). */
  readonly accessRequests?: { uncertainOrgNrs(): Awaitable<readonly string[]> };
  readonly followed: { all(): Awaitable<readonly { orgNr: string }[]> };
  readonly notifications: { knownIdsByScope(): Awaitable<Map<string, Set<number>>> };
  readonly snapshots: { knownByBorrower(): Awaitable<Map<string, Map<number, Set<string>>>> };
  readonly syncRuns: { start(at: string): Awaitable<number>; finish(id: number, endedAt: string, totals: RunTotals): Awaitable<SyncRun> };
}

export interface SyncEngineOptions {
  profileId: string;
  runId?: number;
  /**
   * Where the sync goes: a profile's cache, whose writes the engine commits itself (in the cache-writer worker or
   * in this thread), or else `store` with the `writer` that commits its writes (the team database's).
   */
  cache?: Cache;
  store?: SyncStore;
  writer?: CacheWriter;
  client: SymetriskClient;
  clock: () => Date;
  concurrency?: number;
  /** Listing page size; default PAGINATION.maxLimit (tests use small pages to exercise paging). */
  pageSize?: number;
  signal?: AbortSignal;
  /** Called at phase changes, after each borrower at most every `progressIntervalMs`, and at the end. */
  onProgress?: (p: SyncProgress) => void;
  progressIntervalMs?: number;
  log?: Logger;
  /**
   * Commits the borrowers' writes in a worker thread started with this (cache-writer.ts), so that a large sync's
   * inserts do not hold up the thread that reads the answers. Absent (or an in-memory cache): in this thread.
   */
  startWriterWorker?: StartWriterWorker;
}

/**
 * Borrowers' writes are taken out of the request path and committed together (each in its own savepoint, so each
 * stays all-or-nothing): a batch is committed WRITE_BATCH_MS after its first borrower was read, or at
 * WRITE_BATCH_MAX borrowers, whichever comes first. A kill loses at most that batch (whole borrowers, fetched again
 * by the next sync). Measured (bench full sync, 2000 borrowers, 25 ms, quiet machine, three interleaved runs each,
 * writes still in the main thread): a transaction per listing inside its slot 13.4-14.3 s; batches after 2 / 5 /
 * 10 ms 12.3-12.8 / 12.3-13.0 / 12.3-13.0 s. A 25 ms delay was worse (13.8-14.0 s): its flushes, as long as the
 * latency, fell in step with the answers and delayed them. With the writes in the cache-writer worker, batching
 * still saves messages and commits.
 */
const WRITE_BATCH_MS = 5;
const WRITE_BATCH_MAX = 32;

/** After this many borrowers in a row fail because Symetrisk cannot be reached, the rest are not attempted. */
const MAX_CONSECUTIVE_OFFLINE = 3;

/**
 * One sync of a profile's portfolio into its cache: relationships (every page), notifications (the bank's and each
 * approved borrower's), then the accounting data of every approved borrower. Every listing is written after it
 * has been read completely, in one transaction or in one savepoint of a batch's transaction (WriteBatcher), so a
 * crash, a kill or a cancel never leaves half a borrower. Progress counts a borrower done once its write is committed.
 * A failed borrower is recorded and the run goes on. Returns the finished run (never throws for API failures).
 */
export async function runSync(opts: SyncEngineOptions): Promise<SyncRun> {
  const { client, clock } = opts;
  const target = opts.cache;
  if (!target && !(opts.store && opts.writer)) throw new Error('runSync needs a cache, or a store and its writer');
  const store: SyncStore = (target ?? opts.store)!;
  const now = () => clock().toISOString();
  const runId = opts.runId ?? (await store.syncRuns.start(now()));
  const pageSize = opts.pageSize ?? PAGINATION.maxLimit;
  // Imported, not required: p-limit is ESM only, and in the CJS main bundle a static import becomes require(), whose
  // interop takes the module's namespace for its default export ("pLimit is not a function" at the desktop app's
  // first sync; tests/electron/wiring.test.ts). Bundling it instead puts private fields in main.cjs, which
  // Electronegativity cannot parse.
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const cacheWriter =
    opts.writer ??
    (opts.startWriterWorker && target!.file !== ':memory:' ? workerWriter(opts.startWriterWorker, target!, opts.log) : inThreadWriter(target!));
  const writer = new WriteBatcher(cacheWriter.commit, { maxDelayMs: WRITE_BATCH_MS, maxWrites: WRITE_BATCH_MAX });
  const errors: RunError[] = [];
  const failed = new Set<string>();
  const synced = new Set<string>();
  let newSnapshots = 0;
  let newNotifications = 0;
  let consecutiveOffline = 0;
  let stopReason: AppError | null = null;
  let relationshipCounts: RelationshipCounts | null = null;
  const startStats = { ...client.stats };
  const unknownFields = new UnknownFields();

  const progress: SyncProgress = {
    profileId: opts.profileId,
    runId,
    phase: 'starting',
    done: 0,
    total: 0,
    currentOrgNr: null,
    currentName: null,
    requests: 0,
    retries: 0,
    errors: 0,
  };
  let lastEmit = 0;
  const interval = opts.progressIntervalMs ?? 100;
  const emit = (force = false) => {
    const t = Date.now();
    if (!force && t - lastEmit < interval) return;
    lastEmit = t;
    progress.requests = client.stats.requests - startStats.requests;
    progress.retries = client.stats.retries - startStats.retries;
    progress.errors = errors.length;
    opts.onProgress?.({ ...progress });
  };
  // The borrower being fetched is shown by name: as stored by earlier syncs, then as this sync's listing gives it.
  const names = new Map<string, string>();
  const current = (orgNr: string | null) => {
    progress.currentOrgNr = orgNr;
    progress.currentName = orgNr ? (names.get(orgNr) ?? null) : null;
  };
  const phase = (p: SyncProgress['phase'], total: number) => {
    progress.phase = p;
    progress.done = 0;
    progress.total = total;
    current(null);
    emit(true);
  };
  const call = { signal: opts.signal };
  const checkCancel = () => {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
  };
  const fail = (orgNr: string | null, e: unknown) => {
    const err = asAppError(e);
    if (orgNr) failed.add(orgNr);
    errors.push(runError(orgNr, err, orgNr ? names.get(orgNr) : undefined));
    opts.log?.warn('sync: borrower failed', { profileId: opts.profileId, runId, orgNr, code: err.code, message: err.message });
    if (err.code === 'offline') consecutiveOffline++;
    // A refused token or missing scope concerns the whole bank: stop instead of failing every borrower the same way.
    if (err.code === 'auth_failed' || err.code === 'missing_scope') stopReason = err;
    if (consecutiveOffline >= MAX_CONSECUTIVE_OFFLINE) stopReason = err;
  };

  const finish = async (outcome: Exclude<SyncRun['outcome'], 'running'>, message: string | null): Promise<SyncRun> => {
    // Every borrower's write has been awaited on the way here, except after a cancel or a failure: what was handed
    // to the writer is committed (or has failed) before the run is recorded, and the worker is ended.
    await writer.drain();
    await cacheWriter.close();
    progress.phase = 'done';
    current(null);
    emit(true);
    const run = await store.syncRuns.finish(runId, now(), {
      outcome,
      requests: client.stats.requests - startStats.requests,
      retries: client.stats.retries - startStats.retries,
      borrowersSynced: synced.size,
      borrowersFailed: failed.size,
      newSnapshots,
      newNotifications,
      message,
      errors,
      relationships: relationshipCounts,
    });
    for (const u of unknownFields.summary()) {
      // Counted, named and dropped: the cache keeps the fields the app knows, nothing a server adds.
      opts.log?.info('sync: unknown fields ignored', { profileId: opts.profileId, runId, ...u });
    }
    opts.log?.info('sync: finished', { profileId: opts.profileId, runId, outcome, requests: run.requests, retries: run.retries });
    return run;
  };

  try {
    // ---- token and ping: offline fails here at once, before the cache is touched ------------------------------
    phase('token', 2);
    await client.token({ ...call, failFastUnreachable: true });
    progress.done = 1;
    await client.ping({ ...call, failFastUnreachable: true });
    progress.done = 2;

    // ---- relationships ----------------------------------------------------------------------------------------
    phase('relationships', 0);
    // The relationships' write goes first in the writer's queue (before any borrower's, whose snapshots need their
    // row) and is committed while the notifications are read; a failure of it stops the sync before the accounting.
    const { approved, saved: relationshipsSaved } = await syncRelationships();
    checkCancel();

    // ---- notifications ----------------------------------------------------------------------------------------
    phase('notifications', approved.length + 1);
    const knownNotifications = await store.notifications.knownIdsByScope();
    let bankSaved: Promise<void> = Promise.resolve();
    try {
      const write = await syncNotifications(BANK_SCOPE, null, knownNotifications.get(BANK_SCOPE) ?? new Set());
      if (write) {
        bankSaved = writer.submit(write).then(
          (added) => void (newNotifications += added),
          (e: unknown) => fail(null, e),
        );
      }
    } catch (e) {
      if (isAppError(e) && e.code === 'cancelled') throw e;
      fail(null, e);
    }
    progress.done = 1;
    await forEachBorrower(
      approved,
      (orgNr) => syncNotifications(orgNr, orgNr, knownNotifications.get(orgNr) ?? new Set()),
      (_orgNr, added) => {
        newNotifications += added;
      },
    );
    await bankSaved;
    const relationshipsFailed = await relationshipsSaved;
    if (relationshipsFailed) throw relationshipsFailed;
    checkCancel();

    // ---- accounting data --------------------------------------------------------------------------------------
    phase('accounting', approved.length);
    const knownSnapshots = await store.snapshots.knownByBorrower();
    await forEachBorrower(approved, (orgNr) => syncAccounting(orgNr, knownSnapshots.get(orgNr)), (orgNr, added) => {
      newSnapshots += added;
      if (!failed.has(orgNr)) synced.add(orgNr);
    });
    checkCancel();
    if (stopReason) {
      const r = stopReason as AppError;
      return finish('failed', `The sync stopped: ${r.message}`);
    }
    const outcome = failed.size > 0 || errors.length > 0 ? 'partial' : 'ok';
    const message =
      outcome === 'ok' ? null : `${failed.size} borrower${failed.size === 1 ? '' : 's'} could not be synced; the next sync tries again.`;
    return finish(outcome, message);
  } catch (e) {
    limit.clearQueue();
    if (opts.signal?.aborted || (isAppError(e) && e.code === 'cancelled')) {
      return finish('cancelled', 'The sync was cancelled; what was fetched before is kept.');
    }
    const err = asAppError(e);
    errors.push(runError(null, err));
    const message =
      err.code === 'offline'
        ? `Symetrisk could not be reached: ${err.message} The cache was not changed.`
        : `The sync failed: ${err.message}`;
    return finish('failed', message);
  }

  /**
   * Reads each borrower's listing within the limiter, then hands its write to the batcher: the slot is free again
   * as soon as the answer is in, and `committed` runs once the write is committed.
   */
  async function forEachBorrower(
    orgNrs: string[],
    read: (orgNr: string) => Promise<CacheWrite | null>,
    committed: (orgNr: string, added: number) => void,
  ): Promise<void> {
    const writes: Promise<void>[] = [];
    const borrowerFailed = (orgNr: string, e: unknown) => {
      if (isAppError(e) && e.code === 'cancelled') return;
      if (isAccessGone(e)) {
        // Access went away between the listing and this call: keep the data, show it as lost (a write like any other,
        // so it goes where the borrowers' writes go; committed before the run is recorded).
        writer.submit({ kind: 'relationships', upserts: [], lost: [orgNr], at: now() }).catch((err: unknown) => {
          opts.log?.warn('sync: could not mark a relationship lost', { profileId: opts.profileId, runId, orgNr, error: err });
        });
      }
      fail(orgNr, e);
    };
    const done = () => {
      progress.done++;
      emit();
    };
    await Promise.all(
      orgNrs.map((orgNr) =>
        limit(async () => {
          if (opts.signal?.aborted || stopReason) return;
          current(orgNr);
          let write: CacheWrite | null;
          try {
            write = await read(orgNr);
            consecutiveOffline = 0;
          } catch (e) {
            borrowerFailed(orgNr, e);
            done();
            return;
          }
          if (!write) {
            committed(orgNr, 0);
            done();
            return;
          }
          writes.push(
            writer
              .submit(write)
              .then(
                (added) => committed(orgNr, added),
                (e: unknown) => borrowerFailed(orgNr, e),
              )
              .finally(done),
          );
        }),
      ),
    );
    // Every answer is in: commit what is queued now rather than after the batch delay.
    writer.flush();
    await Promise.all(writes);
  }

  /**
   * Keys the bank's relationships to org numbers the documented way, and hands their write (one savepoint) to the
   * writer; returns the approved borrowers, with `saved`, which resolves to the write's error (null once committed).
   *
   * The public document's list items carry no org number. So: every page of the list is read; an item is keyed by
   * its `orgNr` when the API sends one (a later API version may), else by a relationshipId the cache already links
   * to a number. Every followed number (and every known relationship, and every number whose access request is
   * uncertain) that the list did not key is asked for with GET /relationship/{orgNr}, and its answer keys the list
   * item with the same relationshipId. A list item no number keys is stored as not linked (never dropped); a number
   * Symetrisk answers relationship_not_found is recorded on the register with that reason, a refusal with its own.
   */
  async function syncRelationships(): Promise<{ approved: string[]; saved: Promise<unknown> }> {
    const label = endpointLabel('relationships');
    const listing = await readListing<Relationship>({
      label,
      pageSize,
      keyOf: (r) => r.relationshipId,
      limits: SYMETRISK_LIMITS.listings.relationships,
      // Nothing else is in flight yet: the later pages go through the borrower limiter, at most `concurrency` at once.
      schedule: limit,
      fetchPage: async (skip, lim) => admitPage(await client.relationships({ skip, limit: lim }, call), label, unknownFields),
    });
    const at = now();
    const cachedRelationships = await store.relationships.all();
    // A relationshipId the cache links to a number keys the list item; a row still linked wins over one marked lost.
    const byRelId = new Map<string, string>();
    for (const lostToo of [false, true]) {
      for (const r of cachedRelationships) {
        if (r.relationship_id && (r.lost === 1) === lostToo && !byRelId.has(r.relationship_id)) byRelId.set(r.relationship_id, r.org_nr);
      }
    }
    for (const r of cachedRelationships) if (r.name) names.set(r.org_nr, r.name);
    // Identity is checked before anything is stored or followed: a number must pass MOD11, and one number named by
    // two relationships is reported, neither of them stored (the cache keeps what it had), instead of the last winning.
    const named = new Map<string, Fetched<Relationship>[]>();
    const unkeyed = new Map<string, Fetched<Relationship>>();
    for (const f of listing.items) {
      const given = f.item.orgNr;
      if (given !== undefined && !isValidOrgNr(given)) {
        fail(null, invalidOrgNrError(label, given));
        continue;
      }
      const orgNr = given ?? byRelId.get(f.item.relationshipId);
      if (orgNr && isValidOrgNr(orgNr)) named.set(orgNr, [...(named.get(orgNr) ?? []), f]);
      else unkeyed.set(f.item.relationshipId, f);
    }
    const matched = new Map<string, Fetched<Relationship>>();
    const duplicated = new Set<string>();
    for (const [orgNr, fs] of named) {
      if (fs.length === 1) matched.set(orgNr, fs[0]!);
      else {
        duplicated.add(orgNr);
        fail(
          orgNr,
          new AppError('bad_response', `${label}: ${fs.length} relationships name this organisation number; none was stored, the cache keeps what it had.`, {
            reason: 'duplicate_relationship',
            endpoint: label,
            orgNr,
            relationships: fs.length,
          }),
        );
      }
    }
    // Followed numbers the list did not key, known relationships it no longer shows, and numbers whose access request
    // is uncertain: asked one by one. A number that fails MOD11 (stored by an older version, say) is never asked for.
    const followedNumbers = new Set((await store.followed.all()).map((f) => f.orgNr));
    // The team database keeps no access requests (they are each desk's): it has none uncertain.
    const uncertain = new Set((await store.accessRequests?.uncertainOrgNrs()) ?? []);
    const toCheck = new Set<string>();
    const unasked = (orgNr: string) => !matched.has(orgNr) && !duplicated.has(orgNr) && isValidOrgNr(orgNr);
    for (const orgNr of followedNumbers) if (unasked(orgNr)) toCheck.add(orgNr);
    for (const r of cachedRelationships) if (unasked(r.org_nr)) toCheck.add(r.org_nr);
    for (const orgNr of uncertain) if (unasked(orgNr)) toCheck.add(orgNr);
    progress.total = toCheck.size;
    emit(true);
    const found = new Map<string, Fetched<Relationship>>();
    const notFound: string[] = [];
    const checkErrors: { orgNr: string; e: unknown }[] = [];
    await Promise.all(
      [...toCheck].map((orgNr) =>
        limit(async () => {
          if (opts.signal?.aborted) return;
          current(orgNr);
          try {
            const r = await client.relationship(orgNr, call);
            if (r) {
              admitRelationship(orgNr, r.item, r.raw);
              found.set(orgNr, { item: r.item, raw: r.item });
            } else notFound.push(orgNr);
          } catch (e) {
            if (isAppError(e) && e.code === 'cancelled') return;
            checkErrors.push({ orgNr, e });
          } finally {
            progress.done++;
            emit();
          }
        }),
      ),
    );
    checkCancel();
    // An answer keys the list item with its relationshipId, unless that relationship is already another number's:
    // two numbers answered with one relationship (or one the list names by another number) are neither stored.
    const keyedBy = new Map<string, string[]>();
    for (const [orgNr, f] of matched) keyedBy.set(f.item.relationshipId, [orgNr]);
    for (const [orgNr, f] of found) keyedBy.set(f.item.relationshipId, [...(keyedBy.get(f.item.relationshipId) ?? []), orgNr]);
    const upserts: { orgNr: string; item: Relationship; raw: unknown }[] = [];
    const followedChecks: FollowedCheck[] = [];
    const accessOutcomes: UncertainOutcome[] = [];
    // An uncertain request confirmed here is followed by the same write (cache-writes.ts), and so linked too.
    const registered = (orgNr: string) => followedNumbers.has(orgNr) || uncertain.has(orgNr);
    for (const [orgNr, f] of matched) {
      upserts.push({ orgNr, item: f.item, raw: f.raw });
      if (registered(orgNr)) followedChecks.push({ orgNr, state: 'linked', reason: null, message: null });
      if (uncertain.has(orgNr)) accessOutcomes.push({ orgNr, state: 'confirmed', relationshipState: f.item.relationshipState });
    }
    for (const [orgNr, f] of found) {
      const claimants = keyedBy.get(f.item.relationshipId) ?? [];
      if (claimants.length > 1) {
        fail(
          orgNr,
          new AppError(
            'bad_response',
            `${endpointLabel('relationship')}: the answer for ${orgNr} is a relationship that ${claimants.length - 1} other organisation number${claimants.length === 2 ? '' : 's'} answered too; it was not stored.`,
            { reason: 'shared_relationship', endpoint: endpointLabel('relationship'), orgNr, relationshipId: shown(f.item.relationshipId), orgNrs: claimants.slice(0, 10) },
          ),
        );
        continue;
      }
      upserts.push({ orgNr, item: f.item, raw: f.raw });
      unkeyed.delete(f.item.relationshipId);
      if (registered(orgNr)) followedChecks.push({ orgNr, state: 'linked', reason: null, message: null });
      if (uncertain.has(orgNr)) accessOutcomes.push({ orgNr, state: 'confirmed', relationshipState: f.item.relationshipState });
    }
    for (const orgNr of notFound) {
      if (followedNumbers.has(orgNr)) followedChecks.push({ orgNr, state: 'not_found', reason: 'relationship_not_found', message: null });
      if (uncertain.has(orgNr)) accessOutcomes.push({ orgNr, state: 'not_received', relationshipState: null });
    }
    for (const { orgNr, e } of checkErrors) {
      const refusal = refusalOf(e);
      if (refusal && followedNumbers.has(orgNr)) followedChecks.push({ orgNr, state: 'refused', ...refusal });
    }
    const unlinked = [...unkeyed.values()];
    const counts: RelationshipCounts = {
      linked: upserts.length,
      unlinked: unlinked.length,
      notFound: followedChecks.filter((c) => c.state === 'not_found').length,
      refused: followedChecks.filter((c) => c.state === 'refused').length,
    };
    relationshipCounts = counts;
    for (const u of upserts) names.set(u.orgNr, u.item.borrowerCompanyName);
    const saved = writer.submit({ kind: 'relationships', upserts, lost: notFound, unlinked, followedChecks, accessOutcomes, at }).then(
      () => null,
      (e: unknown) => e,
    );
    writer.flush();
    for (const { orgNr, e } of checkErrors) fail(orgNr, e);
    opts.log?.info('sync: relationships keyed', { profileId: opts.profileId, runId, ...counts, asked: toCheck.size });
    // Every relationship of the cache was either in the listing, asked for one by one (upserted or marked lost) or
    // failed: after this write, the approved ones are exactly those upserted as approved (an upsert as approved
    // clears `lost`). In the cache's list order.
    const approved = upserts
      .filter((u) => u.item.relationshipState === APPROVED && !failed.has(u.orgNr))
      .map((u) => ({ orgNr: u.orgNr, key: nocase(u.item.borrowerCompanyName) }))
      .sort((a, b) => compare(a.key, b.key) || compare(a.orgNr, b.orgNr))
      .map((u) => u.orgNr);
    return { approved, saved };
  }

  /**
   * One relationship asked for by number: the answer must be about that number (when it names one), within the
   * item cap; its unknown fields are counted. Throws bad_response (`identity_mismatch`, `item_too_large`).
   */
  function admitRelationship(orgNr: string, item: Relationship, raw: unknown): void {
    const label = endpointLabel('relationship');
    if (item.orgNr !== undefined && item.orgNr !== orgNr) {
      throw new AppError(
        'bad_response',
        `${label}: the answer for ${orgNr} is about another organisation number (${shown(item.orgNr)}); it was not stored.`,
        { reason: 'identity_mismatch', endpoint: label, orgNr, answeredOrgNr: shown(item.orgNr) },
      );
    }
    checkItemSize(item, label);
    collectUnknownFields(raw, item, (p) => unknownFields.add(label, p));
  }

  /**
   * Reads a notification feed (`known`: the ids stored for it, read for every borrower at the phase's start);
   * returns its write (null: nothing new), which gives the number of new ones.
   */
  async function syncNotifications(scope: string, orgNr: string | null, known: Set<number>): Promise<CacheWrite | null> {
    const label = endpointLabel(orgNr ? 'borrowerNotifications' : 'notifications');
    const listing = await readListing<Notification>({
      label,
      pageSize,
      limits: SYMETRISK_LIMITS.listings[orgNr ? 'borrowerNotifications' : 'notifications'],
      keyOf: (n) => n.id,
      known: { count: known.size, has: (n) => known.has(n.id) },
      // The bank's feed is read before the borrowers' (outside any slot): its later pages share the limiter.
      // A borrower's feed is read inside a slot of that limiter, so its pages go one after the other.
      ...(orgNr ? {} : { schedule: limit }),
      fetchPage: async (skip, lim) =>
        admitPage(
          orgNr ? await client.borrowerNotifications(orgNr, { skip, limit: lim }, call) : await client.notifications({ skip, limit: lim }, call),
          label,
          unknownFields,
        ),
    });
    checkCancel();
    if (listing.stoppedEarly) return null;
    const added = listing.items.reduce((n, f) => (known.has(f.item.id) ? n : n + 1), 0);
    return { kind: 'notifications', scope, orgNr, items: listing.items, at: now(), added };
  }

  /** Reads a borrower's accounting data (`known`: what is stored of it); returns its write, which gives the number of new snapshots. */
  async function syncAccounting(orgNr: string, known: Map<number, Set<string>> = new Map()): Promise<CacheWrite> {
    const label = endpointLabel('accountingData');
    const listing = await readListing<AccountingItem>({
      label,
      pageSize,
      keyOf: (item) => item.id,
      limits: SYMETRISK_LIMITS.listings.accountingData,
      known: { count: known.size, has: (item, raw) => known.get(item.id)?.has(contentHash(raw)) ?? false },
      fetchPage: async (skip, lim) => admitPage(await client.accountingData(orgNr, { skip, limit: lim }, call), label, unknownFields),
    });
    checkCancel();
    // One savepoint per borrower: all of its items, its latest snapshot and its fetch time, or nothing.
    return { kind: 'accounting', orgNr, items: listing.items, at: now() };
  }
}

/**
 * A followed number's look-up refused by the API itself (its `[{key, message}]` error, other than "no relationship"):
 * recorded on the register, Symetrisk's words cleaned and bounded. A failure to get an answer (offline, a 5xx, a
 * gateway's 404) is no refusal: it is the run's error and the number's last outcome stays.
 */
function refusalOf(e: unknown): { reason: string; message: string | null } | null {
  if (!isAppError(e) || e.code !== 'api_error' || typeof e.details?.['key'] !== 'string') return null;
  if (typeof e.details['status'] === 'number' && e.details['status'] >= 500) return null;
  const words = e.details['serverMessage'];
  return { reason: 'api_refused', message: typeof words === 'string' && words !== '' ? cleanServerText(words).slice(0, 300) : null };
}

/** A run's error: its code and message, the stable reason key the renderer words, and the borrower's name, when known. */
function runError(orgNr: string | null, err: AppError, name?: string | undefined): RunError {
  const reason = err.details?.['reason'];
  return {
    orgNr,
    ...(name ? { name } : {}),
    code: err.code,
    message: err.message,
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

/** A server's value as an error may quote it: short and with its control characters made visible. */
function shown(value: string): string {
  return visibleControls(value.slice(0, 40));
}

function invalidOrgNrError(label: string, given: string): AppError {
  return new AppError('bad_response', `${label}: a relationship names "${shown(given)}", which is not a valid organisation number (MOD11); it was not stored or followed.`, {
    reason: 'invalid_org_nr',
    endpoint: label,
    answeredOrgNr: shown(given),
  });
}

/** A name as SQLite's NOCASE compares it: ASCII letters folded to lower case, the rest as is. */
function nocase(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Anything thrown as an AppError: SQLite's errors (locked, full, read-only) are `storage`, the rest `internal`. */
function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return new AppError('storage', `The cache could not be written: ${message}`, { cause: code });
  return new AppError('internal', message);
}
