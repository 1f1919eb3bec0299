/**
 * The registry data as the app keeps and shows it: what the cache's repository returns and what the screens,
 * the grid and the pack will read (the channels come with the screens). Types are inferred from the schemas.
 */
import { z } from 'zod';

/**
 * `active`: a live unit; `deleted`: 200 with slettedato (the unit is "slettet"); `removed`: 410, removed from open
 * data (the copy was purged; only the org number and date remain); `not_found`: 404, no such main unit.
 */
export const RegistryUnitStatus = z.enum(['active', 'deleted', 'removed', 'not_found']);
export type RegistryUnitStatus = z.infer<typeof RegistryUnitStatus>;

export const CodeName = z.object({ code: z.string(), name: z.string() });
export type CodeName = z.infer<typeof CodeName>;

export const BusinessAddress = z.object({
  lines: z.array(z.string()),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  municipality: z.string().nullable(),
  municipalityNumber: z.string().nullable(),
  country: z.string().nullable(),
  countryCode: z.string().nullable(),
});
export type BusinessAddress = z.infer<typeof BusinessAddress>;

/** Why a unit is under forced dissolution: one ground per tvangs... date the registry gives. */
export const ForcedDissolutionGround = z.enum([
  'missing_deletion',
  'missing_general_manager',
  'missing_auditor',
  'missing_accounts',
  'deficient_board',
]);
export type ForcedDissolutionGround = z.infer<typeof ForcedDissolutionGround>;

const date = z.string().nullable();

/** One unit's registry facts. Facts a deleted, removed or unknown unit does not have are null (not false). */
export const RegistryUnit = z.object({
  orgNr: z.string(),
  status: RegistryUnitStatus,
  name: z.string().nullable(),
  orgForm: CodeName.nullable(),
  /** naeringskode1..3 in order, as the registry gives them (5-digit codes with their descriptions). */
  nace: z.array(CodeName).max(3),
  /** The 2-digit division of naeringskode1 ("43"), the peer-group key. */
  naceDivision: z.string().nullable(),
  /** Null when the registry gives none (0-4 employees, or not registered). */
  employees: z.number().int().nullable(),
  hasRegisteredEmployees: z.boolean().nullable(),
  businessAddress: BusinessAddress.nullable(),
  founded: date,
  registeredAt: date,
  vatRegistered: z.boolean().nullable(),
  lastFiledYear: z.number().int().nullable(),
  inGroup: z.boolean().nullable(),
  bankrupt: z.boolean().nullable(),
  bankruptcyDate: date,
  windingUp: z.boolean().nullable(),
  windingUpDate: date,
  forcedDissolution: z.boolean().nullable(),
  forcedDissolutionGrounds: z.array(z.object({ ground: ForcedDissolutionGround, date: z.string() })),
  reconstructionDate: date,
  foreignInsolvencyDate: date,
  auditOptOutDate: date,
  /** slettedato: of a deleted unit, or of a removed one (the 410 body carries it). */
  deletedDate: date,
  /** When the app last received this unit's answer (ISO). */
  fetchedAt: z.string(),
});
export type RegistryUnit = z.infer<typeof RegistryUnit>;

const amount = z.number().nullable();

/** The filed figures in the filing's currency (whole units); null when the filing has no value for the line. */
export const FiledFigures = z.object({
  revenues: amount,
  operatingExpenses: amount,
  operatingResult: amount,
  netFinancial: amount,
  financialIncome: amount,
  financialExpenses: amount,
  preTaxResult: amount,
  netResult: amount,
  totalResult: amount,
  totalAssets: amount,
  fixedAssets: amount,
  currentAssets: amount,
  equity: amount,
  paidInEquity: amount,
  retainedEquity: amount,
  liabilities: amount,
  shortTermLiabilities: amount,
  longTermLiabilities: amount,
  equityAndLiabilities: amount,
});
export type FiledFigures = z.infer<typeof FiledFigures>;

/** How the app knows when a filing became public: from the change feed, or only when it first saw it. */
export const PublishedSource = z.enum(['feed', 'first_seen']);
export type PublishedSource = z.infer<typeof PublishedSource>;

/** One filed annual account, as Regnskapsregisteret gives it (public mode: the latest SELSKAP accounts). */
export const FiledAccounts = z.object({
  orgNr: z.string(),
  /** The accounting year: the year of regnskapsperiode.tilDato (the period may be non-calendar). */
  year: z.number().int(),
  type: z.enum(['SELSKAP', 'KONSERN']),
  periodFrom: z.string(),
  periodTo: z.string(),
  recordId: z.number().int(),
  journalNr: z.string(),
  /** ISO code as filed ("NOK", "USD"), or null when the filing names none. */
  currency: z.string().nullable(),
  orgForm: z.string().nullable(),
  layout: z.string(),
  unaudited: z.boolean(),
  auditOptedOut: z.boolean(),
  smallCompany: z.boolean(),
  accountingRules: z.string().nullable(),
  windingUpAccounts: z.boolean(),
  figures: FiledFigures,
  /** When the filing became public (feed) or was first seen by the app; see publishedSource. */
  publishedAt: z.string(),
  publishedSource: PublishedSource,
  fetchedAt: z.string(),
});
export type FiledAccounts = z.infer<typeof FiledAccounts>;

/**
 * What the last look-up found, per borrower and kind. For `unit`: `ok` or `failed`. For `accounts`: `filed`
 * (accounts stored), `none` (404: nothing filed in the open data), `unsupported` (500 for a layout the open API does
 * not serve: banks, insurers) or `failed`. A failure keeps what was stored before; `reason` says why.
 */
export const RegistryCheckOutcome = z.enum(['ok', 'filed', 'none', 'unsupported', 'failed']);
export type RegistryCheckOutcome = z.infer<typeof RegistryCheckOutcome>;

export const RegistryCheck = z.object({
  orgNr: z.string(),
  what: z.enum(['unit', 'accounts']),
  outcome: RegistryCheckOutcome,
  /** For accounts: the year of the latest filing the registry named when the look-up was made (a new one asks again). */
  forYear: z.number().int().nullable(),
  /** The layout named by an `unsupported` answer (BANK, SKADE), or null. */
  layout: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  checkedAt: z.string(),
});
export type RegistryCheck = z.infer<typeof RegistryCheck>;

/** One failure of a registry step, kept in the result (and the cache) so that it is never silent. */
export const RegistryFailure = z.object({
  orgNr: z.string().nullable(),
  what: z.enum(['unit', 'units', 'accounts', 'feed']),
  code: z.string(),
  reason: z.string(),
  message: z.string(),
});
export type RegistryFailure = z.infer<typeof RegistryFailure>;
