import type { Language, LocalizedText } from '../analysis/text';
import { formatOrgNr } from '../orgnr';

export type { Language, LocalizedText };

/** The locale each language's numbers and dates are written in: nb-NO ("1 234,5", 31.12.2025) and en-GB ("1,234.5", 31/12/2025). */
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

const numberFormats: Partial<Record<Language, Intl.NumberFormat>> = {};

/** A count or amount in a sentence: "23 292" in Norwegian, "23,292" in English. */
export function formatCount(n: number, lang: Language): string {
  const f = (numberFormats[lang] ??= new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }));
  return f.format(n);
}

/**
 * A text of the wording tables in one language with its `{name}` placeholders filled in: numbers as the language
 * writes them, organisation numbers grouped as Brønnøysund writes them (987 654 325), anything else as text. A value the text needs and did not get shows as "…", never as the placeholder.
 */
export function fill(words: LocalizedText, lang: Language, values: Readonly<Record<string, unknown>> = {}): string {
  return words[lang].replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (typeof v === 'number' && Number.isFinite(v)) return formatCount(v, lang);
    if (typeof v === 'string' && /orgNr$/i.test(key) && /^\d{9}$/.test(v)) return formatOrgNr(v);
    if (typeof v === 'string' && v !== '') return v;
    return '…';
  });
}

/** The placeholders a text uses, for the tests that hold every wording to both languages. */
export function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
