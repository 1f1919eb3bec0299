/**
 * Schema version 9: the portfolio grid as a query of the cache, so that the window holds only the rows it shows
 * (50,000 borrowers: docs/benchmarks.md, scenario 8).
 *
 * `portfolio_grid` holds, per borrower and basis of the switch, what the grid filters and sorts on: one sort key per
 * column of shared/portfolio/columns.ts (`k_*`, the column's own value; text as its Norwegian sort key,
 * shared/text-fold.ts) and the filters' fields. What changes with the day (the stale-data flag, the data's age) is
 * decided in the query from `latest_day`. Keys are written by the portfolio service from the analysed row it stores
 * in `portfolio_rows` with the registry's facts, the analyst's workflow and the peers; one table, no join, since a
 * join per row cost more than the sort itself (measured at 50,000 rows).
 *
 * `portfolio_borrowers` gives each borrower an integer id (the search index's rowid) and keeps what a window's rows
 * are decorated with (registry facts, workflow, peers: JSON), and what the peer groups are computed from.
 * `portfolio_search` is the quick search: FTS5 with the trigram tokenizer (substrings, as the search always found)
 * over the names folded by shared/text-fold.ts (ø → o, å → a, æ → ae, accents off) and the org numbers.
 *
 * `portfolio_dirty` lists the borrowers whose grid row must be written again. Triggers fill it whenever anything a
 * row is made of changes, whoever writes the file (the sync's writer worker, the team replica, the CLI): the
 * relationship's name, state, lost flag or row version (snapshots, unread notifications and covenants move the row
 * version since schema 2), a registry unit, a workflow version. `seq` moves on every new mark, so a mark made while
 * the service reads a borrower is not cleared with the one it read. Every borrower is marked here: the grid is
 * read into these tables at the first list after the upgrade (the stored rows are reused, nothing is analysed again).
 */
export const version = 9;

const dirty = (key: string) => `INSERT INTO portfolio_dirty (org_nr) VALUES (${key}) ON CONFLICT (org_nr) DO UPDATE SET seq = seq + 1;`;

export const sql = `
CREATE TABLE portfolio_borrowers (
  id INTEGER PRIMARY KEY,
  org_nr TEXT NOT NULL UNIQUE,
  -- JSON: the registry's facts on the row (RowRegistry), the workflow (RowWorkflow; overdue decided when shown), the peers (RowPeers).
  registry TEXT,
  workflow TEXT,
  peers TEXT,
  -- JSON: what the peer groups are computed from (NACE division and description, the last full year's ratios).
  peer_input TEXT
) STRICT;

CREATE VIRTUAL TABLE portfolio_search USING fts5(name, org_nr, tokenize = 'trigram');

CREATE TABLE portfolio_grid (
  choice TEXT NOT NULL,
  org_nr TEXT NOT NULL,
  name_key TEXT NOT NULL,
  state TEXT NOT NULL,
  lost INTEGER NOT NULL,
  system TEXT,
  nace_division TEXT,
  -- A breach, a quality flag, a status alert or a lost relationship (stale data is decided in the query).
  attention INTEGER NOT NULL,
  watched INTEGER NOT NULL,
  -- Shown on another basis than the one chosen.
  fallback INTEGER NOT NULL,
  -- The latest snapshot's day (days since 1970-01-01 UTC): the data's age and the stale flag, for any day.
  latest_day INTEGER,
  -- The end of the basis shown, where it is the one chosen (the unit line states the most common).
  basis_end TEXT,
  -- The flags column's order (shared/portfolio/columns.ts warningScore) without the stale-data flag.
  flag_score INTEGER NOT NULL,
  k_state TEXT,
  k_accounting_system TEXT,
  k_latest_period TEXT,
  k_basis TEXT,
  k_revenues REAL,
  k_ebitda REAL,
  k_profit_before_tax REAL,
  k_net_profit REAL,
  k_equity REAL,
  k_ebitda_margin REAL,
  k_equity_ratio REAL,
  k_nibd_to_ebitda REAL,
  k_interest_cover REAL,
  k_revenues_change REAL,
  k_ebitda_change REAL,
  k_ebitda_margin_change REAL,
  k_equity_ratio_change REAL,
  k_unread REAL,
  k_watch TEXT,
  k_watch_reason TEXT,
  k_assigned_to TEXT,
  k_latest_note TEXT,
  k_legal_form TEXT,
  k_employees REAL,
  k_municipality TEXT,
  k_founded TEXT,
  k_peer_group_size REAL,
  k_peer_equity_ratio REAL,
  k_peer_ebitda_margin REAL,
  k_peer_nibd_to_ebitda REAL,
  PRIMARY KEY (choice, org_nr)
) STRICT, WITHOUT ROWID;
-- The grid's own order (by name): a window at any depth is a walk of this index. Other columns sort the list
-- as filtered, without an index: with NULLS LAST and the name as tie-break no index served them, and an index
-- per column doubled the file (measured at 50,000 borrowers).
CREATE INDEX portfolio_grid_by_name ON portfolio_grid(choice, name_key, org_nr);

CREATE TABLE portfolio_dirty (
  org_nr TEXT PRIMARY KEY,
  seq INTEGER NOT NULL DEFAULT 0
) STRICT;

-- What the stored grid was made with ("basis": the format and thresholds; "peers_dirty": the groups to compute again).
CREATE TABLE portfolio_grid_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The peer groups as last computed (JSON PeerGroup), for the borrower page.
CREATE TABLE portfolio_peer_groups (
  division TEXT PRIMARY KEY,
  grp TEXT NOT NULL
) STRICT;

CREATE TRIGGER relationships_grid_on_insert AFTER INSERT ON relationships BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER relationships_grid_on_update AFTER UPDATE OF name, state, lost, row_version ON relationships
  WHEN NEW.name IS NOT OLD.name OR NEW.state IS NOT OLD.state OR NEW.lost IS NOT OLD.lost OR NEW.row_version IS NOT OLD.row_version BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER relationships_grid_on_delete AFTER DELETE ON relationships BEGIN
  ${dirty('OLD.org_nr')}
END;
CREATE TRIGGER registry_units_grid_on_insert AFTER INSERT ON registry_units BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER registry_units_grid_on_update AFTER UPDATE ON registry_units BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER registry_units_grid_on_delete AFTER DELETE ON registry_units BEGIN
  ${dirty('OLD.org_nr')}
END;
CREATE TRIGGER note_versions_grid AFTER INSERT ON note_versions BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER watch_versions_grid AFTER INSERT ON watch_versions BEGIN
  ${dirty('NEW.org_nr')}
END;
CREATE TRIGGER assignment_versions_grid AFTER INSERT ON assignment_versions BEGIN
  ${dirty('NEW.org_nr')}
END;

INSERT INTO portfolio_dirty (org_nr) SELECT org_nr FROM relationships;
`;
