import { LOCKS, LOCK_NAMESPACE } from '../locks';

/**
 * Team schema version 2: the analysts' own work, shared. The four tables of versions a desktop's cache holds
 * (electron/db/migrations/0006-analyst-workflow.ts), column for column, so a version is the same row on every desk:
 * notes, the watch-list, the saksbehandler and the committee assessment.
 *
 * - Append-only, enforced: a trigger refuses every UPDATE, DELETE and TRUNCATE, whoever asks (the owner too), and
 *   desktops may only INSERT. Two versions written over the same one (two desks apart) are simply two rows.
 * - A version's id is the UUID the desk made when the analyst saved it, and the key: a desk that sends a version
 *   twice (it crashed after the commit, before it noted the version as sent) stores it once (ON CONFLICT DO NOTHING).
 *   The author and created_at are the desk's, as the analyst saw them; shared_by (the database login that sent it)
 *   and received_at are the server's, which no desk can set.
 * - Each row is numbered from desk.change_seq under the same lock as the team sync's rows (migration 0001), so a
 *   replica copies other desks' versions by number as it copies the rest. The number is drawn by a SECURITY DEFINER
 *   trigger: desktops need no right to the sequence, and cannot choose their own number or sender.
 * - The version a row replaces must already be in the database, of the same borrower (and, for a note, of the same
 *   note), when the row is inserted. So the numbers are a valid order: a replica copying by number never receives a
 *   version before the one it follows, whatever page boundary falls between them.
 * - The checks mirror shared/workflow.ts's rules where SQL can say them (lengths, one line, no control or
 *   text-direction characters, the assessment's consistency): no desk can store what the app would refuse, and a
 *   replica can take in every row.
 * - Roles: desk_reader (every desktop) may read the versions; desk_analyst may insert them and nothing else. A
 *   desktop's login is a member of both; a bank that wants read-only desks leaves desk_analyst out (docs/team.md).
 */
export const version = 2;

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const ORG_NR = `'^[0-9]{9}$'`;
const ISO_TIME = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$'`;
const ISO_DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
// shared/safe-text.ts: what free text may not hold (a line feed and a tab are allowed), and a one-line text besides.
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029';
const UNSAFE_IN_TEXT = `'[\\u0001-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]'`;
const UNSAFE_IN_LINE = `'[\\u0001-\\u001f\\u007f-\\u009f${BIDI}]'`;

const text = (col: string, max: number, min = 0) => `char_length(${col}) BETWEEN ${min} AND ${max} AND ${col} !~ ${UNSAFE_IN_TEXT}`;
const line = (col: string, max: number, min = 1) => `char_length(${col}) BETWEEN ${min} AND ${max} AND ${col} !~ ${UNSAFE_IN_LINE}`;

/** What every version has, and the server's own stamps. */
const META = `
  id text PRIMARY KEY CHECK (id ~ ${UUID}),
  org_nr text NOT NULL CHECK (org_nr ~ ${ORG_NR}),
  author text NOT NULL CHECK (${line('author', 80)}),
  created_at text NOT NULL CHECK (created_at ~ ${ISO_TIME}),
  change_seq bigint NOT NULL,
  shared_by text NOT NULL,
  received_at timestamptz NOT NULL`;

const TABLES = ['note_versions', 'watch_versions', 'assignment_versions', 'assessment_versions'] as const;

/** The columns a desk sends (the others are the server's). */
export const DESK_COLUMNS: Record<(typeof TABLES)[number], readonly string[]> = {
  note_versions: ['id', 'note_id', 'org_nr', 'replaces', 'text', 'deleted', 'author', 'created_at'],
  watch_versions: ['id', 'org_nr', 'replaces', 'watched', 'reason', 'review_date', 'author', 'created_at'],
  assignment_versions: ['id', 'org_nr', 'replaces', 'assignee', 'author', 'created_at'],
  assessment_versions: ['id', 'org_nr', 'replaces', 'comment', 'recommendation', 'conditions', 'author', 'created_at'],
};

const perTable = (t: (typeof TABLES)[number]) => `
CREATE INDEX ${t}_by_change_seq ON desk.${t} (change_seq);
CREATE INDEX ${t}_by_org_nr ON desk.${t} (org_nr, created_at);
CREATE INDEX ${t}_by_replaces ON desk.${t} (replaces);
CREATE TRIGGER ${t}_stamp BEFORE INSERT ON desk.${t} FOR EACH ROW EXECUTE FUNCTION desk.stamp_version();
CREATE TRIGGER ${t}_never_changed BEFORE UPDATE OR DELETE ON desk.${t} FOR EACH ROW EXECUTE FUNCTION desk.refuse_version_change();
CREATE TRIGGER ${t}_never_truncated BEFORE TRUNCATE ON desk.${t} FOR EACH STATEMENT EXECUTE FUNCTION desk.refuse_version_change();
GRANT SELECT ON desk.${t} TO desk_reader;
GRANT INSERT (${DESK_COLUMNS[t].join(', ')}) ON desk.${t} TO desk_analyst;
`;

export const sql = `
CREATE FUNCTION desk.refuse_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'desk.% holds versions: add a version, never change or remove one', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;

-- Runs as the schema's owner: a desk inserting a version needs no right to the sequence, and every field set here
-- is the server's whatever the desk sent.
CREATE FUNCTION desk.stamp_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  target record;
  found_rows integer;
  note_col text := CASE WHEN TG_TABLE_NAME = 'note_versions' THEN 'note_id' ELSE 'NULL::text' END;
BEGIN
  IF NEW.replaces IS NOT NULL THEN
    EXECUTE format('SELECT org_nr, %s AS note_id FROM desk.%I WHERE id = $1', note_col, TG_TABLE_NAME) INTO target USING NEW.replaces;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows = 0 THEN
      RAISE EXCEPTION 'version % follows version %, which the team database does not hold', NEW.id, NEW.replaces
        USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF target.org_nr <> NEW.org_nr OR target.note_id IS DISTINCT FROM (to_jsonb(NEW) ->> 'note_id') THEN
      RAISE EXCEPTION 'version % follows version %, which is about another borrower or note', NEW.id, NEW.replaces
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCKS.changes});
  NEW.change_seq := nextval('desk.change_seq');
  NEW.shared_by := session_user;
  NEW.received_at := now();
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION desk.stamp_version() FROM PUBLIC;

CREATE TABLE desk.note_versions (${META},
  note_id text NOT NULL REFERENCES desk.note_versions (id),
  replaces text REFERENCES desk.note_versions (id),
  text text NOT NULL CHECK (${text('text', 10_000, 1)}),
  deleted boolean NOT NULL,
  CHECK ((replaces IS NULL) = (id = note_id))
);

CREATE TABLE desk.watch_versions (${META},
  replaces text REFERENCES desk.watch_versions (id),
  watched boolean NOT NULL,
  reason text NOT NULL CHECK (${line('reason', 300, 0)}),
  review_date text CHECK (review_date ~ ${ISO_DATE}),
  CHECK (CASE WHEN watched THEN reason <> '' AND review_date IS NOT NULL ELSE review_date IS NULL END)
);

CREATE TABLE desk.assignment_versions (${META},
  replaces text REFERENCES desk.assignment_versions (id),
  assignee text CHECK (${line('assignee', 80)})
);

CREATE TABLE desk.assessment_versions (${META},
  replaces text REFERENCES desk.assessment_versions (id),
  comment text NOT NULL CHECK (${text('comment', 20_000)}),
  recommendation text CHECK (recommendation IN ('approve', 'approve_with_conditions', 'decline')),
  conditions text NOT NULL CHECK (${text('conditions', 10_000)}),
  CHECK (recommendation IS NOT NULL OR comment <> '' OR conditions <> ''),
  CHECK (recommendation IS NULL OR comment <> ''),
  CHECK (recommendation IS DISTINCT FROM 'approve_with_conditions' OR conditions <> ''),
  CHECK (recommendation NOT IN ('approve', 'decline') OR conditions = '')
);

-- The role of desktops that may share what their analysts write. Created here when the migrating role may
-- (CREATEROLE); otherwise the DBA creates it before this version's first team sync (docs/team.md, Upgrades).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk_analyst') THEN
    CREATE ROLE desk_analyst NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA desk TO desk_analyst;
${TABLES.map(perTable).join('')}
`;
