import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { MEDIA_TYPES, REGISTRY_LIMITS, REGISTRY_PATHS, type RegistryEndpoint } from '../../../shared/registry/defaults';
import {
  BadRequest,
  Enhet,
  EnheterPage,
  EnhetsregisterServerError,
  GoneEnhet,
  OppdateringerPage,
  RegnskapList,
  RegnskapServerError,
  SlettetEnhet,
  UNSUPPORTED_LAYOUT,
  enhetVariant,
  type OppdateringEnhet,
  type Regnskap,
} from '../../../shared/registry/schemas';
import type { HttpDeps, HttpStats } from '../net/http';
import { httpDeps, registryGet, type RegistryAnswer, type RegistryHttpDeps } from './http';

export interface RegistryClientConfig {
  /** e.g. https://data.brreg.no/enhetsregisteret/api */
  enhetsregisteretUrl: string;
  /** e.g. https://data.brreg.no/regnskapsregisteret/regnskap */
  regnskapsregisteretUrl: string;
}

export interface RegistryCallOptions {
  signal?: AbortSignal | undefined;
}

/** What GET /enheter/{orgnr} (or a batch hit) says about one unit, with the answer as received. */
export type UnitAnswer =
  | { kind: 'active'; enhet: Enhet; raw: unknown }
  | { kind: 'deleted'; enhet: SlettetEnhet; raw: unknown }
  | { kind: 'removed'; gone: GoneEnhet | null }
  | { kind: 'not_found' };

/** What GET /regnskapsregisteret/regnskap/{orgnr} says. */
export type AccountsAnswer =
  | { kind: 'filed'; accounts: Regnskap[]; raw: unknown[] }
  | { kind: 'none' }
  | { kind: 'unsupported'; layout: string | null; message: string };

export interface FeedQuery {
  /** First fetch: updates published from this time on ("yyyy-MM-ddTHH:mm:ss.SSSZ"). */
  dato?: string;
  /** Later fetches: updates from this id on. */
  fromId?: number;
  orgNrs?: readonly string[];
  size?: number;
  sort?: 'ASC' | 'DESC';
  includeChanges?: boolean;
}

function issueText(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

/** A zod failure as "GET /enheter: _embedded.enheter.3.konkurs: expected boolean, received string". */
function shapeError(label: string, error: z.ZodError, prefix: (string | number)[] = []): AppError {
  const issue = error.issues[0];
  const field = [...prefix, ...(issue?.path ?? [])].map(String).join('.') || '(body)';
  return new AppError('bad_response', `${label}: ${field}: ${issue ? issueText(issue.message) : 'unexpected shape'}`, {
    reason: 'registry_bad_shape',
    endpoint: label,
    field,
    issues: error.issues.length,
  });
}

function parse<S extends z.ZodType>(label: string, schema: S, raw: unknown, prefix: (string | number)[] = []): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw shapeError(label, r.error, prefix);
  return r.data;
}

/** Nine digits, as the registry's own parameter validation demands (the MOD11 check is the caller's). */
function checkOrgNrs(orgNrs: readonly string[]): void {
  for (const o of orgNrs) {
    if (!/^\d{9}$/.test(o)) {
      throw new AppError('invalid_input', 'An organisation number has exactly nine digits.', { reason: 'invalid_org_number', value: o.slice(0, 40) });
    }
  }
}

/** A non-2xx answer nobody expected, as an AppError naming the endpoint and what the registry said. */
function statusError(label: string, answer: Extract<RegistryAnswer, { ok: false }>): AppError {
  const { status, json } = answer;
  if (status === 400) {
    const bad = BadRequest.safeParse(json);
    const first = bad.success ? (bad.data.valideringsfeil[0]?.feilmelding ?? bad.data.feilmelding) : null;
    return new AppError('api_error', `Brønnøysundregistrene refused the request ${label}${first ? ` (${first.slice(0, 200)})` : ''}.`, {
      reason: 'registry_bad_request',
      endpoint: label,
      status,
      apiMessage: first?.slice(0, 300) ?? null,
    });
  }
  if (status >= 500) {
    const body = EnhetsregisterServerError.safeParse(json);
    const rr = RegnskapServerError.safeParse(json);
    const trace = body.success ? (body.data.trace ?? null) : rr.success ? (rr.data.trace ?? null) : null;
    return new AppError('api_error', `Brønnøysundregistrene answered ${label} with a server error (HTTP ${status}).`, {
      reason: 'registry_server_error',
      endpoint: label,
      status,
      trace,
    });
  }
  if (status === 429) {
    return new AppError('api_error', `Brønnøysundregistrene asked us to slow down (${label}, HTTP 429).`, { reason: 'registry_rate_limited', endpoint: label, status });
  }
  return new AppError('api_error', `Brønnøysundregistrene answered ${label} with HTTP ${status}.`, { reason: 'registry_unexpected_status', endpoint: label, status });
}

/**
 * Enhetsregisteret and Regnskapsregisteret, as ../shared/brreg-api-notes.md describes them: every answer parsed
 * with shared/registry/schemas.ts, deleted units (200 with slettedato), 404 without a body, 410 (removed from open
 * data) and the 500 of banks and insurers as outcomes rather than errors; everything else as AppError with
 * `details.reason`. No credentials: both APIs are open.
 */
export class RegistryClient {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private readonly http: HttpDeps;
  private readonly enh: string;
  private readonly reg: string;

  constructor(config: RegistryClientConfig, deps: RegistryHttpDeps) {
    this.http = httpDeps(deps, this.stats);
    this.enh = config.enhetsregisteretUrl.replace(/\/+$/, '');
    this.reg = config.regnskapsregisteretUrl.replace(/\/+$/, '');
  }

  private url(endpoint: RegistryEndpoint, arg: string, query: Record<string, string> = {}): string {
    const def = REGISTRY_PATHS[endpoint];
    const base = def.api === 'enhetsregisteret' ? this.enh : this.reg;
    const url = new URL(base + (def.path as (a: string) => string)(encodeURIComponent(arg)));
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }

  private get(endpoint: RegistryEndpoint, accept: string, arg: string, query: Record<string, string>, opts: RegistryCallOptions): Promise<RegistryAnswer> {
    return registryGet(this.http, this.url(endpoint, arg, query), accept, REGISTRY_PATHS[endpoint].label, opts);
  }

  /** One unit. A live or deleted unit, removed (410: purge the copy) or not found (404). */
  async unit(orgNr: string, opts: RegistryCallOptions = {}): Promise<UnitAnswer> {
    checkOrgNrs([orgNr]);
    const label = REGISTRY_PATHS.enhet.label;
    const a = await this.get('enhet', MEDIA_TYPES.enhet, orgNr, {}, opts);
    if (a.ok) return this.unitFrom(label, a.value, []);
    if (a.status === 404) return { kind: 'not_found' };
    if (a.status === 410) {
      // The body is documented ({organisasjonsnummer, slettedato}); a missing or odd one still means "removed".
      const gone = GoneEnhet.safeParse(a.json);
      return { kind: 'removed', gone: gone.success ? gone.data : null };
    }
    throw statusError(label, a);
  }

  private unitFrom(label: string, raw: unknown, prefix: (string | number)[]): Extract<UnitAnswer, { kind: 'active' | 'deleted' }> {
    if (enhetVariant(raw) === 'SlettetEnhet') return { kind: 'deleted', enhet: parse(label, SlettetEnhet, raw, prefix), raw };
    return { kind: 'active', enhet: parse(label, Enhet, raw, prefix), raw };
  }

  /**
   * Batch lookup, GET /enheter?organisasjonsnummer=a,b,c, in chunks of at most REGISTRY_LIMITS.batchChunk numbers
   * (the API takes 2,000). Returns what the search finds, by org number; a number missing from the answer is not
   * known to be anything (deleted, removed or unknown units may be absent from search): ask {@link unit}.
   */
  async units(orgNrs: readonly string[], opts: RegistryCallOptions & { chunk?: number } = {}): Promise<Map<string, Extract<UnitAnswer, { kind: 'active' | 'deleted' }>>> {
    const unique = [...new Set(orgNrs)];
    checkOrgNrs(unique);
    const chunk = Math.min(opts.chunk ?? REGISTRY_LIMITS.batchChunk, REGISTRY_LIMITS.batchMaxNumbers);
    const found = new Map<string, Extract<UnitAnswer, { kind: 'active' | 'deleted' }>>();
    for (let i = 0; i < unique.length; i += chunk) {
      for (const [orgNr, u] of await this.unitsPage(unique.slice(i, i + chunk), opts)) found.set(orgNr, u);
    }
    return found;
  }

  /** One chunk: one page the size of the chunk, more pages only if the registry says there are more. */
  private async unitsPage(orgNrs: readonly string[], opts: RegistryCallOptions): Promise<Map<string, Extract<UnitAnswer, { kind: 'active' | 'deleted' }>>> {
    const label = REGISTRY_PATHS.enheter.label;
    const size = Math.max(1, orgNrs.length);
    const out = new Map<string, Extract<UnitAnswer, { kind: 'active' | 'deleted' }>>();
    for (let page = 0; ; page++) {
      if ((page + 1) * size > REGISTRY_LIMITS.pageWindow) {
        throw new AppError('invalid_input', `A search can page through at most ${REGISTRY_LIMITS.pageWindow} hits.`, {
          reason: 'page_beyond_limit',
          page,
          size,
          max: REGISTRY_LIMITS.pageWindow,
        });
      }
      const a = await this.get('enheter', MEDIA_TYPES.enhet, '', { organisasjonsnummer: orgNrs.join(','), page: String(page), size: String(size) }, opts);
      if (!a.ok) throw statusError(label, a);
      const body = parse(label, EnheterPage, a.value);
      const items = body._embedded?.enheter ?? [];
      items.forEach((raw, i) => {
        const u = this.unitFrom(label, raw, ['_embedded', 'enheter', i]);
        out.set(u.enhet.organisasjonsnummer, u);
      });
      if (items.length === 0 || page + 1 >= body.page.totalPages) return out;
    }
  }

  /** Name search (GET /enheter?navn=), one page of at most `size` hits; for proposing org numbers. */
  async searchByName(name: string, opts: RegistryCallOptions & { size?: number } = {}): Promise<Extract<UnitAnswer, { kind: 'active' | 'deleted' }>[]> {
    const navn = name.trim();
    if (navn.length < 1 || navn.length > REGISTRY_LIMITS.nameMaxLength) {
      throw new AppError('invalid_input', `A name search takes 1 to ${REGISTRY_LIMITS.nameMaxLength} characters.`, {
        reason: 'name_length',
        length: navn.length,
        max: REGISTRY_LIMITS.nameMaxLength,
      });
    }
    const label = REGISTRY_PATHS.enheter.label;
    const size = Math.min(opts.size ?? REGISTRY_LIMITS.nameSearchSize, REGISTRY_LIMITS.pageWindow);
    const a = await this.get('enheter', MEDIA_TYPES.enhet, '', { navn, page: '0', size: String(size) }, opts);
    if (!a.ok) throw statusError(label, a);
    const body = parse(label, EnheterPage, a.value);
    return (body._embedded?.enheter ?? []).map((raw, i) => this.unitFrom(label, raw, ['_embedded', 'enheter', i]));
  }

  /** One page of the change feed (page 0; move on with `fromId` = last id + 1, never with deep pages). */
  async changes(q: FeedQuery, opts: RegistryCallOptions = {}): Promise<{ items: OppdateringEnhet[]; totalElements: number }> {
    if (q.orgNrs) checkOrgNrs(q.orgNrs);
    const label = REGISTRY_PATHS.oppdateringer.label;
    const size = Math.min(Math.max(1, q.size ?? REGISTRY_LIMITS.feedPageSize), REGISTRY_LIMITS.feedMaxSize);
    const query: Record<string, string> = { page: '0', size: String(size), sort: `id,${q.sort ?? 'ASC'}` };
    if (q.dato !== undefined) query.dato = q.dato;
    if (q.fromId !== undefined) query.oppdateringsid = String(q.fromId);
    if (q.orgNrs && q.orgNrs.length > 0) query.organisasjonsnummer = q.orgNrs.join(',');
    if (q.includeChanges) query.includeChanges = 'true';
    const a = await this.get('oppdateringer', MEDIA_TYPES.oppdateringEnhet, '', query, opts);
    if (!a.ok) throw statusError(label, a);
    const body = parse(label, OppdateringerPage, a.value);
    return { items: body._embedded?.oppdaterteEnheter ?? [], totalElements: body.page.totalElements };
  }

  /** The newest published update id (whole feed), or null for an empty feed: the head a sync reads up to. */
  async feedHead(opts: RegistryCallOptions = {}): Promise<number | null> {
    const page = await this.changes({ size: 1, sort: 'DESC' }, opts);
    return page.items[0]?.oppdateringsid ?? null;
  }

  /** The latest filed annual accounts (public access: the latest SELSKAP accounts). */
  async accounts(orgNr: string, opts: RegistryCallOptions = {}): Promise<AccountsAnswer> {
    checkOrgNrs([orgNr]);
    const label = REGISTRY_PATHS.regnskap.label;
    const a = await this.get('regnskap', MEDIA_TYPES.json, orgNr, {}, opts);
    if (a.ok) {
      const accounts = parse(label, RegnskapList, a.value);
      return { kind: 'filed', accounts, raw: a.value as unknown[] };
    }
    if (a.status === 404) return { kind: 'none' };
    if (a.status === 500) {
      // Banks and insurers: a layout the open API does not serve. Any other 500 is an error.
      const body = RegnskapServerError.safeParse(a.json);
      const m = body.success ? UNSUPPORTED_LAYOUT.exec(body.data.message) : null;
      if (body.success && m) return { kind: 'unsupported', layout: m[2] ?? null, message: body.data.message.slice(0, 300) };
    }
    throw statusError(label, a);
  }
}
