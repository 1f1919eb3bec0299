import { describe, expect, it } from 'vitest';
import type { FiledAccounts, FiledFigures, RegistryUnit } from '../../../../shared/registry/dto';
import { unitFromEnhet } from '../../../../shared/registry/facts';
import {
  DIFFERENCE_FLAG,
  EBITDA_NOT_RECONCILABLE,
  RECONCILIATION_TOLERANCE,
  filingDeadline,
  filingStatus,
  reconcileFiling,
  reconcileWithFilings,
} from '../../../../shared/registry/reconciliation';
import { Enhet } from '../../../../shared/registry/schemas';
import { EQUINOR_ENHET } from '../../../fixtures/brreg-examples';
import { makeItem } from '../analysis/fixtures';

// A full year 2025 in Symetrisk: revenue 1,000,000, EBIT 150,000, net profit 110,000, equity 2,000,000, assets 6,000,000.
const FY2025 = makeItem({ id: 10, start: '2025-01-01', end: '2025-12-31' });
const YTD2026 = makeItem({ id: 11, start: '2026-01-01', end: '2026-08-31' });

function figures(over: Partial<FiledFigures> = {}): FiledFigures {
  return {
    revenues: 1_000_000,
    operatingExpenses: 850_000,
    operatingResult: 150_000,
    netFinancial: -10_000,
    financialIncome: 0,
    financialExpenses: 10_000,
    preTaxResult: 140_000,
    netResult: 110_000,
    totalResult: null,
    totalAssets: 6_000_000,
    fixedAssets: 2_000_000,
    currentAssets: 4_000_000,
    equity: 2_000_000,
    paidInEquity: 100_000,
    retainedEquity: 1_900_000,
    liabilities: 4_000_000,
    shortTermLiabilities: 1_000_000,
    longTermLiabilities: 3_000_000,
    equityAndLiabilities: 6_000_000,
    ...over,
  };
}

function filing(over: Partial<FiledAccounts> = {}, figs: Partial<FiledFigures> = {}): FiledAccounts {
  return {
    orgNr: '923609016',
    year: 2025,
    type: 'SELSKAP',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    recordId: 1,
    journalNr: '2026000001',
    currency: 'NOK',
    orgForm: 'AS',
    layout: 'smaa',
    unaudited: false,
    auditOptedOut: false,
    smallCompany: true,
    accountingRules: 'regnskapslovenAlminneligRegler',
    windingUpAccounts: false,
    figures: figures(figs),
    publishedAt: '2026-04-10T08:00:00.000Z',
    publishedSource: 'feed',
    fetchedAt: '2026-10-10T12:00:00.000Z',
    ...over,
  };
}

const unit = (lastFiled: string | undefined): RegistryUnit => {
  const { sisteInnsendteAarsregnskap: _s, ...rest } = EQUINOR_ENHET;
  return unitFromEnhet(Enhet.parse(lastFiled ? { ...rest, sisteInnsendteAarsregnskap: lastFiled } : rest), 'x');
};

describe('reconciliation against the filed annual accounts', () => {
  it('matches within the tolerance: NOK 1,000 or 0.5 % of the filed amount, whichever is larger', () => {
    const r = reconcileFiling(FY2025, filing({}, { revenues: 1_000_900, totalAssets: 6_029_000 }));
    expect(r.status).toBe('matches');
    expect(r.flagged).toBe(false);
    expect(r.basis).toBe('full_year');
    const rev = r.lines.find((l) => l.id === 'revenues')!;
    expect(rev).toMatchObject({ symetrisk: 1_000_000, filed: 1_000_900, difference: -900, tolerance: 5_004.5, status: 'match' });
    expect(r.lines.find((l) => l.id === 'total_assets')!.tolerance).toBe(30_145);
    expect(RECONCILIATION_TOLERANCE).toEqual({ absoluteNok: 1000, relative: 0.005 });
  });

  it('flags a difference beyond the tolerance: "avvik mot innsendt årsregnskap", side by side', () => {
    const r = reconcileFiling(FY2025, filing({}, { revenues: 965_000, netResult: 75_000, equity: 1_965_000 }));
    expect(r.status).toBe('differs');
    expect(r.flagged).toBe(true);
    expect(DIFFERENCE_FLAG.nb).toBe('Avvik mot innsendt årsregnskap');
    expect(r.lines.map((l) => [l.id, l.status])).toEqual([
      ['revenues', 'differs'],
      ['operating_result', 'match'],
      ['net_result', 'differs'],
      ['equity', 'differs'],
      ['total_assets', 'match'],
    ]);
    const rev = r.lines[0]!;
    expect(rev.difference).toBe(35_000);
    expect(rev.relativeDifference).toBeCloseTo(35_000 / 965_000, 12);
    // A tiny line: the absolute floor, not 0.5 % of nothing.
    expect(reconcileFiling(FY2025, filing({}, { netResult: 111_500 })).lines[2]).toMatchObject({ tolerance: 1000, status: 'differs' });
  });

  it('never passes a line the filing lacks, and says EBITDA cannot be reconciled', () => {
    const r = reconcileFiling(FY2025, filing({}, { revenues: null }));
    expect(r.status).toBe('incomplete');
    expect(r.flagged).toBe(false);
    expect(r.lines[0]).toMatchObject({ id: 'revenues', filed: null, difference: null, status: 'missing_in_filing' });
    expect(r.ebitda).toEqual({ reconcilable: false, explain: EBITDA_NOT_RECONCILABLE });
    expect(EBITDA_NOT_RECONCILABLE.nb).toMatch(/avskrivninger/);
  });

  it('does not compare another currency, another period or group accounts', () => {
    const usd = reconcileFiling(FY2025, filing({ currency: 'USD' }));
    expect(usd).toMatchObject({ status: 'not_comparable', flagged: false, lines: [], notComparable: { reason: 'currency' } });
    expect(usd.notComparable!.explain.nb).toMatch(/USD/);
    expect(reconcileFiling(FY2025, filing({ periodFrom: '2024-07-01', periodTo: '2025-06-30' })).notComparable?.reason).toBe('period');
    expect(reconcileFiling(FY2025, filing({ type: 'KONSERN' })).notComparable?.reason).toBe('group_accounts');
  });

  it('notes unaudited and opted-out filings, late ones from the feed, and unknown timeliness when only first seen late', () => {
    const notes = (f: FiledAccounts) => reconcileFiling(FY2025, f).notes.map((n) => n.id);
    expect(notes(filing({ unaudited: true, auditOptedOut: true }))).toEqual(['unaudited', 'audit_opted_out']);
    const late = reconcileFiling(FY2025, filing({ publishedAt: '2026-09-11T15:00:00.000Z' })).notes[0]!;
    expect(late).toMatchObject({ id: 'published_after_deadline', date: '2026-09-11' });
    expect(late.text.nb).toBe('Innsendt for sent: registrert 11.09.2026, etter fristen 31.07.2026.');
    expect(notes(filing({ publishedAt: '2026-07-31T22:00:00.000Z' }))).toEqual([]);
    expect(notes(filing({ publishedAt: '2026-10-10T12:00:00.000Z', publishedSource: 'first_seen' }))).toEqual(['publication_date_unknown']);
    expect(notes(filing({ publishedAt: '2026-05-10T12:00:00.000Z', publishedSource: 'first_seen' }))).toEqual([]);
    expect(notes(filing({ currency: null, windingUpAccounts: true }))).toEqual(['winding_up_accounts', 'currency_assumed']);
    expect(filingDeadline(2025)).toBe('2026-07-31');
  });

  it('reconciles each year with a Symetrisk full year against the latest snapshot of it; a year to date never', () => {
    const restated = makeItem({ id: 12, start: '2025-01-01', end: '2025-12-31', pl: { revenues: 1_100_000 }, fetchedAt: '2026-02-01T06:00:00.000000', snapshotDate: '2025-12-31' });
    const years = reconcileWithFilings([FY2025, YTD2026, restated], [filing()], { unit: unit('2025'), today: '2026-10-10' });
    expect(years).toHaveLength(1);
    expect(years[0]).toMatchObject({ year: 2025, filingStatus: 'filed', deadline: '2026-07-31' });
    expect(years[0]!.reconciliation!.snapshot.id).toBe(12);
    expect(years[0]!.reconciliation!.status).toBe('differs');
  });

  it('tells where a year without a cached filing stands', () => {
    const f = [filing()];
    expect(filingStatus(2025, unit('2025'), f, '2026-10-10')).toBe('filed');
    expect(filingStatus(2024, unit('2025'), f, '2026-10-10')).toBe('filed_not_available');
    expect(filingStatus(2025, unit('2024'), [], '2026-07-31')).toBe('not_due');
    expect(filingStatus(2025, unit('2024'), [], '2026-08-01')).toBe('overdue');
    expect(filingStatus(2025, unit(undefined), [], '2026-08-01')).toBe('overdue');
    expect(filingStatus(2025, null, [], '2026-08-01')).toBe('unknown');
    const check = { orgNr: '923609016', what: 'accounts' as const, outcome: 'unsupported' as const, forYear: 2025, layout: 'BANK', reason: null, message: null, checkedAt: 'x' };
    expect(filingStatus(2025, unit('2025'), [], '2026-10-10', check)).toBe('unsupported_layout');
  });
});
