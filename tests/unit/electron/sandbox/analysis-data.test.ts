/**
 * What the sandbox gives the credit analysis (issue 15): prior-year comparatives on nearby dates so that most
 * borrowers have exact last-twelve-months figures, a loss-maker with net debt and one with net cash in every
 * world, and a revised year to date on demand through the control handle.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxCore } from '../../../../electron/sandbox/index';
import { analyseBorrower, COMPARABLE_WINDOW_TOLERANCE_DAYS, detectRevisions, sameDayPriorYear } from '../../../../shared/analysis';
import { AccountingItem } from '../../../../shared/symetrisk/schemas';
import type { World } from '../../../../electron/sandbox/world';

const NOW = new Date('2026-03-02T09:00:00Z');
const core = (seed = 7, borrowers = 40) => createSandboxCore({ seed, borrowers, now: NOW, frozenClock: true });

function itemsOf(world: World, orgNr: string): AccountingItem[] {
  const c = world.companyByOrgNr.get(orgNr)!;
  return world.materialize(c).items.map((i) => AccountingItem.parse(world.itemJson(c, i)));
}

const dayDiff = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe('prior-year comparatives', () => {
  it('come with a year to date, on the same day last year or a few days off, never on a year end', () => {
    const { world, control } = core(7, 200);
    let comparatives = 0;
    const offsets = new Set<number>();
    for (const orgNr of control.orgNrs(undefined, 'access_approved')) {
      const items = itemsOf(world, orgNr);
      for (const ytd of items.filter((i) => !i.data.end_date.endsWith('12-31'))) {
        const target = sameDayPriorYear(ytd.data.end_date);
        const cmp = items.find((i) => i.data.year === ytd.data.year - 1 && !i.data.end_date.endsWith('12-31') && Math.abs(dayDiff(target, i.data.end_date)) <= 3);
        if (!cmp) continue;
        comparatives++;
        offsets.add(dayDiff(target, cmp.data.end_date));
        expect(cmp.data.start_date).toBe(`${ytd.data.year - 1}-01-01`);
      }
    }
    expect(comparatives).toBeGreaterThan(500);
    // exact and off by up to three days either way: the tolerance (7 days) is exercised, not exceeded
    expect([...offsets].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(COMPARABLE_WINDOW_TOLERANCE_DAYS).toBeGreaterThanOrEqual(3);
  });

  it('give most Demo borrowers exact LTM; the rest an estimate marked as one', () => {
    const { world, control } = core();
    const approved = control.orgNrs(undefined, 'access_approved');
    const methods = approved.map((o) => {
      const ltm = analyseBorrower(itemsOf(world, o), { now: NOW }).bases!.ltm;
      return ltm.ok ? ltm.period.method : ltm.reason;
    });
    const exact = methods.filter((m) => m === 'ltm_combination' || m === 'as_reported').length;
    expect(exact / approved.length).toBeGreaterThan(0.75);
    expect(methods.every((m) => m === 'ltm_combination' || m === 'as_reported' || m === 'ltm_estimate')).toBe(true);
  });
});

describe('the seed places a loss-maker with net debt and one with net cash', () => {
  it('as the first bank’s first two approved borrowers, in every world, deterministic', () => {
    for (const seed of [7, 11, 21]) {
      const { world, control } = core(seed, 24);
      const placed = world.companies.filter((c) => c.profile.archetype !== null);
      expect(placed.map((c) => c.profile.archetype)).toEqual(['loss_net_debt', 'loss_net_cash']);
      const approved = control.orgNrs(undefined, 'access_approved');
      for (const c of placed) expect(approved).toContain(c.orgNr);
      const [debt, cash] = placed.map((c) => analyseBorrower(itemsOf(world, c.orgNr), { now: NOW }));
      const lev = (a: typeof debt) => a!.covenants.find((t) => t.rule === 'nibd_to_ebitda_max')!;
      // the last twelve months lose money before depreciation in both; one owes, the other holds cash
      expect(debt!.views!.ltm.period.flows.ebitda).toBeLessThan(0);
      expect(debt!.views!.ltm.period.stocks.net_interest_bearing_debt).toBeGreaterThan(0);
      expect(lev(debt)).toMatchObject({ status: 'breach', reason: { reason: 'negative_ebitda' } });
      expect(cash!.views!.ltm.period.flows.ebitda).toBeLessThan(0);
      expect(cash!.views!.ltm.period.stocks.net_interest_bearing_debt).toBeLessThan(0);
      expect(lev(cash)).toMatchObject({ status: 'ok', reason: { reason: 'negative_ebitda_net_cash' } });
    }
    // the same seed gives the same placed borrowers with the same figures
    const [a, b] = [core(), core()];
    const placedOf = (w: World) => w.companies.filter((c) => c.profile.archetype !== null).map((c) => itemsOf(w, c.orgNr));
    expect(placedOf(a.world)).toEqual(placedOf(b.world));
  });
});

describe('reviseYtd', () => {
  it('adds the latest YTD again, fetched later, revenue −10 % to the cent, totals reconciled, and warns', () => {
    const { world, control } = core();
    const orgNr = control.orgNrs(undefined, 'access_approved')[5]!;
    const before = itemsOf(world, orgNr);
    const notes = world.materialize(world.companyByOrgNr.get(orgNr)!).notifications.length;
    const r = control.reviseYtd({ orgNr });
    const after = itemsOf(world, orgNr);
    expect(after).toHaveLength(before.length + 1);
    const old = after.find((i) => i.id === r.itemId)!;
    const rev = after.find((i) => i.id === r.revisedItemId)!;
    expect(rev.data).toMatchObject({ year: old.data.year, start_date: old.data.start_date, end_date: old.data.end_date, days_included: old.data.days_included });
    expect(r).toMatchObject({ year: old.data.year, endDate: old.data.end_date });
    expect(rev.fetchedAt > old.fetchedAt).toBe(true);
    expect(rev.id).toBeGreaterThan(old.id);
    const p = rev.data.p_and_l_items;
    const q = old.data.p_and_l_items;
    expect(Math.round(p.revenues * 100)).toBe(Math.round(q.revenues * 0.9 * 100));
    expect(p.expenses).toBe(q.expenses);
    // the identities hold on the revised figures, to the cent
    expect(Math.round(p.ebitda * 100)).toBe(Math.round(p.revenues * 100) - Math.round(p.expenses * 100));
    expect(Math.round(p.net_profit * 100)).toBe(
      Math.round((p.ebit + p.interest_income - p.interest_expenses + p.other_financial_income - p.other_financial_expenses - p.taxes) * 100),
    );
    // the profit lost leaves equity and total assets; cash (and so NIBD) stays
    const dProfit = p.net_profit - q.net_profit;
    expect(rev.data.balance_items.equity).toBeCloseTo(old.data.balance_items.equity + dProfit, 2);
    expect(rev.data.balance_items.net_interest_bearing_debt).toBe(old.data.balance_items.net_interest_bearing_debt);
    // the analysis sees a revision of the year to date
    expect(detectRevisions(after).map((x) => [x.kind, x.before.id, x.after.id])).toContainEqual(['interim_revision', r.itemId, r.revisedItemId]);
    const feed = world.materialize(world.companyByOrgNr.get(orgNr)!).notifications;
    expect(feed).toHaveLength(notes + 1);
    expect(feed.at(-1)).toMatchObject({ type: 'warning', text: expect.stringContaining(`Revised figures for ${r.year} up to ${r.endDate}`) });
  });

  it('a second revision builds on the first; expenses can move too', () => {
    const { world, control } = core();
    const orgNr = control.orgNrs(undefined, 'access_approved')[6]!;
    const first = control.reviseYtd({ orgNr });
    const second = control.reviseYtd({ orgNr, revenueChange: -0.1, expenseChange: 0.05 });
    expect(second.itemId).toBe(first.revisedItemId);
    const items = itemsOf(world, orgNr);
    const base = items.find((i) => i.id === first.itemId)!.data.p_and_l_items;
    const last = items.find((i) => i.id === second.revisedItemId)!.data.p_and_l_items;
    expect(last.revenues).toBeCloseTo(base.revenues * 0.81, 1);
    expect(last.expenses).toBeCloseTo(base.expenses * 1.05, 1);
  });

  it('refuses what it cannot do, with a reason', () => {
    const { control } = core();
    expect(() => control.reviseYtd({ orgNr: '999999999' })).toThrow(/No borrower/);
    const requested = control.orgNrs(undefined, 'access_requested')[0]!;
    expect(() => control.reviseYtd({ orgNr: requested })).toThrow(/no approved relationship/);
    const approved = control.orgNrs(undefined, 'access_approved')[0]!;
    expect(() => control.reviseYtd({ orgNr: approved, revenueChange: -1 })).toThrow(/above -1/);
  });
});
