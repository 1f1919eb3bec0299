import {
  COVENANT_STATUS_TEXT,
  LINE_DEFINITIONS,
  NOT_AVAILABLE,
  NOT_MEANINGFUL,
  QUALITY_FLAG_DEFINITIONS,
  RATIO_DEFINITIONS,
  computeRatios,
  covenantBasisText,
  formatAmount,
  formatHeadroom,
  formatMultiple,
  formatPercent,
  formatPercentagePoints,
  formatRatioChange,
  isZeroAmount,
  lineValue,
  type AmountUnit,
  type BorrowerAnalysis,
  type CovenantTest,
  type CovenantUnit,
  type Language,
  type LineId,
  type PeriodFigures,
  type RatioId,
  type RatioSet,
} from '../analysis';
import { VOCABULARY } from '../analysis/vocabulary';
import type { CommitteeSummary, SummaryCovenant, SummaryFigure, SummaryWarning } from '../contract/dto';
import { formatOrgNr } from '../orgnr';
import {
  DIFFERENCE_FLAG,
  naceDivisionOf,
  FORCED_DISSOLUTION_GROUND_NAMES,
  STATUS_ALERT_DEFINITIONS,
  reconcileWithFilings,
  statusAlerts,
  type FiledAccounts,
  type RegistryCheck,
  type RegistryUnit,
  type StatusAlert,
  type YearReconciliation,
} from '../registry';
import type { AccountingItem } from '../symetrisk/schemas';
import { formatCalendarDate, formatLocalDate, formatLocalDateTime } from './local-time';
import { COMMITTEE_TEXT as W, fill, recommendationText, relationshipStateText, type Recommendation } from './words';

/** The analyst's assessment of a borrower as the workflow stores it (comment, recommendation, conditions, by whom, when). */
export interface CommitteeAssessment {
  comment: string;
  recommendation: Recommendation | null;
  conditions: string;
  author: string;
  /** ISO time of the latest version. */
  updatedAt: string;
  /** How many earlier versions the history keeps. */
  historyLength: number;
}

/** The borrower's place on the watch list; null when it is not on it. */
export interface WatchEntry {
  reason: string;
  /** ISO date by which it is to be reviewed again; null when none was set. */
  reviewDate: string | null;
  addedBy: string;
  /** ISO time. */
  addedAt: string;
}

/** One of the analyst's notes on a borrower. */
export interface BorrowerNote {
  text: string;
  author: string;
  /** ISO time. */
  createdAt: string;
}

/** What the cache holds from Brønnøysund about one borrower; the pack works out alerts and reconciliation itself. */
export interface RegistryFacts {
  unit: RegistryUnit | null;
  filings: readonly FiledAccounts[];
  /** The last look-up of the unit's filed accounts, when known. */
  accountsCheck?: RegistryCheck | null | undefined;
}

/** One borrower as a committee document needs it: who, its snapshots, and what the workflow and registry add. */
export interface CommitteeBorrower {
  orgNr: string;
  name: string;
  /** The relationship's state as Symetrisk gave it (access_approved ...): worded, never printed as it comes. */
  state: string;
  /** The relationship vanished or lost access; its cached data is still shown. */
  lost: boolean;
  items: readonly AccountingItem[];
  assessment?: CommitteeAssessment | null | undefined;
  watch?: WatchEntry | null | undefined;
  assignedTo?: string | null | undefined;
  /** The latest few notes, newest first. */
  notes?: readonly BorrowerNote[] | undefined;
  registry?: RegistryFacts | null | undefined;
}

export interface SummaryContext {
  lang: Language;
  /** The moment the document is made: its date. */
  now: Date;
  bank: string | null;
  classification: string;
  /** When the data were last synced; null when never. */
  dataAsOf: Date | null;
  amountUnit: AmountUnit;
}

/** The key figures of page 1, in order: what a committee reads first. */
export const SUMMARY_FIGURES: readonly { metric: LineId | RatioId; kind: 'line' | 'ratio' }[] = [
  { metric: 'revenues', kind: 'line' },
  { metric: 'ebitda', kind: 'line' },
  { metric: 'ebitda_margin', kind: 'ratio' },
  { metric: 'profit_before_tax', kind: 'line' },
  { metric: 'equity', kind: 'line' },
  { metric: 'equity_ratio', kind: 'ratio' },
  { metric: 'net_interest_bearing_debt', kind: 'line' },
  { metric: 'nibd_to_ebitda', kind: 'ratio' },
  { metric: 'interest_cover', kind: 'ratio' },
];

const LINE_NAME = new Map(LINE_DEFINITIONS.map((l) => [l.id, l.name]));

/** A line's name (without the derivation in brackets). */
export function lineName(id: LineId, lang: Language): string {
  return LINE_NAME.get(id)![lang];
}

/** An amount as the pack's unit line says ("Beløp i NOK 1 000"): thousands or whole kroner, minus as U+2212. */
function amountText(x: number | null, unit: AmountUnit, lang: Language): string {
  return formatAmount(x, { unit }, lang);
}

/** The unit line of every amount table: "Beløp i NOK 1 000" (nb), "Amounts in NOK 1,000"-style (en). */
export function amountUnitLine(unit: AmountUnit, lang: Language): string {
  const nok = unit === 'thousands' ? 'NOK 1\u00a0000' : 'NOK';
  return lang === 'nb' ? `Beløp i ${nok}` : `Amounts in ${nok}`;
}

/** A value in a covenant's unit: "20,0 %", "4,0x", "1 234 567 kr". */
export function formatInUnit(unit: CovenantUnit, x: number | null, lang: Language): string {
  if (x === null) return NOT_AVAILABLE[lang];
  if (unit === 'percent') return formatPercent(x, {}, lang);
  if (unit === 'multiple') return formatMultiple(x, {}, lang);
  return lang === 'nb' ? `${formatAmount(x, {}, lang)} kr` : `NOK ${formatAmount(x, {}, lang)}`;
}

/** A rule's requirement in words: "minst 20,0 %", "høyst 4,0x". */
export function requirementText(t: Pick<CovenantTest, 'direction' | 'unit' | 'limit'>, lang: Language): string {
  return `${(t.direction === 'min' ? VOCABULARY.atLeast : VOCABULARY.atMost)[lang]} ${formatInUnit(t.unit, t.limit, lang)}`;
}

/** Where a rule's limit came from, in words. */
export function ruleSourceText(t: Pick<CovenantTest, 'source' | 'label'>, lang: Language): string {
  const base = t.source === 'covenant' ? (lang === 'nb' ? 'Covenant' : 'Covenant') : lang === 'nb' ? 'Porteføljegrense' : 'Portfolio limit';
  return t.label ? `${base}: ${t.label}` : base;
}

/** A covenant test worded for page 1 and the covenant table. */
export function summaryCovenant(t: CovenantTest, lang: Language): SummaryCovenant {
  const actual =
    t.actual !== null
      ? `${formatInUnit(t.unit, t.actual, lang)}${t.estimate ? ` (${VOCABULARY.estimate[lang]})` : ''}`
      : (t.reason?.kind === 'not_meaningful' ? NOT_MEANINGFUL : NOT_AVAILABLE)[lang];
  return {
    rule: t.rule,
    name: t.name[lang],
    requirement: requirementText(t, lang),
    actual,
    headroom: t.headroom === null ? NOT_AVAILABLE[lang] : formatHeadroom(t.unit, t.headroom, lang),
    status: t.status,
    statusText: COVENANT_STATUS_TEXT[t.status].name[lang],
    basis: covenantBasisText(t)[lang],
    testDate: t.testDate ? formatCalendarDate(t.testDate, lang) : null,
    source: ruleSourceText(t, lang),
    sentence: t.sentence[lang],
  };
}

/** The register's alerts and the reconciliation against the filed accounts, from the cached registry facts. */
export interface RegistryFindings {
  alerts: StatusAlert[];
  years: YearReconciliation[];
}

/** The registry's rules (shared/registry) applied to a borrower's cached facts; null when none are cached. */
export function registryFindings(b: Pick<CommitteeBorrower, 'items' | 'registry'>, now: Date): RegistryFindings | null {
  const r = b.registry;
  if (!r) return null;
  return {
    alerts: r.unit ? statusAlerts(r.unit) : [],
    years: reconcileWithFilings(b.items, r.filings, { unit: r.unit, today: now.toISOString().slice(0, 10), accountsCheck: r.accountsCheck ?? null }),
  };
}

/** A status alert in words: "Konkurs 12.05.2025", forced dissolution with its grounds. */
export function statusAlertText(a: StatusAlert, lang: Language): string {
  const name = STATUS_ALERT_DEFINITIONS[a.id].name[lang];
  const when = a.date ? ` ${formatCalendarDate(a.date, lang)}` : lang === 'nb' ? ' (registeret oppgir ingen dato)' : ' (the register gives no date)';
  const grounds = a.grounds.length > 0 ? `: ${a.grounds.map((g) => FORCED_DISSOLUTION_GROUND_NAMES[g.ground][lang]).join(', ')}` : '';
  return `${lang === 'nb' ? 'Enhetsregisteret' : 'The register'}: ${name}${when}${grounds}`;
}

/**
 * An industry code in the document's language: the register's own description in Norwegian; in English the code
 * with its NACE division's English title (the register gives Norwegian only).
 */
export function naceText(nace: { code: string; name: string }, lang: Language): string {
  if (lang === 'nb') return `${nace.code} ${nace.name}`;
  const division = naceDivisionOf(nace.code);
  return division?.known ? `${nace.code} (${division.name.en})` : nace.code;
}

/** A legal form in the document's language: its Norwegian name and code, in English the code alone. */
function orgFormText(form: { code: string; name: string }, lang: Language): string {
  return lang === 'nb' ? `${form.name} (${form.code})` : form.code;
}

/** The register's facts of a unit in words, for the borrower sheet (registered name, form, NACE, staff, address ...). */
export function registryFactRows(unit: RegistryUnit, lang: Language): { label: string; value: string }[] {
  const nb = lang === 'nb';
  const yes = nb ? 'ja' : 'yes';
  const no = nb ? 'nei' : 'no';
  const unknown = nb ? 'ikke oppgitt' : 'not given';
  const date = (d: string | null) => (d ? formatCalendarDate(d, lang) : unknown);
  const bool = (v: boolean | null) => (v === null ? unknown : v ? yes : no);
  const address = unit.businessAddress
    ? [...unit.businessAddress.lines, [unit.businessAddress.postalCode, unit.businessAddress.city].filter(Boolean).join(' ')].filter((s) => s !== '').join(', ')
    : unknown;
  return [
    { label: nb ? 'Registrert navn' : 'Registered name', value: unit.name ?? unknown },
    { label: nb ? 'Organisasjonsform' : 'Legal form', value: unit.orgForm ? orgFormText(unit.orgForm, lang) : unknown },
    ...[0, 1, 2].map((i) => ({
      label: `${nb ? 'Næringskode' : 'Industry code (NACE)'} ${i + 1}`,
      value: unit.nace[i] ? naceText(unit.nace[i]!, lang) : nb ? 'ingen' : 'none',
    })),
    {
      label: nb ? 'Antall ansatte' : 'Employees',
      value: unit.employees !== null ? String(unit.employees) : unit.hasRegisteredEmployees === false ? (nb ? 'ingen registrert' : 'none registered') : unknown,
    },
    { label: nb ? 'Forretningsadresse' : 'Business address', value: address },
    { label: nb ? 'Stiftelsesdato' : 'Founded', value: date(unit.founded) },
    { label: nb ? 'MVA-registrert' : 'VAT registered', value: bool(unit.vatRegistered) },
    { label: nb ? 'Siste innsendte årsregnskap' : 'Last annual accounts filed', value: unit.lastFiledYear !== null ? String(unit.lastFiledYear) : nb ? 'ingen' : 'none' },
  ];
}

/** The short registry line of page 1's facts: form, main industry, staff. */
function registryLine(b: CommitteeBorrower, lang: Language): string {
  const unit = b.registry?.unit;
  if (!b.registry) return W.registryNotFetched[lang];
  if (!unit || unit.status === 'not_found') return W.registryUnknownUnit[lang];
  const parts: string[] = [];
  if (unit.orgForm) parts.push(lang === 'nb' ? unit.orgForm.name : unit.orgForm.code);
  if (unit.nace[0]) parts.push(naceText(unit.nace[0], lang));
  if (unit.employees !== null) parts.push(lang === 'nb' ? `${unit.employees} ansatte` : `${unit.employees} employees`);
  if (unit.founded) parts.push(`${lang === 'nb' ? 'stiftet' : 'founded'} ${formatCalendarDate(unit.founded, lang)}`);
  return parts.length > 0 ? parts.join(' · ') : lang === 'nb' ? 'ingen opplysninger' : 'no facts given';
}

function figureOf(
  f: (typeof SUMMARY_FIGURES)[number],
  period: PeriodFigures,
  ratios: RatioSet,
  prior: { period: PeriodFigures; ratios: RatioSet } | null,
  ctx: SummaryContext,
): SummaryFigure {
  const lang = ctx.lang;
  if (f.kind === 'line') {
    const id = f.metric as LineId;
    const value = lineValue(period, id);
    const p = prior ? lineValue(prior.period, id) : null;
    const change = p === null || isZeroAmount(p) ? null : (value - p) / Math.abs(p);
    const flow = LINE_DEFINITIONS.find((l) => l.id === id)!.kind === 'flow';
    const estimate = flow && period.estimate;
    return {
      metric: id,
      label: lineName(id, lang),
      unit: 'nok',
      value,
      text: amountText(value, ctx.amountUnit, lang),
      prior: p,
      priorText: amountText(p, ctx.amountUnit, lang),
      change,
      changeText: change === null ? NOT_AVAILABLE[lang] : formatPercent(change, { plusSign: true }, lang),
      estimate,
      note: estimate ? W.estimate[lang] : null,
      explain: null,
    };
  }
  const id = f.metric as RatioId;
  const def = RATIO_DEFINITIONS[id];
  const r = ratios[id];
  const pr = prior ? prior.ratios[id] : null;
  const value = r.value;
  const p = pr?.value ?? null;
  const change = value === null || p === null ? null : value - p;
  const estimate = value !== null && (r.estimate === true || period.estimate);
  const shown = (x: typeof r | null) =>
    x === null ? NOT_AVAILABLE[lang] : x.value === null ? (x.kind === 'not_meaningful' ? NOT_MEANINGFUL : NOT_AVAILABLE)[lang] : def.unit === 'percent' ? formatPercent(x.value, {}, lang) : formatMultiple(x.value, {}, lang);
  // A short mark beside the figure; why a ratio is n.m. is said in full in the notes under the table.
  const note = r.value === null ? W.seeNote[lang] : r.netCash ? VOCABULARY.netCash[lang] : estimate ? W.estimate[lang] : null;
  return {
    metric: id,
    label: def.name[lang],
    unit: def.unit,
    value,
    text: shown(r),
    prior: p,
    priorText: shown(pr),
    change,
    changeText: def.unit === 'percent' ? formatPercentagePoints(change, { plusSign: true }, lang) : formatRatioChange(change, 'multiple', lang),
    estimate,
    note,
    explain: r.value === null ? r.explain[lang] : null,
  };
}

/** Every early warning of a borrower, most severe first: the register's alerts, breaches, then what needs a look. */
export function committeeWarnings(b: CommitteeBorrower, a: BorrowerAnalysis, registry: RegistryFindings | null, lang: Language): SummaryWarning[] {
  const out: SummaryWarning[] = [];
  for (const alert of registry?.alerts ?? []) out.push({ level: 'critical', text: statusAlertText(alert, lang) });
  for (const t of a.covenants) if (t.status === 'breach') out.push({ level: 'breach', text: t.sentence[lang] });
  if (b.lost) out.push({ level: 'attention', text: `${W.relationship[lang]}: ${relationshipStateText(b.state, true, lang)}` });
  for (const y of registry?.years ?? []) {
    const rec = y.reconciliation;
    if (rec?.flagged) {
      const lines = rec.lines.filter((l) => l.status === 'differs').map((l) => l.name[lang]);
      out.push({ level: 'attention', text: `${DIFFERENCE_FLAG[lang]} ${y.year}: ${lines.join(', ')}` });
    }
    if (y.filingStatus === 'overdue') {
      out.push({
        level: 'attention',
        text:
          lang === 'nb'
            ? `Årsregnskapet for ${y.year} er ikke sendt inn (frist ${formatCalendarDate(y.deadline, lang)})`
            : `The annual accounts for ${y.year} have not been filed (due ${formatCalendarDate(y.deadline, lang)})`,
      });
    }
  }
  for (const r of a.revisions) out.push({ level: 'attention', text: r.summary[lang] });
  for (const t of a.covenants) {
    if (t.status === 'near_limit') out.push({ level: 'attention', text: t.sentence[lang] });
    // An undefined ratio is a finding, not a pass.
    if (t.status === 'not_testable') out.push({ level: 'attention', text: t.sentence[lang] });
  }
  for (const f of a.latest?.flags ?? []) out.push({ level: 'info', text: `${QUALITY_FLAG_DEFINITIONS[f.code].name[lang]}: ${f.message[lang]}` });
  return out;
}

/**
 * Page 1 of a borrower's committee document: the header block, the key figures on their stated basis (LTM
 * where it can be built, else as the analysis falls back, said), covenant status, early warnings, the analyst's
 * assessment and recommendation, the watch list and the sign-off. One definition for the pack's page 1 and the
 * app's print view. Pure: the analysis and the moment come in.
 */
export function committeeSummary(b: CommitteeBorrower, a: BorrowerAnalysis, ctx: SummaryContext): CommitteeSummary {
  const lang = ctx.lang;
  const registry = registryFindings(b, ctx.now);
  const view = a.views?.ltm ?? null;
  const prior = view && view.comparable.ok ? { period: view.comparable.period, ratios: computeRatios(view.comparable.period) } : null;
  const keyFigures = view ? SUMMARY_FIGURES.map((f) => figureOf(f, view.period, view.ratios, prior, ctx)) : [];
  const figureNotes: string[] = [];
  if (view) {
    if (view.period.method !== 'as_reported') figureNotes.push(view.period.note[lang]);
    for (const k of keyFigures) if (k.explain) figureNotes.push(`${k.label}: ${NOT_MEANINGFUL[lang]}: ${k.explain}`);
  }
  const assessment = b.assessment ?? null;
  const watch = b.watch ?? null;
  const analyst = b.assignedTo ?? assessment?.author ?? null;
  const latest = a.latest?.snapshot ?? null;
  const facts = [
    { label: W.relationship[lang], value: relationshipStateText(b.state, b.lost, lang) },
    { label: W.accountingSystem[lang], value: latest?.accountingSystem ?? NOT_AVAILABLE[lang] },
    { label: W.registry[lang], value: registryLine(b, lang) },
  ];
  const byline = (who: string, when: string) => fill(W.writtenBy[lang], { author: who, date: formatLocalDateTime(when, lang) });
  const watchText = watch
    ? [
        fill(W.onWatch[lang], { reason: watch.reason }),
        watch.reviewDate ? fill(W.reviewBy[lang], { date: formatCalendarDate(watch.reviewDate, lang) }) : null,
        fill(W.addedBy[lang], { who: watch.addedBy, date: formatLocalDateTime(watch.addedAt, lang) }),
      ]
        .filter(Boolean)
        .join('; ')
    : W.notOnWatch[lang];
  const line = '_______________________';
  return {
    language: lang,
    orgNr: b.orgNr,
    header: {
      documentType: W.documentType[lang],
      bank: ctx.bank,
      borrower: b.name,
      orgNr: formatOrgNr(b.orgNr),
      date: formatLocalDate(ctx.now, lang),
      dataAsOf: ctx.dataAsOf ? formatLocalDateTime(ctx.dataAsOf, lang) : W.neverSynced[lang],
      analyst: analyst ?? W.noAnalyst[lang],
      classification: ctx.classification,
    },
    facts,
    basis: {
      label: view ? view.period.label[lang] : W.noData[lang],
      comparable: prior ? prior.period.label[lang] : view ? W.noComparable[lang] : null,
      fallback: view?.fallback ? view.fallback[lang] : null,
      unit: amountUnitLine(ctx.amountUnit, lang),
    },
    keyFigures,
    figureNotes,
    covenants: a.covenants.map((t) => summaryCovenant(t, lang)),
    warnings: committeeWarnings(b, a, registry, lang),
    assessment: {
      recommendation: assessment?.recommendation ?? null,
      recommendationText: recommendationText(assessment?.recommendation, lang),
      comment: assessment?.comment.trim() || W.noAssessment[lang],
      conditions: assessment?.conditions.trim() || W.noConditions[lang],
      byline: assessment ? byline(assessment.author, assessment.updatedAt) : null,
      versions: assessment && assessment.historyLength > 0 ? (assessment.historyLength === 1 ? W.oneVersion[lang] : fill(W.versions[lang], { n: assessment.historyLength })) : null,
    },
    watch: watchText,
    notes: (b.notes ?? []).slice(0, 3).map((n) => ({ text: n.text, byline: byline(n.author, n.createdAt) })),
    signOff: [
      { role: W.caseOfficer[lang], lines: [`${W.name[lang]}: ${analyst ?? line}`, `${W.date[lang]}: ${line}`, `${W.signature[lang]}: ${line}`] },
      { role: W.relationshipManager[lang], lines: [`${W.name[lang]}: ${line}`, `${W.date[lang]}: ${line}`, `${W.signature[lang]}: ${line}`] },
      { role: W.decision[lang], lines: [W.decisionChoices[lang], `${W.date[lang]}: ${line}`, `${W.signature[lang]}: ${line}`] },
    ],
    headings: {
      documentType: W.documentType[lang],
      keyFigures: W.keyFigures[lang],
      basis: W.basis[lang],
      figure: W.figure[lang],
      value: W.value[lang],
      yearEarlier: W.yearEarlier[lang],
      change: W.change[lang],
      note: W.note[lang],
      comparedWith: W.comparedWith[lang],
      covenants: W.covenants[lang],
      noRules: W.noRules[lang],
      warnings: W.warnings[lang],
      noWarnings: W.noWarnings[lang],
      assessment: W.assessment[lang],
      recommendation: W.recommendation[lang],
      comment: W.comment[lang],
      conditions: W.conditions[lang],
      watch: W.watch[lang],
      notes: W.notes[lang],
      signOff: W.signOff[lang],
      bank: W.bank[lang],
      orgNr: W.orgNr[lang],
      date: W.date[lang],
      dataAsOf: W.dataAsOf[lang],
      analyst: W.analyst[lang],
      classification: W.classification[lang],
      requirement: VOCABULARY.threshold[lang],
      actual: VOCABULARY.actual[lang],
      headroom: VOCABULARY.headroom[lang],
      status: VOCABULARY.status[lang],
    },
  };
}
