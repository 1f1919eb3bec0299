/**
 * The language checker of the walking test: what a screen shows (text, and the titles, labels and placeholders a
 * screen reader or a tooltip reads) must be in the screen's language and free of raw codes. Text the app shows as
 * it came (Symetrisk's notification texts, company names, file paths) is marked `data-verbatim` and not checked;
 * text marked with its own `lang` (the language picker's "English") is checked as that language, i.e. skipped.
 */
import type { Page } from '@playwright/test';
import en from '../../../renderer/src/i18n/en';
import nb from '../../../renderer/src/i18n/nb';
import { RULE_IDS } from '../../../shared/analysis';
import { ERROR_CODES } from '../../../shared/contract/errors';
import {
  ACCOUNTING_SYSTEM_NAMES,
  FOLLOWED_SOURCE_WORDS,
  NOTIFICATION_TYPE_WORDS,
  REASON_WORDS,
  RELATIONSHIP_STATE_WORDS,
  ERROR_CODE_WORDS,
  FIELD_WORDS,
} from '../../../shared/wording';

type Lang = 'nb' | 'en';

/** Every leaf text of a message table (plural forms apart), and of the shared wording tables in one language. */
function leaves(messages: unknown, out: string[] = []): string[] {
  if (typeof messages === 'string') out.push(...messages.split(' | '));
  else if (messages && typeof messages === 'object') for (const v of Object.values(messages)) leaves(v, out);
  return out;
}
function sharedTexts(lang: Lang): string[] {
  return [...Object.values(REASON_WORDS), ...Object.values(ERROR_CODE_WORDS), ...Object.values(FIELD_WORDS), ...Object.values(RELATIONSHIP_STATE_WORDS), ...Object.values(FOLLOWED_SOURCE_WORDS)]
    .map((w) => w[lang])
    .concat(Object.values(NOTIFICATION_TYPE_WORDS).map((w) => w.name[lang]));
}

/**
 * The other language's phrases that would give it away: the literal pieces of its texts (around placeholders) of
 * at least 12 characters that this language does not also use.
 */
function foreignPhrases(lang: Lang): string[] {
  const other: Lang = lang === 'nb' ? 'en' : 'nb';
  const own = new Set([...leaves(lang === 'nb' ? nb : en), ...sharedTexts(lang)].flatMap((s) => s.split(/\{\w+\}/).map((p) => p.trim())));
  const pieces = [...leaves(other === 'nb' ? nb : en), ...sharedTexts(other)].flatMap((s) => s.split(/\{\w+\}/).map((p) => p.trim().replace(/^[.,:;–·(]\s*|[.,:;–·)]$/g, '')));
  return [...new Set(pieces.filter((p) => p.length >= 12 && !own.has(p)))];
}

/** Words of one language that the other does not have (Norwegian "for", "to" and "med" are not English tells). */
const TELLS: Record<Lang, RegExp> = {
  // Shown on a Norwegian screen, these are English.
  nb: /\b(the|and|of|is|are|could|was|were|with|this|that|your|been|which|should|would|cannot|failed|error|invalid|unknown|cached|snapshots?|covenants?|requests?|not found)\b/i,
  // Shown on an English screen, these are Norwegian. (Not the letters æ, ø, å alone: proper names such as
  // Brønnøysundregistrene keep them in English.)
  en: /(^|[^\p{L}])(og|ikke|er|som|fra|på|av|eller|også|med|til|det|den|har|kan|skal|ved|etter|før|når|hvis|uten|låntakere?|varsler?|lagret|lagrede|innstillinger|tilkobling|synkronisering)(?![\p{L}])/iu,
};

/** The codes the app knows, none of which may be shown as it is. */
function rawCodes(): { joined: string[]; single: string[] } {
  const all = [
    ...ERROR_CODES,
    ...Object.keys(REASON_WORDS),
    ...Object.keys(RELATIONSHIP_STATE_WORDS),
    ...Object.keys(NOTIFICATION_TYPE_WORDS),
    ...Object.keys(FOLLOWED_SOURCE_WORDS),
    ...Object.keys(ACCOUNTING_SYSTEM_NAMES),
    ...RULE_IDS,
    ...['running', 'partial', 'relationships', 'accounting', 'available', 'unreachable', 'refused', 'failing', 'nok_thousands'],
  ];
  return { joined: [...new Set(all.filter((c) => c.includes('_')))], single: [...new Set(all.filter((c) => !c.includes('_')))] };
}

/** Everything a screen reads out now, element by element, with what it is (text, or the attribute it is in). */
async function visibleTexts(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang || 'nb';
    const out: { where: string; text: string }[] = [];
    const skipped = (el: Element) => {
      if (el.closest('[data-verbatim], code, script, style, noscript')) return true;
      const marked = el.closest('[lang]');
      return marked !== null && marked !== document.documentElement && marked.getAttribute('lang') !== lang;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}`;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (skipped(el)) continue;
      const inSelect = el.tagName === 'OPTION' && (el.closest('select') as HTMLElement | null)?.checkVisibility();
      if (!inSelect && !(el as HTMLElement).checkVisibility?.({ checkVisibilityCSS: true })) {
        // Screen-reader text is read, though not seen.
        if (!el.classList.contains('sr-only')) continue;
      }
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (own) out.push({ where: describe(el), text: own });
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(attr);
        if (v && v.trim()) out.push({ where: `${describe(el)}@${attr}`, text: v.trim() });
      }
    }
    return out;
  });
}

export interface Finding {
  where: string;
  text: string;
  problem: string;
}

/**
 * What on the screen is not in `lang`, is a raw code, or is not written as the language writes it: a phrase of the
 * other language's texts, a word only the other language has, a code the app knows shown bare, a placeholder left
 * over, a long number without digit groups, a date in the other language's form.
 */
export async function languageFindings(page: Page, lang: Lang): Promise<Finding[]> {
  const phrases = foreignPhrases(lang);
  const codes = rawCodes();
  const codePattern = new RegExp(`(^|[^A-Za-z0-9_])(${codes.joined.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})($|[^A-Za-z0-9_])`);
  const findings: Finding[] = [];
  for (const { where, text } of await visibleTexts(page)) {
    const found = (problem: string) => findings.push({ where, text, problem });
    const phrase = phrases.find((p) => text.includes(p));
    if (phrase) found(`text of the other language: "${phrase}"`);
    const tell = TELLS[lang].exec(text);
    if (tell) found(`a word of the other language: "${tell[0].trim()}"`);
    const code = codePattern.exec(text);
    if (code) found(`raw code: ${code[2]}`);
    if (codes.single.includes(text)) found(`raw code: ${text}`);
    if (/\{\w+\}|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/.test(text)) found('a placeholder or a value never worded');
    if (/(^|[^\d.,:/-])\d{5,}($|[^\d])/.test(text)) found('a long number without digit groups');
    // A date as the other language writes it: 01.12.2026 on an English screen, 01/12/2026 on a Norwegian one.
    if ((lang === 'en' ? /\b\d\d\.\d\d\.\d{4}\b/ : /\b\d\d\/\d\d\/\d{4}\b/).test(text)) found('a date written as the other language writes it');
  }
  return findings;
}

/** Findings as lines a failing test prints. */
export function report(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.where}: ${f.problem} in "${f.text.slice(0, 160)}"`);
}
