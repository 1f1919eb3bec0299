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
