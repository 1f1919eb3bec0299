/**
 * The borrower page's figures (renderer/src/lib/borrower-analysis.ts borrowerPage) on the golden cases of
 * tests/unit/shared/analysis/golden.test.ts: each statement column with its basis label, the change column in per
 * cent and percentage points, the chart periods in the columns' order (oldest to newest) with n.m. kept, the tax
 * notes, the replaced snapshots; the revision each column and snapshot opens, the chart's amount axis.
 */
import { describe, expect, it } from 'vitest';
import {
  accountingSystemName,
  borrowerPage,
  chartAmountScale,
  formatAxisAmount,
  replacedKeysOf,
  revisionOfSnapshot,
  snapshotPeriodLabel,
  snapshotsInPeriodOrder,
} from '../../../../renderer/src/lib/borrower-analysis';
import type { dto } from '../../../../shared/contract';
import type { AccountingItem, BalanceItems } from '../../../../shared/symetrisk/schemas';

const NOW = new Date('2025-07-25T12:00:00Z');

const DAY = 86_400_000;

/** An item whose identities hold (the renderer's tests load no main-side fixtures). */
function item(id: number, start: string, end: string, pl: { revenues: number; expenses: number; depreciation?: number; interest_expenses?: number }, bal: BalanceItems, fetchedAt?: string): AccountingItem {
  const depreciation = pl.depreciation ?? 0;
  const interest = pl.interest_expenses ?? 0;
  const ebitda = pl.revenues - pl.expenses;
  const ebit = ebitda - depreciation;
  return {
    id,
    data: {
      symetrisk_real_time_accounts_format_version: '2025-09-19',
      year: Number(start.slice(0, 4)),
      start_date: start,
      end_date: end,
      days_included: Math.round((Date.parse(end) - Date.parse(start)) / DAY) + 1,
      p_and_l_items: {
        revenues: pl.revenues,
        expenses: pl.expenses,
        ebitda,
        depreciation,
        amortization: 0,
        depreciation_and_amortization: depreciation,
        ebit,
        interest_income: 0,
        interest_expenses: interest,
        other_financial_income: 0,
        other_financial_expenses: 0,
        taxes: 0,
        net_profit: ebit - interest,
      },
      balance_items: bal,
    },
    snapshotDate: end,
    fetchedAt: fetchedAt ?? `${end}T12:00:00.000000`,
    origin: 'api',
    accountingSystem: 'fiken',
  } as AccountingItem;
}

/** A borrower detail as portfolio:borrower gives it: the snapshots with their keys (key = 100 + API id), the row's revisions. */
function detail(items: AccountingItem[], revisions: dto.RowRevision[] = []): dto.BorrowerDetail {
  const snapshots: dto.Snapshot[] = items.map((i) => ({
    key: 100 + i.id,
    itemId: i.id,
    orgNr: '923609016',
    year: i.data.year,
    startDate: i.data.start_date,
    endDate: i.data.end_date,
    daysIncluded: i.data.days_included,
    snapshotDate: i.snapshotDate,
    fetchedAt: i.fetchedAt,
    accountingSystem: i.accountingSystem,
    origin: i.origin,
    formatVersion: i.data.symetrisk_real_time_accounts_format_version,
    data: i.data,
    firstSeenAt: i.fetchedAt,
    lastSeenAt: i.fetchedAt,
  }));
  return { snapshots, row: { revisions } } as unknown as dto.BorrowerDetail;
}

const netDebt = [
  item(1, '2024-01-01', '2024-12-31', { revenues: 10_000_000, expenses: 10_500_000, depreciation: 100_000, interest_expenses: 300_000 }, { equity: 1_000_000, interest_bearing_debt: 6_000_000, net_interest_bearing_debt: 5_800_000, total_assets: 9_000_000 }),
  item(2, '2024-01-01', '2024-06-30', { revenues: 5_000_000, expenses: 5_100_000, depreciation: 50_000, interest_expenses: 140_000 }, { equity: 1_600_000, interest_bearing_debt: 5_900_000, net_interest_bearing_debt: 5_700_000, total_assets: 9_300_000 }),
  item(3, '2025-01-01', '2025-06-30', { revenues: 4_000_000, expenses: 4_400_000, depreciation: 50_000, interest_expenses: 150_000 }, { equity: 400_000, interest_bearing_debt: 6_500_000, net_interest_bearing_debt: 6_300_000, total_assets: 8_800_000 }),
];
const labels = (cols: { period: { label: { nb: string } } }[]) => cols.map((c) => c.period.label.nb);

describe('the borrower page of a loss-maker with net debt', () => {
  it('on LTM: oldest to newest, every year’s latest snapshot with its basis and the twelve months last; leverage n.m. kept on the chart', () => {
    const p = borrowerPage(detail(netDebt), 'ltm', 45, NOW);
    expect(labels(p.columns)).toEqual(['2024 (helår)', '01.01–30.06.2025 (HiÅ)', 'Siste 12 mnd per 30.06.2025']);
    expect(p.columns.map((c) => c.role)).toEqual(['year', 'year', 'basis']);
    // No LTM a year earlier (no FY 2023): no change column
    expect(p.change).toBeNull();
    expect(p.view!.comparable.ok).toBe(false);
    expect(labels(p.chart)).toEqual(['2024 (helår)', 'Siste 12 mnd per 30.06.2025']);
    expect(p.chart[1]!.ratios.nibd_to_ebitda).toMatchObject({ value: null, kind: 'not_meaningful', reason: 'negative_ebitda' });
    // Both the LTM and the year to date hold a year to date without booked tax, and say so
    expect(p.taxNotes.map((n) => n.label.nb)).toEqual(['01.01–30.06.2025 (HiÅ)', 'Siste 12 mnd per 30.06.2025']);
    // The twelve months are derived; each snapshot as reported is reconciled on its own
    expect(p.columns.map((c) => c.reconciliation?.ok ?? null)).toEqual([true, true, null]);
  });

  it('on the year to date: against the same period last year, −20 % revenue and −8.0 pp EBITDA margin', () => {
    const p = borrowerPage(detail(netDebt), 'ytd', 45, NOW);
    // The same period a year earlier ends before the full year 2024, the year to date after it; the change follows the basis
    expect(labels(p.columns)).toEqual(['01.01–30.06.2024 (HiÅ i fjor)', '2024 (helår)', '01.01–30.06.2025 (HiÅ)']);
    expect(p.columns.map((c) => c.role)).toEqual(['comparable', 'year', 'basis']);
    expect(labels(p.chart)).toEqual(['2024 (helår)', '01.01–30.06.2025 (HiÅ)']);
    expect(p.change!.flowsComparable).toBe(true);
    expect(p.change!.lines.revenues).toBeCloseTo(-0.2, 12);
    // −400 000 / 4 000 000 = −0.1 against −100 000 / 5 000 000 = −0.02
    expect(p.change!.ratios.ebitda_margin).toMatchObject({ unit: 'pp', relative: null });
    expect(p.change!.ratios.ebitda_margin.absolute).toBeCloseTo(-0.08, 12);
    // 6 300 000 NIBD against 5 700 000: a balance grows like for like, +10.5 %
    expect(p.change!.lines.net_interest_bearing_debt).toBeCloseTo(600_000 / 5_700_000, 12);
  });
});

describe('a revised year to date', () => {
  const bal = { equity: 2_000_000, interest_bearing_debt: 800_000, net_interest_bearing_debt: 500_000, total_assets: 4_000_000 };
  const first = item(20, '2025-01-01', '2025-06-30', { revenues: 5_000_000, expenses: 4_480_000 }, bal, '2025-07-05T08:00:00.000000');
  const revised = item(21, '2025-01-01', '2025-06-30', { revenues: 4_500_000, expenses: 4_480_000 }, { ...bal, equity: 1_500_000, total_assets: 3_500_000 }, '2025-07-20T08:00:00.000000');
  const rev: dto.RowRevision = { kind: 'interim_revision', year: 2025, startDate: '2025-01-01', endDate: '2025-06-30', beforeKey: 120, afterKey: 121, summary: { en: '', nb: '' }, lines: ['revenues'] };

  it('marks the columns built from the revised snapshot, and the replaced one stays in the provenance', () => {
    const p = borrowerPage(detail([first, revised], [rev]), 'ytd', 45, NOW);
    expect(labels(p.columns)).toEqual(['01.01–30.06.2025 (HiÅ)']);
    expect(p.columns[0]!.revised).toBe(true);
    expect(p.columns[0]!.period.flows.revenues).toBe(4_500_000);
    expect([...p.replacedKeys]).toEqual([120]);
    // On LTM it falls back to the annualised year to date, and says why
    const ltm = borrowerPage(detail([first, revised], [rev]), 'ltm', 45, NOW);
    expect(ltm.view!.fallback?.nb).toBe('Ingen helårsrapport for 2024 er tilgjengelig. Vist i stedet: 2025 annualisert (×365/181).');
    expect(labels(ltm.columns)).toEqual(['01.01–30.06.2025 (HiÅ)', '2025 annualisert (×365/181)']);
  });
});

describe('zero revenue (two full years)', () => {
  const bal = { equity: 500_000, interest_bearing_debt: 1_100_000, net_interest_bearing_debt: 1_000_000, total_assets: 2_000_000 };
  const items = [
    item(50, '2023-01-01', '2023-12-31', { revenues: 0, expenses: 300_000, interest_expenses: 15_000 }, bal),
    item(51, '2024-01-01', '2024-12-31', { revenues: 0, expenses: 400_000, interest_expenses: 20_000 }, bal),
  ];

  it('a full year is its own LTM: not shown twice, on the chart or in the statements; margins n.m.', () => {
    const p = borrowerPage(detail(items), 'ltm', 45, NOW);
    expect(labels(p.columns)).toEqual(['Siste 12 mnd per 31.12.2023', 'Siste 12 mnd per 31.12.2024']);
    // A full year the columns already show is that column on the chart: one label for one period on the page
    expect(labels(p.chart)).toEqual(['Siste 12 mnd per 31.12.2023', 'Siste 12 mnd per 31.12.2024']);
    expect(p.chart.map((c) => c.ratios.ebitda_margin.value)).toEqual([null, null]);
    // EBITDA −400 000 against −300 000: a relative change of −33.3 %; revenue from 0 has none
    expect(p.change!.lines.ebitda).toBeCloseTo(-1 / 3, 12);
    expect(p.change!.lines.revenues).toBeNull();
  });
});

describe('one period order, and the chart in it', () => {
  const bal = { equity: 3_000_000, interest_bearing_debt: 1_000_000, net_interest_bearing_debt: 800_000, total_assets: 6_000_000 };
  const years = [
    item(60, '2022-01-01', '2022-12-31', { revenues: 9_000_000, expenses: 8_000_000 }, bal),
    item(61, '2023-01-01', '2023-12-31', { revenues: 10_000_000, expenses: 8_800_000 }, bal),
    item(62, '2024-01-01', '2024-12-31', { revenues: 11_000_000, expenses: 9_500_000 }, bal),
    item(63, '2024-01-01', '2024-06-30', { revenues: 5_000_000, expenses: 4_400_000 }, bal),
    item(64, '2025-01-01', '2025-06-30', { revenues: 5_600_000, expenses: 4_900_000 }, bal),
  ];

  it('on every basis the columns run oldest to newest, the basis right before its change, and the chart’s periods in the same order', () => {
    for (const basis of ['ltm', 'last_financial_year', 'ytd', 'annualised'] as const) {
      const p = borrowerPage(detail(years), basis, 45, NOW);
      const ends = p.columns.map((c) => c.period.end);
      expect(ends, basis).toEqual([...ends].sort());
      const cols = labels(p.columns);
      const chart = labels(p.chart);
      // Every chart period is a column, and they come in the columns' order
      const at = chart.map((l) => cols.indexOf(l));
      expect(at.every((i) => i >= 0), `${basis}: ${chart.join(', ')} in ${cols.join(', ')}`).toBe(true);
      expect(at, basis).toEqual([...at].sort((a, b) => a - b));
    }
    expect(labels(borrowerPage(detail(years), 'ltm', 45, NOW).columns)).toEqual([
      '2022 (helår)',
      '2023 (helår)',
      'Siste 12 mnd per 30.06.2024 (anslag)',
      '2024 (helår)',
      '01.01–30.06.2025 (HiÅ)',
      'Siste 12 mnd per 30.06.2025',
    ]);
  });

  it('snapshots oldest first, each labelled as its figures are', () => {
    const d = detail([...years].reverse());
    const ordered = snapshotsInPeriodOrder(d.snapshots);
    expect(ordered.map((s) => s.itemId)).toEqual([60, 61, 63, 62, 64]);
    expect(ordered.map((s) => snapshotPeriodLabel(s).nb)).toEqual(['2022 (helår)', '2023 (helår)', '01.01–30.06.2024 (HiÅ)', '2024 (helår)', '01.01–30.06.2025 (HiÅ)']);
    expect(snapshotPeriodLabel(ordered[2]!).en).toBe('01.01–30.06.2024 (YTD)');
  });
});

describe('revisions one click from their flag', () => {
  const bal = { equity: 2_000_000, interest_bearing_debt: 800_000, net_interest_bearing_debt: 500_000, total_assets: 4_000_000 };
  const v1 = item(70, '2024-01-01', '2024-12-31', { revenues: 5_000_000, expenses: 4_000_000 }, bal, '2025-01-10T08:00:00.000000');
  const v2 = item(71, '2024-01-01', '2024-12-31', { revenues: 4_800_000, expenses: 4_000_000 }, bal, '2025-03-10T08:00:00.000000');
  const v3 = item(72, '2024-01-01', '2024-12-31', { revenues: 4_700_000, expenses: 4_000_000 }, bal, '2025-05-10T08:00:00.000000');
  const r12: dto.RowRevision = { kind: 'restatement', year: 2024, startDate: '2024-01-01', endDate: '2024-12-31', beforeKey: 170, afterKey: 171, summary: { en: '', nb: '' }, lines: ['revenues'] };
  const r23: dto.RowRevision = { ...r12, beforeKey: 171, afterKey: 172 };

  it('a version opens the comparison with the version before it; the first version the one that replaced it; a lone snapshot none', () => {
    expect(revisionOfSnapshot(172, [r12, r23])).toBe(r23);
    expect(revisionOfSnapshot(171, [r12, r23])).toBe(r12);
    expect(revisionOfSnapshot(170, [r12, r23])).toBe(r12);
    expect(revisionOfSnapshot(999, [r12, r23])).toBeNull();
  });

  it('the restated year’s column carries the latest restatement, and the replaced versions are known', () => {
    const d = detail([v1, v2, v3], [r12, r23]);
    const p = borrowerPage(d, 'last_financial_year', 45, NOW);
    expect(p.columns).toHaveLength(1);
    expect(p.columns[0]!.revision).toBe(r23);
    expect([...replacedKeysOf(d.snapshots)].sort()).toEqual([170, 171]);
  });
});

describe('the chart’s amount axis', () => {
  it('never in whole kroner: MNOK from NOK 10 million, else NOK 1 000; NOK 1 000 whenever Settings says so', () => {
    expect(chartAmountScale([7_139_678, 677_794, null], 'nok')).toBe('thousands');
    expect(chartAmountScale([110_389_452, -3_000_000], 'nok')).toBe('millions');
    expect(chartAmountScale([-12_000_000], 'nok')).toBe('millions');
    expect(chartAmountScale([110_389_452], 'thousands')).toBe('thousands');
    expect(chartAmountScale([], 'nok')).toBe('thousands');
  });

  it('ticks in the axis’s unit', () => {
    const NB = '\u00a0';
    expect(formatAxisAmount(7_000_000, 'thousands', 'nb')).toBe(`7${NB}000`);
    expect(formatAxisAmount(7_000_000, 'millions', 'nb')).toBe('7');
    expect(formatAxisAmount(7_500_000, 'millions', 'nb')).toBe('7,5');
    expect(formatAxisAmount(-2_500_000, 'millions', 'nb')).toBe('\u22122,5');
  });
});

describe('accounting systems by their makers’ names', () => {
  it('"visma" is Visma eAccounting, "tripletex" Tripletex; one the table lacks keeps its spelling, capitalised', () => {
    expect(accountingSystemName('visma')).toBe('Visma eAccounting');
    expect(accountingSystemName('tripletex')).toBe('Tripletex');
    expect(accountingSystemName('Fiken')).toBe('Fiken');
    expect(accountingSystemName('24sevenoffice')).toBe('24SevenOffice');
    expect(accountingSystemName('mamut')).toBe('Mamut');
  });
});
