/**
 * Schema version 8: the versions this desk has not yet shared with its team. On a team connection every version the
 * analyst saves (migration 0006) is also queued here, in the same transaction, and the push
 * (electron/services/team/workflow-push.ts) sends the queue to the team database in the order it was written,
 * removing each entry once the database holds its version. The versions themselves never move: the queue only names
 * them. `last_reason` is why the last attempt did not share it (a `details.reason` such as
 * `team_database_unreachable`; NULL before the first attempt), so the borrower page can say why.
 *
 * A cache that is already a team connection's replica (team_replica_source has its bank) queues the versions it
 * holds: none of them has been shared, since the team database took none before this version.
 */
export const version = 8;

export const sql = `
CREATE TABLE workflow_outbox (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'watch', 'assignment', 'assessment')),
  version_id TEXT NOT NULL UNIQUE,
  org_nr TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_attempt_at TEXT,
  last_reason TEXT
) STRICT;
CREATE INDEX workflow_outbox_by_org_nr ON workflow_outbox(org_nr);

INSERT INTO workflow_outbox (kind, version_id, org_nr, queued_at)
SELECT kind, id, org_nr, created_at FROM (
  SELECT 'note' AS kind, id, org_nr, created_at, rowid AS r FROM note_versions
  UNION ALL SELECT 'watch', id, org_nr, created_at, rowid FROM watch_versions
  UNION ALL SELECT 'assignment', id, org_nr, created_at, rowid FROM assignment_versions
  UNION ALL SELECT 'assessment', id, org_nr, created_at, rowid FROM assessment_versions
)
WHERE EXISTS (SELECT 1 FROM team_replica_source)
ORDER BY created_at, kind, r;
`;
