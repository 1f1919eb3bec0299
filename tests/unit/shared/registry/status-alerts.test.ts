import { describe, expect, it } from 'vitest';
import type { RegistryUnit } from '../../../../shared/registry/dto';
import { unitFromEnhet, unitFromGone, unitNotFound } from '../../../../shared/registry/facts';
import { Enhet } from '../../../../shared/registry/schemas';
import { STATUS_ALERT_DEFINITIONS, STATUS_ALERT_IDS, compareStatusAlerts, statusAlertChanges, statusAlerts, worstStatusAlert, type StatusAlert } from '../../../../shared/registry/status-alerts';
import { EQUINOR_ENHET } from '../../../fixtures/brreg-examples';

const live = (over: Record<string, unknown> = {}): RegistryUnit => unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, ...over }), 'x');

describe('status alerts', () => {
  it('a live unit in good standing has none; an unknown number is no finding about standing', () => {
    expect(statusAlerts(live())).toEqual([]);
    expect(statusAlerts(unitNotFound('923609016', 'x'))).toEqual([]);
  });

  it('gives each status with its date, most severe first', () => {
    const u = live({
      konkurs: true,
      konkursdato: '2026-09-20',
      underAvvikling: true,
      underAvviklingDato: '2026-05-01',
      underTvangsavviklingEllerTvangsopplosning: true,
      tvangsopplostPgaManglendeDagligLederDato: '2026-03-02',
      tvangsopplostPgaManglendeRegnskapDato: '2025-12-01',
      underRekonstruksjonsforhandlingDato: '2026-08-01',
    });
    const alerts = statusAlerts(u);
    expect(alerts.map((a) => [a.id, a.date])).toEqual([
      ['bankruptcy', '2026-09-20'],
      ['reconstruction', '2026-08-01'],
      ['forced_dissolution', '2025-12-01'],
      ['winding_up', '2026-05-01'],
    ]);
    expect(alerts[2]!.grounds.map((g) => g.ground)).toEqual(['missing_accounts', 'missing_general_manager']);
    expect(worstStatusAlert(u)?.id).toBe('bankruptcy');
  });

  it('keeps a flag whose date the registry does not give, with the date null', () => {
    expect(statusAlerts(live({ konkurs: true }))).toEqual([{ id: 'bankruptcy', severity: 1, date: null, grounds: [] }]);
  });

  it('a deleted or removed unit gives its own alert with the deletion date', () => {
    const deleted: RegistryUnit = { ...unitNotFound('923609016', 'x'), status: 'deleted', name: 'X AS', deletedDate: '2026-09-10' };
    expect(statusAlerts(deleted)).toEqual([{ id: 'deleted', severity: 5, date: '2026-09-10', grounds: [] }]);
    expect(statusAlerts(unitFromGone('923609016', { organisasjonsnummer: '923609016', slettedato: '2026-09-28' }, 'x'))[0]).toMatchObject({ id: 'removed', date: '2026-09-28' });
  });

  it('orders across borrowers by severity, then the most recent date, undated last', () => {
    const a = { id: 'winding_up' as const, severity: 6, date: '2026-01-01', grounds: [] };
    const b = { id: 'bankruptcy' as const, severity: 1, date: '2020-01-01', grounds: [] };
    const c = { id: 'bankruptcy' as const, severity: 1, date: '2026-02-01', grounds: [] };
    const d = { id: 'bankruptcy' as const, severity: 1, date: null, grounds: [] };
    expect([a, d, b, c].sort(compareStatusAlerts)).toEqual([c, b, d, a]);
  });

  it('every alert has a distinct severity in its listed order and words in both languages', () => {
    expect(STATUS_ALERT_IDS.map((id) => STATUS_ALERT_DEFINITIONS[id].severity)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const id of STATUS_ALERT_IDS) {
      expect(STATUS_ALERT_DEFINITIONS[id].name.nb).not.toBe(STATUS_ALERT_DEFINITIONS[id].name.en);
      expect(STATUS_ALERT_DEFINITIONS[id].definition.nb.length).toBeGreaterThan(20);
    }
    expect(STATUS_ALERT_DEFINITIONS.forced_dissolution.name.nb).toBe('Under tvangsavvikling eller tvangsoppløsning');
  });
});

describe('status alert changes (the app’s own notifications)', () => {
  const alert = (id: StatusAlert['id'], date: string | null): StatusAlert => ({ id, severity: STATUS_ALERT_DEFINITIONS[id].severity, date, grounds: [] });

  it('reports an alert at the first look-up, a moved date, and one that ended; nothing when nothing moved', () => {
    expect(statusAlertChanges([], [alert('winding_up', '2026-01-02'), alert('bankruptcy', '2026-02-01')])).toEqual([
      { change: 'new', alert: 'bankruptcy', date: '2026-02-01', previousDate: null },
      { change: 'new', alert: 'winding_up', date: '2026-01-02', previousDate: null },
    ]);
    expect(statusAlertChanges([alert('bankruptcy', '2026-02-01')], [alert('bankruptcy', '2026-02-03')])).toEqual([
      { change: 'changed', alert: 'bankruptcy', date: '2026-02-03', previousDate: '2026-02-01' },
    ]);
    expect(statusAlertChanges([alert('winding_up', '2026-01-02')], [])).toEqual([{ change: 'ended', alert: 'winding_up', date: '2026-01-02', previousDate: null }]);
    expect(statusAlertChanges([alert('bankruptcy', '2026-02-01')], [alert('bankruptcy', '2026-02-01')])).toEqual([]);
  });

  it('a unit deleted or removed reports only that, not each alert it had before', () => {
    expect(statusAlertChanges([alert('winding_up', '2025-06-01')], [alert('deleted', '2026-01-15')])).toEqual([
      { change: 'new', alert: 'deleted', date: '2026-01-15', previousDate: null },
    ]);
    expect(statusAlertChanges([alert('bankruptcy', '2025-06-01')], [alert('removed', null)])).toEqual([{ change: 'new', alert: 'removed', date: null, previousDate: null }]);
  });
});
