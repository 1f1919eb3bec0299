/**
 * Everything we know or assume about the two Brønnøysund APIs in one table (../shared/brreg-api-notes.md, and
 * docs/registry.md). Entries marked `stated: false` are our defaults: when a real value is learned, it is a
 * one-line change here.
 */

/**
 * Both real hosts are data.brreg.no; the sandbox serves the same paths on one loopback origin. Every profile but the
 * Demo (its own sandbox) and a local test environment (see `registryConfigFor`) uses these.
 */
export const PRODUCTION_REGISTRY = {
  enhetsregisteretUrl: 'https://data.brreg.no/enhetsregisteret/api',
  regnskapsregisteretUrl: 'https://data.brreg.no/regnskapsregisteret/regnskap',
} as const;

/** The registry's name in messages, logs and errors. */
export const REGISTRY_SERVICE_NAME = 'Brønnøysundregistrene';

/**
 * Our defaults for the bank's use of the registry: calls are on unless the bank switches them off in Settings
 * (`registryEnabled`; off means no registry call at all, and the cached facts stay on screen).
 */
export const REGISTRY_DEFAULTS = { enabled: true } as const;

/** The path prefixes under one origin (what the sandbox routes on). */
export const REGISTRY_PREFIXES = {
  enhetsregisteret: '/enhetsregisteret/api',
  regnskapsregisteret: '/regnskapsregisteret/regnskap',
} as const;

/** Every path the client calls, relative to its API's base URL. `stated` says whether the official spec names it. */
export const REGISTRY_PATHS = {
  enhet: { api: 'enhetsregisteret', path: (orgNr: string) => `/enheter/${orgNr}`, label: 'GET /enheter/{orgnr}', stated: true },
  enheter: { api: 'enhetsregisteret', path: () => '/enheter', label: 'GET /enheter', stated: true },
  oppdateringer: { api: 'enhetsregisteret', path: () => '/oppdateringer/enheter', label: 'GET /oppdateringer/enheter', stated: true },
  regnskap: { api: 'regnskapsregisteret', path: (orgNr: string) => `/${orgNr}`, label: 'GET /regnskapsregisteret/regnskap/{orgnr}', stated: true },
} as const;
export type RegistryEndpoint = keyof typeof REGISTRY_PATHS;

/** The media types the client asks for and the sandbox answers with (ER-SPEC-26 "Media typer"). */
export const MEDIA_TYPES = {
  enhet: 'application/vnd.brreg.enhetsregisteret.enhet.v2+json',
  oppdateringEnhet: 'application/vnd.brreg.enhetsregisteret.oppdatering.enhet.v1+json',
  json: 'application/json',
} as const;

/** The API's own limits, and the defaults we chose inside them. */
export const REGISTRY_LIMITS = {
  /** `organisasjonsnummer` takes at most 2,000 numbers (`maxItems: 2000`). */
  batchMaxNumbers: 2000,
  /**
   * Our default chunk: 500 numbers make a URL of about 5 KB. Practical URL-length limits are unknown (a third
   * party refuses 1,000-number chunks), so we stay well under what proxies commonly accept (8 KB). Not stated.
   */
  batchChunk: 500,
  /** `(page + 1) * size` must not exceed 10,000, otherwise HTTP 400 ("Paginering"). */
  pageWindow: 10_000,
  /** Change feed `size`: 1 to 10,000 (default 20). We read 1,000 per page and move on with the id cursor. */
  feedPageSize: 1000,
  feedMaxSize: 10_000,
  /** Name search page: the candidates we look at for one name. Not stated. */
  nameSearchSize: 20,
  /** `navn` is 1 to 180 characters. */
  nameMaxLength: 180,
  /** Calls in flight at once per API: polite, as the spec asks for none but third parties keep to about 5/s. Not stated. */
  concurrency: 4,
  /** Per attempt, headers and body. Not stated. */
  timeoutMs: 15_000,
  /** Attempts in all for a call (network failures, 429, 502-504 are retried). Not stated. */
  maxAttempts: 3,
  /**
   * The largest answer read, in bytes: a batch page of 500 units is about 1.5 MB (a unit is about 3 KB), a feed page
   * of 1,000 updates well under 1 MB. Anything larger is refused unread (`answer_too_large`). Not stated.
   */
  maxAnswerBytes: 8 * 1024 * 1024,
  /** The raw answer kept beside the typed columns, at most this many characters (a unit is about 3 KB). */
  rawMaxChars: 64 * 1024,
  /**
   * Consecutive timeouts after which the step gives up: a registry that accepts connections but never answers
   * must not cost every borrower's full timeout.
   */
  maxConsecutiveTimeouts: 3,
} as const;

/**
 * The change feed's first fetch reads from this many milliseconds before the batch lookup began, so that an update
 * published while (or just before) the lookup ran is not missed (the spec's "start well before" advice).
 */
export const FEED_START_MARGIN_MS = 60 * 60 * 1000;

/** Annual accounts must reach Regnskapsregisteret by 31 July of the following year (credit-memo notes, N14). */
export const FILING_DEADLINE = { month: 7, day: 31 } as const;

/** The feed's endringstype values; `Fjernet` means removed from open data: copies must be deleted. */
export const CHANGE_TYPES = ['Ny', 'Endring', 'Sletting', 'Fjernet', 'Ukjent'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
