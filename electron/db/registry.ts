import { REGISTRY_LIMITS } from '../../shared/registry/defaults';
import type { BusinessAddress, FiledAccounts, RegistryCheck, RegistryUnit } from '../../shared/registry/dto';
import type { Db } from './connection';

interface UnitRow {
  org_nr: string;
  status: RegistryUnit['status'];
  name: string | null;
  org_form_code: string | null;
  org_form_name: string | null;
  nace1_code: string | null;
  nace1_name: string | null;
  nace2_code: string | null;
  nace2_name: string | null;
  nace3_code: string | null;
  nace3_name: string | null;
  nace_division: string | null;
  employees: number | null;
  has_registered_employees: number | null;
  business_address: string | null;
  municipality: string | null;
  municipality_number: string | null;
  founded: string | null;
  registered_at: string | null;
  vat_registered: number | null;
  last_filed_year: number | null;
  in_group: number | null;
  bankrupt: number | null;
  bankruptcy_date: string | null;
  winding_up: number | null;
  winding_up_date: string | null;
  forced_dissolution: number | null;
  forced_dissolution_grounds: string;
  reconstruction_date: string | null;
  foreign_insolvency_date: string | null;
  audit_opt_out_date: string | null;
  deleted_date: string | null;
  fetched_at: string;
}

const UNIT_COLUMNS = [
  'org_nr', 'status', 'name', 'org_form_code', 'org_form_name', 'nace1_code', 'nace1_name', 'nace2_code', 'nace2_name', 'nace3_code',
  'nace3_name', 'nace_division', 'employees', 'has_registered_employees', 'business_address', 'municipality', 'municipality_number',
  'founded', 'registered_at', 'vat_registered', 'last_filed_year', 'in_group', 'bankrupt', 'bankruptcy_date', 'winding_up',
  'winding_up_date', 'forced_dissolution', 'forced_dissolution_grounds', 'reconstruction_date', 'foreign_insolvency_date',
  'audit_opt_out_date', 'deleted_date', 'fetched_at',
] as const;

interface AccountsRow {
  org_nr: string;
  year: number;
  type: FiledAccounts['type'];
  record_id: number;
  journal_nr: string;
  period_from: string;
  period_to: string;
  currency: string | null;
  org_form: string | null;
  layout: string;
  unaudited: number;
  audit_opted_out: number;
  small_company: number;
  accounting_rules: string | null;
  winding_up_accounts: number;
  revenues: number | null;
  operating_expenses: number | null;
  operating_result: number | null;
  net_financial: number | null;
  financial_income: number | null;
  financial_expenses: number | null;
  pre_tax_result: number | null;
  net_result: number | null;
  total_result: number | null;
  total_assets: number | null;
  fixed_assets: number | null;
  current_assets: number | null;
  equity: number | null;
  paid_in_equity: number | null;
  retained_equity: number | null;
  liabilities: number | null;
  short_term_liabilities: number | null;
  long_term_liabilities: number | null;
  equity_and_liabilities: number | null;
  published_at: string;
  published_source: FiledAccounts['publishedSource'];
  fetched_at: string;
}

/** FiledFigures key -> column. */
const FIGURE_COLUMNS = {
  revenues: 'revenues',
  operatingExpenses: 'operating_expenses',
  operatingResult: 'operating_result',
  netFinancial: 'net_financial',
  financialIncome: 'financial_income',
  financialExpenses: 'financial_expenses',
  preTaxResult: 'pre_tax_result',
  netResult: 'net_result',
  totalResult: 'total_result',
  totalAssets: 'total_assets',
  fixedAssets: 'fixed_assets',
  currentAssets: 'current_assets',
  equity: 'equity',
  paidInEquity: 'paid_in_equity',
  retainedEquity: 'retained_equity',
  liabilities: 'liabilities',
  shortTermLiabilities: 'short_term_liabilities',
  longTermLiabilities: 'long_term_liabilities',
  equityAndLiabilities: 'equity_and_liabilities',
} as const satisfies Record<keyof FiledAccounts['figures'], keyof AccountsRow>;

const ACCOUNT_COLUMNS = [
  'org_nr', 'year', 'type', 'record_id', 'journal_nr', 'period_from', 'period_to', 'currency', 'org_form', 'layout', 'unaudited',
  'audit_opted_out', 'small_company', 'accounting_rules', 'winding_up_accounts', ...Object.values(FIGURE_COLUMNS), 'published_at',
  'published_source', 'fetched_at',
] as const;

const bool = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);
const fromBool = (v: number | null): boolean | null => (v === null ? null : v === 1);

/** The answer as received, at most REGISTRY_LIMITS.rawMaxChars; longer answers keep only their size. */
function capped(raw: unknown): { raw: string | null; size: number } {
  if (raw === undefined || raw === null) return { raw: null, size: 0 };
  const text = JSON.stringify(raw);
  return { raw: text.length <= REGISTRY_LIMITS.rawMaxChars ? text : null, size: text.length };
}

function toUnitRow(u: RegistryUnit): UnitRow {
  const [n1, n2, n3] = u.nace;
  return {
    org_nr: u.orgNr,
    status: u.status,
    name: u.name,
    org_form_code: u.orgForm?.code ?? null,
    org_form_name: u.orgForm?.name ?? null,
    nace1_code: n1?.code ?? null,
    nace1_name: n1?.name ?? null,
    nace2_code: n2?.code ?? null,
    nace2_name: n2?.name ?? null,
    nace3_code: n3?.code ?? null,
    nace3_name: n3?.name ?? null,
    nace_division: u.naceDivision,
    employees: u.employees,
    has_registered_employees: bool(u.hasRegisteredEmployees),
    business_address: u.businessAddress ? JSON.stringify(u.businessAddress) : null,
    municipality: u.businessAddress?.municipality ?? null,
    municipality_number: u.businessAddress?.municipalityNumber ?? null,
    founded: u.founded,
    registered_at: u.registeredAt,
    vat_registered: bool(u.vatRegistered),
    last_filed_year: u.lastFiledYear,
    in_group: bool(u.inGroup),
    bankrupt: bool(u.bankrupt),
    bankruptcy_date: u.bankruptcyDate,
    winding_up: bool(u.windingUp),
    winding_up_date: u.windingUpDate,
    forced_dissolution: bool(u.forcedDissolution),
    forced_dissolution_grounds: JSON.stringify(u.forcedDissolutionGrounds),
    reconstruction_date: u.reconstructionDate,
    foreign_insolvency_date: u.foreignInsolvencyDate,
    audit_opt_out_date: u.auditOptOutDate,
    deleted_date: u.deletedDate,
    fetched_at: u.fetchedAt,
  };
}

function toUnit(r: UnitRow): RegistryUnit {
  const nace = (
    [
      [r.nace1_code, r.nace1_name],
      [r.nace2_code, r.nace2_name],
      [r.nace3_code, r.nace3_name],
    ] as const
  ).flatMap(([code, name]) => (code === null ? [] : [{ code, name: name ?? '' }]));
  return {
    orgNr: r.org_nr,
    status: r.status,
    name: r.name,
    orgForm: r.org_form_code === null ? null : { code: r.org_form_code, name: r.org_form_name ?? '' },
    nace,
    naceDivision: r.nace_division,
    employees: r.employees,
    hasRegisteredEmployees: fromBool(r.has_registered_employees),
    businessAddress: r.business_address === null ? null : (JSON.parse(r.business_address) as BusinessAddress),
    founded: r.founded,
    registeredAt: r.registered_at,
    vatRegistered: fromBool(r.vat_registered),
    lastFiledYear: r.last_filed_year,
    inGroup: fromBool(r.in_group),
    bankrupt: fromBool(r.bankrupt),
    bankruptcyDate: r.bankruptcy_date,
    windingUp: fromBool(r.winding_up),
    windingUpDate: r.winding_up_date,
    forcedDissolution: fromBool(r.forced_dissolution),
    forcedDissolutionGrounds: JSON.parse(r.forced_dissolution_grounds) as RegistryUnit['forcedDissolutionGrounds'],
    reconstructionDate: r.reconstruction_date,
    foreignInsolvencyDate: r.foreign_insolvency_date,
    auditOptOutDate: r.audit_opt_out_date,
    deletedDate: r.deleted_date,
    fetchedAt: r.fetched_at,
  };
}

function toAccountsRow(a: FiledAccounts): AccountsRow {
  const figures = Object.fromEntries(Object.entries(FIGURE_COLUMNS).map(([k, col]) => [col, a.figures[k as keyof FiledAccounts['figures']]]));
  return {
    org_nr: a.orgNr,
    year: a.year,
    type: a.type,
    record_id: a.recordId,
    journal_nr: a.journalNr,
    period_from: a.periodFrom,
    period_to: a.periodTo,
    currency: a.currency,
    org_form: a.orgForm,
    layout: a.layout,
    unaudited: a.unaudited ? 1 : 0,
    audit_opted_out: a.auditOptedOut ? 1 : 0,
    small_company: a.smallCompany ? 1 : 0,
    accounting_rules: a.accountingRules,
    winding_up_accounts: a.windingUpAccounts ? 1 : 0,
    ...(figures as Pick<AccountsRow, (typeof FIGURE_COLUMNS)[keyof typeof FIGURE_COLUMNS]>),
    published_at: a.publishedAt,
    published_source: a.publishedSource,
    fetched_at: a.fetchedAt,
  };
}

function toAccounts(r: AccountsRow): FiledAccounts {
  const figures = Object.fromEntries(Object.entries(FIGURE_COLUMNS).map(([k, col]) => [k, r[col]])) as FiledAccounts['figures'];
  return {
    orgNr: r.org_nr,
    year: r.year,
    type: r.type,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    recordId: r.record_id,
    journalNr: r.journal_nr,
    currency: r.currency,
    orgForm: r.org_form,
    layout: r.layout,
    unaudited: r.unaudited === 1,
    auditOptedOut: r.audit_opted_out === 1,
    smallCompany: r.small_company === 1,
    accountingRules: r.accounting_rules,
    windingUpAccounts: r.winding_up_accounts === 1,
    figures,
    publishedAt: r.published_at,
    publishedSource: r.published_source,
    fetchedAt: r.fetched_at,
  };
}

interface CheckRow {
  org_nr: string;
  what: RegistryCheck['what'];
  outcome: RegistryCheck['outcome'];
  for_year: number | null;
  layout: string | null;
  reason: string | null;
  message: string | null;
  checked_at: string;
}

const toCheck = (r: CheckRow): RegistryCheck => ({
  orgNr: r.org_nr,
  what: r.what,
  outcome: r.outcome,
  forYear: r.for_year,
  layout: r.layout,
  reason: r.reason,
  message: r.message,
  checkedAt: r.checked_at,
});

/** The change feed's cursor: read on from `nextUpdateId`, or (before the first read) from the time `since`. */
export interface FeedCursor {
  nextUpdateId: number | null;
  since: string | null;
  updatedAt: string;
}

/**
 * The registry tables of a profile’s cache (migration 0004): units, filed accounts, filing dates from the feed,
 * the last look-up per borrower, and the feed cursor. Returns the DTO types of shared/registry/dto.ts. Each write
 * is one statement or one transaction; callers group a unit with its check in {@link RegistryRepo.write}.
 */
export function registryRepo(db: Db) {
  const unitCols = UNIT_COLUMNS.join(', ');
  const putUnit = db.prepare(`
    INSERT INTO registry_units (${unitCols}, raw, raw_size) VALUES (${UNIT_COLUMNS.map((c) => `@${c}`).join(', ')}, @raw, @raw_size)
    ON CONFLICT (org_nr) DO UPDATE SET ${[...UNIT_COLUMNS.filter((c) => c !== 'org_nr'), 'raw', 'raw_size'].map((c) => `${c} = excluded.${c}`).join(', ')}`);
  const getUnit = db.prepare(`SELECT ${unitCols} FROM registry_units WHERE org_nr = ?`);
  const allUnits = db.prepare(`SELECT ${unitCols} FROM registry_units ORDER BY org_nr`);
  const rawOf = db.prepare('SELECT raw, raw_size FROM registry_units WHERE org_nr = ?');
  // Units written through this repository; other connections' commits show in PRAGMA data_version.
  let generation = 0;
  const accCols = ACCOUNT_COLUMNS.join(', ');
  const putAccounts = db.prepare(`
    INSERT INTO registry_accounts (${accCols}, raw, raw_size) VALUES (${ACCOUNT_COLUMNS.map((c) => `@${c}`).join(', ')}, @raw, @raw_size)
    ON CONFLICT (org_nr, year, type) DO UPDATE SET ${[...ACCOUNT_COLUMNS.filter((c) => !['org_nr', 'year', 'type'].includes(c)), 'raw', 'raw_size'].map((c) => `${c} = excluded.${c}`).join(', ')}`);
  const accountsOf = db.prepare(`SELECT ${accCols} FROM registry_accounts WHERE org_nr = ? ORDER BY year DESC, type`);
  const accountsOfYear = db.prepare(`SELECT ${accCols} FROM registry_accounts WHERE org_nr = ? AND year = ? AND type = ?`);
  const putFilingDate = db.prepare(`
    INSERT INTO registry_filing_dates (org_nr, year, published_at) VALUES (?, ?, ?)
    ON CONFLICT (org_nr, year) DO UPDATE SET published_at = MIN(published_at, excluded.published_at)`);
  const filingDate = db.prepare('SELECT published_at FROM registry_filing_dates WHERE org_nr = ? AND year = ?');
  const putCheck = db.prepare(`
    INSERT INTO registry_checks (org_nr, what, outcome, for_year, layout, reason, message, checked_at)
    VALUES (@org_nr, @what, @outcome, @for_year, @layout, @reason, @message, @checked_at)
    ON CONFLICT (org_nr, what) DO UPDATE SET outcome = excluded.outcome, for_year = excluded.for_year, layout = excluded.layout,
      reason = excluded.reason, message = excluded.message, checked_at = excluded.checked_at`);
  const getCheck = db.prepare('SELECT org_nr, what, outcome, for_year, layout, reason, message, checked_at FROM registry_checks WHERE org_nr = ? AND what = ?');
  const allChecks = db.prepare('SELECT org_nr, what, outcome, for_year, layout, reason, message, checked_at FROM registry_checks ORDER BY org_nr, what');
  const purgeAccounts = db.prepare('DELETE FROM registry_accounts WHERE org_nr = ?');
  const purgeDates = db.prepare('DELETE FROM registry_filing_dates WHERE org_nr = ?');
  const purgeChecks = db.prepare('DELETE FROM registry_checks WHERE org_nr = ?');
  const getCursor = db.prepare('SELECT next_update_id, since, updated_at FROM registry_feed WHERE id = 1');
  const putCursor = db.prepare(`
    INSERT INTO registry_feed (id, next_update_id, since, updated_at) VALUES (1, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET next_update_id = excluded.next_update_id, since = excluded.since, updated_at = excluded.updated_at`);

  const repo = {
    /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, as every writer of the cache does). */
    write<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    unit(orgNr: string): RegistryUnit | null {
      const r = getUnit.get(orgNr) as UnitRow | undefined;
      return r ? toUnit(r) : null;
    },
    /** Every unit, or those of `orgNrs` (in that order, unknown ones left out). */
    units(orgNrs?: readonly string[]): RegistryUnit[] {
      if (!orgNrs) return (allUnits.all() as UnitRow[]).map(toUnit);
      return orgNrs.flatMap((o) => {
        const u = repo.unit(o);
        return u ? [u] : [];
      });
    },
    /**
     * A key that changes whenever a unit may have changed: one written through this repository, or anything
     * committed by another connection to the file (the CLI, another window). What the portfolio's registry columns
     * were read for; costs no scan of the table (a list of 10,000 borrowers asks it every time).
     */
    version(): string {
      return `${generation}:${String(db.pragma('data_version', { simple: true }))}`;
    },
    /** The answer kept beside the facts (null when none or when it was longer than the cap) and its size. */
    raw(orgNr: string): { raw: unknown; size: number } | null {
      const r = rawOf.get(orgNr) as { raw: string | null; raw_size: number } | undefined;
      return r ? { raw: r.raw === null ? null : (JSON.parse(r.raw) as unknown), size: r.raw_size } : null;
    },
    /** Stores a unit's facts with the answer as received (capped). */
    putUnit(u: RegistryUnit, raw: unknown): void {
      const c = capped(raw);
      putUnit.run({ ...toUnitRow(u), raw: c.raw, raw_size: c.size });
      generation++;
    },
    /**
     * A unit removed from open data (410, or `Fjernet`): its filings, filing dates and checks are deleted and only
     * `tombstone` (org number, status `removed`, date) remains. One transaction.
     */
    purge(tombstone: RegistryUnit): void {
      repo.write(() => {
        purgeAccounts.run(tombstone.orgNr);
        purgeDates.run(tombstone.orgNr);
        purgeChecks.run(tombstone.orgNr);
        putUnit.run({ ...toUnitRow(tombstone), raw: null, raw_size: 0 });
      });
      generation++;
    },
    /** Every filing kept for a unit, newest year first. */
    accounts(orgNr: string): FiledAccounts[] {
      return (accountsOf.all(orgNr) as AccountsRow[]).map(toAccounts);
    },
    accountsOfYear(orgNr: string, year: number, type: FiledAccounts['type'] = 'SELSKAP'): FiledAccounts | null {
      const r = accountsOfYear.get(orgNr, year, type) as AccountsRow | undefined;
      return r ? toAccounts(r) : null;
    },
    putAccounts(a: FiledAccounts, raw: unknown): void {
      const c = capped(raw);
      putAccounts.run({ ...toAccountsRow(a), raw: c.raw, raw_size: c.size });
    },
    /** When the feed said the filing of `year` became public (the earliest seen), or null. */
    filingDate(orgNr: string, year: number): string | null {
      const r = filingDate.get(orgNr, year) as { published_at: string } | undefined;
      return r?.published_at ?? null;
    },
    putFilingDate(orgNr: string, year: number, publishedAt: string): void {
      putFilingDate.run(orgNr, year, publishedAt);
    },
    check(orgNr: string, what: RegistryCheck['what']): RegistryCheck | null {
      const r = getCheck.get(orgNr, what) as CheckRow | undefined;
      return r ? toCheck(r) : null;
    },
    checks(): RegistryCheck[] {
      return (allChecks.all() as CheckRow[]).map(toCheck);
    },
    putCheck(c: RegistryCheck): void {
      putCheck.run({
        org_nr: c.orgNr,
        what: c.what,
        outcome: c.outcome,
        for_year: c.forYear,
        layout: c.layout,
        reason: c.reason,
        message: c.message === null ? null : c.message.slice(0, 500),
        checked_at: c.checkedAt,
      });
    },
    cursor(): FeedCursor | null {
      const r = getCursor.get() as { next_update_id: number | null; since: string | null; updated_at: string } | undefined;
      return r ? { nextUpdateId: r.next_update_id, since: r.since, updatedAt: r.updated_at } : null;
    },
    setCursor(c: FeedCursor): void {
      putCursor.run(c.nextUpdateId, c.since, c.updatedAt);
    },
  };
  return repo;
}
export type RegistryRepo = ReturnType<typeof registryRepo>;
