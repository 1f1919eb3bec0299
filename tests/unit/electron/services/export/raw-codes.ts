import { COVENANT_STATUSES, FLOW_LINE_IDS, QUALITY_FLAG_CODES, RATIO_IDS, RULE_IDS, STOCK_LINE_IDS } from '../../../../../shared/analysis';
import { RECOMMENDATIONS } from '../../../../../shared/committee';
import { STATUS_ALERT_IDS } from '../../../../../shared/registry';

/** Every stored code the app knows, which must never be printed as it is (the pack words them). */
export const RAW_CODES = [
  'access_approved',
  'access_requested',
  'access_denied',
  'access_revoked',
  ...RULE_IDS,
  ...RATIO_IDS,
  ...QUALITY_FLAG_CODES,
  ...FLOW_LINE_IDS.filter((id) => id.includes('_')),
  ...STOCK_LINE_IDS.filter((id) => id.includes('_')),
  ...COVENANT_STATUSES.filter((s) => s.includes('_')),
  ...RECOMMENDATIONS,
  ...STATUS_ALERT_IDS.filter((s) => s.includes('_')),
  'profit_before_tax',
  'percent',
  'multiple',
  'not_meaningful',
  'not_available',
  'full_year',
  'ytd_annualised',
  'prior_year_pro_rata',
];

