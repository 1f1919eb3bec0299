import type { RegistryControl, RegistryFaultConfig } from './registry/server';

/** The sandbox's public types (re-exported by index.ts, which is what other code imports). */

/** One API client of the sandbox = one bank. */
export interface SandboxClientConfig {
  clientId: string;
  clientSecret: string;
  bankName: string;
  bankOrgNr: string;
  scopes: string[];
  /** Relationships generated for this bank; default SandboxOptions.borrowers. (Added to the agreed interface.) */
  borrowers?: number;
}

export interface FaultConfig {
  /** Every API response (and token response) delayed latencyMs + random(0..jitterMs). */
  latencyMs?: number;
  jitterMs?: number;
  /** Share of API requests answered 500, 502 or 503 (seeded). */
  errorRate?: number;
  /** Which statuses errorRate answers with; default all of 500, 502 and 503 (a benchmark wants only 503s). */
  errorStatuses?: (500 | 502 | 503)[];
  /** Of every `everyNth` API requests the last `burst` are answered 429 with Retry-After. */
  rateLimit?: { everyNth: number; burst: number; retryAfterSeconds: number; asHttpDate?: boolean };
  /** Share of 200 answers whose body is not JSON. */
  malformedRate?: number;
  /** Share of 200 answers whose JSON is cut off mid-way. */
  truncatedRate?: number;
  /** Each API body is dribbled out over this long. */
  slowBodyMs?: number;
  /** Share of API requests whose socket is destroyed without an answer. */
  dropRate?: number;
  /** Share of requests with a valid token answered 401 as if it had expired (the token then stays dead). */
  earlyTokenExpiryRate?: number;
  /** The first request for a later page (skip > 0) of each listing adds an item at the head of that listing. */
  pageDrift?: boolean;
  /** Seed of the fault decisions; default the sandbox's seed. */
  seed?: number;
}

export interface SandboxOptions {
  /** 0 or absent: a free port; always binds 127.0.0.1. */
  port?: number;
  /** Default 7. */
  seed?: number;
  /** Relationships of each bank; default 40. */
  borrowers?: number;
  /** Sandbox clock start; default the real current time. Tests pass a fixed one. */
  now?: Date;
  /** Stop the clock between control calls: only advanceTime moves it. Default false (it runs in real time). */
  frozenClock?: boolean;
  /** Default 3600. */
  tokenTtlSeconds?: number;
  /**
   * Add `orgNr` to relationship items, as a later API version may (the public document has none): an opt-in.
   * Default SANDBOX_DEFAULTS.relationshipOrgNr (off: the document's shape).
   */
  relationshipOrgNr?: boolean;
  /** Relationship items exactly as the public document (no orgNr), as by default; relationshipOrgNr wins. */
  omitOrgNr?: boolean;
  /** List order shuffled (seeded) instead of newest first. */
  shuffle?: boolean;
  /** Default: one demo bank client (DEMO_CLIENT). The first is "the demo client". */
  clients?: SandboxClientConfig[];
  faults?: FaultConfig;
  /** The registry sandbox (Enhetsregisteret, Regnskapsregisteret) on the same origin; its own faults. */
  registry?: { faults?: RegistryFaultConfig };
}

export type SettableRelationshipState = 'access_approved' | 'access_denied' | 'access_revoked';

export interface TruthRow {
  orgNr: string;
  relationshipId: string;
  state: string;
  /** What GET /accounting-data/{orgNr} returns as totalItems for this bank (0 unless access_approved). */
  accountingItems: number;
  /** What GET /notifications/{orgNr} returns as totalItems for this bank (0 unless access_approved). */
  notifications: number;
}

export interface SandboxStats {
  requests: number;
  byEndpoint: Record<string, number>;
  faultsInjected: Record<string, number>;
}

export interface SandboxControl {
  now(): Date;
  /**
   * Moves the clock `days` (+ `seconds`) forward; a `share` (default 1) of the borrowers with an approved
   * relationship (or only `orgNrs`) get new data: a new year-to-date snapshot, the closed year's final one
   * after a year end, now and then a restatement, and notifications. `share: 0` only moves the clock.
   */
  advanceTime(opts: { days: number; seconds?: number; share?: number; orgNrs?: string[] }): { changedOrgNrs: string[] };
  /**
   * Added: a revised year to date, as when a borrower corrects its books. A new snapshot of the borrower's latest
   * year-to-date window (same start and end dates, fetched now) with revenue and expenses changed by the given
   * shares (default revenue −10 %, expenses unchanged), and a warning notification. Throws for an unknown
   * borrower, one without an approved relationship, or one without a year to date.
   */
  reviseYtd(opts: { orgNr: string; revenueChange?: number; expenseChange?: number }): {
    orgNr: string;
    /** The snapshot revised (it stays in the listing) and the new one. */
    itemId: number;
    revisedItemId: number;
    year: number;
    endDate: string;
  };
  /** As if the borrower had finished onboarding (approved) or refused/withdrawn. Pending or not, any state may be set. */
  setRelationshipState(orgNr: string, state: SettableRelationshipState, clientId?: string): void;
  setFaults(f: FaultConfig): void;
  /** Added: the fault configuration in force. */
  getFaults(): FaultConfig;
  expireAllTokens(): void;
  stats(): SandboxStats;
  resetStats(): void;
  /** Ground truth for tests: every relationship of a client, newest first. */
  truth(clientId?: string): TruthRow[];
  bankNotificationCount(clientId?: string): number;
  /** Added: the org numbers of a client's relationships (newest first), optionally of one state. */
  orgNrs(clientId?: string, state?: string): string[];
  /**
   * Added: the bank's customer list as the bank keeps it (ascending): its relationships but a few approved ones
   * (the Demo's unlinked relationships), plus two customers Symetrisk does not know. The Demo follows it.
   */
  customerList(clientId?: string): string[];
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  origin: string;
  tokenUrl: string;
  apiBaseUrl: string;
  controlUrl: string;
  /** The demo client's credentials (the first client). */
  clientId: string;
  clientSecret: string;
  control: SandboxControl;
  /**
   * Symetrisk down: stops accepting connections and drops the open ones (clients see connection refused), as
   * POST /_control/stop-listening does. Resolves once nothing listens. Idempotent.
   */
  stopListening(): Promise<void>;
  /** Listens again on the same port (in process only: once stopped, no HTTP reaches the sandbox). */
  resumeListening(): Promise<void>;
  close(): Promise<void>;
  /** The registry sandbox on the same origin (docs/registry.md). */
  registry: {
    enhetsregisteretUrl: string;
    regnskapsregisteretUrl: string;
    controlUrl: string;
    control: RegistryControl;
  };
}
