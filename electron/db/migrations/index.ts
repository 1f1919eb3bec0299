import type { Migration, Schema } from '../migrate';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-portfolio-rows';
import * as m0003 from './0003-unread-by-date';
import * as m0004 from './0004-registry';
import * as m0005 from './0005-team-replica';
import * as m0006 from './0006-analyst-workflow';
import * as m0007 from './0007-documented-relationships';
import * as m0008 from './0008-workflow-outbox';
import * as m0009 from './0009-portfolio-grid';
import * as desk0001 from './desk/0001-profiles-and-settings';
import * as desk0002 from './desk/0002-bank-facts';
import * as desk0003 from './desk/0003-team-connections';

export type { Migration, Schema };

/**
 * A profile's cache (`cache/<profile>.sqlite`), in order. Add a file `NNNN-what.ts` exporting `version` and `sql`
 * and list it here; never edit a released one. See docs/architecture.md, "Adding a migration".
 */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];

/** desk.sqlite (profiles, settings): its own numbering, in `desk/`. */
export const DESK_MIGRATIONS: readonly Migration[] = [desk0001, desk0002, desk0003];

export const CACHE_SCHEMA: Schema = { name: 'cache', migrations: MIGRATIONS };
export const DESK_SCHEMA: Schema = { name: 'settings', migrations: DESK_MIGRATIONS };

export const LATEST_VERSION = MIGRATIONS.length;
