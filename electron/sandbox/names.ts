/**
 * Plausible Norwegian company names, people and e-mail addresses for the generated borrowers.
 * Invented combinations: any likeness to a real company is accidental.
 */
import type { Rng } from './prng';

const PREFIXES = [
  'Fjordkraft', 'Nordlys', 'Havbris', 'Fjellsikt', 'Tindeland', 'Elvebakken', 'Solberg', 'Granli', 'Lysaker',
  'Skogheim', 'Vikholmen', 'Trønderlag', 'Polarkyst', 'Midnattsol', 'Bryggen', 'Kystlinje', 'Steinvik',
  'Bjørkeli', 'Vestavind', 'Nordkapp', 'Sørlandet', 'Dovrefjell', 'Hardanger', 'Lofotr', 'Saltstraum',
  'Glomma', 'Mjøsa', 'Jotun', 'Heimdal', 'Norrøn', 'Aurora', 'Ravnkloa', 'Fosen', 'Helgeland', 'Sognefjord',
  'Varanger', 'Romsdal', 'Telemark', 'Valdres', 'Hallingdal', 'Finnskogen', 'Nidaros', 'Bjørgvin', 'Stavanger',
  'Snøhvit', 'Breheim', 'Furulund', 'Eikeberg', 'Lindås', 'Rosendal',
] as const;

const TRADES = [
  'Bygg', 'Regnskap', 'Elektro', 'Transport', 'Eiendom', 'Sjømat', 'Rørleggerservice', 'Maskin', 'Handel',
  'Konsult', 'Entreprenør', 'Trelast', 'Verksted', 'Data', 'Møbler', 'Bakeri', 'Fiskeoppdrett', 'Marine',
  'Energi', 'Shipping', 'Anlegg', 'Tak', 'Maling', 'Logistikk', 'Gartneri', 'Reiseliv', 'Catering', 'Tannhelse',
  'Arkitekter', 'Mekaniske', 'Betong', 'Glass', 'Ventilasjon', 'Sikkerhet', 'Renhold', 'Landbruk', 'Media',
] as const;

const FORMS = ['AS', 'AS', 'AS', 'AS', 'AS', 'AS', 'Holding AS', '& Sønner AS', 'Gruppen AS', 'ASA'] as const;

const FIRST_NAMES = [
  'Ola', 'Kari', 'Per', 'Ingrid', 'Lars', 'Nora', 'Anders', 'Emma', 'Jon', 'Sofie', 'Erik', 'Ingeborg', 'Magnus',
  'Sigrid', 'Henrik', 'Astrid', 'Knut', 'Marte', 'Bjørn', 'Silje', 'Håkon', 'Tone', 'Øyvind', 'Ragnhild', 'Eirik',
  'Hanne', 'Trond', 'Liv', 'Sindre', 'Åse',
] as const;

const LAST_NAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solheim',
] as const;

/** ASCII slug for e-mail addresses: "Fjordkraft Bygg AS" -> "fjordkraftbygg". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/\b(asa|as)\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A company name drawn from rng; the caller keeps names unique with `taken`. */
export function companyName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = `${rng.pick(PREFIXES)} ${rng.pick(TRADES)} ${rng.pick(FORMS)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // 50 x 37 x 4 distinct names is fewer than 5000 x (several banks); a place suffix keeps larger sets unique.
  for (let n = 2; ; n++) {
    const name = `${rng.pick(PREFIXES)} ${rng.pick(TRADES)} ${n} AS`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export interface Person {
  name: string;
  email: string;
}

/** A contact person at a company, with an address on the company's domain. */
export function contactPerson(rng: Rng, companyName: string): Person {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const domain = `${slug(companyName) || 'firma'}.no`;
  return { name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@${domain}` };
}
