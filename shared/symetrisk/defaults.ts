/**
 * Everything we know or assume about the Symetrisk API in one table (see docs/architecture.md and
 * ../shared/symetrisk-api-notes.md). Entries marked `stated: false` are our defaults: when the real value
 * is learned, it is a one-line change here.
 */

export const SCOPES = {
  read: 'https://api.symetrisk.com/read',
  write: 'https://api.symetrisk.com/write',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];
export const ALL_SCOPES: readonly Scope[] = [SCOPES.read, SCOPES.write];

export const PRODUCTION = {
  tokenUrl: 'https://symetrisk.auth.eu-central-1.amazoncognito.com/oauth2/token',
  apiBaseUrl: 'https://api.symetrisk.com/api/v1',
} as const;

/** Every API path, relative to the API base URL. `stated` says whether the public page names it. */
export const API_PATHS = {
  ping: { method: 'GET', path: () => '/ping', stated: true },
  self: { method: 'GET', path: () => '/self', stated: false },
  accountingData: { method: 'GET', path: (orgNr: string) => `/accounting-data/${orgNr}`, stated: false },
  relationships: { method: 'GET', path: () => '/relationship', stated: false },
  relationship: { method: 'GET', path: (orgNr: string) => `/relationship/${orgNr}`, stated: true },
  requestAccess: { method: 'POST', path: () => '/relationship', stated: false },
  notifications: { method: 'GET', path: () => '/notifications', stated: false },
  borrowerNotifications: { method: 'GET', path: (orgNr: string) => `/notifications/${orgNr}`, stated: false },
} as const;
export type ApiEndpoint = keyof typeof API_PATHS;

export const PAGINATION = {
  /** The example's metadata shows 100; our default for the API's own default. */
  defaultLimit: 100,
  /** Not stated anywhere; our default for the largest page the API serves. */
  maxLimit: 100,
} as const;

/** How much of a listing the app reads, whatever its `totalItems` claims: the most items and the most pages. */
export interface ListingLimits {
  maxItems: number;
  maxPages: number;
}

/**
 * Bounds on what the app reads from Symetrisk, whatever an answer claims. None is stated by the API: these are our
 * defaults, set far above any real bank (the largest Norwegian bank has some tens of thousands of business
 * borrowers; a borrower has about ten accounting items) so that only a broken or hostile server meets them, and
 * memory stays bounded when one does. A listing gets at most three passes of `maxItems / maxLimit` pages, plus slack.
 */
export const SYMETRISK_LIMITS = {
  /**
   * One answer, after decoding: a page of 100 accounting items is about 150 KB, and 100 items at the item cap below
   * 6.4 MB. Eight answers read at once then hold at most 64 MB, however large what a server sends.
   */
  maxAnswerBytes: 8 * 1024 * 1024,
  /** One stored item: its known fields as JSON (an accounting item is about 1 KB, a relationship 0.3 KB). */
  maxItemBytes: 64 * 1024,
  /** Each listing the sync reads, by endpoint. */
  listings: {
    relationships: { maxItems: 100_000, maxPages: 3_100 },
    notifications: { maxItems: 500_000, maxPages: 15_100 },
    accountingData: { maxItems: 10_000, maxPages: 310 },
    borrowerNotifications: { maxItems: 50_000, maxPages: 1_600 },
  } satisfies Record<string, ListingLimits>,
} as const;

/**
 * Token lifetime stated on the page ("lasts for 1 hour"). The response's expires_in is what counts; a token answer
 * without it gets this lifetime (RFC 6749 section 5.1 makes expires_in only RECOMMENDED).
 */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The accounting-data format versions the app has been tested on; others are flagged. */
export const KNOWN_FORMAT_VERSIONS: readonly string[] = ['2025-09-19'];

export const RELATIONSHIP_STATES_SEEN = ['access_requested', 'access_approved'] as const;

export const ACCOUNTING_SYSTEMS = ['fiken', 'tripletex', 'poweroffice', 'visma', '24sevenoffice'] as const;

/**
 * What the sandbox (and so the Demo and the tests) answers where the public document is silent, and what the
 * client expects there. Each entry is our default, not a stated fact; docs/sandbox.md and the OpenAPI
 * transcription (shared/symetrisk/openapi.yaml, `x-our-default: <id>`) refer to these ids. When the real
 * behaviour is learned, change the entry here.
 */
export const OUR_DEFAULTS = {
  relationshipOrgNr: {
    decision: 'Relationship items carry no orgNr (the document\'s example); an opt-in adds it, as a later API version may.',
  },
  pendingBorrowerContact: {
    decision: 'borrowerContactEmail is left out until the borrower has onboarded (the document shows it only as a string).',
  },
  refusedAccessLink: {
    decision: 'A refused POST /relationship result leaves signupLink and signupLinkExpiresAt out (the document shows them only as values).',
  },
  apiErrorStatus: {
    decision: 'The API\'s own errors ([{key, message}]) use 400, the one error status the document lists, also for a bad limit or skip, a bad org number, a bad POST body and a relationship that is not approved.',
  },
  gatewayErrors: {
    decision: 'A gateway in front of the API answers authentication, scope, routing and throttling with {"message": ...}, as AWS API Gateway does: 401 for a missing, bad or expired token, 403 for a missing scope, 404 for an unknown path or method, 429 when throttled, 500 and 503 when down.',
  },
  pageLimit: {
    decision: 'limit is at most 100 (PAGINATION.maxLimit); the document shows 100 in its examples and states no bound.',
  },
  selfPath: {
    decision: 'GET /self answers the bank and the API client (the systest page); it is information, so a 404 there is a warning.',
  },
} as const;
export type OurDefault = keyof typeof OUR_DEFAULTS;

/** The gateway's answers (OUR_DEFAULTS.gatewayErrors): status and the `message` of its body. */
export const GATEWAY_ERRORS = {
  missingToken: { status: 401, message: 'Unauthorized' },
  invalidToken: { status: 401, message: 'Unauthorized' },
  expiredToken: { status: 401, message: 'The incoming token has expired' },
  insufficientScope: { status: 403, message: 'Forbidden' },
  notFound: { status: 404, message: 'Not Found' },
  throttled: { status: 429, message: 'Too Many Requests' },
  internal: { status: 500, message: 'Internal Server Error' },
  unavailable: { status: 503, message: 'Service Unavailable' },
} as const;

/** The status of every error the API itself answers as [{key, message}] (OUR_DEFAULTS.apiErrorStatus). */
export const API_ERROR_STATUS = 400;
