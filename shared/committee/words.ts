import { text, type Language, type LocalizedText } from '../analysis/text';

/**
 * The committee document's own words, in both languages: the pack's page 1 and the app's print view word the same
 * things from here (the figures, rules and statuses come from shared/analysis, the registry's from shared/registry).
 */
export const COMMITTEE_TEXT = {
  documentType: text('Credit committee summary', 'Sammendrag for kredittkomiteen'),
  bank: text('Bank', 'Bank'),
  bankUnknown: text('Bank not known (sync the profile)', 'Banken er ukjent (synkroniser profilen)'),
  orgNr: text('Org. no.', 'Org.nr.'),
  date: text('Date', 'Dato'),
  dataAsOf: text('Data as of', 'Data per'),
  neverSynced: text('never synced', 'aldri synkronisert'),
  analyst: text('Case officer', 'Saksbehandler'),
  noAnalyst: text('not assigned', 'ikke tildelt'),
  classification: text('Classification', 'Klassifisering'),
  relationship: text('Relationship', 'Relasjon'),
  accountingSystem: text('Accounting system', 'Regnskapssystem'),
  registry: text('Register (Brønnøysund)', 'Enhetsregisteret'),
  registryNotFetched: text('no register facts cached', 'ingen registeropplysninger lagret'),
  registryUnknownUnit: text('the register does not know this org. no.', 'registeret kjenner ikke dette org.nr.'),
  keyFigures: text('Key figures', 'Nøkkeltall'),
  basis: text('Basis', 'Grunnlag'),
  balanceAt: text('balance at', 'balanse per'),
  figure: text('Figure', 'Nøkkeltall'),
  value: text('Value', 'Verdi'),
  yearEarlier: text('A year earlier', 'Året før'),
  change: text('Change', 'Endring'),
  note: text('Note', 'Merknad'),
  seeNote: text('see note', 'se merknad'),
  comparedWith: text('Compared with', 'Sammenlignet med'),
  noComparable: text('no comparable period a year earlier', 'ingen sammenlignbar periode året før'),
  covenants: text('Covenants and portfolio limits', 'Covenants og porteføljegrenser'),
  noRules: text('No rule applies (all switched off or waived).', 'Ingen regel gjelder (alle er slått av eller frafalt).'),
  warnings: text('Early warnings', 'Tidlig varsling'),
  noWarnings: text('No early warning.', 'Ingen varsler.'),
  moreWarnings: text('{n} more early warnings further down the sheet.', '{n} varsler til lenger ned på arket.'),
  assessment: text('Assessment and recommendation', 'Vurdering og anbefaling'),
  recommendation: text('Recommendation', 'Anbefaling'),
  comment: text('Assessment', 'Vurdering'),
  conditions: text('Conditions', 'Vilkår'),
  noConditions: text('none', 'ingen'),
  noAssessment: text('No assessment has been written yet.', 'Ingen vurdering er skrevet ennå.'),
  writtenBy: text('Written by {author}, {date}', 'Skrevet av {author}, {date}'),
  versions: text('{n} earlier versions kept', '{n} tidligere versjoner lagret'),
  oneVersion: text('1 earlier version kept', '1 tidligere versjon lagret'),
  continued: text('(continued further down the sheet)', '(fortsetter lenger ned på arket)'),
  watch: text('Watch list', 'Overvåkingsliste'),
  onWatch: text('On the watch list: {reason}', 'På overvåkingslisten: {reason}'),
  reviewBy: text('review by {date}', 'ny vurdering innen {date}'),
  addedBy: text('added by {who}, {date}', 'lagt til av {who}, {date}'),
  notOnWatch: text('Not on the watch list', 'Ikke på overvåkingslisten'),
  notes: text('Notes', 'Notater'),
  signOff: text('Sign-off', 'Signering'),
  caseOfficer: text('Case officer', 'Saksbehandler'),
  relationshipManager: text('Relationship manager', 'Kundeansvarlig'),
  decision: text('Decision (credit committee)', 'Beslutning (kredittkomiteen)'),
  name: text('Name', 'Navn'),
  signature: text('Signature', 'Signatur'),
  decisionChoices: text('☐ Approved   ☐ Approved with conditions   ☐ Declined', '☐ Innvilget   ☐ Innvilget på vilkår   ☐ Avslått'),
  estimate: text('estimate', 'anslag'),
  lost: text('no longer in Symetrisk; cached data shown', 'ikke lenger i Symetrisk; lagrede data vises'),
  noData: text('No accounting data', 'Ingen regnskapsdata'),
} as const satisfies Record<string, LocalizedText>;

/** `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/**
 * The relationship states Symetrisk gives (the public document's access_* values), in the analyst's words. A state
 * the document does not name is said to be unknown, never shown as the code it came as.
 */
export const RELATIONSHIP_STATE_TEXT: Readonly<Record<string, LocalizedText>> = {
  access_approved: text('Access approved', 'Tilgang godkjent'),
  access_requested: text('Access requested, awaiting the borrower', 'Tilgang forespurt, venter på låntakeren'),
  access_denied: text('Access denied by the borrower', 'Tilgang avslått av låntakeren'),
  access_revoked: text('Access revoked by the borrower', 'Tilgang trukket tilbake av låntakeren'),
};
const UNKNOWN_STATE = text('State not known to the app', 'Ukjent tilstand');

/** A relationship state in words; `lost` adds that the relationship is gone from Symetrisk. */
export function relationshipStateText(state: string, lost: boolean, lang: Language): string {
  const s = (Object.prototype.hasOwnProperty.call(RELATIONSHIP_STATE_TEXT, state) ? RELATIONSHIP_STATE_TEXT[state]! : UNKNOWN_STATE)[lang];
  return lost ? `${s} (${COMMITTEE_TEXT.lost[lang]})` : s;
}

/** Why a borrower has no accounting data, from its state: the appendix's last column. */
export function noDataReason(state: string, lost: boolean, lang: Language): string {
  const why: Record<string, LocalizedText> = {
    access_approved: text('Access is approved, but no accounts have been received yet.', 'Tilgangen er godkjent, men ingen regnskapsdata er mottatt ennå.'),
    access_requested: text('The borrower has not yet approved access.', 'Låntakeren har ikke godkjent tilgangen ennå.'),
    access_denied: text('The borrower has denied access: ask for the accounts another way.', 'Låntakeren har avslått tilgang: be om regnskapet på annen måte.'),
    access_revoked: text('The borrower has revoked access: no new accounts will come.', 'Låntakeren har trukket tilbake tilgangen: det kommer ikke nye regnskapsdata.'),
  };
  const base = (Object.prototype.hasOwnProperty.call(why, state) ? why[state]! : text('No accounts received.', 'Ingen regnskapsdata mottatt.'))[lang];
  return lost ? `${base} ${lang === 'nb' ? 'Relasjonen finnes ikke lenger i Symetrisk.' : 'The relationship is no longer in Symetrisk.'}` : base;
}

/** What the analyst recommends the committee decide. */
// The recommendations are the analyst's workflow's (shared/workflow.ts): one list, worded here for the committee.
import { RECOMMENDATIONS, type Recommendation } from '../workflow';
export { RECOMMENDATIONS, type Recommendation };

export const RECOMMENDATION_TEXT: Readonly<Record<Recommendation, LocalizedText>> = {
  approve: text('Approve', 'Innvilges'),
  approve_with_conditions: text('Approve with conditions', 'Innvilges på vilkår'),
  decline: text('Decline', 'Avslås'),
};
export const NO_RECOMMENDATION = text('No recommendation yet', 'Ingen anbefaling ennå');

/** The recommendation in words (none yet when null). */
export function recommendationText(r: Recommendation | null | undefined, lang: Language): string {
  return (r ? RECOMMENDATION_TEXT[r] : NO_RECOMMENDATION)[lang];
}
