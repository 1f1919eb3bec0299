import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/index';
import { openCache, type Cache } from '../../../electron/db/cache';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { runSync, type SyncEngineOptions } from '../../../electron/services/sync/engine';
import { sourceWriterWorker } from '../../../electron/services/sync/source-writer-worker';
import type { RetryPolicy } from '../../../electron/services/symetrisk/retry';
import { SCOPES } from '../../../shared/symetrisk/defaults';

/** Retries as in the app, with short waits: fault tests exercise the schedule, not the clock. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 20, badBodyAttempts: 2 };

export const FIXED_NOW = new Date('2026-03-02T09:00:00Z');

export interface Rig {
  sandbox: Sandbox;
  dir: string;
  file: string;
  cache: Cache;
  client: SymetriskClient;
  sync(extra?: Partial<SyncEngineOptions>): ReturnType<typeof runSync>;
  close(): Promise<void>;
}

export function newClient(sandbox: Sandbox, policy: RetryPolicy = FAST_RETRY, timeoutMs = 5_000): SymetriskClient {
  return new SymetriskClient(
    { tokenUrl: sandbox.tokenUrl, apiBaseUrl: sandbox.apiBaseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, scopes: [SCOPES.read, SCOPES.write] },
    { fetch, clock: () => new Date(), policy, timeoutMs },
  );
}

/**
 * A sandbox (the documented shape unless `opts` opts in to `relationshipOrgNr`), a cache and a client. As a bank
 * would, the cache follows the bank's customer list first (`follow: 'customers'`, the default: all but a few of its
 * relationships, plus two numbers Symetrisk does not know), or every number of the bank (`'all'`), or none.
 */
export async function rig(
  opts: SandboxOptions = {},
  syncDefaults: Partial<SyncEngineOptions> = {},
  rigOpts: { follow?: 'customers' | 'all' | 'none' } = {},
): Promise<Rig> {
  const sandbox = await startSandbox({ seed: 11, borrowers: 24, now: FIXED_NOW, ...opts });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sync-'));
  const file = path.join(dir, 'cache', 'test.sqlite');
  const cache = openCache('test', file);
  const client = newClient(sandbox);
  const follow = rigOpts.follow ?? 'customers';
  const numbers = follow === 'customers' ? sandbox.control.customerList() : follow === 'all' ? sandbox.control.orgNrs() : [];
  const at = FIXED_NOW.toISOString();
  for (const o of numbers) cache.followed.add(o, 'import', at);
  return {
    sandbox,
    dir,
    file,
    cache,
    client,
    // The app's writer: the borrowers' writes are committed in the cache-writer worker.
    sync: (extra = {}) =>
      runSync({ profileId: 'test', cache, client, clock: () => new Date(), concurrency: 6, startWriterWorker: sourceWriterWorker(), ...syncDefaults, ...extra }),
    async close() {
      cache.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What the cache holds, per borrower, against what the sandbox says is there: a relationship keyed to its number
 * (the list named it, or a followed number's look-up did) with all its data; one no number keys stored as not
 * linked, with its state; a followed number Symetrisk does not know recorded as not found. `approved` counts the
 * keyed approved borrowers (those whose data a sync fetches).
 */
export function compareWithTruth(r: Rig): { mismatches: string[]; approved: number; unlinked: number } {
  const truth = r.sandbox.control.truth();
  const mismatches: string[] = [];
  const followed = new Map(r.cache.followed.list().map((f) => [f.orgNr, f]));
  const unlinked = new Map(r.cache.unlinked.all().map((u) => [u.relationshipId, u]));
  const known = new Set(truth.map((t) => t.orgNr));
  for (const [orgNr, f] of followed) {
    if (!known.has(orgNr) && f.check?.state !== 'not_found') mismatches.push(`${orgNr}: followed, unknown to Symetrisk, recorded as ${f.check?.state ?? 'unchecked'}`);
  }
  const distinctIds = r.cache.db.prepare('SELECT org_nr, COUNT(DISTINCT item_id) AS n FROM snapshots GROUP BY org_nr').all() as { org_nr: string; n: number }[];
  const notes = r.cache.db.prepare("SELECT scope, COUNT(*) AS n FROM notifications GROUP BY scope").all() as { scope: string; n: number }[];
  const ids = new Map(distinctIds.map((x) => [x.org_nr, x.n]));
  const notesBy = new Map(notes.map((x) => [x.scope, x.n]));
  let approved = 0;
  for (const t of truth) {
    const rel = r.cache.relationships.get(t.orgNr);
    if (!rel) {
      const u = unlinked.get(t.relationshipId);
      if (!u) mismatches.push(`${t.orgNr}: missing relationship, neither keyed nor unlinked`);
      else if (u.state !== t.state) mismatches.push(`${t.orgNr}: unlinked state ${u.state} != ${t.state}`);
      else if (followed.has(t.orgNr)) mismatches.push(`${t.orgNr}: followed, yet unlinked`);
      continue;
    }
    if (unlinked.has(t.relationshipId)) mismatches.push(`${t.orgNr}: keyed and unlinked at once`);
    if (rel.state !== t.state) mismatches.push(`${t.orgNr}: state ${rel.state} != ${t.state}`);
    if (t.state !== 'access_approved') continue;
    approved++;
    if ((ids.get(t.orgNr) ?? 0) !== t.accountingItems) mismatches.push(`${t.orgNr}: items ${ids.get(t.orgNr) ?? 0} != ${t.accountingItems}`);
    if ((notesBy.get(t.orgNr) ?? 0) !== t.notifications) mismatches.push(`${t.orgNr}: notifications ${notesBy.get(t.orgNr) ?? 0} != ${t.notifications}`);
  }
  const bank = r.sandbox.control.bankNotificationCount();
  if ((notesBy.get('bank') ?? 0) !== bank) mismatches.push(`bank notifications ${notesBy.get('bank') ?? 0} != ${bank}`);
  return { mismatches, approved, unlinked: unlinked.size };
}
