/**
 * How the app's own search and sort read a name: one rule for the portfolio's quick search (the text indexed in the
 * cache and the query typed are folded by the same function), and one for the grid's alphabetical order. Both live
 * here so that the SQL side (electron/db/portfolio-grid.ts) and any list the renderer sorts agree.
 */

// Letters NFD does not take apart (they are letters of their own, not a letter with a mark).
const SEARCH_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', å: 'a', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', œ: 'oe', ı: 'i' };
const SEARCH_LETTER = /[øæåßłđðþœı]/g;
const MARKS = /\p{M}+/gu;

/**
 * A text as the quick search compares it: lower case, accents removed (é → e, ü → u), ø → o, å → a, æ → ae and
 * the old spelling aa → a ("aalesund" finds "Ålesund"), white space collapsed. "bjorgvin" finds "Bjørgvin", "sor"
 * finds "Sør". The cache's search index holds the folded names, so a change here needs a cache migration that
 * indexes them again (docs/architecture.md, "Adding a migration").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(SEARCH_LETTER, (c) => SEARCH_LETTERS[c]!)
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/aa/g, 'a')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What the quick search looks for in a query: the org number's digits when the query is a number (typed with
 * spaces, dots or dashes, as read off a letter: "923 609 016"), otherwise each folded word, all of which must occur
 * in the name (in any order). Empty: no search.
 */
export function searchTerms(query: string): { digits: string | null; words: string[] } {
  const digits = query.replace(/[\s.-]/g, '');
  if (digits !== '' && /^\d+$/.test(digits)) return { digits, words: [] };
  const folded = foldForSearch(query);
  return { digits: null, words: folded === '' ? [] : [...new Set(folded.split(' '))] };
}

// Norwegian alphabetical order: æ, ø, å after z (and ä, ö, ü as their Norwegian look-alikes), every other accent
// ignored. These three code points sort after 'z' byte for byte, in SQLite's BINARY collation as in JavaScript.
const SORT_LETTERS: Record<string, string> = { æ: '{', ä: '{', ø: '|', ö: '|', ő: '|', å: '}', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', œ: 'oe' };
const SORT_LETTER = /[æäøöőåßłđðþœ]/g;

/**
 * A text's key for alphabetical order as a Norwegian reader expects it: case and accents ignored, æ ø å after z in
 * that order. Keys compare with plain `<` (JavaScript) and BINARY (SQLite) alike, so the grid's order in the cache
 * is the order any screen gives the same texts.
 */
export function sortKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(SORT_LETTER, (c) => SORT_LETTERS[c]!)
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Compares two sort keys as SQLite's BINARY collation does (code units; the keys hold no surrogate pairs that matter). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
