import * as m0001 from './0001-initial';
import * as m0002 from './0002-portfolio-rows';
import * as m0003 from './0003-unread-by-date';
// 0004-0007 are the db engineer's (merged first); 0008 is the team replica's cursor.
import * as m0008 from './0008-team-replica';

/** A schema step: the SQL that takes user_version from `version - 1` to `version`. */
export interface Migration {
  version: number;
  sql: string;
}

/** Every migration, in order. Add a file `NNNN-what.ts` and list it here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0008];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
