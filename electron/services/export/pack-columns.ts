import {
  computeRatios,
  sameDayPriorYear,
  type BorrowerAnalysis,
  type Language,
  type PeriodFigures,
  type RatioSet,
  type SnapshotAnalysis,
} from '../../../shared/analysis';

/**
 * The columns of a borrower's accounts table, and how each derived one is built from the others, so that its
 * cells can be live formulas: the same period last year (an estimate pro rata of the prior full year), the
 * last twelve months (exact: YTD + prior full year − prior-year YTD; or the estimate), the annualised year to
 * date. The figures themselves come from shared/analysis; the formulas only say how, so the cached values and a
 * recalculation agree.
 */
export type Recipe =
  /** Flows of column `of` × num/den; balances those of `of`. */
  | { kind: 'scale'; of: number; num: number; den: number }
  /** Flows: ytd + fy − prior; balances those of ytd. */
  | { kind: 'ltm'; ytd: number; fy: number; prior: number }
  /** Flows: ytd + fy × num/den; balances those of ytd. */
  | { kind: 'ltm_estimate'; ytd: number; fy: number; num: number; den: number };

export interface PeriodColumn {
  kind: 'period';
  /** Identifies the period (basis, method, window, snapshots) so page 1 and the covenants find its cells. */
  key: string;
  header: string;
  type: 'reported' | 'estimate' | 'derived';
  period: PeriodFigures;
  ratios: RatioSet;
  /** How the lines are built from other columns; null: the figures as reported. */
  recipe: Recipe | null;
  /** Charted: a period as reported (full years and the latest year to date). */
  charted: boolean;
  /** What revenue growth is measured against: another column, a comparable revenue not in the table, or nothing. */
  growthBase: { col: number } | { value: number } | null;
  /** The column whose balance is this period's opening balance (ROA and ROE average over it); null: the figure itself. */
  openingCol: number | null;
}

export interface ChangeColumn {
  kind: 'change';
  header: string;
  /** Indexes of the columns compared: the latest period and the same period last year. */
  target: number;
  base: number;
}

export type Column = PeriodColumn | ChangeColumn;

/** A period's identity across separately computed copies (the table's and the basis view's are equal, not the same object). */
export function periodKey(p: PeriodFigures): string {
  return `${p.basis}|${p.method}|${p.start}|${p.end}|${p.days}|${p.sources.map((s) => s.id).join(',')}`;
}

/** At most this many period and change columns fit beside the label and the two reference columns. */
export const MAX_TABLE_COLUMNS = 7;

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The accounts table's columns, left to right: the latest period; the same period last year and the change
 * between them; for a year to date the last twelve months (or, where they cannot be built, the year to date
 * annualised); then earlier full years, three full years in all.
 */
export function tableColumns(a: BorrowerAnalysis, lang: Language, changeHeader: string): Column[] {
  const latest = a.latest;
  const bases = a.bases;
  if (!latest || !bases) return [];
  const cols: Column[] = [];
  const add = (c: Column) => cols.push(c) - 1;
  const reported = (s: SnapshotAnalysis, charted: boolean): PeriodColumn => ({
    kind: 'period',
    key: periodKey(s.reported),
    header: s.reported.label[lang],
    type: 'reported',
    period: s.reported,
    ratios: s.ratios,
    recipe: null,
    charted,
    growthBase: s.priorYear.ok ? { value: s.priorYear.period.flows.revenues } : null,
    openingCol: null,
  });
  const isFull = latest.reported.basis === 'full_year';
  const others = a.years.filter((y) => y !== latest);
  const fullYearsWanted = isFull ? 2 : 3;
  const years = others.slice(0, fullYearsWanted);

  const latestIdx = add(reported(latest, true));
  // The columns of earlier years, by the snapshot they show (an LTM or an estimate is built on them).
  const yearIdx = new Map<number, number>();
  let priorIdx: number | null = null;
  if (latest.priorYear.ok) {
    const p = latest.priorYear.period;
    if (isFull) {
      // The prior full year is the next year column itself.
      const y = years.find((x) => x.snapshot.id === p.sources[0]?.id);
      if (y) {
        priorIdx = add(reported(y, true));
        yearIdx.set(y.snapshot.id, priorIdx);
      } else {
        priorIdx = add({ ...reported(latest, false), key: periodKey(p), header: p.label[lang], period: p, ratios: computeRatios(p), growthBase: null });
      }
    } else {
      priorIdx = add({
        kind: 'period',
        key: periodKey(p),
        header: p.label[lang],
        type: p.estimate ? 'estimate' : 'reported',
        period: p,
        ratios: computeRatios(p),
        recipe: null,
        charted: false,
        growthBase: null,
        openingCol: null,
      });
    }
    (cols[latestIdx] as PeriodColumn).growthBase = { col: priorIdx };
    add({ kind: 'change', header: changeHeader, target: latestIdx, base: priorIdx });
  }
  let ltmIdx: number | null = null;
  if (!isFull) {
    const view = a.views?.ltm;
    if (bases.ltm.ok) {
      const p = bases.ltm.period;
      const ratios = view && view.shown === 'ltm' ? view.ratios : computeRatios(p);
      ltmIdx = add({
        kind: 'period',
        key: periodKey(p),
        header: p.label[lang],
        type: p.estimate ? 'estimate' : 'derived',
        period: p,
        ratios,
        recipe: null,
        charted: false,
        growthBase: view && view.shown === 'ltm' && view.comparable.ok ? { value: view.comparable.period.flows.revenues } : null,
        openingCol: null,
      });
    } else if (bases.annualised) {
      const p = bases.annualised;
      const ratios = view && view.shown === 'annualised' ? view.ratios : computeRatios(p);
      add({
        kind: 'period',
        key: periodKey(p),
        header: p.label[lang],
        type: 'derived',
        period: p,
        ratios,
        recipe: { kind: 'scale', of: latestIdx, num: latest.reported.yearDays, den: latest.reported.days },
        charted: false,
        growthBase: view && view.shown === 'annualised' && view.comparable.ok ? { value: view.comparable.period.flows.revenues } : null,
        openingCol: null,
      });
    }
  }
  for (const y of years) {
    if (yearIdx.has(y.snapshot.id)) continue;
    if (cols.length >= MAX_TABLE_COLUMNS) break;
    yearIdx.set(y.snapshot.id, add(reported(y, true)));
  }

  // Now every column is placed: the recipes and references between them.
  const periodCols = cols.flatMap((c, i) => (c.kind === 'period' ? [{ c, i }] : []));
  const fullYearCol = (id: number | undefined) => periodCols.find(({ c }) => c.period.basis === 'full_year' && c.period.method === 'as_reported' && c.period.sources[0]?.id === id)?.i ?? null;
  for (const { c } of periodCols) {
    if (c.period.opening) c.openingCol = fullYearCol(c.period.opening.source.id);
    // Growth of a full year against the prior full year in the table, where it is there.
    if (c.growthBase && 'value' in c.growthBase && c.period.basis === 'full_year') {
      const y = a.years.find((x) => x.reported === c.period);
      const prior = y && y.priorYear.ok ? fullYearCol(y.priorYear.period.sources[0]?.id) : null;
      if (prior !== null) c.growthBase = { col: prior };
    }
  }
  if (priorIdx !== null) {
    const pc = cols[priorIdx] as PeriodColumn;
    const p = pc.period;
    if (p.method === 'pro_rata_full_year') {
      const fy = fullYearCol(p.sources[0]?.id);
      const fyDays = a.years.find((y) => y.snapshot.id === p.sources[0]?.id)?.reported.days;
      if (fy !== null && fyDays) pc.recipe = { kind: 'scale', of: fy, num: p.days, den: fyDays };
    }
  }
  if (ltmIdx !== null) {
    const lc = cols[ltmIdx] as PeriodColumn;
    const p = lc.period;
    const fy = fullYearCol(p.sources[1]?.id);
    if (fy !== null && p.method === 'ltm_combination' && priorIdx !== null) {
      const prior = cols[priorIdx] as PeriodColumn;
      if (prior.period.method === 'same_period_snapshot' && prior.period.sources[0]?.id === p.sources[2]?.id) lc.recipe = { kind: 'ltm', ytd: latestIdx, fy, prior: priorIdx };
    } else if (fy !== null && p.method === 'ltm_estimate') {
      // The share of the prior full year after the same day last year: its days after that day / its days.
      const fyPeriod = (cols[fy] as PeriodColumn).period;
      const remaining = toDay(fyPeriod.end) - toDay(sameDayPriorYear(latest.reported.end));
      lc.recipe = { kind: 'ltm_estimate', ytd: latestIdx, fy, num: remaining, den: fyPeriod.days };
    }
  }
  return cols;
}
