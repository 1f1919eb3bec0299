import { describe, expect, it } from 'vitest';
import { HALF_CENT, reconcile } from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

describe('reconcile', () => {
  it('the public example of 2025 reconciles to the cent', () => {
    const r = reconcile(EXAMPLE_2025.data);
    expect(r.ok).toBe(true);
    expect(r.tolerance).toBe(0.005);
    const byId = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    // ebitda: 6 110 372.81 − 5 221 921.50 = 888 451.31 (reported 888 451.3099999987)
    expect(byId.ebitda!.computed).toBeCloseTo(888451.31, 6);
    // net profit: 888 451.31 + 0 − 0 + (−10 186.30) − 5 645.42 − 0 = 872 619.59
    expect(byId.net_profit!.computed).toBeCloseTo(872619.59, 6);
    for (const c of r.checks) expect(Math.abs(c.difference)).toBeLessThan(1e-6);
  });

  it('the public example of 2024 reconciles to the cent', () => {
    const r = reconcile(EXAMPLE_2024.data);
    expect(r.ok).toBe(true);
    const byId = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    // ebitda: 13 163 978.27 − 11 921 451.74 = 1 242 526.53
    expect(byId.ebitda!.computed).toBeCloseTo(1242526.53, 6);
    // d&a: 24 921.77 + 0 = 24 921.77
    expect(byId.depreciation_and_amortization!.computed).toBeCloseTo(24921.77, 6);
    // ebit: 1 242 526.53 − 24 921.77 = 1 217 604.76
    expect(byId.ebit!.computed).toBeCloseTo(1217604.76, 6);
    // net: 1 217 604.76 − 15 522 − 1 280 − 1 505 099.45 − 79 156.85 − 290 992 = −674 445.54
    expect(byId.net_profit!.computed).toBeCloseTo(-674445.54, 6);
    for (const c of r.checks) expect(Math.abs(c.difference)).toBeLessThan(1e-6);
  });

  it('shows the difference of a broken identity, and a difference of exactly half a cent still holds', () => {
    const broken = makeItem({ id: 9, start: '2025-01-01', end: '2025-12-31', pl: { ebitda: 200_010 } });
    const r = reconcile(broken.data);
    expect(r.ok).toBe(false);
    const ebitda = r.checks.find((c) => c.id === 'ebitda')!;
    // reported 200 010 − computed (1 000 000 − 800 000) = +10
    expect(ebitda.difference).toBe(10);
    expect(ebitda.holds).toBe(false);

    const atTolerance = makeItem({ id: 10, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 1000, expenses: 0, ebitda: 1000.005 } });
    // 1 000.005 − 1 000 is half a cent (within float noise): the same amount to the cent
    expect(Math.abs(reconcile(atTolerance.data).checks[0]!.difference)).toBeCloseTo(HALF_CENT, 9);
    expect(reconcile(atTolerance.data).checks[0]!.holds).toBe(true);
    const overTolerance = makeItem({ id: 11, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 1000, expenses: 0, ebitda: 1000.01 } });
    expect(reconcile(overTolerance.data).checks[0]!.holds).toBe(false);
  });
});
