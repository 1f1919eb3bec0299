import type { LineId } from './lines';
import { RATIO_DEFINITIONS, type RatioId } from './ratios';

/**
 * Which way a line or ratio is good news for a lender: `higher` (revenue, EBITDA, equity, equity ratio, interest
 * cover), `lower` (costs, debt, NIBD, NIBD / EBITDA), or `neither` where the direction says nothing about credit
 * quality on its own: depreciation follows past investment, tax follows profit, total assets grow with debt as well
 * as with equity.
 */
export type BetterWhen = 'higher' | 'lower' | 'neither';

/** The direction of every accounting line. Costs are `lower`: a lower cost is good news, though its change is a decrease. */
export const LINE_BETTER_WHEN: Readonly<Record<LineId, BetterWhen>> = {
  revenues: 'higher',
  expenses: 'lower',
  ebitda: 'higher',
  depreciation: 'neither',
  amortization: 'neither',
  depreciation_and_amortization: 'neither',
  ebit: 'higher',
  interest_income: 'higher',
  interest_expenses: 'lower',
  other_financial_income: 'higher',
  other_financial_expenses: 'lower',
  profit_before_tax: 'higher',
  taxes: 'neither',
  net_profit: 'higher',
  equity: 'higher',
  interest_bearing_debt: 'lower',
  net_interest_bearing_debt: 'lower',
  total_assets: 'neither',
};

/** What a change means to a lender, for its colour: never its sign alone. */
export type ChangeMeaning = 'good' | 'bad' | 'neutral';

/** The direction of a line or a ratio (a ratio's from {@link RATIO_DEFINITIONS} `higherIsBetter`); `neither` for an id it does not know. */
export function betterWhen(id: LineId | RatioId | string): BetterWhen {
  if (id in LINE_BETTER_WHEN) return LINE_BETTER_WHEN[id as LineId];
  if (id in RATIO_DEFINITIONS) return RATIO_DEFINITIONS[id as RatioId].higherIsBetter ? 'higher' : 'lower';
  return 'neither';
}

/**
 * Whether a change of a line or a ratio is good or bad news: a fall in operating expenses, NIBD or NIBD / EBITDA is
 * good, a fall in revenue, EBITDA or the equity ratio bad. `change` is in any unit with the sign of the movement (an
 * amount, a relative change, percentage points as a fraction, x); below `tolerance` in magnitude, or null (n.m., no
 * comparable), it is neutral. The one rule behind the colours of the borrower page, the comparison and the grid's
 * change columns.
 */
export function changeMeaning(id: LineId | RatioId | string, change: number | null | undefined, tolerance = 1e-9): ChangeMeaning {
  if (change === null || change === undefined || !Number.isFinite(change) || Math.abs(change) < tolerance) return 'neutral';
  const better = betterWhen(id);
  if (better === 'neither') return 'neutral';
  return (change > 0) === (better === 'higher') ? 'good' : 'bad';
}
