import { DEFAULT_NEAR_LIMIT_SHARE, DEFAULT_THRESHOLDS, RULE_IDS, type CovenantOverride, type RuleId, type Thresholds } from './early-warning';

/**
 * The limits as the cache stores them and the contract carries them: flat numbers keyed by rule.
 * - Thresholds (portfolio-wide): `<rule>` is the rule's limit (ratio units: fractions for percent) and
 *   `<rule>_enabled` switches it: 0 is off, anything else on. A rule missing keeps its default.
 * - Covenants (one borrower): `<rule>` is the borrower's own limit, replacing the threshold (also when that is off).
 * - The near-limit band (portfolio-wide, with the thresholds): `near_limit_share`, a share of |limit| (0.1 is 10 %).
 * These functions are the only reading of that form: the portfolio list, the borrower page, the Excel pack and the
 * Settings page all turn stored limits into rules here, so a rule switched off is off everywhere.
 */
export type FlatLimits = Readonly<Record<string, number>>;

/** The switch of a rule in the flat form. */
function enabledKey(rule: RuleId): `${RuleId}_enabled` {
  return `${rule}_enabled`;
}

/** The stored key of the near-limit band: "nær grensen" when the headroom is at most this share of |limit|. */
export const NEAR_LIMIT_KEY = 'near_limit_share';

/**
 * The band the analyst may set: none (0) to half the requirement. Wider would call a covenant met with half its
 * room left "near the limit", which says nothing any more.
 */
export const NEAR_LIMIT_RANGE = { min: 0, max: 0.5 } as const;

/** Every key a stored threshold may have: each rule's limit and its switch, and the near-limit band. */
export const THRESHOLD_KEYS: readonly string[] = [...RULE_IDS, ...RULE_IDS.map(enabledKey), NEAR_LIMIT_KEY];

/** True for a near-limit share the analyst may set (see {@link NEAR_LIMIT_RANGE}). */
export function isNearLimitShare(x: number): boolean {
  return Number.isFinite(x) && x >= NEAR_LIMIT_RANGE.min && x <= NEAR_LIMIT_RANGE.max;
}

/**
 * The near-limit band to apply from the stored thresholds: the stored share, or the default (10 %) where none is
 * stored or the stored one is out of range (a damaged value never widens or removes the band by accident).
 */
export function toNearLimitShare(flat: FlatLimits | null | undefined): number {
  const v = flat?.[NEAR_LIMIT_KEY];
  return typeof v === 'number' && isNearLimitShare(v) ? v : DEFAULT_NEAR_LIMIT_SHARE;
}

/** Every key a stored covenant may have: a rule's own limit (a covenant has no switch). */
export const COVENANT_KEYS: readonly string[] = RULE_IDS;

/**
 * The thresholds to apply from the stored ones: every rule with its limit and whether it is on. A rule with no
 * stored limit keeps its default limit; one with no stored switch keeps its default state. Non-finite limits are
 * ignored (the default stands), so a damaged value can never disable a rule by accident.
 */
export function toThresholds(flat: FlatLimits | null | undefined): Thresholds {
  const out = structuredClone(DEFAULT_THRESHOLDS);
  if (!flat) return out;
  for (const rule of RULE_IDS) {
    const limit = flat[rule];
    if (typeof limit === 'number' && Number.isFinite(limit)) out[rule].limit = limit;
    const enabled = flat[enabledKey(rule)];
    if (typeof enabled === 'number') out[rule].enabled = enabled !== 0;
  }
  return out;
}

/** The thresholds in the stored form: every rule's limit and its switch (1 on, 0 off); the band is stored beside them. */
export function flattenThresholds(t: Thresholds): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rule of RULE_IDS) {
    out[rule] = t[rule].limit;
    out[enabledKey(rule)] = t[rule].enabled ? 1 : 0;
  }
  return out;
}

/** A borrower's covenants from the stored form, in rule order; keys that are not a rule are not read. */
export function toCovenants(flat: FlatLimits | null | undefined): CovenantOverride[] {
  if (!flat) return [];
  return RULE_IDS.filter((r) => typeof flat[r] === 'number' && Number.isFinite(flat[r])).map((rule) => ({ rule, limit: flat[rule]! }));
}
