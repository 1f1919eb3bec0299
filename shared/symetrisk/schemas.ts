/**
 * The shapes of Symetrisk's responses, as the public page shows them. The API client parses every response
 * with these; the sandbox's conformance tests hold its answers to them. Unknown extra fields are allowed but not
 * kept (z.object strips them): what the cache stores is exactly these known fields, and the sync counts and logs
 * what it dropped (electron/services/sync/admission.ts), so a server cannot grow the cache with fields nothing
 * reads. Text the app shows (names, states, notification texts) is cleaned of control and bidi characters.
 */
import { z } from 'zod';
import { cleanServerText } from '../safe-text';

/** A string the app shows: control characters, line breaks and bidi controls cleaned out (shared/safe-text.ts). */
const ShownText = z.string().transform(cleanServerText);

/** "2025-01-01T00:00:00.000000": no zone, a fraction of any length (the page shows five and six digits). */
export const ApiTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/, 'expected a timestamp like 2025-01-01T00:00:00.000000');
export const ApiDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2025-08-14');

export const PaginationMetadata = z.object({
  limit: z.number().int().nonnegative(),
  skip: z.number().int().nonnegative(),
  returnedItems: z.number().int().nonnegative(),
  totalItems: z.number().int().nonnegative(),
});
export type PaginationMetadata = z.infer<typeof PaginationMetadata>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ metadata: PaginationMetadata, items: z.array(item) });

export const ApiError = z.object({ key: z.string(), message: z.string() });
export const ApiErrorBody = z.array(ApiError);
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** A gateway's error body in front of the API (AWS API Gateway: {"message": "Unauthorized"}). */
export const GatewayErrorBody = z.looseObject({ message: z.string() });
/** RFC 9457 problem details (application/problem+json): the server's words are in title and detail. */
export const ProblemDetails = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
});

export const Ping = z.object({ message: z.string() });

export const Self = z.object({
  company: z.object({
    id: z.string(),
    name: ShownText,
    brreg_organization_number: z.string(),
    created_at: ApiTimestamp,
  }),
  client: z.object({ client_id: z.string(), scopes: z.array(z.string()) }),
});
export type Self = z.infer<typeof Self>;

export const Relationship = z.object({
  relationshipId: z.string(),
  /** Any state string is stored and shown; only access_requested and access_approved are documented. */
  relationshipState: ShownText,
  borrowerCompanyName: ShownText,
  /** A string in the document; left out (or null) while the borrower has not onboarded: stored as null. */
  borrowerContactEmail: z.string().nullable().default(null),
  bankContactEmail: z.string().nullable().default(null),
  relationshipCreatedAt: ApiTimestamp,
  /** Not in the public document's example; present when a later API version (or the sandbox's opt-in) adds it. */
  orgNr: z.string().optional(),
});
export type Relationship = z.infer<typeof Relationship>;
export const RelationshipPage = Page(Relationship);

export const PAndLItems = z.object({
  revenues: z.number(),
  expenses: z.number(),
  ebitda: z.number(),
  ebit: z.number(),
  interest_income: z.number(),
  interest_expenses: z.number(),
  taxes: z.number(),
  depreciation: z.number(),
  amortization: z.number(),
  depreciation_and_amortization: z.number(),
  other_financial_income: z.number(),
  other_financial_expenses: z.number(),
  net_profit: z.number(),
});
export type PAndLItems = z.infer<typeof PAndLItems>;

export const BalanceItems = z.object({
  equity: z.number(),
  interest_bearing_debt: z.number(),
  net_interest_bearing_debt: z.number(),
  total_assets: z.number(),
});
export type BalanceItems = z.infer<typeof BalanceItems>;

export const AccountingData = z.object({
  symetrisk_real_time_accounts_format_version: z.string(),
  year: z.number().int(),
  start_date: ApiDate,
  end_date: ApiDate,
  days_included: z.number().int().positive(),
  p_and_l_items: PAndLItems,
  balance_items: BalanceItems,
});
export type AccountingData = z.infer<typeof AccountingData>;

export const AccountingItem = z.object({
  id: z.number().int(),
  data: AccountingData,
  snapshotDate: ApiDate,
  fetchedAt: ApiTimestamp,
  origin: ShownText,
  accountingSystem: ShownText,
});
export type AccountingItem = z.infer<typeof AccountingItem>;
export const AccountingPage = Page(AccountingItem);

export const Notification = z.object({
  id: z.number().int(),
  text: ShownText,
  type: ShownText,
  createdAt: ApiTimestamp,
});
export type Notification = z.infer<typeof Notification>;
export const NotificationPage = Page(Notification);

export const AccessRequestBody = z.object({
  bankContactEmail: z.string(),
  borrowers: z.array(z.object({ orgNr: z.string() })),
});
export type AccessRequestBody = z.infer<typeof AccessRequestBody>;

export const AccessRequestResult = z.object({
  orgNr: z.string(),
  success: z.boolean(),
  message: z.string(),
  signupLink: z.string().nullable().optional(),
  /** Unix seconds. */
  signupLinkExpiresAt: z.number().nullable().optional(),
});
export type AccessRequestResult = z.infer<typeof AccessRequestResult>;
export const AccessRequestResponse = z.array(AccessRequestResult);

/**
 * RFC 6749 section 5.1: expires_in is RECOMMENDED, not required (missing: TOKEN_LIFETIME_SECONDS, the document's
 * hour), and some servers send it as a numeric string; token_type is case-insensitive (section 7.1); scope is the
 * granted scope when it differs from the one asked for.
 */
export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z
    .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/, 'expected a number of seconds').transform(Number)])
    .pipe(z.number().positive())
    .optional(),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'expected token_type Bearer'),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const OAuthError = z.looseObject({ error: z.string(), error_description: z.string().optional() });
