/**
 * The classification label printed in the footer of every page the app exports (the credit pack, a list view's
 * table). A private bank marks customer documents with its own scale; the default is the plain duty-of-
 * confidentiality word, not a sikkerhetsloven grade or "Unntatt offentlighet", which do not apply to most banks.
 */
import type { Language } from './analysis';

/** The label when the analyst has not set one: the export's language decides the word. */
export const DEFAULT_CLASSIFICATION: Readonly<Record<Language, string>> = { nb: 'Fortrolig', en: 'Confidential' };

/** Long enough for "Fortrolig – underlagt taushetsplikt (finansforetaksloven § 16-2)", short enough for a footer. */
export const CLASSIFICATION_MAX_LENGTH = 60;

export type ClassificationCheck =
  | { ok: true; label: string }
  | { ok: false; reason: 'classification_empty' | 'classification_too_long' | 'classification_control_characters'; max: number; length: number };

// Tabs, line breaks and other control characters would break a page footer (and Excel's header/footer codes).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Checks a label the analyst typed: trimmed, not empty, at most CLASSIFICATION_MAX_LENGTH characters, one line. */
export function checkClassification(raw: string): ClassificationCheck {
  const label = raw.trim();
  const fail = (reason: Exclude<ClassificationCheck, { ok: true }>['reason']): ClassificationCheck => ({
    ok: false,
    reason,
    max: CLASSIFICATION_MAX_LENGTH,
    length: [...label].length,
  });
  if (label === '') return fail('classification_empty');
  if (CONTROL.test(label)) return fail('classification_control_characters');
  if ([...label].length > CLASSIFICATION_MAX_LENGTH) return fail('classification_too_long');
  return { ok: true, label };
}

/** The label to print: the analyst's own (the setting), or the default word in the export's language. */
export function classificationLabel(setting: string | null | undefined, lang: Language): string {
  if (setting) {
    const c = checkClassification(setting);
    if (c.ok) return c.label;
  }
  return DEFAULT_CLASSIFICATION[lang];
}
