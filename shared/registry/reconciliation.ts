/**
 * Reconciliation of a Symetrisk full year against the annual accounts the borrower filed with Regnskapsregisteret:
 * the near-real-time ledger checked against the audited (or at least filed) figures. Pure; one rule for the
 * borrower page, the pack and any command. Definitions and the tolerance: docs/registry.md.
 */
import { isFullYear, latestSnapshot, snapshotRef, type SnapshotRef } from '../analysis/snapshots';
import { text, type LocalizedText } from '../analysis/text';
import type { AccountingItem } from '../symetrisk/schemas';
import { FILING_DEADLINE } from './defaults';
import type { FiledAccounts, FiledFigures, RegistryCheck, RegistryUnit } from './dto';

/**
 * Two amounts agree when they differ by at most NOK 1,000 or 0.5 % of the filed amount, whichever is larger.
 * Filed figures are whole kroner and the ledger has cents, and year-end closing entries move a ledger by small
 * amounts; a difference beyond this is something the analyst should look at.
 */
export const RECONCILIATION_TOLERANCE = { absoluteNok: 1000, relative: 0.005 } as const;

/** The lines both sources have, in display order. */
export const RECONCILED_LINE_IDS = ['revenues', 'operating_result', 'net_result', 'equity', 'total_assets'] as const;
export type ReconciledLineId = (typeof RECONCILED_LINE_IDS)[number];

interface LineSpec {
  name: LocalizedText;
  symetrisk: (i: AccountingItem) => number;
  filed: (f: FiledFigures) => number | null;
}

const LINES: Readonly<Record<ReconciledLineId, LineSpec>> = {
  revenues: {
    name: text('Operating revenue', 'Driftsinntekter'),
    symetrisk: (i) => i.data.p_and_l_items.revenues,
    filed: (f) => f.revenues,
  },
  operating_result: {
    name: text('Operating profit (EBIT)', 'Driftsresultat'),
    symetrisk: (i) => i.data.p_and_l_items.ebit,
    filed: (f) => f.operatingResult,
  },
  net_result: {
    name: text('Net profit for the year', 'Årsresultat'),
    symetrisk: (i) => i.data.p_and_l_items.net_profit,
    filed: (f) => f.netResult,
  },
  equity: {
    name: text('Total equity', 'Sum egenkapital'),
    symetrisk: (i) => i.data.balance_items.equity,
    filed: (f) => f.equity,
  },
  total_assets: {
    name: text('Total assets', 'Sum eiendeler'),
    symetrisk: (i) => i.data.balance_items.total_assets,
    filed: (f) => f.totalAssets,
  },
};

/** The name of each reconciled line. */
export const RECONCILED_LINE_NAMES: Readonly<Record<ReconciledLineId, LocalizedText>> = Object.fromEntries(
  RECONCILED_LINE_IDS.map((id) => [id, LINES[id].name]),
) as Record<ReconciledLineId, LocalizedText>;

/** The finding's wording, as the issue names it. */
export const DIFFERENCE_FLAG: LocalizedText = text('Difference from the filed annual accounts', 'Avvik mot innsendt årsregnskap');

/** Why EBITDA is not reconciled: shown wherever the reconciliation is. */
export const EBITDA_NOT_RECONCILABLE: LocalizedText = text(
  'EBITDA cannot be reconciled: the filed annual accounts have no line for depreciation and amortisation. Operating profit (EBIT) is reconciled instead.',
  'EBITDA kan ikke avstemmes: det innsendte årsregnskapet har ingen linje for avskrivninger. Driftsresultatet avstemmes i stedet.',
);

export type LineStatus = 'match' | 'differs' | 'missing_in_filing';

export interface ReconciledLine {
  id: ReconciledLineId;
  name: LocalizedText;
  /** NOK, as Symetrisk reported it (round only for display). */
  symetrisk: number;
  /** As filed (whole units of the filing's currency), or null when the filing has no value for the line. */
  filed: number | null;
  /** symetrisk − filed, or null. */
  difference: number | null;
  /** difference / |filed| as a fraction, or null (no filed value, or a filed 0). */
  relativeDifference: number | null;
  /** The tolerance applied to this line, in NOK. */
  tolerance: number;
  status: LineStatus;
}

export type NotComparableReason = 'currency' | 'period' | 'group_accounts';

export type FilingNoteId =
  | 'unaudited'
  | 'audit_opted_out'
  | 'published_after_deadline'
  | 'publication_date_unknown'
  | 'winding_up_accounts'
  | 'currency_assumed';

export interface FilingNote {
  id: FilingNoteId;
  /** The date the note is about (the publication), when there is one. */
  date: string | null;
  text: LocalizedText;
}

/**
 * `matches`: every line within tolerance; `differs`: at least one line beyond it (flagged); `incomplete`: no line
 * differs but the filing lacks at least one line (not a pass); `not_comparable`: another currency, another period
 * or group accounts, so no line is compared.
 */
export type ReconciliationStatus = 'matches' | 'differs' | 'incomplete' | 'not_comparable';

export interface FiledReconciliation {
  year: number;
  /** Always a full year on both sides: a filed account is never set against a year to date. */
  basis: 'full_year';
  status: ReconciliationStatus;
  /** True when the status is `differs`: "avvik mot innsendt årsregnskap". */
  flagged: boolean;
  notComparable: { reason: NotComparableReason; explain: LocalizedText } | null;
  snapshot: SnapshotRef;
  filing: FiledAccounts;
  lines: ReconciledLine[];
  ebitda: { reconcilable: false; explain: LocalizedText };
  notes: FilingNote[];
}

/** 31 July of the year after the accounting year, as "YYYY-MM-DD". */
export function filingDeadline(year: number): string {
  const mm = String(FILING_DEADLINE.month).padStart(2, '0');
  const dd = String(FILING_DEADLINE.day).padStart(2, '0');
  return `${year + 1}-${mm}-${dd}`;
}

function toleranceFor(filed: number): number {
  return Math.max(RECONCILIATION_TOLERANCE.absoluteNok, RECONCILIATION_TOLERANCE.relative * Math.abs(filed));
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function formatDate(iso: string): string {
  const [y, m, d] = day(iso).split('-');
  return `${d}.${m}.${y}`;
}

function notesOf(filing: FiledAccounts): FilingNote[] {
  const notes: FilingNote[] = [];
  if (filing.unaudited) {
    notes.push({
      id: 'unaudited',
      date: null,
      text: text('The filed annual accounts are not audited.', 'Det innsendte årsregnskapet er ikke revidert.'),
    });
  }
  if (filing.auditOptedOut) {
    notes.push({
      id: 'audit_opted_out',
      date: null,
      text: text('The company has opted out of audit.', 'Selskapet har valgt bort revisjon.'),
    });
  }
  const deadline = filingDeadline(filing.year);
  const published = day(filing.publishedAt);
  if (published > deadline) {
    if (filing.publishedSource === 'feed') {
      notes.push({
        id: 'published_after_deadline',
        date: published,
        text: text(
          `Filed late: registered ${formatDate(published)}, after the deadline of ${formatDate(deadline)}.`,
          `Innsendt for sent: registrert ${formatDate(published)}, etter fristen ${formatDate(deadline)}.`,
        ),
      });
    } else {
      notes.push({
        id: 'publication_date_unknown',
        date: published,
        text: text(
          `Not known whether the accounts were filed on time: first seen ${formatDate(published)}, after the deadline of ${formatDate(deadline)}.`,
          `Ukjent om regnskapet ble sendt inn i tide: først sett ${formatDate(published)}, etter fristen ${formatDate(deadline)}.`,
        ),
      });
    }
  }
  if (filing.windingUpAccounts) {
    notes.push({
      id: 'winding_up_accounts',
      date: null,
      text: text('These are winding-up accounts.', 'Dette er et avviklingsregnskap.'),
    });
  }
  if (filing.currency === null) {
    notes.push({
      id: 'currency_assumed',
      date: null,
      text: text('The filing names no currency; NOK is assumed.', 'Regnskapet oppgir ingen valuta; NOK er lagt til grunn.'),
    });
  }
  return notes;
}

function notComparable(snapshot: AccountingItem, filing: FiledAccounts): FiledReconciliation['notComparable'] {
  if (filing.type !== 'SELSKAP') {
    return {
      reason: 'group_accounts',
      explain: text(
        'The filing is group accounts; Symetrisk holds the company’s own ledger.',
        'Regnskapet er et konsernregnskap; Symetrisk har selskapets eget regnskap.',
      ),
    };
  }
  if (filing.currency !== null && filing.currency !== 'NOK') {
    return {
      reason: 'currency',
      explain: text(
        `The accounts are filed in ${filing.currency}; Symetrisk reports NOK. No line is compared.`,
        `Regnskapet er avlagt i ${filing.currency}; Symetrisk rapporterer i NOK. Ingen linjer sammenlignes.`,
      ),
    };
  }
  if (filing.periodFrom !== snapshot.data.start_date || filing.periodTo !== snapshot.data.end_date) {
    return {
      reason: 'period',
      explain: text(
        `The filed period ${formatDate(filing.periodFrom)}–${formatDate(filing.periodTo)} is not Symetrisk’s ${formatDate(snapshot.data.start_date)}–${formatDate(snapshot.data.end_date)}.`,
        `Den innsendte perioden ${formatDate(filing.periodFrom)}–${formatDate(filing.periodTo)} er ikke Symetrisks ${formatDate(snapshot.data.start_date)}–${formatDate(snapshot.data.end_date)}.`,
      ),
    };
  }
  return null;
}

/** Reconciles one full-year snapshot against one filing of the same year. */
export function reconcileFiling(snapshot: AccountingItem, filing: FiledAccounts): FiledReconciliation {
  const blocked = notComparable(snapshot, filing);
  const lines: ReconciledLine[] = blocked
    ? []
    : RECONCILED_LINE_IDS.map((id) => {
        const spec = LINES[id];
        const s = spec.symetrisk(snapshot);
        const f = spec.filed(filing.figures);
        if (f === null) {
          return { id, name: spec.name, symetrisk: s, filed: null, difference: null, relativeDifference: null, tolerance: RECONCILIATION_TOLERANCE.absoluteNok, status: 'missing_in_filing' };
        }
        const difference = s - f;
        const tolerance = toleranceFor(f);
        return {
          id,
          name: spec.name,
          symetrisk: s,
          filed: f,
          difference,
          relativeDifference: f === 0 ? null : difference / Math.abs(f),
          tolerance,
          status: Math.abs(difference) <= tolerance ? 'match' : 'differs',
        };
      });
  const status: ReconciliationStatus = blocked
    ? 'not_comparable'
    : lines.some((l) => l.status === 'differs')
      ? 'differs'
      : lines.some((l) => l.status === 'missing_in_filing')
        ? 'incomplete'
        : 'matches';
  return {
    year: filing.year,
    basis: 'full_year',
    status,
    flagged: status === 'differs',
    notComparable: blocked,
    snapshot: snapshotRef(snapshot),
    filing,
    lines,
    ebitda: { reconcilable: false, explain: EBITDA_NOT_RECONCILABLE },
    notes: notesOf(filing),
  };
}

/**
 * Where a year's filing stands: `filed` (in the cache); `unsupported_layout` (filed, but in a layout the open API
 * does not serve: banks and insurers); `filed_not_available` (the registry says a later or equal year is filed, but
 * the open API serves only the latest filing and this one was never fetched); `not_due` (the deadline has not
 * passed); `overdue` (the deadline passed and the registry shows no filing for the year); `unknown` (no registry
 * facts, or the unit is deleted or removed).
 */
export type FilingStatus = 'filed' | 'unsupported_layout' | 'filed_not_available' | 'not_due' | 'overdue' | 'unknown';

export interface YearReconciliation {
  year: number;
  filingStatus: FilingStatus;
  deadline: string;
  /** Present when the year is filed and cached. */
  reconciliation: FiledReconciliation | null;
}

/**
 * The filing status of one accounting year. `today` is "YYYY-MM-DD" (or an ISO time); `accountsCheck` is the last
 * look-up of the unit's accounts, when known.
 */
export function filingStatus(
  year: number,
  unit: RegistryUnit | null,
  filings: readonly FiledAccounts[],
  today: string,
  accountsCheck: RegistryCheck | null = null,
): FilingStatus {
  if (filings.some((f) => f.year === year && f.type === 'SELSKAP')) return 'filed';
  if (!unit || unit.status !== 'active') return 'unknown';
  if (unit.lastFiledYear !== null && unit.lastFiledYear >= year) {
    return accountsCheck?.outcome === 'unsupported' && accountsCheck.forYear === year ? 'unsupported_layout' : 'filed_not_available';
  }
  return day(today) > filingDeadline(year) ? 'overdue' : 'not_due';
}

/**
 * Every year with a Symetrisk full-year snapshot, newest first, with its filing status and, where a filing of the
 * year is cached, the reconciliation against the latest full-year snapshot of that year.
 */
export function reconcileWithFilings(
  items: readonly AccountingItem[],
  filings: readonly FiledAccounts[],
  opts: { unit: RegistryUnit | null; today: string; accountsCheck?: RegistryCheck | null },
): YearReconciliation[] {
  const years = [...new Set(items.filter(isFullYear).map((i) => i.data.year))].sort((a, b) => b - a);
  return years.map((year) => {
    const snapshot = latestSnapshot(items.filter((i) => i.data.year === year && isFullYear(i)))!;
    const filing = filings.filter((f) => f.year === year && f.type === 'SELSKAP').sort((a, b) => b.recordId - a.recordId)[0];
    return {
      year,
      filingStatus: filingStatus(year, opts.unit, filings, opts.today, opts.accountsCheck ?? null),
      deadline: filingDeadline(year),
      reconciliation: filing ? reconcileFiling(snapshot, filing) : null,
    };
  });
}
