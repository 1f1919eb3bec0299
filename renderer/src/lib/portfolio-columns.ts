import type { BasisChoice } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import type { PortfolioColumn } from '../../../shared/portfolio/columns';

type Row = dto.PortfolioRow;

// The columns are defined once, in shared/ (the cache's grid index sorts by the same values): re-exported here for
// the renderer's components.
export {
  COLUMN_IDS,
  DEFAULT_COLUMN_IDS,
  PORTFOLIO_COLUMNS,
  columnById,
  compareValues,
  flagNames,
  isFlagged,
  isWatched,
  shownColumnIds,
  tableExportInput,
  warningScore,
  type ColumnKind,
  type Measures,
  type PortfolioColumn,
} from '../../../shared/portfolio/columns';

/**
 * The mark a figure cell carries beside its value, where its basis is not plainly the one chosen:
 * - `estimate` ("anslag") on flows pro-rated from a full year, and on changes against an estimated period;
 * - the basis shown, where the row fell back from the one chosen (LTM → annualised, last financial year → year to
 *   date ...): on flows always; on balances only where their date changes with it (the last financial year's
 *   balance is the year end's, every other basis's the latest snapshot's).
 * Null: no mark. The row's basis says why (its label and fallback, for the cell's title).
 */
export type CellMark = { kind: 'estimate' } | { kind: 'basis'; shown: BasisChoice };

export function cellMark(c: PortfolioColumn, r: Row): CellMark | null {
  const b = r.basis;
  if (!b || !c.measures) return null;
  const flows = c.measures === 'flows' || c.measures === 'both' || (c.measures === 'change' && c.ofFlow === true);
  if (c.measures === 'change') {
    if (b.comparable?.estimate || (flows && b.estimate)) return { kind: 'estimate' };
  } else if (flows && b.estimate) return { kind: 'estimate' };
  if (b.shown !== b.choice) {
    const yearEndBalance = (x: BasisChoice) => x === 'last_financial_year';
    if (flows || yearEndBalance(b.choice) !== yearEndBalance(b.shown)) return { kind: 'basis', shown: b.shown };
  }
  return null;
}

/** Why a ratio cell has no value (n.m. with its reason, or missing): shown as n.m. or –, the reason on hover. */
export function ratioGap(c: PortfolioColumn, r: Row): dto.RatioGap | null {
  return c.ratio && (r.ratios[c.ratio] ?? null) === null ? (r.ratioGaps?.[c.ratio] ?? null) : null;
}

