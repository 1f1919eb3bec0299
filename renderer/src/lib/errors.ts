import { isAppError } from '../../../shared/contract/errors';
import { errorField, wordError, type Language } from '../../../shared/wording';

/**
 * A failed call in the analyst's language, from the one wording table (shared/wording): the reason's words, else
 * the field's, else the code's. The main side's English message is for logs and the CLI, never shown here.
 */
export function errorText(e: unknown, lang: Language = 'nb'): string {
  return wordError(e, lang);
}

/** The error code of a failed call, when it crossed the bridge as an AppError. */
export function errorCode(e: unknown): string | null {
  return isAppError(e) ? e.code : null;
}

/** The form field a failed call is about (`details.field`, or the first refused input's path), for the message beside it. */
export function errorFieldOf(e: unknown): string | null {
  return isAppError(e) ? errorField({ details: e.details }) : null;
}

/** A sync run's recorded error (its code and reason key) in the analyst's words. */
export function runErrorText(e: { code: string; reason?: string | undefined }, lang: Language = 'nb'): string {
  return wordError({ code: e.code, details: e.reason ? { reason: e.reason } : {} }, lang);
}
