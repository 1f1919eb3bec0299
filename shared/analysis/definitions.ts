import type { AccountingItem } from '../symetrisk/schemas';
import { BASIS_CHOICES, BASIS_CHOICE_DEFINITIONS, borrowerBases, onBasis } from './bases';
import { COMPARISON_MODES, COMPARISON_MODE_DEFINITIONS } from './comparison';
import { formatAmount, formatMultiple, formatPercent } from './format';
import { LINE_DEFINITIONS } from './lines';
import { betterWhen } from './meaning';
import { PERIOD_BASES, PERIOD_BASIS_DEFINITIONS, annualisedPeriod, lastTwelveMonths, priorYearProRata, reportedPeriod, type PeriodFigures } from './periods';
import { QUALITY_FLAG_CODES, QUALITY_FLAG_DEFINITIONS } from './quality';
import { RATIO_DEFINITIONS, RATIO_IDS, computeRatios, type RatioResult, type RatioSet } from './ratios';
import { IDENTITY_DEFINITIONS, IDENTITY_IDS, reconcile } from './reconciliation';
import { COVENANT_BASES, COVENANT_BASIS_DEFINITIONS, DEFAULT_NEAR_LIMIT_SHARE, DEFAULT_THRESHOLDS, RULE_DEFINITIONS, RULE_IDS } from './rules';
import { COVENANT_STATUSES, COVENANT_STATUS_TEXT, NOT_COMPUTABLE, NOT_COMPUTABLE_STATEMENT } from './vocabulary';

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

/** The public document's two accounting items: the worked examples of every definition. */
export interface DocumentExamples {
  /** The full year 2024 (366 days). */
  fullYear: AccountingItem;
  /** The year to date 2025 (1 January to 14 August, 226 days). */
  yearToDate: AccountingItem;
}

const kr = (x: number) => formatAmount(x, { decimals: 2 });

function ratioExample(r: RatioResult, unit: 'percent' | 'multiple'): string {
  if (r.value === null) return `n.m.: ${r.explain.en}`;
  const v = unit === 'percent' ? formatPercent(r.value, { decimals: 2 }) : formatMultiple(r.value, { decimals: 2 });
  const inputs = r.numerator !== undefined && r.denominator !== undefined ? `${kr(r.numerator)} / ${kr(r.denominator)} = ` : '';
  const notes = r.notes?.length ? ` (${r.notes.map((n) => n.en.replace(/\.$/, '')).join('; ')})` : '';
  return `${inputs}${v}${r.estimate ? ' (estimate)' : ''}${notes}`;
}

function periodExample(p: PeriodFigures): string {
  return `${p.label.nb}: revenue ${kr(p.flows.revenues)}, EBITDA ${kr(p.flows.ebitda)}; ${p.note.en}`;
}

/**
 * The definitions of docs/analysis.md, generated from the code's own texts and computed on the public document's
 * two items so that the words and the worked examples cannot drift from the code (a unit test compares them).
 * The Excel pack's definitions sheet uses the same data structures.
 */
export function renderDefinitionsMarkdown(ex: DocumentExamples): string {
  const items = [ex.fullYear, ex.yearToDate];
  const fy = reportedPeriod(ex.fullYear, items);
  const ytd = reportedPeriod(ex.yearToDate, items);
  const prior = priorYearProRata(ex.yearToDate, items);
  const ltm = lastTwelveMonths(ex.yearToDate, items);
  const periodExamples: Record<(typeof PERIOD_BASES)[number], string> = {
    full_year: periodExample(fy),
    ytd: periodExample(ytd),
    ytd_annualised: periodExample(annualisedPeriod(ex.yearToDate, items)),
    prior_year_pro_rata: prior.ok ? periodExample(prior.period) : prior.explain.en,
    ltm: ltm.ok ? periodExample(ltm.period) : ltm.explain.en,
  };
  const ratiosFy: RatioSet = computeRatios(fy);
  const ratiosYtd: RatioSet = computeRatios(ytd, { comparable: prior.ok ? prior.period : undefined });
  const bases = borrowerBases(items)!;
  const recon = [ex.fullYear, ex.yearToDate].map((i) => ({ year: i.data.year, r: reconcile(i.data) }));

  const parts = [
    '### Lines',
    table(
      ['id', 'kind', 'better when', 'English', 'Norsk'],
      LINE_DEFINITIONS.map((l) => [
        `\`${l.id}\``,
        l.derived ? `${l.kind}, derived` : l.kind,
        betterWhen(l.id),
        l.derived ? `${l.name.en} (${l.derived.en})` : l.name.en,
        l.derived ? `${l.name.nb} (${l.derived.nb})` : l.name.nb,
      ]),
    ),
    '### Periods',
    table(
      ['id', 'English', 'Norsk', 'Worked example (the document’s items)'],
      PERIOD_BASES.map((id) => {
        const d = PERIOD_BASIS_DEFINITIONS[id];
        return [`\`${id}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`, periodExamples[id]];
      }),
    ),
    '### Basis switch (list and borrower page)',
    table(
      ['id', 'English', 'Norsk', 'The document’s items'],
      BASIS_CHOICES.map((id) => {
        const d = BASIS_CHOICE_DEFINITIONS[id];
        const v = onBasis(bases, id);
        const shown = v.fallback ? `${v.period.label.nb}; ${v.fallback.en}` : v.period.label.nb;
        return [`\`${id}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`, shown];
      }),
    ),
    '### Ratios',
    table(
      ['id', 'unit', 'better when', 'English', 'Norsk', 'Formula; Proff / SSB', 'Full year 2024', 'YTD 2025'],
      RATIO_IDS.map((id) => {
        const d = RATIO_DEFINITIONS[id];
        return [
          `\`${id}\``,
          d.unit,
          betterWhen(id),
          `**${d.name.en}.** ${d.definition.en}`,
          `**${d.name.nb}.** ${d.definition.nb}`,
          `${d.formula.en}${d.reference ? `. ${d.reference.en}` : ''}`,
          ratioExample(ratiosFy[id], d.unit),
          ratioExample(ratiosYtd[id], d.unit),
        ];
      }),
    ),
    '### Comparison modes',
    table(
      ['id', 'English', 'Norsk'],
      COMPARISON_MODES.map((id) => [`\`${id}\``, COMPARISON_MODE_DEFINITIONS[id].en, COMPARISON_MODE_DEFINITIONS[id].nb]),
    ),
    '### Identities (reconciliation)',
    table(
      ['id', 'formula', 'English', 'Norsk', 'The document’s items'],
      IDENTITY_IDS.map((id) => {
        const d = IDENTITY_DEFINITIONS[id];
        const example = recon
          .map(({ year, r }) => {
            const c = r.checks.find((x) => x.id === id)!;
            return `${year}: reported ${kr(c.reported)}, computed ${kr(c.computed)}, difference ${formatAmount(c.difference, { decimals: 2 })}`;
          })
          .join('; ');
        return [`\`${id}\``, `\`${d.formula}\``, d.description.en, d.description.nb, example];
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
    '### Covenant bases',
    table(
      ['id', 'English', 'Norsk'],
      COVENANT_BASES.map((id) => {
        const d = COVENANT_BASIS_DEFINITIONS[id];
        return [`\`${id}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`];
      }),
    ),
    '### Covenant statuses',
    table(
      ['id', 'English', 'Norsk'],
      COVENANT_STATUSES.map((id) => {
        const d = COVENANT_STATUS_TEXT[id];
        return [`\`${id}\``, `**${d.name.en}.** ${d.definition.en}`, `**${d.name.nb}.** ${d.definition.nb}`];
      }),
    ),
    `Near-limit band by default: ${DEFAULT_NEAR_LIMIT_SHARE * 100} % of the requirement.`,
    '### Early-warning rules (covenants)',
    table(
      ['id', 'metric', 'breach when', 'default limit', 'basis', 'English', 'Norsk'],
      RULE_IDS.map((id) => {
        const d = RULE_DEFINITIONS[id];
        return [
          `\`${id}\``,
          `${d.metric.kind} \`${d.metric.id}\``,
          d.direction === 'min' ? 'actual < limit' : 'actual > limit',
          String(DEFAULT_THRESHOLDS[id].limit),
          `\`${d.defaultBasis}\``,
          `**${d.name.en}.** ${d.definition.en}`,
          `**${d.name.nb}.** ${d.definition.nb}`,
        ];
      }),
    ),
    '### What cannot be computed',
    table(
      ['id', 'English', 'Norsk'],
      NOT_COMPUTABLE.map((x) => [`\`${x.id}\``, `${x.name.en}: needs ${x.needs.en}.`, `${x.name.nb}: krever ${x.needs.nb}.`]),
    ),
    NOT_COMPUTABLE_STATEMENT.en,
    NOT_COMPUTABLE_STATEMENT.nb,
  ];
  return parts.join('\n\n') + '\n';
}
