/**
 * The registry's read side, from a profile's cache only (no network, so every fact stays on screen with Symetrisk
 * and the registry both down): the facts and status alerts a portfolio row carries, the peers of the bank's own
 * book, and what the borrower page and the Excel pack show of one borrower (facts, alerts, filings, the
 * reconciliation of every year). The rules are shared/registry's; this file only reads and assembles.
 */
import type { BorrowerPeers, BorrowerRegistry, PortfolioRow, RowPeers, RowRegistry } from '../../../shared/contract/dto';
import type { FiledAccounts, RegistryCheck, RegistryUnit } from '../../../shared/registry/dto';
import { PEER_BASIS, PEER_RATIO_IDS, peerAnalysis, type PeerAnalysis, type PeerGroup, type PeerInput } from '../../../shared/registry/peers';
import { reconcileWithFilings, type YearReconciliation } from '../../../shared/registry/reconciliation';
import { statusAlerts, type StatusAlert } from '../../../shared/registry/status-alerts';
import type { AccountingItem } from '../../../shared/symetrisk/schemas';
import type { Cache } from '../../db/cache';
import type { RegistryRepo } from '../../db/registry';

/** The flag a status alert puts first in a portfolio row's flags ("registry_bankruptcy"). */
export function statusAlertFlag(id: StatusAlert['id']): string {
  return `registry_${id}`;
}

/** One borrower's registry data as the borrower page and the pack read it. */
export interface BorrowerRegistryFacts {
  unit: RegistryUnit | null;
  checks: { unit: RegistryCheck | null; accounts: RegistryCheck | null };
  /** Most severe first. */
  alerts: StatusAlert[];
  /** Every filing cached, newest year first. */
  filings: FiledAccounts[];
  /** Every year with a Symetrisk full year, newest first, with its filing status and reconciliation. */
  years: YearReconciliation[];
}

/** A borrower's registry data from the cache; `today` ("YYYY-MM-DD") decides which filings are due. */
export function borrowerRegistryFacts(repo: RegistryRepo, orgNr: string, items: readonly AccountingItem[], today: string): BorrowerRegistryFacts {
  const unit = repo.unit(orgNr);
  const checks = { unit: repo.check(orgNr, 'unit'), accounts: repo.check(orgNr, 'accounts') };
  const filings = repo.accounts(orgNr);
  return {
    unit,
    checks,
    alerts: unit ? statusAlerts(unit) : [],
    filings,
    years: reconcileWithFilings(items, filings, { unit, today, accountsCheck: checks.accounts }),
  };
}

interface Facts {
  row: RowRegistry;
  flags: string[];
  unit: RegistryUnit;
}

function factsOf(unit: RegistryUnit): Facts {
  const alerts = statusAlerts(unit);
  const first = unit.nace[0] ?? null;
  return {
    unit,
    flags: alerts.map((a) => statusAlertFlag(a.id)),
    row: {
      status: unit.status,
      name: unit.name,
      naceCode: first?.code ?? null,
      naceDescription: first?.name ?? null,
      naceDivision: unit.naceDivision,
      legalForm: unit.orgForm,
      employees: unit.employees,
      municipality: unit.businessAddress?.municipality ?? null,
      founded: unit.founded,
      statusAlerts: alerts.map((a) => ({ id: a.id, date: a.date })),
      fetchedAt: unit.fetchedAt,
    },
  };
}

/** What is remembered per open cache (a cache set aside or reopened starts afresh, as the portfolio's memo does). */
interface Book {
  version: string;
  facts: Map<string, Facts>;
  /** The whole list the analysis was computed from (the same row objects when nothing changed), and for which facts. */
  bases: readonly PortfolioRow[] | null;
  basesVersion: string | null;
  analysis: PeerAnalysis | null;
  groups: Map<string, PeerGroup>;
  out: Map<string, { base: PortfolioRow; facts: Facts | undefined; analysis: PeerAnalysis | null; row: PortfolioRow }>;
}

function sameRows(a: readonly PortfolioRow[] | null, b: readonly PortfolioRow[]): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface PortfolioRegistryDeps {
  clock: () => Date;
  /** Settings.registryEnabled (shown on the borrower page; the cached facts are shown either way). */
  enabled: () => boolean;
}

/**
 * Adds the registry to the portfolio's rows and the borrower page: facts and status alerts (their flags first in
 * the row's flags, most severe first), and each row's place among its peers, grouped by NACE division over the
 * whole book on each borrower's last full year. Rows that did not change keep their object (the grid re-renders
 * nothing); the peers are computed again only when a row or a registry fact changed.
 */
export class PortfolioRegistry {
  private readonly books = new WeakMap<Cache, Book>();

  constructor(private readonly deps: PortfolioRegistryDeps) {}

  private book(cache: Cache): Book {
    let b = this.books.get(cache);
    if (!b) {
      b = { version: '', facts: new Map(), bases: null, basesVersion: null, analysis: null, groups: new Map(), out: new Map() };
      this.books.set(cache, b);
    }
    const version = cache.registry.version();
    if (version !== b.version) {
      b.version = version;
      // A unit written again has a new fetched-at; the others keep their facts, so their rows keep their objects.
      const before = b.facts;
      b.facts = new Map(
        cache.registry.units().map((u) => {
          const kept = before.get(u.orgNr);
          return [u.orgNr, kept && kept.unit.fetchedAt === u.fetchedAt ? kept : factsOf(u)];
        }),
      );
    }
    return b;
  }

  private analyse(b: Book, rows: readonly PortfolioRow[]): void {
    if (b.analysis && b.basesVersion === b.version && sameRows(b.bases, rows)) return;
    const inputs: PeerInput[] = rows.map((r) => {
      const f = b.facts.get(r.orgNr);
      const ratios: PeerInput['ratios'] = {};
      if (r.peerBasis) for (const id of PEER_RATIO_IDS) ratios[id] = { value: r.peerBasis.ratios[id] ?? null, basis: PEER_BASIS };
      return { orgNr: r.orgNr, naceDivision: f?.unit.naceDivision ?? null, naceDescription: f?.row.naceDescription ?? null, ratios };
    });
    b.analysis = peerAnalysis(inputs, { basis: PEER_BASIS, ratios: PEER_RATIO_IDS });
    b.groups = new Map(b.analysis.groups.map((g) => [g.division, g]));
    b.bases = rows;
    b.basesVersion = b.version;
  }

  private rowPeers(b: Book, orgNr: string): RowPeers | null {
    const own = b.analysis?.borrowers.get(orgNr);
    if (!own || own.division === null) return null;
    const group = b.groups.get(own.division);
    const ratios: RowPeers['ratios'] = {};
    for (const id of PEER_RATIO_IDS) {
      const p = own.ratios[id] ?? { value: null, vsMedian: null, quartile: null };
      const stats = group?.ratios[id];
      ratios[id] = { ...p, median: stats && stats.enough ? stats.median : null };
    }
    return { division: own.division, groupSize: own.groupSize, basis: PEER_BASIS, ratios };
  }

  private decorated(b: Book, base: PortfolioRow, remember = true): PortfolioRow {
    const facts = b.facts.get(base.orgNr);
    const memo = b.out.get(base.orgNr);
    if (memo && memo.base === base && memo.facts === facts && memo.analysis === b.analysis) return memo.row;
    const row: PortfolioRow = {
      ...base,
      registry: facts?.row ?? null,
      peers: this.rowPeers(b, base.orgNr),
      flags: facts && facts.flags.length > 0 ? [...facts.flags, ...base.flags] : base.flags,
    };
    if (remember) b.out.set(base.orgNr, { base, facts, analysis: b.analysis, row });
    return row;
  }

  /**
   * The rows with their registry facts and peers. `complete`: these are every row of the book (the peers are
   * computed from them); otherwise (the first screen) the peers of the last complete list are used, if any.
   */
  decorate(cache: Cache, rows: readonly PortfolioRow[], complete: boolean): PortfolioRow[] {
    const b = this.book(cache);
    if (complete) this.analyse(b, rows);
    if (b.out.size > rows.length * 2) b.out.clear();
    return rows.map((r) => this.decorated(b, r));
  }

  /**
   * One borrower's row and the registry part of its page. `allRows` lists the whole book (the portfolio's list,
   * which computes the peers); it is asked only when no peers were computed since the registry facts changed.
   */
  borrower(cache: Cache, row: PortfolioRow, items: readonly AccountingItem[], allRows: () => unknown): { row: PortfolioRow; registry: BorrowerRegistry } {
    let b = this.book(cache);
    if (!b.analysis || b.basesVersion !== b.version) {
      allRows();
      b = this.book(cache);
    }
    // Not remembered: the page's row is analysed afresh, and the list's own row must stay the object it was.
    const decorated = this.decorated(b, row, false);
    const facts = borrowerRegistryFacts(cache.registry, row.orgNr, items, this.deps.clock().toISOString().slice(0, 10));
    return { row: decorated, registry: { enabled: this.deps.enabled(), ...facts, peers: this.borrowerPeers(b, row, facts.unit) } };
  }

  private borrowerPeers(b: Book, row: PortfolioRow, unit: RegistryUnit | null): BorrowerPeers | null {
    const own = b.analysis?.borrowers.get(row.orgNr);
    const division = own?.division ?? unit?.naceDivision ?? null;
    if (division === null) return null;
    const group = b.groups.get(division);
    const positions = this.rowPeers(b, row.orgNr)?.ratios ?? {};
    return {
      division,
      name: group?.name ?? null,
      groupSize: own?.groupSize ?? group?.size ?? 0,
      basis: PEER_BASIS,
      year: row.peerBasis?.year ?? null,
      ratios: PEER_RATIO_IDS.map((id) => ({
        id,
        stats: group?.ratios[id] ?? null,
        position: positions[id] ?? { value: row.peerBasis?.ratios[id] ?? null, vsMedian: null, quartile: null, median: null },
      })),
    };
  }
}
