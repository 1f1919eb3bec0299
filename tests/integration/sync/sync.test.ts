import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/db/cache';
import type { SyncProgress } from '../../../shared/contract/dto';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { SCOPES } from '../../../shared/symetrisk/defaults';
import { compareWithTruth, FAST_RETRY, FIXED_NOW, newClient, rig, type Rig } from './helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

/** Requests per endpoint of the last run, from the sandbox's own counters. */
function byEndpoint(rg: Rig): Record<string, number> {
  return rg.sandbox.control.stats().byEndpoint;
}

describe('sync against the sandbox', () => {
  it('fills the cache with exactly what Symetrisk has, then syncs incrementally at about one request per borrower per listing', async () => {
    r = await rig({ borrowers: 30 });
    const first = await r.sync();
    expect(first.outcome).toBe('ok');
    const { mismatches, approved } = compareWithTruth(r);
    expect(mismatches).toEqual([]);
    expect(approved).toBeGreaterThan(10);
    expect(first.newSnapshots).toBe(r.cache.snapshots.count());

    r.sandbox.control.resetStats();
    const second = await r.sync();
    expect(second.outcome).toBe('ok');
    expect(second.newSnapshots).toBe(0);
    expect(second.newNotifications).toBe(0);
    const hits = byEndpoint(r);
    expect(hits.accountingData).toBe(approved);
    expect(hits.borrowerNotifications).toBe(approved);
    expect(hits.relationships).toBe(1);
    expect(hits.notifications).toBe(1);
    // Keyed relationships are matched by their relationshipId: only the two customers Symetrisk does not know
    // are asked for again (a bank may have asked for their access elsewhere meanwhile).
    expect(hits.relationship ?? 0).toBe(2);
    expect(compareWithTruth(r).mismatches).toEqual([]);
  });

  it('pages through listings with small pages and stays incremental (page 1 only when nothing changed)', async () => {
    r = await rig({ borrowers: 20, shuffle: true }, { pageSize: 3 });
    expect((await r.sync()).outcome).toBe('ok');
    expect(compareWithTruth(r).mismatches).toEqual([]);
    const approved = compareWithTruth(r).approved;
    r.sandbox.control.resetStats();
    expect((await r.sync()).outcome).toBe('ok');
    expect(byEndpoint(r).accountingData).toBe(approved);
  });

  it('picks up new data after time passes, keeping every earlier snapshot', async () => {
    r = await rig({ borrowers: 20, frozenClock: true });
    await r.sync();
    const before = r.cache.snapshots.count();
    const { changedOrgNrs } = r.sandbox.control.advanceTime({ days: 40, share: 0.5 });
    expect(changedOrgNrs.length).toBeGreaterThan(0);
    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    expect(run.newSnapshots).toBeGreaterThan(0);
    expect(r.cache.snapshots.count()).toBe(before + run.newSnapshots);
    expect(compareWithTruth(r).mismatches).toEqual([]);
  });

  it('finding 1: with the documented list (no org numbers) every relationship is kept: followed ones keyed with their data, the others unlinked', async () => {
    r = await rig({ borrowers: 20 }, {}, { follow: 'none' });
    const truth = r.sandbox.control.truth();
    const follow = truth.slice(0, 15).map((t) => t.orgNr);
    for (const o of follow) r.cache.followed.add(o, 'typed', new Date().toISOString());
    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    for (const t of truth.filter((x) => follow.includes(x.orgNr))) {
      const rel = r.cache.relationships.get(t.orgNr);
      expect(rel?.state).toBe(t.state);
      expect(rel?.relationship_id).toBe(t.relationshipId);
      if (t.state === 'access_approved') {
        const n = (r.cache.db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(t.orgNr) as { n: number }).n;
        expect(n).toBe(t.accountingItems);
      }
    }
    expect(r.cache.relationships.all().length).toBe(follow.length);
    // The five relationships no followed number keys are there too, as not linked, with what the list says of them.
    const others = truth.slice(15);
    const unlinked = r.cache.unlinked.all();
    expect(unlinked.map((u) => u.relationshipId).sort()).toEqual(others.map((t) => t.relationshipId).sort());
    for (const u of unlinked) {
      expect(u.name).not.toBe('');
      expect(u.state).toBe(others.find((t) => t.relationshipId === u.relationshipId)!.state);
      expect(u.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(u.bankContactEmail).toMatch(/@/);
    }
    expect(run.relationships).toEqual({ linked: 15, unlinked: 5, notFound: 0, refused: 0 });
    expect(r.cache.followed.list().every((f) => f.check?.state === 'linked' && f.name !== null)).toBe(true);
    // The second run matches list items to known relationship ids: no per-borrower lookups.
    r.sandbox.control.resetStats();
    expect((await r.sync()).outcome).toBe('ok');
    expect(byEndpoint(r).relationship ?? 0).toBe(0);
    expect(r.cache.unlinked.count()).toBe(5);
  });

  it('finding 2: a followed number Symetrisk does not know is recorded with relationship_not_found and counted in the run', async () => {
    r = await rig({ borrowers: 12 }, {}, { follow: 'none' });
    const known = r.sandbox.control.orgNrs()[0]!;
    const unknown = r.sandbox.control.customerList().find((o) => !r!.sandbox.control.orgNrs().includes(o))!;
    for (const o of [known, unknown]) r.cache.followed.add(o, 'typed', FIXED_NOW.toISOString());
    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    expect(run.relationships).toMatchObject({ linked: 1, notFound: 1, refused: 0 });
    const byNr = new Map(r.cache.followed.list().map((f) => [f.orgNr, f]));
    expect(byNr.get(unknown)?.check).toMatchObject({ state: 'not_found', reason: 'relationship_not_found' });
    expect(byNr.get(known)?.check).toMatchObject({ state: 'linked', reason: null });
    expect(r.cache.relationships.get(unknown)).toBeUndefined();
    // Once Symetrisk knows it (access requested), the next sync links it.
    r.sandbox.control.resetStats();
    await r.client.requestAccess({ bankContactEmail: 'kreditt@bank.no', borrowers: [{ orgNr: unknown }] });
    const next = await r.sync();
    expect(next.relationships).toMatchObject({ linked: 2, notFound: 0 });
    expect(r.cache.followed.list().find((f) => f.orgNr === unknown)?.check?.state).toBe('linked');
    expect(r.cache.relationships.get(unknown)?.state).toBe('access_requested');
  });

  it('with org numbers in the list (the opt-in of a later API version) keys every relationship without looking any up', async () => {
    r = await rig({ borrowers: 16, relationshipOrgNr: true }, {}, { follow: 'none' });
    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    const { mismatches, unlinked } = compareWithTruth(r);
    expect(mismatches).toEqual([]);
    expect(unlinked).toBe(0);
    expect(byEndpoint(r).relationship ?? 0).toBe(0);
    expect(run.relationships).toEqual({ linked: 16, unlinked: 0, notFound: 0, refused: 0 });
  });

  it('marks a relationship that loses access as lost and keeps its cached data', async () => {
    r = await rig({ borrowers: 20 });
    await r.sync();
    const victim = r.sandbox.control.truth().find((t) => t.state === 'access_approved' && t.accountingItems > 0)!;
    const kept = (r.cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE org_nr = ?').get(victim.orgNr) as { n: number }).n;
    r.sandbox.control.setRelationshipState(victim.orgNr, 'access_revoked');
    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    const rel = r.cache.relationships.get(victim.orgNr)!;
    expect(rel.lost).toBe(1);
    expect(rel.state).toBe('access_revoked');
    expect((r.cache.db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE org_nr = ?').get(victim.orgNr) as { n: number }).n).toBe(kept);
  });

  it('survives every token expiring mid-sync (one renewal, nothing lost)', async () => {
    r = await rig({ borrowers: 24 });
    // Every token expires right after the third borrower's accounting data was asked for: a condition on the
    // traffic itself (progress can trail the requests while writes are batched), with 21 borrowers still to read.
    let asked = 0;
    let expired = false;
    const expiring: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!expired && String(input instanceof Request ? input.url : input).includes('/accounting-data/') && ++asked === 3) {
        expired = true;
        r!.sandbox.control.expireAllTokens();
      }
      return res;
    };
    const sb = r.sandbox;
    const client = new SymetriskClient(
      { tokenUrl: sb.tokenUrl, apiBaseUrl: sb.apiBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, scopes: [SCOPES.read, SCOPES.write] },
      { fetch: expiring, clock: () => new Date(), policy: FAST_RETRY, timeoutMs: 5_000 },
    );
    const run = await r.sync({ client, concurrency: 2 });
    expect(expired).toBe(true);
    expect(run.outcome).toBe('ok');
    expect(r.sandbox.control.stats().byEndpoint.token).toBe(2);
    expect(compareWithTruth(r).mismatches).toEqual([]);
  });

  it('cancels: the run ends cancelled, no borrower is half written, and the next run completes', async () => {
    r = await rig({ borrowers: 24, faults: { latencyMs: 5 } });
    const controller = new AbortController();
    const run = await r.sync({
      concurrency: 2,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p: SyncProgress) => {
        if (p.phase === 'accounting' && p.done >= 2) controller.abort();
      },
    });
    expect(run.outcome).toBe('cancelled');
    // Every borrower with a fetch time has all its items; the others have none.
    const truth = new Map(r.sandbox.control.truth().map((t) => [t.orgNr, t]));
    const fetched = r.cache.relationships.all().filter((x) => x.last_fetched_at !== null);
    expect(fetched.length).toBeLessThan(truth.size);
    for (const rel of r.cache.relationships.all()) {
      const n = (r.cache.db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(rel.org_nr) as { n: number }).n;
      expect(n).toBe(rel.last_fetched_at ? truth.get(rel.org_nr)!.accountingItems : 0);
    }
    r.sandbox.control.setFaults({});
    expect((await r.sync()).outcome).toBe('ok');
    expect(compareWithTruth(r).mismatches).toEqual([]);
  });

  it('offline: fails fast with a clear message and leaves the cache untouched', async () => {
    r = await rig({ borrowers: 10 });
    await r.sync();
    const before = r.cache.snapshots.count();
    const relsBefore = JSON.stringify(r.cache.relationships.all());
    await r.sandbox.close();
    const started = Date.now();
    const run = await r.sync({ client: newClient(r.sandbox) });
    expect(run.outcome).toBe('failed');
    expect(run.message).toMatch(/could not be reached/);
    expect(run.message).toMatch(/cache was not changed/);
    // One attempt, or two when the first went out on a pooled keep-alive socket the closed server reset.
    expect(run.requests).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.cache.snapshots.count()).toBe(before);
    expect(JSON.stringify(r.cache.relationships.all())).toBe(relsBefore);
  });

  it('reopens a synced cache file with the same content (real file, WAL)', async () => {
    r = await rig({ borrowers: 10 });
    await r.sync();
    const n = r.cache.snapshots.count();
    r.cache.close();
    const again = openCache('test', r.file);
    expect(again.snapshots.count()).toBe(n);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
    r.cache = openCache('test', r.file);
  });
});
