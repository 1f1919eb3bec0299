/**
 * Codes that Symetrisk and the app store (relationship states, notification types, where a followed number came
 * from, accounting systems) in the analyst's words: one table for every screen, export and command. A code the
 * table does not know yet is shown in a sentence that says so, never bare.
 */
import { text, type Language, type LocalizedText } from '../analysis/text';

/** Relationship states Symetrisk has been seen to send; others may come (shown as unknown, never refused). */
export const RELATIONSHIP_STATE_WORDS: Record<string, LocalizedText> = {
  access_approved: text('Approved', 'Godkjent'),
  access_requested: text('Requested', 'Forespurt'),
  access_denied: text('Denied', 'Avslått'),
  access_revoked: text('Revoked', 'Trukket tilbake'),
};

/** How much a notification asks of the analyst: a warning stands out, information does not. */
export type NotificationSeverity = 'warning' | 'info';

export interface NotificationTypeWords {
  /** The type as a tag and a filter choice. */
  name: LocalizedText;
  severity: NotificationSeverity;
}

/**
 * Notification types: Symetrisk's (the document shows `information`; the sandbox also sends `data_refresh`,
 * `warning` and `error`) and the app's own. The texts stay as Symetrisk wrote them; only the type is worded here. A new type
 * (the app's registry notices, say) adds its line here and appears in the notifications centre's type filter.
 */
export const NOTIFICATION_TYPE_WORDS: Record<string, NotificationTypeWords> = {
  information: { name: text('Information', 'Informasjon'), severity: 'info' },
  data_refresh: { name: text('New data', 'Nye data'), severity: 'info' },
  warning: { name: text('Warning', 'Advarsel'), severity: 'warning' },
  // Seen in the sandbox: a borrower's connection to its accounting system broke (and was renewed).
  error: { name: text('Error', 'Feil'), severity: 'warning' },
  // The app's own: a status change in Enhetsregisteret (bankruptcy, liquidation ...), from the registry step.
  registry_status: { name: text('Status in Enhetsregisteret', 'Status i Enhetsregisteret'), severity: 'warning' },
};

/** Where a followed organisation number came from. */
export const FOLLOWED_SOURCE_WORDS: Record<string, LocalizedText> = {
  typed: text('Typed in', 'Skrevet inn'),
  import: text('Imported file', 'Importert fil'),
  access_request: text('Access request', 'Tilgangsforespørsel'),
};

/** Accounting systems as their makers spell them (Symetrisk sends lower-case keys). */
export const ACCOUNTING_SYSTEM_NAMES: Record<string, string> = {
  fiken: 'Fiken',
  tripletex: 'Tripletex',
  poweroffice: 'PowerOffice Go',
  poweroffice_go: 'PowerOffice Go',
  visma: 'Visma eAccounting',
  visma_eaccounting: 'Visma eAccounting',
  visma_business: 'Visma Business',
  '24sevenoffice': '24SevenOffice',
  xledger: 'Xledger',
  uni_economy: 'Uni Economy',
  unimicro: 'Uni Micro',
  conta: 'Conta',
  dnb_regnskap: 'DNB Regnskap',
};

/** "access_approved" → "Godkjent"; an unknown state is named as one: "Ukjent status (access_paused)". */
export function relationshipStateName(state: string, lang: Language): string {
  const w = RELATIONSHIP_STATE_WORDS[state];
  if (w) return w[lang];
  return lang === 'nb' ? `Ukjent status (${state})` : `Unknown state (${state})`;
}

/** A notification type's name; a type no table line knows yet is "Annet varsel" / "Other notification". */
export function notificationTypeName(type: string, lang: Language): string {
  return NOTIFICATION_TYPE_WORDS[type]?.name[lang] ?? (lang === 'nb' ? 'Annet varsel' : 'Other notification');
}

export function notificationSeverity(type: string): NotificationSeverity {
  return NOTIFICATION_TYPE_WORDS[type]?.severity ?? 'info';
}

export function followedSourceName(source: string, lang: Language): string {
  return FOLLOWED_SOURCE_WORDS[source]?.[lang] ?? (lang === 'nb' ? 'Annen kilde' : 'Other source');
}

/**
 * An accounting system's proper name: "visma" → "Visma eAccounting"; one not in the table keeps its spelling with
 * a capital first letter ("mamut" → "Mamut").
 */
export function accountingSystemName(code: string): string {
  const key = code.trim().toLowerCase();
  return ACCOUNTING_SYSTEM_NAMES[key] ?? (code ? code.charAt(0).toLocaleUpperCase('nb-NO') + code.slice(1) : code);
}
