import type { AccessRequestRow, AccessRequestState } from '../../shared/contract/dto';
import type { Db } from './connection';

export interface AccessRequestInsert {
  orgNr: string;
  requestedAt: string;
  bankContactEmail: string;
  state: Extract<AccessRequestState, 'requested' | 'refused' | 'uncertain' | 'unmatched'>;
  /** Why it was refused or is uncertain (a stable key), else null. */
  reason: string | null;
  message: string;
  signupLink: string | null;
  signupLinkExpiresAt: string | null;
  /** What the API echoed as the number, when it was not the number sent (matched by position, or unmatched). */
  answeredOrgNr: string | null;
  matchedBy: 'org_nr' | 'position' | null;
  raw: unknown;
}

/** What GET /relationship/{orgNr} said about a number whose request was uncertain. */
export interface UncertainOutcome {
  orgNr: string;
  /** confirmed: Symetrisk has a relationship (the request went through); not_received: it has none. */
  state: 'confirmed' | 'not_received';
  relationshipState: string | null;
}

interface Row {
  key: number;
  org_nr: string;
  requested_at: string;
  bank_contact_email: string;
  success: number;
  message: string;
  signup_link: string | null;
  signup_link_expires_at: string | null;
  state: AccessRequestState;
  reason: string | null;
  answered_org_nr: string | null;
  matched_by: 'org_nr' | 'position' | null;
  checked_at: string | null;
  relationship_state: string | null;
}

function toDto(r: Row): AccessRequestRow {
  return {
    key: r.key,
    orgNr: r.org_nr,
    requestedAt: r.requested_at,
    bankContactEmail: r.bank_contact_email,
    success: r.success === 1,
    state: r.state,
    reason: r.reason,
    message: r.message,
    signupLink: r.signup_link,
    signupLinkExpiresAt: r.signup_link_expires_at,
    answeredOrgNr: r.answered_org_nr,
    matchedBy: r.matched_by,
    checkedAt: r.checked_at,
    relationshipState: r.relationship_state,
  };
}

// The relationship's state as the cache knows it now (the last sync), else as the check of an uncertain request found
// it: a request the borrower has since approved shows as approved, not as pending for ever.
const COLUMNS =
  'a.key, a.org_nr, a.requested_at, a.bank_contact_email, a.success, a.message, a.signup_link, a.signup_link_expires_at, a.state, a.reason, ' +
  'a.answered_org_nr, a.matched_by, a.checked_at, COALESCE(r.state, a.relationship_state) AS relationship_state';
const FROM = 'access_requests a LEFT JOIN relationships r ON r.org_nr = a.org_nr';

/**
 * Access requests made from this app: every answer of POST /relationship, each with the signup link the API returns
 * only once, and the requests whose fate the answer left open (uncertain) until GET /relationship/{orgNr} settles it.
 */
export function accessRequestsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO access_requests (org_nr, requested_at, bank_contact_email, success, message, signup_link, signup_link_expires_at, raw,
                                 state, reason, answered_org_nr, matched_by)
    VALUES (@orgNr, @requestedAt, @bankContactEmail, @success, @message, @signupLink, @signupLinkExpiresAt, @raw,
            @state, @reason, @answeredOrgNr, @matchedBy)`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY a.requested_at DESC, a.key DESC`);
  const withLinks = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.signup_link IS NOT NULL ORDER BY a.requested_at DESC, a.key DESC`);
  const uncertain = db.prepare("SELECT DISTINCT org_nr FROM access_requests WHERE state = 'uncertain' ORDER BY org_nr").pluck();
  const settle = db.prepare(`
    UPDATE access_requests SET state = @state, relationship_state = @relationshipState, checked_at = @at
    WHERE org_nr = @orgNr AND state = 'uncertain'`);
  return {
    add(r: AccessRequestInsert): void {
      insert.run({ ...r, success: r.state === 'requested' ? 1 : 0, raw: r.raw === undefined ? null : JSON.stringify(r.raw) });
    },
    /** Newest first. */
    all(): AccessRequestRow[] {
      return (all.all() as Row[]).map(toDto);
    },
    /** Every request that came with a signup link, newest first (for the mail-merge file). */
    withLinks(): AccessRequestRow[] {
      return (withLinks.all() as Row[]).map(toDto);
    },
    /** The numbers with a request still uncertain. */
    uncertainOrgNrs(): string[] {
      return uncertain.all() as string[];
    },
    /** Settles every uncertain request of a number; returns how many. */
    settle(o: UncertainOutcome, at: string): number {
      return settle.run({ ...o, at }).changes;
    },
  };
}
export type AccessRequestsRepo = ReturnType<typeof accessRequestsRepo>;
