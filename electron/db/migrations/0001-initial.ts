/**
 * Schema version 1: the whole cache of one profile. Figures are REAL columns beside the raw JSON, so the portfolio
 * query reads numbers without parsing JSON; the raw JSON keeps every field the API sends, known or not.
 */
export const version = 1;

export const sql = `
CREATE TABLE relationships (
  org_nr TEXT PRIMARY KEY,
  relationship_id TEXT,
  state TEXT NOT NULL,
  name TEXT NOT NULL,
  borrower_contact_email TEXT,
  bank_contact_email TEXT,
  created_at TEXT,
  raw TEXT,
  -- The relationship disappeared or lost access: kept, with its snapshots, and shown as such.
  lost INTEGER NOT NULL DEFAULT 0 CHECK (lost IN (0, 1)),
  ever_approved INTEGER NOT NULL DEFAULT 0 CHECK (ever_approved IN (0, 1)),
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT,
  last_fetched_at TEXT,
  -- Maintained in the borrower's write transaction: the portfolio query reads one row per borrower.
  latest_snapshot_key INTEGER REFERENCES snapshots(key) ON DELETE SET NULL
) STRICT;
CREATE INDEX relationships_by_relationship_id ON relationships(relationship_id);

CREATE TABLE followed (
  org_nr TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  added_at TEXT NOT NULL
) STRICT;

CREATE TABLE snapshots (
  key INTEGER PRIMARY KEY,
  org_nr TEXT NOT NULL REFERENCES relationships(org_nr) ON DELETE CASCADE,
  item_id INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  format_version TEXT NOT NULL,
  year INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  days_included INTEGER NOT NULL,
  snapshot_date TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  origin TEXT NOT NULL,
  accounting_system TEXT NOT NULL,
  revenues REAL NOT NULL,
  expenses REAL NOT NULL,
  ebitda REAL NOT NULL,
  ebit REAL NOT NULL,
  interest_income REAL NOT NULL,
  interest_expenses REAL NOT NULL,
  taxes REAL NOT NULL,
  depreciation REAL NOT NULL,
  amortization REAL NOT NULL,
  depreciation_and_amortization REAL NOT NULL,
  other_financial_income REAL NOT NULL,
  other_financial_expenses REAL NOT NULL,
  net_profit REAL NOT NULL,
  equity REAL NOT NULL,
  interest_bearing_debt REAL NOT NULL,
  net_interest_bearing_debt REAL NOT NULL,
  total_assets REAL NOT NULL,
  raw TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- The same item id with other content is a new version, kept beside the old one.
  UNIQUE (org_nr, item_id, content_hash)
) STRICT;
CREATE INDEX snapshots_by_org_nr ON snapshots(org_nr, snapshot_date, fetched_at, item_id);

CREATE TABLE notifications (
  key INTEGER PRIMARY KEY,
  -- 'bank' for the bank's own list, else the borrower's org number: the API's ids are unique per list only.
  scope TEXT NOT NULL,
  org_nr TEXT,
  id INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  raw TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  first_seen_at TEXT NOT NULL,
  UNIQUE (scope, id)
) STRICT;
CREATE INDEX notifications_by_created_at ON notifications(created_at);
CREATE INDEX notifications_by_org_nr ON notifications(org_nr, created_at);
CREATE INDEX notifications_by_read ON notifications(read, org_nr);

CREATE TABLE access_requests (
  key INTEGER PRIMARY KEY,
  org_nr TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  bank_contact_email TEXT NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1)),
  message TEXT NOT NULL,
  signup_link TEXT,
  signup_link_expires_at TEXT,
  raw TEXT
) STRICT;
CREATE INDEX access_requests_by_org_nr ON access_requests(org_nr);
CREATE INDEX access_requests_by_requested_at ON access_requests(requested_at);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  outcome TEXT NOT NULL,
  requests INTEGER NOT NULL DEFAULT 0,
  retries INTEGER NOT NULL DEFAULT 0,
  borrowers_synced INTEGER NOT NULL DEFAULT 0,
  borrowers_failed INTEGER NOT NULL DEFAULT 0,
  new_snapshots INTEGER NOT NULL DEFAULT 0,
  new_notifications INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  errors TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE thresholds (
  key TEXT PRIMARY KEY,
  value REAL NOT NULL
) STRICT;

CREATE TABLE covenants (
  org_nr TEXT NOT NULL,
  key TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (org_nr, key)
) STRICT;
`;
