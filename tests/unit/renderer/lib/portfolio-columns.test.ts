import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/contract';
import { tableExportInput } from '../../../../renderer/src/lib/portfolio-columns';
import { row } from '../fake-api';

describe('tableExportInput', () => {
  it('is the grid as shown: these rows in this order, these columns, typed, flags by name; the contract accepts it', () => {
    const rows = [
      row({ orgNr: '987654325', name: 'Aurora Glass AS', flags: ['stale_data'], ratios: { equity_ratio: 0.1 } }),
      row({ orgNr: '923609016', name: 'Bryggen Bakeri AS', ratios: { equity_ratio: 0.3 }, breaches: [{ rule: 'equity_ratio_min', label: 'EK-andel under grensen', actual: 0.1, limit: 0.2, headroom: -0.1, source: 'default' }] }),
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
