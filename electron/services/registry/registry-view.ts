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

/** A unit's facts as a portfolio row carries them, and the flags its status alerts put first in the row's flags. */
export interface RowFacts {
  row: RowRegistry;
  flags: string[];
}

/** The facts and status-alert flags (most severe first) a portfolio row takes from a registry unit. */
export function rowFactsOf(unit: RegistryUnit): RowFacts {
  const alerts = statusAlerts(unit);
  const first = unit.nace[0] ?? null;
  return {
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

/** What a borrower's place among its peers is computed from: its registry division and its last full year's ratios. */
export function peerInputOf(orgNr: string, registry: RowRegistry | null, peerBasis: PortfolioRow['peerBasis']): PeerInput {
  const ratios: PeerInput['ratios'] = {};
  if (peerBasis) for (const id of PEER_RATIO_IDS) ratios[id] = { value: peerBasis.ratios[id] ?? null, basis: PEER_BASIS };
  return { orgNr, naceDivision: registry?.naceDivision ?? null, naceDescription: registry?.naceDescription ?? null, ratios };
}

/** The peer groups of the whole book and each borrower's place in its group (shared/registry/peers.ts). */
export interface BookPeers {
  analysis: PeerAnalysis;
  groups: Map<string, PeerGroup>;
}

/** Groups the book by NACE division over each borrower's last full year. */
export function bookPeers(inputs: readonly PeerInput[]): BookPeers {
  const analysis = peerAnalysis(inputs, { basis: PEER_BASIS, ratios: PEER_RATIO_IDS });
  return { analysis, groups: new Map(analysis.groups.map((g) => [g.division, g])) };
}

/** A borrower's place among its peers as its row carries it; null without a division. */
export function rowPeersOf(book: BookPeers, orgNr: string): RowPeers | null {
  const own = book.analysis.borrowers.get(orgNr);
  if (!own || own.division === null) return null;
  const group = book.groups.get(own.division);
  const ratios: RowPeers['ratios'] = {};
  for (const id of PEER_RATIO_IDS) {
    const p = own.ratios[id] ?? { value: null, vsMedian: null, quartile: null };
    const stats = group?.ratios[id];
    ratios[id] = { ...p, median: stats && stats.enough ? stats.median : null };
  }
  return { division: own.division, groupSize: own.groupSize, basis: PEER_BASIS, ratios };
}

/** A borrower's peers as stored with the book's grid (services/portfolio/grid-index.ts): its place and its group. */
export interface StoredPeers {
  row: RowPeers | null;
  group: PeerGroup | null;
}

export interface PortfolioRegistryDeps {
  clock: () => Date;
  /** Settings.registryEnabled (shown on the borrower page; the cached facts are shown either way). */
  enabled: () => boolean;
}

/**
 * The registry on the borrower page: its facts and status alerts on the page's row (their flags first in the row's
 * flags, most severe first), and the borrower among its peers, grouped by NACE division over the whole book on each
 * borrower's last full year (the groups as the portfolio's grid last computed them). The grid's rows take the same
 * facts and peers from the grid index (services/portfolio/grid-index.ts).
 */
export class PortfolioRegistry {
  constructor(private readonly deps: PortfolioRegistryDeps) {}

  /** One borrower's row and the registry part of its page. */
  borrower(cache: Cache, row: PortfolioRow, items: readonly AccountingItem[], peers: StoredPeers): { row: PortfolioRow; registry: BorrowerRegistry } {
    const unit = cache.registry.unit(row.orgNr);
    const facts = unit ? rowFactsOf(unit) : null;
    const decorated: PortfolioRow = {
      ...row,
      registry: facts?.row ?? null,
      peers: peers.row,
      flags: facts && facts.flags.length > 0 ? [...facts.flags, ...row.flags] : row.flags,
    };
    const page = borrowerRegistryFacts(cache.registry, row.orgNr, items, this.deps.clock().toISOString().slice(0, 10));
    return { row: decorated, registry: { enabled: this.deps.enabled(), ...page, peers: this.borrowerPeers(peers, row, page.unit) } };
  }

  private borrowerPeers(peers: StoredPeers, row: PortfolioRow, unit: RegistryUnit | null): BorrowerPeers | null {
    const division = peers.row?.division ?? unit?.naceDivision ?? null;
    if (division === null) return null;
    const group = peers.group && peers.group.division === division ? peers.group : null;
    const positions = peers.row?.ratios ?? {};
    return {
      division,
      name: group?.name ?? null,
      groupSize: peers.row?.groupSize ?? group?.size ?? 0,
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
