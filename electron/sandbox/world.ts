/**
 * The sandbox's state: banks (API clients), their relationships, the borrower companies with their
 * accounting snapshots and notifications, the clock and the tokens. No HTTP here; server.ts maps requests
 * onto these methods and the control handle calls them directly.
 *
 * Ids: the companies generated at start ("the universe") own fixed id blocks (company index x 64 + n), so
 * that a company generated lazily gets the same ids whenever it is generated; everything created later
 * (time advance, page drift, late approvals) draws from a counter above all blocks. Within a company a newer
 * snapshot therefore always has a higher id.
 */
import { randomBytes } from 'node:crypto';
import { mod11CheckDigit } from '../../shared/orgnr';
import {
  CompanyModel,
  comparativeEndDay,
  fetchedText,
  history,
  makeProfile,
  systemLabel,
  type CompanyArchetype,
  type CompanyProfile,
  type NotificationSpec,
  type SnapshotSpec,
} from './company';
import { companyName, slug } from './names';
import { Rng, unit, uuidFrom } from './prng';
import { DAY_MS, DAY_US, dayOf, formatMicros, lastDayOfYear, yearOfDay } from './time';
import type { SandboxClientConfig, SettableRelationshipState, TruthRow } from './types';

const BLOCK = 64;

export interface ItemRec {
  id: number;
  spec: SnapshotSpec;
  json?: Record<string, unknown>;
}

export interface NotificationRec {
  id: number;
  text: string;
  type: string;
  createdUs: number;
}

export interface CompanyRec {
  /** Index in the universe, or -1 for a company first seen in an access request. */
  index: number;
  orgNr: string;
  name: string;
  profile: CompanyProfile;
  model: CompanyModel;
  /** null until generated (lazily). */
  items: ItemRec[] | null;
  notifications: NotificationRec[] | null;
}

export interface RelationshipRec {
  relationshipId: string;
  orgNr: string;
  state: string;
  bankContactEmail: string;
  createdUs: number;
}

export interface ClientRec {
  config: SandboxClientConfig;
  createdUs: number;
  analysts: string[];
  /** Newest first. */
  relationships: RelationshipRec[];
  byOrgNr: Map<string, RelationshipRec>;
  /** Oldest first (ascending id). */
  notifications: NotificationRec[];
  /**
   * The bank's own customer list (org numbers, ascending), as a bank keeps it outside Symetrisk: every relationship
   * the bank started with but a few approved ones (they are the bank's relationships at Symetrisk that its list does
   * not name, so the app shows them as not linked), plus a few customers Symetrisk does not know.
   */
  customers: string[];
}

export interface TokenRec {
  clientId: string;
  scopes: string[];
  expiresUs: number;
}

export interface WorldOptions {
  seed: number;
  borrowers: number;
  nowMs: number;
  frozenClock: boolean;
  tokenTtlSeconds: number;
  clients: SandboxClientConfig[];
}

export class World {
  readonly seed: number;
  readonly startUs: number;
  readonly startDay: number;
  readonly clients = new Map<string, ClientRec>();
  readonly clientOrder: string[] = [];
  readonly companies: CompanyRec[] = [];
  readonly companyByOrgNr = new Map<string, CompanyRec>();
  readonly tokens = new Map<string, TokenRec>();
  tokenTtlSeconds: number;

  private readonly universeSize: number;
  private itemCounter: number;
  private notificationCounter: number;
  private offsetMs = 0;
  private readonly perf0 = performance.now();
  private readonly frozen: boolean;
  private readonly takenNames = new Set<string>();
  private readonly takenOrgNrs = new Set<string>();
  private readonly orgRng: Rng;
  private readonly nameRng: Rng;
  private advances = 0;
  private lateCompanies = 0;

  constructor(opts: WorldOptions) {
    this.seed = opts.seed;
    this.startUs = opts.nowMs * 1000;
    this.startDay = dayOf(opts.nowMs);
    this.frozen = opts.frozenClock;
    this.tokenTtlSeconds = opts.tokenTtlSeconds;
    this.orgRng = Rng.of(this.seed, 'orgnrs');
    this.nameRng = Rng.of(this.seed, 'names');
    for (const c of opts.clients) this.takenOrgNrs.add(c.bankOrgNr);

    // The universe: bank k's j-th borrower; every tenth borrower of a further bank is one of the first
    // bank's (a company can borrow from several banks; each bank sees only its own relationship).
    const perClient: CompanyRec[][] = [];
    opts.clients.forEach((config, k) => {
      const list: CompanyRec[] = [];
      const n = config.borrowers ?? opts.borrowers;
      for (let j = 0; j < n; j++) {
        const shared = k > 0 && j % 10 === 0 ? perClient[0]?.[j] : undefined;
        list.push(shared ?? this.newCompany(this.companies.length));
      }
      perClient.push(list);
    });
    this.universeSize = this.companies.length;
    this.itemCounter = this.universeSize * BLOCK;
    this.notificationCounter = this.universeSize * BLOCK;

    opts.clients.forEach((config, k) => {
      const rng = Rng.of(this.seed, 'bank', config.clientId);
      const domain = `${slug(config.bankName) || 'bank'}.no`;
      const analysts = ['kredittanalyse', 'bedriftsmarked', `${rng.pick(['kari', 'ola', 'ingrid', 'lars'])}.${rng.pick(['berg', 'lund', 'dahl', 'moen'])}`].map(
        (a) => `${a}@${domain}`,
      );
      const client: ClientRec = {
        config,
        createdUs: this.startUs - rng.int(400, 900) * DAY_US,
        analysts,
        relationships: [],
        byOrgNr: new Map(),
        notifications: [],
        customers: [],
      };
      const events: NotificationSpec[] = [];
      perClient[k]!.forEach((company, j) => {
        const rel = this.initialRelationship(client, company, j);
        client.relationships.push(rel);
        client.byOrgNr.set(company.orgNr, rel);
        events.push(...this.relationshipEvents(rel, company));
      });
      events.push({ text: `Welcome to Symetrisk, ${config.bankName}`, type: 'information', createdUs: client.createdUs });
      if (k === 0) this.placeArchetypes(perClient[0]!, client);
      client.customers = this.customerList(client);
      client.relationships.sort((a, b) => b.createdUs - a.createdUs);
      events.sort((a, b) => a.createdUs - b.createdUs);
      client.notifications = events.filter((e) => e.createdUs <= this.startUs).map((e) => this.notification(e));
      this.clients.set(config.clientId, client);
      this.clientOrder.push(config.clientId);
    });
  }

  // ---- clock ----------------------------------------------------------------------------------------------

  nowMs(): number {
    return this.startUs / 1000 + this.offsetMs + (this.frozen ? 0 : performance.now() - this.perf0);
  }

  nowUs(): number {
    return Math.floor(this.nowMs() * 1000);
  }

  today(): number {
    return dayOf(this.nowMs());
  }

  // ---- generation -----------------------------------------------------------------------------------------

  private newOrgNr(): string {
    for (;;) {
      const first8 = `${this.orgRng.chance(0.5) ? 8 : 9}${String(this.orgRng.int(0, 9_999_999)).padStart(7, '0')}`;
      const check = mod11CheckDigit(first8);
      if (check === null) continue;
      const orgNr = `${first8}${check}`;
      if (this.takenOrgNrs.has(orgNr)) continue;
      this.takenOrgNrs.add(orgNr);
      return orgNr;
    }
  }

  private newCompany(index: number): CompanyRec {
    const orgNr = this.newOrgNr();
    const name = companyName(this.nameRng, this.takenNames);
    return this.addCompany(index, orgNr, name, makeProfile(this.seed, orgNr, name, this.startDay));
  }

  private addCompany(index: number, orgNr: string, name: string, profile: CompanyProfile): CompanyRec {
    const rec: CompanyRec = {
      index,
      orgNr,
      name,
      profile,
      model: new CompanyModel(this.seed, profile),
      items: null,
      notifications: null,
    };
    this.companies.push(rec);
    this.companyByOrgNr.set(orgNr, rec);
    return rec;
  }

  /**
   * The first bank's first two approved borrowers (in generation order) become the loss-maker with net debt and
   * the loss-maker with net cash, so that every world, the Demo's included, holds both. Their org number, name,
   * system, contact and dates stay what the seed gave them; only the financial shape changes.
   */
  private placeArchetypes(companies: CompanyRec[], client: ClientRec): void {
    const archetypes: CompanyArchetype[] = ['loss_net_debt', 'loss_net_cash'];
    const approved = companies.filter((c) => client.byOrgNr.get(c.orgNr)?.state === 'access_approved');
    approved.slice(0, archetypes.length).forEach((company, i) => {
      company.profile = makeProfile(this.seed, company.orgNr, company.name, this.startDay, { archetype: archetypes[i]! });
      company.model = new CompanyModel(this.seed, company.profile);
    });
  }

  /**
   * The bank's customer list (see ClientRec.customers). Left out: min(4, approved / 6) of the approved relationships,
   * chosen by the seed among all but the first two approved (the placed loss-makers stay on the list); added: two
   * valid numbers no bank has a relationship with. Relationships are still in generation order here.
   */
  private customerList(client: ClientRec): string[] {
    const approved = client.relationships.filter((r) => r.state === 'access_approved').map((r) => r.orgNr);
    const rng = Rng.of(this.seed, 'customer-list', client.config.clientId);
    const unlisted = new Set(rng.shuffle(approved.slice(2)).slice(0, Math.min(4, Math.floor(approved.length / 6))));
    const unknown: string[] = [];
    while (unknown.length < 2) {
      const first8 = `${rng.chance(0.5) ? 8 : 9}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
      const check = mod11CheckDigit(first8);
      const orgNr = `${first8}${check}`;
      if (check === null || this.takenOrgNrs.has(orgNr)) continue;
      this.takenOrgNrs.add(orgNr);
      unknown.push(orgNr);
    }
    return [...client.relationships.map((r) => r.orgNr).filter((o) => !unlisted.has(o)), ...unknown].sort();
  }

  /** A company first seen in an access request: not connected yet, named from its org number. */
  private lateCompany(orgNr: string): CompanyRec {
    this.takenOrgNrs.add(orgNr);
    const name = companyName(Rng.of(this.seed, 'late-name', orgNr), this.takenNames);
    // Not connected until approved: history starts then (see approve()).
    const profile = makeProfile(this.seed, orgNr, name, this.startDay, { connectedDay: Number.MAX_SAFE_INTEGER });
    const rec = this.addCompany(-1, orgNr, name, profile);
    rec.items = [];
    rec.notifications = [];
    return rec;
  }

  private initialRelationship(client: ClientRec, company: CompanyRec, j: number): RelationshipRec {
    const rng = Rng.of(this.seed, 'rel', client.config.clientId, company.orgNr, j);
    const r = rng.next();
    const state =
      r < 0.78 ? 'access_approved' : r < 0.9 ? 'access_requested' : r < 0.95 ? 'access_denied' : 'access_revoked';
    const time = rng.int(8 * 3600, 16 * 3600) * 1_000_000 + rng.int(0, 999_999);
    let day: number;
    if (state === 'access_approved') day = company.profile.connectedDay - rng.int(1, 25);
    else if (state === 'access_requested') day = this.startDay - rng.int(1, 45);
    else day = this.startDay - rng.int(60, 500);
    return {
      relationshipId: uuidFrom(this.seed, client.config.clientId, company.orgNr),
      orgNr: company.orgNr,
      state,
      bankContactEmail: rng.pick(client.analysts),
      createdUs: Math.min(day * DAY_US + time, this.startUs - 1_000_000),
    };
  }

  private relationshipEvents(rel: RelationshipRec, company: CompanyRec): NotificationSpec[] {
    const upper = company.name.toUpperCase();
    const out: NotificationSpec[] = [
      { text: `Access requested for borrower ${upper}`, type: 'information', createdUs: rel.createdUs + 2_000_000 },
    ];
    const later = rel.createdUs + unit(this.seed, 'later', rel.relationshipId) * 20 * DAY_US + 3_600_000_000;
    if (rel.state === 'access_approved') {
      out.push({ text: `Borrower ${upper} approved your access request`, type: 'information', createdUs: later });
      out.push({ text: fetchedText(company.profile), type: 'data_refresh', createdUs: later + 60_000_000 });
    } else if (rel.state === 'access_denied') {
      out.push({ text: `Borrower ${upper} denied your access request`, type: 'warning', createdUs: later });
    } else if (rel.state === 'access_revoked') {
      out.push({ text: `Borrower ${upper} approved your access request`, type: 'information', createdUs: later });
      out.push({ text: `Borrower ${upper} revoked your access`, type: 'warning', createdUs: later + 40 * DAY_US });
    }
    return out;
  }

  private notification(spec: NotificationSpec, id?: number): NotificationRec {
    return { id: id ?? ++this.notificationCounter, text: spec.text, type: spec.type, createdUs: spec.createdUs };
  }

  /** Generates a company's snapshots and notifications on first use. */
  materialize(company: CompanyRec): { items: ItemRec[]; notifications: NotificationRec[] } {
    if (company.items && company.notifications) return { items: company.items, notifications: company.notifications };
    const h = history(this.seed, company.profile, this.startUs);
    const base = company.index * BLOCK;
    // Both lists are oldest first; a company with more than a block keeps its newest (never in practice).
    const snaps = h.snapshots.slice(-BLOCK);
    const notes = h.notifications.slice(-BLOCK);
    company.items = snaps.map((spec, i) => ({ id: base + i + 1, spec }));
    company.notifications = notes.map((n, i) => this.notification(n, base + i + 1));
    return { items: company.items, notifications: company.notifications };
  }

  itemJson(company: CompanyRec, item: ItemRec): Record<string, unknown> {
    if (!item.json) {
      item.json = {
        id: item.id,
        data: company.model.data(item.spec),
        snapshotDate: formatDayOf(item.spec.endDay),
        fetchedAt: formatMicros(item.spec.fetchedUs),
        origin: 'api',
        accountingSystem: company.profile.accountingSystem,
      };
    }
    return item.json;
  }

  // ---- relationships --------------------------------------------------------------------------------------

  client(clientId?: string): ClientRec {
    const id = clientId ?? this.clientOrder[0]!;
    const c = this.clients.get(id);
    if (!c) throw new Error(`Unknown sandbox client ${id}`);
    return c;
  }

  approvedAnywhere(orgNr: string): boolean {
    for (const c of this.clients.values()) if (c.byOrgNr.get(orgNr)?.state === 'access_approved') return true;
    return false;
  }

  setRelationshipState(orgNr: string, state: SettableRelationshipState, clientId?: string): void {
    const client = this.client(clientId);
    const rel = client.byOrgNr.get(orgNr);
    if (!rel) throw new Error(`No relationship with ${orgNr} for client ${client.config.clientId}`);
    const allowed: readonly string[] = ['access_approved', 'access_denied', 'access_revoked'];
    if (!allowed.includes(state)) throw new Error(`Cannot set state ${state}`);
    if (rel.state === state) return;
    rel.state = state;
    const company = this.companyByOrgNr.get(orgNr)!;
    const upper = company.name.toUpperCase();
    const now = this.nowUs();
    if (state === 'access_approved') {
      if (company.index === -1 && company.items?.length === 0) this.connectLate(company);
      this.pushBank(client, { text: `Borrower ${upper} approved your access request`, type: 'information', createdUs: now });
    } else if (state === 'access_denied') {
      this.pushBank(client, { text: `Borrower ${upper} denied your access request`, type: 'warning', createdUs: now });
    } else {
      this.pushBank(client, { text: `Borrower ${upper} revoked your access`, type: 'warning', createdUs: now });
    }
  }

  /** A borrower first seen in an access request onboards now: closed years and a year-to-date snapshot. */
  private connectLate(company: CompanyRec): void {
    company.profile = makeProfile(this.seed, company.orgNr, company.name, this.startDay, { connectedDay: this.today() });
    company.model = new CompanyModel(this.seed, company.profile);
    const h = history(this.seed, company.profile, this.nowUs() + DAY_US);
    // Connection time is "now": shift the generated office-hours times onto the clock.
    const shift = this.nowUs() - (h.snapshots[0]?.fetchedUs ?? this.nowUs());
    company.items = h.snapshots.map((spec) => ({ id: ++this.itemCounter, spec: { ...spec, fetchedUs: spec.fetchedUs + shift } }));
    company.notifications = h.notifications.map((n) => this.notification({ ...n, createdUs: n.createdUs + shift }));
  }

  private pushBank(client: ClientRec, spec: NotificationSpec): void {
    client.notifications.push(this.notification(spec));
  }

  /** POST /relationship for one org number (already validated): creates or renews a request. */
  requestAccess(clientId: string, orgNr: string, bankContactEmail: string): { ok: boolean; message: string } {
    const client = this.client(clientId);
    const existing = client.byOrgNr.get(orgNr);
    if (existing?.state === 'access_approved') {
      return { ok: false, message: 'Access to this borrower is already approved' };
    }
    const company = this.companyByOrgNr.get(orgNr) ?? this.lateCompany(orgNr);
    const now = this.nowUs();
    if (existing) {
      // A renewed request after a denial or revocation, or a reminder: the same relationship, pending again.
      existing.state = 'access_requested';
      existing.bankContactEmail = bankContactEmail;
    } else {
      const rel: RelationshipRec = {
        relationshipId: uuidFrom(this.seed, clientId, orgNr, 'requested', now),
        orgNr,
        state: 'access_requested',
        bankContactEmail,
        createdUs: now,
      };
      client.relationships.unshift(rel);
      client.byOrgNr.set(orgNr, rel);
    }
    this.pushBank(client, {
      text: `Access requested for borrower ${company.name.toUpperCase()}`,
      type: 'information',
      createdUs: now,
    });
    return { ok: true, message: '' };
  }

  // ---- time -----------------------------------------------------------------------------------------------

  advanceTime(opts: { days: number; seconds?: number; share?: number; orgNrs?: string[] }): { changedOrgNrs: string[] } {
    const days = Number(opts.days ?? 0);
    const seconds = Number(opts.seconds ?? 0);
    if (!Number.isFinite(days) || days < 0 || !Number.isFinite(seconds) || seconds < 0) {
      throw new Error('days and seconds must be non-negative numbers');
    }
    const share = opts.share ?? 1;
    this.offsetMs += days * DAY_MS + seconds * 1000;
    this.advances++;
    const only = opts.orgNrs ? new Set(opts.orgNrs) : null;
    const changed: string[] = [];
    for (const company of this.companies) {
      if (only && !only.has(company.orgNr)) continue;
      if (!this.approvedAnywhere(company.orgNr)) continue;
      if (!only && unit(this.seed, 'advance', this.advances, company.orgNr) >= share) continue;
      this.refresh(company, Rng.of(this.seed, 'refresh', this.advances, company.orgNr));
      changed.push(company.orgNr);
    }
    return { changedOrgNrs: changed };
  }

  /** A refresh of one company at the current clock: new snapshots, maybe a restatement, notifications. */
  refresh(company: CompanyRec, rng: Rng): void {
    const { items, notifications } = this.materialize(company);
    const now = this.nowUs();
    const today = this.today();
    const system = systemLabel(company.profile.accountingSystem);
    const upper = company.name.toUpperCase();
    const last = items[items.length - 1]?.spec;
    const latestEnd = items.reduce((m, i) => Math.max(m, i.spec.endDay), 0);
    const endDay = Math.max(today - rng.int(0, 1), latestEnd);
    const year = yearOfDay(endDay);
    let t = now;
    const add = (spec: Omit<SnapshotSpec, 'fetchedUs'>): void => {
      items.push({ id: ++this.itemCounter, spec: { ...spec, fetchedUs: (t += rng.int(100_000, 900_000)) } });
    };
    const finals = new Set(items.filter((i) => i.spec.endDay === lastDayOfYear(i.spec.year)).map((i) => i.spec.year));
    const fromYear = last ? Math.max(...items.map((i) => i.spec.year)) : year - company.profile.fullYears;
    for (let y = fromYear; y < year; y++) if (!finals.has(y)) add({ year: y, endDay: lastDayOfYear(y), version: 0 });
    // The same period last year comes with the year to date, just before it (the newest item stays the year to date).
    const cmp = company.profile.comparatives ? comparativeEndDay(this.seed, company.orgNr, endDay) : null;
    if (cmp !== null && !items.some((i) => i.spec.year === year - 1 && i.spec.endDay === cmp && i.spec.version === 0 && !i.spec.revision)) {
      // No draw from rng: the refresh's other outcomes (restatements, notices) stay what they were without it.
      items.push({ id: ++this.itemCounter, spec: { year: year - 1, endDay: cmp, version: 0, fetchedUs: (t += 50_000) } });
    }
    add({ year, endDay, version: 0 });
    const newest = items[items.length - 1]!;
    notifications.push(
      this.notification({
        text: `New accounting data from ${system} for borrower ${upper}: ${year} up to ${formatDayOf(endDay)}`,
        type: 'data_refresh',
        createdUs: t + 1_000_000,
      }),
    );
    const closed = [...finals].filter((y) => y < year);
    if (closed.length > 0 && rng.chance(0.06)) {
      const y = closed[rng.int(0, closed.length - 1)]!;
      const version = 1 + items.filter((i) => i.spec.year === y && i.spec.version > 0).length;
      add({ year: y, endDay: lastDayOfYear(y), version });
      notifications.push(
        this.notification({ text: `Restated figures for ${y} received from ${system} for borrower ${upper}`, type: 'warning', createdUs: t + 2_000_000 }),
      );
    }
    const equity = company.model.snapshotFigures(newest.spec).balance_items.equity;
    if (equity < 0 && rng.chance(0.3)) {
      notifications.push(
        this.notification({ text: `Borrower ${upper} reports negative equity`, type: 'warning', createdUs: t + 3_000_000 }),
      );
    }
    for (const client of this.clients.values()) {
      if (client.byOrgNr.get(company.orgNr)?.state === 'access_approved') {
        this.pushBank(client, { text: fetchedText(company.profile), type: 'data_refresh', createdUs: t + 1_000_000 });
      }
    }
  }

  // ---- revisions ------------------------------------------------------------------------------------------

  /**
   * A revised year to date, as when a borrower corrects its books: a new snapshot of the company's latest
   * year-to-date window (same start and end, fetched now) with revenue and expenses changed by the given shares,
   * and a warning notification. For the control API; the company needs an approved relationship.
   */
  reviseYtd(opts: { orgNr: string; revenueChange?: number; expenseChange?: number }): {
    orgNr: string;
    itemId: number;
    revisedItemId: number;
    year: number;
    endDate: string;
  } {
    const revenueChange = opts.revenueChange ?? -0.1;
    const expenseChange = opts.expenseChange ?? 0;
    for (const x of [revenueChange, expenseChange]) {
      if (!Number.isFinite(x) || x <= -1 || x > 10) throw new Error('revenueChange and expenseChange must be shares above -1 (e.g. -0.1 for 10 % lower)');
    }
    const company = this.companyByOrgNr.get(opts.orgNr);
    if (!company) throw new Error(`No borrower ${opts.orgNr} in the sandbox`);
    if (!this.approvedAnywhere(company.orgNr)) throw new Error(`Borrower ${opts.orgNr} has no approved relationship`);
    const { items, notifications } = this.materialize(company);
    const ytds = items.filter((i) => i.spec.endDay < lastDayOfYear(i.spec.year));
    if (ytds.length === 0) throw new Error(`Borrower ${opts.orgNr} has no year-to-date snapshot to revise`);
    const latestEnd = Math.max(...ytds.map((i) => i.spec.endDay));
    // The latest version of the latest window: a second revision builds on the first.
    const current = ytds.filter((i) => i.spec.endDay === latestEnd).reduce((a, b) => (b.spec.fetchedUs > a.spec.fetchedUs ? b : a));
    const now = Math.max(this.nowUs(), current.spec.fetchedUs + 1);
    const base = current.spec.revision;
    // Changes compound on the figures as last delivered.
    const revision = base
      ? { revenueChange: (1 + base.revenueChange) * (1 + revenueChange) - 1, expenseChange: (1 + base.expenseChange) * (1 + expenseChange) - 1 }
      : { revenueChange, expenseChange };
    const rec: ItemRec = { id: ++this.itemCounter, spec: { year: current.spec.year, endDay: current.spec.endDay, fetchedUs: now, version: current.spec.version, revision } };
    items.push(rec);
    const upper = company.name.toUpperCase();
    const system = systemLabel(company.profile.accountingSystem);
    notifications.push(
      this.notification({
        text: `Revised figures for ${current.spec.year} up to ${formatDayOf(current.spec.endDay)} received from ${system} for borrower ${upper}`,
        type: 'warning',
        createdUs: now + 1_000_000,
      }),
    );
    return { orgNr: company.orgNr, itemId: current.id, revisedItemId: rec.id, year: current.spec.year, endDate: formatDayOf(current.spec.endDay) };
  }

  // ---- page drift -----------------------------------------------------------------------------------------

  /** Adds one item at the head of a listing (page-drift fault). */
  drift(kind: 'relationships' | 'accountingData' | 'notifications' | 'borrowerNotifications', clientId: string, orgNr?: string): void {
    const client = this.client(clientId);
    if (kind === 'relationships') {
      const orgNr = this.newOrgNr();
      this.requestAccess(clientId, orgNr, client.analysts[0]!);
    } else if (kind === 'notifications') {
      this.pushBank(client, { text: 'Fetched data from Fiken', type: 'information', createdUs: this.nowUs() });
    } else if (orgNr) {
      const company = this.companyByOrgNr.get(orgNr);
      if (!company) return;
      if (kind === 'accountingData') this.refresh(company, Rng.of(this.seed, 'drift', this.itemCounter, orgNr));
      else {
        this.materialize(company).notifications.push(
          this.notification({ text: fetchedText(company.profile), type: 'information', createdUs: this.nowUs() }),
        );
      }
    }
  }

  // ---- tokens ---------------------------------------------------------------------------------------------

  issueToken(clientId: string, scopes: string[]): { token: string; expiresIn: number } {
    const now = this.nowUs();
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    // Shaped like Cognito's JWT access tokens (clients must treat them as opaque); the signature is random.
    const token = [
      b64({ kid: 'sandbox', alg: 'RS256' }),
      b64({
        sub: clientId,
        token_use: 'access',
        scope: scopes.join(' '),
        iss: 'symetrisk-sandbox',
        exp: Math.floor(now / 1e6) + this.tokenTtlSeconds,
        iat: Math.floor(now / 1e6),
        jti: randomBytes(8).toString('hex'),
        client_id: clientId,
      }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    this.tokens.set(token, { clientId, scopes, expiresUs: now + this.tokenTtlSeconds * 1e6 });
    return { token, expiresIn: this.tokenTtlSeconds };
  }

  expireAllTokens(): void {
    this.tokens.clear();
  }

  // ---- ground truth ---------------------------------------------------------------------------------------

  truth(clientId?: string): TruthRow[] {
    const client = this.client(clientId);
    return client.relationships.map((rel) => {
      const approved = rel.state === 'access_approved';
      const company = this.companyByOrgNr.get(rel.orgNr)!;
      const m = approved ? this.materialize(company) : null;
      return {
        orgNr: rel.orgNr,
        relationshipId: rel.relationshipId,
        state: rel.state,
        accountingItems: m ? m.items.length : 0,
        notifications: m ? m.notifications.length : 0,
      };
    });
  }
}

function formatDayOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
