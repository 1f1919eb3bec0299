import { AppError } from '../../../shared/contract';
import type {
  AccessRequestOutcome,
  AccessRequestRow,
  BorrowerDetail,
  Comparison,
  FollowResult,
  NotificationRow,
  PortfolioRow,
} from '../../../shared/contract/dto';
import { checkOrgNr } from '../../../shared/orgnr';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import type { Cache } from '../../db/cache';
import { contentHash, recordToItem } from '../../db/snapshots';
import { toRelationshipDto } from '../../db/relationships';
import type { Logger } from '../log';
import type { SymetriskClient } from '../symetrisk/client';
import { buildComparison, buildRow, flattenThresholds, refreshRow, toCovenants, toThresholds } from './analysis-adapter';
import type { CacheRegistry } from './cache-registry';

export interface PortfolioServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  log: Logger;
  /** The profile's API client (SymetriskClients.get), for access requests. */
  client: (profileId: string) => Promise<SymetriskClient>;
  /** Settings.staleAfterDays, when the settings service is wired; else the analysis default. */
  staleAfterDays?: () => number | undefined;
}

export interface LineCheck {
  line: number;
  input: string;
  ok: boolean;
  orgNr: string | null;
  reason: string | null;
  message: string;
}

/**
 * Validates pasted lines: nine digits with a MOD11 check digit (spaces, dots and dashes allowed), each rejection
 * with its reason; a repeated number is rejected as `duplicate`. Blank lines are skipped. Lines count from 1.
 */
export function validateLines(lines: readonly string[]): LineCheck[] {
  const seen = new Set<string>();
  const out: LineCheck[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const c = checkOrgNr(raw);
    if (!c.ok) {
      out.push({ line: i + 1, input: c.input, ok: false, orgNr: null, reason: c.reason, message: c.message });
    } else if (seen.has(c.orgNr)) {
      out.push({ line: i + 1, input: raw.trim(), ok: false, orgNr: c.orgNr, reason: 'duplicate', message: 'The same number appears on an earlier line' });
    } else {
      seen.add(c.orgNr);
      out.push({ line: i + 1, input: raw.trim(), ok: true, orgNr: c.orgNr, reason: null, message: 'OK' });
    }
  });
  return out;
}

/** Part of a stored row's basis: raise it when buildRow's output changes, so rows stored by an older version are recomputed. */
const ROW_FORMAT = 2;

/** The read side of a profile's cache (no network), the register of followed numbers, and access requests. */
/** A remembered row: its basis (thresholds and row version), the row as computed, and the row as last shown. */
interface MemoRow {
  thresholdsKey: string;
  version: number;
  stored: PortfolioRow;
  row: PortfolioRow;
  /** What `row` was refreshed for (the day and the relationship's own fields); null: not yet. */
  shownFor: { day: string; maxAge: number | null; name: string; state: string; lost: number; fetched: string | null } | null;
}

/** A memo entry from a basis as stored (`<thresholds key>:<row version>`). */
function memoRow(basis: string, row: PortfolioRow): MemoRow {
  const i = basis.lastIndexOf(':');
  return { thresholdsKey: basis.slice(0, i), version: Number(basis.slice(i + 1)), stored: row, row, shownFor: null };
}

export class PortfolioService {
  /**
   * Rows by profile and borrower with the basis they were computed from (see migration 0002), and the row as last
   * returned with the key of what it was refreshed for: a list with nothing changed builds no new object.
   */
  private readonly memo = new Map<string, Map<string, MemoRow>>();

  constructor(private readonly deps: PortfolioServiceDeps) {}

  private cache(profileId: string): Cache {
    return this.deps.caches.open(profileId);
  }

  private analysisOptions(cache: Cache) {
    return {
      now: this.deps.clock(),
      thresholds: toThresholds(cache.limits.thresholds()),
      maxAgeDays: this.deps.staleAfterDays?.(),
    };
  }

  /**
   * Every borrower with its latest figures, ratios, changes, flags and breaches, in name order.
   *
   * One indexed SELECT gives every borrower's relationship fields and `row_version` (moved by triggers whenever its
   * snapshots, unread notifications or covenants change). A row is analysed again only when its version or the
   * thresholds changed; otherwise it comes from memory, or after a restart from `portfolio_rows`, where every
   * recomputed row is written back. What changes with the day (data age, stale flag) and the relationship's own
   * fields are filled in without analysis (refreshRow). 10,000 borrowers: see docs/benchmarks.md.
   *
   * With `limit`, only the first rows in name order are read or analysed: the renderer's first screen, asked for
   * before the whole list so that a large portfolio shows its first rows at once.
   */
  list(profileId: string, { limit }: { limit?: number } = {}): PortfolioRow[] {
    const cache = this.cache(profileId);
    const opts = this.analysisOptions(cache);
    const thresholdsKey = `${ROW_FORMAT}.${contentHash(opts.thresholds).slice(0, 12)}`;
    const day = opts.now.toISOString().slice(0, 10);
    let memo = this.memo.get(profileId);
    if (!memo) this.memo.set(profileId, (memo = new Map()));
    const all = cache.portfolioRows.heads();
    const heads = limit === undefined ? all : all.slice(0, limit);
    // Strings are built only for rows that must be read or analysed again: a list of 10,000 unchanged rows
    // compares numbers and the fields as they are, allocating nothing per row.
    const missing = new Map<string, string>();
    for (const h of heads) {
      const m = memo.get(h.org_nr);
      if (!m || m.thresholdsKey !== thresholdsKey || m.version !== h.row_version) missing.set(h.org_nr, `${thresholdsKey}:${h.row_version}`);
    }
    if (missing.size > 0) this.fill(cache, opts, memo, missing);
    if (memo.size > all.length) {
      const listed = new Set(all.map((h) => h.org_nr));
      for (const k of memo.keys()) if (!listed.has(k)) memo.delete(k);
    }
    const maxAge = opts.maxAgeDays ?? null;
    return heads.map((h) => {
      const m = memo.get(h.org_nr)!;
      const s = m.shownFor;
      if (!s || s.day !== day || s.maxAge !== maxAge || s.name !== h.name || s.state !== h.state || s.lost !== h.lost || s.fetched !== h.last_fetched_at) {
        m.row = refreshRow(m.stored, { orgNr: h.org_nr, name: h.name, state: h.state, lost: h.lost === 1, lastSyncedAt: h.last_fetched_at }, opts.now, opts.maxAgeDays);
        m.shownFor = { day, maxAge, name: h.name, state: h.state, lost: h.lost, fetched: h.last_fetched_at };
      }
      return m.row;
    });
  }

  /** Brings `missing` rows (org number -> wanted basis) into the memo: stored ones read, the rest analysed and stored. */
  private fill(
    cache: Cache,
    opts: ReturnType<PortfolioService['analysisOptions']>,
    memo: Map<string, MemoRow>,
    missing: Map<string, string>,
  ): void {
    const stored = cache.portfolioRows.matching(missing);
    for (const [orgNr, row] of stored) memo.set(orgNr, memoRow(missing.get(orgNr)!, row));
    const stale = [...missing.keys()].filter((o) => !stored.has(o));
    if (stale.length === 0) return;
    const covenants = cache.limits.allCovenants();
    const unread = cache.notifications.unreadByBorrower();
    // Read snapshots only for borrowers whose row must be recomputed: all at once when many, one by one when few.
    const byOrg = new Map<string, { key: number; item: AccountingItem }[]>();
    const records = stale.length > 200 ? cache.snapshots.allRecords() : stale.flatMap((o) => cache.snapshots.recordsOf(o));
    for (const r of records) {
      let list = byOrg.get(r.org_nr);
      if (!list) byOrg.set(r.org_nr, (list = []));
      list.push({ key: r.key, item: recordToItem(r) });
    }
    const written: { orgNr: string; basis: string; row: PortfolioRow }[] = [];
    for (const orgNr of stale) {
      const rel = cache.relationships.get(orgNr);
      if (!rel) continue;
      const row = buildRow(
        { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at, unreadNotifications: unread.get(orgNr) ?? 0 },
        byOrg.get(orgNr) ?? [],
        { ...opts, covenants: toCovenants(covenants.get(orgNr)) },
      );
      const basis = missing.get(orgNr)!;
      memo.set(orgNr, memoRow(basis, row));
      written.push({ orgNr, basis, row });
    }
    try {
      cache.portfolioRows.putMany(written);
    } catch (e) {
      // The stored rows only save work at the next start; a busy or read-only file must not fail the list.
      this.deps.log.warn('portfolio: rows not stored', { profileId: cache.profileId, error: e });
    }
  }

  /** Drops remembered rows (a profile's cache was deleted). */
  forget(profileId: string): void {
    this.memo.delete(profileId);
  }

  /** One borrower with every snapshot ever seen (oldest first), its notifications, row and covenants. */
  borrower(profileId: string, orgNr: string): BorrowerDetail {
    const cache = this.cache(profileId);
    const rel = cache.relationships.get(orgNr);
    if (!rel) throw new AppError('not_found', 'This borrower is not in the cache.', { orgNr });
    const snapshots = cache.snapshots.ofBorrower(orgNr);
    const items = cache.snapshots.itemsOfBorrower(orgNr);
    const covenants = cache.limits.covenants(orgNr);
    // Not unreadByBorrower(): that counts every borrower's notifications (29 ms of a 30 ms detail at 10,000 borrowers).
    const unread = cache.notifications.unreadOf(orgNr);
    const row = buildRow(
      { orgNr, name: rel.name, state: rel.state, lost: rel.lost === 1, lastSyncedAt: rel.last_fetched_at, unreadNotifications: unread },
      items,
      { ...this.analysisOptions(cache), covenants: toCovenants(covenants) },
    );
    return {
      relationship: toRelationshipDto(rel),
      snapshots,
      notifications: cache.notifications.list({ orgNr, limit: 1000 }).items,
      row,
      covenants,
    };
  }

  /** Every snapshot of a borrower as API items with their local keys (for the Excel pack and the analysis). */
  items(profileId: string, orgNr: string): { key: number; item: AccountingItem }[] {
    return this.cache(profileId).snapshots.itemsOfBorrower(orgNr);
  }

  /** Snapshot `a` (base) and `b` (target) of one borrower side by side. */
  compare(profileId: string, orgNr: string, a: number, b: number, mode: Comparison['mode']): Comparison {
    const cache = this.cache(profileId);
    const sa = cache.snapshots.get(a);
    const sb = cache.snapshots.get(b);
    if (!sa || sa.snapshot.orgNr !== orgNr) throw new AppError('not_found', 'Snapshot a is not one of this borrower’s.', { orgNr, key: a });
    if (!sb || sb.snapshot.orgNr !== orgNr) throw new AppError('not_found', 'Snapshot b is not one of this borrower’s.', { orgNr, key: b });
    return buildComparison(sa, sb, mode);
  }

  // ---- register -----------------------------------------------------------------------------------------

  followed(profileId: string): { orgNr: string; source: string; addedAt: string }[] {
    return this.cache(profileId).followed.all();
  }

  follow(profileId: string, lines: readonly string[], source: 'typed' | 'import' = 'typed'): FollowResult {
    const cache = this.cache(profileId);
    const now = this.deps.clock().toISOString();
    const result: FollowResult = { added: [], alreadyFollowed: [], rejected: [] };
    const checks = validateLines(lines);
    cache.db.transaction(() => {
      for (const c of checks) {
        if (!c.ok || !c.orgNr) {
          if (c.reason === 'duplicate') continue; // the first occurrence already counts
          result.rejected.push({ line: c.line, input: c.input, reason: c.reason ?? 'invalid', message: c.message });
        } else if (cache.followed.add(c.orgNr, source, now)) result.added.push(c.orgNr);
        else result.alreadyFollowed.push(c.orgNr);
      }
    }).immediate();
    return result;
  }

  unfollow(profileId: string, orgNrs: readonly string[]): number {
    return this.cache(profileId).followed.remove(orgNrs);
  }

  // ---- thresholds and covenants -------------------------------------------------------------------------

  thresholds(profileId: string): Record<string, number> {
    return flattenThresholds(toThresholds(this.cache(profileId).limits.thresholds()));
  }

  setThresholds(profileId: string, t: Record<string, number>): Record<string, number> {
    const cache = this.cache(profileId);
    cache.limits.setThresholds({ ...cache.limits.thresholds(), ...t });
    return this.thresholds(profileId);
  }

  setCovenants(profileId: string, orgNr: string, c: Record<string, number> | null): Record<string, number> | null {
    const cache = this.cache(profileId);
    cache.limits.setCovenants(orgNr, c && Object.keys(c).length > 0 ? c : null);
    return cache.limits.covenants(orgNr);
  }

  // ---- notifications ------------------------------------------------------------------------------------

  notifications(
    profileId: string,
    opts: { orgNr?: string | undefined; unreadOnly?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
  ): { items: NotificationRow[]; total: number; unread: number } {
    return this.cache(profileId).notifications.list(opts);
  }

  markRead(profileId: string, keys: number[] | 'all', read = true): { updated: number; unread: number } {
    const cache = this.cache(profileId);
    const updated = cache.notifications.markRead(keys, read);
    return { updated, unread: cache.notifications.unread() };
  }

  // ---- access requests ----------------------------------------------------------------------------------

  /**
   * Validates every line locally (with its reason), sends the valid numbers in ONE POST, and keeps each answer
   * with its signup link and expiry (the API shows a link only once). Accepted numbers join the register.
   */
  async requestAccess(profileId: string, bankContactEmail: string, lines: readonly string[]): Promise<AccessRequestOutcome> {
    const cache = this.cache(profileId);
    const checks = validateLines(lines);
    const valid = checks.filter((c) => c.ok && c.orgNr);
    const results: AccessRequestOutcome['results'] = checks
      .filter((c) => !c.ok)
      .map((c) => ({ line: c.line, input: c.input, orgNr: c.orgNr, ok: false, reason: c.reason, message: c.message, signupLink: null, signupLinkExpiresAt: null }));
    if (valid.length > 0) {
      const client = await this.deps.client(profileId);
      const answer = await client.requestAccess({ bankContactEmail, borrowers: valid.map((c) => ({ orgNr: c.orgNr! })) });
      const now = this.deps.clock().toISOString();
      const byOrg = new Map(answer.results.map((r, i) => [r.orgNr, { r, raw: answer.raw[i] }]));
      cache.db.transaction(() => {
        for (const c of valid) {
          const hit = byOrg.get(c.orgNr!);
          const expires = typeof hit?.r.signupLinkExpiresAt === 'number' ? new Date(hit.r.signupLinkExpiresAt * 1000).toISOString() : null;
          const ok = hit?.r.success === true;
          const message = hit ? hit.r.message || (ok ? 'Access requested' : 'Refused') : 'Symetrisk did not answer for this number';
          cache.accessRequests.add({
            orgNr: c.orgNr!,
            requestedAt: now,
            bankContactEmail,
            success: ok,
            message,
            signupLink: hit?.r.signupLink ?? null,
            signupLinkExpiresAt: expires,
            raw: hit?.raw,
          });
          if (ok) cache.followed.add(c.orgNr!, 'access_request', now);
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

  accessRequests(profileId: string): AccessRequestRow[] {
    return this.cache(profileId).accessRequests.all();
  }
}
