import type { Db } from './connection';

/** A borrower as the portfolio list starts from it: the relationship's own fields and its row version. */
export interface RowHead {
  org_nr: string;
  name: string;
  state: string;
  lost: number;
  last_fetched_at: string | null;
  row_version: number;
}

/**
 * The stored portfolio rows (see migration 0002): read by basis, written back after a recompute. What a row holds
 * is the portfolio service's (`StoredRow`, electron/services/portfolio/analysis-adapter.ts); stored as JSON.
 */
export function portfolioRowsRepo(db: Db) {
  // Reads relationships_by_name alone (a covering index): the list's order without a sort and without the wide rows.
  // Read as arrays (raw), turned into objects here: at 10,000 borrowers about half the time of named rows.
  const heads = db
    .prepare(
      `SELECT org_nr, name, state, lost, last_fetched_at, row_version FROM relationships INDEXED BY relationships_by_name
       ORDER BY name COLLATE NOCASE, org_nr`,
    )
    .raw(true);
  const all = db.prepare('SELECT org_nr, basis, row FROM portfolio_rows');
  const one = db.prepare('SELECT basis, row FROM portfolio_rows WHERE org_nr = ?');
  const put = db.prepare(
    'INSERT INTO portfolio_rows (org_nr, basis, row) VALUES (?, ?, ?) ON CONFLICT (org_nr) DO UPDATE SET basis = excluded.basis, row = excluded.row',
  );
  return {
    heads(): RowHead[] {
      return (heads.all() as [string, string, string, number, string | null, number][]).map(([org_nr, name, state, lost, last_fetched_at, row_version]) => ({
        org_nr,
        name,
        state,
        lost,
        last_fetched_at,
        row_version,
      }));
    },
    /** Stored rows whose basis is the one wanted (`wanted` maps org number -> basis). */
    matching(wanted: Map<string, string>): Map<string, unknown> {
      const out = new Map<string, unknown>();
      const keep = (orgNr: string, basis: string, row: string) => {
        if (wanted.get(orgNr) === basis) out.set(orgNr, JSON.parse(row) );
      };
      // Many: one pass over the table; few: one lookup each.
      if (wanted.size > 200) for (const r of all.iterate() as Iterable<{ org_nr: string; basis: string; row: string }>) keep(r.org_nr, r.basis, r.row);
      else {
        for (const orgNr of wanted.keys()) {
          const r = one.get(orgNr) as { basis: string; row: string } | undefined;
          if (r) keep(orgNr, r.basis, r.row);
        }
      }
      return out;
    },
    /** One borrower's stored row and the basis it was computed from, whatever that was; null when none is stored. */
    get(orgNr: string): { basis: string; row: unknown } | null {
      const r = one.get(orgNr) as { basis: string; row: string } | undefined;
      return r ? { basis: r.basis, row: JSON.parse(r.row) as unknown } : null;
    },
    /** Stores recomputed rows, in one transaction. */
    putMany(rows: { orgNr: string; basis: string; row: unknown }[]): void {
      if (rows.length === 0) return;
      db.transaction(() => {
        for (const r of rows) put.run(r.orgNr, r.basis, JSON.stringify(r.row));
      }).immediate();
    },
    /** Stores one recomputed row, in the caller's transaction. */
    put(orgNr: string, basis: string, row: unknown): void {
      put.run(orgNr, basis, JSON.stringify(row));
    },
  };
}
export type PortfolioRowsRepo = ReturnType<typeof portfolioRowsRepo>;
