import { DEFAULT_BASIS } from '../../../shared/analysis/bases';
import { toDayNumber } from '../../../shared/analysis/dates';
import { toCovenants, toNearLimitShare, toThresholds } from '../../../shared/analysis/limits';
import { DEFAULT_MAX_DATA_AGE_DAYS } from '../../../shared/analysis/quality';
import { AppError } from '../../../shared/contract';
import type {
  BasisChoice,
  BorrowerDetail,
  Comparison,
  PortfolioFiltersInput,
  PortfolioRow,
  PortfolioTableExportInput,
  PortfolioWindow,
  PortfolioWindowInput,
  TableExportInput,
} from '../../../shared/contract/dto';
import { tableCells, tableColumns, type TableWords } from '../../../shared/portfolio/columns';
import { DEFAULT_SORT, NO_FILTERS, WINDOW_MAX, type PortfolioSort } from '../../../shared/portfolio/query';
import type { Cache } from '../../db/cache';
import type { GridList, GridSpec } from '../../db/portfolio-grid';
import { contentHash } from '../../db/snapshots';
import { toRelationshipDto } from '../../db/relationships';
import type { Logger } from '../log';
import { rowsWithWorkflow } from '../workflow/workflow-service';
import { analyseRow, buildComparison, covenantTestDto, rowOn } from './analysis-adapter';
import type { CacheRegistry } from './cache-registry';
import { cacheVersion, GridIndex, type IndexOptions } from './grid-index';
import type { PortfolioRegistry } from '../registry/registry-view';

/** Rows of the table export built between two yields of the main thread. */
const TABLE_BATCH = 500;

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
 * How long a window may spend reading changed borrowers into the grid before it answers (the rest follow at the
 * next window, which the renderer asks for while the answer says some are pending): the first list after a sync
 * that changed a large book shows its first screen at once.
 */
const WINDOW_BUDGET_MS = 250;

/** The most org numbers portfolio:orgNrs gives (export:pack's limit). */
const ORG_NRS_MAX = 20_000;

/** A list as last computed for a cache: what it was asked for and the cache's version then. */
interface KeptList {
  key: string;
  version: string;
  list: GridList;
}

/** The read side of a profile's cache, with no network: the portfolio list, one borrower, two snapshots compared. */
export class PortfolioService {
  private readonly index: GridIndex;
  /**
   * The last list asked for per open cache (the order of every org number in it): the windows that follow, as the
   * analyst scrolls, read their rows by number, and neither filter nor sort again.
   */
  private readonly kept = new WeakMap<Cache, KeptList>();
  /** The last whole list per cache (portfolio:list), served again while nothing it depends on changed. */
  private readonly listed = new WeakMap<Cache, { key: string; version: string; rows: PortfolioRow[] }>();
  private readonly books = new WeakMap<Cache, { key: string; version: string; book: { total: number; flagged: number; watched: number }; facets: PortfolioWindow['facets'] }>();

  constructor(private readonly deps: PortfolioServiceDeps) {
    this.index = new GridIndex({ log: deps.log });
  }

  private cache(profileId: string): Cache {
    return this.deps.caches.open(profileId);
  }

  private analysisOptions(cache: Cache): IndexOptions {
    const stored = cache.limits.thresholds();
    const thresholds = toThresholds(stored);
    const nearLimitShare = toNearLimitShare(stored);
    return {
      now: this.deps.clock(),
      thresholds,
      nearLimitShare,
      maxAgeDays: this.deps.staleAfterDays?.(),
      thresholdsKey: `${ROW_FORMAT}.${contentHash({ t: thresholds, n: nearLimitShare }).slice(0, 12)}`,
    };
  }

  private spec(opts: IndexOptions, choice: BasisChoice, filters: PortfolioFiltersInput | undefined, sort: PortfolioSort | undefined): GridSpec {
    const today = toDayNumber(opts.now.toISOString().slice(0, 10));
    return {
      choice,
      filters: { ...NO_FILTERS, ...filters },
      sort: sort ?? DEFAULT_SORT,
      today,
      staleBefore: today - (opts.maxAgeDays ?? DEFAULT_MAX_DATA_AGE_DAYS),
    };
  }

  /** The list as filtered and sorted, kept while the cache does not change. */
  private gridList(cache: Cache, spec: GridSpec): GridList {
    const key = JSON.stringify(spec);
    const version = cacheVersion(cache);
    const k = this.kept.get(cache);
    if (k && k.key === key && k.version === version) return k.list;
    const list = cache.grid.list(spec);
    this.kept.set(cache, { key, version, list });
    return list;
  }

  private bookOf(cache: Cache, spec: GridSpec) {
    const key = `${spec.choice}:${spec.staleBefore}`;
    const version = cacheVersion(cache);
    const b = this.books.get(cache);
    if (b && b.key === key && b.version === version) return b;
    const next = { key, version, book: cache.grid.book(spec.choice, spec.staleBefore), facets: cache.grid.facets() };
    this.books.set(cache, next);
    return next;
  }

  /**
   * Every borrower (or the first `limit`) with its latest figures, ratios and changes on `basis` (LTM by default,
   * the fallback said per row), its flags, breaches and near-limit rules (each rule on its covenant basis), in name
   * order: for scripts, the CLI and tests. The grid reads windows ({@link window}).
   */
  list(profileId: string, { limit, basis = DEFAULT_BASIS }: { limit?: number; basis?: BasisChoice } = {}): PortfolioRow[] {
    const cache = this.cache(profileId);
    const opts = this.analysisOptions(cache);
    this.index.refresh(cache, opts);
    const spec = this.spec(opts, basis, undefined, undefined);
    // Rows are built per call (decorated with workflow and registry facts): a repeated list of an unchanged cache
    // is the same list, so it is served from the last one (the key holds the rules, the day and the basis).
    const key = JSON.stringify([spec, limit ?? null, opts.thresholdsKey]);
    const version = cacheVersion(cache);
    const last = this.listed.get(cache);
    if (last && last.key === key && last.version === version) return last.rows;
    const { orgNrs } = this.gridList(cache, spec);
    const rows = this.index.rows(cache, limit === undefined ? orgNrs : orgNrs.slice(0, limit), basis, opts);
    this.listed.set(cache, { key, version, rows });
    return rows;
  }

  /**
   * A window of the portfolio list as filtered, searched and sorted in the cache (migration 0009): the rows from
   * `offset` (at most WINDOW_MAX), how many the filters let through, the book's counts and the filters' choices.
   * The list's order is kept, so the next windows of the same list read only their rows. Changed borrowers are
   * read into the grid first, for a bounded time; those left are counted in `pending` (50,000 borrowers:
   * docs/benchmarks.md).
   */
  window(input: PortfolioWindowInput): PortfolioWindow {
    const cache = this.cache(input.profileId);
    const opts = this.analysisOptions(cache);
    const pending = this.index.refresh(cache, opts, WINDOW_BUDGET_MS);
    const choice = input.basis ?? DEFAULT_BASIS;
    const spec = this.spec(opts, choice, input.filters, input.sort);
    const list = this.gridList(cache, spec);
    const offset = Math.min(input.offset ?? 0, list.orgNrs.length);
    const rows = this.index.rows(cache, list.orgNrs.slice(offset, offset + Math.min(input.limit, WINDOW_MAX)), choice, opts);
    const { book, facets } = this.bookOf(cache, spec);
    return {
      offset,
      rows,
      total: book.total,
      matched: list.orgNrs.length,
      counts: { flagged: book.flagged, watched: book.watched, fallback: list.fallback },
      facets,
      commonBasis: list.commonEnd ? { choice, end: list.commonEnd } : null,
      pending,
    };
  }

  /** The org numbers of the list as filtered, in name order (at most ORG_NRS_MAX): the pack's selection. */
  orgNrs(profileId: string, { basis = DEFAULT_BASIS, filters }: { basis?: BasisChoice; filters?: PortfolioFiltersInput } = {}): { orgNrs: string[]; matched: number } {
    const cache = this.cache(profileId);
    const opts = this.analysisOptions(cache);
    this.index.refresh(cache, opts);
    const { orgNrs } = this.gridList(cache, this.spec(opts, basis, filters, undefined));
    return { orgNrs: orgNrs.slice(0, ORG_NRS_MAX), matched: orgNrs.length };
  }

  /**
   * The grid as shown, in full, as a plain table (export:portfolioTable): the same list the windows come from, its
   * rows built a batch at a time (the export yields between batches, so a large book never holds the main thread).
   */
  async table(input: PortfolioTableExportInput, signal?: AbortSignal): Promise<TableExportInput> {
    return this.tableJob(input)(signal);
  }

  /**
   * The table export's work for {@link table}, with the profile resolved first: an unknown profile is refused by the
   * call (not_found), not by the export it would start.
   */
  tableJob(input: PortfolioTableExportInput): (signal?: AbortSignal) => Promise<TableExportInput> {
    const cache = this.cache(input.profileId);
    return (signal) => this.buildTable(cache, input, signal);
  }

  private async buildTable(cache: Cache, input: PortfolioTableExportInput, signal?: AbortSignal): Promise<TableExportInput> {
    const opts = this.analysisOptions(cache);
    this.index.refresh(cache, opts);
    const choice = input.basis ?? DEFAULT_BASIS;
    const { orgNrs } = this.gridList(cache, this.spec(opts, choice, input.filters, input.sort));
    const w = input.words;
    const lang = input.language;
    const word = (table: Record<string, string>, key: string, fallback: string) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : fallback);
    const words: TableWords = {
      label: (key) => word(w.columns, key, key),
      flagName: (code) => word(w.flags, code, code.replace(/_/g, ' ')),
      stateName: (state) => word(w.states, state, state),
      nearLimitName: (rule) => word(w.nearLimit, rule, rule),
      basisName: (r) => (r.basis ? [r.basis.label[lang], r.basis.fallback?.[lang]].filter(Boolean).join(' – ') : ''),
      language: lang,
    };
    const { columns, header } = tableColumns(input.columns, words);
    const rows: TableExportInput['rows'] = [];
    for (let i = 0; i < orgNrs.length; i += TABLE_BATCH) {
      if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
      for (const r of this.index.rows(cache, orgNrs.slice(i, i + TABLE_BATCH), choice, opts)) rows.push(tableCells(r, columns, words));
      await new Promise((done) => setImmediate(done));
    }
    return { fileName: input.fileName, title: input.title, columns: header, rows };
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
    // The peers as the grid last computed them over the whole book (brought up to date for a bounded time first).
    this.index.refresh(cache, opts, WINDOW_BUDGET_MS);
    const reg = this.deps.registry?.borrower(cache, row, items.map((x) => x.item), this.index.peersOf(cache, orgNr)) ?? null;
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
