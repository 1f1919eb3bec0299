/**
 * Credit analysis of Symetrisk snapshots: periods and their bases (reported, LTM exact or estimated,
 * annualised), ratios, reconciliation, data-quality flags, comparison, revisions, covenant tests, early warning
 * and display formatting. Pure (no I/O, no node:*, no DOM): used by the main process (portfolio query, Excel
 * pack) and the renderer alike. Definitions: docs/analysis.md.
 */
export type { Language, LocalizedText } from './text';
export * from './vocabulary';
export { daysInTwelveMonthsFrom, daysInYear, formatDateNo, formatRangeNo, isLeapYear, parseApiTimestamp, sameDayPriorYear } from './dates';
export * from './tolerance';
export * from './lines';
export * from './snapshots';
export * from './periods';
export * from './ratios';
export * from './reconciliation';
export * from './quality';
export * from './revisions';
export * from './comparison';
export * from './meaning';
export * from './bases';
export * from './covenants';
export * from './early-warning';
export * from './format';
export * from './borrower';
export * from './definitions';
