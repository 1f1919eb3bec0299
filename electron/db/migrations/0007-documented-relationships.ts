/**
 * Schema version 7: the relationship list as the public document gives it (no org number in its items).
 *
 * `unlinked_relationships` keeps every relationship of the bank's list that the app cannot key to an org number
 * (none of the followed numbers answered with its relationshipId), so none is dropped: the analyst sees it and can
 * attach a number, which Symetrisk confirms before it is linked. Replaced as a whole by every sync that read the list.
 *
 * `followed` gains the outcome of the last look-up of each followed number (GET /relationship/{orgNr}): linked,
 * not found at Symetrisk, or refused with the API's own reason, so that a number Symetrisk does not know is shown.
 *
 * `access_requests` gains a state per answer, so that every answer is kept: requested (with its signup link),
 * refused, uncertain (the POST failed in a way that leaves open whether Symetrisk made the request: a 5xx, a timeout,
 * a cut-off answer, or no answer for this number), then confirmed or not received once GET /relationship/{orgNr}
 * has said so, or unmatched (an answer naming a number that was not sent, kept with its link). `answered_org_nr` is
 * what the API echoed when it differed from the number sent (the answer was then matched by its position).
 *
 * `sync_runs.relationship_counts` is the run's summary of the relationship step (linked, unlinked, numbers not found
 * or refused), JSON.
 */
export const version = 7;

export const sql = `
CREATE TABLE unlinked_relationships (
  relationship_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  name TEXT NOT NULL,
  borrower_contact_email TEXT,
  bank_contact_email TEXT,
  created_at TEXT,
  raw TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX unlinked_relationships_by_name ON unlinked_relationships(name COLLATE NOCASE);

ALTER TABLE followed ADD COLUMN check_state TEXT CHECK (check_state IN ('linked', 'not_found', 'refused'));
ALTER TABLE followed ADD COLUMN check_reason TEXT;
ALTER TABLE followed ADD COLUMN check_message TEXT;
ALTER TABLE followed ADD COLUMN checked_at TEXT;

ALTER TABLE access_requests ADD COLUMN state TEXT NOT NULL DEFAULT 'requested'
  CHECK (state IN ('requested', 'refused', 'uncertain', 'confirmed', 'not_received', 'unmatched'));
ALTER TABLE access_requests ADD COLUMN reason TEXT;
ALTER TABLE access_requests ADD COLUMN answered_org_nr TEXT;
ALTER TABLE access_requests ADD COLUMN matched_by TEXT CHECK (matched_by IN ('org_nr', 'position'));
ALTER TABLE access_requests ADD COLUMN checked_at TEXT;
ALTER TABLE access_requests ADD COLUMN relationship_state TEXT;
-- Before this version an answer missing for a number was stored as refused with this message: it is uncertain.
UPDATE access_requests SET state = 'uncertain', reason = 'no_answer'
  WHERE success = 0 AND message = 'Symetrisk did not answer for this number';
UPDATE access_requests SET state = 'refused', reason = 'api_refused' WHERE success = 0 AND state = 'requested';
UPDATE access_requests SET matched_by = 'org_nr' WHERE state <> 'uncertain';
CREATE INDEX access_requests_by_state ON access_requests(state);

ALTER TABLE sync_runs ADD COLUMN relationship_counts TEXT;
`;
