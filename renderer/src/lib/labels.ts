import {
  LINE_DEFINITIONS,
  QUALITY_FLAG_DEFINITIONS,
  RATIO_DEFINITIONS,
  RULE_DEFINITIONS,
  type Language,
  type LineId,
  type QualityFlagCode,
  type RatioId,
  type RuleId,
} from '../../../shared/analysis';
import { accountingSystemName, followedSourceName, notificationSeverity, notificationTypeName, relationshipStateName } from '../../../shared/wording';
import { STATUS_ALERT_DEFINITIONS, type StatusAlertId } from '../../../shared/registry/status-alerts';

/** A status alert's flag in a row ("registry_bankruptcy"), or null for any other flag. */
export function statusAlertOfFlag(code: string): StatusAlertId | null {
  const id = code.startsWith('registry_') ? code.slice('registry_'.length) : '';
  return id in STATUS_ALERT_DEFINITIONS ? (id as StatusAlertId) : null;
}

// Flags the portfolio query adds beside the quality flags and rules.
const EXTRA_FLAGS: Record<string, { en: string; nb: string }> = {
  restated: { en: 'Restated', nb: 'Omarbeidet' },
  // A year to date fetched again with other figures (shared/analysis revisions.ts, interim_revision).
  revised: { en: 'Revised', nb: 'Korrigert' },
  lost: { en: 'Relationship lost', nb: 'Relasjonen er borte' },
};

/** "access_approved" -> "Godkjent" (shared/wording, the one table of codes); an unknown state is named as one. */
export function stateLabel(state: string, lang: Language): string {
  return relationshipStateName(state, lang);
}

export { accountingSystemName, followedSourceName, notificationSeverity, notificationTypeName };

/**
 * Names come from shared/analysis, so the grid, the borrower view and the Excel pack use the same words; a rule's
 * flag is the name of its breach ("Egenkapitalandel under kravet"), not of the requirement.
 */
export function flagLabel(code: string, lang: Language): string {
  const alert = statusAlertOfFlag(code);
  if (alert) return STATUS_ALERT_DEFINITIONS[alert].name[lang];
  if (code in QUALITY_FLAG_DEFINITIONS) return QUALITY_FLAG_DEFINITIONS[code as QualityFlagCode].name[lang];
  if (code in RULE_DEFINITIONS) return RULE_DEFINITIONS[code as RuleId].breachName[lang];
  return EXTRA_FLAGS[code]?.[lang] ?? code.replace(/_/g, ' ');
}

export function flagDefinition(code: string, lang: Language): string {
  const alert = statusAlertOfFlag(code);
  if (alert) return STATUS_ALERT_DEFINITIONS[alert].definition[lang];
  if (code in QUALITY_FLAG_DEFINITIONS) return QUALITY_FLAG_DEFINITIONS[code as QualityFlagCode].definition[lang];
  if (code in RULE_DEFINITIONS) return RULE_DEFINITIONS[code as RuleId].definition[lang];
  return EXTRA_FLAGS[code]?.[lang] ?? code;
}

export function ratioName(id: string, lang: Language): string {
  return id in RATIO_DEFINITIONS ? RATIO_DEFINITIONS[id as RatioId].name[lang] : id;
}

const lineNames = new Map(LINE_DEFINITIONS.map((d) => [d.id as string, d.name]));
export function lineName(id: string, lang: Language): string {
  return lineNames.get(id)?.[lang] ?? (id in RATIO_DEFINITIONS ? ratioName(id, lang) : id.replace(/_/g, ' '));
}

export function isLineId(id: string): id is LineId {
  return lineNames.has(id);
}

/** How a rule's metric is shown: percent ratios as %, multiples as x, lines in NOK. */
export function ruleUnit(rule: string): 'percent' | 'multiple' | 'nok' {
  const def = RULE_DEFINITIONS[rule as RuleId];
  if (!def) return 'multiple';
  if (def.metric.kind === 'line') return 'nok';
  return RATIO_DEFINITIONS[def.metric.id].unit;
}
