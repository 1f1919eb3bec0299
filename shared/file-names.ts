/** A file name that is safe on every desktop OS (no folders, no reserved characters, no leading dot). */
export function safeFileBase(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'export';
}

/**
 * The name a credit-committee pack gets when the analyst gives none: "Kredittpakke Demo 2026-12-01.xlsx" (the
 * day it is made, UTC). The export service names the file by this, and the export page shows it as the field's
 * placeholder, so what the analyst sees is what the file is called.
 */
export function packFileName(profileName: string, lang: 'nb' | 'en', now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `${safeFileBase(`${lang === 'nb' ? 'Kredittpakke' : 'Credit pack'} ${profileName} ${day}`)}.xlsx`;
}
