/**
 * Schema version 4: the registry (Brønnøysund) in the profile's cache, so that every registry fact is there offline.
 *
 * `registry_units` holds one row per org number looked up: the facts as columns (the grid and the early-warning
 * list read them without parsing JSON) and the answer as received, capped (REGISTRY_LIMITS.rawMaxChars; `raw` is
 * NULL beyond it, `raw_size` says how long it was). A unit removed from open data (410, or `Fjernet` in the change
 * feed) keeps only its org number, status and date: its facts, filings and filing dates are deleted, as the
 * registry requires of copies. `registry_accounts` keeps every filing seen, per year: the open API serves only the
 * latest, so earlier years exist only here. `registry_filing_dates` keeps when the feed says a filing became
 * public, captured before its accounts are fetched. `registry_checks` records the last look-up per borrower and
 * kind, failures included, so none is silent. `registry_feed` is the change feed's cursor (one row).
 * No foreign keys to relationships: the registry also knows borrowers Symetrisk does not (yet) list.
 */
export const version = 4;

export const sql = `
CREATE TABLE registry_units (
  org_nr TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('active', 'deleted', 'removed', 'not_found')),
  name TEXT,
  org_form_code TEXT,
  org_form_name TEXT,
  nace1_code TEXT,
  nace1_name TEXT,
  nace2_code TEXT,
  nace2_name TEXT,
  nace3_code TEXT,
  nace3_name TEXT,
  nace_division TEXT,
  employees INTEGER,
  has_registered_employees INTEGER CHECK (has_registered_employees IN (0, 1)),
  business_address TEXT,
  municipality TEXT,
  municipality_number TEXT,
  founded TEXT,
  registered_at TEXT,
  vat_registered INTEGER CHECK (vat_registered IN (0, 1)),
  last_filed_year INTEGER,
  in_group INTEGER CHECK (in_group IN (0, 1)),
  bankrupt INTEGER CHECK (bankrupt IN (0, 1)),
  bankruptcy_date TEXT,
  winding_up INTEGER CHECK (winding_up IN (0, 1)),
  winding_up_date TEXT,
  forced_dissolution INTEGER CHECK (forced_dissolution IN (0, 1)),
  forced_dissolution_grounds TEXT NOT NULL DEFAULT '[]',
  reconstruction_date TEXT,
  foreign_insolvency_date TEXT,
  audit_opt_out_date TEXT,
  deleted_date TEXT,
  raw TEXT,
  raw_size INTEGER NOT NULL DEFAULT 0,
  fetched_at TEXT NOT NULL
) STRICT;
CREATE INDEX registry_units_by_nace_division ON registry_units(nace_division);

CREATE TABLE registry_accounts (
  org_nr TEXT NOT NULL,
  year INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('SELSKAP', 'KONSERN')),
  record_id INTEGER NOT NULL,
  journal_nr TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  currency TEXT,
  org_form TEXT,
  layout TEXT NOT NULL,
  unaudited INTEGER NOT NULL CHECK (unaudited IN (0, 1)),
  audit_opted_out INTEGER NOT NULL CHECK (audit_opted_out IN (0, 1)),
  small_company INTEGER NOT NULL CHECK (small_company IN (0, 1)),
  accounting_rules TEXT,
  winding_up_accounts INTEGER NOT NULL CHECK (winding_up_accounts IN (0, 1)),
  revenues REAL,
  operating_expenses REAL,
  operating_result REAL,
  net_financial REAL,
  financial_income REAL,
  financial_expenses REAL,
  pre_tax_result REAL,
  net_result REAL,
  total_result REAL,
  total_assets REAL,
  fixed_assets REAL,
  current_assets REAL,
  equity REAL,
  paid_in_equity REAL,
  retained_equity REAL,
  liabilities REAL,
  short_term_liabilities REAL,
  long_term_liabilities REAL,
  equity_and_liabilities REAL,
  published_at TEXT NOT NULL,
  published_source TEXT NOT NULL CHECK (published_source IN ('feed', 'first_seen')),
  raw TEXT,
  raw_size INTEGER NOT NULL DEFAULT 0,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (org_nr, year, type)
) STRICT;

CREATE TABLE registry_filing_dates (
  org_nr TEXT NOT NULL,
  year INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (org_nr, year)
) STRICT;

CREATE TABLE registry_checks (
  org_nr TEXT NOT NULL,
  what TEXT NOT NULL CHECK (what IN ('unit', 'accounts')),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'filed', 'none', 'unsupported', 'failed')),
  -- For accounts: the unit's sisteInnsendteAarsregnskap the look-up was made for (a new filing asks again).
  for_year INTEGER,
  layout TEXT,
  reason TEXT,
  message TEXT,
  checked_at TEXT NOT NULL,
  PRIMARY KEY (org_nr, what)
) STRICT;

CREATE TABLE registry_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- Read on from this oppdateringsid (the head last read + 1); until the first read, from the time in since.
  next_update_id INTEGER,
  since TEXT,
  updated_at TEXT NOT NULL
) STRICT;
`;
