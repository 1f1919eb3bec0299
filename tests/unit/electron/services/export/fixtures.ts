import { DEFAULT_THRESHOLDS } from '../../../../../shared/analysis';
import { AccountingItem } from '../../../../../shared/symetrisk/schemas';
import { createSandboxCore } from '../../../../../electron/sandbox/index';
import type { PackBorrower, PackSource } from '../../../../../electron/services/export/pack-source';

/** A fixed moment for every pack test, so data ages and file contents do not depend on the day. */
export const NOW = new Date('2025-08-20T10:00:00Z');

/**
 * Sandbox-generated borrowers straight from the world (no HTTP, no cache): the pack builder's input shape,
 * with the same items the API would serve.
 */
export function sandboxBorrowers(count: number, seed = 7): PackBorrower[] {
  const { world } = createSandboxCore({ seed, borrowers: count, now: NOW, frozenClock: true });
  const client = world.client();
  return client.relationships.map((rel) => {
    const company = world.companyByOrgNr.get(rel.orgNr)!;
    const approved = rel.state === 'access_approved';
    const items = approved ? world.materialize(company).items.map((i) => AccountingItem.parse(world.itemJson(company, i))) : [];
    return { orgNr: rel.orgNr, name: company.name, state: rel.state, lost: false, items, covenants: [] };
  });
}

export function sourceOf(borrowers: PackBorrower[], extra: Partial<PackSource> = {}): PackSource {
  return {
    bank: { name: 'Demo Sparebank', orgNr: '987654325' },
    profileName: 'Demo',
    dataSource: 'Symetrisk sandbox (Demo)',
    dataAsOf: new Date('2025-08-20T08:00:00Z'),
    thresholds: DEFAULT_THRESHOLDS,
    count: borrowers.length,
    borrowers: () => borrowers,
    ...extra,
  };
}

/** A borrower's latest year to date fetched again later with other figures: an interim revision. */
export function withRevisedYtd(b: PackBorrower, revenueFactor = 0.9): PackBorrower {
  const latest = [...b.items].sort((x, y) => (x.snapshotDate < y.snapshotDate ? -1 : x.snapshotDate > y.snapshotDate ? 1 : x.id - y.id)).at(-1)!;
  const p = latest.data.p_and_l_items;
  const revenues = p.revenues * revenueFactor;
  const ebitda = revenues - p.expenses;
  const ebit = ebitda - p.depreciation_and_amortization;
  const net = ebit + p.interest_income - p.interest_expenses + p.other_financial_income - p.other_financial_expenses - p.taxes;
  const revised = AccountingItem.parse({
    ...latest,
    id: latest.id + 100_000,
    fetchedAt: '2025-08-19T06:00:00.00000',
    data: { ...latest.data, p_and_l_items: { ...p, revenues, ebitda, ebit, net_profit: net } },
  });
  return { ...b, items: [...b.items, revised] };
}
