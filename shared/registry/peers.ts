/**
 * Peers within the bank's own book: the portfolio grouped by NACE division (2 digits), each ratio's median and
 * quartiles per group, and where each borrower stands. Pure; the ratios come from shared/analysis, all on one
 * period basis (a full year is never set against an LTM or an annualised year to date).
 */
import { lastFullYearSnapshot, reportedPeriod, type PeriodBasis } from '../analysis/periods';
import { computeRatios, type RatioId } from '../analysis/ratios';
import { isFullYear } from '../analysis/snapshots';
import type { AccountingItem } from '../symetrisk/schemas';
import { text, type LocalizedText } from '../analysis/text';
import { naceDivisionOf } from './nace';

/**
 * The key ratios set against the borrower's peers, on the last full financial year of each borrower (full year
 * against full year; never a year to date against a year): margin, solidity, leverage, debt service and return.
 */
export const PEER_RATIO_IDS = ['ebitda_margin', 'equity_ratio', 'nibd_to_ebitda', 'interest_cover', 'return_on_assets'] as const satisfies readonly RatioId[];
export type PeerRatioId = (typeof PEER_RATIO_IDS)[number];

/** The basis every peer figure is on: each borrower's last full financial year. */
export const PEER_BASIS = 'full_year' as const satisfies PeriodBasis;

/** A borrower's ratios on the peer basis: its last full financial year, as reported. */
export interface PeerBasisRatios {
  year: number;
  /** Each peer ratio's value (a fraction for percent ratios, rounded to six decimals); null where n.m. or n/a. */
  ratios: Record<PeerRatioId, number | null>;
}

/**
 * The ratios of the borrower's last full financial year (its latest full-year snapshot of the latest year that
 * has one), what its peers are compared on; null without a full year. ROA on the average balance where the prior
 * year end is cached, as everywhere (shared/analysis/ratios.ts).
 */
export function peerBasisOf(items: readonly AccountingItem[]): PeerBasisRatios | null {
  let year = -Infinity;
  for (const i of items) if (isFullYear(i) && i.data.year > year) year = i.data.year;
  if (year === -Infinity) return null;
  const fy = lastFullYearSnapshot(items, year)!;
  const set = computeRatios(reportedPeriod(fy, items));
  const ratios = {} as Record<PeerRatioId, number | null>;
  for (const id of PEER_RATIO_IDS) {
    const v = set[id].value;
    ratios[id] = v === null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6;
  }
  return { year, ratios };
}

/** Fewer borrowers (or values) than this in a group: the group is named and counted, but no quartiles are shown. */
export const MIN_PEER_GROUP = 5;

export interface PeerRatioInput {
  /** The ratio (a fraction for percent ratios), or null when it is not available (n/a is a finding, not a value). */
  value: number | null;
  basis: PeriodBasis;
}

export interface PeerInput {
  orgNr: string;
  /** From the registry's naeringskode1; null when unknown (no group). */
  naceDivision: string | null;
  /** The registry's description of naeringskode1, to name a division the table lacks. */
  naceDescription?: string | null;
  ratios: Partial<Record<RatioId, PeerRatioInput>>;
}

export type PeerStats =
  | { enough: true; n: number; min: number; q1: number; median: number; q3: number; max: number }
  | { enough: false; n: number; reason: 'group_too_small' | 'too_few_values'; explain: LocalizedText };

export interface PeerGroup {
  division: string;
  name: LocalizedText;
  /** Borrowers in the group (with or without a value for any ratio). */
  size: number;
  orgNrs: string[];
  ratios: Partial<Record<RatioId, PeerStats>>;
}

export interface PeerPosition {
  value: number | null;
  /** value − median, in the ratio's unit (a percent ratio's difference is in percentage points), or null. */
  vsMedian: number | null;
  /** 1 (at or below the lower quartile) to 4 (above the upper quartile), by value; null without stats or value. */
  quartile: 1 | 2 | 3 | 4 | null;
}

export interface BorrowerPeers {
  orgNr: string;
  division: string | null;
  groupSize: number;
  ratios: Partial<Record<RatioId, PeerPosition>>;
}

export interface PeerAnalysis {
  basis: PeriodBasis;
  groups: PeerGroup[];
  borrowers: Map<string, BorrowerPeers>;
  /** Ratio values left out because they were on another basis than `basis`, per ratio. */
  excludedOtherBasis: Partial<Record<RatioId, number>>;
  /** Borrowers without a NACE division (no registry facts yet, or no code registered). */
  withoutDivision: string[];
}

/**
 * The q-quantile of sorted values by linear interpolation between closest ranks (R type 7; Excel's QUARTILE.INC
 * and PERCENTILE.INC), so that a pack's live formulas give the same numbers as the screen.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function smallExplain(size: number, what: 'borrowers' | 'values'): LocalizedText {
  return what === 'borrowers'
    ? text(
        `Only ${size} borrower${size === 1 ? '' : 's'} in this industry in the portfolio; quartiles need at least ${MIN_PEER_GROUP}.`,
        `Bare ${size} ${size === 1 ? 'kunde' : 'kunder'} i denne næringen i porteføljen; kvartiler krever minst ${MIN_PEER_GROUP}.`,
      )
    : text(
        `Only ${size} borrower${size === 1 ? '' : 's'} in this industry with this ratio; quartiles need at least ${MIN_PEER_GROUP}.`,
        `Bare ${size} ${size === 1 ? 'kunde' : 'kunder'} i denne næringen med dette nøkkeltallet; kvartiler krever minst ${MIN_PEER_GROUP}.`,
      );
}

function statsOf(values: number[], groupSize: number): PeerStats {
  if (groupSize < MIN_PEER_GROUP) return { enough: false, n: values.length, reason: 'group_too_small', explain: smallExplain(groupSize, 'borrowers') };
  if (values.length < MIN_PEER_GROUP) return { enough: false, n: values.length, reason: 'too_few_values', explain: smallExplain(values.length, 'values') };
  const s = [...values].sort((a, b) => a - b);
  return { enough: true, n: s.length, min: s[0]!, q1: quantileSorted(s, 0.25), median: quantileSorted(s, 0.5), q3: quantileSorted(s, 0.75), max: s[s.length - 1]! };
}

function position(value: number | null, stats: PeerStats | undefined): PeerPosition {
  if (value === null || !stats || !stats.enough) return { value, vsMedian: null, quartile: null };
  const quartile = value <= stats.q1 ? 1 : value <= stats.median ? 2 : value <= stats.q3 ? 3 : 4;
  return { value, vsMedian: value - stats.median, quartile };
}

/**
 * Groups the portfolio by NACE division and computes, per group and ratio, the median and quartiles of the values
 * on `basis`; then each borrower's position in its group. Groups are ordered by size (largest first), then code.
 */
export function peerAnalysis(inputs: readonly PeerInput[], opts: { basis: PeriodBasis; ratios: readonly RatioId[] }): PeerAnalysis {
  const byDivision = new Map<string, PeerInput[]>();
  const withoutDivision: string[] = [];
  for (const input of inputs) {
    if (input.naceDivision === null) withoutDivision.push(input.orgNr);
    else {
      // Pushed, not spread: a copy per member was quadratic in a division's size (seconds at 50,000 borrowers).
      const members = byDivision.get(input.naceDivision);
      if (members) members.push(input);
      else byDivision.set(input.naceDivision, [input]);
    }
  }
  const excludedOtherBasis: Partial<Record<RatioId, number>> = {};
  const groups: PeerGroup[] = [];
  const borrowers = new Map<string, BorrowerPeers>();
  for (const [division, members] of byDivision) {
    const ratios: Partial<Record<RatioId, PeerStats>> = {};
    for (const id of opts.ratios) {
      const values: number[] = [];
      for (const m of members) {
        const r = m.ratios[id];
        if (!r) continue;
        if (r.basis !== opts.basis) {
          excludedOtherBasis[id] = (excludedOtherBasis[id] ?? 0) + 1;
          continue;
        }
        if (r.value !== null && Number.isFinite(r.value)) values.push(r.value);
      }
      ratios[id] = statsOf(values, members.length);
    }
    const described = members.find((m) => m.naceDescription)?.naceDescription ?? undefined;
    const name = naceDivisionOf(division, described)?.name ?? text(`Division ${division}`, `Næring ${division}`);
    groups.push({ division, name, size: members.length, orgNrs: members.map((m) => m.orgNr), ratios });
    for (const m of members) {
      const own: Partial<Record<RatioId, PeerPosition>> = {};
      for (const id of opts.ratios) {
        const r = m.ratios[id];
        own[id] = position(r && r.basis === opts.basis ? r.value : null, ratios[id]);
      }
      borrowers.set(m.orgNr, { orgNr: m.orgNr, division, groupSize: members.length, ratios: own });
    }
  }
  for (const orgNr of withoutDivision) borrowers.set(orgNr, { orgNr, division: null, groupSize: 0, ratios: {} });
  groups.sort((a, b) => b.size - a.size || a.division.localeCompare(b.division));
  return { basis: opts.basis, groups, borrowers, excludedOtherBasis, withoutDivision };
}
