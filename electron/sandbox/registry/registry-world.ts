/**
 * The registry sandbox's state: Enhetsregisteret's units and Regnskapsregisteret's filings for the Symetrisk
 * sandbox's companies, derived deterministically from its world (read only through World's public members), the
 * change feed, and the control overrides. No HTTP here; server.ts maps requests onto these methods.
 *
 * Facts are pure functions of (seed, org number, the sandbox's start day, the clock, overrides): a filing becomes
 * public at its publication time, employee counts move twice a year, and the seeded cases change status on fixed
 * days before the start. The feed publishes the same events, in time order, when the clock passes them.
 */
import { mod11CheckDigit } from '../../../shared/orgnr';
import type { ChangeType } from '../../../shared/registry/defaults';
import { Rng, hash32, unit } from '../prng';
import { DAY_MS, lastDayOfYear, yearOfDay } from '../time';
import type { CompanyRec, World } from '../world';
import {
  FALLBACK_NACE,
  HOLDING_NACE,
  INSURANCE_NACE,
  MUNICIPALITIES,
  ORG_FORMS,
  SECOND_NACE,
  STREETS,
  TRADE_NACE,
} from './catalog';

/**
 * The seeded cases, each given to a different borrower of the demo bank with approved access (newest
 * relationship first), so that the Demo shows them all.
 */
export const REGISTRY_ROLES = [
  'bankrupt',
  'winding_up',
  'forced_dissolution',
  'deleted',
  'removed',
  'insurer',
  'differs',
  'overdue',
  'unaudited',
  'late',
  'foreign_currency',
  'no_revenue_line',
] as const;
export type RegistryRole = (typeof REGISTRY_ROLES)[number];

/** Roles whose point is the reconciliation: they need Symetrisk's full year of the last closed year. */
const NEEDS_FULL_YEAR: ReadonlySet<RegistryRole> = new Set(['differs', 'unaudited', 'late', 'foreign_currency', 'no_revenue_line']);

/** Statuses the control API can give a unit. */
export const SETTABLE_STATUSES = ['active', 'bankrupt', 'winding_up', 'forced_dissolution', 'deleted', 'removed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Regnskapsregisteret starts at accounting year 2018. */
const FIRST_FILED_YEAR = 2018;
const FEED_ID_BASE = 21_000_000;

interface Nace {
  kode: string;
  beskrivelse: string;
}

/** What is decided once per unit. */
interface UnitProfile {
  orgNr: string;
  name: string;
  orgForm: keyof typeof ORG_FORMS;
  nace1: Nace;
  nace2: Nace | null;
  foundedDay: number;
  registeredDay: number;
  municipality: (typeof MUNICIPALITIES)[number];
  street: string;
  streetNo: number;
  employeesBase: number;
  inGroup: boolean;
  shareCapital: number;
  role: RegistryRole | null;
  /** The Symetrisk company behind the unit; null for a unit that is not a borrower (name-search neighbours). */
  company: CompanyRec | null;
}

/** The statuses in force, as days (UTC day numbers) from which they hold. */
interface StatusDays {
  bankrupt?: number;
  windingUp?: number;
  forced?: number;
  deleted?: number;
  removed?: number;
}

export interface FeedEvent {
  id: number;
  ms: number;
  orgNr: string;
  type: ChangeType;
  changes: { op: string; path: string; value?: unknown }[];
}

type PendingEvent = Omit<FeedEvent, 'id'>;

export type UnitState =
  | { kind: 'unknown' }
  | { kind: 'active'; json: Record<string, unknown> }
  | { kind: 'deleted'; json: Record<string, unknown> }
  | { kind: 'removed'; json: Record<string, unknown> };

export type FilingState =
  | { kind: 'none' }
  | { kind: 'unsupported'; layout: string }
  | { kind: 'filed'; json: Record<string, unknown>[] };

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function round(x: number): number {
  return Math.round(x);
}

export class RegistryWorld {
  private readonly profiles = new Map<string, UnitProfile>();
  private readonly neighbours = new Map<string, UnitProfile>();
  private neighboursBuilt = false;
  readonly roles = new Map<RegistryRole, string>();
  private readonly roleOf = new Map<string, RegistryRole>();
  private readonly overrides = new Map<string, { status: SettableStatus; day: number }>();
  private readonly filedOverrides = new Map<string, number>();
  private readonly filings = new Map<string, Record<string, unknown>>();
  readonly feed: FeedEvent[] = [];
  private pending: PendingEvent[] = [];
  private generatedThroughYear: number;
  private nextId = FEED_ID_BASE + 1;
  readonly startYear: number;
  readonly lastClosedYear: number;

  constructor(private readonly world: World) {
    this.startYear = yearOfDay(world.startDay);
    this.lastClosedYear = this.startYear - 1;
    this.generatedThroughYear = this.startYear - 2;
    this.assignRoles();
  }

  // ---- roles and profiles -----------------------------------------------------------------------------------

  private assignRoles(): void {
    // The bank's own customers first: a borrower the bank follows from the start shows its case after the first sync
    // (the relationships its list leaves out are for the attach flow, and show theirs once attached).
    const client = this.world.client();
    const listed = new Set(client.customers);
    const approved = client.relationships
      .filter((r) => r.state === 'access_approved')
      .sort((a, b) => Number(listed.has(b.orgNr)) - Number(listed.has(a.orgNr)))
      .map((r) => this.world.companyByOrgNr.get(r.orgNr))
      .filter((c): c is CompanyRec => c !== undefined);
    const taken = new Set<string>();
    const hasLastFullYear = (c: CompanyRec): boolean =>
      this.world.materialize(c).items.some((i) => i.spec.year === this.lastClosedYear && i.spec.endDay === lastDayOfYear(this.lastClosedYear));
    // Roles that need a reconciliation first, from the borrowers that have one; the rest from what remains.
    const order = [...REGISTRY_ROLES].sort((a, b) => Number(NEEDS_FULL_YEAR.has(b)) - Number(NEEDS_FULL_YEAR.has(a)));
    for (const role of order) {
      const pick = approved.find((c) => !taken.has(c.orgNr) && (!NEEDS_FULL_YEAR.has(role) || hasLastFullYear(c)));
      if (!pick) continue;
      taken.add(pick.orgNr);
      this.roles.set(role, pick.orgNr);
      this.roleOf.set(pick.orgNr, role);
    }
  }

  private profileOf(company: CompanyRec): UnitProfile {
    const cached = this.profiles.get(company.orgNr);
    if (cached) return cached;
    const seed = this.world.seed;
    const rng = Rng.of(seed, 'registry', company.orgNr);
    const tokens = company.name.split(' ');
    const role = this.roleOf.get(company.orgNr) ?? null;
    const orgForm = tokens[tokens.length - 1] === 'ASA' ? 'ASA' : 'AS';
    const holding = /\b(Holding|Gruppen)\b/.test(company.name);
    let nace1: Nace = TRADE_NACE[tokens[1] ?? ''] ?? FALLBACK_NACE;
    if (role === 'insurer') nace1 = INSURANCE_NACE;
    if (role === 'no_revenue_line') nace1 = HOLDING_NACE;
    const division = nace1.kode.slice(0, 2);
    const nace2 = SECOND_NACE[division] && rng.chance(0.25) ? SECOND_NACE[division]! : null;
    // Founded before the company's first year in Symetrisk: 4 to 40 years before the start.
    const foundedDay = this.world.startDay - rng.int(4 * 365, 40 * 365);
    // Enhetsregisteret opened in 1995; older companies were registered then.
    const erOpened = Math.floor(Date.UTC(1995, 2, 12) / DAY_MS);
    const registeredDay = Math.max(foundedDay + rng.int(3, 40), erOpened + rng.int(0, 400));
    const revenue = company.profile.model.baseRevenue;
    const profile: UnitProfile = {
      orgNr: company.orgNr,
      name: company.name.toUpperCase(),
      orgForm,
      nace1,
      nace2,
      foundedDay,
      registeredDay,
      municipality: rng.pick(MUNICIPALITIES),
      street: rng.pick(STREETS),
      streetNo: rng.int(1, 120),
      employeesBase: Math.max(1, Math.round(revenue / rng.range(1.2e6, 3e6))),
      inGroup: holding || rng.chance(0.15),
      shareCapital: rng.pick([30_000, 30_000, 100_000, 200_000, 500_000, 1_000_000]),
      role,
      company,
    };
    this.profiles.set(company.orgNr, profile);
    return profile;
  }

  /**
   * Units that are not borrowers but share the start of a borrower's name ("NORDLYS BYGG EIENDOM AS" beside
   * "NORDLYS BYGG AS"), so that a name search finds more than the borrower and the ranking has work to do.
   */
  private buildNeighbours(): void {
    if (this.neighboursBuilt) return;
    this.neighboursBuilt = true;
    const seed = this.world.seed;
    for (const company of this.world.companies) {
      if (company.index < 0) continue;
      const draw = unit(seed, 'registry-neighbour', company.orgNr);
      if (draw >= 0.3) continue;
      const rng = Rng.of(seed, 'registry-neighbour', company.orgNr);
      const core = company.name.replace(/ (AS|ASA)$/, '').toUpperCase();
      const suffix = rng.pick(['EIENDOM', 'HOLDING', 'SERVICE', 'INVEST']);
      let orgNr = '';
      for (;;) {
        const first8 = `${rng.chance(0.5) ? 8 : 9}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
        const check = mod11CheckDigit(first8);
        if (check === null) continue;
        orgNr = `${first8}${check}`;
        if (!this.world.companyByOrgNr.has(orgNr) && !this.neighbours.has(orgNr)) break;
      }
      const base = this.profileOf(company);
      this.neighbours.set(orgNr, {
        ...base,
        orgNr,
        name: `${core} ${suffix} AS`,
        nace1: suffix === 'EIENDOM' ? TRADE_NACE.Eiendom! : HOLDING_NACE,
        nace2: null,
        employeesBase: rng.int(0, 3),
        inGroup: true,
        role: null,
        company: null,
      });
    }
  }

  private profileByOrgNr(orgNr: string): UnitProfile | null {
    const company = this.world.companyByOrgNr.get(orgNr);
    if (company) return this.profileOf(company);
    this.buildNeighbours();
    return this.neighbours.get(orgNr) ?? null;
  }

  // ---- status -----------------------------------------------------------------------------------------------

  /** The role's statuses: fixed days before the sandbox's start. */
  private seededStatus(p: UnitProfile): StatusDays {
    const s = this.world.startDay;
    switch (p.role) {
      case 'bankrupt':
        return { bankrupt: s - 20 };
      case 'winding_up':
        return { windingUp: s - 45 };
      case 'forced_dissolution':
        return { forced: s - 60 };
      case 'deleted':
        return { windingUp: s - 200, deleted: s - 30 };
      case 'removed':
        return { removed: s - 12 };
      default:
        return {};
    }
  }

  /** The statuses in force on `day`: the seeded ones, unless the control API set another since. */
  private statusOn(p: UnitProfile, day: number): StatusDays {
    const o = this.overrides.get(p.orgNr);
    const seeded = this.seededStatus(p);
    const inForce: StatusDays = {};
    for (const [k, d] of Object.entries(seeded) as [keyof StatusDays, number][]) if (d <= day) inForce[k] = d;
    if (!o || o.day > day) return inForce;
    switch (o.status) {
      case 'active':
        return {};
      case 'bankrupt':
        return { ...inForce, bankrupt: o.day };
      case 'winding_up':
        return { ...inForce, windingUp: o.day };
      case 'forced_dissolution':
        return { ...inForce, forced: o.day };
      case 'deleted':
        return { ...inForce, deleted: o.day };
      case 'removed':
        return { ...inForce, removed: o.day };
    }
  }

  // ---- filings ----------------------------------------------------------------------------------------------

  /** When the accounts of `year` became (or become) public, epoch ms; null when the unit never files them. */
  private filingMs(p: UnitProfile, year: number): number | null {
    const override = this.filedOverrides.get(`${p.orgNr}:${year}`);
    if (override !== undefined) return override;
    if (!p.company || year < FIRST_FILED_YEAR || year < yearOfDay(p.foundedDay) || p.role === 'forced_dissolution') return null;
    if (p.role === 'overdue' && year >= this.lastClosedYear) return null;
    const seed = this.world.seed;
    const draw = unit(seed, 'registry-filing', p.orgNr, year);
    // Most file between 1 March and late July; the late filer in September, after the 31 July deadline.
    const dayOfYear = p.role === 'late' ? 252 + Math.floor(draw * 20) : 59 + Math.floor(draw * 148);
    const time = (8 + Math.floor(unit(seed, 'registry-filing-time', p.orgNr, year) * 9)) * 3_600_000;
    return Date.UTC(year + 1, 0, 1) + dayOfYear * DAY_MS + time;
  }

  private lastFiledYear(p: UnitProfile, nowMs: number): number | null {
    for (let y = yearOfDay(Math.floor(nowMs / DAY_MS)) - 1; y >= FIRST_FILED_YEAR; y--) {
      const at = this.filingMs(p, y);
      if (at !== null && at <= nowMs) return y;
    }
    return null;
  }

  /** Employees registered in the half-year of `ms` (Aa-registeret counts, updated twice a year here). */
  private employeesAt(p: UnitProfile, ms: number): number {
    const d = new Date(ms);
    const half = d.getUTCFullYear() * 2 + (d.getUTCMonth() >= 6 ? 1 : 0);
    return Math.max(0, Math.round(p.employeesBase * (0.9 + 0.2 * unit(this.world.seed, 'registry-employees', p.orgNr, half))));
  }

  // ---- answers ----------------------------------------------------------------------------------------------

  /** What GET /enheter/{orgnr} finds now. */
  unitState(orgNr: string, origin: string): UnitState {
    const p = this.profileByOrgNr(orgNr);
    if (!p) return { kind: 'unknown' };
    const nowMs = this.world.nowMs();
    const today = Math.floor(nowMs / DAY_MS);
    const status = this.statusOn(p, today);
    const self = `${origin}/enhetsregisteret/api/enheter/${orgNr}`;
    const form = { kode: p.orgForm, beskrivelse: ORG_FORMS[p.orgForm], _links: { self: { href: `${origin}/enhetsregisteret/api/organisasjonsformer/${p.orgForm}` } } };
    if (status.removed !== undefined) {
      return { kind: 'removed', json: { organisasjonsnummer: orgNr, slettedato: formatDay(status.removed), _links: { self: { href: self } } } };
    }
    if (status.deleted !== undefined) {
      return {
        kind: 'deleted',
        json: {
          respons_klasse: 'SlettetEnhet',
          organisasjonsnummer: orgNr,
          navn: p.name,
          organisasjonsform: form,
          slettedato: formatDay(status.deleted),
          _links: { self: { href: self } },
        },
      };
    }
    return { kind: 'active', json: this.enhetJson(p, status, nowMs, self, form) };
  }

  private enhetJson(p: UnitProfile, status: StatusDays, nowMs: number, self: string, form: Record<string, unknown>): Record<string, unknown> {
    const m = p.municipality;
    const employees = this.employeesAt(p, nowMs);
    const lastFiled = this.lastFiledYear(p, nowMs);
    const address = {
      adresse: [`${p.street} ${p.streetNo}`],
      postnummer: m.postnummer,
      poststed: m.poststed,
      kommune: m.kommune,
      kommunenummer: m.kommunenummer,
      land: 'Norge',
      landkode: 'NO',
    };
    // Fields without a value are left out, never null: as the real API does.
    const out: Record<string, unknown> = {
      respons_klasse: 'Enhet',
      organisasjonsnummer: p.orgNr,
      navn: p.name,
      organisasjonsform: form,
      postadresse: address,
      forretningsadresse: address,
      naeringskode1: p.nace1,
    };
    if (p.nace2) out.naeringskode2 = p.nace2;
    out.institusjonellSektorkode = { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' };
    // v2: no count for 0-4 employees.
    if (employees > 4) out.antallAnsatte = employees;
    out.harRegistrertAntallAnsatte = employees > 0;
    if (employees > 0) {
      const d = new Date(nowMs);
      const halfStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() >= 6 ? 6 : 0, 10);
      out.registreringsdatoAntallAnsatteEnhetsregisteret = formatDay(Math.floor(halfStart / DAY_MS) + 4);
      out.registreringsdatoAntallAnsatteNAVAaregisteret = formatDay(Math.floor(halfStart / DAY_MS));
    }
    out.registreringsdatoEnhetsregisteret = formatDay(p.registeredDay);
    out.registrertIMvaregisteret = true;
    out.registreringsdatoMerverdiavgiftsregisteret = formatDay(p.registeredDay + 20);
    out.registrertIForetaksregisteret = true;
    out.registreringsdatoForetaksregisteret = formatDay(p.registeredDay);
    out.registrertIStiftelsesregisteret = false;
    out.registrertIFrivillighetsregisteret = false;
    out.registrertIPartiregisteret = false;
    out.stiftelsesdato = formatDay(p.foundedDay);
    out.vedtektsdato = formatDay(p.foundedDay);
    out.vedtektsfestetFormaal = [`${p.nace1.beskrivelse} og det som naturlig hører sammen med dette,`, 'herunder deltakelse i andre selskaper.'];
    out.aktivitet = [p.nace1.beskrivelse];
    out.hjemmeside = `www.${p.name
      .toLowerCase()
      .replace(/ (as|asa)$/, '')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '')}.no`;
    out.maalform = 'Bokmål';
    if (lastFiled !== null) out.sisteInnsendteAarsregnskap = String(lastFiled);
    out.konkurs = status.bankrupt !== undefined;
    if (status.bankrupt !== undefined) out.konkursdato = formatDay(status.bankrupt);
    out.underAvvikling = status.windingUp !== undefined;
    if (status.windingUp !== undefined) out.underAvviklingDato = formatDay(status.windingUp);
    out.underTvangsavviklingEllerTvangsopplosning = status.forced !== undefined;
    if (status.forced !== undefined) out.tvangsopplostPgaManglendeRegnskapDato = formatDay(status.forced);
    if (p.role === 'unaudited') {
      out.fravalgRevisjonDato = formatDay(p.registeredDay + 400);
      out.fravalgRevisjonBeslutningsDato = formatDay(p.registeredDay + 390);
    }
    out.erIKonsern = p.inGroup;
    out.kapital = {
      belop: p.shareCapital,
      antallAksjer: p.shareCapital / 100,
      type: 'Aksjekapital',
      valuta: 'NOK',
      innfortDato: formatDay(p.foundedDay),
    };
    out.paategninger = [];
    out._links = { self: { href: self } };
    return out;
  }

  /** The active units among `orgNrs` (the batch lookup): deleted and removed units are not in the search index. */
  activeUnits(orgNrs: readonly string[], origin: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const orgNr of new Set(orgNrs)) {
      const s = this.unitState(orgNr, origin);
      if (s.kind === 'active') out.push(s.json);
    }
    return out.sort((a, b) => String(a.organisasjonsnummer).localeCompare(String(b.organisasjonsnummer)));
  }

  /**
   * Name search: every word of the query starts a word of the name, case-insensitively (an approximation of the
   * real search, documented in docs/registry.md). Active units only, by name then org number.
   */
  searchByName(query: string, origin: string): Record<string, unknown>[] {
    this.buildNeighbours();
    const words = (s: string): string[] =>
      s
        .toLocaleLowerCase('nb')
        .replace(/[\p{P}\p{S}]+/gu, ' ')
        .split(/\s+/)
        .filter((w) => w !== '');
    const q = words(query);
    if (q.length === 0) return [];
    const out: Record<string, unknown>[] = [];
    const consider = (p: UnitProfile): void => {
      const w = words(p.name);
      if (!q.every((t) => w.some((x) => x.startsWith(t)))) return;
      const s = this.unitState(p.orgNr, origin);
      if (s.kind === 'active') out.push(s.json);
    };
    for (const c of this.world.companies) consider(this.profileOf(c));
    for (const n of this.neighbours.values()) consider(n);
    return out.sort((a, b) => String(a.navn).localeCompare(String(b.navn), 'nb') || String(a.organisasjonsnummer).localeCompare(String(b.organisasjonsnummer)));
  }

  /** What GET /regnskapsregisteret/regnskap/{orgnr} finds now: the latest filing (public mode). */
  filingState(orgNr: string): FilingState {
    const p = this.profileByOrgNr(orgNr);
    if (!p || !p.company) return { kind: 'none' };
    const nowMs = this.world.nowMs();
    if (this.statusOn(p, Math.floor(nowMs / DAY_MS)).removed !== undefined) return { kind: 'none' };
    const year = this.lastFiledYear(p, nowMs);
    if (year === null) return { kind: 'none' };
    if (p.role === 'insurer') return { kind: 'unsupported', layout: 'SKADE' };
    const key = `${orgNr}:${year}`;
    let json = this.filings.get(key);
    if (!json) {
      json = this.regnskapJson(p, p.company, year);
      // A filing does not change once public (a later restatement in the ledger does not reach it).
      this.filings.set(key, json);
    }
    return { kind: 'filed', json: [json] };
  }

  /** Symetrisk's figures for the full year: its latest full-year snapshot, else the model's year-end figures. */
  private fullYear(company: CompanyRec, year: number): { p: Record<string, number>; b: Record<string, number> } {
    const items = this.world.materialize(company).items.filter((i) => i.spec.year === year && i.spec.endDay === lastDayOfYear(year));
    const latest = items.sort((a, b) => a.id - b.id)[items.length - 1];
    const data = latest
      ? (this.world.itemJson(company, latest).data as Record<string, unknown>)
      : (company.model.figures(year, lastDayOfYear(year), 0) as unknown as Record<string, unknown>);
    return { p: data.p_and_l_items as Record<string, number>, b: data.balance_items as Record<string, number> };
  }

  private regnskapJson(p: UnitProfile, company: CompanyRec, year: number): Record<string, unknown> {
    const seed = this.world.seed;
    const rng = Rng.of(seed, 'registry-regnskap', p.orgNr, year);
    const { p: pl, b: bal } = this.fullYear(company, year);
    let revenues = round(pl.revenues!);
    const costs = round(pl.expenses! + pl.depreciation_and_amortization!);
    let finIncome = round(pl.interest_income! + pl.other_financial_income!);
    let finCost = round(pl.interest_expenses! + pl.other_financial_expenses!);
    const taxes = round(pl.taxes!);
    let equity = round(bal.equity!);
    const assets = round(bal.total_assets!);
    if (p.role === 'differs') {
      // The auditor took 3.5 % of revenue out (a cut-off error booked after the ledger closed): revenue, profit
      // and equity are lower in the filing than in Symetrisk, total assets the same.
      const cut = round(revenues * 0.035);
      revenues -= cut;
      equity -= cut;
    }
    let scale = 1;
    let currency = 'NOK';
    if (p.role === 'foreign_currency') {
      // Reports in USD (functional currency): the same books at 10.6 NOK per USD.
      currency = 'USD';
      scale = 1 / 10.6;
    }
    const s = (x: number): number => round(x * scale);
    const operating = revenues - costs;
    const net = finIncome - finCost;
    const preTax = operating + net;
    const result = preTax - taxes;
    const fixed = round(assets * rng.range(0.3, 0.6));
    const paidIn = Math.min(Math.max(p.shareCapital, round(Math.abs(equity) * 0.1)), Math.max(p.shareCapital, equity));
    const debt = assets - equity;
    const longTerm = Math.max(0, Math.min(debt, round(bal.interest_bearing_debt! * 0.8)));
    finIncome = s(finIncome);
    finCost = s(finCost);
    const small = revenues < 70_000_000 && assets < 35_000_000;
    const unaudited = p.role === 'unaudited';
    const driftsinntekter = p.role === 'no_revenue_line' ? {} : { sumDriftsinntekter: s(revenues) };
    return {
      id: 5_000_000 + (hash32(seed, 'registry-id', p.orgNr, year) % 1_000_000),
      journalnr: `${year + 1}${String(hash32(seed, 'registry-journal', p.orgNr, year) % 1_000_000).padStart(6, '0')}`,
      regnskapstype: 'SELSKAP',
      virksomhet: { organisasjonsnummer: p.orgNr, organisasjonsform: p.orgForm, morselskap: p.inGroup && /HOLDING|GRUPPEN/.test(p.name) },
      regnskapsperiode: { fraDato: `${year}-01-01`, tilDato: `${year}-12-31` },
      valuta: currency,
      avviklingsregnskap: false,
      oppstillingsplan: small ? 'smaa' : 'store',
      revisjon: { ikkeRevidertAarsregnskap: unaudited, fravalgRevisjon: unaudited },
      // The real API's spelling.
      regnkapsprinsipper: {
        smaaForetak: small,
        regnskapsregler: p.orgForm === 'ASA' ? 'forenkletAnvendelseIFRS' : 'regnskapslovenAlminneligRegler',
      },
      egenkapitalGjeld: {
        sumEgenkapitalGjeld: s(assets),
        egenkapital: {
          sumEgenkapital: s(equity),
          opptjentEgenkapital: { sumOpptjentEgenkapital: s(equity - paidIn) },
          // The real API's spelling.
          innskuttEgenkapital: { sumInnskuttEgenkaptial: s(paidIn) },
        },
        gjeldOversikt: {
          sumGjeld: s(debt),
          kortsiktigGjeld: { sumKortsiktigGjeld: s(debt - longTerm) },
          langsiktigGjeld: { sumLangsiktigGjeld: s(longTerm) },
        },
      },
      eiendeler: {
        sumEiendeler: s(assets),
        omloepsmidler: { sumOmloepsmidler: s(assets - fixed) },
        anleggsmidler: { sumAnleggsmidler: s(fixed) },
      },
      resultatregnskapResultat: {
        ordinaertResultatFoerSkattekostnad: s(preTax),
        aarsresultat: s(result),
        finansresultat: {
          nettoFinans: finIncome - finCost,
          finansinntekt: { sumFinansinntekter: finIncome },
          finanskostnad: { sumFinanskostnad: finCost },
        },
        driftsresultat: {
          driftsresultat: s(operating),
          driftsinntekter,
          driftskostnad: { sumDriftskostnad: s(costs) },
        },
      },
    };
  }

  // ---- change feed ------------------------------------------------------------------------------------------

  /** Publishes every scheduled event the clock has passed, in time order, with rising ids. */
  catchUp(): void {
    const nowMs = this.world.nowMs();
    const nowYear = yearOfDay(Math.floor(nowMs / DAY_MS));
    let added = false;
    while (this.generatedThroughYear < nowYear) {
      this.generatedThroughYear++;
      this.scheduleYear(this.generatedThroughYear);
      added = true;
    }
    if (added) this.pending.sort((a, b) => a.ms - b.ms || a.orgNr.localeCompare(b.orgNr));
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.ms <= nowMs) n++;
    for (const e of this.pending.splice(0, n)) this.feed.push({ ...e, id: this.nextId++ });
  }

  /** The events of one calendar year for every company the world knows now. */
  private scheduleYear(year: number): void {
    for (const company of this.world.companies) {
      const p = this.profileOf(company);
      const filed = this.filingMs(p, year - 1);
      if (filed !== null && yearOfDay(Math.floor(filed / DAY_MS)) === year) {
        this.pending.push({ ms: filed, orgNr: p.orgNr, type: 'Endring', changes: [{ op: 'replace', path: '/sisteInnsendteAarsregnskap', value: String(year - 1) }] });
      }
      for (const month of [0, 6]) {
        // Aa-registeret's counts arrive in the first days of January and July, spread over the night's run.
        const at = Date.UTC(year, month, 10) + Math.floor(unit(this.world.seed, 'registry-emp-at', p.orgNr, year, month) * 10 * DAY_MS) + 6 * 3_600_000;
        const gone = this.statusOn(p, Math.floor(at / DAY_MS));
        if (gone.deleted !== undefined || gone.removed !== undefined) continue;
        const count = this.employeesAt(p, at);
        this.pending.push({
          ms: at,
          orgNr: p.orgNr,
          type: 'Endring',
          changes: count > 4 ? [{ op: 'replace', path: '/antallAnsatte', value: count }] : [{ op: 'remove', path: '/antallAnsatte' }],
        });
      }
      const seeded = this.seededStatus(p);
      const inYear = (day: number | undefined): day is number => day !== undefined && yearOfDay(day) === year;
      const at = (day: number): number => day * DAY_MS + 10 * 3_600_000;
      if (inYear(seeded.bankrupt)) this.pending.push({ ms: at(seeded.bankrupt), orgNr: p.orgNr, type: 'Endring', changes: statusChanges('bankrupt', seeded.bankrupt) });
      if (inYear(seeded.windingUp)) this.pending.push({ ms: at(seeded.windingUp), orgNr: p.orgNr, type: 'Endring', changes: statusChanges('winding_up', seeded.windingUp) });
      if (inYear(seeded.forced)) this.pending.push({ ms: at(seeded.forced), orgNr: p.orgNr, type: 'Endring', changes: statusChanges('forced_dissolution', seeded.forced) });
      if (inYear(seeded.deleted)) this.pending.push({ ms: at(seeded.deleted), orgNr: p.orgNr, type: 'Sletting', changes: statusChanges('deleted', seeded.deleted) });
      if (inYear(seeded.removed)) this.pending.push({ ms: at(seeded.removed), orgNr: p.orgNr, type: 'Fjernet', changes: [] });
    }
  }

  /** Publishes one event now (control API), after everything already due. */
  publishNow(orgNr: string, type: ChangeType, changes: FeedEvent['changes']): FeedEvent {
    this.catchUp();
    const e: FeedEvent = { id: this.nextId++, ms: Math.floor(this.world.nowMs()), orgNr, type, changes };
    this.feed.push(e);
    return e;
  }

  // ---- control ----------------------------------------------------------------------------------------------

  /** The sandbox clock, epoch ms. */
  nowMs(): number {
    return Math.floor(this.world.nowMs());
  }

  knows(orgNr: string): boolean {
    return this.profileByOrgNr(orgNr) !== null;
  }

  /** Gives a unit a status from today and publishes the change in the feed. */
  setStatus(orgNr: string, status: SettableStatus): FeedEvent {
    if (!this.knows(orgNr)) throw new Error(`The registry sandbox has no unit ${orgNr}`);
    const today = this.world.today();
    this.overrides.set(orgNr, { status, day: today });
    const type: ChangeType = status === 'deleted' ? 'Sletting' : status === 'removed' ? 'Fjernet' : 'Endring';
    return this.publishNow(orgNr, type, status === 'removed' ? [] : statusChanges(status, today));
  }

  /** Files the accounts of `year` now (sisteInnsendteAarsregnskap moves) and publishes the change. */
  fileAccounts(orgNr: string, year: number): FeedEvent {
    const p = this.profileByOrgNr(orgNr);
    if (!p || !p.company) throw new Error(`The registry sandbox has no borrower ${orgNr}`);
    this.filedOverrides.set(`${orgNr}:${year}`, Math.floor(this.world.nowMs()));
    this.filings.delete(`${orgNr}:${year}`);
    return this.publishNow(orgNr, 'Endring', [{ op: 'replace', path: '/sisteInnsendteAarsregnskap', value: String(year) }]);
  }

  /** The seeded cases: role -> org number. */
  roleTable(): Partial<Record<RegistryRole, string>> {
    return Object.fromEntries(this.roles);
  }
}

function statusChanges(status: SettableStatus, day: number): FeedEvent['changes'] {
  const date = formatDay(day);
  switch (status) {
    case 'active':
      return [
        { op: 'replace', path: '/konkurs', value: false },
        { op: 'replace', path: '/underAvvikling', value: false },
        { op: 'replace', path: '/underTvangsavviklingEllerTvangsopplosning', value: false },
      ];
    case 'bankrupt':
      return [
        { op: 'replace', path: '/konkurs', value: true },
        { op: 'add', path: '/konkursdato', value: date },
      ];
    case 'winding_up':
      return [
        { op: 'replace', path: '/underAvvikling', value: true },
        { op: 'add', path: '/underAvviklingDato', value: date },
      ];
    case 'forced_dissolution':
      return [
        { op: 'replace', path: '/underTvangsavviklingEllerTvangsopplosning', value: true },
        { op: 'add', path: '/tvangsopplostPgaManglendeRegnskapDato', value: date },
      ];
    case 'deleted':
      return [{ op: 'add', path: '/slettedato', value: date }];
    case 'removed':
      return [];
  }
}
