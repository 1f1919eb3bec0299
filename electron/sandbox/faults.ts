/**
 * Fault decisions. Each API request gets a sequence number (counted from the last setFaults) and every
 * decision is a hash of (fault seed, number, fault kind): the same configuration and the same order of
 * requests give the same faults, whatever else is switched on.
 */
import { z } from 'zod';
import { unit } from './prng';
import type { FaultConfig } from './types';

const rate = z.number().min(0).max(1);

/** The fault configuration as the control API accepts it. */
export const FaultConfigSchema = z.strictObject({
  latencyMs: z.number().min(0).optional(),
  jitterMs: z.number().min(0).optional(),
  errorRate: rate.optional(),
  errorStatuses: z.array(z.union([z.literal(500), z.literal(502), z.literal(503)])).min(1).optional(),
  rateLimit: z
    .strictObject({
      everyNth: z.number().int().min(1),
      burst: z.number().int().min(0),
      retryAfterSeconds: z.number().int().min(0),
      asHttpDate: z.boolean().optional(),
    })
    .refine((r) => r.burst <= r.everyNth, 'burst must not exceed everyNth')
    .optional(),
  malformedRate: rate.optional(),
  truncatedRate: rate.optional(),
  slowBodyMs: z.number().min(0).optional(),
  dropRate: rate.optional(),
  earlyTokenExpiryRate: rate.optional(),
  pageDrift: z.boolean().optional(),
  seed: z.number().int().optional(),
});

export interface RequestFaults {
  n: number;
  drop: boolean;
  rateLimited: boolean;
  status: 500 | 502 | 503 | null;
  malformed: boolean;
  truncated: boolean;
  earlyExpiry: boolean;
  latencyMs: number;
  slowBodyMs: number;
  /** A draw for choosing among variants (malformed body, cut point). */
  variant: number;
}

export class Faults {
  private config: FaultConfig = {};
  private seed: number;
  private apiCount = 0;
  private tokenCount = 0;
  /** Listings that have drifted once under the current configuration. */
  readonly drifted = new Set<string>();
  readonly injected: Record<string, number> = {};

  constructor(
    private readonly defaultSeed: number,
    config: FaultConfig = {},
  ) {
    this.seed = defaultSeed;
    this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = FaultConfigSchema.parse(config) as FaultConfig;
    this.seed = this.config.seed ?? this.defaultSeed;
    this.apiCount = 0;
    this.tokenCount = 0;
    this.drifted.clear();
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  count(kind: string): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }

  private latency(n: number, where: string): number {
    const base = this.config.latencyMs ?? 0;
    const jitter = this.config.jitterMs ?? 0;
    return base + (jitter > 0 ? Math.floor(unit(this.seed, where, n, 'jitter') * (jitter + 1)) : 0);
  }

  /** Latency of a token request (the only fault the token endpoint gets). */
  forToken(): number {
    const ms = this.latency(++this.tokenCount, 'token');
    if (ms > 0) this.count('latency');
    return ms;
  }

  /** The faults of the next API request. */
  forApi(): RequestFaults {
    const n = ++this.apiCount;
    const c = this.config;
    const u = (kind: string): number => unit(this.seed, 'api', n, kind);
    const rl = c.rateLimit;
    const errorDraw = u('error');
    const statusDraw = u('status');
    return {
      n,
      drop: u('drop') < (c.dropRate ?? 0),
      rateLimited: !!rl && rl.burst > 0 && (n - 1) % rl.everyNth >= rl.everyNth - rl.burst,
      status: errorDraw < (c.errorRate ?? 0) ? pickStatus(c.errorStatuses, statusDraw) : null,
      malformed: u('malformed') < (c.malformedRate ?? 0),
      truncated: u('truncated') < (c.truncatedRate ?? 0),
      earlyExpiry: u('expiry') < (c.earlyTokenExpiryRate ?? 0),
      latencyMs: this.latency(n, 'api'),
      slowBodyMs: c.slowBodyMs ?? 0,
      variant: u('variant'),
    };
  }

  rateLimit(): FaultConfig['rateLimit'] {
    return this.config.rateLimit;
  }

  pageDrift(): boolean {
    return this.config.pageDrift === true;
  }
}

/** The 5xx status of an injected error: one of `statuses` (default all three), chosen evenly by the draw. */
function pickStatus(statuses: FaultConfig['errorStatuses'], draw: number): 500 | 502 | 503 {
  const from = statuses && statuses.length > 0 ? statuses : ([500, 502, 503] as const);
  return from[Math.min(from.length - 1, Math.floor(draw * from.length))]!;
}
