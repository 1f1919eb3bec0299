/** The control API (HTTP and in-process), time, access requests and approvals, and bank isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, type Sandbox, type SandboxClientConfig, type TruthRow } from '../../../electron/sandbox/index';
import { API_PATHS, SCOPES } from '../../../shared/symetrisk/defaults';
import { AccountingPage, NotificationPage, Relationship, RelationshipPage } from '../../../shared/symetrisk/schemas';
import { api, allPages, control, start, TEST_NOW, token } from './helpers';

const OTHER: SandboxClientConfig = {
  clientId: 'vestbank-test',
  clientSecret: 'vestbank-secret',
  bankName: 'Vestkyst Sparebank',
  bankOrgNr: '937884117',
  scopes: [SCOPES.read],
  borrowers: 25,
};

let sb: Sandbox;

beforeAll(async () => {
  sb = await start({ borrowers: 30, clients: [DEMO_CLIENT, OTHER] });
});
afterAll(() => sb.close());

describe('control API over HTTP', () => {
  it('lists its endpoints and answers now, truth, org numbers and counts like the handle', async () => {
    expect(((await control(sb, 'GET', '')).body as { endpoints: string[] }).endpoints.length).toBeGreaterThan(5);
    expect((await control(sb, 'GET', '/now')).body).toEqual({ now: TEST_NOW.toISOString() });
    expect((await control(sb, 'GET', '/truth')).body).toEqual(sb.control.truth());
    expect((await control(sb, 'GET', `/truth?clientId=${OTHER.clientId}`)).body).toEqual(sb.control.truth(OTHER.clientId));
    expect((await control(sb, 'GET', '/org-nrs?state=access_approved')).body).toEqual(sb.control.orgNrs(undefined, 'access_approved'));
    expect((await control(sb, 'GET', '/customer-list')).body).toEqual(sb.control.customerList());
    expect((await control(sb, 'GET', '/bank-notification-count')).body).toEqual({ count: sb.control.bankNotificationCount() });
  });

  it('sets and reads faults, stats and resets; rejects bad input with 400', async () => {
    const set = await control(sb, 'PUT', '/faults', { errorRate: 0.1, rateLimit: { everyNth: 10, burst: 1, retryAfterSeconds: 1 } });
    expect(set.status).toBe(200);
    expect(sb.control.getFaults()).toEqual({ errorRate: 0.1, rateLimit: { everyNth: 10, burst: 1, retryAfterSeconds: 1 } });
    expect((await control(sb, 'PUT', '/faults', { errorRate: 2 })).status).toBe(400);
    expect((await control(sb, 'PUT', '/faults', { nonsense: true })).status).toBe(400);
    expect((await control(sb, 'POST', '/faults', {})).status).toBe(200);
    expect(sb.control.getFaults()).toEqual({});
    const t = await token(sb);
    await api(sb, t, API_PATHS.ping.path());
    const stats = (await control(sb, 'GET', '/stats')).body as { requests: number; byEndpoint: Record<string, number> };
    expect(stats.byEndpoint.ping).toBeGreaterThanOrEqual(1);
    expect(stats.byEndpoint.token).toBeGreaterThanOrEqual(1);
    await control(sb, 'POST', '/stats/reset');
    expect(sb.control.stats().requests).toBe(0);
    expect((await control(sb, 'POST', '/advance-time', { days: -1 })).status).toBe(400);
    expect((await control(sb, 'POST', '/relationship-state', { orgNr: '974760673', state: 'access_approved' })).status).toBe(400);
    expect((await control(sb, 'GET', '/nope')).status).toBe(404);
  });

  it('expire-tokens over HTTP kills tokens', async () => {
    const t = await token(sb);
    await control(sb, 'POST', '/expire-tokens');
    expect((await api(sb, t, API_PATHS.ping.path())).status).toBe(401);
  });
});

describe('multiple banks', () => {
  it('each bank sees only its own relationships, even for a borrower both banks have', async () => {
    const demoTok = await token(sb);
    const otherTok = await token(sb, { id: OTHER.clientId, secret: OTHER.clientSecret });
    const demo = RelationshipPage.parse((await api(sb, demoTok, API_PATHS.relationships.path())).body);
    const other = RelationshipPage.parse((await api(sb, otherTok, API_PATHS.relationships.path())).body);
    expect(demo.metadata.totalItems).toBe(sb.control.truth().length);
    expect(other.metadata.totalItems).toBe(25);
    const demoIds = new Set(demo.items.map((r) => r.relationshipId));
    expect(other.items.some((r) => demoIds.has(r.relationshipId))).toBe(false);
    // The list carries no org numbers (the documented shape): the banks' numbers come from the control API.
    const demoNrs = sb.control.orgNrs();
    const otherNrs = sb.control.orgNrs(OTHER.clientId);
    const shared = otherNrs.filter((o) => demoNrs.includes(o));
    expect(shared.length).toBeGreaterThan(0);
    const both = await api(sb, otherTok, API_PATHS.relationship.path(shared[0]!));
    expect((both.body as { relationshipId: string }).relationshipId).not.toBe(((await api(sb, demoTok, API_PATHS.relationship.path(shared[0]!))).body as { relationshipId: string }).relationshipId);
    const onlyDemo = demoNrs.find((o) => !otherNrs.includes(o))!;
    const r = await api(sb, otherTok, API_PATHS.relationship.path(onlyDemo));
    expect(r.status).toBe(400);
    expect((r.body as Array<{ key: string }>)[0]!.key).toBe('relationship_not_found');
    const self = (await api(sb, otherTok, API_PATHS.self.path())).body as { company: { name: string }; client: { scopes: string[] } };
    expect(self.company.name).toBe(OTHER.bankName);
    expect(self.client.scopes).toEqual([SCOPES.read]);
    // The read-only client may not ask for the write scope.
    const denied = await fetch(sb.tokenUrl, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${OTHER.clientId}:${OTHER.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(SCOPES.write)}`,
    });
    expect(denied.status).toBe(400);
  });
});

describe('access requests, approval, revocation', () => {
  it('a request appears as access_requested; approval through the control API opens the data', async () => {
    const t = await token(sb);
    const orgNr = '916627939';
    const post = await api(sb, t, API_PATHS.requestAccess.path(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bankContactEmail: 'analyst@demosparebank.no', borrowers: [{ orgNr }] }),
    });
    expect((post.body as Array<{ success: boolean }>)[0]!.success).toBe(true);
    const list = RelationshipPage.parse((await api(sb, t, API_PATHS.relationships.path() + '?limit=1')).body);
    // Newest first: the number's relationship (the list names none) is the list's first item.
    const one = Relationship.parse((await api(sb, t, API_PATHS.relationship.path(orgNr))).body);
    expect(list.items[0]!.relationshipId).toBe(one.relationshipId);
    expect(list.items[0]!.relationshipState).toBe('access_requested');
    expect(list.items[0]!.bankContactEmail).toBe('analyst@demosparebank.no');
    expect((await api(sb, t, API_PATHS.accountingData.path(orgNr))).status).toBe(400);

    const approve = await control(sb, 'POST', '/relationship-state', { orgNr, state: 'access_approved' });
    expect(approve.status).toBe(200);
    const data = AccountingPage.parse((await api(sb, t, API_PATHS.accountingData.path(orgNr))).body);
    expect(data.metadata.totalItems).toBeGreaterThanOrEqual(3);
    const truth = sb.control.truth().find((r) => r.orgNr === orgNr)!;
    expect(truth.state).toBe('access_approved');
    expect(truth.accountingItems).toBe(data.metadata.totalItems);
    const rel = (await api(sb, t, API_PATHS.relationship.path(orgNr))).body as { borrowerContactEmail: string | null };
    expect(rel.borrowerContactEmail).toMatch(/@/);

    sb.control.setRelationshipState(orgNr, 'access_revoked');
    const revoked = await api(sb, t, API_PATHS.accountingData.path(orgNr));
    expect(revoked.status).toBe(400);
    expect((await api(sb, t, API_PATHS.relationship.path(orgNr))).body).toMatchObject({ relationshipState: 'access_revoked' });
    sb.control.setRelationshipState(orgNr, 'access_denied');
    expect(sb.control.truth().find((r) => r.orgNr === orgNr)!.state).toBe('access_denied');
  });

  it('approval in one bank does not open the data for another', async () => {
    const otherPending = sb.control.orgNrs(OTHER.clientId).find((o) => !sb.control.orgNrs().includes(o))!;
    const otherTok = await token(sb, { id: OTHER.clientId, secret: OTHER.clientSecret });
    sb.control.setRelationshipState(otherPending, 'access_denied', OTHER.clientId);
    expect((await api(sb, otherTok, API_PATHS.accountingData.path(otherPending))).status).toBe(400);
    sb.control.setRelationshipState(otherPending, 'access_approved', OTHER.clientId);
    expect((await api(sb, otherTok, API_PATHS.accountingData.path(otherPending))).status).toBe(200);
  });
});

describe('time', () => {
  it('advancing adds snapshots with higher ids, notifications for the borrower and the bank, and expires tokens', async () => {
    const t = await token(sb);
    const before = new Map(sb.control.truth().map((r) => [r.orgNr, r] as const));
    const bankBefore = sb.control.bankNotificationCount();
    const orgNr = sb.control.orgNrs(undefined, 'access_approved')[0]!;
    const oldPage = AccountingPage.parse((await api(sb, t, API_PATHS.accountingData.path(orgNr))).body);
    const maxOldId = Math.max(...oldPage.items.map((i) => i.id));

    const res = await control(sb, 'POST', '/advance-time', { days: 30 });
    const changed = (res.body as { changedOrgNrs: string[] }).changedOrgNrs;
    expect(changed).toContain(orgNr);
    expect(sb.control.now().toISOString()).toBe(new Date(TEST_NOW.getTime() + 30 * 86_400_000).toISOString());
    // The token was issued 30 days ago: expired.
    expect((await api(sb, t, API_PATHS.ping.path())).status).toBe(401);
    const t2 = await token(sb);

    const after: TruthRow[] = sb.control.truth();
    for (const row of after.filter((r) => r.state === 'access_approved' && changed.includes(r.orgNr))) {
      expect(row.accountingItems).toBeGreaterThan(before.get(row.orgNr)!.accountingItems);
      expect(row.notifications).toBeGreaterThan(before.get(row.orgNr)!.notifications);
    }
    expect(sb.control.bankNotificationCount()).toBeGreaterThan(bankBefore);
    const newPage = AccountingPage.parse((await api(sb, t2, API_PATHS.accountingData.path(orgNr))).body);
    const newest = newPage.items[0]!;
    expect(newest.id).toBeGreaterThan(maxOldId);
    expect(newest.data.end_date >= '2026-11-07').toBe(true);
    const notes = NotificationPage.parse((await api(sb, t2, API_PATHS.borrowerNotifications.path(orgNr))).body);
    expect(notes.items[0]!.type).toBe('data_refresh');
  });

  it('share and orgNrs pick the borrowers that change; share 0 only moves the clock', async () => {
    const approved = sb.control.orgNrs(undefined, 'access_approved');
    expect(sb.control.advanceTime({ days: 1, share: 0 }).changedOrgNrs).toEqual([]);
    expect(sb.control.advanceTime({ days: 1, orgNrs: [approved[1]!] }).changedOrgNrs).toEqual([approved[1]]);
    const half = sb.control.advanceTime({ days: 1, share: 0.5 }).changedOrgNrs;
    expect(half.length).toBeGreaterThan(0);
    expect(half.length).toBeLessThan(sb.control.truth().length);
  });

  it('crossing a year end adds the closed year final snapshot', async () => {
    const orgNr = sb.control.orgNrs(undefined, 'access_approved')[2]!;
    sb.control.advanceTime({ days: 80, orgNrs: [orgNr] });
    const t = await token(sb);
    const { items } = await allPages<{ data: { year: number; end_date: string } }>(sb, t, API_PATHS.accountingData.path(orgNr), 100);
    expect(items.some((i) => i.data.year === 2026 && i.data.end_date === '2026-12-31')).toBe(true);
    expect(items[0]!.data.year).toBe(2027);
  });
});
