import { RULE_DEFINITIONS, type Language, type RuleId } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import { flagDefinition, flagLabel, statusAlertOfFlag } from './labels';
import { fmtDate } from './format';

type Row = dto.PortfolioRow;

/**
 * One item of a row's flags as the grid lists it (its count in the cell, the list on hover or click): the
 * registry's status alerts, a revision (a link to its two versions), breaches, rules near their limit, then the
 * quality flags; most severe first in that order.
 */
export interface FlagItem {
  kind: 'status' | 'revision' | 'breach' | 'near' | 'quality';
  code: string;
  label: string;
  /** What it means (a breach: the rule, its reason and the basis it was tested on). */
  title: string;
  /** For a revision: the two versions of the period to compare. */
  compare?: { a: number; b: number };
}

/** The words the list needs from the renderer's i18n. */
export interface FlagWords {
  nearLimit: (ruleName: string) => string;
  testedOn: (label: string) => string;
  revisionOpen: string;
}

function ruleName(rule: string, lang: Language): string {
  return rule in RULE_DEFINITIONS ? RULE_DEFINITIONS[rule as RuleId].name[lang] : rule;
}

/** A row's flags, most severe first. */
export function flagItems(r: Row, lang: Language, words: FlagWords): FlagItem[] {
  const out: FlagItem[] = [];
  for (const a of r.registry?.statusAlerts ?? []) {
    const code = `registry_${a.id}`;
    out.push({ kind: 'status', code, label: flagLabel(code, lang), title: `${flagDefinition(code, lang)}${a.date ? ` (${fmtDate(a.date, lang)})` : ''}` });
  }
  // A revision changed the figures every other flag is about: it comes right after the registry's status.
  const revs = r.revisions ?? [];
  const last = (kind: dto.RowRevision['kind']) => [...revs].reverse().find((x) => x.kind === kind);
  for (const [code, rev] of [
    ['restated', last('restatement')],
    ['revised', last('interim_revision')],
  ] as const) {
    if (rev) out.push({ kind: 'revision', code, label: flagLabel(code, lang), title: `${rev.summary[lang]} ${words.revisionOpen}`, compare: { a: rev.beforeKey, b: rev.afterKey } });
  }
  for (const b of r.breaches) {
    const parts = [flagDefinition(b.rule, lang)];
    if (b.reason) parts.push(b.reason[lang]);
    if (b.tested) parts.push(words.testedOn(b.tested[lang]));
    out.push({ kind: 'breach', code: b.rule, label: flagLabel(b.rule, lang), title: parts.join(' ') });
  }
  for (const b of r.nearLimit ?? []) out.push({ kind: 'near', code: `near-${b.rule}`, label: words.nearLimit(ruleName(b.rule, lang)), title: flagDefinition(b.rule, lang) });
  // Quality flags besides the breaches (a rule id in flags is already shown as its breach), the status alerts and revisions.
  for (const f of r.flags) {
    if (f === 'revised' || f === 'restated' || r.breaches.some((b) => b.rule === f) || statusAlertOfFlag(f) !== null) continue;
    out.push({ kind: 'quality', code: f, label: flagLabel(f, lang), title: flagDefinition(f, lang) });
  }
  return out;
}

/** The colour of a row's flag count: its most severe item's. */
export function flagSeverity(items: readonly FlagItem[]): 'alert' | 'breach' | 'warn' | 'near' | null {
  if (items.length === 0) return null;
  if (items.some((i) => i.kind === 'status')) return 'alert';
  if (items.some((i) => i.kind === 'breach')) return 'breach';
  if (items.some((i) => i.kind === 'revision' || i.kind === 'quality')) return 'warn';
  return 'near';
}
