import * as m0001 from './0001-initial';
import * as m0002 from './0002-analyst-workflow';

/** A team schema step: the SQL that takes desk.schema_version from `version - 1` to `version`. */
export interface TeamMigration {
  version: number;
  sql: string;
}

/** Every team migration, in order. Add a file `NNNN-what.ts` and list it here; never edit a released one. */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [m0001, m0002];

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS[TEAM_MIGRATIONS.length - 1]!.version;

/** The first team schema with the analysts' workflow tables (migration 0002): older ones take no versions. */
export const TEAM_WORKFLOW_SCHEMA = 2;
