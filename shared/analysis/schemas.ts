/**
 * zod schemas of the early-warning settings (early-warning.ts declares their types): for checking thresholds and
 * covenants that come from outside. Kept apart so that the renderer, which imports shared/analysis for its
 * calculations and names, loads no zod.
 */
import { z } from 'zod';
import { RULE_IDS, type CovenantOverride as CovenantOverrideType, type RuleSetting as RuleSettingType, type Thresholds as ThresholdsType } from './early-warning';

export const RuleId = z.enum(RULE_IDS);

export const RuleSetting = z.object({ enabled: z.boolean(), limit: z.number().finite() });

export const Thresholds = z.object({
  equity_ratio_min: RuleSetting,
  nibd_to_ebitda_max: RuleSetting,
  interest_cover_min: RuleSetting,
  revenue_growth_min: RuleSetting,
  equity_min: RuleSetting,
  net_profit_min: RuleSetting,
});

export const CovenantOverride = z.object({
  rule: RuleId,
  limit: z.number().finite().nullable(),
  label: z.string().max(200).optional(),
});

export const CovenantOverrides = z
  .array(CovenantOverride)
  .refine((list) => new Set(list.map((c) => c.rule)).size === list.length, { message: 'at most one covenant per rule' });

// The schemas parse to exactly the declared types (a change to one side without the other fails to compile).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const settingMatches: Same<z.infer<typeof RuleSetting>, RuleSettingType> = true;
const thresholdsMatch: Same<z.infer<typeof Thresholds>, ThresholdsType> = true;
const covenantMatches: Same<z.infer<typeof CovenantOverride>, CovenantOverrideType> = true;
void settingMatches;
void thresholdsMatch;
void covenantMatches;
