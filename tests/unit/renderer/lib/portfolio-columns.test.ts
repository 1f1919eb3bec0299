import { describe, expect, it } from 'vitest';
import { contract, type dto } from '../../../../shared/contract';
import { cellMark, columnById, ratioGap, tableExportInput } from '../../../../renderer/src/lib/portfolio-columns';
import { row } from '../fake-api';

describe('tableExportInput', () => {
  it('is the grid as shown: these rows in this order, these columns, typed, flags by name; the contract accepts it', () => {
    const rows = [
      row({ orgNr: '987654325', name: 'Aurora Glass AS', flags: ['stale_data'], ratios: { equity_ratio: 0.1 } }),
      row({ orgNr: '923609016', name: 'Bryggen Bakeri AS', ratios: { equity_ratio: 0.3 }, breaches: [{ rule: 'equity_ratio_min', label: 'EK-andel under grensen', actual: 0.1, limit: 0.2, headroom: -0.1, source: 'default', reason: null, tested: null }] }),
    ];
    const input = tableExportInput(rows, ['name', 'orgNr', 'equity_ratio', 'flags', 'no-such-column'], {
      title: 'Portefølje',
      fileName: 'portefolje-2026-11-29.xlsx',
      label: (k) => `L:${k}`,
      flagName: (c) => `F:${c}`,
    });
    expect(input.columns).toEqual([
      { key: 'name', label: 'L:grid.col.name', type: 'text' },
      { key: 'orgNr', label: 'L:grid.col.orgNr', type: 'orgnr' },
      { key: 'equity_ratio', label: 'L:grid.col.equityRatio', type: 'percent' },
      { key: 'flags', label: 'L:grid.col.flags', type: 'text' },
    ]);
    expect(input.rows).toEqual([
      ['Aurora Glass AS', '987654325', 0.1, 'F:stale_data'],
      ['Bryggen Bakeri AS', '923609016', 0.3, 'EK-andel under grensen'],
    ]);
    expect(contract['export:table'].input.safeParse(input).success).toBe(true);
  });

  it('the analyst’s workflow as columns when chosen: the review date a date, the reason, the saksbehandler and the latest note as text', () => {
    const watched = row({
      orgNr: '923609016',
      name: 'Bryggen Bakeri AS',
      workflow: {
        watch: { reason: 'Svak likviditet', reviewDate: '2026-06-30', addedBy: 'Kari Nordmann', addedAt: '2026-03-02T09:00:00.000Z', overdue: false },
        assignedTo: 'Ola Hansen',
        latestNote: { text: 'Ringte daglig leder.\nKvartalstall kommer.', author: 'Kari Nordmann', createdAt: '2026-03-02T10:00:00.000Z' },
      },
    });
    const untouched = row({ orgNr: '987654325', name: 'Aurora Glass AS' });
    const input = tableExportInput([watched, untouched], ['name', 'watch', 'watchReason', 'assignedTo', 'latestNote'], {
      title: 'Portefølje',
      fileName: 'portefolje.xlsx',
      label: (k) => k,
      flagName: (c) => c,
    });
    expect(input.columns.map((c) => [c.key, c.type])).toEqual([
      ['name', 'text'],
      ['watch', 'date'],
      ['watchReason', 'text'],
      ['assignedTo', 'text'],
      ['latestNote', 'text'],
    ]);
    expect(input.rows).toEqual([
      ['Bryggen Bakeri AS', '2026-06-30', 'Svak likviditet', 'Ola Hansen', 'Ringte daglig leder.\nKvartalstall kommer.'],
      ['Aurora Glass AS', null, null, null, null],
    ]);
    expect(contract['export:table'].input.safeParse(input).success).toBe(true);
  });
});

const basis = (over: Partial<dto.RowBasis>): dto.RowBasis => ({
  choice: 'ltm',
  shown: 'ltm',
  period: 'ltm',
  estimate: false,
  label: { en: 'LTM 30.09.2026', nb: 'Siste 12 mnd per 30.09.2026' },
  start: '2025-10-01',
  end: '2026-09-30',
  fallback: null,
  comparable: { label: { en: 'LTM 30.09.2025', nb: 'Siste 12 mnd per 30.09.2025' }, estimate: false },
  noComparable: null,
  taxNotBooked: true,
  ...over,
});
const col = (id: string) => columnById(id)!;

describe('cellMark: a figure says its basis where it is not plainly the one chosen', () => {
  it('no mark on the chosen basis as booked', () => {
    const r = row({ orgNr: '923609016', name: 'A', basis: basis({}) });
    for (const id of ['revenues', 'equity', 'ebitda_margin', 'equity_ratio', 'nibd_to_ebitda', 'revenuesChange']) expect(cellMark(col(id), r), id).toBeNull();
  });

  it('an LTM estimate marks the flows and what is made of them "anslag", never a balance', () => {
    const r = row({ orgNr: '923609016', name: 'A', basis: basis({ estimate: true }) });
    for (const id of ['revenues', 'ebitda', 'ebitda_margin', 'nibd_to_ebitda', 'revenuesChange', 'ebitdaMarginChange']) expect(cellMark(col(id), r), id).toEqual({ kind: 'estimate' });
    for (const id of ['equity', 'equity_ratio', 'equityRatioChange']) expect(cellMark(col(id), r), id).toBeNull();
  });

  it('a change against an estimated period is marked, the figures themselves not', () => {
    const r = row({ orgNr: '923609016', name: 'A', basis: basis({ comparable: { label: { en: 'x', nb: 'y' }, estimate: true } }) });
    expect(cellMark(col('revenuesChange'), r)).toEqual({ kind: 'estimate' });
    expect(cellMark(col('revenues'), r)).toBeNull();
  });

  it('a fallback marks the flows with the basis shown; balances only where their date changes with it', () => {
    const annualised = row({ orgNr: '923609016', name: 'A', basis: basis({ shown: 'annualised', period: 'ytd_annualised' }) });
    expect(cellMark(col('revenues'), annualised)).toEqual({ kind: 'basis', shown: 'annualised' });
    expect(cellMark(col('equity'), annualised)).toBeNull();
    const lfy = row({ orgNr: '923609016', name: 'A', basis: basis({ choice: 'last_financial_year', shown: 'ytd', period: 'ytd' }) });
    expect(cellMark(col('equity'), lfy)).toEqual({ kind: 'basis', shown: 'ytd' });
    expect(cellMark(col('equity_ratio'), lfy)).toEqual({ kind: 'basis', shown: 'ytd' });
  });

  it('a ratio without a value gives its reason; one with a value none', () => {
    const gap = { kind: 'not_meaningful' as const, reason: 'negative_ebitda', explain: { en: 'EBITDA is negative', nb: 'EBITDA er negativ' } };
    const r = row({ orgNr: '923609016', name: 'A', basis: basis({}), ratios: { nibd_to_ebitda: null, equity_ratio: 0.2 }, ratioGaps: { nibd_to_ebitda: gap } });
    expect(ratioGap(col('nibd_to_ebitda'), r)).toEqual(gap);
    expect(ratioGap(col('equity_ratio'), r)).toBeNull();
    expect(ratioGap(col('revenues'), r)).toBeNull();
  });
});
