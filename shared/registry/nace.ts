/**
 * NACE divisions (the 2-digit level, "næring") with their Norwegian names, for peer groups and the grid.
 *
 * Sources: Statistics Norway's Standard for næringsgruppering SN2007 (Klass classification 6), division names as
 * SSB publishes them (reproduced in NAV's navikt/sykefravarsstatistikk-api dimension table); the English titles are
 * those of NACE Rev. 2 (Eurostat), of which SN2007 is the Norwegian version down to four digits. Enhetsregisteret gives
 * the 5-digit code with its own description; this table names the division. SN2025 (NACE Rev. 2.1) keeps the
 * division numbers but renames and regroups a few (58-63 in particular). Division 98 (households producing for their
 * own use) is not in the source table and never a borrower's; a division missing here is shown by its code with the
 * description Enhetsregisteret gave for the unit's own code.
 */
import { text, type LocalizedText } from '../analysis/text';

/** Every SN2007 division: `nb` as SSB names it, `en` the NACE Rev. 2 title (Eurostat). */
export const NACE_DIVISIONS: Readonly<Record<string, LocalizedText>> = {
  '01': { nb: 'Jordbruk og tjenester tilknyttet jordbruk, jakt og viltstell', en: 'Crop and animal production, hunting and related service activities' },
  '02': { nb: 'Skogbruk og tjenester tilknyttet skogbruk', en: 'Forestry and logging' },
  '03': { nb: 'Fiske, fangst og akvakultur', en: 'Fishing and aquaculture' },
  '05': { nb: 'Bryting av steinkull og brunkull', en: 'Mining of coal and lignite' },
  '06': { nb: 'Utvinning av råolje og naturgass', en: 'Extraction of crude petroleum and natural gas' },
  '07': { nb: 'Bryting av metallholdig malm', en: 'Mining of metal ores' },
  '08': { nb: 'Bryting og bergverksdrift ellers', en: 'Other mining and quarrying' },
  '09': { nb: 'Tjenester tilknyttet bergverksdrift og utvinning', en: 'Mining support service activities' },
  '10': { nb: 'Produksjon av nærings- og nytelsesmidler', en: 'Manufacture of food products' },
  '11': { nb: 'Produksjon av drikkevarer', en: 'Manufacture of beverages' },
  '12': { nb: 'Produksjon av tobakksvarer', en: 'Manufacture of tobacco products' },
  '13': { nb: 'Produksjon av tekstiler', en: 'Manufacture of textiles' },
  '14': { nb: 'Produksjon av klær', en: 'Manufacture of wearing apparel' },
  '15': { nb: 'Produksjon av lær og lærvarer', en: 'Manufacture of leather and related products' },
  '16': { nb: 'Produksjon av trelast og varer av tre, kork, strå og flettematerialer, unntatt møbler', en: 'Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials' },
  '17': { nb: 'Produksjon av papir og papirvarer', en: 'Manufacture of paper and paper products' },
  '18': { nb: 'Trykking og reproduksjon av innspilte opptak', en: 'Printing and reproduction of recorded media' },
  '19': { nb: 'Produksjon av kull- og raffinerte petroleumsprodukter', en: 'Manufacture of coke and refined petroleum products' },
  '20': { nb: 'Produksjon av kjemikalier og kjemiske produkter', en: 'Manufacture of chemicals and chemical products' },
  '21': { nb: 'Produksjon av farmasøytiske råvarer og preparater', en: 'Manufacture of basic pharmaceutical products and pharmaceutical preparations' },
  '22': { nb: 'Produksjon av gummi- og plastprodukter', en: 'Manufacture of rubber and plastic products' },
  '23': { nb: 'Produksjon av andre ikke-metallholdige mineralprodukter', en: 'Manufacture of other non-metallic mineral products' },
  '24': { nb: 'Produksjon av metaller', en: 'Manufacture of basic metals' },
  '25': { nb: 'Produksjon av metallvarer, unntatt maskiner og utstyr', en: 'Manufacture of fabricated metal products, except machinery and equipment' },
  '26': { nb: 'Produksjon av datamaskiner og elektroniske og optiske produkter', en: 'Manufacture of computer, electronic and optical products' },
  '27': { nb: 'Produksjon av elektrisk utstyr', en: 'Manufacture of electrical equipment' },
  '28': { nb: 'Produksjon av maskiner og utstyr til generell bruk, ikke nevnt annet sted', en: 'Manufacture of machinery and equipment n.e.c.' },
  '29': { nb: 'Produksjon av motorvogner og tilhengere', en: 'Manufacture of motor vehicles, trailers and semi-trailers' },
  '30': { nb: 'Produksjon av andre transportmidler', en: 'Manufacture of other transport equipment' },
  '31': { nb: 'Produksjon av møbler', en: 'Manufacture of furniture' },
  '32': { nb: 'Annen industriproduksjon', en: 'Other manufacturing' },
  '33': { nb: 'Reparasjon og installasjon av maskiner og utstyr', en: 'Repair and installation of machinery and equipment' },
  '35': { nb: 'Elektrisitets-, gass-, damp- og varmtvannsforsyning', en: 'Electricity, gas, steam and air conditioning supply' },
  '36': { nb: 'Uttak fra kilde, rensing og distribusjon av vann', en: 'Water collection, treatment and supply' },
  '37': { nb: 'Oppsamling og behandling av avløpsvann', en: 'Sewerage' },
  '38': { nb: 'Innsamling, behandling, disponering og gjenvinning av avfall', en: 'Waste collection, treatment and disposal activities; materials recovery' },
  '39': { nb: 'Miljørydding, miljørensing og lignende virksomhet', en: 'Remediation activities and other waste management services' },
  '41': { nb: 'Oppføring av bygninger', en: 'Construction of buildings' },
  '42': { nb: 'Anleggsvirksomhet', en: 'Civil engineering' },
  '43': { nb: 'Spesialisert bygge- og anleggsvirksomhet', en: 'Specialised construction activities' },
  '45': { nb: 'Handel med og reparasjon av motorvogner', en: 'Wholesale and retail trade and repair of motor vehicles and motorcycles' },
  '46': { nb: 'Agentur- og engroshandel, unntatt med motorvogner', en: 'Wholesale trade, except of motor vehicles and motorcycles' },
  '47': { nb: 'Detaljhandel, unntatt med motorvogner', en: 'Retail trade, except of motor vehicles and motorcycles' },
  '49': { nb: 'Landtransport og rørtransport', en: 'Land transport and transport via pipelines' },
  '50': { nb: 'Sjøfart', en: 'Water transport' },
  '51': { nb: 'Lufttransport', en: 'Air transport' },
  '52': { nb: 'Lagring og andre tjenester tilknyttet transport', en: 'Warehousing and support activities for transportation' },
  '53': { nb: 'Post og distribusjonsvirksomhet', en: 'Postal and courier activities' },
  '55': { nb: 'Overnattingsvirksomhet', en: 'Accommodation' },
  '56': { nb: 'Serveringsvirksomhet', en: 'Food and beverage service activities' },
  '58': { nb: 'Forlagsvirksomhet', en: 'Publishing activities' },
  '59': { nb: 'Film-, video- og fjernsynsprogramproduksjon, utgivelse av musikk- og lydopptak', en: 'Motion picture, video and television programme production, sound recording and music publishing activities' },
  '60': { nb: 'Radio- og fjernsynskringkasting', en: 'Programming and broadcasting activities' },
  '61': { nb: 'Telekommunikasjon', en: 'Telecommunications' },
  '62': { nb: 'Tjenester tilknyttet informasjonsteknologi', en: 'Computer programming, consultancy and related activities' },
  '63': { nb: 'Informasjonstjenester', en: 'Information service activities' },
  '64': { nb: 'Finansieringsvirksomhet', en: 'Financial service activities, except insurance and pension funding' },
  '65': { nb: 'Forsikringsvirksomhet og pensjonskasser, unntatt trygdeordninger underlagt offentlig forvaltning', en: 'Insurance, reinsurance and pension funding, except compulsory social security' },
  '66': { nb: 'Tjenester tilknyttet finansierings- og forsikringsvirksomhet', en: 'Activities auxiliary to financial services and insurance activities' },
  '68': { nb: 'Omsetning og drift av fast eiendom', en: 'Real estate activities' },
  '69': { nb: 'Juridisk og regnskapsmessig tjenesteyting', en: 'Legal and accounting activities' },
  '70': { nb: 'Hovedkontortjenester, administrativ rådgivning', en: 'Activities of head offices; management consultancy activities' },
  '71': { nb: 'Arkitektvirksomhet og teknisk konsulentvirksomhet, og teknisk prøving og analyse', en: 'Architectural and engineering activities; technical testing and analysis' },
  '72': { nb: 'Forskning og utviklingsarbeid', en: 'Scientific research and development' },
  '73': { nb: 'Annonse- og reklamevirksomhet og markedsundersøkelser', en: 'Advertising and market research' },
  '74': { nb: 'Annen faglig, vitenskapelig og teknisk virksomhet', en: 'Other professional, scientific and technical activities' },
  '75': { nb: 'Veterinærtjenester', en: 'Veterinary activities' },
  '77': { nb: 'Utleie- og leasingvirksomhet', en: 'Rental and leasing activities' },
  '78': { nb: 'Arbeidskrafttjenester', en: 'Employment activities' },
  '79': { nb: 'Reisebyrå- og reisearrangørvirksomhet og tilknyttede tjenester', en: 'Travel agency, tour operator and other reservation service and related activities' },
  '80': { nb: 'Vakttjeneste og etterforsking', en: 'Security and investigation activities' },
  '81': { nb: 'Tjenester tilknyttet eiendomsdrift', en: 'Services to buildings and landscape activities' },
  '82': { nb: 'Annen forretningsmessig tjenesteyting', en: 'Office administrative, office support and other business support activities' },
  '84': { nb: 'Offentlig administrasjon og forsvar, og trygdeordninger underlagt offentlig forvaltning', en: 'Public administration and defence; compulsory social security' },
  '85': { nb: 'Undervisning', en: 'Education' },
  '86': { nb: 'Helsetjenester', en: 'Human health activities' },
  '87': { nb: 'Pleie- og omsorgstjenester i institusjon', en: 'Residential care activities' },
  '88': { nb: 'Sosiale omsorgstjenester uten botilbud', en: 'Social work activities without accommodation' },
  '90': { nb: 'Kunstnerisk virksomhet og underholdningsvirksomhet', en: 'Creative, arts and entertainment activities' },
  '91': { nb: 'Drift av biblioteker, arkiver, museer og annen kulturvirksomhet', en: 'Libraries, archives, museums and other cultural activities' },
  '92': { nb: 'Lotteri og totalisatorspill', en: 'Gambling and betting activities' },
  '93': { nb: 'Sports- og fritidsaktiviteter og drift av fornøyelsesetablissementer', en: 'Sports activities and amusement and recreation activities' },
  '94': { nb: 'Aktiviteter i medlemsorganisasjoner', en: 'Activities of membership organisations' },
  '95': { nb: 'Reparasjon av datamaskiner, husholdningsvarer og varer til personlig bruk', en: 'Repair of computers and personal and household goods' },
  '96': { nb: 'Annen personlig tjenesteyting', en: 'Other personal service activities' },
  '97': { nb: 'Lønnet arbeid i private husholdninger', en: 'Activities of households as employers of domestic personnel' },
  '99': { nb: 'Internasjonale organisasjoner og organer', en: 'Activities of extraterritorial organisations and bodies' },
};

/** "43.210" -> "43"; null for a code that does not start with two digits. */
export function naceDivision(code: string | null | undefined): string | null {
  const m = /^(\d{2})/.exec(code ?? '');
  return m ? m[1]! : null;
}

/** A division with its name; `known` is false when the table lacks the division (the name then falls back). */
export interface NaceDivision {
  code: string;
  name: LocalizedText;
  known: boolean;
}

/**
 * The division of a 5-digit code with its name. `fallback` (the registry's description of the unit's own code)
 * names a division the table lacks, in both languages (the registry gives Norwegian only).
 */
export function naceDivisionOf(code: string | null | undefined, fallback?: string): NaceDivision | null {
  const division = naceDivision(code);
  if (division === null) return null;
  const name = NACE_DIVISIONS[division];
  if (name !== undefined) return { code: division, name, known: true };
  const own = fallback?.trim();
  return { code: division, name: own ? text(own, own) : text(`Division ${division}`, `Næring ${division}`), known: false };
}
