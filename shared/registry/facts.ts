/**
 * From the registers' answers to the app's facts: one mapping, used by the sync (what it stores) and by the
 * sandbox's tests (what the sandbox means). Pure. Every text the registry sends (names, descriptions, address
 * lines, codes) is cleaned as any server's text is (shared/safe-text.ts) before it is stored or shown.
 */
import { cleanServerText as clean } from '../safe-text';
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

function opt(s: string | undefined): string | null {
  return s === undefined ? null : clean(s);
}

function codeName(c: { kode: string; beskrivelse: string }): { code: string; name: string } {
  return { code: clean(c.kode), name: clean(c.beskrivelse) };
}

function address(a: Adresse | undefined): BusinessAddress | null {
  if (!a) return null;
  return {
    lines: (a.adresse ?? []).map(clean),
    postalCode: opt(a.postnummer),
    city: opt(a.poststed),
    municipality: opt(a.kommune),
    municipalityNumber: opt(a.kommunenummer),
    country: opt(a.land),
    countryCode: opt(a.landkode),
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
    .map(codeName);
  const grounds = FORCED_GROUNDS.flatMap(([field, ground]) => {
    const d = e[field];
    return typeof d === 'string' ? [{ ground, date: d }] : [];
  });
  return {
    ...empty(e.organisasjonsnummer, 'active', fetchedAt),
    name: clean(e.navn),
    orgForm: codeName(e.organisasjonsform),
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
    name: clean(e.navn),
    orgForm: codeName(e.organisasjonsform),
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
    journalNr: clean(r.journalnr),
    currency: r.valuta.trim() === '' ? null : clean(r.valuta.trim().toUpperCase()),
    orgForm: r.virksomhet.organisasjonsform.trim() === '' ? null : clean(r.virksomhet.organisasjonsform),
    layout: clean(r.oppstillingsplan),
    unaudited: r.revisjon.ikkeRevidertAarsregnskap,
    auditOptedOut: r.revisjon.fravalgRevisjon,
    smallCompany: r.regnkapsprinsipper.smaaForetak,
    accountingRules: r.regnkapsprinsipper.regnskapsregler === undefined ? null : clean(r.regnkapsprinsipper.regnskapsregler),
    windingUpAccounts: r.avviklingsregnskap,
    figures: filedFigures(r),
    publishedAt: published.at,
    publishedSource: published.source,
    fetchedAt,
  };
}
