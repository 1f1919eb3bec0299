/**
 * desk.sqlite schema version 3: team connections. Environment 'team' with the team database's URL (its read-only
 * role, never a password: that is in the keychain). SQLite cannot change a CHECK constraint in place, so the profiles
 * table is rebuilt with the same rows; nothing references it, so foreign keys are not in the way.
 */
export const version = 3;

export const sql = `
CREATE TABLE profiles_v3 (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom', 'team')),
  token_url TEXT NOT NULL,
  api_base_url TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  bank_name TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  bank_org_nr TEXT,
  bank_checked_at TEXT,
  database_url TEXT,
  CHECK ((environment = 'team') = (database_url IS NOT NULL))
) STRICT;
INSERT INTO profiles_v3 (id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, created_at, updated_at, bank_org_nr, bank_checked_at)
  SELECT id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, created_at, updated_at, bank_org_nr, bank_checked_at FROM profiles;
DROP TABLE profiles;
ALTER TABLE profiles_v3 RENAME TO profiles;
CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
`;
