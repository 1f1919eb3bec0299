import { formatAmount, formatPercent } from '../../../shared/analysis';
import { drawText, GLYPH_H, textWidth } from './bitmap-font';
import { Raster, type Rgb } from './png';

/** One period on the charts (oldest first). Amounts in NOK; ratios as fractions; null where n/a. */
export interface ChartPeriod {
  label: string;
  bars: (number | null)[];
  lines: (number | null)[];
}

export interface BorrowerChartInput {
  periods: ChartPeriod[];
  /** Titles of the two panels. */
  amountsTitle: string;
  ratiosTitle: string;
  /** Legend names, one per entry of `bars` and of `lines`. */
  barNames: string[];
  lineNames: string[];
}

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 520;

const INK: Rgb = [40, 40, 40];
const GRID: Rgb = [210, 210, 210];
const AXIS: Rgb = [120, 120, 120];
const SERIES: readonly Rgb[] = [
  [31, 78, 121],
  [84, 130, 53],
  [191, 144, 0],
  [192, 0, 0],
];
const S = 2; // font scale: 14 px capitals read well at 100 % zoom

/** Round tick steps (1, 2, 5 × 10^n) covering [min, max] with about five ticks. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) {
    const v = Number.isFinite(min) ? min : 0;
    return v === 0 ? [0, 1] : [Math.min(0, v), Math.max(0, v)];
  }
  const raw = (max - min) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  if (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  return out;
}

interface Panel {
  x: number;
  y: number;
  w: number;
  h: number;
}

function frame(r: Raster, p: Panel, title: string, ticks: number[], fmt: (v: number) => string): { plot: Panel; yOf: (v: number) => number } {
  drawText(r, title, p.x, p.y, INK, S);
  const labelW = Math.max(...ticks.map((t) => textWidth(fmt(t), S)));
  const plot: Panel = { x: p.x + labelW + 10, y: p.y + GLYPH_H * S + 14, w: p.w - labelW - 14, h: p.h - GLYPH_H * S * 3 - 34 };
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const yOf = (v: number) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;
  for (const t of ticks) {
    const y = Math.round(yOf(t));
    if (t === 0) r.fillRect(plot.x, y, plot.w, 1, AXIS);
    else r.dashedHLine(plot.x, plot.x + plot.w, y, GRID);
    const s = fmt(t);
    drawText(r, s, plot.x - 6 - textWidth(s, S), y - (GLYPH_H * S) / 2, INK, S);
  }
  r.fillRect(plot.x, plot.y, 1, plot.h + 1, AXIS);
  return { plot, yOf };
}

function legend(r: Raster, names: string[], x: number, y: number): void {
  let cx = x;
  names.forEach((name, i) => {
    r.fillRect(cx, y, 12, 12, SERIES[i % SERIES.length]!);
    drawText(r, name, cx + 18, y - 1, INK, S);
    cx += 18 + textWidth(name, S) + 24;
  });
}

function xLabels(r: Raster, plot: Panel, labels: string[]): void {
  const slot = plot.w / Math.max(1, labels.length);
  labels.forEach((l, i) => {
    const cx = plot.x + slot * (i + 0.5);
    drawText(r, l, cx - textWidth(l, S) / 2, plot.y + plot.h + 6, INK, S);
  });
}

function finite(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/**
 * The borrower's development as one picture: grouped bars of the amounts (in NOK millions) over the periods,
 * and lines of the ratios (in percent) below. Pure: the same input gives the same bytes.
 */
export function renderBorrowerChart(input: BorrowerChartInput): Buffer {
  const r = new Raster(CHART_WIDTH, CHART_HEIGHT);
  const labels = input.periods.map((p) => p.label);
  const half = CHART_HEIGHT / 2;

  // Amounts in millions: the axis stays short whatever the company's size.
  const amounts = input.periods.flatMap((p) => finite(p.bars)).map((v) => v / 1e6);
  const aTicks = niceTicks(Math.min(0, ...amounts), Math.max(0, ...amounts));
  const fmtA = (v: number) => formatAmount(v, { decimals: Math.abs(aTicks[1]! - aTicks[0]!) < 1 ? 1 : 0, negative: 'minus' }).replace('\u2212', '-');
  const top = frame(r, { x: 10, y: 10, w: CHART_WIDTH - 20, h: half - 10 }, input.amountsTitle, aTicks, fmtA);
  const slot = top.plot.w / Math.max(1, input.periods.length);
  const nBars = input.barNames.length;
  const barW = Math.max(4, Math.floor((slot * 0.7) / Math.max(1, nBars)));
  input.periods.forEach((p, i) => {
    const x0 = top.plot.x + slot * i + (slot - barW * nBars) / 2;
    p.bars.forEach((v, k) => {
      if (v === null || !Number.isFinite(v)) return;
      const y0 = top.yOf(0);
      const y1 = top.yOf(v / 1e6);
      r.fillRect(x0 + k * barW, Math.min(y0, y1), barW - 2, Math.max(1, Math.abs(y1 - y0)), SERIES[k % SERIES.length]!);
    });
  });
  xLabels(r, top.plot, labels);
  legend(r, input.barNames, top.plot.x, top.plot.y + top.plot.h + GLYPH_H * S + 14);

  const ratios = input.periods.flatMap((p) => finite(p.lines)).map((v) => v * 100);
  const rTicks = niceTicks(Math.min(0, ...ratios), Math.max(0, ...ratios));
  const fmtR = (v: number) => formatPercent(v / 100, { decimals: 0 }).replace('\u2212', '-');
  const bottom = frame(r, { x: 10, y: half + 10, w: CHART_WIDTH - 20, h: half - 20 }, input.ratiosTitle, rTicks, fmtR);
  const bslot = bottom.plot.w / Math.max(1, input.periods.length);
  input.lineNames.forEach((_, k) => {
    const colour = SERIES[k % SERIES.length]!;
    let prev: { x: number; y: number } | null = null;
    input.periods.forEach((p, i) => {
      const v = p.lines[k];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        prev = null; // a gap, not a line through n/a
        return;
      }
      const pt = { x: bottom.plot.x + bslot * (i + 0.5), y: bottom.yOf(v * 100) };
      if (prev) r.line(prev.x, prev.y, pt.x, pt.y, colour, 3);
      r.fillRect(pt.x - 4, pt.y - 4, 9, 9, colour);
      prev = pt;
    });
  });
  xLabels(r, bottom.plot, labels);
  legend(r, input.lineNames, bottom.plot.x, bottom.plot.y + bottom.plot.h + GLYPH_H * S + 14);
  return r.toPng();
}
