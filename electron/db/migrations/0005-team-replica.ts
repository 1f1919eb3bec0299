/**
 * Schema version 5: where a team connection's replica stands. A team connection's "sync" copies the rows of the
 * bank's team database that changed since the last copy (electron/services/team/replicator.ts): each table's last
 * change number copied is kept here, in the same transaction as the rows it covers, so a copy cut short resumes
 * where it stopped. The source row names the team database's bank (its API client id): a replica never takes in
 * another bank's rows.
 */
export const version = 5;

export const sql = `
CREATE TABLE team_replica_cursors (
  table_name TEXT PRIMARY KEY,
  change_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE team_replica_source (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  client_id TEXT NOT NULL
) STRICT;
`;
