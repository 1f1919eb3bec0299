/**
 * The one colour rule (shared/analysis/meaning.ts): a change is good or bad news by what it means to a lender, not
 * by its sign. The borrower page, compare and the grid's change columns all colour through changeMeaning.
 */
import { describe, expect, it } from 'vitest';
import { LINE_BETTER_WHEN, LINE_DEFINITIONS, RATIO_DEFINITIONS, RATIO_IDS, betterWhen, changeMeaning } from '../../../../shared/analysis';

describe('changeMeaning', () => {
  it('a lower cost is good news, a higher one bad', () => {
    expect(changeMeaning('expenses', -423_443)).toBe('good');
    expect(changeMeaning('expenses', 423_443)).toBe('bad');
    expect(changeMeaning('interest_expenses', -0.05)).toBe('good');
    expect(changeMeaning('other_financial_expenses', 1_000)).toBe('bad');
  });

  it('lower debt, NIBD and NIBD / EBITDA are good; lower revenue, EBITDA, equity and equity ratio bad', () => {
    expect(changeMeaning('net_interest_bearing_debt', -114_158)).toBe('good');
    expect(changeMeaning('interest_bearing_debt', -1)).toBe('good');
    expect(changeMeaning('nibd_to_ebitda', -0.3)).toBe('good');
    expect(changeMeaning('debt_to_equity', 0.1)).toBe('bad');
    expect(changeMeaning('revenues', -0.015)).toBe('bad');
    expect(changeMeaning('ebitda', -192_055)).toBe('bad');
    expect(changeMeaning('equity', -1)).toBe('bad');
    // −5.8 pp of EBITDA margin, +1.3 pp of equity ratio (fractions)
    expect(changeMeaning('ebitda_margin', -0.058)).toBe('bad');
    expect(changeMeaning('equity_ratio', 0.013)).toBe('good');
    expect(changeMeaning('interest_cover', -7.5)).toBe('bad');
  });

  it('no colour for what says nothing on its own (tax, depreciation, total assets), for no change, n.m. or an unknown id', () => {
    expect(changeMeaning('taxes', 150_000)).toBe('neutral');
    expect(changeMeaning('depreciation_and_amortization', -1_370)).toBe('neutral');
    expect(changeMeaning('total_assets', 478_273)).toBe('neutral');
    expect(changeMeaning('revenues', 0)).toBe('neutral');
    expect(changeMeaning('revenues', 1e-12)).toBe('neutral');
    expect(changeMeaning('revenues', null)).toBe('neutral');
    expect(changeMeaning('revenues', undefined)).toBe('neutral');
    expect(changeMeaning('revenues', Number.NaN)).toBe('neutral');
    expect(changeMeaning('a_line_we_do_not_know', 10)).toBe('neutral');
  });

  it('a tolerance keeps a change that rounds to nothing uncoloured', () => {
    expect(changeMeaning('revenues', 0.4, 0.5)).toBe('neutral');
    expect(changeMeaning('revenues', 0.6, 0.5)).toBe('good');
  });
});

describe('betterWhen', () => {
  it('has a direction for every line, and every ratio follows its definition', () => {
    for (const d of LINE_DEFINITIONS) expect(LINE_BETTER_WHEN[d.id], d.id).toMatch(/^(higher|lower|neither)$/);
    for (const id of RATIO_IDS) expect(betterWhen(id), id).toBe(RATIO_DEFINITIONS[id].higherIsBetter ? 'higher' : 'lower');
  });

  it('every cost line of the P&L is better lower, every profit line higher', () => {
    for (const id of ['expenses', 'interest_expenses', 'other_financial_expenses'] as const) expect(betterWhen(id)).toBe('lower');
    for (const id of ['revenues', 'ebitda', 'ebit', 'profit_before_tax', 'net_profit'] as const) expect(betterWhen(id)).toBe('higher');
  });
});
