/**
 * HTTP for the registry sandbox: Enhetsregisteret (/enhetsregisteret/api) and Regnskapsregisteret
 * (/regnskapsregisteret/regnskap) as ../shared/brreg-api-notes.md describes them (media types, omitted fields,
 * the 400/404/410/500 bodies, paging rules), and its control API (/_control/registry, never faulted). Served by
 * the Symetrisk sandbox's server on the same origin: both real hosts are data.brreg.no.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CHANGE_TYPES, MEDIA_TYPES, REGISTRY_LIMITS, REGISTRY_PREFIXES, type ChangeType } from '../../../shared/registry/defaults';
import { Delivery, type Reply } from '../delivery';
import { FaultConfigSchema, type Faults, type RequestFaults } from '../faults';
import { uuidFrom } from '../prng';
import type { Stats } from '../server';
import type { FaultConfig, SandboxStats } from '../types';
import { SETTABLE_STATUSES, type FeedEvent, type RegistryRole, type RegistryWorld, type SettableStatus } from './registry-world';

export const REGISTRY_CONTROL_PREFIX = '/_control/registry';
const ENH = REGISTRY_PREFIXES.enhetsregisteret;
const REG = REGISTRY_PREFIXES.regnskapsregisteret;

/** A fault aimed at the answers about one org number (a unit lookup, a batch that includes it, its accounts). */
export interface RegistryFaultTarget {
  orgNr: string;
  /** Default: both APIs. */
  api?: 'enhetsregisteret' | 'regnskapsregisteret';
  /** `bad_shape`: 200 with JSON that parses but does not follow the schema. `slow`: the body dribbles out over `ms`. */
  mode: 'malformed' | 'truncated' | 'bad_shape' | 'error500' | 'slow' | 'drop';
  ms?: number;
}

/** The Symetrisk sandbox's fault modes, applied to the registry's API paths, plus faults aimed at one unit. */
export interface RegistryFaultConfig extends Omit<FaultConfig, 'earlyTokenExpiryRate' | 'pageDrift'> {
  targets?: RegistryFaultTarget[];
}

const TargetSchema = z.strictObject({
  orgNr: z.string().regex(/^\d{9}$/),
  api: z.enum(['enhetsregisteret', 'regnskapsregisteret']).optional(),
  mode: z.enum(['malformed', 'truncated', 'bad_shape', 'error500', 'slow', 'drop']),
  ms: z.number().min(0).optional(),
});
export const RegistryFaultConfigSchema = FaultConfigSchema.omit({ earlyTokenExpiryRate: true, pageDrift: true }).extend({
  targets: z.array(TargetSchema).optional(),
});

/** The in-process control handle of the registry sandbox (the HTTP control API does the same). */
export interface RegistryControl {
  /** The seeded cases: role -> org number (see docs/registry.md). */
  roles(): Partial<Record<RegistryRole, string>>;
  /** Gives a unit a status from today (the sandbox clock) and publishes it in the change feed. */
  setStatus(orgNr: string, status: SettableStatus): { oppdateringsid: number };
  /** Files the accounts of `year` now: sisteInnsendteAarsregnskap moves, the feed says so. */
  fileAccounts(orgNr: string, year: number): { oppdateringsid: number };
  /** Publishes a feed item without changing the unit (a client must fetch the unit again and find it unchanged). */
  publish(orgNr: string, endringstype: ChangeType): { oppdateringsid: number };
  /** The highest published feed id, or null before the first. */
  feedHead(): number | null;
  setFaults(f: RegistryFaultConfig): void;
  getFaults(): RegistryFaultConfig;
  stats(): SandboxStats;
  resetStats(): void;
}

export const REGISTRY_CONTROL_ENDPOINTS = [
  `GET  ${REGISTRY_CONTROL_PREFIX}/roles`,
  `POST ${REGISTRY_CONTROL_PREFIX}/status {orgNr, status: ${SETTABLE_STATUSES.join('|')}}`,
  `POST ${REGISTRY_CONTROL_PREFIX}/file-accounts {orgNr, year}`,
  `POST ${REGISTRY_CONTROL_PREFIX}/publish {orgNr, endringstype: ${CHANGE_TYPES.join('|')}}`,
  `GET  ${REGISTRY_CONTROL_PREFIX}/feed-head`,
  `GET  ${REGISTRY_CONTROL_PREFIX}/faults`,
  `PUT  ${REGISTRY_CONTROL_PREFIX}/faults {FaultConfig, targets?: [{orgNr, api?, mode, ms?}]}`,
  `GET  ${REGISTRY_CONTROL_PREFIX}/stats`,
  `POST ${REGISTRY_CONTROL_PREFIX}/stats/reset`,
];


const json = (status: number, value: unknown, contentType: string = MEDIA_TYPES.json): Reply => ({
  status,
  body: JSON.stringify(value),
  headers: { 'Content-Type': contentType },
});
/** 404 "uten innhold": no body at all. */
const NOT_FOUND: Reply = { status: 404, body: '', headers: {} };
const ENHET_TYPE = `${MEDIA_TYPES.enhet};charset=UTF-8`;
const FEED_TYPE = `${MEDIA_TYPES.oppdateringEnhet};charset=UTF-8`;

/** "2021-05-28T11:34:33.435+0000", as Spring writes it. */
function springTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

interface Validation {
  feilmelding: string;
  parametere: string[];
  feilaktigVerdi?: string;
}

function badRequest(path: string, errors: Validation[], nowMs: number): Reply {
  return json(400, {
    tidsstempel: nowMs,
    status: 400,
    feilmelding: 'Feilaktig forespørsel',
    sti: path,
    antallFeil: errors.length,
    valideringsfeil: errors,
  });
}

/** Whether the Accept header allows one of the offered types (absent, star or a listed type). */
function accepts(header: string | undefined, offered: readonly string[]): boolean {
  if (!header || header.trim() === '') return true;
  const wanted = header.split(',').map((p) => p.split(';')[0]!.trim().toLowerCase());
  return wanted.some((w) => w === '*/*' || w === 'application/*' || offered.includes(w));
}

const ORGNR_MESSAGE = 'Organisasjonsnummer må være et nummer med nøyaktig 9 siffer';

export class RegistryServer {
  private targets: RegistryFaultTarget[] = [];

  constructor(
    private readonly world: RegistryWorld,
    private readonly faults: Faults,
    private readonly stats: Stats,
  ) {
    this.delivery = new Delivery(faults, ['<html><body>Tjenesten er midlertidig utilgjengelig</body></html>']);
  }

  private readonly delivery: Delivery;

  /** The in-process control handle. */
  readonly control: RegistryControl = {
    roles: () => this.world.roleTable(),
    setStatus: (orgNr, status) => ({ oppdateringsid: this.world.setStatus(orgNr, status).id }),
    fileAccounts: (orgNr, year) => ({ oppdateringsid: this.world.fileAccounts(orgNr, year).id }),
    publish: (orgNr, endringstype) => {
      if (!this.world.knows(orgNr)) throw new Error(`The registry sandbox has no unit ${orgNr}`);
      return { oppdateringsid: this.world.publishNow(orgNr, endringstype, []).id };
    },
    feedHead: () => {
      this.world.catchUp();
      return this.world.feed[this.world.feed.length - 1]?.id ?? null;
    },
    setFaults: (f) => {
      const parsed = RegistryFaultConfigSchema.parse(f);
      const { targets, ...rest } = parsed;
      this.faults.set(rest as FaultConfig);
      this.targets = (targets ?? []) as RegistryFaultTarget[];
    },
    getFaults: () => ({ ...(this.faults.get() as RegistryFaultConfig), ...(this.targets.length ? { targets: structuredClone(this.targets) } : {}) }),
    stats: () => this.stats.snapshot(),
    resetStats: () => this.stats.reset(),
  };

  /** True for every path this server answers (the two APIs and its control API). */
  handles(path: string): boolean {
    const under = (prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
    return under(ENH) || under(REG) || under(REGISTRY_CONTROL_PREFIX);
  }

  /** Cancels pending delayed answers (close()). */
  cancelTimers(): void {
    this.delivery.cancelTimers();
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const path = url.pathname;
    if (path === REGISTRY_CONTROL_PREFIX || path.startsWith(`${REGISTRY_CONTROL_PREFIX}/`)) {
      return this.delivery.write(res, this.controlRoute(req.method ?? 'GET', path.slice(REGISTRY_CONTROL_PREFIX.length), body));
    }
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const route = this.match(path);
    this.stats.hit(route?.name ?? 'unknown');
    const f = this.faults.forApi();
    if (f.drop) {
      this.faults.count('drop');
      req.socket.destroy();
      return;
    }
    const deliver = (reply: Reply, extra: Partial<RequestFaults> = {}): void => this.delivery.deliver(res, reply, { ...f, ...extra });
    if (f.rateLimited) {
      this.faults.count('rateLimit');
      const retryAfter = String(this.faults.rateLimit()!.retryAfterSeconds);
      return deliver({ status: 429, body: '', headers: { 'Retry-After': retryAfter } });
    }
    if (f.status !== null) {
      this.faults.count(`error${f.status}`);
      if (f.status === 500) return deliver(this.serverError(path, 'Internal Server Error', route?.api === 'regnskapsregisteret'));
      return deliver({ status: f.status, body: `<html><body><h1>${f.status}</h1></body></html>`, headers: { 'Content-Type': 'text/html', ...(f.status === 503 ? { 'Retry-After': '1' } : {}) } });
    }
    if (!route) return deliver(NOT_FOUND);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deliver({ status: 405, body: '', headers: { Allow: 'GET' } });
    const reply = this.answer(route, req, url, origin);
    const target = this.targetFor(route, url, reply);
    if (!target) return deliver(reply);
    this.faults.count(`target:${target.mode}`);
    switch (target.mode) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'error500':
        return deliver(this.serverError(path, 'Internal Server Error', route.api === 'regnskapsregisteret'));
      case 'malformed':
        return deliver({ ...reply, status: 200, body: '<html><body>Midlertidig utilgjengelig</body></html>' });
      case 'truncated':
        return deliver({ ...reply, status: 200, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) });
      case 'bad_shape':
        return deliver({ ...reply, status: 200, body: JSON.stringify(badShape(route.name, reply.body)) });
      case 'slow':
        return deliver(reply, { slowBodyMs: target.ms ?? 2000 });
    }
  }

  private match(path: string): { name: 'enhet' | 'enheter' | 'oppdateringer' | 'regnskap'; api: 'enhetsregisteret' | 'regnskapsregisteret'; orgNr: string } | null {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^${ENH}/enheter/([^/]+)/?$`).exec(path))) return { name: 'enhet', api: 'enhetsregisteret', orgNr: decode(m[1]!) };
    if (new RegExp(`^${ENH}/enheter/?$`).test(path)) return { name: 'enheter', api: 'enhetsregisteret', orgNr: '' };
    if (new RegExp(`^${ENH}/oppdateringer/enheter/?$`).test(path)) return { name: 'oppdateringer', api: 'enhetsregisteret', orgNr: '' };
    if ((m = new RegExp(`^${REG}/([^/]+)/?$`).exec(path))) return { name: 'regnskap', api: 'regnskapsregisteret', orgNr: decode(m[1]!) };
    return null;
  }

  private targetFor(route: NonNullable<ReturnType<RegistryServer['match']>>, url: URL, reply: Reply): RegistryFaultTarget | undefined {
    if (this.targets.length === 0 || route.name === 'oppdateringer' || reply.status >= 500) return undefined;
    const involved = route.name === 'enheter' ? (url.searchParams.get('organisasjonsnummer') ?? '').split(',') : [route.orgNr];
    return this.targets.find((t) => (t.api === undefined || t.api === route.api) && involved.includes(t.orgNr));
  }

  private serverError(path: string, message: string, regnskap: boolean): Reply {
    const now = this.world.nowMs();
    return json(500, {
      timestamp: springTime(now),
      // Regnskapsregisteret writes the status as a string.
      status: regnskap ? '500' : 500,
      error: 'Internal Server Error',
      message,
      path,
      trace: uuidFrom('registry-trace', path, now),
    });
  }

  private answer(route: NonNullable<ReturnType<RegistryServer['match']>>, req: IncomingMessage, url: URL, origin: string): Reply {
    const accept = req.headers.accept;
    switch (route.name) {
      case 'enhet': {
        if (!accepts(accept, [MEDIA_TYPES.enhet, MEDIA_TYPES.json, 'application/hal+json'])) return { status: 406, body: '', headers: {} };
        if (!/^\d{9}$/.test(route.orgNr)) {
          return badRequest(url.pathname, [{ feilmelding: ORGNR_MESSAGE, parametere: [route.orgNr], feilaktigVerdi: route.orgNr }], this.world.nowMs());
        }
        const state = this.world.unitState(route.orgNr, origin);
        if (state.kind === 'unknown') return NOT_FOUND;
        if (state.kind === 'removed') return json(410, state.json);
        return json(200, state.json, ENHET_TYPE);
      }
      case 'enheter':
        if (!accepts(accept, [MEDIA_TYPES.enhet, MEDIA_TYPES.json, 'application/hal+json'])) return { status: 406, body: '', headers: {} };
        return this.search(url, origin);
      case 'oppdateringer':
        // The change feed declares 415 for a media type it does not serve.
        if (!accepts(accept, [MEDIA_TYPES.oppdateringEnhet, MEDIA_TYPES.json, 'application/hal+json'])) return { status: 415, body: '', headers: {} };
        return this.changes(url, origin);
      case 'regnskap': {
        if (!accepts(accept, [MEDIA_TYPES.json, 'application/ld+json'])) return { status: 406, body: '', headers: {} };
        if (!/^\d+$/.test(route.orgNr)) {
          return json(400, { timestamp: springTime(this.world.nowMs()), status: '400', error: 'Bad Request', message: 'Ugyldig organisasjonsnummer', path: url.pathname });
        }
        // Public access ignores år and regnskapstype: always the latest SELSKAP accounts.
        const state = this.world.filingState(route.orgNr);
        if (state.kind === 'none') return NOT_FOUND;
        if (state.kind === 'unsupported') {
          return this.serverError(url.pathname, `Regnskapet inneholder en oppstillingsplan som ikke er stottet (${state.layout})`, true);
        }
        return json(200, state.json);
      }
    }
  }

  /** page, size and the (page + 1) * size <= 10,000 rule shared by the search and the feed. */
  private paging(url: URL, errors: Validation[], maxSize: number): { page: number; size: number } {
    const read = (name: string, fallback: number, min: number, max: number): number => {
      const raw = url.searchParams.get(name);
      if (raw === null) return fallback;
      const n = Number(raw);
      if (!/^\d{1,9}$/.test(raw) || n < min || n > max) {
        errors.push({ feilmelding: `${name} må være et heltall fra ${min} til ${max}`, parametere: [name], feilaktigVerdi: raw });
        return fallback;
      }
      return n;
    };
    const page = read('page', 0, 0, REGISTRY_LIMITS.pageWindow);
    const size = read('size', 20, 1, maxSize);
    if ((page + 1) * size > REGISTRY_LIMITS.pageWindow) {
      errors.push({
        feilmelding: `Paginering: (page + 1) * size kan ikke være større enn ${REGISTRY_LIMITS.pageWindow}`,
        parametere: ['page', 'size'],
        feilaktigVerdi: `${page},${size}`,
      });
    }
    return { page, size };
  }

  private orgNrList(url: URL, errors: Validation[], max: number | null): string[] | null {
    const raw = url.searchParams.get('organisasjonsnummer');
    if (raw === null) return null;
    const list = raw.split(',').map((s) => s.trim());
    for (const o of list) if (!/^\d{9}$/.test(o)) errors.push({ feilmelding: ORGNR_MESSAGE, parametere: ['organisasjonsnummer'], feilaktigVerdi: o });
    if (max !== null && list.length > max) {
      errors.push({ feilmelding: `organisasjonsnummer kan ha høyst ${max} elementer`, parametere: ['organisasjonsnummer'], feilaktigVerdi: String(list.length) });
    }
    return list;
  }

  private links(origin: string, url: URL, page: number, size: number, totalPages: number): Record<string, { href: string }> {
    const href = (p: number | null): string => {
      const u = new URL(url.pathname + url.search, origin);
      if (p === null) return u.toString();
      u.searchParams.set('page', String(p));
      u.searchParams.set('size', String(size));
      return u.toString();
    };
    const links: Record<string, { href: string }> = {};
    if (totalPages > 0) links.first = { href: href(0) };
    if (page > 0 && totalPages > 0) links.prev = { href: href(Math.min(page - 1, totalPages - 1)) };
    links.self = { href: href(null) };
    if (page + 1 < totalPages) links.next = { href: href(page + 1) };
    if (totalPages > 0) links.last = { href: href(totalPages - 1) };
    return links;
  }

  private pageOf<T>(all: T[], page: number, size: number): { items: T[]; info: Record<string, number> } {
    const totalPages = Math.ceil(all.length / size);
    return { items: all.slice(page * size, (page + 1) * size), info: { size, totalElements: all.length, totalPages, number: page } };
  }

  private search(url: URL, origin: string): Reply {
    const errors: Validation[] = [];
    const orgNrs = this.orgNrList(url, errors, REGISTRY_LIMITS.batchMaxNumbers);
    const navn = url.searchParams.get('navn');
    if (navn !== null && (navn.length < 1 || navn.length > REGISTRY_LIMITS.nameMaxLength)) {
      errors.push({ feilmelding: `navn må ha fra 1 til ${REGISTRY_LIMITS.nameMaxLength} tegn`, parametere: ['navn'], feilaktigVerdi: navn.slice(0, 200) });
    }
    const { page, size } = this.paging(url, errors, REGISTRY_LIMITS.pageWindow);
    if (errors.length > 0) return badRequest(url.pathname, errors, this.world.nowMs());
    let hits: Record<string, unknown>[];
    if (navn !== null) {
      hits = this.world.searchByName(navn, origin);
      if (orgNrs) hits = hits.filter((h) => orgNrs.includes(String(h.organisasjonsnummer)));
    } else {
      hits = this.world.activeUnits(orgNrs ?? [], origin);
    }
    const { items, info } = this.pageOf(hits, page, size);
    const body: Record<string, unknown> = {};
    // No _embedded at all when the page has no hits, as the real API answers.
    if (items.length > 0) body._embedded = { enheter: items };
    body._links = this.links(origin, url, page, size, info.totalPages!);
    body.page = info;
    return json(200, body, ENHET_TYPE);
  }

  private changes(url: URL, origin: string): Reply {
    const errors: Validation[] = [];
    const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
    const time = (name: string): number | null => {
      const raw = url.searchParams.get(name);
      if (raw === null) return null;
      const ms = Date.parse(raw);
      if (!stamp.test(raw) || Number.isNaN(ms)) {
        errors.push({ feilmelding: `${name} må være på formen yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, parametere: [name], feilaktigVerdi: raw });
        return null;
      }
      return ms;
    };
    const from = time('dato');
    const before = time('updatedBefore');
    const idRaw = url.searchParams.get('oppdateringsid');
    let fromId: number | null = null;
    if (idRaw !== null) {
      if (!/^\d{1,15}$/.test(idRaw) || Number(idRaw) < 1) errors.push({ feilmelding: 'oppdateringsid må være et heltall større enn 0', parametere: ['oppdateringsid'], feilaktigVerdi: idRaw });
      else fromId = Number(idRaw);
    }
    const orgNrs = this.orgNrList(url, errors, null);
    const sort = url.searchParams.get('sort') ?? 'id,ASC';
    if (!/^id(,(ASC|DESC|asc|desc))?$/.test(sort)) errors.push({ feilmelding: 'Sortering støttes bare på id', parametere: ['sort'], feilaktigVerdi: sort });
    const include = url.searchParams.get('includeChanges');
    if (include !== null && include !== 'true' && include !== 'false') {
      errors.push({ feilmelding: 'includeChanges må være true eller false', parametere: ['includeChanges'], feilaktigVerdi: include });
    }
    const { page, size } = this.paging(url, errors, REGISTRY_LIMITS.feedMaxSize);
    if (errors.length > 0) return badRequest(url.pathname, errors, this.world.nowMs());
    this.world.catchUp();
    const wanted = orgNrs ? new Set(orgNrs) : null;
    let events = this.world.feed.filter(
      (e) =>
        (from === null || e.ms >= from) &&
        (before === null || e.ms <= before) &&
        (fromId === null || e.id >= fromId) &&
        (wanted === null || wanted.has(e.orgNr)),
    );
    if (/desc/i.test(sort)) events = [...events].reverse();
    const { items, info } = this.pageOf(events, page, size);
    const body: Record<string, unknown> = {};
    if (items.length > 0) body._embedded = { oppdaterteEnheter: items.map((e) => feedItem(e, origin, include === 'true')) };
    body._links = this.links(origin, url, page, size, info.totalPages!);
    body.page = info;
    return json(200, body, FEED_TYPE);
  }

  // ---- control ----------------------------------------------------------------------------------------------

  private controlRoute(method: string, path: string, body: string): Reply {
    const c = this.control;
    let input: unknown = {};
    if (method === 'POST' || method === 'PUT') {
      try {
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return json(400, { error: 'The request body is not valid JSON.' });
      }
    }
    try {
      const route = `${method} ${path.replace(/\/$/, '')}`;
      switch (route) {
        case 'GET ':
        case 'GET /help':
          return json(200, { endpoints: REGISTRY_CONTROL_ENDPOINTS });
        case 'GET /roles':
          return json(200, c.roles());
        case 'POST /status': {
          const p = StatusSchema.parse(input);
          return json(200, c.setStatus(p.orgNr, p.status));
        }
        case 'POST /file-accounts': {
          const p = FileSchema.parse(input);
          return json(200, c.fileAccounts(p.orgNr, p.year));
        }
        case 'POST /publish': {
          const p = PublishSchema.parse(input);
          return json(200, c.publish(p.orgNr, p.endringstype));
        }
        case 'GET /feed-head':
          return json(200, { oppdateringsid: c.feedHead() });
        case 'GET /faults':
          return json(200, c.getFaults());
        case 'PUT /faults':
        case 'POST /faults':
          c.setFaults(input as RegistryFaultConfig);
          return json(200, c.getFaults());
        case 'GET /stats':
          return json(200, c.stats());
        case 'POST /stats/reset':
          c.resetStats();
          return json(200, { ok: true });
        default:
          return json(404, { error: `No control endpoint ${route}`, endpoints: REGISTRY_CONTROL_ENDPOINTS });
      }
    } catch (err) {
      const message = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
      return json(400, { error: message });
    }
  }
}

const StatusSchema = z.strictObject({ orgNr: z.string().regex(/^\d{9}$/), status: z.enum(SETTABLE_STATUSES) });
const FileSchema = z.strictObject({ orgNr: z.string().regex(/^\d{9}$/), year: z.number().int().min(2018).max(2100) });
const PublishSchema = z.strictObject({ orgNr: z.string().regex(/^\d{9}$/), endringstype: z.enum(CHANGE_TYPES) });

function feedItem(e: FeedEvent, origin: string, includeChanges: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    oppdateringsid: e.id,
    dato: new Date(e.ms).toISOString(),
    organisasjonsnummer: e.orgNr,
    endringstype: e.type,
  };
  if (includeChanges) out.endringer = e.changes;
  out._links = { enhet: { href: `${origin}${ENH}/enheter/${e.orgNr}` } };
  return out;
}

/** JSON that parses but breaks the schema, per endpoint: what a changed or broken upstream might send. */
function badShape(route: 'enhet' | 'enheter' | 'oppdateringer' | 'regnskap', body: string): unknown {
  let parsed: unknown = null;
  try {
    parsed = body === '' ? null : JSON.parse(body);
  } catch {
    parsed = null;
  }
  if (route === 'regnskap') return { regnskap: parsed };
  if (route === 'enheter') return { _embedded: { enheter: [{ organisasjonsnummer: 123456789, navn: null }] }, _links: {}, page: { size: 'tjue' } };
  return { ...(parsed && typeof parsed === 'object' ? parsed : {}), organisasjonsnummer: 123456789, konkurs: 'nei' };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
