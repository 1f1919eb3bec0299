/**
 * Two checks of what a screen shows, for the borrower page and compare (issue 17):
 * - `layoutProblems`: at the window's width nothing runs off the side. The page does not scroll sideways; every
 *   control outside a sideways-scrolling table lies inside the window; every select shows its chosen text whole
 *   (measured with the select's own font: a select clips its text without any scrollWidth to show it).
 * - `languageProblems`: the text of the screen's content (and the titles, labels, placeholders and chosen options a
 *   tooltip or screen reader reads) is in the screen's language, with no raw code and no left-over placeholder. Data
 *   shown as it came (company names, Symetrisk's notification texts, the registry's own values) is marked
 *   `data-verbatim` or listed in DATA and not checked.
 *
 * A small checker of our own: the ui engineer's walking test (tests/e2e/walk) is not on main yet; these two screens
 * are meant to join its route table when it is.
 */
import type { Page } from '@playwright/test';

type Lang = 'nb' | 'en';

/** What the app shows as it came, not in its own words: not checked for a language. */
const DATA = [
  '[data-verbatim]',
  '[data-testid="borrower-name"]',
  '[data-testid="registry-facts"] dd',
  'code',
  'script',
  'style',
];

/** Words that give the other language away (each checked as a whole word), and our own words we replaced. */
const TELLS: Record<Lang, RegExp> = {
  // On a Norwegian screen these are English, or the anglicisms and odd words issue 17 found.
  nb: /\b(the|and|of|is|are|with|this|that|your|which|cannot|failed|error|invalid|unknown|cached|snapshots?|covenants?|pro rata|modus|mode|headroom|restated|revised|estimate|annualised|year to date|full year|fetched)\b|(?<![-\wæøå])margin\b|\bi\.t\./i,
  // On an English screen these (and the letters æ, ø, å) are Norwegian.
  en: /\b(og|ikke|er|som|fra|på|av|eller|også|låntakere?|varsler?|lagret|lagrede|innstillinger|tilkobling|hittil|helår|regnskap\w*|uttrekk\w*|anslag|lånevilkår|forholdsmessig|sammenlign\w*)\b|[æøåÆØÅ]/i,
};

/** Proper names keep their Norwegian spelling in English (docs/terms.md): not a sign of the other language. */
const PROPER_NAMES = /Brønnøysund\w*|Regnskapsregisteret|Enhetsregisteret|Foretaksregisteret/g;

/** Spellings the language does not use, whatever the case rules above: "HIÅ" is "HiÅ". */
const MISSPELT: Record<Lang, RegExp | null> = { nb: /HIÅ/, en: null };

/** Codes the app stores that must never be shown bare: as a whole text, or (snake_case) anywhere in one. */
const SINGLE_CODES = new Set([
  'information',
  'warning',
  'error',
  'visma',
  'fiken',
  'tripletex',
  'poweroffice',
  '24sevenoffice',
  'ok',
  'breach',
  'raw',
  'annualised',
  'ltm',
  'ytd',
  'restatement',
]);
const SNAKE_CASE = /(^|[^\w@.])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w@])/;
// "null" is a Norwegian word (zero): a value never worded shows as "undefined", "NaN" or an object.
const PLACEHOLDER = /\{\w+\}|\bundefined\b|\bNaN\b|\[object Object\]/;

/** Everything the content area reads out, element by element: its own text and its tooltip and labels. */
async function contentTexts(page: Page, root: string): Promise<{ where: string; text: string }[]> {
  return page.evaluate(
    ({ root, data }) => {
      const out: { where: string; text: string }[] = [];
      const scope = document.querySelector(root);
      if (!scope) return out;
      const skip = (el: Element) => data.some((sel) => el.closest(sel) !== null);
      const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
      for (const el of [scope, ...Array.from(scope.querySelectorAll('*'))]) {
        if (skip(el)) continue;
        // Collapsed details and screen-reader text count: they are read when opened or by a screen reader.
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (own) out.push({ where: describe(el), text: own });
        for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
          const v = el.getAttribute(attr)?.trim();
          if (v) out.push({ where: `${describe(el)}@${attr}`, text: v });
        }
      }
      return out;
    },
    { root, data: DATA },
  );
}

/** What on the screen's content is not in `lang`, is a raw code, or is a placeholder never filled. */
export async function languageProblems(page: Page, lang: Lang, root = '#main'): Promise<string[]> {
  const problems: string[] = [];
  for (const { where, text } of await contentTexts(page, root)) {
    const tell = TELLS[lang].exec(text.replace(PROPER_NAMES, ''));
    if (tell) problems.push(`${where}: a word of the other language "${tell[0]}" in "${text.slice(0, 140)}"`);
    const misspelt = MISSPELT[lang]?.exec(text);
    if (misspelt) problems.push(`${where}: "${misspelt[0]}" misspelt in "${text.slice(0, 140)}"`);
    const code = SNAKE_CASE.exec(text);
    if (code) problems.push(`${where}: raw code ${code[2]} in "${text.slice(0, 140)}"`);
    if (SINGLE_CODES.has(text.toLowerCase()) && text === text.toLowerCase()) problems.push(`${where}: raw code "${text}"`);
    if (PLACEHOLDER.test(text)) problems.push(`${where}: a placeholder or a value never worded in "${text.slice(0, 140)}"`);
  }
  return problems;
}

/** What runs off the side of the window at its present width (see the file's comment). */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth > width) problems.push(`the page scrolls sideways: ${doc.scrollWidth} px in a ${width} px window`);
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const scrollsSideways = (el: Element | null): boolean => {
      for (let p = el?.parentElement ?? null; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if ((ox === 'auto' || ox === 'scroll') && p.scrollWidth > p.clientWidth) return true;
      }
      return false;
    };
    const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkVisibilityCSS: true }) ?? true;
    for (const el of Array.from(document.querySelectorAll('#main button, #main a.button, #main input:not([type="radio"]):not([type="checkbox"]), #main select, #main textarea, #main .segmented label, #main summary, #main h1, #main h2'))) {
      if (!shown(el) || scrollsSideways(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < -0.5 || r.right > width + 0.5) problems.push(`${describe(el)} runs off the window: ${Math.round(r.left)}–${Math.round(r.right)} of ${width} px`);
    }
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const s of Array.from(document.querySelectorAll<HTMLSelectElement>('#main select'))) {
      if (!shown(s)) continue;
      if (s.scrollWidth > s.clientWidth) problems.push(`${describe(s)} scrolls: ${s.scrollWidth} > ${s.clientWidth}`);
      const css = getComputedStyle(s);
      canvas.font = `${css.fontStyle} ${css.fontWeight} ${css.fontSize} ${css.fontFamily}`;
      const text = s.selectedOptions[0]?.textContent ?? '';
      // The drop-down arrow takes about 20 px at the right of the content box.
      const room = s.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight) - 20;
      const needed = canvas.measureText(text).width;
      if (needed > room) problems.push(`${describe(s)} cuts off its chosen text "${text}": ${Math.ceil(needed)} px in ${Math.floor(room)} px`);
    }
    return problems;
  });
}
