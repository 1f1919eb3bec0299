import type { BalanceItems, PAndLItems } from '../symetrisk/schemas';
import { text, type LocalizedText } from './text';

/** The P&L lines: flows over the period, which may be annualised, pro-rated and added across periods. */
export const FLOW_LINE_IDS = [
  'revenues',
  'expenses',
  'ebitda',
  'depreciation',
  'amortization',
  'depreciation_and_amortization',
  'ebit',
  'interest_income',
  'interest_expenses',
  'other_financial_income',
  'other_financial_expenses',
  'taxes',
  'net_profit',
] as const satisfies readonly (keyof PAndLItems)[];

/** The balance lines: stocks at the period's end date, never annualised or pro-rated. */
export const STOCK_LINE_IDS = [
  'equity',
  'interest_bearing_debt',
  'net_interest_bearing_debt',
  'total_assets',
] as const satisfies readonly (keyof BalanceItems)[];

export type FlowLineId = (typeof FLOW_LINE_IDS)[number];
export type StockLineId = (typeof STOCK_LINE_IDS)[number];

/**
 * Lines derived from the API's lines, never sent by it. Profit before tax is what a year to date and a full year
 * can be compared on: tax is booked with the annual accounts, so every year-to-date snapshot has taxes 0 and its
 * "net profit" is a pre-tax figure in substance.
 */
export const DERIVED_LINE_IDS = ['profit_before_tax'] as const;
export type DerivedLineId = (typeof DERIVED_LINE_IDS)[number];
export type LineId = FlowLineId | StockLineId | DerivedLineId;

/** Flow amounts in NOK, keyed by line. */
export type FlowLines = Record<FlowLineId, number>;
/** Stock amounts in NOK, keyed by line. */
export type StockLines = Record<StockLineId, number>;

/** True for a P&L line (a flow), derived lines included: they are sums of flows. */
export function isFlowLine(id: LineId): id is FlowLineId | DerivedLineId {
  return (FLOW_LINE_IDS as readonly string[]).includes(id) || id === 'profit_before_tax';
}

/**
 * Profit before tax = net profit + taxes (= EBIT + interest income − interest expenses + other financial income −
 * other financial expenses). Linear in the flows, so it is right for annualised, pro-rated and LTM flows too.
 */
export function profitBeforeTax(flows: FlowLines): number {
  return flows.net_profit + flows.taxes;
}

/** The amount of a line in a set of flows and stocks (a derived line computed from the flows). */
export function lineValue(figures: { flows: FlowLines; stocks: StockLines }, id: LineId): number {
  if (id === 'profit_before_tax') return profitBeforeTax(figures.flows);
  return (FLOW_LINE_IDS as readonly string[]).includes(id) ? figures.flows[id as FlowLineId] : figures.stocks[id as StockLineId];
}

/** Names of one accounting line. */
export interface LineDefinition {
  id: LineId;
  kind: 'flow' | 'stock';
  name: LocalizedText;
  /** Set on a line the API does not send: how it is derived. */
  derived?: LocalizedText | undefined;
}

const FLOW_NAMES: Record<FlowLineId, LocalizedText> = {
  revenues: text('Revenue', 'Driftsinntekter'),
  expenses: text('Operating expenses', 'Driftskostnader'),
  ebitda: text('EBITDA', 'EBITDA'),
  depreciation: text('Depreciation', 'Avskrivninger på varige driftsmidler'),
  amortization: text('Amortisation', 'Avskrivninger på immaterielle eiendeler'),
  depreciation_and_amortization: text('Depreciation and amortisation', 'Avskrivninger i alt'),
  ebit: text('EBIT (operating profit)', 'Driftsresultat (EBIT)'),
  interest_income: text('Interest income', 'Renteinntekter'),
  interest_expenses: text('Interest expenses', 'Rentekostnader'),
  other_financial_income: text('Other financial income', 'Andre finansinntekter'),
  other_financial_expenses: text('Other financial expenses', 'Andre finanskostnader'),
  taxes: text('Taxes', 'Skattekostnad'),
  net_profit: text('Net profit', 'Resultat etter skatt'),
};

const STOCK_NAMES: Record<StockLineId, LocalizedText> = {
  equity: text('Equity', 'Egenkapital'),
  interest_bearing_debt: text('Interest-bearing debt', 'Rentebærende gjeld'),
  net_interest_bearing_debt: text('Net interest-bearing debt (NIBD)', 'Netto rentebærende gjeld (NIBD)'),
  total_assets: text('Total assets', 'Sum eiendeler'),
};

const PROFIT_BEFORE_TAX: LineDefinition = {
  id: 'profit_before_tax',
  kind: 'flow',
  name: text('Profit before tax', 'Resultat før skatt'),
  derived: text('Net profit + taxes.', 'Resultat etter skatt + skattekostnad.'),
};

/** Every line in display order: P&L first (profit before tax just before taxes), then balance. */
export const LINE_DEFINITIONS: readonly LineDefinition[] = [
  ...FLOW_LINE_IDS.flatMap((id): LineDefinition[] => {
    const line: LineDefinition = { id, kind: 'flow', name: FLOW_NAMES[id] };
    return id === 'taxes' ? [PROFIT_BEFORE_TAX, line] : [line];
  }),
  ...STOCK_LINE_IDS.map((id): LineDefinition => ({ id, kind: 'stock', name: STOCK_NAMES[id] })),
];

/** The P&L lines of an item as a plain record (extra fields a later format adds are left out). */
export function flowLinesOf(items: PAndLItems): FlowLines {
  const out = {} as FlowLines;
  for (const id of FLOW_LINE_IDS) out[id] = items[id];
  return out;
}

/** The balance lines of an item as a plain record. */
export function stockLinesOf(items: BalanceItems): StockLines {
  const out = {} as StockLines;
  for (const id of STOCK_LINE_IDS) out[id] = items[id];
  return out;
}

/** Every flow multiplied by `factor` (annualising or pro-rating); stocks are never passed here. */
export function scaleFlows(flows: FlowLines, factor: number): FlowLines {
  const out = {} as FlowLines;
  for (const id of FLOW_LINE_IDS) out[id] = flows[id] * factor;
  return out;
}

/** `a + b × factor` line by line: an estimate that adds a share of another period. */
export function addScaledFlows(a: FlowLines, b: FlowLines, factor: number): FlowLines {
  const out = {} as FlowLines;
  for (const id of FLOW_LINE_IDS) out[id] = a[id] + b[id] * factor;
  return out;
}

/** `a + b - c` line by line: the arithmetic of last twelve months. */
export function combineFlows(a: FlowLines, b: FlowLines, minus: FlowLines): FlowLines {
  const out = {} as FlowLines;
  for (const id of FLOW_LINE_IDS) out[id] = a[id] + b[id] - minus[id];
  return out;
}
