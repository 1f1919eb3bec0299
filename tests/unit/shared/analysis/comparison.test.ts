import { describe, expect, it } from 'vitest';
import { change, compareSnapshots, detectRestatements, restatementBetween } from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from './fixtures';

describe('change', () => {
  it('absolute and relative to |base|; relative is null from a zero base', () => {
    expect(change(200, 150)).toEqual({ base: 200, target: 150, absolute: -50, relative: -0.25 });
    // from a negative base, an improvement is positive: (−50 − (−100)) / 100 = +0.5
    expect(change(-100, -50).relative).toBe(0.5);
    expect(change(0, 10)).toEqual({ base: 0, target: 10, absolute: 10, relative: null });
    expect(change(null, 10)).toEqual({ base: null, target: 10, absolute: null, relative: null });
  });
});

describe('compareSnapshots on the public example (2024 full year → 2025 YTD)', () => {
  const line = (c: ReturnType<typeof compareSnapshots>, id: string) => c.lines.find((l) => l.id === id)!;
  const ratio = (c: ReturnType<typeof compareSnapshots>, id: string) => c.ratios.find((r) => r.id === id)!;

  it('raw: every line as reported; no growth between a 226-day YTD and a 366-day year', () => {
    const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, 'raw');
    // the API's 17 lines and profit before tax
    expect(c.lines).toHaveLength(18);
    // 6 110 372.81 − 13 163 978.27 = −7 053 605.46, but no relative change: the windows are not like for like
    expect(line(c, 'revenues').absolute).toBeCloseTo(-7053605.46, 4);
    expect(line(c, 'revenues').relative).toBeNull();
    expect(c.comparable).toBe(false);
    expect(c.notComparable?.nb).toContain('366 dager mot 226');
    // profit before tax −383 453.54 → 872 619.59: +1 256 073.13
    expect(line(c, 'profit_before_tax').absolute).toBeCloseTo(1256073.13, 4);
    // equity unchanged: 6 364 035.56 both
    expect(line(c, 'equity')).toMatchObject({ absolute: 0, relative: 0 });
    // a zero base gives no relative change: interest-bearing debt 0 → 0
    expect(line(c, 'interest_bearing_debt')).toMatchObject({ absolute: 0, relative: null });
    expect(c.restatement).toBeNull();
    expect(c.revision).toBeNull();
  });

  it('annualised: the YTD side × 365 / 226; the full year unchanged', () => {
    const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, 'annualised');
    // 9 868 522.46 − 13 163 978.27 = −3 295 455.81; / 13 163 978.27 = −0.250338898
    expect(line(c, 'revenues').absolute).toBeCloseTo(-3295455.8114, 3);
    expect(line(c, 'revenues').relative).toBeCloseTo(-0.250338898, 8);
    // stocks never annualised: NIBD −2 388 447.57 → −1 775 076.05 = +613 371.52
    expect(line(c, 'net_interest_bearing_debt').absolute).toBeCloseTo(613371.52, 4);
    // revenue growth of the target against the prior year (both twelve-month equivalents)
    expect(ratio(c, 'revenue_growth').targetResult.value).toBeCloseTo(-0.250338898, 8);
  });

  it('pro_rata: the base full year × 226 / 366, marked as an estimate', () => {
    const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, 'pro_rata');
    expect(c.base).toMatchObject({ estimate: true });
    expect(c.base.label.nb).toBe('2024 (helår), forholdsmessig ×226/366 (anslag)');
    // base revenue 13 163 978.27 × 226 / 366 = 8 128 576.75; change −2 018 203.94; relative −0.248285032
    expect(line(c, 'revenues').base).toBeCloseTo(8128576.746, 3);
    expect(line(c, 'revenues').relative).toBeCloseTo(-0.248285032, 8);
    expect(ratio(c, 'revenue_growth').targetResult.value).toBeCloseTo(-0.248285032, 8);
    expect(c.base.days).toBe(226);
  });

  it('ratio changes are in percentage points (as fractions) or x, never relative, and the same in every mode', () => {
    for (const mode of ['raw', 'annualised', 'pro_rata'] as const) {
      const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, mode);
      // equity ratio 0.647725297 → 0.701634071: +0.053908774 (+5.4 pp)
      expect(ratio(c, 'equity_ratio'), mode).toMatchObject({ unit: 'pp', relative: null });
      expect(ratio(c, 'equity_ratio').absolute, mode).toBeCloseTo(0.053908774, 8);
      // ROE before tax −0.060253205 → 0.221450562: +0.281703767
      expect(ratio(c, 'return_on_equity').absolute, mode).toBeCloseTo(0.281703767, 8);
      // NIBD / EBITDA −1.922250763 → −1.237083194: +0.685167569x
      expect(ratio(c, 'nibd_to_ebitda')).toMatchObject({ unit: 'x', relative: null });
      expect(ratio(c, 'nibd_to_ebitda').absolute, mode).toBeCloseTo(0.685167569, 8);
      // interest cover 951.25 → n.m. (no interest): no change
      expect(ratio(c, 'interest_cover')).toMatchObject({ absolute: null, relative: null, targetResult: { value: null, reason: 'no_interest_expenses' } });
    }
  });

  it('passing the borrower’s snapshots gives the periods their opening balance (average ROA)', () => {
    const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, 'raw', [EXAMPLE_2024, EXAMPLE_2025]);
    // 2025: 1 418 436.85 / ((9 825 207.68 + 9 070 305.77) / 2) = 0.150134777; 2024 has no prior year end: closing
    expect(ratio(c, 'return_on_assets').targetResult.value).toBeCloseTo(0.150134777, 8);
    expect(ratio(c, 'return_on_assets').baseResult.value).toBeCloseTo(-0.030840741, 8);
  });

  it('the raw YTD against a full year gives no revenue growth (not like for like)', () => {
    const c = compareSnapshots(EXAMPLE_2024, EXAMPLE_2025, 'raw');
    expect(ratio(c, 'revenue_growth').targetResult).toMatchObject({ value: null, reason: 'not_comparable' });
  });
});

describe('restatements', () => {
  const first = makeItem({ id: 1, start: '2024-01-01', end: '2024-12-31', snapshotDate: '2025-01-15', fetchedAt: '2025-01-16T08:00:00.000000' });
  const same = makeItem({ id: 2, start: '2024-01-01', end: '2024-12-31', snapshotDate: '2025-02-15', fetchedAt: '2025-02-16T08:00:00.000000' });
  const restated = makeItem({
    id: 3,
    start: '2024-01-01',
    end: '2024-12-31',
    snapshotDate: '2025-03-15',
    fetchedAt: '2025-03-16T08:00:00.000000',
    pl: { expenses: 820_000 },
    bal: { equity: 1_980_000 },
  });

  it('flags a closed year whose figures moved between fetches, with the lines that moved', () => {
    const rs = detectRestatements([restated, first, same]);
    expect(rs).toHaveLength(1);
    const r = rs[0]!;
    expect(r).toMatchObject({ year: 2024, endDate: '2024-12-31', before: { id: 2 }, after: { id: 3 } });
    // expenses +20 000 moves EBITDA, EBIT and net profit by −20 000; equity −20 000
    expect(r.moved.map((m) => [m.id, m.change])).toEqual([
      ['expenses', 20_000],
      ['ebitda', -20_000],
      ['ebit', -20_000],
      ['net_profit', -20_000],
      ['equity', -20_000],
    ]);
  });

  it('floating-point noise is not a restatement', () => {
    const noisy = makeItem({ id: 4, start: '2024-01-01', end: '2024-12-31', snapshotDate: '2025-04-01', pl: { revenues: 1_000_000.000000001 } });
    expect(restatementBetween(first, noisy)).toBeNull();
  });

  it('a YTD that moves as the books move on is not a restatement; a year ending 31 Dec is closed', () => {
    const ytdA = makeItem({ id: 5, start: '2025-01-01', end: '2025-06-30' });
    const ytdB = makeItem({ id: 6, start: '2025-01-01', end: '2025-06-30', pl: { revenues: 1_100_000 }, snapshotDate: '2025-07-30' });
    expect(detectRestatements([ytdA, ytdB])).toEqual([]);
    const shortFirstA = makeItem({ id: 7, start: '2025-05-01', end: '2025-12-31' });
    const shortFirstB = makeItem({ id: 8, start: '2025-05-01', end: '2025-12-31', pl: { taxes: 31_000 }, snapshotDate: '2026-02-01' });
    expect(detectRestatements([shortFirstA, shortFirstB])[0]!.moved.map((m) => m.id)).toEqual(['taxes', 'net_profit']);
  });

  it('compareSnapshots of two fetches of the same closed year carries the restatement', () => {
    const c = compareSnapshots(first, restated, 'raw');
    expect(c.restatement?.moved.map((m) => m.id)).toContain('expenses');
    // the same in either direction: before is always the older fetch
    expect(compareSnapshots(restated, first, 'raw').restatement?.before.id).toBe(1);
    expect(compareSnapshots(restated, first, 'raw').revision).toMatchObject({ kind: 'restatement', before: { id: 1 }, after: { id: 3 } });
  });
});
