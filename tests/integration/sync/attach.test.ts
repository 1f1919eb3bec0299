/**
 * The attach flow against the sandbox in its documented shape: a relationship of the bank's list that no followed
 * number keys is stored as not linked; an org number attached to it is linked only when GET /relationship/{orgNr}
 * answers that same relationship, and the next sync brings its data. Every refusal is an outcome that links nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { attachOrgNr } from '../../../electron/services/followed/attach';
import { compareWithTruth, rig, type Rig } from './helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

const now = () => new Date().toISOString();
const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

describe('attaching an org number to an unlinked relationship', () => {
  it('links only what Symetrisk confirms; the next sync brings the data', async () => {
    r = await rig({ borrowers: 24 });
    expect((await r.sync()).outcome).toBe('ok');
    const truth = r.sandbox.control.truth();
    const customers = new Set(r.sandbox.control.customerList());
    // The sandbox's bank keeps a few approved relationships off its customer list: they are there, not linked.
    const unlisted = truth.filter((t) => !customers.has(t.orgNr));
    expect(unlisted.length).toBeGreaterThan(0);
    expect(r.cache.unlinked.all().map((u) => u.relationshipId).sort()).toEqual(unlisted.map((t) => t.relationshipId).sort());
    const target = unlisted.find((t) => t.state === 'access_approved' && t.accountingItems > 0)!;
    const snapshotsOf = (o: string) => (r!.cache.db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(o) as { n: number }).n;
    const deps = { cache: r.cache, client: r.client, now };
    const unchanged = () => ({ unlinked: r!.cache.unlinked.count(), followed: r!.cache.followed.count(), relationships: r!.cache.relationships.all().length });
    const before = unchanged();

    // Refused, each with its reason, and nothing stored.
    expect(await attachOrgNr(deps, target.relationshipId, '923 609 017')).toMatchObject({ linked: false, reason: 'bad_check_digit' });
    expect(await attachOrgNr(deps, target.relationshipId, '12345')).toMatchObject({ linked: false, reason: 'wrong_length', digits: 5 });
    const unknown = [...customers].find((o) => !truth.some((t) => t.orgNr === o))!;
    expect(await attachOrgNr(deps, target.relationshipId, unknown)).toMatchObject({ linked: false, reason: 'relationship_not_found', orgNr: unknown });
    // Another unlisted relationship's number: Symetrisk answers that other relationship.
    const other = unlisted.find((t) => t.relationshipId !== target.relationshipId)!;
    const mismatch = await attachOrgNr(deps, target.relationshipId, other.orgNr);
    expect(mismatch).toMatchObject({ linked: false, reason: 'relationship_mismatch', answered: { relationshipId: other.relationshipId } });
    // A number the cache links to another relationship already.
    const linked = truth.find((t) => customers.has(t.orgNr))!;
    expect(await attachOrgNr(deps, target.relationshipId, linked.orgNr)).toMatchObject({ linked: false, reason: 'already_linked' });
    expect(await attachOrgNr(deps, 'no-such-relationship', target.orgNr)).toMatchObject({ linked: false, reason: 'unlinked_not_found' });
    expect(unchanged()).toEqual(before);

    // The right number, pasted as a person reads it: confirmed, linked and followed at once.
    r.sandbox.control.resetStats();
    const ok = await attachOrgNr(deps, target.relationshipId, spaced(target.orgNr));
    expect(ok).toMatchObject({ linked: true, orgNr: target.orgNr, reason: null });
    expect(r.sandbox.control.stats().byEndpoint.relationship).toBe(1);
    expect(r.cache.relationships.get(target.orgNr)).toMatchObject({ relationship_id: target.relationshipId, state: 'access_approved' });
    expect(r.cache.followed.list().find((f) => f.orgNr === target.orgNr)).toMatchObject({ source: 'attached', check: { state: 'linked' } });
    expect(r.cache.unlinked.get(target.relationshipId)).toBeNull();
    expect(snapshotsOf(target.orgNr)).toBe(0);
    // Once linked, nothing attaches to it again.
    expect(await attachOrgNr(deps, target.relationshipId, target.orgNr)).toMatchObject({ linked: false, reason: 'unlinked_not_found' });

    const run = await r.sync();
    expect(run.outcome).toBe('ok');
    expect(snapshotsOf(target.orgNr)).toBe(target.accountingItems);
    expect(run.relationships?.unlinked).toBe(unlisted.length - 1);
    expect(compareWithTruth(r).mismatches).toEqual([]);
  });
});
