/** The two languages the app ships (vue-i18n `nb` and `en`); every analysis text exists in both. */
export type Language = 'en' | 'nb';

/** A text in both languages, so that the renderer, the Excel pack and docs/analysis.md show the same words. */
export interface LocalizedText {
  en: string;
  nb: string;
}

/** Builds a {@link LocalizedText}; a function rather than an object literal so call sites read as prose. */
export function text(en: string, nb: string): LocalizedText {
  return { en, nb };
}
