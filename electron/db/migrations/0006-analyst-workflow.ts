/**
 * Schema version 6: the analyst's own work on a borrower, kept in the profile's cache beside the data it is about
 * (so it is there offline, and in the pack): notes, the watch-list, the assignment to a saksbehandler and the
 * assessment for the credit committee.
 *
 * Every table holds versions, never a current state: each row is one version with its own id (a UUID, made where it
 * was written), its author and time, and `replaces`, the version it follows (NULL for the first). Nothing is updated
 * or deleted in place (the triggers refuse it): an edit, a deletion, clearing the watch-list or an assignment are new
 * versions, so the history is whole, and two versions that replace the same one (written on two machines, later in
 * team mode) can be kept side by side. The current version of a chain is its head: a version no other replaces (of
 * several, the newest). `replaces` is checked only at commit (DEFERRABLE), so versions copied in from elsewhere may
 * arrive in any order within one transaction.
 *
 * No foreign key to relationships: a relationship that goes away must not take the analyst's work with it.
 */
export const version = 6;

const immutable = (table: string) => `
CREATE TRIGGER ${table}_never_updated BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} holds versions: add a version, never change one'); END;
CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} holds versions: a deletion is a new version'); END;
`;

export const sql = `
-- A note is the chain of versions with one note_id (its first version's id); a deleted note's last version has
-- deleted = 1 and keeps the text it had, so the history shows what was removed.
CREATE TABLE note_versions (
  id TEXT PRIMARY KEY,
  note_id TEXT NOT NULL REFERENCES note_versions(id) DEFERRABLE INITIALLY DEFERRED,
  org_nr TEXT NOT NULL,
  replaces TEXT REFERENCES note_versions(id) DEFERRABLE INITIALLY DEFERRED,
  text TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((replaces IS NULL) = (id = note_id))
) STRICT;
CREATE INDEX note_versions_by_org_nr ON note_versions(org_nr, created_at);
CREATE INDEX note_versions_by_replaces ON note_versions(replaces);
${immutable('note_versions')}

-- On the watch-list (watched = 1, with its reason and review date) or taken off it (watched = 0).
CREATE TABLE watch_versions (
  id TEXT PRIMARY KEY,
  org_nr TEXT NOT NULL,
  replaces TEXT REFERENCES watch_versions(id) DEFERRABLE INITIALLY DEFERRED,
  watched INTEGER NOT NULL CHECK (watched IN (0, 1)),
  reason TEXT NOT NULL,
  review_date TEXT CHECK (review_date IS NULL OR review_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (watched = 1 OR review_date IS NULL)
) STRICT;
CREATE INDEX watch_versions_by_org_nr ON watch_versions(org_nr, created_at);
CREATE INDEX watch_versions_by_replaces ON watch_versions(replaces);
${immutable('watch_versions')}

-- The saksbehandler, as typed (this app has one user; the names are the analyst's words); NULL: nobody.
CREATE TABLE assignment_versions (
  id TEXT PRIMARY KEY,
  org_nr TEXT NOT NULL,
  replaces TEXT REFERENCES assignment_versions(id) DEFERRABLE INITIALLY DEFERRED,
  assignee TEXT,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX assignment_versions_by_org_nr ON assignment_versions(org_nr, created_at);
CREATE INDEX assignment_versions_by_replaces ON assignment_versions(replaces);
${immutable('assignment_versions')}

-- The assessment for the credit committee; recommendation NULL is "none yet".
CREATE TABLE assessment_versions (
  id TEXT PRIMARY KEY,
  org_nr TEXT NOT NULL,
  replaces TEXT REFERENCES assessment_versions(id) DEFERRABLE INITIALLY DEFERRED,
  comment TEXT NOT NULL,
  recommendation TEXT CHECK (recommendation IS NULL OR recommendation IN ('approve', 'approve_with_conditions', 'decline')),
  conditions TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_versions_by_org_nr ON assessment_versions(org_nr, created_at);
CREATE INDEX assessment_versions_by_replaces ON assessment_versions(replaces);
${immutable('assessment_versions')}
`;
