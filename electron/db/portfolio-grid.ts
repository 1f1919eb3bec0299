import type { BasisChoice } from '../../shared/analysis/bases';
import { NO_FILTERS, type PortfolioFilters, type PortfolioSort } from '../../shared/portfolio/query';
import { searchTerms } from '../../shared/text-fold';
import type { Db } from './connection';

/**
 * The grid index of migration 0009: per borrower and basis, the fields the grid filters and sorts on, the search
 * index, and what a window's rows are decorated with. Written by the portfolio service (services/portfolio/grid-index.ts),
 * read by its window queries.
 */

/** Each column's sort key column, where the column has one of its own (see SORT_SQL for the others). */
export const KEY_COLUMNS: Readonly<Record<string, string>> = {
  state: 'k_state',
  accountingSystem: 'k_accounting_system',
  latestPeriod: 'k_latest_period',
  basis: 'k_basis',
  revenues: 'k_revenues',
  ebitda: 'k_ebitda',
  profit_before_tax: 'k_profit_before_tax',
  net_profit: 'k_net_profit',
  equity: 'k_equity',
  ebitda_margin: 'k_ebitda_margin',
  equity_ratio: 'k_equity_ratio',
  nibd_to_ebitda: 'k_nibd_to_ebitda',
  interest_cover: 'k_interest_cover',
  revenuesChange: 'k_revenues_change',
  ebitdaChange: 'k_ebitda_change',
  ebitdaMarginChange: 'k_ebitda_margin_change',
  equityRatioChange: 'k_equity_ratio_change',
  unread: 'k_unread',
  watch: 'k_watch',
  watchReason: 'k_watch_reason',
  assignedTo: 'k_assigned_to',
  latestNote: 'k_latest_note',
  legalForm: 'k_legal_form',
  employees: 'k_employees',
  municipality: 'k_municipality',
  founded: 'k_founded',
  peerGroupSize: 'k_peer_group_size',
  peerEquityRatio: 'k_peer_equity_ratio',
  peerEbitdaMargin: 'k_peer_ebitda_margin',
  peerNibdToEbitda: 'k_peer_nibd_to_ebitda',
};
const PEER_KEY_COLUMNS = ['k_peer_group_size', 'k_peer_equity_ratio', 'k_peer_ebitda_margin', 'k_peer_nibd_to_ebitda'] as const;

/** The stale-data flag in SQL: the latest snapshot older than the day `@staleBefore` (today − the days allowed). */
const STALE = '(g.latest_day IS NOT NULL AND g.latest_day < @staleBefore)';

/**
 * What each column sorts by. The flags column adds the day's stale-data flag to its stored score; the data's age is
 * today less the latest snapshot's day. Every id of shared/portfolio/columns.ts has one (a unit test holds it so).
 */
export const SORT_SQL: Readonly<Record<string, string>> = {
  name: 'g.name_key',
  orgNr: 'g.org_nr',
  industry: 'g.nace_division',
  flags: `(g.flag_score + ${STALE})`,
  dataAge: '(@today - g.latest_day)',
  ...Object.fromEntries(Object.entries(KEY_COLUMNS).map(([id, col]) => [id, `g.${col}`])),
};

/** One borrower's grid row on one basis, as the service computed it. */
export interface GridRow {
  choice: BasisChoice;
  nameKey: string;
  state: string;
  lost: boolean;
  system: string | null;
  naceDivision: string | null;
  attention: boolean;
  watched: boolean;
  fallback: boolean;
  latestDay: number | null;
  basisEnd: string | null;
  flagScore: number;
  /** By sort-key column (KEY_COLUMNS' values). */
  keys: Record<string, string | number | null>;
}

/** What a window's rows are decorated with, as stored JSON (parsed by the service). */
export interface GridDecoration {
  registry: string | null;
  workflow: string | null;
  peers: string | null;
  /** What the borrower's peers were computed from. */
  peerInput: string | null;
}

/** A borrower marked for its grid row to be written again, with the mark's count (cleared only if unchanged). */
export interface DirtyMark {
  orgNr: string;
  seq: number;
}

/** The list asked for: basis, filters, sort, and the day (the stale flag and the data's age depend on it). */
export interface GridSpec {
  choice: BasisChoice;
  filters: PortfolioFilters;
  sort: PortfolioSort;
  /** Today as a day number (days since 1970-01-01 UTC). */
  today: number;
  /** The first day number that is not stale (today − the days data may age). */
  staleBefore: number;
}

/** The list as filtered and sorted: every org number in order, with how many of them are on a fallback basis. */
export interface GridList {
  orgNrs: string[];
  fallback: number;
  /** The most common end of the basis chosen among the list (null when none is on it). */
  commonEnd: string | null;
}

/** FTS5's query syntax for one substring: a quoted string ("" inside), matched by the trigram tokenizer. */
function phrase(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * The quick search as SQL on the search index: every word of the query in the folded name (the digits of a number
 * in the org number or the name). Words of three characters or more use the trigram index (MATCH); shorter ones are
 * checked on the rows it leaves (instr), or on every row when the query has nothing longer.
 */
function searchSql(query: string, params: Record<string, unknown>): string | null {
  const { digits, words } = searchTerms(query);
  const where: string[] = [];
  const match: string[] = [];
  if (digits !== null) {
    if (digits.length >= 3) match.push(`{name org_nr} : ${phrase(digits)}`);
    else {
      params['s0'] = digits;
      where.push('(instr(org_nr, @s0) > 0 OR instr(name, @s0) > 0)');
    }
  }
  words.forEach((w, i) => {
    if ([...w].length >= 3) match.push(`name : ${phrase(w)}`);
    else {
      params[`s${i + 1}`] = w;
      where.push(`instr(name, @s${i + 1}) > 0`);
    }
  });
  if (match.length === 0 && where.length === 0) return null;
  if (match.length > 0) {
    params['match'] = match.join(' AND ');
    where.unshift('portfolio_search MATCH @match');
  }
  return `g.org_nr IN (SELECT org_nr FROM portfolio_search WHERE ${where.join(' AND ')})`;
}

/** The WHERE clause of a list (values bound, never concatenated) and its parameters. */
function whereOf(spec: GridSpec): { sql: string; params: Record<string, unknown> } {
  const f = spec.filters;
  const params: Record<string, unknown> = { choice: spec.choice, staleBefore: spec.staleBefore, today: spec.today };
  const where = ['g.choice = @choice'];
  if (f.flaggedOnly) where.push(`(g.attention = 1 OR ${STALE})`);
  if (f.watchedOnly) where.push('g.watched = 1');
  if (f.fallbackOnly) where.push('g.fallback = 1');
  if (f.state) {
    where.push('g.state = @state');
    params['state'] = f.state;
  }
  if (f.accountingSystem) {
    where.push('g.system = @system');
    params['system'] = f.accountingSystem;
  }
  if (f.naceDivision) {
    where.push('g.nace_division = @nace');
    params['nace'] = f.naceDivision;
  }
  const search = f.query ? searchSql(f.query, params) : null;
  if (search) where.push(search);
  return { sql: where.join(' AND '), params };
}

export function portfolioGridRepo(db: Db) {
  const gridColumns = [
    'choice',
    'org_nr',
    'name_key',
    'state',
    'lost',
    'system',
    'nace_division',
    'attention',
    'watched',
    'fallback',
    'latest_day',
    'basis_end',
    'flag_score',
    ...Object.values(KEY_COLUMNS),
  ];
  const putGrid = db.prepare(
    `INSERT INTO portfolio_grid (${gridColumns.join(', ')}) VALUES (${gridColumns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (choice, org_nr) DO UPDATE SET ${gridColumns.slice(2).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const dropGrid = db.prepare('DELETE FROM portfolio_grid WHERE org_nr = ?');
  const idOf = db.prepare<[string], { id: number }>('SELECT id FROM portfolio_borrowers WHERE org_nr = ?');
  const newBorrower = db.prepare<[string]>('INSERT INTO portfolio_borrowers (org_nr) VALUES (?)');
  const putBorrower = db.prepare('UPDATE portfolio_borrowers SET registry = @registry, workflow = @workflow, peer_input = @peer_input WHERE id = @id');
  const dropBorrower = db.prepare('DELETE FROM portfolio_borrowers WHERE id = ?');
  const dropSearch = db.prepare('DELETE FROM portfolio_search WHERE rowid = ?');
  const putSearch = db.prepare('INSERT INTO portfolio_search (rowid, name, org_nr) VALUES (?, ?, ?)');
  const dirtyByName = db
    .prepare(
      `SELECT d.org_nr, d.seq FROM portfolio_dirty d LEFT JOIN relationships r ON r.org_nr = d.org_nr
       ORDER BY r.name COLLATE NOCASE, d.org_nr LIMIT ?`,
    )
    .raw(true);
  const dirtyAny = db.prepare('SELECT org_nr, seq FROM portfolio_dirty LIMIT ?').raw(true);
  const dirtyCount = db.prepare('SELECT count(*) FROM portfolio_dirty').pluck();
  const clearMark = db.prepare('DELETE FROM portfolio_dirty WHERE org_nr = ? AND seq = ?');
  const markAll = db.prepare(
    'INSERT INTO portfolio_dirty (org_nr) SELECT org_nr FROM relationships WHERE true ON CONFLICT (org_nr) DO UPDATE SET seq = seq + 1',
  );
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM portfolio_grid_meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO portfolio_grid_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const peerInputs = db.prepare('SELECT org_nr, peer_input, peers FROM portfolio_borrowers WHERE peer_input IS NOT NULL').raw(true);
  const putPeers = db.prepare('UPDATE portfolio_borrowers SET peers = ? WHERE org_nr = ?');
  const putPeerKeys = db.prepare(`UPDATE portfolio_grid SET ${PEER_KEY_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE org_nr = @org_nr`);
  const clearGroups = db.prepare('DELETE FROM portfolio_peer_groups');
  const putGroup = db.prepare('INSERT INTO portfolio_peer_groups (division, grp) VALUES (?, ?)');
  const group = db.prepare<[string], { grp: string }>('SELECT grp FROM portfolio_peer_groups WHERE division = ?');
  const decoration = db.prepare<[string], GridDecoration>('SELECT registry, workflow, peers, peer_input AS peerInput FROM portfolio_borrowers WHERE org_nr = ?');
  const book = db.prepare(
    `SELECT count(*) AS total, coalesce(sum(g.attention = 1 OR ${STALE}), 0) AS flagged, coalesce(sum(g.watched), 0) AS watched
     FROM portfolio_grid g WHERE g.choice = @choice`,
  );
  const distinct = (col: string) => db.prepare(`SELECT DISTINCT ${col} FROM portfolio_grid WHERE choice = 'ltm' AND ${col} IS NOT NULL ORDER BY ${col}`).pluck();
  const states = distinct('state');
  const systems = distinct('system');
  const divisions = distinct('nace_division');
  const lists = new Map<string, ReturnType<Db['prepare']>>();

  function listStatement(spec: GridSpec, sql: string): ReturnType<Db['prepare']> {
    const order = SORT_SQL[spec.sort.id] ?? SORT_SQL['name']!;
    const dir = spec.sort.desc ? 'DESC' : 'ASC';
    // Nulls last either way; ties in name order (then number), whichever the direction.
    const text = `SELECT g.org_nr, g.fallback, g.basis_end FROM portfolio_grid g WHERE ${sql} ORDER BY ${order} ${dir} NULLS LAST, g.name_key, g.org_nr`;
    let st = lists.get(text);
    if (!st) {
      st = db.prepare(text).raw(true);
      // The statements vary only by the filters used and the sort: a few dozen at most; a bound keeps it so.
      if (lists.size > 200) lists.clear();
      lists.set(text, st);
    }
    return st;
  }

  return {
    /** Borrowers marked dirty: the first `limit`, in name order when `byName` (a first screen's worth first). */
    dirty(limit: number, byName: boolean): DirtyMark[] {
      return ((byName ? dirtyByName : dirtyAny).all(limit) as [string, number][]).map(([orgNr, seq]) => ({ orgNr, seq }));
    },
    dirtyCount(): number {
      return dirtyCount.get() as number;
    },
    /** Marks every borrower (new thresholds, a new grid format). */
    markAll(): void {
      markAll.run();
    },
    meta(key: string): string | null {
      return getMeta.get(key)?.value ?? null;
    },
    setMeta(key: string, value: string): void {
      setMeta.run(key, value);
    },
    /**
     * Writes one borrower's grid rows (one per basis), its search entry and its decoration. Part of the caller's
     * transaction.
     */
    put(orgNr: string, name: string, rows: readonly GridRow[], deco: { registry: string | null; workflow: string | null; peerInput: string | null }): void {
      let id = idOf.get(orgNr)?.id;
      if (id === undefined) id = Number(newBorrower.run(orgNr).lastInsertRowid);
      else dropSearch.run(id);
      putSearch.run(id, name, orgNr);
      putBorrower.run({ id, registry: deco.registry, workflow: deco.workflow, peer_input: deco.peerInput });
      for (const r of rows) {
        const values: Record<string, unknown> = {
          choice: r.choice,
          org_nr: orgNr,
          name_key: r.nameKey,
          state: r.state,
          lost: r.lost ? 1 : 0,
          system: r.system,
          nace_division: r.naceDivision,
          attention: r.attention ? 1 : 0,
          watched: r.watched ? 1 : 0,
          fallback: r.fallback ? 1 : 0,
          latest_day: r.latestDay,
          basis_end: r.basisEnd,
          flag_score: r.flagScore,
        };
        for (const col of Object.values(KEY_COLUMNS)) values[col] = r.keys[col] ?? null;
        putGrid.run(values);
      }
    },
    /** Removes a borrower the cache no longer lists. */
    remove(orgNr: string): void {
      dropGrid.run(orgNr);
      const id = idOf.get(orgNr)?.id;
      if (id !== undefined) {
        dropSearch.run(id);
        dropBorrower.run(id);
      }
    },
    /** Clears marks that did not move since they were read. */
    clear(marks: readonly DirtyMark[]): void {
      for (const m of marks) clearMark.run(m.orgNr, m.seq);
    },
    /** Every borrower's peer input and peers as stored (JSON). */
    peerInputs(): { orgNr: string; input: string; peers: string | null }[] {
      return (peerInputs.all() as [string, string, string | null][]).map(([orgNr, input, peers]) => ({ orgNr, input, peers }));
    },
    /** A borrower's peers (JSON) and the peer columns' sort keys on every basis. */
    setPeers(orgNr: string, peers: string | null, keys: Record<(typeof PEER_KEY_COLUMNS)[number], number | null>): void {
      putPeers.run(peers, orgNr);
      putPeerKeys.run({ org_nr: orgNr, ...keys });
    },
    /** Replaces the peer groups (JSON by NACE division). */
    putGroups(groups: readonly { division: string; json: string }[]): void {
      clearGroups.run();
      for (const g of groups) putGroup.run(g.division, g.json);
    },
    group(division: string): string | null {
      return group.get(division)?.grp ?? null;
    },
    decoration(orgNr: string): GridDecoration | null {
      return decoration.get(orgNr) ?? null;
    },
    /** The whole book on a basis: how many borrowers, how many need attention today, how many are watched. */
    book(choice: BasisChoice, staleBefore: number): { total: number; flagged: number; watched: number } {
      return book.get({ choice, staleBefore }) as { total: number; flagged: number; watched: number };
    },
    /** What the filters can choose from. */
    facets(): { states: string[]; accountingSystems: string[]; naceDivisions: string[] } {
      return { states: states.all() as string[], accountingSystems: systems.all() as string[], naceDivisions: divisions.all() as string[] };
    },
    /** The list as filtered and sorted (every org number, in order). */
    list(spec: GridSpec): GridList {
      const { sql, params } = whereOf({ ...spec, filters: { ...NO_FILTERS, ...spec.filters } });
      const rows = listStatement(spec, sql).all(params) as [string, number, string | null][];
      const orgNrs = new Array<string>(rows.length);
      const ends = new Map<string, number>();
      let fallback = 0;
      for (let i = 0; i < rows.length; i++) {
        const [orgNr, fb, end] = rows[i]!;
        orgNrs[i] = orgNr;
        fallback += fb;
        if (end !== null) ends.set(end, (ends.get(end) ?? 0) + 1);
      }
      let commonEnd: string | null = null;
      let most = 0;
      for (const [end, n] of ends) if (n > most || (n === most && commonEnd !== null && end > commonEnd)) [commonEnd, most] = [end, n];
      return { orgNrs, fallback, commonEnd };
    },
  };
}
export type PortfolioGridRepo = ReturnType<typeof portfolioGridRepo>;
