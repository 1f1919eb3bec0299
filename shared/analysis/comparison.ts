import type { AccountingItem } from '../symetrisk/schemas';
import { LINE_DEFINITIONS, lineValue, scaleFlows, type LineId } from './lines';
import { annualisedPeriod, areComparable, reportedPeriod, type PeriodFigures } from './periods';
import { RATIO_DEFINITIONS, RATIO_IDS, computeRatios, type RatioId, type RatioResult } from './ratios';
import { restatementBetween, revisionBetween, type Restatement, type Revision } from './revisions';
import { text, type LocalizedText } from './text';
import { isZeroAmount } from './tolerance';

/**
 * How the two snapshots' flows are put on the same footing (stocks are never adjusted):
 * - `raw`: as reported;
 * - `annualised`: each YTD annualised (× days in its year / days_included), full years as reported;
 * - `pro_rata`: the base's flows × target days_included / base days_included, so both cover the same number of
 *   days (two full years are compared as reported, as in priorYearProRata).
 */
export const COMPARISON_MODES = ['raw', 'annualised', 'pro_rata'] as const;
export type ComparisonMode = (typeof COMPARISON_MODES)[number];

export const COMPARISON_MODE_DEFINITIONS: Readonly<Record<ComparisonMode, LocalizedText>> = {
  raw: text('Both snapshots as reported.', 'Begge regnskapsuttrekk som rapportert.'),
  annualised: text(
    'Each year-to-date P&L annualised (× days in its year / days included); full years and all balances as reported.',
    'Hvert resultat for hittil i år annualisert (× dager i året / dager med); hele år og alle balanser som rapportert.',
  ),
  pro_rata: text(
    'The base P&L scaled to the target’s length (× target days included / base days included); two full years and all balances as reported.',
    'Basisens resultat skalert til målets lengde (× målets dager med / basisens dager med); to hele år og alle balanser som rapportert.',
  ),
};

/** Absolute and relative change from base to target. `relative` = absolute / |base|; null when base is zero. */
export interface Change {
  base: number | null;
  target: number | null;
  absolute: number | null;
  relative: number | null;
}

export interface LineChange extends Change {
  id: LineId;
  kind: 'flow' | 'stock';
}

/**
 * A ratio on both sides. `absolute` is the change in the ratio's own unit: percentage points (as a fraction:
 * 0.018 is +1.8 pp) for a percent ratio, x for a multiple. `relative` is always null: a per cent of a per cent
 * (or of a multiple) is not a figure a credit officer reads.
 */
export interface RatioChange extends Change {
  id: RatioId;
  unit: 'pp' | 'x';
  baseResult: RatioResult;
  targetResult: RatioResult;
}

export interface SnapshotComparison {
  mode: ComparisonMode;
  base: PeriodFigures;
  target: PeriodFigures;
  /**
   * The two periods' flows are like for like (see areComparable): only then do P&L lines carry a relative
   * change (growth). Balances always do: they are points in time.
   */
  comparable: boolean;
  /** Why the P&L lines carry no growth, when they do not. */
  notComparable: LocalizedText | null;
  lines: LineChange[];
  ratios: RatioChange[];
  /** Set when both are the same closed year and period and the figures moved between the fetches. */
  restatement: Restatement | null;
  /** Set when both are the same period (a year to date included) and the figures moved: the before and after. */
  revision: Revision | null;
}

/** The change between two amounts. */
export function change(base: number | null, target: number | null): Change {
  if (base === null || target === null) return { base, target, absolute: null, relative: null };
  const absolute = target - base;
  return { base, target, absolute, relative: isZeroAmount(base) ? null : absolute / Math.abs(base) };
}

/** The change of a ratio: in percentage points (as a fraction) or x, never relative (see {@link RatioChange}). */
export function ratioChange(id: RatioId, base: RatioResult, target: RatioResult): RatioChange {
  const c = change(base.value, target.value);
  return { id, unit: RATIO_DEFINITIONS[id].unit === 'percent' ? 'pp' : 'x', baseResult: base, targetResult: target, ...c, relative: null };
}

function periodFor(item: AccountingItem, mode: ComparisonMode, items: readonly AccountingItem[] | undefined): PeriodFigures {
  return mode === 'annualised' ? annualisedPeriod(item, items) : reportedPeriod(item, items);
}

function proRataBase(base: PeriodFigures, target: PeriodFigures): PeriodFigures {
  if (base.basis === 'full_year' && target.basis === 'full_year') return base;
  const factor = target.days / base.days;
  return {
    ...base,
    estimate: true,
    label: text(`${base.label.en}, pro rata ×${target.days}/${base.days} (estimate)`, `${base.label.nb}, forholdsmessig ×${target.days}/${base.days} (anslag)`),
    days: target.days,
    annualFactor: base.yearDays / target.days,
    flows: scaleFlows(base.flows, factor),
    note: text(
      `${base.note.en} P&L pro rata × ${target.days} / ${base.days}; balance not pro-rated.`,
      `${base.note.nb} Resultat forholdsmessig × ${target.days} / ${base.days}; balansen er ikke fordelt.`,
    ),
  };
}

/**
 * Compares any two snapshots of one borrower: every line and every ratio from `base` to `target`. P&L lines carry
 * a relative change (growth) only when the two periods are like for like; ratio changes are in percentage points
 * or x. Revenue growth is given for the target when the base is the year before and the periods are comparable.
 * Two versions of one period carry the `revision` between them (before and after). With the borrower's `items`,
 * the periods carry their opening balance (averages for ROA and ROE).
 */
export function compareSnapshots(
  base: AccountingItem,
  target: AccountingItem,
  mode: ComparisonMode,
  items?: readonly AccountingItem[],
): SnapshotComparison {
  const t = periodFor(target, mode, items);
  let b = periodFor(base, mode, items);
  if (mode === 'pro_rata') b = proRataBase(b, t);
  const comparable = areComparable(b, t);
  const lines: LineChange[] = LINE_DEFINITIONS.map((def) => {
    const c = change(lineValue(b, def.id), lineValue(t, def.id));
    return { id: def.id, kind: def.kind, ...c, relative: def.kind === 'flow' && !comparable ? null : c.relative };
  });
  const baseRatios = computeRatios(b);
  const targetRatios = computeRatios(t, { comparable: b.year === t.year - 1 ? b : undefined });
  const ratios: RatioChange[] = RATIO_IDS.map((id) => ratioChange(id, baseRatios[id], targetRatios[id]));
  return {
    mode,
    base: b,
    target: t,
    comparable,
    notComparable: comparable
      ? null
      : text(
          `The P&L covers ${b.days} days against ${t.days} in another window: no growth is shown between them. Choose annualised or pro rata to set them on one footing.`,
          `Resultatet dekker ${b.days} dager mot ${t.days} i et annet vindu: ingen vekst vises mellom dem. Velg annualisert eller forholdsmessig for å sette dem på samme grunnlag.`,
        ),
    lines,
    ratios,
    restatement: restatementBetween(base, target),
    revision: revisionBetween(base, target),
  };
}

