/**
 * The one table of the app's words for codes and failures, and `wordError`, which turns any error that crossed
 * the bridge into one sentence in the analyst's language: the reason's own words when the table has them, else
 * the field it is about, else the code's sentence. Never the English message, never a raw code.
 */
import type { ErrorShape } from '../contract/errors';
import { ERROR_CODE_WORDS, REASON_WORDS } from './errors';
import { text, type LocalizedText } from '../analysis/text';
import { fill, type Language } from './words';

export * from './codes';
export { ERROR_CODE_WORDS, REASON_WORDS } from './errors';
export { fill, formatCount, LOCALES, placeholders, type Language } from './words';

/** Input fields as the forms label them, for an error about one of them. */
export const FIELD_WORDS: Record<string, LocalizedText> = {
  name: text('Name', 'Navn'),
  clientId: text('Client id', 'Klient-id'),
  secret: text('Client secret', 'Klienthemmelighet'),
  tokenUrl: text('Login service address', 'Adresse til innloggingstjenesten'),
  apiBaseUrl: text('API address', 'API-adresse'),
  scopes: text('Accesses', 'Tilganger'),
  fileName: text('File name', 'Filnavn'),
  bankContactEmail: text('Bank contact e-mail', 'Bankens kontakt-e-post'),
  classification: text('Classification', 'Klassifisering'),
  staleAfterDays: text('Flag data older than (days)', 'Flagg data eldre enn (dager)'),
  lines: text('Organisation numbers', 'Organisasjonsnumre'),
  activeProfileId: text('Connection', 'Tilkobling'),
  language: text('Language', 'Språk'),
};

/** The field an error is about: `details.field`, or the first issue's path of a refused input; null when none. */
export function errorField(e: Pick<ErrorShape, 'details'>): string | null {
  const field = e.details?.['field'];
  if (typeof field === 'string') return field;
  const first = firstIssue(e);
  return first ? first.path.split('.')[0]! : null;
}

interface Issue {
  path: string;
  reason?: string;
}

function firstIssue(e: Pick<ErrorShape, 'details'>): Issue | null {
  const issues = e.details?.['issues'];
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const i = issues[0] as { path?: unknown; reason?: unknown };
  if (typeof i?.path !== 'string') return null;
  return typeof i.reason === 'string' ? { path: i.path, reason: i.reason } : { path: i.path };
}

const URL_FIELDS = new Set(['tokenUrl', 'apiBaseUrl']);

/** A field's name in the language, or null for a field no form shows. */
export function fieldName(field: string | null, lang: Language): string | null {
  return field && FIELD_WORDS[field] ? FIELD_WORDS[field][lang] : null;
}

/** The reason key an error is worded by, when the table words it (a refused field's own reason included). */
export function reasonOf(e: Pick<ErrorShape, 'code' | 'details'>): string | null {
  const r = e.details?.['reason'];
  if (typeof r === 'string' && REASON_WORDS[r]) return r;
  if (e.code !== 'invalid_input') return null;
  const issue = firstIssue(e);
  if (issue?.reason && REASON_WORDS[issue.reason]) return issue.reason;
  const field = errorField(e);
  if (field && URL_FIELDS.has(field)) return 'url_invalid';
  if (field === 'bankContactEmail') return 'email_invalid';
  if (field === 'fileName') return 'file_name_invalid';
  if (field && FIELD_WORDS[field]) return 'field_invalid';
  return null;
}

/**
 * One error in the analyst's words: the reason's wording with the error's details as its values (the field it
 * names in words), else the code's sentence. Anything that is not an error of ours reads as `internal`.
 */
export function wordError(e: unknown, lang: Language): string {
  const shape = asShape(e);
  const reason = reasonOf(shape);
  if (reason) {
    const details = shape.details ?? {};
    const field = fieldName(errorField(shape), lang);
    return fill(REASON_WORDS[reason]!, lang, field ? { ...details, field } : details);
  }
  return (ERROR_CODE_WORDS[shape.code] ?? ERROR_CODE_WORDS.internal)[lang];
}

function asShape(e: unknown): Pick<ErrorShape, 'code' | 'details'> {
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code in ERROR_CODE_WORDS) {
    const d = (e as { details?: unknown }).details;
    return { code: (e as ErrorShape).code, details: d && typeof d === 'object' ? (d as Record<string, unknown>) : undefined };
  }
  return { code: 'internal', details: undefined };
}
