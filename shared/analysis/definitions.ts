import { COMPARISON_MODES, COMPARISON_MODE_DEFINITIONS } from './comparison';
import { DEFAULT_THRESHOLDS, RULE_DEFINITIONS, RULE_IDS } from './early-warning';
import { LINE_DEFINITIONS } from './lines';
import { PERIOD_BASES, PERIOD_BASIS_DEFINITIONS } from './periods';
import { QUALITY_FLAG_CODES, QUALITY_FLAG_DEFINITIONS } from './quality';
import { RATIO_DEFINITIONS, RATIO_IDS } from './ratios';
import { IDENTITY_DEFINITIONS, IDENTITY_IDS } from './reconciliation';

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

/**
 * The definitions tables of docs/analysis.md, generated from the code's own texts so the two cannot drift
 * (a unit test compares them). The Excel pack's definitions sheet can use the same data structures.
 */
export function renderDefinitionsMarkdown(): string {
  const parts = [
    '### Lines',
    table(
      ['id', 'kind', 'English', 'Norsk'],
      LINE_DEFINITIONS.map((l) => [`\`${l.id}\``, l.kind, l.name.en, l.name.nb]),
    ),
    '### Periods',
    table(
      ['id', 'English', 'Norsk'],
      PERIOD_BASES.map((id) => {
        const d = PERIOD_BASIS_DEFINITIONS[id];
        return [`\`${id}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`];
      }),
    ),
    '### Ratios',
    table(
      ['id', 'unit', 'English', 'Norsk'],
      RATIO_IDS.map((id) => {
        const d = RATIO_DEFINITIONS[id];
        return [`\`${id}\``, d.unit, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`];
      }),
    ),
    '### Comparison modes',
    table(
      ['id', 'English', 'Norsk'],
      COMPARISON_MODES.map((id) => [`\`${id}\``, COMPARISON_MODE_DEFINITIONS[id].en, COMPARISON_MODE_DEFINITIONS[id].nb]),
    ),
    '### Identities (reconciliation)',
    table(
      ['id', 'formula', 'English', 'Norsk'],
      IDENTITY_IDS.map((id) => {
        const d = IDENTITY_DEFINITIONS[id];
        return [`\`${id}\``, `\`${d.formula}\``, d.description.en, d.description.nb];
      }),
    ),
    '### Data-quality flags',
    table(
      ['code', 'English', 'Norsk'],
      QUALITY_FLAG_CODES.map((code) => {
        const d = QUALITY_FLAG_DEFINITIONS[code];
        return [`\`${code}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`];
      }),
    ),
    '### Early-warning rules',
    table(
      ['id', 'metric', 'breach when', 'default limit', 'English', 'Norsk'],
      RULE_IDS.map((id) => {
        const d = RULE_DEFINITIONS[id];
        return [
          `\`${id}\``,
          `${d.metric.kind} \`${d.metric.id}\``,
          d.direction === 'min' ? 'actual < limit' : 'actual > limit',
          String(DEFAULT_THRESHOLDS[id].limit),
          `**${d.name.en}.** ${d.definition.en}`,
          `**${d.name.nb}.** ${d.definition.nb}`,
        ];
      }),
    ),
  ];
  return parts.join('\n\n') + '\n';
}
