/**
 * The examples of the public document (../shared/symetrisk-for-developers.txt and the /self example of
 * ../shared/symetrisk-api-notes.md), copied verbatim. The conformance tests hold the sandbox's answers to them.
 */

export const PING = { message: 'pong' };

export const SELF = {
  company: {
    id: '999e4567-e89b-12d3-a456-426614174111',
    name: 'Sparebanken Vest',
    brreg_organization_number: '987654321',
    created_at: '2025-12-15T08:14:40.583123',
  },
  client: {
    client_id: '7o7l37h5nr548ihuhcjcujmi5o',
    scopes: ['https://api.symetrisk.com/read', 'https://api.symetrisk.com/write'],
  },
};

export const ACCOUNTING_PAGE = {
  metadata: { limit: 100, skip: 0, returnedItems: 2, totalItems: 2 },
  items: [
    {
      id: 2,
      data: {
        symetrisk_real_time_accounts_format_version: '2025-09-19',
        year: 2025,
        start_date: '2025-01-01',
        end_date: '2025-08-14',
        days_included: 226,
        p_and_l_items: {
          revenues: 6110372.81,
          expenses: 5221921.500000001,
          ebitda: 888451.3099999987,
          ebit: 888451.3099999987,
          interest_income: 0,
          interest_expenses: 0,
          taxes: 0,
          depreciation: 0,
          amortization: 0,
          depreciation_and_amortization: 0,
          other_financial_income: -10186.3,
          other_financial_expenses: 5645.42,
          net_profit: 872619.5899999986,
        },
        balance_items: {
          equity: 6364035.56,
          interest_bearing_debt: 0,
          net_interest_bearing_debt: -1775076.05,
          total_assets: 9070305.77,
        },
      },
      snapshotDate: '2025-08-14',
      fetchedAt: '2025-10-10T00:00:00.00000',
      origin: 'api',
      accountingSystem: 'fiken',
    },
    {
      id: 1,
      data: {
        symetrisk_real_time_accounts_format_version: '2025-09-19',
        year: 2024,
        start_date: '2024-01-01',
        end_date: '2024-12-31',
        days_included: 366,
        p_and_l_items: {
          revenues: 13163978.270000001,
          expenses: 11921451.740000002,
          ebitda: 1242526.5299999993,
          ebit: 1217604.7599999993,
          interest_income: -15522,
          interest_expenses: 1280,
          taxes: 290992,
          depreciation: 24921.77,
          amortization: 0,
          depreciation_and_amortization: 24921.77,
          other_financial_income: -1505099.45,
          other_financial_expenses: 79156.85,
          net_profit: -674445.5400000006,
        },
        balance_items: {
          equity: 6364035.56,
          interest_bearing_debt: 0,
          net_interest_bearing_debt: -2388447.57,
          total_assets: 9825207.68,
        },
      },
      snapshotDate: '2024-12-31',
      fetchedAt: '2025-12-31T00:00:00.00000',
      origin: 'api',
      accountingSystem: 'fiken',
    },
  ],
};

export const RELATIONSHIP = {
  relationshipId: '123e4567-e89b-12d3-a456-426614174000',
  relationshipState: 'access_approved',
  borrowerCompanyName: 'Borrower 1',
  borrowerContactEmail: 'borrower@email.com',
  bankContactEmail: 'bank@email.com',
  relationshipCreatedAt: '2025-01-01T00:00:00.000000',
};

export const RELATIONSHIP_PAGE = {
  metadata: { limit: 100, skip: 0, returnedItems: 1, totalItems: 1 },
  items: [RELATIONSHIP],
};

export const ACCESS_REQUEST_BODY = { bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: '000000000' }] };

export const ACCESS_REQUEST_RESPONSE = [
  {
    orgNr: '000000000',
    success: true,
    message: '',
    signupLink: 'https://www.symetrisk.com/signup?symetrisk-signup-id=123-abc&signup-email=your@email.com',
    signupLinkExpiresAt: 1762381401,
  },
];

export const NOTIFICATION_PAGE = {
  metadata: { limit: 100, skip: 0, returnedItems: 1, totalItems: 1 },
  items: [{ id: 1, text: 'Fetched data from Fiken', type: 'information', createdAt: '2025-01-01T00:00:00.000000' }],
};

export const BORROWER_NOTIFICATION_PAGE = {
  metadata: { limit: 100, skip: 0, returnedItems: 1, totalItems: 1 },
  items: [
    {
      id: 1,
      text: 'Fetched data from Fiken for borrower SYMETRISK AS',
      type: 'information',
      createdAt: '2025-01-01T00:00:00.000000',
    },
  ],
};

export const RELATIONSHIP_NOT_FOUND = [
  {
    key: 'relationship_not_found',
    message: "We didn't find a relationship with that brreg organization number.",
  },
];
