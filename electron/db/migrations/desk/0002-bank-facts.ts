/**
 * desk.sqlite schema version 2: the bank's org number from /self and when it was last read, beside its name, so that
 * the pack's header facts come from here at export with no network call (read at connection test and sync).
 */
export const version = 2;

export const sql = `
ALTER TABLE profiles ADD COLUMN bank_org_nr TEXT;
ALTER TABLE profiles ADD COLUMN bank_checked_at TEXT;
`;
