import {
  BASIS_CHOICES,
  LINE_DEFINITIONS,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  NOT_AVAILABLE,
  NOT_MEANINGFUL,
  formatAmount,
  formatMultiple,
  formatPercent,
  formatRatioChange,
  type BasisChoice,
  type Language,
} from '../../../shared/analysis';
import { OrgNr } from '../../../shared/contract/dto';
import { formatOrgNr } from '../../../shared/orgnr';
import type { CliCommand } from '../command';
import { err, out } from '../io';

/** The key figures the CLI prints, in the order of the statements. */
const FIGURES = ['revenues', 'ebitda', 'ebit', 'profit_before_tax', 'net_profit', 'equity', 'interest_bearing_debt', 'net_interest_bearing_debt', 'total_assets'] as const;

const lineName = new Map(LINE_DEFINITIONS.map((d) => [d.id as string, d.name]));

/**
 * `borrower ORGNR`: one borrower's key figures, ratios and changes on a basis, each block headed by that basis
 * (the CLI never prints a figure without it), the covenant tests as sentences, and the revised periods. The same
 * channel (portfolio:borrower) and the same words as the borrower page. Exit codes: 0 shown, 1 failed, 2 usage.
 */
export const borrower: CliCommand = {
  name: 'borrower',
  summary: 'One borrower’s figures on a basis (LTM by default, the fallback said), its covenant tests and revised periods, from the cache.',
  usage: 'borrower ORGNR [--profile NAME] [--basis ltm|last_financial_year|ytd|annualised] [--language en|nb] [--json]',
  options: { profile: { type: 'string' }, basis: { type: 'string' }, language: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, { values, positionals }) {
    const orgNr = (positionals[0] ?? '').replace(/\s/g, '');
    if (positionals.length !== 1 || !OrgNr.safeParse(orgNr).success) {
      err(ctx.io, 'Error: give one nine-digit org number: borrower ORGNR.');
      return 2;
    }
    const basis = (values['basis'] as string | undefined) ?? 'ltm';
    if (!(BASIS_CHOICES as readonly string[]).includes(basis)) {
      err(ctx.io, `Error: --basis is one of ${BASIS_CHOICES.join(', ')}.`);
      return 2;
    }
    const lang = ((values['language'] as string | undefined) ?? 'en') as Language;
    if (lang !== 'en' && lang !== 'nb') {
      err(ctx.io, 'Error: --language is en or nb.');
      return 2;
    }
    const profileId = ctx.profileId(values['profile'] as string | undefined);
    const d = await ctx.call('portfolio:borrower', { profileId, orgNr, basis: basis as BasisChoice });
    if (values['json']) {
      out(ctx.io, JSON.stringify({ row: d.row, covenantTests: d.covenantTests, nearLimitShare: d.nearLimitShare }, null, 2));
      return 0;
    }
    const L = (x: { en: string; nb: string }) => x[lang];
    const rel = d.relationship;
    out(ctx.io, `${rel.name} (${formatOrgNr(rel.orgNr)})`);
    const row = d.row;
    if (!row?.basis) {
      out(ctx.io, '  No accounting data cached for this borrower yet.');
      return 0;
    }
    const b = row.basis;
    out(ctx.io, `Basis: ${L(b.label)}`);
    if (b.fallback) out(ctx.io, `  ${L(b.fallback)}`);
    const width = Math.max(...FIGURES.map((id) => L(lineName.get(id)!).length), ...RATIO_IDS.map((id) => L(RATIO_DEFINITIONS[id].name).length)) + 2;
    const estimate = b.estimate ? ` (${lang === 'nb' ? 'anslag' : 'estimate'})` : '';
    out(ctx.io, `Figures, NOK (${L(b.label)}):`);
    for (const id of FIGURES) {
      const change = row.changes[id];
      const c = change === undefined ? '' : `  ${formatPercent(change, { plusSign: true }, lang)}`;
      out(ctx.io, `  ${L(lineName.get(id)!).padEnd(width)}${formatAmount(row.figures[id] ?? null, {}, lang).padStart(16)}${c}`);
    }
    out(ctx.io, `Ratios (${L(b.label)})${estimate}:`);
    for (const id of RATIO_IDS) {
      const v = row.ratios[id] ?? null;
      const gap = row.ratioGaps[id];
      const unit = RATIO_DEFINITIONS[id].unit;
      const shown = gap ? (gap.kind === 'not_meaningful' ? NOT_MEANINGFUL : NOT_AVAILABLE)[lang] : unit === 'percent' ? formatPercent(v, {}, lang) : formatMultiple(v, {}, lang);
      const change = row.ratioChanges[id];
      const c = change === undefined ? '' : `  ${formatRatioChange(change, unit, lang)}`;
      out(ctx.io, `  ${L(RATIO_DEFINITIONS[id].name).padEnd(width)}${shown.padStart(16)}${c}${gap ? `  ${L(gap.explain)}` : ''}`);
    }
    // A label already says "estimate" where the period is one.
    if (b.comparable) out(ctx.io, `Changes against ${L(b.comparable.label)}; ratio changes in percentage points or x.`);
    else if (b.noComparable) out(ctx.io, `No changes: ${L(b.noComparable)}`);
    if (b.taxNotBooked) out(ctx.io, lang === 'nb' ? 'Skatt er ikke bokført ennå for hittil i år: sammenlign resultat før skatt.' : 'Tax is not booked yet for the year to date: compare profit before tax.');
    out(ctx.io, `Covenants (each on its own basis; near the limit within ${formatPercent(d.nearLimitShare, {}, lang)} of the requirement):`);
    for (const t of d.covenantTests) out(ctx.io, `  ${L(t.sentence)}  [${L(t.basisText)}]`);
    if (d.covenantTests.length === 0) out(ctx.io, '  No rule is switched on.');
    for (const r of row.revisions) out(ctx.io, `Revised: ${L(r.summary)}`);
    return 0;
  },
};
