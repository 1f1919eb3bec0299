import { describe, expect, it } from 'vitest';
import { filedAccountsFrom, filedFigures, filingYear, unitFromEnhet, unitFromGone, unitFromSlettet } from '../../../../shared/registry/facts';
import {
  BadRequest,
  Enhet,
  EnheterPage,
  EnhetsregisterServerError,
  GoneEnhet,
  OppdateringEnhet,
  OppdateringerPage,
  RegnskapList,
  RegnskapServerError,
  SlettetEnhet,
  UNSUPPORTED_LAYOUT,
  enhetVariant,
} from '../../../../shared/registry/schemas';
import {
  BAD_REQUEST,
  ENHETSREGISTER_500,
  EQUINOR_ENHET,
  EQUINOR_REGNSKAP,
  FEED_ITEM,
  GONE_ENHET,
  REGNSKAP_500_BANK,
  SLETTET_ENHET,
  ZERO_HIT_SEARCH,
} from '../../../fixtures/brreg-examples';

describe('the registry schemas take the real answers', () => {
  it('parses the captured Equinor unit, keeping fields the schema does not name', () => {
    const e = Enhet.parse(EQUINOR_ENHET);
    expect(e.naeringskode1?.kode).toBe('06.100');
    expect(e.sisteInnsendteAarsregnskap).toBe('2025');
    expect((e as Record<string, unknown>).frivilligMvaRegistrertBeskrivelser).toEqual(['Utleier av bygg eller anlegg']);
    expect(enhetVariant(EQUINOR_ENHET)).toBe('Enhet');
  });

  it('tells a deleted unit by respons_klasse, or by slettedato when the class is absent (early 2025)', () => {
    expect(enhetVariant(SLETTET_ENHET)).toBe('SlettetEnhet');
    expect(enhetVariant({ ...SLETTET_ENHET, respons_klasse: 'SlettetEnhet' })).toBe('SlettetEnhet');
    expect(SlettetEnhet.parse(SLETTET_ENHET).slettedato).toBe('2024-11-26');
    expect(GoneEnhet.parse(GONE_ENHET).slettedato).toBe('2024-03-09');
  });

  it('refuses null where the API omits a field, and a missing required flag', () => {
    expect(Enhet.safeParse({ ...EQUINOR_ENHET, konkursdato: null }).success).toBe(false);
    expect(Enhet.safeParse({ ...EQUINOR_ENHET, antallAnsatte: null }).success).toBe(false);
    const { konkurs: _k, ...noFlag } = EQUINOR_ENHET;
    const r = Enhet.safeParse(noFlag);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['konkurs']);
    expect(Enhet.safeParse({ ...EQUINOR_ENHET, organisasjonsnummer: 923609016 }).success).toBe(false);
  });

  it('takes a search page without _embedded (zero hits), the 400 and both 500 bodies', () => {
    expect(EnheterPage.parse(ZERO_HIT_SEARCH)._embedded).toBeUndefined();
    expect(BadRequest.parse(BAD_REQUEST).valideringsfeil[0]?.feilaktigVerdi).toBe('9ECD01011');
    expect(EnhetsregisterServerError.parse(ENHETSREGISTER_500).status).toBe(500);
    // Regnskapsregisteret writes the status as a string; the two shapes are not interchangeable.
    expect(RegnskapServerError.safeParse(ENHETSREGISTER_500).success).toBe(false);
    const bank = RegnskapServerError.parse(REGNSKAP_500_BANK);
    expect(UNSUPPORTED_LAYOUT.exec(bank.message)?.[2]).toBe('BANK');
  });

  it('parses the feed item and a feed page without _embedded', () => {
    expect(OppdateringEnhet.parse(FEED_ITEM).endringstype).toBe('Ukjent');
    expect(OppdateringerPage.parse({ _links: { self: { href: 'x' } }, page: { size: 20, totalElements: 0, totalPages: 0, number: 0 } })._embedded).toBeUndefined();
    expect(OppdateringEnhet.safeParse({ ...FEED_ITEM, dato: '2018-04-23 06:03:29' }).success).toBe(false);
  });

  it('parses the Equinor filing with the misspelt keys, and only with them', () => {
    const [r] = RegnskapList.parse(EQUINOR_REGNSKAP);
    expect(r!.valuta).toBe('USD');
    expect(r!.egenkapitalGjeld.egenkapital.innskuttEgenkapital.sumInnskuttEgenkaptial).toBe(1052000000);
    const corrected = structuredClone(EQUINOR_REGNSKAP) as unknown as Record<string, unknown>[];
    corrected[0]!.regnskapsprinsipper = corrected[0]!.regnkapsprinsipper;
    delete corrected[0]!.regnkapsprinsipper;
    expect(RegnskapList.safeParse(corrected).success).toBe(false);
    expect(RegnskapList.safeParse(EQUINOR_REGNSKAP[0]).success).toBe(false);
  });
});

describe('facts from the answers', () => {
  it('maps a live unit to the facts the app shows', () => {
    const u = unitFromEnhet(Enhet.parse(EQUINOR_ENHET), '2026-10-05T09:33:58.000Z');
    expect(u).toMatchObject({
      orgNr: '923609016',
      status: 'active',
      name: 'EQUINOR ASA',
      orgForm: { code: 'ASA', name: 'Allmennaksjeselskap' },
      naceDivision: '06',
      employees: 21272,
      founded: '1972-09-18',
      vatRegistered: true,
      lastFiledYear: 2025,
      bankrupt: false,
      bankruptcyDate: null,
      forcedDissolutionGrounds: [],
      businessAddress: { lines: ['Forusbeen 50'], municipality: 'STAVANGER', municipalityNumber: '1103', postalCode: '4035' },
    });
    expect(u.nace.map((n) => n.code)).toEqual(['06.100', '06.200', '19.200']);
  });

  it('reads the forced-dissolution grounds and leaves absent employees null', () => {
    const { antallAnsatte: _a, ...small } = EQUINOR_ENHET;
    const u = unitFromEnhet(
      Enhet.parse({ ...small, underTvangsavviklingEllerTvangsopplosning: true, tvangsopplostPgaManglendeRevisorDato: '2026-02-01', tvangsopplostPgaManglendeRegnskapDato: '2025-11-03' }),
      'x',
    );
    expect(u.employees).toBeNull();
    expect(u.forcedDissolutionGrounds).toEqual([
      { ground: 'missing_auditor', date: '2026-02-01' },
      { ground: 'missing_accounts', date: '2025-11-03' },
    ]);
  });

  it('cleans what the registry sends as any server text: no control or bidi character reaches the cache or a screen', () => {
    const hostile = 'NORDLYS\r\u001b[2K BYGG\u202E AS';
    const u = unitFromEnhet(
      Enhet.parse({
        ...EQUINOR_ENHET,
        navn: hostile,
        naeringskode1: { kode: '41.200', beskrivelse: 'Oppføring\nav bygninger' },
        forretningsadresse: { ...EQUINOR_ENHET.forretningsadresse, adresse: ['Storgata\u0007 1'], kommune: 'OSLO\u009b' },
      }),
      'x',
    );
    expect(u.name).toBe('NORDLYS [2K BYGG AS');
    expect(u.nace[0]).toEqual({ code: '41.200', name: 'Oppføring av bygninger' });
    expect(u.businessAddress).toMatchObject({ lines: ['Storgata 1'], municipality: 'OSLO' });
    expect(unitFromSlettet(SlettetEnhet.parse({ ...SLETTET_ENHET, navn: hostile }), 'x').name).toBe('NORDLYS [2K BYGG AS');
  });

  it('keeps of a deleted unit its name and date, of a removed one only the date', () => {
    expect(unitFromSlettet(SlettetEnhet.parse(SLETTET_ENHET), 'x')).toMatchObject({ status: 'deleted', deletedDate: '2024-11-26', bankrupt: null, employees: null });
    expect(unitFromGone('509100675', GoneEnhet.parse(GONE_ENHET), 'x')).toMatchObject({ status: 'removed', name: null, deletedDate: '2024-03-09' });
    expect(unitFromGone('509100675', null, 'x').deletedDate).toBeNull();
  });

  it('maps a filing; an empty container is null, never 0', () => {
    const [r] = RegnskapList.parse(EQUINOR_REGNSKAP);
    expect(filingYear(r!)).toBe(2024);
    const f = filedAccountsFrom(r!, 'now', { at: '2025-04-01T00:00:00.000Z', source: 'feed' });
    expect(f).toMatchObject({ orgNr: '923609016', year: 2024, currency: 'USD', layout: 'store', unaudited: false, recordId: 5667197 });
    expect(f.figures).toMatchObject({ revenues: 72543000000, operatingResult: 10347000000, netResult: 8141000000, equity: 41090000000, totalAssets: 109150000000, totalResult: null });
    const holding = structuredClone(EQUINOR_REGNSKAP);
    (holding[0]!.resultatregnskapResultat.driftsresultat as Record<string, unknown>).driftsinntekter = {};
    expect(filedFigures(RegnskapList.parse(holding)[0]!).revenues).toBeNull();
  });
});
