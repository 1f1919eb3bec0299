import { describe, expect, it } from 'vitest';
import { analyseBorrower, DEFAULT_THRESHOLDS, RATIO_DEFINITIONS } from '../../../../shared/analysis';
import {
  committeeSummary,
  formatCalendarDate,
  formatLocalDate,
  formatLocalDateTime,
  naceText,
  noDataReason,
  recommendationText,
  registryFactRows,
  relationshipStateText,
  SUMMARY_FIGURES,
  wallClockDate,
  type CommitteeBorrower,
  type SummaryContext,
} from '../../../../shared/committee';
import { unitFromEnhet } from '../../../../shared/registry/facts';
import { Enhet } from '../../../../shared/registry/schemas';
import { EQUINOR_ENHET } from '../../../fixtures/brreg-examples';
import { EXAMPLE_2024, EXAMPLE_2025, makeItem } from '../analysis/fixtures';

const NOW = new Date('2025-08-20T10:00:00Z');
const CTX: SummaryContext = { lang: 'nb', now: NOW, bank: 'Demo Sparebank', classification: 'Fortrolig', dataAsOf: new Date('2025-08-20T08:00:00Z'), amountUnit: 'thousands' };

function borrower(over: Partial<CommitteeBorrower> = {}): CommitteeBorrower {
  return { orgNr: '923609016', name: 'Eksempel AS', state: 'access_approved', lost: false, items: [EXAMPLE_2024, EXAMPLE_2025], ...over };
}
const analyse = (b: CommitteeBorrower) => analyseBorrower(b.items, { now: NOW, maxAgeDays: 45, thresholds: DEFAULT_THRESHOLDS });

describe('local time', () => {
  it('shows stored UTC times as the Oslo wall clock with its zone, summer and winter', () => {
    expect(formatLocalDateTime(new Date('2025-08-20T08:00:00Z'), 'nb')).toBe('20.08.2025 kl. 10:00 CEST');
    expect(formatLocalDateTime(new Date('2025-01-20T08:00:00Z'), 'nb')).toBe('20.01.2025 kl. 09:00 CET');
    expect(formatLocalDateTime('2025-08-20T08:00:00Z', 'en')).toBe('20 Aug 2025 10:00 CEST');
    // The API's timestamps carry no zone and are read as UTC.
    expect(formatLocalDateTime('2025-10-10T00:00:00.00000', 'nb')).toBe('10.10.2025 kl. 02:00 CEST');
    // Late in the evening in UTC is the next day in Oslo.
    expect(formatLocalDate(new Date('2025-12-31T23:30:00Z'), 'nb')).toBe('01.01.2026');
    expect(wallClockDate(new Date('2025-08-20T08:00:00Z')).toISOString()).toBe('2025-08-20T10:00:00.000Z');
    expect(formatCalendarDate('2025-10-01', 'nb')).toBe('01.10.2025');
    expect(formatCalendarDate('2025-10-01', 'en')).toBe('1 Oct 2025');
    expect(formatLocalDateTime('not a time', 'nb')).toBe('not a time');
  });
});

describe('words', () => {
  it('word every relationship state, never the code, and say why a borrower has no data', () => {
    expect(relationshipStateText('access_approved', false, 'nb')).toBe('Tilgang godkjent');
    expect(relationshipStateText('access_denied', false, 'en')).toBe('Access denied by the borrower');
    expect(relationshipStateText('access_revoked', true, 'nb')).toBe('Tilgang trukket tilbake av låntakeren (ikke lenger i Symetrisk; lagrede data vises)');
    expect(relationshipStateText('something_new', false, 'nb')).toBe('Ukjent tilstand');
    expect(relationshipStateText('__proto__', false, 'nb')).toBe('Ukjent tilstand');
    expect(noDataReason('access_requested', false, 'nb')).toBe('Låntakeren har ikke godkjent tilgangen ennå.');
    expect(recommendationText('approve_with_conditions', 'nb')).toBe('Innvilges på vilkår');
    expect(recommendationText(null, 'en')).toBe('No recommendation yet');
  });
});

describe('the committee summary (page 1)', () => {
  it('gives the header block: bank, document, borrower, org. no. in groups of three, date and data time in local time, analyst, classification', () => {
    const s = committeeSummary(borrower({ assignedTo: 'Kari Nordmann' }), analyse(borrower()), CTX);
    expect(s.header).toEqual({
      documentType: 'Sammendrag for kredittkomiteen',
      bank: 'Demo Sparebank',
      borrower: 'Eksempel AS',
      orgNr: '923 609 016',
      date: '20.08.2025',
      dataAsOf: '20.08.2025 kl. 10:00 CEST',
      analyst: 'Kari Nordmann',
      classification: 'Fortrolig',
    });
    expect(s.facts.map((f) => f.value)).toEqual(['Tilgang godkjent', EXAMPLE_2025.accountingSystem, 'ingen registeropplysninger lagret']);
  });

  it('states the key figures on the last twelve months (here an estimate, said so), the same a year earlier and the change in percentage points for a ratio', () => {
    const a = analyse(borrower());
    const s = committeeSummary(borrower(), a, CTX);
    expect(s.basis.label).toBe('Siste 12 mnd per 14.08.2025 (anslag)');
    expect(s.basis.unit).toBe('Beløp i NOK 1\u00a0000');
    expect(s.keyFigures.map((k) => k.metric)).toEqual(SUMMARY_FIGURES.map((f) => f.metric));
    const view = a.views!.ltm;
    const revenue = s.keyFigures.find((k) => k.metric === 'revenues')!;
    expect(revenue.value).toBe(view.period.flows.revenues);
    expect(revenue.text).toBe('11\u00a0110');
    expect(revenue.estimate).toBe(true);
    expect(revenue.note).toBe('anslag');
    const margin = s.keyFigures.find((k) => k.metric === 'ebitda_margin')!;
    expect(margin.unit).toBe('percent');
    expect(margin.value).toBeCloseTo(view.ratios.ebitda_margin.value!, 12);
    if (margin.prior !== null) {
      expect(margin.change).toBeCloseTo(margin.value! - margin.prior, 12);
      expect(margin.changeText).toMatch(/ pp$/);
    }
    expect(s.figureNotes[0]).toBe(view.period.note.nb);
  });

  it('says n.m. with its reason for a ratio that means nothing, never a negative multiple', () => {
    const items = [
      makeItem({ id: 1, start: '2024-01-01', end: '2024-12-31', pl: { revenues: 1_000_000, expenses: 1_200_000 } }),
      makeItem({ id: 2, start: '2025-01-01', end: '2025-06-30', pl: { revenues: 500_000, expenses: 700_000 }, snapshotDate: '2025-07-01' }),
    ];
    const b = borrower({ items });
    const s = committeeSummary(b, analyse(b), CTX);
    const lev = s.keyFigures.find((k) => k.metric === 'nibd_to_ebitda')!;
    expect(lev.value).toBeNull();
    expect(lev.text).toBe('n.m.');
    expect(lev.note).toBe('se merknad');
    expect(lev.explain).toMatch(/EBITDA er negativ/);
    expect(s.figureNotes.some((n) => n.startsWith(`${RATIO_DEFINITIONS.nibd_to_ebitda.name.nb}: n.m.: EBITDA er negativ`))).toBe(true);
    // A breach of the maximum leverage, named as a sentence among the early warnings.
    expect(s.warnings.some((w) => w.level === 'breach' && w.text.startsWith('NIBD / EBITDA n.m. – krav høyst 4,0x – brudd'))).toBe(true);
    expect(s.covenants.find((c) => c.rule === 'nibd_to_ebitda_max')!.statusText).toBe('brudd');
  });

  it('puts the register’s status alerts first among the early warnings, and shows the register’s facts', () => {
    const unit = unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, konkurs: true, konkursdato: '2025-06-12' }), '2025-08-19T10:00:00Z');
    const b = borrower({ registry: { unit, filings: [] } });
    const s = committeeSummary(b, analyse(b), CTX);
    expect(s.warnings[0]).toEqual({ level: 'critical', text: 'Enhetsregisteret: Konkurs 12.06.2025' });
    expect(s.facts[2]!.value).toMatch(/^Allmennaksjeselskap · \d{2}\.\d{3} /);
    const facts = new Map(registryFactRows(unit, 'nb').map((f) => [f.label, f.value]));
    expect([...facts.keys()]).toEqual([
      'Registrert navn',
      'Organisasjonsform',
      'Næringskode 1',
      'Næringskode 2',
      'Næringskode 3',
      'Antall ansatte',
      'Forretningsadresse',
      'Stiftelsesdato',
      'MVA-registrert',
      'Siste innsendte årsregnskap',
    ]);
    expect(naceText(unit.nace[0]!, 'en')).toMatch(/^\d{2}\.\d{3} \(Extraction of crude petroleum and natural gas\)$/);
  });

  it('carries the assessment with its author and local date, the watch list and the sign-off; says so when there is none', () => {
    const b = borrower({
      assessment: { comment: 'God drift.', recommendation: 'decline', conditions: '', author: 'Kari Nordmann', updatedAt: '2025-08-19T12:02:00Z', historyLength: 1 },
      watch: { reason: 'Svak likviditet', reviewDate: null, addedBy: 'Ola', addedAt: '2025-08-01T09:00:00Z' },
      notes: [{ text: 'Ringt daglig leder.', author: 'Ola', createdAt: '2025-08-10T07:00:00Z' }],
    });
    const s = committeeSummary(b, analyse(b), CTX);
    expect(s.assessment).toEqual({
      recommendation: 'decline',
      recommendationText: 'Avslås',
      comment: 'God drift.',
      conditions: 'ingen',
      byline: 'Skrevet av Kari Nordmann, 19.08.2025 kl. 14:02 CEST',
      versions: '1 tidligere versjon lagret',
    });
    expect(s.watch).toBe('På overvåkingslisten: Svak likviditet; lagt til av Ola, 01.08.2025 kl. 11:00 CEST');
    expect(s.notes).toEqual([{ text: 'Ringt daglig leder.', byline: 'Skrevet av Ola, 10.08.2025 kl. 09:00 CEST' }]);
    expect(s.header.analyst).toBe('Kari Nordmann');
    expect(s.signOff.map((x) => x.role)).toEqual(['Saksbehandler', 'Kundeansvarlig', 'Beslutning (kredittkomiteen)']);
    const none = committeeSummary(borrower(), analyse(borrower()), { ...CTX, lang: 'en' });
    expect(none.assessment).toMatchObject({ recommendation: null, recommendationText: 'No recommendation yet', comment: 'No assessment has been written yet.', byline: null });
    expect(none.watch).toBe('Not on the watch list');
    expect(none.header.analyst).toBe('not assigned');
  });

  it('is a summary even of a borrower without snapshots: no figures, every rule untestable', () => {
    const b = borrower({ items: [], state: 'access_requested' });
    const s = committeeSummary(b, analyse(b), CTX);
    expect(s.keyFigures).toEqual([]);
    expect(s.basis.label).toBe('Ingen regnskapsdata');
    expect(s.covenants.every((c) => c.status === 'not_testable')).toBe(true);
  });
});
