import type { AccountingData } from '../symetrisk/schemas';
import { text, type LocalizedText } from './text';
import { HALF_CENT } from './tolerance';

/** The identities every snapshot should satisfy (../shared/symetrisk-api-notes.md). */
export const IDENTITY_IDS = ['ebitda', 'depreciation_and_amortization', 'ebit', 'net_profit'] as const;
export type IdentityId = (typeof IDENTITY_IDS)[number];

export interface IdentityDefinition {
  id: IdentityId;
  /** The identity as a formula over the API's field names. */
  formula: string;
  description: LocalizedText;
}

export const IDENTITY_DEFINITIONS: Readonly<Record<IdentityId, IdentityDefinition>> = {
  ebitda: {
    id: 'ebitda',
    formula: 'ebitda = revenues - expenses',
    description: text('EBITDA equals revenue minus operating expenses.', 'EBITDA er driftsinntekter minus driftskostnader.'),
  },
  depreciation_and_amortization: {
    id: 'depreciation_and_amortization',
    formula: 'depreciation_and_amortization = depreciation + amortization',
    description: text(
      'Depreciation and amortisation in total equals depreciation plus amortisation (the part of the EBIT identity that splits the total).',
      'Avskrivninger i alt er avskrivninger på varige driftsmidler pluss på immaterielle eiendeler (den delen av EBIT-identiteten som deler opp summen).',
    ),
  },
  ebit: {
    id: 'ebit',
    formula: 'ebit = ebitda - depreciation_and_amortization',
    description: text('EBIT equals EBITDA minus depreciation and amortisation.', 'Driftsresultat er EBITDA minus avskrivninger i alt.'),
  },
  net_profit: {
    id: 'net_profit',
    formula:
      'net_profit = ebit + interest_income - interest_expenses + other_financial_income - other_financial_expenses - taxes',
    description: text(
      'Net profit equals EBIT plus interest income, minus interest expenses, plus other financial income, minus other financial expenses, minus taxes. Income items can be negative; no sign is flipped.',
      'Resultat etter skatt er driftsresultat pluss renteinntekter, minus rentekostnader, pluss andre finansinntekter, minus andre finanskostnader, minus skatt. Inntektsposter kan være negative; ingen fortegn snus.',
    ),
  },
};

/** One identity checked on one snapshot. `difference` = reported − computed, in NOK. */
export interface IdentityCheck {
  id: IdentityId;
  reported: number;
  computed: number;
  difference: number;
  /** |difference| <= half a cent (NOK 0.005). */
  holds: boolean;
}

export interface Reconciliation {
  checks: IdentityCheck[];
  /** Every identity holds. */
  ok: boolean;
  /** The tolerance applied, in NOK. */
  tolerance: number;
}

/**
 * Checks the identities on a snapshot's data, each with the difference shown. The tolerance is half a cent:
 * amounts carry floating-point noise of far less than that, while any real discrepancy is at least a cent.
 */
export function reconcile(data: AccountingData): Reconciliation {
  const p = data.p_and_l_items;
  const computed: Record<IdentityId, [reported: number, computed: number]> = {
    ebitda: [p.ebitda, p.revenues - p.expenses],
    depreciation_and_amortization: [p.depreciation_and_amortization, p.depreciation + p.amortization],
    ebit: [p.ebit, p.ebitda - p.depreciation_and_amortization],
    net_profit: [
      p.net_profit,
      p.ebit + p.interest_income - p.interest_expenses + p.other_financial_income - p.other_financial_expenses - p.taxes,
    ],
  };
  const checks = IDENTITY_IDS.map((id): IdentityCheck => {
    const [reported, calc] = computed[id];
    const difference = reported - calc;
    return { id, reported, computed: calc, difference, holds: Math.abs(difference) <= HALF_CENT };
  });
  return { checks, ok: checks.every((c) => c.holds), tolerance: HALF_CENT };
}
