import { AccountingItem, type BalanceItems, type PAndLItems } from '../../../../shared/symetrisk/schemas';
import { ACCOUNTING_PAGE } from '../../../fixtures/document-examples';
import { daysInclusive } from '../../../../shared/analysis/dates';

/** The two items of the public document's accounting-data example, verbatim (floating-point noise included). */
export const EXAMPLE_2025: AccountingItem = AccountingItem.parse(ACCOUNTING_PAGE.items[0]);
export const EXAMPLE_2024: AccountingItem = AccountingItem.parse(ACCOUNTING_PAGE.items[1]);

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

/** An item with every P&L base line given (nothing from the fixture's defaults but what is named): the golden tests'. */
export function itemWithBaseLines(
  id: number,
  start: string,
  end: string,
  pl: { revenues: number; expenses: number; depreciation?: number; interest_expenses?: number; taxes?: number },
  bal: BalanceItems,
  fetchedAt?: string,
): AccountingItem {
  return makeItem({
    id,
    start,
    end,
    pl: { depreciation: 0, amortization: 0, interest_income: 0, interest_expenses: 0, other_financial_income: 0, other_financial_expenses: 0, taxes: 0, ...pl },
    bal,
    ...(fetchedAt ? { fetchedAt } : {}),
  });
}
