import { LOCKS, LOCK_NAMESPACE } from '../locks';

/**
 * Team schema version 1: what a desktop's cache holds of the bank's portfolio, in schema `desk`, filled by the team
 * sync and read by the desktops' replicas.
 *
 * - The tables mirror the cache's (electron/db/migrations/0001-initial.ts) column for column, so one write
 *   (sync/cache-writes.ts) means the same in both and a replica copies rows without translating them. Timestamps the
 *   API sends (no zone, microseconds) and our own ISO times are text, as in the cache: a replica must get back
 *   exactly the string that was stored, which a timestamp column would reformat. Figures are double precision,
 *   SQLite's REAL. sync_runs, which only this database has, uses timestamptz for the DBA.
 * - Every version of a snapshot is kept: (org_nr, item_id, content_hash) is unique, the hash being
 *   electron/db/json-hash.ts's contentHash of the item as received.
 * - Each changed row of a replicated table gets the next number of desk.change_seq (change_seq), so a replica asks
 *   for "every row after N". Numbers are drawn only under a transaction-level advisory lock held until commit:
 *   one writing transaction's numbers are all visible before the next writer draws any, so a reader that has seen
 *   N has seen every number below it (a plain sequence alone would let a slower transaction commit a smaller number
 *   after a reader moved past it). Writers are the team sync, one transaction per borrower.
 * - A snapshot's content never changes under its hash; the sync's only update of one moves last_seen_at, which
 *   replicas do not follow, so only a change of its content draws a number. Nothing here is ever deleted by a sync
 *   (a vanished relationship is marked lost), so replicas need no tombstones.
 * - Analysts' read marks are per desktop: the notifications here have no read column.
 * - Desktops connect as members of desk_reader, which may read and nothing else.
 */
export const version = 1;

export const sql = `
CREATE SEQUENCE desk.change_seq AS bigint;

CREATE FUNCTION desk.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCKS.changes});
  NEW.change_seq := nextval('desk.change_seq');
  RETURN NEW;
END
$$;

CREATE TABLE desk.relationships (
  org_nr text PRIMARY KEY CHECK (org_nr ~ '^[0-9]{9}$'),
  relationship_id text,
  state text NOT NULL,
  name text NOT NULL,
  borrower_contact_email text,
  bank_contact_email text,
  created_at text,
  raw text,
  lost boolean NOT NULL DEFAULT false,
  ever_approved boolean NOT NULL DEFAULT false,
  first_seen_at text NOT NULL,
  last_seen_at text,
  last_fetched_at text,
  latest_snapshot_key bigint,
  change_seq bigint NOT NULL
);
CREATE INDEX relationships_by_relationship_id ON desk.relationships (relationship_id);
CREATE INDEX relationships_by_change_seq ON desk.relationships (change_seq);

CREATE TABLE desk.snapshots (
  key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_nr text NOT NULL REFERENCES desk.relationships (org_nr) ON DELETE CASCADE,
  item_id bigint NOT NULL,
  content_hash text NOT NULL,
  format_version text NOT NULL,
  year integer NOT NULL,
  start_date text NOT NULL,
  end_date text NOT NULL,
  days_included integer NOT NULL,
  snapshot_date text NOT NULL,
  fetched_at text NOT NULL,
  origin text NOT NULL,
  accounting_system text NOT NULL,
  revenues double precision NOT NULL,
  expenses double precision NOT NULL,
  ebitda double precision NOT NULL,
  ebit double precision NOT NULL,
  interest_income double precision NOT NULL,
  interest_expenses double precision NOT NULL,
  taxes double precision NOT NULL,
  depreciation double precision NOT NULL,
  amortization double precision NOT NULL,
  depreciation_and_amortization double precision NOT NULL,
  other_financial_income double precision NOT NULL,
  other_financial_expenses double precision NOT NULL,
  net_profit double precision NOT NULL,
  equity double precision NOT NULL,
  interest_bearing_debt double precision NOT NULL,
  net_interest_bearing_debt double precision NOT NULL,
  total_assets double precision NOT NULL,
  raw text NOT NULL,
  first_seen_at text NOT NULL,
  last_seen_at text NOT NULL,
  change_seq bigint NOT NULL,
  CONSTRAINT snapshots_by_content UNIQUE (org_nr, item_id, content_hash)
);
CREATE INDEX snapshots_by_org_nr ON desk.snapshots (org_nr, snapshot_date, fetched_at, item_id);
CREATE INDEX snapshots_by_change_seq ON desk.snapshots (change_seq);
ALTER TABLE desk.relationships ADD CONSTRAINT relationships_latest_snapshot
  FOREIGN KEY (latest_snapshot_key) REFERENCES desk.snapshots (key) ON DELETE SET NULL;

CREATE TABLE desk.notifications (
  key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'bank' for the bank's own list, else the borrower's org number: the API's ids are unique per list only.
  scope text NOT NULL,
  org_nr text,
  id bigint NOT NULL,
  text text NOT NULL,
  type text NOT NULL,
  created_at text NOT NULL,
  raw text NOT NULL,
  first_seen_at text NOT NULL,
  change_seq bigint NOT NULL,
  CONSTRAINT notifications_by_scope_id UNIQUE (scope, id)
);
CREATE INDEX notifications_by_change_seq ON desk.notifications (change_seq);

-- The register of org numbers the team sync asks for one by one when the API's list names none (see docs/team.md).
CREATE TABLE desk.followed (
  org_nr text PRIMARY KEY CHECK (org_nr ~ '^[0-9]{9}$'),
  source text NOT NULL,
  added_at text NOT NULL
);

CREATE TABLE desk.sync_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  profile_id text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text NOT NULL CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'cancelled')),
  requests integer NOT NULL DEFAULT 0,
  retries integer NOT NULL DEFAULT 0,
  borrowers_synced integer NOT NULL DEFAULT 0,
  borrowers_failed integer NOT NULL DEFAULT 0,
  new_snapshots integer NOT NULL DEFAULT 0,
  new_notifications integer NOT NULL DEFAULT 0,
  message text,
  errors jsonb NOT NULL DEFAULT '[]',
  -- Which machine and process ran it, for the DBA.
  host text NOT NULL,
  pid integer NOT NULL
);
CREATE INDEX sync_runs_by_outcome ON desk.sync_runs (outcome) WHERE outcome = 'running';

-- The bank the database is filled for, from /self: one database, one API client (a second is refused).
CREATE TABLE desk.bank (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  client_id text NOT NULL,
  name text,
  org_nr text,
  scopes text[] NOT NULL DEFAULT '{}',
  checked_at text,
  change_seq bigint NOT NULL
);

CREATE TRIGGER relationships_stamp BEFORE INSERT OR UPDATE ON desk.relationships
  FOR EACH ROW EXECUTE FUNCTION desk.stamp_change();
CREATE TRIGGER snapshots_stamp_insert BEFORE INSERT ON desk.snapshots
  FOR EACH ROW EXECUTE FUNCTION desk.stamp_change();
CREATE TRIGGER snapshots_stamp_update BEFORE UPDATE ON desk.snapshots
  FOR EACH ROW WHEN (OLD.raw IS DISTINCT FROM NEW.raw OR OLD.org_nr IS DISTINCT FROM NEW.org_nr)
  EXECUTE FUNCTION desk.stamp_change();
CREATE TRIGGER notifications_stamp BEFORE INSERT OR UPDATE ON desk.notifications
  FOR EACH ROW EXECUTE FUNCTION desk.stamp_change();
CREATE TRIGGER bank_stamp BEFORE INSERT OR UPDATE ON desk.bank
  FOR EACH ROW EXECUTE FUNCTION desk.stamp_change();

-- Read access for the desktops. The role is created here when the migrating role may (CREATEROLE); otherwise the DBA
-- creates it beforehand (docs/team.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk_reader') THEN
    CREATE ROLE desk_reader NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA desk TO desk_reader;
GRANT SELECT ON desk.schema_version, desk.relationships, desk.snapshots, desk.notifications, desk.followed, desk.sync_runs, desk.bank
  TO desk_reader;
`;
