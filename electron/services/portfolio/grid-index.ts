/**
 * The portfolio grid's index in a profile's cache (migration 0009): kept up to date from the dirty marks the
 * triggers leave, and read a window at a time. Each borrower's grid row is its analysed row (stored in
 * portfolio_rows, analysed again only when its row version or the thresholds moved) with the registry's facts, the
 * analyst's workflow and its peers, reduced to the sort keys of every column (shared/portfolio/columns.ts) and the
 * fields the filters read; the window's rows are built again from the stored row and the stored decoration, so no
 * call reads or decorates the whole book.
 */
import { BASIS_CHOICES, type BasisChoice } from '../../../shared/analysis/bases';
import { toDayNumber } from '../../../shared/analysis/dates';
import { toCovenants } from '../../../shared/analysis/limits';
import type { PortfolioRow, RowPeers, RowRegistry, RowWorkflow } from '../../../shared/contract/dto';
import { PORTFOLIO_COLUMNS, warningScore } from '../../../shared/portfolio/columns';
import type { PeerGroup, PeerInput } from '../../../shared/registry/peers';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import { foldForSearch, sortKey } from '../../../shared/text-fold';
import { osloDate, reviewOverdue } from '../../../shared/workflow';
import type { Cache } from '../../db/cache';
import { KEY_COLUMNS, type DirtyMark, type GridRow } from '../../db/portfolio-grid';
import { recordToItem } from '../../db/snapshots';
import type { Logger } from '../log';
import { bookPeers, peerInputOf, rowFactsOf, rowPeersOf, statusAlertFlag, type StoredPeers } from '../registry/registry-view';
import { rowWorkflows } from '../workflow/workflow-service';
import { analyseRow, refreshRow, rowOn, type RowOptions, type StoredRow } from './analysis-adapter';

/**
 * Part of what the stored grid was made with: raise it when a grid row's keys are computed otherwise, so that every
 * borrower is read into the grid again (from its stored row; nothing is analysed again for it).
 */
export const GRID_FORMAT = 1;

/** Borrowers read into the grid per transaction; the first batch of a call in name order (the first screen). */
const FIRST_BATCH = 200;
const BATCH = 500;
/** Sort keys of text columns are cut here: enough to order by, and a long note is not copied into every row. */
const TEXT_KEY_MAX = 100;
/** Stored rows kept parsed (a few windows' worth), so that scrolling back and forth parses nothing again. */
const MEMO_ROWS = 2000;

export interface IndexOptions extends Omit<RowOptions, 'covenants' | 'nearLimitShare'> {
  nearLimitShare: number;
  /** What a stored row's basis names besides its row version (the row format and the thresholds). */
  thresholdsKey: string;
}

interface CacheState {
  /** The cache's version (other connections' commits, this one's changes) when the index was last brought up to date. */
  version: string;
  basisKey: string;
  pending: number;
  memo: Map<string, { basis: string; stored: StoredRow }>;
}

/** The data version of a cache file: moves with every commit, by this connection or another. */
export function cacheVersion(cache: Cache): string {
  const other = cache.db.pragma('data_version', { simple: true }) as number;
  const own = (cache.db.prepare('SELECT total_changes()').pluck().get() as number) ?? 0;
  return `${other}:${own}`;
}

const peerColumns = PORTFOLIO_COLUMNS.filter((c) => KEY_COLUMNS[c.id]?.startsWith('k_peer_'));

function keyOf(v: string | number | null): string | number | null {
  return typeof v === 'string' ? sortKey(v).slice(0, TEXT_KEY_MAX) : v;
}

/** The peer columns' sort keys of a row with these peers. */
function peerKeys(row: PortfolioRow): Record<'k_peer_group_size' | 'k_peer_equity_ratio' | 'k_peer_ebitda_margin' | 'k_peer_nibd_to_ebitda', number | null> {
  const out: Record<string, number | null> = {};
  for (const c of peerColumns) out[KEY_COLUMNS[c.id]!] = c.value(row) as number | null;
  return out as ReturnType<typeof peerKeys>;
}

/** A row's grid row on its basis: the filters' fields and every column's sort key. `today` decides no key. */
function gridRowOf(choice: BasisChoice, row: PortfolioRow): GridRow {
  // Today's stale-data flag is left out of the stored keys: the query adds it for the day it runs on.
  const undated = row.flags.includes('stale_data') ? { ...row, flags: row.flags.filter((f) => f !== 'stale_data') } : row;
  const keys: Record<string, string | number | null> = {};
  for (const c of PORTFOLIO_COLUMNS) {
    const col = KEY_COLUMNS[c.id];
    if (col) keys[col] = keyOf(c.value(undated));
  }
  const b = row.basis;
  return {
    choice,
    nameKey: sortKey(row.name),
    state: row.state,
    lost: row.lost,
    system: row.accountingSystem,
    naceDivision: row.registry?.naceDivision ?? null,
    attention: undated.breaches.length > 0 || undated.flags.length > 0 || row.lost,
    watched: !!row.workflow?.watch,
    fallback: !!b && b.shown !== b.choice,
    latestDay: row.latest ? toDayNumber(row.latest.snapshotDate.slice(0, 10)) : null,
    basisEnd: b && b.shown === b.choice ? b.end : null,
    flagScore: warningScore(undated),
    keys,
  };
}

/** A row with its registry facts (status-alert flags first), peers and workflow (overdue as of `today`). */
export function decorateRow(row: PortfolioRow, registry: RowRegistry | null, peers: RowPeers | null, workflow: RowWorkflow | null, today: string): PortfolioRow {
  const alerts = registry?.statusAlerts ?? [];
  const out: PortfolioRow = {
    ...row,
    registry,
    peers,
    flags: alerts.length > 0 ? [...alerts.map((a) => statusAlertFlag(a.id)), ...row.flags] : row.flags,
  };
  if (workflow) out.workflow = workflow.watch ? { ...workflow, watch: { ...workflow.watch, overdue: reviewOverdue(workflow.watch.reviewDate, today) } } : workflow;
  return out;
}

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);

export class GridIndex {
  private readonly states = new WeakMap<Cache, CacheState>();

  constructor(private readonly deps: { log: Logger }) {}

  private state(cache: Cache): CacheState {
    let s = this.states.get(cache);
    if (!s) this.states.set(cache, (s = { version: '', basisKey: '', pending: -1, memo: new Map() }));
    return s;
  }

  /**
   * Brings the grid up to date: every borrower marked dirty read into it (analysed where its stored row is of another
   * basis), for at most about `budgetMs` (a first screen's worth first, in name order), then the peer groups once
   * nothing is left. Returns how many borrowers are still to be read. Nothing is read when the file did not change.
   */
  refresh(cache: Cache, opts: IndexOptions, budgetMs = Infinity): number {
    const s = this.state(cache);
    const basisKey = `${GRID_FORMAT}:${opts.thresholdsKey}`;
    if (s.pending === 0 && s.basisKey === basisKey && s.version === cacheVersion(cache)) return 0;
    const grid = cache.grid;
    if (grid.meta('basis') !== basisKey) {
      cache.db
        .transaction(() => {
          grid.markAll();
          grid.setMeta('basis', basisKey);
        })
        .immediate();
    }
    const t0 = performance.now();
    const today = osloDate(opts.now);
    let workflows: Map<string, RowWorkflow> | null = null;
    for (let first = true; ; first = false) {
      const marks = grid.dirty(first ? FIRST_BATCH : BATCH, first);
      if (marks.length === 0) break;
      workflows ??= rowWorkflows(cache.workflow, today);
      this.read(cache, marks, opts, workflows, today);
      if (performance.now() - t0 > budgetMs) break;
    }
    const pending = grid.dirtyCount();
    if (pending === 0 && grid.meta('peers_dirty') === '1') this.computePeers(cache);
    s.version = cacheVersion(cache);
    s.basisKey = basisKey;
    s.pending = pending;
    return pending;
  }

  /** Reads marked borrowers into the grid, in one transaction; a mark made meanwhile stays for the next time. */
  private read(cache: Cache, marks: readonly DirtyMark[], opts: IndexOptions, workflows: ReadonlyMap<string, RowWorkflow>, today: string): void {
    const memo = this.state(cache).memo;
    const analysed: { orgNr: string; basis: string; row: StoredRow }[] = [];
    const writes: { orgNr: string; name: string; rows: GridRow[]; deco: { registry: string | null; workflow: string | null; peerInput: string | null } }[] = [];
    const gone: string[] = [];
    let peersMoved = false;
    for (const { orgNr } of marks) {
      const rel = cache.relationships.get(orgNr);
      if (!rel) {
        gone.push(orgNr);
        memo.delete(orgNr);
        continue;
      }
      const basis = `${opts.thresholdsKey}:${rel.row_version}`;
      let stored = memo.get(orgNr)?.basis === basis ? memo.get(orgNr)!.stored : null;
      if (!stored) {
        const kept = cache.portfolioRows.get(orgNr);
        // Rows are stored as analyseRow gave them; one of another basis is never used.
        if (kept && kept.basis === basis) stored = kept.row as StoredRow;
      }
      if (!stored) {
        const items = cache.snapshots.recordsOf(orgNr).map((r) => ({ key: r.key, item: recordToItem(r) as AccountingItem }));
        stored = analyseRow(
          { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at, unreadNotifications: cache.notifications.unreadOf(orgNr) },
          items,
          { ...opts, covenants: toCovenants(cache.limits.covenants(orgNr)) },
        ).stored;
        analysed.push({ orgNr, basis, row: stored });
      }
      this.remember(memo, orgNr, basis, stored);
      const unit = cache.registry.unit(orgNr);
      const facts = unit ? rowFactsOf(unit) : null;
      const workflow = workflows.get(orgNr) ?? null;
      const before = cache.grid.decoration(orgNr);
      const peers = parse<RowPeers>(before?.peers);
      const common = refreshRow(stored.common, { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at }, opts.now, opts.maxAgeDays);
      const peerInput = JSON.stringify(peerInputOf(orgNr, facts?.row ?? null, common.peerBasis ?? null));
      if (peerInput !== before?.peerInput) peersMoved = true;
      const rows = BASIS_CHOICES.map((choice) => gridRowOf(choice, decorateRow(rowOn({ common, views: stored.views }, choice), facts?.row ?? null, peers, workflow, today)));
      writes.push({
        orgNr,
        name: foldForSearch(rel.name),
        rows,
        deco: { registry: facts ? JSON.stringify(facts.row) : null, workflow: workflow ? JSON.stringify(workflow) : null, peerInput },
      });
    }
    try {
      cache.db
        .transaction(() => {
          for (const a of analysed) cache.portfolioRows.put(a.orgNr, a.basis, a.row);
          for (const w of writes) cache.grid.put(w.orgNr, w.name, w.rows, w.deco);
          for (const o of gone) {
            cache.grid.remove(o);
            peersMoved = true;
          }
          if (peersMoved) cache.grid.setMeta('peers_dirty', '1');
          cache.grid.clear(marks);
        })
        .immediate();
    } catch (e) {
      // A busy or read-only file: the marks stay, and the next list tries again; what is stored stays as it was.
      this.deps.log.warn('portfolio: grid rows not stored', { profileId: cache.profileId, error: e });
      throw e;
    }
  }

  private remember(memo: CacheState['memo'], orgNr: string, basis: string, stored: StoredRow): void {
    memo.delete(orgNr);
    memo.set(orgNr, { basis, stored });
    if (memo.size > MEMO_ROWS) memo.delete(memo.keys().next().value!);
  }

  /**
   * The peer groups of the whole book, from what each borrower's place is computed from (its division and last full
   * year), and each borrower's place written where it moved (its decoration and the peer columns' keys).
   */
  private computePeers(cache: Cache): void {
    const stored = cache.grid.peerInputs();
    const book = bookPeers(stored.map((s) => JSON.parse(s.input) as PeerInput));
    cache.db
      .transaction(() => {
        for (const s of stored) {
          const peers = rowPeersOf(book, s.orgNr);
          const json = peers ? JSON.stringify(peers) : null;
          if (json === s.peers) continue;
          cache.grid.setPeers(s.orgNr, json, peerKeys({ peers } as PortfolioRow));
        }
        cache.grid.putGroups([...book.groups.values()].map((g) => ({ division: g.division, json: JSON.stringify(g) })));
        cache.grid.setMeta('peers_dirty', '0');
      })
      .immediate();
  }

  /**
   * The rows of `orgNrs` on a basis, in that order, as the grid shows them: the stored row with today's data age and
   * stale flag, the relationship's own fields as they are now, and the stored decoration. A borrower whose stored row
   * is gone (deleted by hand) is analysed again first; one the cache no longer lists is left out.
   */
  rows(cache: Cache, orgNrs: readonly string[], choice: BasisChoice, opts: IndexOptions): PortfolioRow[] {
    const s = this.state(cache);
    const today = osloDate(opts.now);
    const out: PortfolioRow[] = [];
    for (const orgNr of orgNrs) {
      const rel = cache.relationships.get(orgNr);
      if (!rel) continue;
      let stored = s.memo.get(orgNr)?.stored ?? null;
      if (!stored) {
        const kept = cache.portfolioRows.get(orgNr);
        if (kept) {
          stored = kept.row as StoredRow;
          this.remember(s.memo, orgNr, kept.basis, stored);
        }
      }
      if (!stored) {
        this.read(cache, [{ orgNr, seq: -1 }], opts, rowWorkflows(cache.workflow, today), today);
        stored = s.memo.get(orgNr)?.stored ?? null;
        if (!stored) continue;
      }
      const deco = cache.grid.decoration(orgNr);
      const common = refreshRow(stored.common, { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at }, opts.now, opts.maxAgeDays);
      out.push(decorateRow(rowOn({ common, views: stored.views }, choice), parse<RowRegistry>(deco?.registry), parse<RowPeers>(deco?.peers), parse<RowWorkflow>(deco?.workflow), today));
    }
    return out;
  }

  /** A borrower's peers as the grid last computed them: its place and its group. */
  peersOf(cache: Cache, orgNr: string): StoredPeers {
    const row = parse<RowPeers>(cache.grid.decoration(orgNr)?.peers);
    return { row, group: row ? parse<PeerGroup>(cache.grid.group(row.division)) : null };
  }
}
