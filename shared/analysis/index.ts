/**
 * Credit analysis of Symetrisk snapshots: periods, ratios, reconciliation, data-quality flags, comparison,
 * restatements, early warning and display formatting. Pure (no I/O, no node:*, no DOM): used by the main
 * process (portfolio query, Excel pack) and the renderer alike. Definitions: docs/analysis.md.
 */
export type { Language, LocalizedText } from './text';
export { daysInTwelveMonthsFrom, daysInYear, isLeapYear, parseApiTimestamp } from './dates';
export * from './tolerance';
export * from './lines';
export * from './snapshots';
export * from './periods';
export * from './ratios';
export * from './reconciliation';
export * from './quality';
export * from './comparison';
export * from './early-warning';
export * from './format';
export * from './borrower';
export * from './definitions';
