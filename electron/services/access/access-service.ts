import { AppError, isAppError } from '../../../shared/contract';
import type { AccessCheckOutcome, AccessRequestOutcome, AccessRequestRow } from '../../../shared/contract/dto';
import { isValidOrgNr } from '../../../shared/orgnr';
import { checkOrgNrLines, type OrgNrLineCheck } from '../../../shared/orgnr-lines';
import { cleanServerText } from '../../../shared/safe-text';
import type { AccessRequestResult } from '../../../shared/symetrisk/schemas';
import type { AccessRequestInsert } from '../../db/access-requests';
import { APPROVED } from '../../db/relationships';
import type { CsvInput } from '../export/csv-export';
import type { CacheRegistry } from '../portfolio/cache-registry';
import type { SymetriskClient } from '../symetrisk/client';
import { matchAnswers, uncertainty } from './match-answers';

export interface AccessServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  /** The profile's API client. */
  client: (profileId: string) => Promise<Pick<SymetriskClient, 'requestAccess' | 'relationship'>>;
  /** Writes a CSV file as every export is written (ExportService.startCsv); the signup links for a mail merge. */
  exportCsv?: (input: CsvInput & { fileName: string }) => Promise<{ exportId: string }>;
  /** The analyst's language: the CSV's header and separator. */
  language?: () => 'nb' | 'en';
}

type Result = AccessRequestOutcome['results'][number];

/** Uncertain numbers looked up at once by access:check. */
const CHECK_CONCURRENCY = 4;

/** Server text as the cache keeps it: one clean line, bounded. */
function serverText(s: string | null | undefined): string {
  return cleanServerText(s ?? '').slice(0, 500);
}

/** Unix seconds as ISO time; anything else (absent, null, not finite) as null. */
function expiry(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}

const UNCERTAIN_TEXT: Record<string, string> = {
  server_error: 'Symetrisk answered with a server error; the request may have been made. Check it.',
  deadline_passed: 'Symetrisk did not answer in time; the request may have been made. Check it.',
  unreachable: 'The connection broke before Symetrisk answered; the request may have been made. Check it.',
  bad_response: 'Symetrisk’s answer came broken; the request may have been made. Check it.',
  no_answer: 'Symetrisk’s answer said nothing about this number; the request may have been made. Check it.',
};

/** A line no request was sent for: refused by the local check, or a borrower who has approved access already. */
function notSent(c: OrgNrLineCheck, reason: string | null, message: string): Result {
  return {
    line: c.line,
    input: c.input,
    orgNr: c.orgNr,
    ok: false,
    state: 'invalid',
    reason,
    message,
    signupLink: null,
    signupLinkExpiresAt: null,
    answeredOrgNr: null,
    matchedBy: null,
    ...(c.digits !== undefined ? { digits: c.digits } : {}),
  };
}

/** Access requests to borrowers (POST /relationship) and the record of every answer, signup link included. */
export class AccessService {
  constructor(private readonly deps: AccessServiceDeps) {}

  /**
   * Checks every line locally (with its reason), sends the valid numbers in ONE POST, and keeps every answer with its
   * signup link and expiry (the API shows a link only once): matched to its number by the number it echoes, or by its
   * position when it echoes another; an answer that names none of them is kept too. When the POST fails in a way that
   * leaves open whether Symetrisk made the requests (a 5xx, a timeout, a broken answer), every number is stored as
   * uncertain, to be checked (access:check, and the next sync). Accepted numbers join the followed register. Results
   * come in line order, the refused lines among them.
   */
  async request(profileId: string, bankContactEmail: string, lines: readonly string[]): Promise<AccessRequestOutcome> {
    const cache = this.deps.caches.open(profileId);
    const checks = checkOrgNrLines(lines);
    const wellFormed = checks.filter((c): c is typeof c & { orgNr: string } => c.ok && c.orgNr !== null);
    // A borrower who has approved access already (as of the last sync) is not asked again: Symetrisk would refuse
    // it, and the refusal would sit among the requests as if one had been made.
    const approved = new Set(wellFormed.filter((c) => this.isApproved(cache, c.orgNr)).map((c) => c.line));
    const valid = wellFormed.filter((c) => !approved.has(c.line));
    const results: Result[] = [
      ...wellFormed.filter((c) => approved.has(c.line)).map((c) => notSent(c, 'already_approved', 'The borrower has approved access already; no request was sent.')),
      ...checks.filter((c) => !c.ok).map((c) => notSent(c, c.reason, c.message)),
    ];
    const outcome: AccessRequestOutcome = { results, unmatched: [], uncertain: null };
    if (valid.length === 0) {
      results.sort((x, y) => x.line - y.line);
      return outcome;
    }
    const client = await this.deps.client(profileId);
    let answer: { results: AccessRequestResult[]; raw: unknown[] } | null = null;
    try {
      answer = await client.requestAccess({ bankContactEmail, borrowers: valid.map((c) => ({ orgNr: c.orgNr })) });
    } catch (e) {
      const u = uncertainty(e);
      // Certainly not made (never connected, refused as a whole, cancelled): nothing is stored, the error says why.
      if (!u) throw e;
      outcome.uncertain = { reason: u.reason, message: isAppError(e) ? e.message : String(e) };
    }
    const now = this.deps.clock().toISOString();
    const rows: AccessRequestInsert[] = [];
    const followed: string[] = [];
    const base = { requestedAt: now, bankContactEmail };
    if (!answer) {
      const reason = outcome.uncertain!.reason;
      for (const c of valid) {
        rows.push({ ...base, orgNr: c.orgNr, state: 'uncertain', reason, message: UNCERTAIN_TEXT[reason]!, signupLink: null, signupLinkExpiresAt: null, answeredOrgNr: null, matchedBy: null, raw: undefined });
        results.push({ line: c.line, input: c.input, orgNr: c.orgNr, ok: false, state: 'uncertain', reason, message: UNCERTAIN_TEXT[reason]!, signupLink: null, signupLinkExpiresAt: null, answeredOrgNr: null, matchedBy: null });
      }
    } else {
      const got = answer;
      const { matches, unanswered, unmatched } = matchAnswers(
        valid.map((c) => c.orgNr),
        got.results.map((r) => r.orgNr),
      );
      for (const m of matches) {
        const c = valid[m.sent]!;
        const r = got.results[m.answer]!;
        const ok = r.success === true;
        const echoed = r.orgNr === c.orgNr ? null : serverText(r.orgNr).slice(0, 40);
        const message = serverText(r.message) || (ok ? 'Access requested' : 'Refused');
        const link = r.signupLink ?? null;
        const expires = link ? expiry(r.signupLinkExpiresAt) : null;
        rows.push({ ...base, orgNr: c.orgNr, state: ok ? 'requested' : 'refused', reason: ok ? null : 'api_refused', message, signupLink: link, signupLinkExpiresAt: expires, answeredOrgNr: echoed, matchedBy: m.by, raw: got.raw[m.answer] });
        if (ok) followed.push(c.orgNr);
        results.push({ line: c.line, input: c.input, orgNr: c.orgNr, ok, state: ok ? 'requested' : 'refused', reason: ok ? null : 'api_refused', message, signupLink: link, signupLinkExpiresAt: expires, answeredOrgNr: echoed, matchedBy: m.by });
      }
      for (const i of unanswered) {
        const c = valid[i]!;
        rows.push({ ...base, orgNr: c.orgNr, state: 'uncertain', reason: 'no_answer', message: UNCERTAIN_TEXT['no_answer']!, signupLink: null, signupLinkExpiresAt: null, answeredOrgNr: null, matchedBy: null, raw: undefined });
        results.push({ line: c.line, input: c.input, orgNr: c.orgNr, ok: false, state: 'uncertain', reason: 'no_answer', message: UNCERTAIN_TEXT['no_answer']!, signupLink: null, signupLinkExpiresAt: null, answeredOrgNr: null, matchedBy: null });
      }
      for (const j of unmatched) {
        const r = got.results[j]!;
        const echoed = serverText(r.orgNr).slice(0, 40);
        const message = serverText(r.message) || (r.success ? 'Access requested' : 'Refused');
        const link = r.signupLink ?? null;
        const expires = link ? expiry(r.signupLinkExpiresAt) : null;
        rows.push({
          ...base,
          // The number the answer names, when it is one; the row is kept for its link either way.
          orgNr: isValidOrgNr(echoed) ? echoed : '',
          state: 'unmatched',
          reason: 'answer_unmatched',
          message,
          signupLink: link,
          signupLinkExpiresAt: expires,
          answeredOrgNr: echoed,
          matchedBy: null,
          raw: got.raw[j],
        });
        outcome.unmatched.push({ answeredOrgNr: echoed, ok: r.success === true, message, signupLink: link, signupLinkExpiresAt: expires });
      }
    }
    cache.db.transaction(() => {
      for (const r of rows) cache.accessRequests.add(r);
      for (const o of followed) cache.followed.add(o, 'access_request', now);
    }).immediate();
    results.sort((x, y) => x.line - y.line);
    return outcome;
  }

  /** Whether the cache's last sync found the borrower's access approved (and the relationship still there). */
  private isApproved(cache: ReturnType<CacheRegistry['open']>, orgNr: string): boolean {
    const r = cache.relationships.get(orgNr);
    return r !== undefined && r.state === APPROVED && r.lost === 0;
  }

  /** Every request made from this app, newest first. */
  list(profileId: string): AccessRequestRow[] {
    return this.deps.caches.open(profileId).accessRequests.all();
  }

  /**
   * Looks up each number whose request is uncertain (GET /relationship/{orgNr}): a relationship there means the
   * request went through (confirmed; the number is followed), none means it did not (not received: send it again).
   * A number that cannot be looked up now stays uncertain, with the failure's reason. The next sync does the same.
   */
  async check(profileId: string): Promise<AccessCheckOutcome> {
    const cache = this.deps.caches.open(profileId);
    const orgNrs = cache.accessRequests.uncertainOrgNrs().filter((o) => isValidOrgNr(o));
    const out: AccessCheckOutcome = { checked: 0, confirmed: [], notReceived: [], failed: [] };
    if (orgNrs.length === 0) return out;
    const client = await this.deps.client(profileId);
    const lookUp = async (orgNr: string): Promise<void> => {
      try {
        const r = await client.relationship(orgNr);
        const now = this.deps.clock().toISOString();
        cache.db.transaction(() => {
          cache.accessRequests.settle({ orgNr, state: r ? 'confirmed' : 'not_received', relationshipState: r?.item.relationshipState ?? null }, now);
          if (r) cache.followed.add(orgNr, 'access_request', now);
        }).immediate();
        (r ? out.confirmed : out.notReceived).push(orgNr);
        out.checked++;
      } catch (e) {
        // A refused token or scope concerns every number: said once, as the call's error.
        if (isAppError(e) && (e.code === 'auth_failed' || e.code === 'missing_scope' || e.code === 'cancelled')) throw e;
        const reason = isAppError(e) && typeof e.details?.['reason'] === 'string' ? (e.details['reason'] as string) : null;
        out.failed.push({ orgNr, reason, message: e instanceof Error ? e.message : String(e) });
      }
    };
    // A few at a time, as the sync asks (one request's worth of numbers, usually).
    for (let i = 0; i < orgNrs.length; i += CHECK_CONCURRENCY) await Promise.all(orgNrs.slice(i, i + CHECK_CONCURRENCY).map(lookUp));
    return out;
  }

  /**
   * Every signup link received, as a CSV file for a mail merge (one row per request: number, the borrower's name
   * once known, the bank contact, the link, its expiry, when it was requested), written as exports are; the answer
   * is the export's id (progress and the file arrive as export events, the browser host offers a download).
   */
  async exportLinks(profileId: string, fileName?: string): Promise<{ exportId: string }> {
    if (!this.deps.exportCsv) throw new AppError('internal', 'The signup links cannot be exported here.');
    const cache = this.deps.caches.open(profileId);
    const rows = cache.accessRequests.withLinks();
    if (rows.length === 0) {
      throw new AppError('not_found', 'No access request has a signup link to export yet.', { reason: 'no_signup_links', profileId });
    }
    const nb = (this.deps.language?.() ?? 'nb') === 'nb';
    const header = nb
      ? ['Organisasjonsnummer', 'Låntaker', 'Bankens kontakt', 'Registreringslenke', 'Lenken utløper', 'Forespurt']
      : ['Organisation number', 'Borrower', 'Bank contact', 'Signup link', 'Link expires', 'Requested'];
    const names = new Map(cache.relationships.all().map((r) => [r.org_nr, r.name]));
    const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
    const csvRows = rows.map((r) => [r.orgNr || r.answeredOrgNr, names.get(r.orgNr) ?? null, r.bankContactEmail, r.signupLink, day(r.signupLinkExpiresAt), day(r.requestedAt)]);
    const date = this.deps.clock().toISOString().slice(0, 10);
    return this.deps.exportCsv({
      fileName: fileName ?? `${nb ? 'Registreringslenker' : 'Signup links'} ${date}.csv`,
      header,
      rows: csvRows,
      delimiter: nb ? ';' : ',',
    });
  }
}
