import type { AccessRequestOutcome, AccessRequestRow } from '../../../shared/contract/dto';
import { checkOrgNrLines } from '../../../shared/orgnr-lines';
import type { CacheRegistry } from '../portfolio/cache-registry';
import type { SymetriskClient } from '../symetrisk/client';

export interface AccessServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  /** The profile's API client. */
  client: (profileId: string) => Promise<SymetriskClient>;
}

/** Access requests to borrowers (POST /relationships/request-access) and the record of those made from this app. */
export class AccessService {
  constructor(private readonly deps: AccessServiceDeps) {}

  /**
   * Checks every line locally (with its reason), sends the valid numbers in ONE POST, and keeps each answer with
   * its signup link and expiry (the API shows a link only once). Accepted numbers join the followed register.
   * Results come in line order, the refused lines among them.
   */
  async request(profileId: string, bankContactEmail: string, lines: readonly string[]): Promise<AccessRequestOutcome> {
    const cache = this.deps.caches.open(profileId);
    const checks = checkOrgNrLines(lines);
    const valid = checks.filter((c): c is typeof c & { orgNr: string } => c.ok && c.orgNr !== null);
    const results: AccessRequestOutcome['results'] = checks
      .filter((c) => !c.ok)
      .map((c) => ({
        line: c.line,
        input: c.input,
        orgNr: c.orgNr,
        ok: false,
        reason: c.reason,
        message: c.message,
        signupLink: null,
        signupLinkExpiresAt: null,
        ...(c.digits !== undefined ? { digits: c.digits } : {}),
      }));
    if (valid.length > 0) {
      const client = await this.deps.client(profileId);
      const answer = await client.requestAccess({ bankContactEmail, borrowers: valid.map((c) => ({ orgNr: c.orgNr })) });
      const now = this.deps.clock().toISOString();
      const byOrg = new Map(answer.results.map((r, i) => [r.orgNr, { r, raw: answer.raw[i] }]));
      cache.db.transaction(() => {
        for (const c of valid) {
          const hit = byOrg.get(c.orgNr);
          const expires = typeof hit?.r.signupLinkExpiresAt === 'number' ? new Date(hit.r.signupLinkExpiresAt * 1000).toISOString() : null;
          const ok = hit?.r.success === true;
          const message = hit ? hit.r.message || (ok ? 'Access requested' : 'Refused') : 'Symetrisk did not answer for this number';
          cache.accessRequests.add({
            orgNr: c.orgNr,
            requestedAt: now,
            bankContactEmail,
            success: ok,
            message,
            signupLink: hit?.r.signupLink ?? null,
            signupLinkExpiresAt: expires,
            raw: hit?.raw,
          });
          if (ok) cache.followed.add(c.orgNr, 'access_request', now);
          results.push({
            line: c.line,
            input: c.input,
            orgNr: c.orgNr,
            ok,
            reason: ok ? null : hit ? 'api_refused' : 'no_answer',
            message,
            signupLink: hit?.r.signupLink ?? null,
            signupLinkExpiresAt: expires,
          });
        }
      }).immediate();
    }
    results.sort((x, y) => x.line - y.line);
    return { results };
  }

  /** The requests made from this app, newest first. */
  list(profileId: string): AccessRequestRow[] {
    return this.deps.caches.open(profileId).accessRequests.all();
  }
}
