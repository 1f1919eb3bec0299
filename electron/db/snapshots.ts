import type { Snapshot } from '../../shared/contract/dto';
import type { AccountingItem } from '../../shared/symetrisk/schemas';
import type { Db } from './connection';
import { contentHash } from './json-hash';

export const FLOW_COLUMNS = [
  'revenues',
  'expenses',
  'ebitda',
  'ebit',
  'interest_income',
  'interest_expenses',
  'taxes',
  'depreciation',
  'amortization',
  'depreciation_and_amortization',
  'other_financial_income',
  'other_financial_expenses',
  'net_profit',
] as const;
export const STOCK_COLUMNS = ['equity', 'interest_bearing_debt', 'net_interest_bearing_debt', 'total_assets'] as const;
export const FIGURE_COLUMNS = [...FLOW_COLUMNS, ...STOCK_COLUMNS] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** A snapshot row without its raw JSON: enough for every figure and ratio. */
export interface SnapshotRecord extends Record<FigureColumn, number> {
  key: number;
  org_nr: string;
  item_id: number;
  format_version: string;
  year: number;
  start_date: string;
  end_date: string;
  days_included: number;
  snapshot_date: string;
  fetched_at: string;
  origin: string;
  accounting_system: string;
  first_seen_at: string;
  last_seen_at: string;
}

const LIGHT_COLUMNS = `key, org_nr, item_id, format_version, year, start_date, end_date, days_included, snapshot_date, fetched_at,
  origin, accounting_system, first_seen_at, last_seen_at, ${FIGURE_COLUMNS.join(', ')}`;

/** Rebuilds the API item from the typed columns (no JSON parsing: fast enough for the whole portfolio). */
export function recordToItem(r: SnapshotRecord): AccountingItem {
  // Spelled out rather than built from FLOW_COLUMNS: this runs for every snapshot of the portfolio.
  return {
    id: r.item_id,
    data: {
      symetrisk_real_time_accounts_format_version: r.format_version,
      year: r.year,
      start_date: r.start_date,
      end_date: r.end_date,
      days_included: r.days_included,
      p_and_l_items: {
        revenues: r.revenues,
        expenses: r.expenses,
        ebitda: r.ebitda,
        ebit: r.ebit,
        interest_income: r.interest_income,
        interest_expenses: r.interest_expenses,
        taxes: r.taxes,
        depreciation: r.depreciation,
        amortization: r.amortization,
        depreciation_and_amortization: r.depreciation_and_amortization,
        other_financial_income: r.other_financial_income,
        other_financial_expenses: r.other_financial_expenses,
        net_profit: r.net_profit,
      },
      balance_items: {
        equity: r.equity,
        interest_bearing_debt: r.interest_bearing_debt,
        net_interest_bearing_debt: r.net_interest_bearing_debt,
        total_assets: r.total_assets,
      },
    },
    snapshotDate: r.snapshot_date,
    fetchedAt: r.fetched_at,
    origin: r.origin,
    accountingSystem: r.accounting_system,
  };
}

/** The contract's Snapshot: `data` is the item's data exactly as received (unknown fields included). */
export function recordToSnapshot(r: SnapshotRecord, raw: string): Snapshot {
  const parsed = JSON.parse(raw) as { data?: Snapshot['data'] };
  return {
    key: r.key,
    itemId: r.item_id,
    orgNr: r.org_nr,
    year: r.year,
    startDate: r.start_date,
    endDate: r.end_date,
    daysIncluded: r.days_included,
    snapshotDate: r.snapshot_date,
    fetchedAt: r.fetched_at,
    accountingSystem: r.accounting_system,
    origin: r.origin,
    formatVersion: r.format_version,
    data: parsed.data ?? recordToItem(r).data,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** Every accounting item ever seen, one row per (borrower, item id, content). */
export function snapshotsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO snapshots (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included,
      snapshot_date, fetched_at, origin, accounting_system, ${FIGURE_COLUMNS.join(', ')}, raw, first_seen_at, last_seen_at)
    VALUES (@org_nr, @item_id, @content_hash, @format_version, @year, @start_date, @end_date, @days_included,
      @snapshot_date, @fetched_at, @origin, @accounting_system, ${FIGURE_COLUMNS.map((c) => '@' + c).join(', ')}, @raw, @now, @now)
    ON CONFLICT (org_nr, item_id, content_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at`);
  const exists = db.prepare('SELECT 1 FROM snapshots WHERE org_nr = ? AND item_id = ? AND content_hash = ?');
  const known = db.prepare('SELECT item_id, content_hash FROM snapshots WHERE org_nr = ?');
  const knownAll = db.prepare('SELECT org_nr, item_id, content_hash FROM snapshots');
  const byOrg = db.prepare(`SELECT ${LIGHT_COLUMNS}, raw FROM snapshots WHERE org_nr = ? ORDER BY snapshot_date, fetched_at, item_id, key`);
  const byKey = db.prepare(`SELECT ${LIGHT_COLUMNS}, raw FROM snapshots WHERE key = ?`);
  const allLight = db.prepare(`SELECT ${LIGHT_COLUMNS} FROM snapshots ORDER BY org_nr, snapshot_date, fetched_at, item_id, key`);
  const signatures = db.prepare('SELECT org_nr, COUNT(*) AS n, MAX(key) AS k, MAX(last_seen_at) AS seen FROM snapshots GROUP BY org_nr');
  const lightOf = db.prepare(`SELECT ${LIGHT_COLUMNS} FROM snapshots WHERE org_nr = ? ORDER BY snapshot_date, fetched_at, item_id, key`);
  const count = db.prepare('SELECT COUNT(*) AS n FROM snapshots');
  return {
    /** Stores one item as received; true when it is new (a new id, or new content under a known id). */
    put(orgNr: string, item: AccountingItem, raw: unknown, now: string): boolean {
      const hash = contentHash(raw);
      const isNew = exists.get(orgNr, item.id, hash) === undefined;
      const d = item.data;
      const figures: Record<string, number> = {};
      for (const c of FLOW_COLUMNS) figures[c] = d.p_and_l_items[c];
      for (const c of STOCK_COLUMNS) figures[c] = d.balance_items[c];
      insert.run({
        org_nr: orgNr,
        item_id: item.id,
        content_hash: hash,
        format_version: d.symetrisk_real_time_accounts_format_version,
        year: d.year,
        start_date: d.start_date,
        end_date: d.end_date,
        days_included: d.days_included,
        snapshot_date: item.snapshotDate,
        fetched_at: item.fetchedAt,
        origin: item.origin,
        accounting_system: item.accountingSystem,
        ...figures,
        raw: JSON.stringify(raw),
        now,
      });
      return isNew;
    },
    /** For the incremental check: item id -> the content hashes stored under it. */
    known(orgNr: string): Map<number, Set<string>> {
      const out = new Map<number, Set<string>>();
      for (const r of known.iterate(orgNr) as Iterable<{ item_id: number; content_hash: string }>) {
        let set = out.get(r.item_id);
        if (!set) out.set(r.item_id, (set = new Set()));
        set.add(r.content_hash);
      }
      return out;
    },
    /**
     * known() for every borrower at once: one pass over the unique index instead of a query per borrower (a sync
     * asks for each of them).
     */
    knownByBorrower(): Map<string, Map<number, Set<string>>> {
      const out = new Map<string, Map<number, Set<string>>>();
      for (const r of knownAll.iterate() as Iterable<{ org_nr: string; item_id: number; content_hash: string }>) {
        let ids = out.get(r.org_nr);
        if (!ids) out.set(r.org_nr, (ids = new Map()));
        let set = ids.get(r.item_id);
        if (!set) ids.set(r.item_id, (set = new Set()));
        set.add(r.content_hash);
      }
      return out;
    },
    /** A borrower's snapshots, oldest first. */
    ofBorrower(orgNr: string): Snapshot[] {
      return (byOrg.all(orgNr) as (SnapshotRecord & { raw: string })[]).map((r) => recordToSnapshot(r, r.raw));
    },
    /** A borrower's snapshots as API items (with unknown fields), oldest first, for the analysis functions. */
    itemsOfBorrower(orgNr: string): { key: number; item: AccountingItem }[] {
      return (byOrg.all(orgNr) as (SnapshotRecord & { raw: string })[]).map((r) => ({ key: r.key, item: JSON.parse(r.raw) as AccountingItem }));
    },
    get(key: number): { snapshot: Snapshot; item: AccountingItem } | undefined {
      const r = byKey.get(key) as (SnapshotRecord & { raw: string }) | undefined;
      return r ? { snapshot: recordToSnapshot(r, r.raw), item: JSON.parse(r.raw) as AccountingItem } : undefined;
    },
    /** Every snapshot without raw JSON, grouped by borrower (ordered by org_nr, oldest first within one). */
    allRecords(): SnapshotRecord[] {
      return allLight.all() as SnapshotRecord[];
    },
    /** A borrower's snapshots without raw JSON, oldest first. */
    recordsOf(orgNr: string): SnapshotRecord[] {
      return lightOf.all(orgNr) as SnapshotRecord[];
    },
    /** Per borrower: a value that changes whenever its snapshots do (one indexed pass, no row data). */
    signatures(): Map<string, string> {
      const out = new Map<string, string>();
      for (const r of signatures.iterate() as Iterable<{ org_nr: string; n: number; k: number; seen: string }>) out.set(r.org_nr, `${r.n}:${r.k}`);
      return out;
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}
export type SnapshotsRepo = ReturnType<typeof snapshotsRepo>;

export { contentHash };
