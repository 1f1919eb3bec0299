import { DEFAULT_BASIS } from '../../../shared/analysis/bases';
import { toCovenants, toNearLimitShare, toThresholds } from '../../../shared/analysis/limits';
import { AppError } from '../../../shared/contract';
import type { BasisChoice, BorrowerDetail, Comparison, PortfolioRow } from '../../../shared/contract/dto';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import type { Cache } from '../../db/cache';
import { contentHash, recordToItem } from '../../db/snapshots';
import { toRelationshipDto } from '../../db/relationships';
import type { Logger } from '../log';
import { rowsWithWorkflow } from '../workflow/workflow-service';
import { analyseRow, buildComparison, covenantTestDto, refreshRow, rowOn, type RowCommon, type StoredRow } from './analysis-adapter';
import type { CacheRegistry } from './cache-registry';
import type { PortfolioRegistry } from '../registry/registry-view';

export interface PortfolioServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  log: Logger;
  /** Settings.staleAfterDays, when the settings service is wired; else the analysis default. */
  staleAfterDays?: () => number | undefined;
  /** Adds the registry's facts, status alerts and peers to the rows and the borrower (services/registry). */
  registry?: PortfolioRegistry;
}

/**
 * Part of a stored row's basis: raise it when analyseRow's row changes, so rows stored by an older version are
 * recomputed. 3: a breach's label is the covenant's own wording only (null without one). 4: a view per basis of
 * the switch, breaches from the covenant tests (LTM first) with the near-limit ones, revisions with their keys.
 * 5: the peer basis (the last full year's key ratios the registry's peer groups compare).
 */
const ROW_FORMAT = 5;

/**
 * A remembered row: its basis (thresholds and row version), the row as computed, its common part as last refreshed,
 * and the row as last shown on each basis of the switch.
 */
interface MemoRow {
  thresholdsKey: string;
  version: number;
  stored: StoredRow;
  common: RowCommon;
  shown: Partial<Record<BasisChoice, PortfolioRow>>;
  /** What `common` was refreshed for (the day and the relationship's own fields); null: not yet. */
  shownFor: { day: string; maxAge: number | null; name: string; state: string; lost: number; fetched: string | null } | null;
}

/** A memo entry from a basis as stored (`<thresholds key>:<row version>`). */
function memoRow(basis: string, row: StoredRow): MemoRow {
  const i = basis.lastIndexOf(':');
  return { thresholdsKey: basis.slice(0, i), version: Number(basis.slice(i + 1)), stored: row, common: row.common, shown: {}, shownFor: null };
}

/** The read side of a profile's cache, with no network: the portfolio list, one borrower, two snapshots compared. */
export class PortfolioService {
  /**
   * Rows by open cache and borrower with the basis they were computed from (see migration 0002), and the row as
   * last returned with the key of what it was refreshed for: a list with nothing changed builds no new object.
   * Keyed by the open cache, not the profile: a cache deleted, set aside or reopened starts with nothing remembered,
   * since a new file's row versions count from the start again and could match rows of the old one.
   */
  private readonly memo = new WeakMap<Cache, Map<string, MemoRow>>();

  constructor(private readonly deps: PortfolioServiceDeps) {}

  private cache(profileId: string): Cache {
    return this.deps.caches.open(profileId);
  }

  private analysisOptions(cache: Cache) {
    const stored = cache.limits.thresholds();
    return {
      now: this.deps.clock(),
      thresholds: toThresholds(stored),
      nearLimitShare: toNearLimitShare(stored),
      maxAgeDays: this.deps.staleAfterDays?.(),
    };
  }

  /**
   * Every borrower with its latest figures, ratios and changes on `basis` (LTM by default, the fallback said per
   * row), its flags, breaches and near-limit rules (each rule on its covenant basis), in name order.
   *
   * One indexed SELECT gives every borrower's relationship fields and `row_version` (moved by triggers whenever its
   * snapshots, unread notifications or covenants change). A row is analysed again only when its version or the
   * thresholds changed; otherwise it comes from memory, or after a restart from `portfolio_rows`, where every
   * recomputed row is written back. What changes with the day (data age, stale flag) and the relationship's own
   * fields are filled in without analysis (refreshRow). 10,000 borrowers: see docs/benchmarks.md.
   *
   * With `limit`, only the first rows in name order are read or analysed: the renderer's first screen, asked for
   * before the whole list so that a large portfolio shows its first rows at once.
   *
   * A row is analysed on every basis at once (they share the bases of one borrower), stored and remembered so;
   * switching the basis picks another view of the same remembered row.
   */
  list(profileId: string, { limit, basis = DEFAULT_BASIS }: { limit?: number; basis?: BasisChoice } = {}): PortfolioRow[] {
    const cache = this.cache(profileId);
    const opts = this.analysisOptions(cache);
    const thresholdsKey = `${ROW_FORMAT}.${contentHash({ t: opts.thresholds, n: opts.nearLimitShare }).slice(0, 12)}`;
    const day = opts.now.toISOString().slice(0, 10);
    let memo = this.memo.get(cache);
    if (!memo) this.memo.set(cache, (memo = new Map()));
    const all = cache.portfolioRows.heads();
    const heads = limit === undefined ? all : all.slice(0, limit);
    // Strings are built only for rows that must be read or analysed again: a list of 10,000 unchanged rows
    // compares numbers and the fields as they are, allocating nothing per row.
    const missing = new Map<string, string>();
    for (const h of heads) {
      const m = memo.get(h.org_nr);
      if (!m || m.thresholdsKey !== thresholdsKey || m.version !== h.row_version) missing.set(h.org_nr, `${thresholdsKey}:${h.row_version}`);
    }
    if (missing.size > 0) this.fill(cache, opts, memo, missing);
    if (memo.size > all.length) {
      const listed = new Set(all.map((h) => h.org_nr));
      for (const k of memo.keys()) if (!listed.has(k)) memo.delete(k);
    }
    const maxAge = opts.maxAgeDays ?? null;
    const rows = heads.map((h) => {
      const m = memo.get(h.org_nr)!;
      const s = m.shownFor;
      if (!s || s.day !== day || s.maxAge !== maxAge || s.name !== h.name || s.state !== h.state || s.lost !== h.lost || s.fetched !== h.last_fetched_at) {
        m.common = refreshRow(m.stored.common, { orgNr: h.org_nr, name: h.name, state: h.state, lost: h.lost === 1, lastSyncedAt: h.last_fetched_at }, opts.now, opts.maxAgeDays);
        m.shown = {};
        m.shownFor = { day, maxAge, name: h.name, state: h.state, lost: h.lost, fetched: h.last_fetched_at };
      }
      return (m.shown[basis] ??= rowOn({ common: m.common, views: m.stored.views }, basis));
    });
    // The analyst's watch-list, saksbehandler and newest note, and the registry's facts and peers: neither is part
    // of the analysed, stored row.
    const withWorkflow = rowsWithWorkflow(cache, rows, opts.now);
    return this.deps.registry ? this.deps.registry.decorate(cache, withWorkflow, heads.length === all.length) : withWorkflow;
  }

  /** Brings `missing` rows (org number -> wanted basis) into the memo: stored ones read, the rest analysed and stored. */
  private fill(
    cache: Cache,
    opts: ReturnType<PortfolioService['analysisOptions']>,
    memo: Map<string, MemoRow>,
    missing: Map<string, string>,
  ): void {
    const stored = cache.portfolioRows.matching(missing);
    // Rows are stored as analyseRow gave them; one of another format has another basis and is never matched.
    for (const [orgNr, row] of stored) memo.set(orgNr, memoRow(missing.get(orgNr)!, row as StoredRow));
    const stale = [...missing.keys()].filter((o) => !stored.has(o));
    if (stale.length === 0) return;
    const covenants = cache.limits.allCovenants();
    const unread = cache.notifications.unreadByBorrower();
    // Read snapshots only for borrowers whose row must be recomputed: all at once when many, one by one when few.
    const byOrg = new Map<string, { key: number; item: AccountingItem }[]>();
    const records = stale.length > 200 ? cache.snapshots.allRecords() : stale.flatMap((o) => cache.snapshots.recordsOf(o));
    for (const r of records) {
      let list = byOrg.get(r.org_nr);
      if (!list) byOrg.set(r.org_nr, (list = []));
      list.push({ key: r.key, item: recordToItem(r) });
    }
    const written: { orgNr: string; basis: string; row: StoredRow }[] = [];
    for (const orgNr of stale) {
      const rel = cache.relationships.get(orgNr);
      if (!rel) continue;
      const { stored: row } = analyseRow(
        { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at, unreadNotifications: unread.get(orgNr) ?? 0 },
        byOrg.get(orgNr) ?? [],
        { ...opts, covenants: toCovenants(covenants.get(orgNr)) },
      );
      const basis = missing.get(orgNr)!;
      memo.set(orgNr, memoRow(basis, row));
      written.push({ orgNr, basis, row });
    }
    try {
      cache.portfolioRows.putMany(written);
    } catch (e) {
      // The stored rows only save work at the next start; a busy or read-only file must not fail the list.
      this.deps.log.warn('portfolio: rows not stored', { profileId: cache.profileId, error: e });
    }
  }

  /**
   * One borrower with every snapshot ever seen (oldest first), its notifications, row (on `basis`) and covenants,
   * and every rule tested on its covenant basis: the borrower page shows these, the same tests as the row's breaches.
   */
  borrower(profileId: string, orgNr: string, basis: BasisChoice = DEFAULT_BASIS): BorrowerDetail {
    const cache = this.cache(profileId);
    const rel = cache.relationships.get(orgNr);
    if (!rel) throw new AppError('not_found', 'This borrower is not in the cache.', { reason: 'borrower_not_cached', orgNr });
    const snapshots = cache.snapshots.ofBorrower(orgNr);
    const items = cache.snapshots.itemsOfBorrower(orgNr);
    const covenants = cache.limits.covenants(orgNr);
    // Not unreadByBorrower(): that counts every borrower's notifications (29 ms of a 30 ms detail at 10,000 borrowers).
    const unread = cache.notifications.unreadOf(orgNr);
    const opts = this.analysisOptions(cache);
    const { stored, tests, evaluations } = analyseRow(
      { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at, unreadNotifications: unread },
      items,
      { ...opts, covenants: toCovenants(covenants) },
    );
    const row = rowOn(stored, basis);
    const reg = this.deps.registry?.borrower(cache, row, items.map((x) => x.item), () => this.list(profileId)) ?? null;
    return {
      relationship: toRelationshipDto(rel),
      snapshots,
      notifications: cache.notifications.list({ orgNr, limit: 1000 }).items,
      row: rowsWithWorkflow(cache, [reg?.row ?? row], this.deps.clock())[0]!,
      evaluations,
      covenantTests: tests.map(covenantTestDto),
      nearLimitShare: opts.nearLimitShare,
      covenants,
      registry: reg?.registry ?? null,
    };
  }

  /**
   * Snapshot `a` (base) and `b` (target) of one borrower side by side; the borrower's other snapshots give the
   * opening balances (average balances for ROA and ROE).
   */
  compare(profileId: string, orgNr: string, a: number, b: number, mode: Comparison['mode']): Comparison {
    const cache = this.cache(profileId);
    const sa = cache.snapshots.get(a);
    const sb = cache.snapshots.get(b);
    if (!sa || sa.snapshot.orgNr !== orgNr) throw new AppError('not_found', 'Snapshot a is not one of this borrower’s.', { reason: 'snapshot_not_of_borrower', which: 'a', orgNr, key: a });
    if (!sb || sb.snapshot.orgNr !== orgNr) throw new AppError('not_found', 'Snapshot b is not one of this borrower’s.', { reason: 'snapshot_not_of_borrower', which: 'b', orgNr, key: b });
    return buildComparison(sa, sb, mode, cache.snapshots.itemsOfBorrower(orgNr).map((x) => x.item));
  }
}
