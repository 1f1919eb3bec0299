/**
 * The words issue 17 found odd on Norwegian screens stay out of every Norwegian text the app has: the screens'
 * table (nb.ts) and the shared wording of codes and errors (docs/terms.md says which word replaced each). The
 * screens themselves are checked by the walking test and the borrower pages' checks; this holds the tables, so a
 * screen the walk does not open cannot bring a word back.
 */
import { describe, expect, it } from 'vitest';
import nb from '../../../../renderer/src/i18n/nb';
import en from '../../../../renderer/src/i18n/en';
import { ERROR_CODE_WORDS, FIELD_WORDS, FOLLOWED_SOURCE_WORDS, NOTIFICATION_TYPE_WORDS, REASON_WORDS, RELATIONSHIP_STATE_WORDS } from '../../../../shared/wording';

function leaves(messages: unknown, at = '', out: [string, string][] = []): [string, string][] {
  if (typeof messages === 'string') out.push([at, messages]);
  else if (messages && typeof messages === 'object') for (const [k, v] of Object.entries(messages)) leaves(v, at ? `${at}.${k}` : k, out);
  return out;
}

function norwegianTexts(): [string, string][] {
  const shared = Object.entries({ ...REASON_WORDS, ...ERROR_CODE_WORDS, ...FIELD_WORDS, ...RELATIONSHIP_STATE_WORDS, ...FOLLOWED_SOURCE_WORDS }).map(
    ([k, w]) => [`wording.${k}`, w.nb] as [string, string],
  );
  const types = Object.entries(NOTIFICATION_TYPE_WORDS).map(([k, w]) => [`wording.type.${k}`, w.name.nb] as [string, string]);
  return [...leaves(nb), ...shared, ...types];
}

/** Each finding of issue 17's list, as a pattern over a Norwegian text. */
const ODD: Record<string, RegExp> = {
  'snapshot(s)': /\bsnapshots?\b/i,
  covenants: /\bcovenants?\b/i,
  'Pro rata': /\bpro rata\b/i,
  Modus: /\bmodus\b/i,
  'Token-adresse': /\btoken-?adresse\b/i,
  // "Margin" alone is headroom to a limit (buffer); a profit margin is "EBITDA-margin", "driftsmargin".
  'Margin for headroom': /(^|[^\p{L}-])[Mm]argin\b/u,
  'i.t.': /(^|\s)i\.t\.(\s|$)/,
  Nettleservert: /nettleservert/i,
  HIÅ: /HIÅ/,
  'Forespørsler for HTTP requests': /forespørsler til symetrisk|\bforespørsler:/i,
  'system names in lower case': /\b(visma|tripletex|fiken|poweroffice)\b/,
};

describe('the Norwegian words (issue 17)', () => {
  it('has none of the anglicisms and odd words the walk-through found', () => {
    const found: string[] = [];
    for (const [where, text] of norwegianTexts()) {
      for (const [finding, re] of Object.entries(ODD)) if (re.test(text)) found.push(`${where}: ${finding} in "${text}"`);
    }
    expect(found).toEqual([]);
  });

  it('finds them when they are there (the patterns work)', () => {
    const hits = (s: string) => Object.entries(ODD).filter(([, re]) => re.test(s)).map(([f]) => f);
    expect(hits('Margin til kravet')).toEqual(['Margin for headroom']);
    expect(hits('EBITDA-margin og driftsmargin')).toEqual([]);
    expect(hits('2026 HIÅ')).toEqual(['HIÅ']);
    expect(hits('Nettleservert')).toEqual(['Nettleservert']);
    expect(hits('Forespørsler: 63')).toEqual(['Forespørsler for HTTP requests']);
    expect(hits('fra visma')).toEqual(['system names in lower case']);
    expect(hits('Verdi i.t.')).toEqual(['i.t.']);
  });

  it('keeps the same keys in both languages', () => {
    const keys = (m: unknown) => leaves(m).map(([k]) => k.replace(/\.(zero|one|other)$/, '')).sort();
    expect(keys(nb)).toEqual(keys(en));
  });
});
