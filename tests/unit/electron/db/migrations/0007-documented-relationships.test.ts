/**
 * Cache migration 0007: a schema-6 cache gets the unlinked relationships, the followed numbers' look-ups and the
 * access requests' states, every row kept; the access requests it held get the state their answer meant.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { accessRequestsRepo } from '../../../../../electron/db/access-requests';
import { followedRepo } from '../../../../../electron/db/followed';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { syncRunsRepo } from '../../../../../electron/db/sync-runs';
import { unlinkedRelationshipsRepo } from '../../../../../electron/db/unlinked-relationships';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { A, B, seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-6 cache to 5 with every row kept, the old answers given their state, and the new tables ready', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 6);
  seedV1(old);
  // As the release before stored them: a refusal, and a number the answer said nothing about.
  old.prepare(`INSERT INTO access_requests (org_nr, requested_at, bank_contact_email, success, message, signup_link, signup_link_expires_at, raw)
    VALUES (?, '2025-02-02', 'bank@bank.no', 0, 'Access to this borrower is already approved', NULL, NULL, '{}'),
           (?, '2025-02-03', 'bank@bank.no', 0, 'Symetrisk did not answer for this number', NULL, NULL, NULL)`).run(A, '974760673');
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 7);
  try {
    expect(version(db)).toBe(7);
    const after = dump(db);
    // Every row and every old column kept, byte for byte.
    for (const [table, rows] of Object.entries(before)) {
      expect((after[table] ?? []).map((r) => Object.fromEntries(Object.keys(rows[0] ?? {}).map((k) => [k, (r as Record<string, unknown>)[k]])))).toEqual(rows);
    }
    expect(objects(db, 'table')).toContain('unlinked_relationships');
    expect(objects(db, 'index')).toEqual(expect.arrayContaining(['unlinked_relationships_by_name', 'access_requests_by_state']));
    const strict = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'unlinked_relationships'").get() as { sql: string };
    expect(strict.sql).toMatch(/STRICT\s*$/);

    // The old answers: a link kept as requested, a refusal as refused, no answer as uncertain (to be checked).
    const access = accessRequestsRepo(db);
    const states = access.all().map((r) => [r.orgNr, r.state, r.reason, r.matchedBy]);
    expect(states).toEqual([
      ['974760673', 'uncertain', 'no_answer', null],
      [A, 'refused', 'api_refused', 'org_nr'],
      [B, 'requested', null, 'org_nr'],
    ]);
    expect(access.uncertainOrgNrs()).toEqual(['974760673']);
    expect(access.settle({ orgNr: '974760673', state: 'not_received', relationshipState: null }, '2026-01-01T00:00:00Z')).toBe(1);

    // The followed number has no look-up yet; one is recorded on it.
    const followed = followedRepo(db);
    expect(followed.list()).toEqual([{ orgNr: B, source: 'typed', addedAt: '2025-03-01', name: 'Bryggen Bakeri AS', relationshipState: 'access_requested', check: null }]);
    followed.setCheck({ orgNr: B, state: 'linked', reason: null, message: null }, '2026-01-01T00:00:00Z');
    expect(followed.list()[0]!.check).toEqual({ state: 'linked', reason: null, message: null, checkedAt: '2026-01-01T00:00:00Z' });

    // An old run has no relationship summary; a new one keeps it.
    const runs = syncRunsRepo(db, 'p');
    expect(runs.last()!.relationships).toBeNull();
    const id = runs.start('2026-01-01T00:00:00Z');
    const totals = { outcome: 'ok' as const, requests: 1, retries: 0, borrowersSynced: 0, borrowersFailed: 0, newSnapshots: 0, newNotifications: 0, message: null, errors: [] };
    expect(runs.finish(id, '2026-01-01T00:01:00Z', { ...totals, relationships: { linked: 1, unlinked: 2, notFound: 3, refused: 0 } }).relationships).toEqual({
      linked: 1,
      unlinked: 2,
      notFound: 3,
      refused: 0,
    });

    // Unlinked relationships: stored, replaced by the next complete list, and never one the cache links already.
    const unlinked = unlinkedRelationshipsRepo(db);
    const item = (id: string, name: string) => ({
      relationshipId: id,
      relationshipState: 'access_approved',
      borrowerCompanyName: name,
      borrowerContactEmail: null,
      bankContactEmail: 'bank@bank.no',
      relationshipCreatedAt: '2025-01-01T00:00:00.000000',
    });
    unlinked.replaceAll([{ item: item('u-1', 'Ukjent AS'), raw: {} }, { item: item('r-1', 'Aurora Glass AS'), raw: {} }], '2026-01-01T00:00:00Z');
    expect(unlinked.all().map((u) => u.relationshipId)).toEqual(['u-1']);
    unlinked.replaceAll([{ item: item('u-2', 'Annen AS'), raw: {} }], '2026-01-02T00:00:00Z');
    expect(unlinked.all().map((u) => [u.relationshipId, u.name, u.firstSeenAt])).toEqual([['u-2', 'Annen AS', '2026-01-02T00:00:00Z']]);
    expect(() => db.prepare("UPDATE access_requests SET state = 'bogus'").run()).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});
