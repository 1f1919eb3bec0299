/**
 * Builds a large profile cache quickly: the sandbox's own generator makes the borrowers, snapshots and
 * notifications (the same figures a sync would bring), and the cache's own write functions store them, in the
 * order and transactions a sync uses (relationship, items, latest snapshot, fetch time), 200 borrowers per
 * transaction instead of one so that 10,000 borrowers take seconds, not a 25 ms-per-request sync.
 */
import fs from 'node:fs';
import { openCache } from '../../electron/db/cache';
import { createSandboxCore } from '../../electron/sandbox/index';
import { Rng } from '../../electron/sandbox/prng';
import { formatMicros } from '../../electron/sandbox/time';
import type { AccountingItem, Notification, Relationship } from '../../shared/symetrisk/schemas';

export interface BuiltCache {
  file: string;
  borrowers: number;
  snapshots: number;
  notifications: number;
  buildMs: number;
  bytes: number;
  /** The clock the data ends at (the sandbox's "now" after the refreshes that filled every history). */
  dataNow: Date;
}

const REFRESH_DAYS = 30;
const ROUNDS = 12;

/**
 * Every borrower approved, with exactly `snapshots` snapshots (a sandbox history, topped up with monthly refreshes
 * and cut to its oldest `snapshots`), and its notifications. The data ends about `end` (default: now), so the
 * app's clock sees fresh data.
 */
export function buildPortfolioCache(opts: { file: string; borrowers: number; snapshots: number; seed?: number; end?: Date; profileId?: string }): BuiltCache {
  const t0 = performance.now();
  const seed = opts.seed ?? 7;
  const end = opts.end ?? new Date();
  const start = new Date(end.getTime() - ROUNDS * REFRESH_DAYS * 86_400_000);
  const { world } = createSandboxCore({ seed, borrowers: opts.borrowers, now: start, frozenClock: true });
  const client = world.client();
  for (const c of world.companies) world.materialize(c);
  for (let round = 1; round <= ROUNDS; round++) {
    world.advanceTime({ days: REFRESH_DAYS, share: 0 });
    for (const c of world.companies) {
      if (c.items!.length < opts.snapshots) world.refresh(c, Rng.of(seed, 'bench-refresh', round, c.orgNr));
    }
  }
  fs.rmSync(opts.file, { force: true });
  const cache = openCache(opts.profileId ?? 'bench', opts.file);
  const at = new Date(world.nowMs()).toISOString();
  let snapshots = 0;
  let notifications = 0;
  const runId = cache.syncRuns.start(at);
  const rels = client.relationships;
  const BATCH = 200;
  for (let i = 0; i < rels.length; i += BATCH) {
    cache.db.transaction(() => {
      for (const rel of rels.slice(i, i + BATCH)) {
        const company = world.companyByOrgNr.get(rel.orgNr)!;
        const relJson: Relationship = {
          relationshipId: rel.relationshipId,
          relationshipState: 'access_approved',
          borrowerCompanyName: company.name,
          borrowerContactEmail: company.profile.contact.email,
          bankContactEmail: rel.bankContactEmail,
          relationshipCreatedAt: formatMicros(rel.createdUs),
          orgNr: rel.orgNr,
        };
        cache.relationships.upsert(rel.orgNr, relJson, relJson, at);
        for (const item of company.items!.slice(0, opts.snapshots)) {
          const raw = world.itemJson(company, item) as unknown as AccountingItem;
          if (cache.snapshots.put(rel.orgNr, raw, raw, at)) snapshots++;
        }
        for (const n of company.notifications!) {
          const note: Notification = { id: n.id, text: n.text, type: n.type, createdAt: formatMicros(n.createdUs) };
          cache.notifications.put(rel.orgNr, rel.orgNr, note, note, at);
          notifications++;
        }
        cache.relationships.refreshLatest(rel.orgNr);
        cache.relationships.setFetched(rel.orgNr, at);
      }
    })();
  }
  cache.syncRuns.finish(runId, at, {
    outcome: 'ok',
    requests: 0,
    retries: 0,
    borrowersSynced: rels.length,
    borrowersFailed: 0,
    newSnapshots: snapshots,
    newNotifications: notifications,
    message: null,
    errors: [],
  });
  cache.db.pragma('wal_checkpoint(TRUNCATE)');
  cache.close();
  return {
    file: opts.file,
    borrowers: rels.length,
    snapshots,
    notifications,
    buildMs: performance.now() - t0,
    bytes: fs.statSync(opts.file).size,
    dataNow: new Date(world.nowMs()),
  };
}
