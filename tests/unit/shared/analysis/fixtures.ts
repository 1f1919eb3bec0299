import { AccountingItem, type BalanceItems, type PAndLItems } from '../../../../shared/symetrisk/schemas';
import { daysInclusive } from '../../../../shared/analysis/dates';

/** The two items of the public document's accounting-data example, verbatim (floating-point noise included). */
export const EXAMPLE_2025: AccountingItem = AccountingItem.parse({
  id: 2,
  data: {
    symetrisk_real_time_accounts_format_version: '2025-09-19',
    year: 2025,
    start_date: '2025-01-01',
    end_date: '2025-08-14',
    days_included: 226,
    p_and_l_items: {
      revenues: 6110372.81,
      expenses: 5221921.500000001,
      ebitda: 888451.3099999987,
      ebit: 888451.3099999987,
      interest_income: 0,
      interest_expenses: 0,
      taxes: 0,
      depreciation: 0,
      amortization: 0,
      depreciation_and_amortization: 0,
      other_financial_income: -10186.3,
      other_financial_expenses: 5645.42,
      net_profit: 872619.5899999986,
    },
    balance_items: {
      equity: 6364035.56,
      interest_bearing_debt: 0,
      net_interest_bearing_debt: -1775076.05,
      total_assets: 9070305.77,
    },
  },
  snapshotDate: '2025-08-14',
  fetchedAt: '2025-10-10T00:00:00.00000',
  origin: 'api',
  accountingSystem: 'fiken',
});

export const EXAMPLE_2024: AccountingItem = AccountingItem.parse({
  id: 1,
  data: {
    symetrisk_real_time_accounts_format_version: '2025-09-19',
    year: 2024,
    start_date: '2024-01-01',
    end_date: '2024-12-31',
    days_included: 366,
    p_and_l_items: {
      revenues: 13163978.270000001,
      expenses: 11921451.740000002,
      ebitda: 1242526.5299999993,
      ebit: 1217604.7599999993,
      interest_income: -15522,
      interest_expenses: 1280,
      taxes: 290992,
      depreciation: 24921.77,
      amortization: 0,
      depreciation_and_amortization: 24921.77,
      other_financial_income: -1505099.45,
      other_financial_expenses: 79156.85,
      net_profit: -674445.5400000006,
    },
    balance_items: {
      equity: 6364035.56,
      interest_bearing_debt: 0,
      net_interest_bearing_debt: -2388447.57,
      total_assets: 9825207.68,
    },
  },
  snapshotDate: '2024-12-31',
  fetchedAt: '2025-12-31T00:00:00.00000',
  origin: 'api',
  accountingSystem: 'fiken',
});

export interface ItemSpec {
  id: number;
  start: string;
  end: string;
  /** Defaults to the days from start to end. */
  days?: number;
  /** Base lines; ebitda, depreciation_and_amortization, ebit and net_profit are derived unless given. */
  pl?: Partial<PAndLItems>;
  bal?: Partial<BalanceItems>;
  snapshotDate?: string;
  fetchedAt?: string;
  version?: string;
}

/** A synthetic item whose identities hold unless the spec overrides a derived line. */
export function makeItem(spec: ItemSpec): AccountingItem {
  const base = {
    revenues: 1_000_000,
    expenses: 800_000,
    depreciation: 50_000,
    amortization: 0,
    interest_income: 0,
    interest_expenses: 10_000,
    other_financial_income: 0,
    other_financial_expenses: 0,
    taxes: 30_000,
    ...spec.pl,
  };
  const ebitda = spec.pl?.ebitda ?? base.revenues - base.expenses;
  const da = spec.pl?.depreciation_and_amortization ?? base.depreciation + base.amortization;
  const ebit = spec.pl?.ebit ?? ebitda - da;
  const net =
    spec.pl?.net_profit ??
    ebit + base.interest_income - base.interest_expenses + base.other_financial_income - base.other_financial_expenses - base.taxes;
  return AccountingItem.parse({
    id: spec.id,
    data: {
      symetrisk_real_time_accounts_format_version: spec.version ?? '2025-09-19',
      year: Number(spec.start.slice(0, 4)),
      start_date: spec.start,
      end_date: spec.end,
      days_included: spec.days ?? daysInclusive(spec.start, spec.end),
      p_and_l_items: { ...base, ebitda, depreciation_and_amortization: da, ebit, net_profit: net },
      balance_items: {
        equity: 2_000_000,
        interest_bearing_debt: 3_000_000,
        net_interest_bearing_debt: 2_500_000,
        total_assets: 6_000_000,
        ...spec.bal,
      },
    },
    snapshotDate: spec.snapshotDate ?? spec.end,
    fetchedAt: spec.fetchedAt ?? `${spec.snapshotDate ?? spec.end}T06:00:00.000000`,
    origin: 'api',
    accountingSystem: 'fiken',
  });
}
