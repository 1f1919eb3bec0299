/**
 * The shapes of the Brønnøysund registers' answers, transcribed from ../shared/brreg-api-notes.md (the official
 * Enhetsregisteret OpenAPI, the Regnskapsregisteret API's own source and real captured answers), misspelt field
 * names included: `regnkapsprinsipper` and `sumInnskuttEgenkaptial` are what the real API sends. The client parses
 * every answer with these; the sandbox's conformance tests hold its answers to them.
 *
 * Fields without a value are omitted by both APIs, never null: optional here, never nullable. Objects are loose
 * (unknown fields are kept): the raw answer is stored beside the typed columns.
 */
import { z } from 'zod';

/** "2024-11-26". */
export const RegistryDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2024-11-26');
/** "2001-05-11 08:32:09" (historiskeNavn). */
export const RegistryDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected a time like 2001-05-11 08:32:09');
/** The change feed's "2018-04-23T06:03:29.443Z". */
export const FeedTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'expected a UTC time like 2018-04-23T06:03:29.443Z');
/** Nine digits (the MOD11 check is the caller's: the registry is the authority on its own numbers). */
export const RegistryOrgNr = z.string().regex(/^\d{9}$/, 'expected nine digits');

const Link = z.looseObject({ href: z.string() });
const Links = z.looseObject({
  self: Link.optional(),
  first: Link.optional(),
  prev: Link.optional(),
  next: Link.optional(),
  last: Link.optional(),
});

export const Organisasjonsform = z.looseObject({
  kode: z.string().min(1),
  beskrivelse: z.string(),
  utgaatt: RegistryDate.optional(),
  _links: z.looseObject({ self: Link.optional() }).optional(),
});
export type Organisasjonsform = z.infer<typeof Organisasjonsform>;

/** `{kode, beskrivelse}`, e.g. `{"kode": "06.100", "beskrivelse": "Utvinning av råolje"}`. */
export const Naeringskode = z.looseObject({
  kode: z.string().regex(/^\d{2}(\.\d{1,3})?$/, 'expected a NACE code like 06.100'),
  beskrivelse: z.string(),
});
export type Naeringskode = z.infer<typeof Naeringskode>;

export const KodeBeskrivelse = z.looseObject({ kode: z.string(), beskrivelse: z.string() });

/** Postal and business address: every part may be absent (foreign addresses have no kommune). */
export const Adresse = z.looseObject({
  adresse: z.array(z.string()).optional(),
  postnummer: z.string().optional(),
  poststed: z.string().optional(),
  kommune: z.string().optional(),
  kommunenummer: z.string().optional(),
  land: z.string().optional(),
  landkode: z.string().optional(),
});
export type Adresse = z.infer<typeof Adresse>;

export const HistoriskNavn = z.looseObject({
  navn: z.string(),
  fraDato: RegistryDateTime.optional(),
  tilDato: RegistryDateTime.optional(),
});

export const Kapital = z.looseObject({
  belop: z.number(),
  antallAksjer: z.number().optional(),
  type: z.string(),
  bundet: z.number().optional(),
  valuta: z.string(),
  innbetalt: z.number().optional(),
  fulltInnbetalt: z.boolean().optional(),
  innfortDato: RegistryDate.optional(),
});

export const Paategning = z.looseObject({
  infotype: z.string().optional(),
  tekst: z.string().optional(),
  innfoertDato: z.string().optional(),
});

const optionalDate = RegistryDate.optional();

/**
 * One main unit, GET /enheter/{orgnr} (and each item of `_embedded.enheter`). The required fields are the spec's
 * required list; every other field is omitted when it has no value.
 */
export const Enhet = z.looseObject({
  /** Discriminator; present live in 2026, absent in early-2025 answers. */
  respons_klasse: z.literal('Enhet').optional(),
  organisasjonsnummer: RegistryOrgNr,
  navn: z.string().min(1),
  organisasjonsform: Organisasjonsform,
  historiskeNavn: z.array(HistoriskNavn).optional(),
  postadresse: Adresse.optional(),
  forretningsadresse: Adresse.optional(),
  naeringskode1: Naeringskode.optional(),
  naeringskode2: Naeringskode.optional(),
  naeringskode3: Naeringskode.optional(),
  hjelpeenhetskode: Naeringskode.optional(),
  institusjonellSektorkode: KodeBeskrivelse.optional(),
  /** Omitted for units with 0-4 employees (v2, 13 Sep 2023). */
  antallAnsatte: z.number().int().nonnegative().optional(),
  harRegistrertAntallAnsatte: z.boolean(),
  registreringsdatoAntallAnsatteEnhetsregisteret: optionalDate,
  registreringsdatoAntallAnsatteNAVAaregisteret: optionalDate,
  registrertIMvaregisteret: z.boolean(),
  registrertIForetaksregisteret: z.boolean(),
  registrertIStiftelsesregisteret: z.boolean(),
  registrertIFrivillighetsregisteret: z.boolean(),
  registrertIPartiregisteret: z.boolean().optional(),
  registreringsdatoEnhetsregisteret: RegistryDate,
  registreringsdatoMerverdiavgiftsregisteret: optionalDate,
  registreringsdatoMerverdiavgiftsregisteretEnhetsregisteret: optionalDate,
  registreringsdatoFrivilligMerverdiavgiftsregisteret: optionalDate,
  registreringsdatoForetaksregisteret: optionalDate,
  registreringsdatoFrivillighetsregisteret: optionalDate,
  registreringsdatoPartiregisteret: optionalDate,
  frivilligMvaRegistrertBeskrivelser: z.array(z.string()).optional(),
  stiftelsesdato: optionalDate,
  vedtektsdato: optionalDate,
  vedtektsfestetFormaal: z.array(z.string()).optional(),
  aktivitet: z.array(z.string()).optional(),
  hjemmeside: z.string().optional(),
  epostadresse: z.string().optional(),
  telefon: z.string().optional(),
  mobil: z.string().optional(),
  maalform: z.string(),
  /** The year of the latest annual accounts filed, e.g. "2025". */
  sisteInnsendteAarsregnskap: z.string().regex(/^\d{4}$/, 'expected a year like 2025').optional(),
  konkurs: z.boolean(),
  konkursdato: optionalDate,
  underAvvikling: z.boolean(),
  underAvviklingDato: optionalDate,
  underTvangsavviklingEllerTvangsopplosning: z.boolean(),
  tvangsavvikletPgaManglendeSlettingDato: optionalDate,
  tvangsopplostPgaManglendeDagligLederDato: optionalDate,
  tvangsopplostPgaManglendeRevisorDato: optionalDate,
  tvangsopplostPgaManglendeRegnskapDato: optionalDate,
  tvangsopplostPgaMangelfulltStyreDato: optionalDate,
  underRekonstruksjonsforhandlingDato: optionalDate,
  underUtenlandskInsolvensbehandlingDato: optionalDate,
  fravalgRevisjonDato: optionalDate,
  fravalgRevisjonBeslutningsDato: optionalDate,
  erIKonsern: z.boolean(),
  kapital: Kapital.optional(),
  overordnetEnhet: RegistryOrgNr.optional(),
  paategninger: z.array(Paategning),
  _links: z.looseObject({ self: Link.optional(), overordnetEnhet: Link.optional() }).optional(),
});
export type Enhet = z.infer<typeof Enhet>;

/** A deleted unit: HTTP 200 with a reduced body (`respons_klasse` absent in early-2025 answers). */
export const SlettetEnhet = z.looseObject({
  respons_klasse: z.literal('SlettetEnhet').optional(),
  organisasjonsnummer: RegistryOrgNr,
  navn: z.string().min(1),
  organisasjonsform: Organisasjonsform,
  slettedato: RegistryDate,
  historiskeNavn: z.array(HistoriskNavn).optional(),
  _links: z.looseObject({ self: Link.optional() }).optional(),
});
export type SlettetEnhet = z.infer<typeof SlettetEnhet>;

/** HTTP 410: removed from open data ("fjernet av juridiske årsaker"); copies must be purged. */
export const GoneEnhet = z.looseObject({
  organisasjonsnummer: RegistryOrgNr,
  slettedato: RegistryDate,
  _links: z.looseObject({ self: Link.optional() }).optional(),
});
export type GoneEnhet = z.infer<typeof GoneEnhet>;

/**
 * Which schema a 200 unit answer follows: the discriminator when present, else the deleted shape's own field.
 * (The 200 schema is `oneOf` Enhet / SlettetEnhet.)
 */
export function enhetVariant(raw: unknown): 'Enhet' | 'SlettetEnhet' {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if (o.respons_klasse === 'SlettetEnhet') return 'SlettetEnhet';
    if (o.respons_klasse === undefined && 'slettedato' in o) return 'SlettetEnhet';
  }
  return 'Enhet';
}

const PageInfo = z.looseObject({
  size: z.number().int().nonnegative(),
  totalElements: z.number().int().nonnegative(),
  totalPages: z.number().int().nonnegative(),
  number: z.number().int().nonnegative(),
});

/**
 * A search page, GET /enheter. `_embedded` is absent when there are no hits. The items are parsed one by one with
 * {@link Enhet} (or {@link SlettetEnhet}), so that an error names the item.
 */
export const EnheterPage = z.looseObject({
  _embedded: z.looseObject({ enheter: z.array(z.unknown()) }).optional(),
  _links: Links,
  page: PageInfo,
});
export type EnheterPage = z.infer<typeof EnheterPage>;

/** One JSON Patch operation of a feed item (`includeChanges=true`). */
export const Endring = z.looseObject({ op: z.string(), path: z.string(), value: z.unknown().optional() });

/**
 * One update in the change feed. `endringstype` is one of CHANGE_TYPES (defaults.ts) by the spec; an unknown value is
 * accepted (and treated as a change) so that a new type does not stop the feed.
 */
export const OppdateringEnhet = z.looseObject({
  oppdateringsid: z.number().int().positive(),
  dato: FeedTimestamp,
  organisasjonsnummer: RegistryOrgNr,
  endringstype: z.string(),
  endringer: z.array(Endring).optional(),
  _links: z.looseObject({ enhet: Link.optional() }).optional(),
});
export type OppdateringEnhet = z.infer<typeof OppdateringEnhet>;

/** A change-feed page, GET /oppdateringer/enheter; `_embedded` optional (absent on an empty page). */
export const OppdateringerPage = z.looseObject({
  _embedded: z.looseObject({ oppdaterteEnheter: z.array(OppdateringEnhet) }).optional(),
  _links: Links,
  page: PageInfo,
});
export type OppdateringerPage = z.infer<typeof OppdateringerPage>;

/** HTTP 400 of Enhetsregisteret (shared parameter validation). */
export const BadRequest = z.looseObject({
  tidsstempel: z.number(),
  status: z.number(),
  feilmelding: z.string(),
  sti: z.string(),
  antallFeil: z.number(),
  valideringsfeil: z.array(
    z.looseObject({ feilmelding: z.string(), parametere: z.array(z.string()), feilaktigVerdi: z.string().optional() }),
  ),
});
export type BadRequest = z.infer<typeof BadRequest>;

/** HTTP 500 of Enhetsregisteret: `status` a number; `trace` a UUID to quote to Brreg. */
export const EnhetsregisterServerError = z.looseObject({
  timestamp: z.string(),
  status: z.number(),
  error: z.string(),
  message: z.string(),
  path: z.string(),
  trace: z.string().optional(),
});

/** HTTP 500 of Regnskapsregisteret (`ServerErrorRespons`): `status` is a string there. */
export const RegnskapServerError = z.looseObject({
  timestamp: z.string(),
  status: z.string(),
  error: z.string(),
  message: z.string(),
  path: z.string(),
  trace: z.string().optional(),
});
export type RegnskapServerError = z.infer<typeof RegnskapServerError>;

/** The 500 for banks and insurers: "Regnskapet inneholder en oppstillingsplan som ikke er stottet (BANK)". */
export const UNSUPPORTED_LAYOUT = /oppstillingsplan som ikke er st(o|ø)ttet(?:\s*\(([A-ZÆØÅ]+)\))?/i;

/** An amount, or absent: a missing value is an empty container, never null or 0. */
const amount = z.number().optional();

/** One filed annual account (public mode: the latest SELSKAP accounts, a one-element array). */
export const Regnskap = z.looseObject({
  id: z.number().int(),
  journalnr: z.string(),
  regnskapstype: z.enum(['SELSKAP', 'KONSERN']),
  virksomhet: z.looseObject({
    organisasjonsnummer: RegistryOrgNr,
    /** A code such as "AS": a string here, not the object of Enhetsregisteret. */
    organisasjonsform: z.string(),
    morselskap: z.boolean(),
  }),
  regnskapsperiode: z.looseObject({ fraDato: RegistryDate, tilDato: RegistryDate }),
  /** ISO code; not always NOK (USD, EUR seen); may be "" (a NULL column reads as ""). */
  valuta: z.string(),
  avviklingsregnskap: z.boolean(),
  /** "smaa" | "store" | "oevrige" by the spec; another value is kept, not refused. */
  oppstillingsplan: z.string(),
  revisjon: z.looseObject({ ikkeRevidertAarsregnskap: z.boolean(), fravalgRevisjon: z.boolean() }),
  /** Misspelt in the real API ("regnkaps"). */
  regnkapsprinsipper: z.looseObject({ smaaForetak: z.boolean(), regnskapsregler: z.string().optional() }),
  egenkapitalGjeld: z.looseObject({
    sumEgenkapitalGjeld: amount,
    egenkapital: z.looseObject({
      sumEgenkapital: amount,
      opptjentEgenkapital: z.looseObject({ sumOpptjentEgenkapital: amount }),
      /** Misspelt in the real API ("Egenkaptial"). */
      innskuttEgenkapital: z.looseObject({ sumInnskuttEgenkaptial: amount }),
    }),
    gjeldOversikt: z.looseObject({
      sumGjeld: amount,
      kortsiktigGjeld: z.looseObject({ sumKortsiktigGjeld: amount }),
      langsiktigGjeld: z.looseObject({ sumLangsiktigGjeld: amount }),
    }),
  }),
  eiendeler: z.looseObject({
    sumEiendeler: amount,
    omloepsmidler: z.looseObject({ sumOmloepsmidler: amount }),
    anleggsmidler: z.looseObject({ sumAnleggsmidler: amount }),
  }),
  resultatregnskapResultat: z.looseObject({
    ordinaertResultatFoerSkattekostnad: amount,
    aarsresultat: amount,
    totalresultat: amount,
    finansresultat: z.looseObject({
      nettoFinans: amount,
      finansinntekt: z.looseObject({ sumFinansinntekter: amount }),
      finanskostnad: z.looseObject({ sumFinanskostnad: amount }),
    }),
    driftsresultat: z.looseObject({
      driftsresultat: amount,
      driftsinntekter: z.looseObject({ sumDriftsinntekter: amount }),
      driftskostnad: z.looseObject({ sumDriftskostnad: amount }),
    }),
  }),
});
export type Regnskap = z.infer<typeof Regnskap>;

/** GET /regnskapsregisteret/regnskap/{orgnr}: an array (one element on public access). */
export const RegnskapList = z.array(Regnskap);
