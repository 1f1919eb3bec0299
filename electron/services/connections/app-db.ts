/**
 * The app-level store <dataDir>/desk.sqlite: connection profiles and settings. Secrets are never written here
 * (they live in the keychain); this file holds only what may be read by anyone with access to the data folder.
 * Opened and migrated like every database we own (electron/db/connection.ts); its schema is
 * electron/db/migrations/desk/.
 */
import path from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { DESK_SCHEMA } from '../../db/migrations';

export const APP_DB_FILE = 'desk.sqlite';

/** Opens (creating if needed) and migrates the app-level store; AppError('storage') for a file it must not touch. */
export function openAppDb(dataDir: string): Db {
  return openDatabase(path.join(dataDir, APP_DB_FILE), DESK_SCHEMA);
}
