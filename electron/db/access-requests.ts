import type { AccessRequestRow } from '../../shared/contract/dto';
import type { Db } from './connection';

export interface AccessRequestInsert {
  orgNr: string;
  requestedAt: string;
  bankContactEmail: string;
  success: boolean;
  message: string;
  signupLink: string | null;
  signupLinkExpiresAt: string | null;
  raw: unknown;
}

/** Access requests made from this app, each with the signup link the API returns only once. */
export function accessRequestsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO access_requests (org_nr, requested_at, bank_contact_email, success, message, signup_link, signup_link_expires_at, raw)
    VALUES (@orgNr, @requestedAt, @bankContactEmail, @success, @message, @signupLink, @signupLinkExpiresAt, @raw)`);
  const all = db.prepare(`
    SELECT org_nr, requested_at, bank_contact_email, success, message, signup_link, signup_link_expires_at
    FROM access_requests ORDER BY requested_at DESC, key DESC`);
  return {
    add(r: AccessRequestInsert): void {
      insert.run({ ...r, success: r.success ? 1 : 0, raw: r.raw === undefined ? null : JSON.stringify(r.raw) });
    },
    all(): AccessRequestRow[] {
      return (all.all() as Record<string, unknown>[]).map((r) => ({
        orgNr: r.org_nr as string,
        requestedAt: r.requested_at as string,
        bankContactEmail: r.bank_contact_email as string,
        success: r.success === 1,
        message: r.message as string,
        signupLink: (r.signup_link as string | null) ?? null,
        signupLinkExpiresAt: (r.signup_link_expires_at as string | null) ?? null,
      }));
    },
  };
}
export type AccessRequestsRepo = ReturnType<typeof accessRequestsRepo>;
