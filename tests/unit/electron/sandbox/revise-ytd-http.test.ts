/** POST /_control/revise-ytd over loopback: the revised year to date is in the API's listing, the old one too. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../../electron/sandbox/index';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 7, borrowers: 12, now: new Date('2026-03-02T09:00:00Z'), frozenClock: true });
});
afterAll(async () => {
  await sb.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.controlUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function listing(orgNr: string): Promise<Array<{ id: number; fetchedAt: string; data: { end_date: string; p_and_l_items: { revenues: number } } }>> {
  const basic = Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64');
  const tok = (await (
    await fetch(sb.tokenUrl, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' })
  ).json()) as { access_token: string };
  const res = await fetch(`${sb.apiBaseUrl}/accounting-data/${orgNr}?limit=100`, { headers: { Authorization: `Bearer ${tok.access_token}` } });
  return ((await res.json()) as { items: never[] }).items;
}

describe('POST /_control/revise-ytd', () => {
  it('revises the latest year to date; the listing holds both versions, the revised one newest', async () => {
    const orgNr = sb.control.orgNrs(undefined, 'access_approved')[2]!;
    const r = await post('/revise-ytd', { orgNr, revenueChange: -0.1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ orgNr, revisedItemId: expect.any(Number), itemId: expect.any(Number) });
    const items = await listing(orgNr);
    const old = items.find((i) => i.id === r.body.itemId)!;
    const rev = items.find((i) => i.id === r.body.revisedItemId)!;
    expect(items[0]!.id).toBe(rev.id);
    expect(rev.data.end_date).toBe(old.data.end_date);
    expect(rev.fetchedAt > old.fetchedAt).toBe(true);
    expect(rev.data.p_and_l_items.revenues).toBeCloseTo(old.data.p_and_l_items.revenues * 0.9, 1);
  });

  it('answers 400 with the reason for bad input', async () => {
    expect(await post('/revise-ytd', { orgNr: '999999999' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('No borrower') } });
    expect((await post('/revise-ytd', { orgNr: '999999999', revenueChange: -2 })).status).toBe(400);
    expect((await post('/revise-ytd', { orgNr: '999999999', extra: 1 })).status).toBe(400);
    const help = (await (await fetch(`${sb.controlUrl}/help`)).json()) as { endpoints: string[] };
    expect(help.endpoints.some((e) => e.startsWith('POST /_control/revise-ytd'))).toBe(true);
  });
});
