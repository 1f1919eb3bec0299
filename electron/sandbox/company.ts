/**
 * One borrower company: its profile, its financial model and the snapshots Symetrisk would hold of it.
 * Everything is a pure function of (seed, org number, sandbox start day), so a borrower generated late
 * (lazily) is identical to one generated at start.
 *
 * Figures: the parts (revenues, expenses, depreciation, ...) are sums of amounts rounded to cents, added as
 * floats, and the totals (ebitda, ebit, net_profit) are computed from the parts by the identities in
 * ../shared/symetrisk-api-notes.md, in floating point, as Symetrisk evidently does: that reproduces the
 * public example's float noise (5221921.500000001) while reconciling to the cent.
 */
import { ACCOUNTING_SYSTEMS } from '../../shared/symetrisk/defaults';
import type { BalanceItems, PAndLItems } from '../../shared/symetrisk/schemas';
import { contactPerson, type Person } from './names';
import { Rng, unit } from './prng';
import { DAY_US, daysInYear, dayOfDate, firstDayOfYear, formatDay, lastDayOfYear, yearOfDay } from './time';

export type AccountingSystem = (typeof ACCOUNTING_SYSTEMS)[number];

export const FORMAT_VERSION = '2025-09-19';

const SYSTEM_LABEL: Record<AccountingSystem, string> = {
  fiken: 'Fiken',
  tripletex: 'Tripletex',
  poweroffice: 'PowerOffice Go',
  visma: 'Visma eAccounting',
  '24sevenoffice': '24SevenOffice',
};

export function systemLabel(system: string): string {
  return SYSTEM_LABEL[system as AccountingSystem] ?? system;
}

/** What the generator decides once per company. */
export interface CompanyProfile {
  orgNr: string;
  name: string;
  contact: Person;
  accountingSystem: AccountingSystem;
  troubled: boolean;
  /** Day the borrower connected its accounting system to Symetrisk (first fetch). */
  connectedDay: number;
  /** Closed years fetched at connection (2..5). */
  fullYears: number;
  /** Days between two automatic refreshes. */
  intervalDays: number;
  /** Whether the company restates a closed year in its history. */
  restates: boolean;
  /**
   * Whether Symetrisk delivers, with each year-to-date snapshot, the same period of the year before (as real
   * feeds do for comparison): the snapshots that let the analysis build exact last-twelve-months figures.
   */
  comparatives: boolean;
  /** A borrower the seed places on purpose (see World): a loss-maker with net debt, or one with net cash. */
  archetype: CompanyArchetype | null;
  model: ModelParams;
}

/** Borrowers every generated world holds, for the cases a credit analyst must see (issue 15). */
export type CompanyArchetype = 'loss_net_debt' | 'loss_net_cash';

/** Share of borrowers whose feed carries prior-year comparatives (the rest get an LTM estimate). */
const COMPARATIVES_SHARE = 0.85;

interface ModelParams {
  refYear: number;
  baseRevenue: number;
  growth: number;
  margin: number;
  depShare: number;
  amortShare: number;
  debtRatio: number;
  rate: number;
  cashShare: number;
  equityRatio: number;
  payout: number;
  fixedCostShare: number;
  interestIncomeRate: number;
  otherFinIncomeShare: number;
  otherFinExpenseShare: number;
  otherLiabShare: number;
  troubleYear: number;
  monthWeights: number[];
}

/** One stored accounting snapshot (its figures are computed from the model on demand). */
export interface SnapshotSpec {
  year: number;
  endDay: number;
  fetchedUs: number;
  /** 0 for the original figures, n > 0 for the n-th restatement of a closed year. */
  version: number;
  /**
   * A revision ordered through the control API: the original figures with revenue and expenses changed by these
   * shares (−0.1: 10 % lower); the totals, equity and total assets follow, cash does not.
   */
  revision?: { revenueChange: number; expenseChange: number } | undefined;
}

export interface NotificationSpec {
  text: string;
  type: string;
  createdUs: number;
}

export interface Figures {
  p_and_l_items: PAndLItems;
  balance_items: BalanceItems;
}

const TROUBLED_SHARE = 0.17;

/**
 * The profile of a company. `startDay` is the sandbox's first day; `connectedDay` (when given) overrides the
 * generated connection day (borrowers who onboard while the sandbox runs).
 */
export function makeProfile(
  seed: number,
  orgNr: string,
  name: string,
  startDay: number,
  opts: { connectedDay?: number; troubled?: boolean; archetype?: CompanyArchetype } = {},
): CompanyProfile {
  const rng = Rng.of(seed, 'company', orgNr);
  const drawnTroubled = rng.chance(TROUBLED_SHARE);
  const troubled = opts.archetype ? true : (opts.troubled ?? drawnTroubled);
  const baseYear = yearOfDay(startDay);
  const accountingSystem = rng.pick(ACCOUNTING_SYSTEMS);
  const contact = contactPerson(rng, name);
  const connectedDay = opts.connectedDay ?? startDay - rng.int(60, 480);
  const fullYears = rng.int(2, 5);
  const intervalDays = rng.int(28, 70);
  const restates = rng.chance(0.12);
  // Revenue log-uniform from 2 to 250 MNOK: most borrowers are small, a few are large.
  const baseRevenue = Math.exp(rng.range(Math.log(2e6), Math.log(2.5e8)));
  const amp = rng.range(0, 0.35);
  const phase = rng.range(0, 12);
  const raw = Array.from({ length: 12 }, (_, m) => 1 + amp * Math.sin((2 * Math.PI * (m - phase)) / 12));
  const total = raw.reduce((a, b) => a + b, 0);
  const model: ModelParams = {
    refYear: baseYear - 8,
    baseRevenue,
    growth: troubled ? rng.range(0.0, 0.06) : rng.range(-0.01, 0.12),
    margin: troubled ? rng.range(0.05, 0.1) : rng.range(0.03, 0.18),
    depShare: rng.range(0.004, 0.04),
    amortShare: rng.chance(0.3) ? rng.range(0.001, 0.01) : 0,
    debtRatio: troubled ? rng.range(0.45, 0.9) : rng.chance(0.3) ? 0 : rng.range(0.03, 0.45),
    rate: rng.range(0.045, 0.085),
    cashShare: troubled ? rng.range(0.01, 0.05) : rng.range(0.04, 0.25),
    equityRatio: troubled ? rng.range(0.03, 0.1) : rng.range(0.1, 0.6),
    payout: rng.range(0, 0.6),
    fixedCostShare: rng.range(0.15, 0.45),
    interestIncomeRate: rng.chance(0.5) ? rng.range(0.005, 0.03) : 0,
    otherFinIncomeShare: rng.chance(0.4) ? rng.range(-0.004, 0.006) : 0,
    otherFinExpenseShare: rng.chance(0.6) ? rng.range(0.0002, 0.004) : 0,
    otherLiabShare: rng.range(0.08, 0.2),
    troubleYear: baseYear - rng.int(1, 2),
    monthWeights: raw.map((w) => w / total),
  };
  // Every draw above is made whatever the archetype, so that the rest of the profile (system, contact, dates)
  // stays what the seed gave this org number; the archetype then sets only the financial shape.
  if (opts.archetype === 'loss_net_debt') {
    // Losses from two years back, borrowing to cover them: EBITDA below zero, debt far above cash.
    Object.assign(model, { margin: 0.02, debtRatio: 0.8, cashShare: 0.02, equityRatio: 0.12, troubleYear: baseYear - 2 });
  } else if (opts.archetype === 'loss_net_cash') {
    // A cash-rich company burning cash: EBITDA below zero since last year, no debt, equity still positive.
    Object.assign(model, { margin: 0, debtRatio: 0, cashShare: 0.3, equityRatio: 0.6, troubleYear: baseYear - 1 });
  }
  // Drawn from its own hash, not from rng: adding the comparatives left every other generated figure as it was.
  const comparatives = opts.archetype !== undefined || unit(seed, 'comparatives', orgNr) < COMPARATIVES_SHARE;
  return {
    orgNr,
    name,
    contact,
    accountingSystem,
    troubled,
    connectedDay,
    fullYears,
    intervalDays,
    restates,
    comparatives,
    archetype: opts.archetype ?? null,
    model,
  };
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

interface YearPlan {
  revenue: number;
  margin: number;
  dep: number;
  amort: number;
  debtStart: number;
  debtEnd: number;
  cash: number;
  equityStart: number;
}

/**
 * The financial model of one company, memoised per year. Year plans are built forward from a reference year
 * eight years before the sandbox start, so that equity carries each year's profit and dividends.
 */
export class CompanyModel {
  private readonly plans = new Map<number, YearPlan>();
  private readonly finals = new Map<number, Figures>();

  constructor(
    readonly seed: number,
    readonly profile: CompanyProfile,
  ) {}

  private plan(year: number): YearPlan {
    const cached = this.plans.get(year);
    if (cached) return cached;
    const p = this.profile.model;
    const rng = Rng.of(this.seed, 'year', this.profile.orgNr, year);
    const inTrouble = this.profile.troubled && year >= p.troubleYear;
    let plan: YearPlan;
    if (year <= p.refYear) {
      const revenue = p.baseRevenue;
      const debt = revenue * p.debtRatio * (this.profile.troubled ? 0.45 : 1);
      plan = {
        revenue,
        margin: p.margin,
        dep: revenue * p.depShare,
        amort: revenue * p.amortShare,
        debtStart: debt,
        debtEnd: debt,
        cash: revenue * p.cashShare,
        equityStart: revenue * p.equityRatio,
      };
    } else {
      const prev = this.plan(year - 1);
      const growth = inTrouble ? -0.08 - 0.14 * rng.next() : p.growth + 0.05 * rng.normal();
      const revenue = prev.revenue * (1 + growth);
      const margin = inTrouble
        ? p.margin - 0.065 * (year - p.troubleYear + 1) - 0.02 * rng.next()
        : p.margin + 0.02 * rng.normal();
      // A troubled borrower borrows to cover its losses: leverage climbs once the trouble starts.
      const debtEnd = inTrouble
        ? revenue * p.debtRatio * (1.15 + 0.2 * (year - p.troubleYear))
        : revenue * p.debtRatio * (this.profile.troubled ? 0.45 : 0.85 + 0.2 * rng.next());
      const prevFinal = this.finalFigures(year - 1);
      const prevProfit = prevFinal.p_and_l_items.net_profit;
      const dividend = this.profile.troubled || prevProfit <= 0 ? 0 : prevProfit * p.payout;
      plan = {
        revenue,
        margin,
        dep: revenue * p.depShare * (0.9 + 0.2 * rng.next()),
        amort: revenue * p.amortShare,
        debtStart: prev.debtEnd,
        debtEnd,
        cash: revenue * p.cashShare * (inTrouble ? 0.35 : 0.8 + 0.4 * rng.next()),
        equityStart: prev.equityStart + prevProfit - dividend,
      };
    }
    this.plans.set(year, plan);
    return plan;
  }

  private finalFigures(year: number): Figures {
    const cached = this.finals.get(year);
    if (cached) return cached;
    const f = this.figures(year, lastDayOfYear(year), 0);
    this.finals.set(year, f);
    return f;
  }

  /** The figures of `year` from 1 January to endDay (inclusive); version > 0 for a restatement. */
  figures(year: number, endDay: number, version: number): Figures {
    const p = this.profile.model;
    const plan = this.plan(year);
    const n = endDay - firstDayOfYear(year) + 1;
    const yearDays = daysInYear(year);
    const share = n / yearDays;
    const full = n === yearDays;
    const adj = version === 0 ? { rev: 1, exp: 1 } : this.restatement(year, version);

    // Revenues: month by month, each month's amount rounded to cents, added as floats.
    const endDate = new Date(endDay * 86_400_000);
    const endMonth = endDate.getUTCMonth();
    let revenues = 0;
    let exactRevenue = 0;
    for (let m = 0; m <= endMonth; m++) {
      let amount = plan.revenue * p.monthWeights[m]! * adj.rev;
      if (m === endMonth) {
        const monthDays = dayOfDate(year, m + 2, 1) - dayOfDate(year, m + 1, 1);
        amount *= endDate.getUTCDate() / monthDays;
      }
      exactRevenue += amount;
      revenues += cents(amount);
    }
    const costBase = (1 - plan.margin) * adj.exp;
    const costs = costBase * ((1 - p.fixedCostShare) * exactRevenue + p.fixedCostShare * plan.revenue * share);
    const expenses = cents(costs * 0.55) + cents(costs * 0.33) + cents(costs * 0.12);
    const depreciation = cents(plan.dep * share);
    const amortization = cents(plan.amort * share);
    const avgDebt = plan.debtStart + (plan.debtEnd - plan.debtStart) * share * 0.5;
    const interest_expenses = cents(avgDebt * p.rate * share);
    const interest_income = cents(plan.cash * p.interestIncomeRate * share);
    const other_financial_income = cents(plan.revenue * p.otherFinIncomeShare * share);
    const other_financial_expenses = cents(plan.revenue * p.otherFinExpenseShare * share);

    const ebitda = revenues - expenses;
    const depreciation_and_amortization = depreciation + amortization;
    const ebit = ebitda - depreciation_and_amortization;
    const preTax = ebit + interest_income - interest_expenses + other_financial_income - other_financial_expenses;
    // Tax is booked with the annual accounts (the public example's YTD item has taxes 0), in whole kroner.
    const taxes = full ? Math.max(0, Math.round(preTax * 0.22)) : 0;
    const net_profit =
      ebit + interest_income - interest_expenses + other_financial_income - other_financial_expenses - taxes;

    const dividend = full && !this.profile.troubled && net_profit > 0 ? net_profit * p.payout : 0;
    const equity = cents(plan.equityStart + net_profit - dividend);
    const interest_bearing_debt = cents(plan.debtStart + (plan.debtEnd - plan.debtStart) * share);
    const cash = cents(plan.cash * (0.85 + 0.3 * unit(this.seed, 'cash', this.profile.orgNr, endDay)));
    const net_interest_bearing_debt = interest_bearing_debt - cash;
    const otherLiabilities = plan.revenue * p.otherLiabShare;
    const total_assets = cents(Math.max(equity + interest_bearing_debt + otherLiabilities, cash + 0.05 * plan.revenue));

    return {
      p_and_l_items: {
        revenues,
        expenses,
        ebitda,
        ebit,
        interest_income,
        interest_expenses,
        taxes,
        depreciation,
        amortization,
        depreciation_and_amortization,
        other_financial_income,
        other_financial_expenses,
        net_profit,
      },
      balance_items: { equity, interest_bearing_debt, net_interest_bearing_debt, total_assets },
    };
  }

  private restatement(year: number, version: number): { rev: number; exp: number } {
    const rng = Rng.of(this.seed, 'restate', this.profile.orgNr, year, version);
    const sign = rng.chance(0.5) ? 1 : -1;
    return { rev: 1 + sign * rng.range(0.005, 0.04), exp: 1 + rng.range(-0.01, 0.035) };
  }

  /** The figures of a snapshot: the model's, with a revision ordered through the control API applied. */
  snapshotFigures(spec: SnapshotSpec): Figures {
    const f = this.figures(spec.year, spec.endDay, spec.version);
    return spec.revision ? revise(f, spec.revision) : f;
  }

  /** The accounting item's `data` object for a snapshot. */
  data(spec: SnapshotSpec): Record<string, unknown> {
    const f = this.snapshotFigures(spec);
    const start = firstDayOfYear(spec.year);
    return {
      symetrisk_real_time_accounts_format_version: FORMAT_VERSION,
      year: spec.year,
      start_date: formatDay(start),
      end_date: formatDay(spec.endDay),
      days_included: spec.endDay - start + 1,
      ...f,
    };
  }
}

/**
 * Figures corrected by the books: revenue and expenses changed by the given shares (rounded to cents), the totals
 * recomputed by the identities, taxes as they were; the change in profit moves equity and total assets (a revenue
 * booked wrongly was a receivable, not cash), so net interest-bearing debt stays.
 */
export function revise(f: Figures, change: { revenueChange: number; expenseChange: number }): Figures {
  const p = f.p_and_l_items;
  const revenues = cents(p.revenues * (1 + change.revenueChange));
  const expenses = cents(p.expenses * (1 + change.expenseChange));
  const ebitda = revenues - expenses;
  const ebit = ebitda - p.depreciation_and_amortization;
  const net_profit =
    ebit + p.interest_income - p.interest_expenses + p.other_financial_income - p.other_financial_expenses - p.taxes;
  const delta = net_profit - p.net_profit;
  const b = f.balance_items;
  return {
    p_and_l_items: { ...p, revenues, expenses, ebitda, ebit, net_profit },
    balance_items: { ...b, equity: cents(b.equity + delta), total_assets: cents(b.total_assets + delta) },
  };
}

/**
 * The end day of the prior-year comparative for a year to date ending on `endDay`: the same calendar day a year
 * earlier (29 February → 28 February), a few days off now and then as feeds are (0 in 60 % of cases, else
 * −3..+3 days), kept inside the prior year and short of its last day. Null when `endDay` closes its year.
 */
export function comparativeEndDay(seed: number, orgNr: string, endDay: number): number | null {
  const year = yearOfDay(endDay);
  if (endDay >= lastDayOfYear(year)) return null;
  const d = new Date(endDay * 86_400_000);
  const month = d.getUTCMonth() + 1;
  const date = month === 2 && d.getUTCDate() === 29 ? 28 : d.getUTCDate();
  const u = unit(seed, 'comparative', orgNr, endDay);
  const offset = u < 0.6 ? 0 : Math.floor(((u - 0.6) / 0.4) * 7) - 3;
  const day = dayOfDate(year - 1, month, date) + offset;
  return Math.min(Math.max(day, firstDayOfYear(year - 1)), lastDayOfYear(year - 1) - 1);
}

/** A time of day during office hours, in microseconds, drawn from rng. */
function officeTime(rng: Rng): number {
  return rng.int(7 * 3600, 19 * 3600) * 1_000_000 + rng.int(0, 999_999);
}

/** The notification text Symetrisk's public example shows for a fetch. */
export function fetchedText(profile: CompanyProfile): string {
  return `Fetched data from ${systemLabel(profile.accountingSystem)} for borrower ${profile.name.toUpperCase()}`;
}

/**
 * The snapshots and notifications a company has accumulated from its connection day up to horizonUs: the
 * closed years and the current year's year-to-date at connection, then a refresh every intervalDays (a new
 * year-to-date snapshot; the closed year's final snapshot when the year rolled over), and now and then a
 * restatement of a closed year.
 */
export function history(
  seed: number,
  profile: CompanyProfile,
  horizonUs: number,
): { snapshots: SnapshotSpec[]; notifications: NotificationSpec[] } {
  const rng = Rng.of(seed, 'history', profile.orgNr);
  const snapshots: SnapshotSpec[] = [];
  const notifications: NotificationSpec[] = [];
  const system = systemLabel(profile.accountingSystem);
  const upper = profile.name.toUpperCase();
  const haveFinal = new Set<number>();
  let lastYear = 0;

  const fetchAt = (endDay: number, atUs: number): SnapshotSpec => {
    const year = yearOfDay(endDay);
    let t = atUs;
    for (let y = lastYear === 0 ? year - profile.fullYears : lastYear; y < year; y++) {
      if (haveFinal.has(y)) continue;
      haveFinal.add(y);
      snapshots.push({ year: y, endDay: lastDayOfYear(y), fetchedUs: (t += rng.int(200_000, 3_000_000)), version: 0 });
    }
    if (endDay === lastDayOfYear(year)) haveFinal.add(year);
    const main: SnapshotSpec = { year, endDay, fetchedUs: (t += rng.int(200_000, 3_000_000)), version: 0 };
    snapshots.push(main);
    lastYear = Math.max(lastYear, year);
    const cmp = profile.comparatives ? comparativeEndDay(seed, profile.orgNr, endDay) : null;
    // The same period last year, fetched with it just before it (a fixed step, no draw from rng, so the history's
    // other dates are what they were before comparatives existed; the newest item stays the year to date).
    if (cmp !== null && !snapshots.some((s) => s.year === year - 1 && s.endDay === cmp && s.version === 0)) {
      snapshots.push({ year: year - 1, endDay: cmp, fetchedUs: main.fetchedUs - 100_000, version: 0 });
    }
    return main;
  };

  const connUs = profile.connectedDay * DAY_US + officeTime(rng);
  if (connUs > horizonUs) return { snapshots, notifications };
  const connEnd = profile.connectedDay - rng.int(0, 2);
  fetchAt(connEnd, connUs);
  notifications.push({ text: fetchedText(profile), type: 'information', createdUs: connUs + 5_000_000 });

  const restateAt = profile.restates ? rng.int(1, 6) : -1;
  const errorAt = rng.chance(0.12) ? rng.int(1, 6) : -1;
  for (let k = 1; ; k++) {
    const day = profile.connectedDay + k * profile.intervalDays + rng.int(-3, 3);
    const atUs = day * DAY_US + officeTime(rng);
    if (atUs > horizonUs) break;
    const endDay = day - rng.int(0, 2);
    const last = fetchAt(endDay, atUs);
    notifications.push({
      text: `New accounting data from ${system} for borrower ${upper}: ${last.year} up to ${formatDay(last.endDay)}`,
      type: 'data_refresh',
      createdUs: last.fetchedUs + 1_000_000,
    });
    if (k === restateAt && haveFinal.size > 0) {
      const years = [...haveFinal].sort((a, b) => a - b);
      const year = years[rng.int(0, years.length - 1)]!;
      const version = 1 + snapshots.filter((s) => s.year === year && s.version > 0).length;
      const fetchedUs = last.fetchedUs + rng.int(1_000_000, 5_000_000);
      snapshots.push({ year, endDay: lastDayOfYear(year), fetchedUs, version });
      notifications.push({
        text: `Restated figures for ${year} received from ${system} for borrower ${upper}`,
        type: 'warning',
        createdUs: fetchedUs + 1_000_000,
      });
    }
    if (k === errorAt) {
      notifications.push({
        text: `The connection to ${system} for borrower ${upper} needed renewal; the borrower has reconnected`,
        type: 'error',
        createdUs: atUs - 3_600_000_000,
      });
    }
  }
  snapshots.sort((a, b) => a.fetchedUs - b.fetchedUs);
  notifications.sort((a, b) => a.createdUs - b.createdUs);
  return { snapshots, notifications };
}
