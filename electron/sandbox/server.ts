/**
 * HTTP for the sandbox: the token endpoint (/oauth2/token, as Cognito answers it), the API (/api/v1, as the
 * public document shows it) and the control API (/_control, the sandbox's own; never faulted).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isValidOrgNr } from '../../shared/orgnr';
import { API_ERROR_STATUS, API_PATHS, GATEWAY_ERRORS, PAGINATION, SCOPES, type ApiEndpoint } from '../../shared/symetrisk/defaults';
import { Delivery, type Reply } from './delivery';
import { FaultConfigSchema, type Faults, type RequestFaults } from './faults';
import { Rng, uuidFrom } from './prng';
import { formatMicros, unixSeconds } from './time';
import type { SandboxControl, SandboxStats } from './types';
import type { CompanyRec, RelationshipRec, World } from './world';

export const API_PREFIX = '/api/v1';
export const TOKEN_PATH = '/oauth2/token';
export const CONTROL_PREFIX = '/_control';
const MAX_BODY = 1_000_000;
const SIGNUP_DAYS = 7;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The API's own errors, `[{key, message}]` with status API_ERROR_STATUS (400), as the document shows them
 * (relationship_not_found word for word). Authentication, scope, routing and throttling are the gateway's, answered
 * `{"message": ...}` (GATEWAY_ERRORS); both are our defaults in shared/symetrisk/defaults.ts.
 */
export const ERRORS = {
  relationshipNotFound: {
    key: 'relationship_not_found',
    message: "We didn't find a relationship with that brreg organization number.",
  },
  invalidOrgNr: {
    key: 'invalid_organization_number',
    message: 'The brreg organization number must be nine digits with a valid check digit.',
  },
  notApproved: (state: string) => ({
    key: 'relationship_not_approved',
    message: `The relationship is ${state}: data is available only when the borrower has approved access.`,
  }),
  invalidLimit: { key: 'invalid_limit', message: `limit must be an integer from 1 to ${PAGINATION.maxLimit}.` },
  invalidSkip: { key: 'invalid_skip', message: 'skip must be a non-negative integer.' },
  invalidJson: { key: 'invalid_json', message: 'The request body is not valid JSON.' },
  invalidEmail: { key: 'invalid_email', message: 'bankContactEmail must be a valid e-mail address.' },
  invalidBorrowers: { key: 'invalid_borrowers', message: 'borrowers must be a non-empty list of {"orgNr": "..."}.' },
} as const;

type GatewayError = (typeof GATEWAY_ERRORS)[keyof typeof GATEWAY_ERRORS];

interface Route {
  name: ApiEndpoint;
  method: string;
  pattern: RegExp;
  hasOrgNr: boolean;
}

/** Routes built from the shared API_PATHS table, so that the sandbox and the client agree on every path. */
const ROUTES: Route[] = (Object.keys(API_PATHS) as ApiEndpoint[]).map((name) => {
  const entry = API_PATHS[name];
  const template = (entry.path as (orgNr: string) => string)('\u0000');
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\u0000', '([^/]+)');
  return { name, method: entry.method, pattern: new RegExp(`^${escaped}/?$`), hasOrgNr: template.includes('\u0000') };
});

export interface ServerOptions {
  /** Relationship items carry orgNr (a later API version); off: exactly the document's example. */
  relationshipOrgNr: boolean;
  shuffle: boolean;
  /**
   * POST /_control/stop-listening: called once its own answer has gone out. The owner of the HTTP server stops
   * accepting connections and drops the open ones (what Symetrisk being down looks like to a client). Without it
   * the endpoint answers 404.
   */
  stopListening?: () => void;
  /** Further routes served on the same origin (the registry sandbox); asked first. */
  extraRoutes?: ExtraRoutes;
}

/** A handler for paths outside Symetrisk's (the registry sandbox, electron/sandbox/registry/). */
export interface ExtraRoutes {
  handles(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void;
}

export class Stats {
  requests = 0;
  byEndpoint: Record<string, number> = {};

  constructor(private readonly faults: Faults) {}

  hit(endpoint: string): void {
    this.requests++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
  }

  snapshot(): SandboxStats {
    return { requests: this.requests, byEndpoint: { ...this.byEndpoint }, faultsInjected: { ...this.faults.injected } };
  }

  reset(): void {
    this.requests = 0;
    this.byEndpoint = {};
    for (const k of Object.keys(this.faults.injected)) delete this.faults.injected[k];
  }
}


const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(value),
  headers: { 'Content-Type': 'application/json', ...headers },
});

/** The API's own error list. */
const apiErrors = (errors: readonly { key: string; message: string }[]): Reply => json(API_ERROR_STATUS, errors);

/** The gateway's answer. */
const gateway = (error: GatewayError, headers: Record<string, string> = {}): Reply =>
  json(error.status, { message: error.message }, headers);

export class SandboxServer {

  constructor(
    private readonly world: World,
    private readonly faults: Faults,
    private readonly stats: Stats,
    private readonly control: SandboxControl,
    private readonly opts: ServerOptions,
  ) {
    this.delivery = new Delivery(faults, ['<html><body>Service temporarily unavailable</body></html>', '{"metadata": NaN, "items": [}', 'pong']);
  }

  private readonly delivery: Delivery;

  /** Cancels pending delayed answers (close()). */
  cancelTimers(): void {
    this.delivery.cancelTimers();
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        this.dispatch(req, res, body);
      } catch (err) {
        if (!res.headersSent) this.delivery.write(res, gateway(GATEWAY_ERRORS.internal));
        console.error('[sandbox]', err);
      }
    });
  };

  private dispatch(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (this.opts.extraRoutes?.handles(path)) return this.opts.extraRoutes.handle(req, res, url, body);
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      const stop = this.opts.stopListening;
      if (stop && req.method === 'POST' && path.replace(/\/$/, '') === `${CONTROL_PREFIX}/stop-listening`) {
        // Answer first, then stop: the caller learns it worked, and nothing after it gets through.
        res.once('finish', stop);
        return this.delivery.write(res, json(200, { stopped: true }));
      }
      return this.delivery.write(res, this.controlRoute(req.method ?? 'GET', path.slice(CONTROL_PREFIX.length), url, body));
    }
    if (path === TOKEN_PATH) {
      this.stats.hit('token');
      const reply = this.token(req, body);
      return this.delivery.later(this.faults.forToken(), () => this.delivery.write(res, reply));
    }
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return this.api(req, res, url, body);
    this.delivery.write(res, gateway(GATEWAY_ERRORS.notFound));
  }

  // ---- token endpoint -------------------------------------------------------------------------------------

  private token(req: IncomingMessage, body: string): Reply {
    const oauth = (status: number, error: string, description: string, headers: Record<string, string> = {}): Reply =>
      json(status, { error, error_description: description }, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers });
    if (req.method !== 'POST') {
      return oauth(405, 'invalid_request', 'The token endpoint accepts POST only.', { Allow: 'POST' });
    }
    const challenge = { 'WWW-Authenticate': 'Basic realm="symetrisk", error="invalid_client"' };
    const auth = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!auth) return oauth(401, 'invalid_client', 'Client authentication (HTTP Basic) is required.', challenge);
    const decoded = Buffer.from(auth[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const unescape = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const id = colon < 0 ? '' : unescape(decoded.slice(0, colon));
    const secret = colon < 0 ? '' : unescape(decoded.slice(colon + 1));
    const client = this.world.clients.get(id);
    if (!client || client.config.clientSecret !== secret) {
      return oauth(401, 'invalid_client', 'Client authentication failed.', challenge);
    }
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return oauth(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    if (!grant) return oauth(400, 'invalid_request', 'grant_type is required.');
    if (grant !== 'client_credentials') return oauth(400, 'unsupported_grant_type', `Unsupported grant_type ${grant}.`);
    const requested = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const scopes = requested.length === 0 ? [...client.config.scopes] : [...new Set(requested)];
    const bad = scopes.filter((s) => !client.config.scopes.includes(s));
    if (bad.length > 0) return oauth(400, 'invalid_scope', `Scope not allowed for this client: ${bad.join(' ')}`);
    const { token, expiresIn } = this.world.issueToken(id, scopes);
    return json(
      200,
      { access_token: token, expires_in: expiresIn, token_type: 'Bearer' },
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  }

  // ---- API ------------------------------------------------------------------------------------------------

  private api(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const sub = url.pathname.slice(API_PREFIX.length) || '/';
    const method = req.method ?? 'GET';
    let route: Route | undefined;
    let orgNr = '';
    for (const r of ROUTES) {
      const m = r.pattern.exec(sub);
      if (!m || r.method !== method) continue;
      route = r;
      if (r.hasOrgNr) orgNr = safeDecode(m[1]!);
      break;
    }
    this.stats.hit(route?.name ?? 'unknown');
    const f = this.faults.forApi();
    if (f.drop) {
      this.faults.count('drop');
      req.socket.destroy();
      return;
    }
    const deliver = (reply: Reply): void => this.delivery.deliver(res, reply, f);
    if (f.rateLimited) {
      this.faults.count('rateLimit');
      const rl = this.faults.rateLimit()!;
      const retry = rl.asHttpDate
        ? new Date(Math.ceil(Date.now() / 1000) * 1000 + rl.retryAfterSeconds * 1000).toUTCString()
        : String(rl.retryAfterSeconds);
      return deliver(gateway(GATEWAY_ERRORS.throttled, { 'Retry-After': retry }));
    }
    if (f.status !== null) {
      this.faults.count(`error${f.status}`);
      if (f.status === 502) {
        // A gateway in front answers, not the API: not JSON, as a real proxy would.
        return deliver({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'Content-Type': 'text/html' } });
      }
      return deliver(f.status === 500 ? gateway(GATEWAY_ERRORS.internal) : gateway(GATEWAY_ERRORS.unavailable, { 'Retry-After': '1' }));
    }
    // An API gateway routes by method and path together: a known path with another method is as unknown as any.
    if (!route) return deliver(gateway(GATEWAY_ERRORS.notFound));

    const authz = this.authenticate(req, f);
    if ('reply' in authz) return deliver(authz.reply);
    const needed = method === 'GET' ? SCOPES.read : SCOPES.write;
    if (!authz.scopes.includes(needed)) {
      // RFC 6750 section 3.1: the challenge names the scope the token lacks.
      return deliver(
        gateway(GATEWAY_ERRORS.insufficientScope, {
          'WWW-Authenticate': `Bearer realm="symetrisk", error="insufficient_scope", scope="${needed}"`,
        }),
      );
    }
    deliver(this.route(route, authz.clientId, orgNr, url, body));
  }

  private authenticate(req: IncomingMessage, f: RequestFaults): { clientId: string; scopes: string[] } | { reply: Reply } {
    // RFC 6750 section 3: no error code when no token was sent, invalid_token for a bad or expired one.
    const fail = (error: GatewayError, challenge: string): { reply: Reply } => ({
      reply: gateway(error, { 'WWW-Authenticate': `Bearer realm="symetrisk"${challenge}` }),
    });
    const invalid = (description: string): string => `, error="invalid_token", error_description="${description}"`;
    const header = req.headers.authorization;
    if (!header) return fail(GATEWAY_ERRORS.missingToken, '');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return fail(GATEWAY_ERRORS.invalidToken, invalid('The access token is malformed.'));
    const token = m[1]!;
    const rec = this.world.tokens.get(token);
    if (!rec) return fail(GATEWAY_ERRORS.invalidToken, invalid('The access token is unknown.'));
    if (rec.expiresUs <= this.world.nowUs()) {
      this.world.tokens.delete(token);
      return fail(GATEWAY_ERRORS.expiredToken, invalid('The access token has expired.'));
    }
    if (f.earlyExpiry) {
      this.faults.count('earlyTokenExpiry');
      this.world.tokens.delete(token);
      return fail(GATEWAY_ERRORS.expiredToken, invalid('The access token has expired.'));
    }
    return { clientId: rec.clientId, scopes: rec.scopes };
  }

  private route(route: Route, clientId: string, orgNr: string, url: URL, body: string): Reply {
    const client = this.world.client(clientId);
    switch (route.name) {
      case 'ping':
        return json(200, { message: 'pong' });
      case 'self':
        return json(200, {
          company: {
            id: uuidFrom(this.world.seed, 'bank', clientId),
            name: client.config.bankName,
            brreg_organization_number: client.config.bankOrgNr,
            created_at: formatMicros(client.createdUs),
          },
          client: { client_id: clientId, scopes: [...client.config.scopes] },
        });
      case 'relationships': {
        const page = parsePage(url);
        if ('errors' in page) return apiErrors(page.errors);
        const key = `${clientId}:relationships`;
        if (page.skip > 0) this.maybeDrift(key, () => this.world.drift('relationships', clientId));
        return json(200, paginate(this.order(key, client.relationships), page, (r) => this.relationshipJson(r)));
      }
      case 'requestAccess':
        return this.requestAccess(clientId, body);
      case 'notifications':
        return this.bankNotifications(clientId, url);
      default:
        break;
    }
    // Everything below is keyed by an org number.
    if (!isValidOrgNr(orgNr)) return apiErrors([ERRORS.invalidOrgNr]);
    const rel = client.byOrgNr.get(orgNr);
    if (!rel) return apiErrors([ERRORS.relationshipNotFound]);
    if (route.name === 'relationship') return json(200, this.relationshipJson(rel));
    if (rel.state !== 'access_approved') return apiErrors([ERRORS.notApproved(rel.state)]);
    const page = parsePage(url);
    if ('errors' in page) return apiErrors(page.errors);
    const company = this.world.companyByOrgNr.get(orgNr)!;
    if (route.name === 'accountingData') {
      const key = `${clientId}:accountingData:${orgNr}`;
      if (page.skip > 0) this.maybeDrift(key, () => this.world.drift('accountingData', clientId, orgNr));
      const items = this.world.materialize(company).items;
      return json(200, paginate(this.order(key, items.slice().reverse()), page, (i) => this.world.itemJson(company, i)));
    }
    // borrowerNotifications
    const key = `${clientId}:borrowerNotifications:${orgNr}`;
    if (page.skip > 0) this.maybeDrift(key, () => this.world.drift('borrowerNotifications', clientId, orgNr));
    const notes = this.world.materialize(company).notifications;
    return json(200, paginate(this.order(key, notes.slice().reverse()), page, notificationJson));
  }

  private bankNotifications(clientId: string, url: URL): Reply {
    const page = parsePage(url);
    if ('errors' in page) return apiErrors(page.errors);
    const key = `${clientId}:notifications`;
    if (page.skip > 0) this.maybeDrift(key, () => this.world.drift('notifications', clientId));
    const notes = this.world.client(clientId).notifications;
    return json(200, paginate(this.order(key, notes.slice().reverse()), page, notificationJson));
  }

  private maybeDrift(key: string, drift: () => void): void {
    if (!this.faults.pageDrift() || this.faults.drifted.has(key)) return;
    this.faults.drifted.add(key);
    this.faults.count('pageDrift');
    drift();
  }

  private order<T>(key: string, newestFirst: T[]): T[] {
    if (!this.opts.shuffle) return newestFirst;
    return Rng.of(this.world.seed, 'shuffle', key, newestFirst.length).shuffle(newestFirst);
  }

  private relationshipJson(rel: RelationshipRec): Record<string, unknown> {
    const company: CompanyRec = this.world.companyByOrgNr.get(rel.orgNr)!;
    // In the document's order. The borrower's contact is known once the borrower has onboarded: a pending request
    // leaves the field out rather than send null where the document shows a string (OUR_DEFAULTS.pendingBorrowerContact).
    const out: Record<string, unknown> = {
      relationshipId: rel.relationshipId,
      relationshipState: rel.state,
      borrowerCompanyName: company.name,
      ...(rel.state === 'access_requested' ? {} : { borrowerContactEmail: company.profile.contact.email }),
      bankContactEmail: rel.bankContactEmail,
      relationshipCreatedAt: formatMicros(rel.createdUs),
    };
    if (this.opts.relationshipOrgNr) out.orgNr = rel.orgNr;
    return out;
  }

  private requestAccess(clientId: string, body: string): Reply {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return apiErrors([ERRORS.invalidJson]);
    }
    const obj = (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
    const errors: Array<{ key: string; message: string }> = [];
    const email = obj.bankContactEmail;
    if (typeof email !== 'string' || !EMAIL.test(email)) errors.push(ERRORS.invalidEmail);
    const borrowers = obj.borrowers;
    if (!Array.isArray(borrowers) || borrowers.length === 0) errors.push(ERRORS.invalidBorrowers);
    if (errors.length > 0) return apiErrors(errors);
    const bankEmail = email as string;
    const now = this.world.nowUs();
    const results = (borrowers as unknown[]).map((b) => {
      const raw = typeof b === 'object' && b !== null ? (b as Record<string, unknown>).orgNr : undefined;
      // Echo what was sent; only a string of nine digits with a valid check digit is an org number.
      const orgNr = typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw);
      // A refused borrower gets no link: the fields are left out, not null (OUR_DEFAULTS.refusedAccessLink).
      if (typeof raw !== 'string' || !isValidOrgNr(orgNr)) return { orgNr, success: false, message: 'Invalid brreg organization number.' };
      const r = this.world.requestAccess(clientId, orgNr, bankEmail);
      if (!r.ok) return { orgNr, success: false, message: r.message };
      const signupId = uuidFrom(this.world.seed, 'signup', clientId, orgNr, now);
      return {
        orgNr,
        success: true,
        message: '',
        signupLink: `https://www.symetrisk.com/signup?symetrisk-signup-id=${signupId}&signup-email=${encodeURIComponent(bankEmail)}`,
        signupLinkExpiresAt: unixSeconds(now) + SIGNUP_DAYS * 86_400,
      };
    });
    return json(200, results);
  }

  // ---- control API ----------------------------------------------------------------------------------------

  private controlRoute(method: string, path: string, url: URL, body: string): Reply {
    const c = this.control;
    const clientId = url.searchParams.get('clientId') ?? undefined;
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
          return json(200, { endpoints: CONTROL_ENDPOINTS });
        case 'GET /now':
          return json(200, { now: c.now().toISOString() });
        case 'POST /advance-time':
          return json(200, c.advanceTime(AdvanceSchema.parse(input)));
        case 'POST /revise-ytd':
          return json(200, c.reviseYtd(ReviseSchema.parse(input)));
        case 'POST /relationship-state': {
          const p = StateSchema.parse(input);
          c.setRelationshipState(p.orgNr, p.state, p.clientId);
          return json(200, { ok: true });
        }
        case 'GET /faults':
          return json(200, c.getFaults());
        case 'PUT /faults':
        case 'POST /faults':
          c.setFaults(FaultConfigSchema.parse(input) as Parameters<SandboxControl['setFaults']>[0]);
          return json(200, c.getFaults());
        case 'POST /expire-tokens':
          c.expireAllTokens();
          return json(200, { ok: true });
        case 'GET /stats':
          return json(200, c.stats());
        case 'POST /stats/reset':
          c.resetStats();
          return json(200, { ok: true });
        case 'GET /truth':
          return json(200, c.truth(clientId));
        case 'GET /bank-notification-count':
          return json(200, { count: c.bankNotificationCount(clientId) });
        case 'GET /org-nrs':
          return json(200, c.orgNrs(clientId, url.searchParams.get('state') ?? undefined));
        case 'GET /customer-list':
          return json(200, c.customerList(clientId));
        default:
          return json(404, { error: `No control endpoint ${route}`, endpoints: CONTROL_ENDPOINTS });
      }
    } catch (err) {
      const message = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
      return json(400, { error: message });
    }
  }
}

const AdvanceSchema = z.strictObject({
  days: z.number().min(0),
  seconds: z.number().min(0).optional(),
  share: z.number().min(0).max(1).optional(),
  orgNrs: z.array(z.string()).optional(),
});

const ReviseSchema = z.strictObject({
  orgNr: z.string(),
  revenueChange: z.number().gt(-1).max(10).optional(),
  expenseChange: z.number().gt(-1).max(10).optional(),
});

const StateSchema = z.strictObject({
  orgNr: z.string(),
  state: z.enum(['access_approved', 'access_denied', 'access_revoked']),
  clientId: z.string().optional(),
});

export const CONTROL_ENDPOINTS = [
  'GET  /_control/now',
  'POST /_control/advance-time {days, seconds?, share?, orgNrs?}',
  'POST /_control/relationship-state {orgNr, state: access_approved|access_denied|access_revoked, clientId?}',
  'POST /_control/revise-ytd {orgNr, revenueChange? (default -0.1), expenseChange? (default 0)}',
  'GET  /_control/faults',
  'PUT  /_control/faults {FaultConfig}',
  'POST /_control/expire-tokens',
  'GET  /_control/stats',
  'POST /_control/stats/reset',
  'GET  /_control/truth?clientId=',
  'GET  /_control/bank-notification-count?clientId=',
  'GET  /_control/org-nrs?clientId=&state=',
  'GET  /_control/customer-list?clientId= (the bank\'s own list of org numbers, which the Demo follows)',
  'POST /_control/stop-listening (the sandbox stops accepting connections; only in process can it resume)',
];

interface PageParams {
  limit: number;
  skip: number;
}

function parsePage(url: URL): PageParams | { errors: Array<{ key: string; message: string }> } {
  const errors: Array<{ key: string; message: string }> = [];
  const read = (name: string, fallback: number, min: number, max: number, error: { key: string; message: string }): number => {
    const all = url.searchParams.getAll(name);
    if (all.length === 0) return fallback;
    const raw = all[0]!;
    const value = Number(raw);
    if (all.length > 1 || !/^\d{1,15}$/.test(raw) || value < min || value > max) {
      errors.push(error);
      return fallback;
    }
    return value;
  };
  const limit = read('limit', PAGINATION.defaultLimit, 1, PAGINATION.maxLimit, ERRORS.invalidLimit);
  const skip = read('skip', 0, 0, Number.MAX_SAFE_INTEGER, ERRORS.invalidSkip);
  return errors.length > 0 ? { errors } : { limit, skip };
}

function paginate<T, U>(all: T[], page: PageParams, toJson: (item: T) => U): { metadata: Record<string, number>; items: U[] } {
  const items = all.slice(page.skip, page.skip + page.limit).map(toJson);
  return {
    metadata: { limit: page.limit, skip: page.skip, returnedItems: items.length, totalItems: all.length },
    items,
  };
}

function notificationJson(n: { id: number; text: string; type: string; createdUs: number }): Record<string, unknown> {
  return { id: n.id, text: n.text, type: n.type, createdAt: formatMicros(n.createdUs) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
