/**
 * From the registers' answers to the app's facts: one mapping, used by the sync (what it stores) and by the
 * sandbox's tests (what the sandbox means). Pure.
 */
import type { Adresse, Enhet, GoneEnhet, Regnskap, SlettetEnhet } from './schemas';
import { naceDivision } from './nace';
import type { BusinessAddress, FiledAccounts, FiledFigures, ForcedDissolutionGround, PublishedSource, RegistryUnit } from './dto';

const FORCED_GROUNDS: ReadonlyArray<[keyof Enhet & string, ForcedDissolutionGround]> = [
  ['tvangsavvikletPgaManglendeSlettingDato', 'missing_deletion'],
  ['tvangsopplostPgaManglendeDagligLederDato', 'missing_general_manager'],
  ['tvangsopplostPgaManglendeRevisorDato', 'missing_auditor'],
  ['tvangsopplostPgaManglendeRegnskapDato', 'missing_accounts'],
  ['tvangsopplostPgaMangelfulltStyreDato', 'deficient_board'],
];

function address(a: Adresse | undefined): BusinessAddress | null {
  if (!a) return null;
  return {
    lines: a.adresse ?? [],
    postalCode: a.postnummer ?? null,
    city: a.poststed ?? null,
    municipality: a.kommune ?? null,
    municipalityNumber: a.kommunenummer ?? null,
    country: a.land ?? null,
    countryCode: a.landkode ?? null,
  };
}

function empty(orgNr: string, status: RegistryUnit['status'], fetchedAt: string): RegistryUnit {
  return {
    orgNr,
    status,
    name: null,
    orgForm: null,
    nace: [],
    naceDivision: null,
    employees: null,
    hasRegisteredEmployees: null,
    businessAddress: null,
    founded: null,
    registeredAt: null,
    vatRegistered: null,
    lastFiledYear: null,
    inGroup: null,
    bankrupt: null,
    bankruptcyDate: null,
    windingUp: null,
    windingUpDate: null,
    forcedDissolution: null,
    forcedDissolutionGrounds: [],
    reconstructionDate: null,
    foreignInsolvencyDate: null,
    auditOptOutDate: null,
    deletedDate: null,
    fetchedAt,
  };
}

/** The facts of a live unit. */
export function unitFromEnhet(e: Enhet, fetchedAt: string): RegistryUnit {
  const nace = [e.naeringskode1, e.naeringskode2, e.naeringskode3]
    .filter((n): n is NonNullable<typeof n> => n !== undefined)
    .map((n) => ({ code: n.kode, name: n.beskrivelse }));
  const grounds = FORCED_GROUNDS.flatMap(([field, ground]) => {
    const d = e[field];
    return typeof d === 'string' ? [{ ground, date: d }] : [];
  });
  return {
    ...empty(e.organisasjonsnummer, 'active', fetchedAt),
    name: e.navn,
    orgForm: { code: e.organisasjonsform.kode, name: e.organisasjonsform.beskrivelse },
    nace,
    naceDivision: naceDivision(e.naeringskode1?.kode),
    employees: e.antallAnsatte ?? null,
    hasRegisteredEmployees: e.harRegistrertAntallAnsatte,
    businessAddress: address(e.forretningsadresse),
    founded: e.stiftelsesdato ?? null,
    registeredAt: e.registreringsdatoEnhetsregisteret,
    vatRegistered: e.registrertIMvaregisteret,
    lastFiledYear: e.sisteInnsendteAarsregnskap === undefined ? null : Number(e.sisteInnsendteAarsregnskap),
    inGroup: e.erIKonsern,
    bankrupt: e.konkurs,
    bankruptcyDate: e.konkursdato ?? null,
    windingUp: e.underAvvikling,
    windingUpDate: e.underAvviklingDato ?? null,
    forcedDissolution: e.underTvangsavviklingEllerTvangsopplosning,
    forcedDissolutionGrounds: grounds,
    reconstructionDate: e.underRekonstruksjonsforhandlingDato ?? null,
    foreignInsolvencyDate: e.underUtenlandskInsolvensbehandlingDato ?? null,
    auditOptOutDate: e.fravalgRevisjonDato ?? null,
  };
}

/** A deleted unit: its name, form and deletion date; everything else is unknown. */
export function unitFromSlettet(e: SlettetEnhet, fetchedAt: string): RegistryUnit {
  return {
    ...empty(e.organisasjonsnummer, 'deleted', fetchedAt),
    name: e.navn,
    orgForm: { code: e.organisasjonsform.kode, name: e.organisasjonsform.beskrivelse },
    deletedDate: e.slettedato,
  };
}

/** A unit removed from open data (410): nothing of it is kept but the number and the date the answer gives. */
export function unitFromGone(orgNr: string, gone: GoneEnhet | null, fetchedAt: string): RegistryUnit {
  return { ...empty(orgNr, 'removed', fetchedAt), deletedDate: gone?.slettedato ?? null };
}

/** 404: no main unit with this number (a typo, a sub-unit, or never registered). */
export function unitNotFound(orgNr: string, fetchedAt: string): RegistryUnit {
  return empty(orgNr, 'not_found', fetchedAt);
}

/** The figures of a filing; an empty container (`"driftsinntekter": {}`) is null, never 0. */
export function filedFigures(r: Regnskap): FiledFigures {
  const v = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const res = r.resultatregnskapResultat;
  const ekg = r.egenkapitalGjeld;
  return {
    revenues: v(res.driftsresultat.driftsinntekter.sumDriftsinntekter),
    operatingExpenses: v(res.driftsresultat.driftskostnad.sumDriftskostnad),
    operatingResult: v(res.driftsresultat.driftsresultat),
    netFinancial: v(res.finansresultat.nettoFinans),
    financialIncome: v(res.finansresultat.finansinntekt.sumFinansinntekter),
    financialExpenses: v(res.finansresultat.finanskostnad.sumFinanskostnad),
    preTaxResult: v(res.ordinaertResultatFoerSkattekostnad),
    netResult: v(res.aarsresultat),
    totalResult: v(res.totalresultat),
    totalAssets: v(r.eiendeler.sumEiendeler),
    fixedAssets: v(r.eiendeler.anleggsmidler.sumAnleggsmidler),
    currentAssets: v(r.eiendeler.omloepsmidler.sumOmloepsmidler),
    equity: v(ekg.egenkapital.sumEgenkapital),
    paidInEquity: v(ekg.egenkapital.innskuttEgenkapital.sumInnskuttEgenkaptial),
    retainedEquity: v(ekg.egenkapital.opptjentEgenkapital.sumOpptjentEgenkapital),
    liabilities: v(ekg.gjeldOversikt.sumGjeld),
    shortTermLiabilities: v(ekg.gjeldOversikt.kortsiktigGjeld.sumKortsiktigGjeld),
    longTermLiabilities: v(ekg.gjeldOversikt.langsiktigGjeld.sumLangsiktigGjeld),
    equityAndLiabilities: v(ekg.sumEgenkapitalGjeld),
  };
}

/** The accounting year of a filing: the year its period ends (a non-calendar year belongs to its end). */
export function filingYear(r: Regnskap): number {
  return Number(r.regnskapsperiode.tilDato.slice(0, 4));
}

/** One filing as the app keeps it. `published` says when it became public, as far as the app knows. */
export function filedAccountsFrom(
  r: Regnskap,
  fetchedAt: string,
  published: { at: string; source: PublishedSource },
): FiledAccounts {
  return {
    orgNr: r.virksomhet.organisasjonsnummer,
    year: filingYear(r),
    type: r.regnskapstype,
    periodFrom: r.regnskapsperiode.fraDato,
    periodTo: r.regnskapsperiode.tilDato,
    recordId: r.id,
    journalNr: r.journalnr,
    currency: r.valuta.trim() === '' ? null : r.valuta.trim().toUpperCase(),
    orgForm: r.virksomhet.organisasjonsform.trim() === '' ? null : r.virksomhet.organisasjonsform,
    layout: r.oppstillingsplan,
    unaudited: r.revisjon.ikkeRevidertAarsregnskap,
    auditOptedOut: r.revisjon.fravalgRevisjon,
    smallCompany: r.regnkapsprinsipper.smaaForetak,
    accountingRules: r.regnkapsprinsipper.regnskapsregler ?? null,
    windingUpAccounts: r.avviklingsregnskap,
    figures: filedFigures(r),
    publishedAt: published.at,
    publishedSource: published.source,
    fetchedAt,
  };
}
