import { describe, expect, it } from 'vitest';
import { RULE_IDS, analyseBorrower } from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

describe('analyseBorrower', () => {
  it('the public example: latest = 2025 YTD, one breach, no restatement, both years reconcile', () => {
    const a = analyseBorrower([EXAMPLE_2024, EXAMPLE_2025], { now: new Date('2025-10-10T00:00:00Z'), maxAgeDays: 90 });
    expect(a.latest?.snapshot.id).toBe(2);
    expect(a.years.map((y) => y.snapshot.id)).toEqual([2, 1]);
    expect(a.years[0]).toBe(a.latest);
    expect(a.latest?.priorYear).toMatchObject({ ok: true, period: { method: 'pro_rata_full_year', estimate: true } });
    expect(a.latest?.ltm).toMatchObject({ ok: true, period: { method: 'ltm_estimate', estimate: true } });
    // revenue growth: 6 110 372.81 / (13 163 978.27 × 227 / 366) − 1 = −0.251596551
    expect(a.latest?.ratios.revenue_growth.value).toBeCloseTo(-0.251596551, 8);
    expect(a.earlyWarning?.breaches.map((b) => b.rule)).toEqual(['revenue_growth_min']);
    expect(a.years.every((y) => y.reconciliation.ok)).toBe(true);
    expect(a.latest?.flags).toEqual([]);
    expect(a.restatements).toEqual([]);
    expect(a.revisions).toEqual([]);
    expect(a.replaced).toEqual([]);
  });

  it('covenants reach the early warning; restatements are listed', () => {
    const refetched = makeItem({ id: 3, start: '2024-01-01', end: '2024-12-31', snapshotDate: '2025-01-15' });
    const restated = makeItem({ id: 4, start: '2024-01-01', end: '2024-12-31', snapshotDate: '2025-03-01', pl: { taxes: 35_000 } });
    const a = analyseBorrower([refetched, restated], {
      now: new Date('2025-03-02T00:00:00Z'),
      covenants: [{ rule: 'interest_cover_min', limit: 20 }],
    });
    // interest cover 150 000 / 10 000 = 15; headroom 15 − 20 = −5; relative −5 / 20 = −0.25
    expect(a.earlyWarning?.breaches.find((b) => b.rule === 'interest_cover_min')).toMatchObject({
      source: 'covenant',
      actual: 15,
      headroom: -5,
      relativeHeadroom: -0.25,
    });
    // the fixture's NIBD 2 500 000 / EBITDA 200 000 = 12.5 breaches the default 4: 4 − 12.5 = −8.5
    expect(a.earlyWarning?.breaches.find((b) => b.rule === 'nibd_to_ebitda_max')).toMatchObject({ source: 'threshold', headroom: -8.5 });
    expect(a.restatements.map((r) => r.moved.map((m) => m.id))).toEqual([['taxes', 'net_profit']]);
  });

  it('a borrower without snapshots', () => {
    const a = analyseBorrower([], { now: new Date() });
    expect(a).toMatchObject({ latest: null, earlyWarning: null, years: [], restatements: [], revisions: [], replaced: [], bases: null, views: null });
    // every rule in force, none testable, each saying why
    expect(a.covenants.map((t) => [t.rule, t.status])).toEqual(RULE_IDS.map((r) => [r, 'not_testable']));
    expect(a.covenants[0]!.sentence.nb).toBe('Egenkapitalandel – krav minst 20,0\u00a0% – kan ikke testes: Låntakeren har ingen regnskapsuttrekk å teste.');
  });
});
