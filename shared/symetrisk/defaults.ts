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

/** Token lifetime stated on the page ("lasts for 1 hour"); the response's expires_in is what counts. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The accounting-data format versions the app has been tested on; others are flagged. */
export const KNOWN_FORMAT_VERSIONS: readonly string[] = ['2025-09-19'];

export const RELATIONSHIP_STATES_SEEN = ['access_requested', 'access_approved'] as const;

export const ACCOUNTING_SYSTEMS = ['fiken', 'tripletex', 'poweroffice', 'visma', '24sevenoffice'] as const;
