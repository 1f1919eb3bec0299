/**
 * The credit-committee document's shared parts: what page 1 of a borrower's document holds (the pack's page 1 and
 * the app's print view build it here, once), its words, and local time (Europe/Oslo, the zone named). Pure: no
 * I/O, no node:*, no DOM. See docs/excel-pack.md.
 */
export * from './local-time';
export * from './words';
export * from './summary';
