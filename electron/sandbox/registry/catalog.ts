/**
 * Static tables the registry sandbox draws its facts from: an industry code per trade word of the generated
 * company names (so that a "Bygg" company is a builder and peer groups form naturally), municipalities with their
 * 2024 numbers and a postcode each, and street names. Invented combinations; codes and municipalities are real.
 */

/** SN2007 5-digit codes with the registry's descriptions, per trade word in electron/sandbox/names.ts. */
export const TRADE_NACE: Readonly<Record<string, { kode: string; beskrivelse: string }>> = {
  Bygg: { kode: '41.200', beskrivelse: 'Oppføring av bygninger' },
  Entreprenør: { kode: '41.200', beskrivelse: 'Oppføring av bygninger' },
  Elektro: { kode: '43.210', beskrivelse: 'Elektrisk installasjonsarbeid' },
  Rørleggerservice: { kode: '43.221', beskrivelse: 'Rørleggerarbeid' },
  Ventilasjon: { kode: '43.222', beskrivelse: 'Ventilasjons- og klimaanlegg' },
  Maling: { kode: '43.341', beskrivelse: 'Malerarbeid' },
  Glass: { kode: '43.342', beskrivelse: 'Glassarbeid' },
  Tak: { kode: '43.910', beskrivelse: 'Takarbeid' },
  Anlegg: { kode: '43.120', beskrivelse: 'Grunnarbeid' },
  Betong: { kode: '23.630', beskrivelse: 'Produksjon av ferdigblandet betong' },
  Regnskap: { kode: '69.201', beskrivelse: 'Regnskap og bokføring' },
  Konsult: { kode: '70.220', beskrivelse: 'Bedriftsrådgivning og annen administrativ rådgivning' },
  Arkitekter: { kode: '71.111', beskrivelse: 'Arkitekttjenester vedrørende byggverk' },
  Data: { kode: '62.010', beskrivelse: 'Programmeringstjenester' },
  Media: { kode: '73.110', beskrivelse: 'Reklamebyråer' },
  Transport: { kode: '49.410', beskrivelse: 'Godstransport på vei' },
  Logistikk: { kode: '52.100', beskrivelse: 'Lagring' },
  Shipping: { kode: '50.201', beskrivelse: 'Utenriks sjøfart med gods' },
  Eiendom: { kode: '68.209', beskrivelse: 'Utleie av egen eller leid fast eiendom ellers' },
  Sjømat: { kode: '46.381', beskrivelse: 'Engroshandel med fisk, skalldyr og bløtdyr' },
  Fiskeoppdrett: { kode: '03.211', beskrivelse: 'Produksjon av matfisk og skalldyr i hav- og kystbasert fiskeoppdrett' },
  Landbruk: { kode: '01.410', beskrivelse: 'Melkeproduksjon på storfe' },
  Gartneri: { kode: '81.300', beskrivelse: 'Beplantning av hager og parkanlegg' },
  Renhold: { kode: '81.210', beskrivelse: 'Rengjøring av bygninger' },
  Maskin: { kode: '33.120', beskrivelse: 'Reparasjon av maskiner' },
  Mekaniske: { kode: '33.110', beskrivelse: 'Reparasjon av bearbeidede metallprodukter' },
  Marine: { kode: '33.150', beskrivelse: 'Reparasjon og vedlikehold av skip og båter' },
  Verksted: { kode: '25.620', beskrivelse: 'Bearbeiding av metaller' },
  Trelast: { kode: '16.100', beskrivelse: 'Saging, høvling og impregnering av tre' },
  Bakeri: { kode: '10.710', beskrivelse: 'Produksjon av brød og ferske konditorvarer' },
  Handel: { kode: '46.900', beskrivelse: 'Uspesifisert engroshandel' },
  Møbler: { kode: '47.591', beskrivelse: 'Butikkhandel med møbler' },
  Energi: { kode: '35.111', beskrivelse: 'Produksjon av elektrisitet fra vannkraft' },
  Reiseliv: { kode: '79.120', beskrivelse: 'Reisearrangørvirksomhet' },
  Catering: { kode: '56.210', beskrivelse: 'Cateringvirksomhet' },
  Tannhelse: { kode: '86.230', beskrivelse: 'Tannhelsetjenester' },
  Sikkerhet: { kode: '80.100', beskrivelse: 'Private vakttjenester' },
};

/** A second activity some units register (naeringskode2), by division of the first. */
export const SECOND_NACE: Readonly<Record<string, { kode: string; beskrivelse: string }>> = {
  '41': { kode: '68.100', beskrivelse: 'Kjøp og salg av egen fast eiendom' },
  '43': { kode: '43.999', beskrivelse: 'Annen spesialisert bygge- og anleggsvirksomhet ikke nevnt annet sted' },
  '49': { kode: '52.100', beskrivelse: 'Lagring' },
  '69': { kode: '70.220', beskrivelse: 'Bedriftsrådgivning og annen administrativ rådgivning' },
};

export const HOLDING_NACE = { kode: '64.200', beskrivelse: 'Holdingselskaper' } as const;
export const INSURANCE_NACE = { kode: '65.120', beskrivelse: 'Skadeforsikring' } as const;
export const FALLBACK_NACE = { kode: '82.990', beskrivelse: 'Annen forretningsmessig tjenesteyting ikke nevnt annet sted' } as const;

export const ORG_FORMS = {
  AS: 'Aksjeselskap',
  ASA: 'Allmennaksjeselskap',
} as const;

/** Municipalities (2024 numbers) with a postcode and post town for business addresses. */
export const MUNICIPALITIES: ReadonlyArray<{ kommune: string; kommunenummer: string; postnummer: string; poststed: string }> = [
  { kommune: 'OSLO', kommunenummer: '0301', postnummer: '0150', poststed: 'OSLO' },
  { kommune: 'OSLO', kommunenummer: '0301', postnummer: '0484', poststed: 'OSLO' },
  { kommune: 'BERGEN', kommunenummer: '4601', postnummer: '5003', poststed: 'BERGEN' },
  { kommune: 'TRONDHEIM', kommunenummer: '5001', postnummer: '7010', poststed: 'TRONDHEIM' },
  { kommune: 'STAVANGER', kommunenummer: '1103', postnummer: '4006', poststed: 'STAVANGER' },
  { kommune: 'SANDNES', kommunenummer: '1108', postnummer: '4306', poststed: 'SANDNES' },
  { kommune: 'KRISTIANSAND', kommunenummer: '4204', postnummer: '4611', poststed: 'KRISTIANSAND S' },
  { kommune: 'TROMSØ', kommunenummer: '5501', postnummer: '9008', poststed: 'TROMSØ' },
  { kommune: 'BODØ', kommunenummer: '1804', postnummer: '8006', poststed: 'BODØ' },
  { kommune: 'ÅLESUND', kommunenummer: '1508', postnummer: '6002', poststed: 'ÅLESUND' },
  { kommune: 'DRAMMEN', kommunenummer: '3301', postnummer: '3015', poststed: 'DRAMMEN' },
  { kommune: 'FREDRIKSTAD', kommunenummer: '3107', postnummer: '1606', poststed: 'FREDRIKSTAD' },
  { kommune: 'BÆRUM', kommunenummer: '3201', postnummer: '1337', poststed: 'SANDVIKA' },
  { kommune: 'TØNSBERG', kommunenummer: '3905', postnummer: '3111', poststed: 'TØNSBERG' },
  { kommune: 'MOLDE', kommunenummer: '1506', postnummer: '6413', poststed: 'MOLDE' },
  { kommune: 'HAUGESUND', kommunenummer: '1106', postnummer: '5527', poststed: 'HAUGESUND' },
  { kommune: 'HAMAR', kommunenummer: '3403', postnummer: '2317', poststed: 'HAMAR' },
  { kommune: 'LILLEHAMMER', kommunenummer: '3405', postnummer: '2609', poststed: 'LILLEHAMMER' },
  { kommune: 'SKIEN', kommunenummer: '4003', postnummer: '3714', poststed: 'SKIEN' },
  { kommune: 'ARENDAL', kommunenummer: '4203', postnummer: '4836', poststed: 'ARENDAL' },
];

export const STREETS = [
  'Storgata', 'Kongens gate', 'Industriveien', 'Havnegata', 'Strandveien', 'Sjøgata', 'Fabrikkveien', 'Verkstedveien',
  'Kirkegata', 'Bryggeveien', 'Nordre gate', 'Løkkeveien', 'Stasjonsveien', 'Myrveien', 'Sandviksveien',
] as const;
