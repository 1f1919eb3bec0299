/**
 * desk.sqlite schema version 1: connection profiles and settings. No secret is ever stored here (client secrets live
 * in the keychain): this file holds only what anyone with access to the data folder may read.
 */
export const version = 1;

export const sql = `
CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('demo', 'production', 'custom')),
  token_url TEXT NOT NULL,
  api_base_url TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  bank_name TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX profiles_by_name ON profiles (name COLLATE NOCASE);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
