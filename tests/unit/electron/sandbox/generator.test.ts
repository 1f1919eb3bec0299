/** The sandbox's generated data, without HTTP: determinism, org numbers, figures that reconcile, variety. */
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../../electron/sandbox/cli';
import { Faults } from '../../../../electron/sandbox/faults';
import { createSandboxCore, DEMO_CLIENT, relationshipOrgNr, SANDBOX_DEFAULTS } from '../../../../electron/sandbox/index';
import { formatMicros } from '../../../../electron/sandbox/time';
import type { World } from '../../../../electron/sandbox/world';
import { isValidOrgNr } from '../../../../shared/orgnr';
import { ACCOUNTING_SYSTEMS, ALL_SCOPES } from '../../../../shared/symetrisk/defaults';
import { AccountingItem } from '../../../../shared/symetrisk/schemas';

const NOW = new Date('2026-10-10T12:00:00Z');
const core = (seed = 7, borrowers = 200) => createSandboxCore({ seed, borrowers, now: NOW, frozenClock: true });

/** Every item of every company, as the API would serve it. */
function allItems(world: World): Array<{ orgNr: string; troubled: boolean; item: AccountingItem }> {
  const out: Array<{ orgNr: string; troubled: boolean; item: AccountingItem }> = [];
  for (const c of world.companies) {
    for (const i of world.materialize(c).items) {
      out.push({ orgNr: c.orgNr, troubled: c.profile.troubled, item: AccountingItem.parse(world.itemJson(c, i)) });
    }
  }
  return out;
}

const cents = (x: number): number => Math.round(x * 100);

function expectReconciles(item: AccountingItem): void {
  const p = item.data.p_and_l_items;
  // To the cent, in integer cents (the floats carry noise like the public example's 5221921.500000001).
  expect(cents(p.ebitda)).toBe(cents(p.revenues) - cents(p.expenses));
  expect(cents(p.depreciation_and_amortization)).toBe(cents(p.depreciation) + cents(p.amortization));
  expect(cents(p.ebit)).toBe(cents(p.ebitda) - cents(p.depreciation_and_amortization));
  expect(cents(p.net_profit)).toBe(
    cents(p.ebit) + cents(p.interest_income) - cents(p.interest_expenses) + cents(p.other_financial_income) -
      cents(p.other_financial_expenses) - cents(p.taxes),
  );
  // And in floating point within a rounding error, as the example does.
  expect(Math.abs(p.revenues - p.expenses - p.ebitda)).toBeLessThan(1e-6);
  const b = item.data.balance_items;
  for (const v of [...Object.values(p), ...Object.values(b)]) expect(Number.isFinite(v)).toBe(true);
  expect(b.total_assets).toBeGreaterThan(0);
}

describe('determinism', () => {
  it('the same seed, clock and size give the same data; another seed different data', () => {
    const a = core(7, 60);
    const b = core(7, 60);
    expect(a.control.truth()).toEqual(b.control.truth());
    const itemsA = allItems(a.world).map((x) => x.item);
    expect(allItems(b.world).map((x) => x.item)).toEqual(itemsA);
    const c = core(8, 60);
    expect(c.control.orgNrs()).not.toEqual(a.control.orgNrs());
  });

  it('lazy generation does not depend on the order borrowers are first read', () => {
    const a = core(7, 40);
    const b = core(7, 40);
    const fwd = a.world.companies.map((c) => a.world.materialize(c).items.map((i) => a.world.itemJson(c, i)));
    const rev = [...b.world.companies].reverse().map((c) => b.world.materialize(c).items.map((i) => b.world.itemJson(c, i)));
    expect(rev.reverse()).toEqual(fwd);
  });

  it('time advances are deterministic too', () => {
    const a = core(7, 40);
    const b = core(7, 40);
    for (const x of [a, b]) {
      x.control.advanceTime({ days: 20, share: 0.5 });
      x.control.advanceTime({ days: 100 });
    }
    expect(a.control.truth()).toEqual(b.control.truth());
    expect(allItems(a.world).map((x) => x.item)).toEqual(allItems(b.world).map((x) => x.item));
  });
});

describe('borrowers', () => {
  const { world, control } = core(7, 300);
  const companies = world.companies;

  it('have unique, valid MOD11 org numbers and unique plausible names', () => {
    const orgNrs = companies.map((c) => c.orgNr);
    expect(new Set(orgNrs).size).toBe(orgNrs.length);
    for (const o of orgNrs) expect(isValidOrgNr(o), o).toBe(true);
    expect(new Set(companies.map((c) => c.name)).size).toBe(companies.length);
    for (const c of companies) {
      expect(c.name).toMatch(/^[A-ZÆØÅ][\wæøåÆØÅ&\- ]+ (AS|ASA)$/);
      expect(c.profile.contact.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9]+\.no$/);
    }
    expect(isValidOrgNr(DEMO_CLIENT.bankOrgNr)).toBe(true);
    expect(DEMO_CLIENT.scopes).toEqual([...ALL_SCOPES]);
  });

  it('use every accounting system, several relationship states, and 15-20% are troubled', () => {
    expect(new Set(companies.map((c) => c.profile.accountingSystem))).toEqual(new Set(ACCOUNTING_SYSTEMS));
    const states = control.truth().map((t) => t.state);
    const share = (s: string) => states.filter((x) => x === s).length / states.length;
    expect(share('access_approved')).toBeGreaterThan(0.65);
    expect(share('access_requested')).toBeGreaterThan(0.05);
    expect(share('access_denied') + share('access_revoked')).toBeGreaterThan(0.03);
    const troubled = companies.filter((c) => c.profile.troubled).length / companies.length;
    expect(troubled).toBeGreaterThanOrEqual(0.13);
    expect(troubled).toBeLessThanOrEqual(0.22);
  });

  it('about ten snapshots each plus the prior-year comparatives, 2-5 closed years, ids rising with fetchedAt', () => {
    let total = 0;
    let repeatedYear = 0;
    for (const c of companies) {
      const items = world.materialize(c).items.map((i) => AccountingItem.parse(world.itemJson(c, i)));
      total += items.length;
      const years = new Set(items.map((i) => i.data.year));
      if (years.size < items.length) repeatedYear++;
      const closed = [...years].filter((y) => y < 2026 && items.some((i) => i.data.year === y && i.data.end_date.endsWith('12-31')));
      expect(closed.length).toBeGreaterThanOrEqual(2);
      expect(closed.length).toBeLessThanOrEqual(7);
      for (let k = 1; k < items.length; k++) {
        expect(items[k]!.id).toBeGreaterThan(items[k - 1]!.id);
        expect(items[k]!.fetchedAt >= items[k - 1]!.fetchedAt).toBe(true);
      }
      for (const i of items) expect(i.fetchedAt <= formatMicros(NOW.getTime() * 1000)).toBe(true);
    }
    expect(repeatedYear / companies.length).toBeGreaterThan(0.8);
    // About ten of their own (closed years, a year to date per refresh, now and then a restatement); 85 % of the
    // borrowers also get the same period last year with each year to date, which brings the mean to about 16.
    const avg = total / companies.length;
    expect(avg).toBeGreaterThan(13);
    expect(avg).toBeLessThan(20);
  });
});

describe('figures', () => {
  it('every generated snapshot reconciles by the identities (also after time advances and restatements)', () => {
    const { world, control } = core(11, 150);
    control.advanceTime({ days: 45 });
    control.advanceTime({ days: 90, share: 0.7 });
    control.advanceTime({ days: 200, share: 0.5 });
    const items = allItems(world);
    expect(items.length).toBeGreaterThan(1500);
    for (const { item } of items) expectReconciles(item);
  });

  it('periods are consistent: days_included, start and end dates, taxes only in full years', () => {
    for (const { item } of allItems(core(7, 80).world)) {
      const d = item.data;
      const start = Date.parse(`${d.start_date}T00:00:00Z`);
      const end = Date.parse(`${d.end_date}T00:00:00Z`);
      expect(d.days_included).toBe((end - start) / 86_400_000 + 1);
      expect(d.start_date).toBe(`${d.year}-01-01`);
      expect(d.end_date.slice(0, 4)).toBe(String(d.year));
      if (!d.end_date.endsWith('12-31')) expect(d.p_and_l_items.taxes).toBe(0);
      expect(d.p_and_l_items.revenues).toBeGreaterThan(0);
    }
  });

  it('troubled borrowers show falling revenue, losses, negative equity or weak interest cover', () => {
    const items = allItems(core(7, 300).world);
    const finals = (orgNr: string) =>
      items.filter((x) => x.orgNr === orgNr && x.item.data.end_date.endsWith('12-31')).map((x) => x.item.data);
    const troubled = [...new Set(items.filter((x) => x.troubled).map((x) => x.orgNr))];
    let signs = 0;
    for (const orgNr of troubled) {
      const f = finals(orgNr).sort((a, b) => a.year - b.year);
      const last = f.at(-1)!;
      const prev = f.at(-2)!;
      const p = last.p_and_l_items;
      if (
        p.revenues < prev.p_and_l_items.revenues &&
        (p.net_profit < 0 || last.balance_items.equity < 0 || p.ebitda < 2 * p.interest_expenses)
      ) signs++;
    }
    expect(signs / troubled.length).toBeGreaterThan(0.6);
    expect(items.some((x) => x.item.data.balance_items.equity < 0)).toBe(true);
    // Healthy borrowers mostly make money.
    const healthyFinals = items.filter((x) => !x.troubled && x.item.data.end_date.endsWith('12-31'));
    expect(healthyFinals.filter((x) => x.item.data.p_and_l_items.net_profit > 0).length / healthyFinals.length).toBeGreaterThan(0.7);
  });

  it('restatements: a later item for a closed year with other figures', () => {
    const items = allItems(core(7, 300).world);
    let restated = 0;
    const byKey = new Map<string, AccountingItem[]>();
    for (const { orgNr, item } of items) {
      if (!item.data.end_date.endsWith('12-31')) continue;
      const key = `${orgNr}:${item.data.year}`;
      byKey.set(key, [...(byKey.get(key) ?? []), item]);
    }
    for (const list of byKey.values()) {
      if (list.length < 2) continue;
      restated++;
      expect(list[1]!.id).toBeGreaterThan(list[0]!.id);
      expect(list[1]!.data.p_and_l_items.revenues).not.toBe(list[0]!.data.p_and_l_items.revenues);
    }
    expect(restated).toBeGreaterThan(5);
  });
});

describe('notifications', () => {
  it('come in several types for borrowers and banks', () => {
    const { world, control } = core(7, 200);
    control.advanceTime({ days: 60 });
    const types = new Set(world.companies.flatMap((c) => world.materialize(c).notifications.map((n) => n.type)));
    for (const t of ['information', 'data_refresh', 'warning']) expect(types.has(t), t).toBe(true);
    const bankTypes = new Set(world.client().notifications.map((n) => n.type));
    for (const t of ['information', 'data_refresh', 'warning']) expect(bankTypes.has(t), t).toBe(true);
    const ids = world.client().notifications.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe('faults and flags', () => {
  it('fault decisions are a function of the seed and the request number', () => {
    const run = (seed: number) => {
      const f = new Faults(seed, { errorRate: 0.3, dropRate: 0.1, malformedRate: 0.1 });
      return Array.from({ length: 50 }, () => f.forApi()).map((d) => [d.status, d.drop, d.malformed]);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    expect(() => new Faults(1, { errorRate: 1.5 })).toThrow();
  });

  it('the command line maps onto options and faults', () => {
    const o = parseCli(
      '--port 4011 --borrowers 200 --seed 9 --omit-org-nr --shuffle --latency 25 --jitter 5 --error-rate 0.05 --rate-limit 20:3:2 --retry-after-date --malformed-rate 0.01 --truncated-rate 0.02 --slow-body 100 --drop-rate 0.03 --early-expiry-rate 0.04 --page-drift --fault-seed 3 --token-ttl 30 --now 2026-01-15T10:00:00Z'.split(' '),
    );
    expect(o).toMatchObject({ port: 4011, borrowers: 200, seed: 9, omitOrgNr: true, shuffle: true, tokenTtlSeconds: 30 });
    expect(o.now?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(o.faults).toEqual({
      latencyMs: 25,
      jitterMs: 5,
      errorRate: 0.05,
      rateLimit: { everyNth: 20, burst: 3, retryAfterSeconds: 2, asHttpDate: true },
      malformedRate: 0.01,
      truncatedRate: 0.02,
      slowBodyMs: 100,
      dropRate: 0.03,
      earlyTokenExpiryRate: 0.04,
      pageDrift: true,
      seed: 3,
    });
    expect(parseCli([]).port).toBe(4010);
    expect(() => parseCli(['--latency', 'x'])).toThrow();
    // orgNr in relationship items: opted in by --org-nr, else the default (relationshipOrgNr() resolves it).
    expect(parseCli(['--org-nr'])).toMatchObject({ relationshipOrgNr: true, omitOrgNr: false });
    expect(parseCli([])).not.toHaveProperty('relationshipOrgNr');
    expect(() => parseCli(['--org-nr', '--omit-org-nr'])).toThrow(/contradict/);
    expect(relationshipOrgNr({ omitOrgNr: true })).toBe(false);
    expect(relationshipOrgNr({ relationshipOrgNr: true, omitOrgNr: true })).toBe(true);
    expect(relationshipOrgNr({})).toBe(SANDBOX_DEFAULTS.relationshipOrgNr);
    // The documented shape is the default: the list carries no org numbers.
    expect(SANDBOX_DEFAULTS.relationshipOrgNr).toBe(false);
  });
});

describe('the bank’s customer list', () => {
  it('names all its relationships but a few approved ones, plus two numbers Symetrisk does not know; the same for the same seed', () => {
    for (const borrowers of [40, 200]) {
      const { control } = core(7, borrowers);
      const list = control.customerList();
      const truth = control.truth();
      expect(list).toEqual([...list].sort());
      expect(list.every(isValidOrgNr)).toBe(true);
      const known = new Set(truth.map((t) => t.orgNr));
      const unknown = list.filter((o) => !known.has(o));
      expect(unknown).toHaveLength(2);
      const unlisted = truth.filter((t) => !list.includes(t.orgNr));
      const approved = truth.filter((t) => t.state === 'access_approved').length;
      expect(unlisted).toHaveLength(Math.min(4, Math.floor(approved / 6)));
      expect(unlisted.every((t) => t.state === 'access_approved')).toBe(true);
      expect(core(7, borrowers).control.customerList()).toEqual(list);
    }
    // The Demo's world (seed 7, 40 borrowers): four relationships to attach.
    const demo = core(7, 40).control;
    expect(demo.truth().filter((t) => !demo.customerList().includes(t.orgNr))).toHaveLength(4);
  });
});
