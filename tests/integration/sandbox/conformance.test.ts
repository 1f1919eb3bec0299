/**
 * Every example of the public document against the sandbox's answers: parsed with the shared zod schemas and
 * compared key by key and type by type with the example (shape()).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { isValidOrgNr } from '../../../shared/orgnr';
import { API_PATHS, PAGINATION } from '../../../shared/symetrisk/defaults';
import {
  AccessRequestResponse,
  AccountingPage,
  ApiErrorBody,
  NotificationPage,
  Ping,
  Relationship,
  RelationshipPage,
  Self,
  TokenResponse,
} from '../../../shared/symetrisk/schemas';
import * as doc from '../../fixtures/document-examples';
import { api, shape, start, token, tokenResponse } from './helpers';

const TIMESTAMP_6 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

let sb: Sandbox;
let omit: Sandbox;
let later: Sandbox;
let tok: string;
let omitTok: string;
let laterTok: string;
let approved: string;

beforeAll(async () => {
  sb = await start();
  omit = await start({ omitOrgNr: true });
  later = await start({ relationshipOrgNr: true });
  tok = await token(sb);
  omitTok = await token(omit);
  laterTok = await token(later);
  approved = sb.control.orgNrs(undefined, 'access_approved')[0]!;
});
afterAll(async () => {
  await sb.close();
  await omit.close();
  await later.close();
});

describe('the public document, example by example', () => {
  it('token: access_token, expires_in, token_type Bearer', async () => {
    const res = await tokenResponse(sb);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = TokenResponse.parse(await res.json());
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
  });

  it('GET /ping', async () => {
    const r = await api(sb, tok, API_PATHS.ping.path());
    expect(r.status).toBe(200);
    expect(Ping.parse(r.body)).toEqual(doc.PING);
  });

  it('GET /self has the keys and types of the systest example', async () => {
    const r = await api(sb, tok, API_PATHS.self.path());
    expect(r.status).toBe(200);
    Self.parse(r.body);
    expect(shape(r.body)).toEqual(shape(doc.SELF));
    const self = r.body as typeof doc.SELF;
    expect(self.company.created_at).toMatch(TIMESTAMP_6);
    expect(isValidOrgNr(self.company.brreg_organization_number)).toBe(true);
    expect(self.client.client_id).toBe(sb.clientId);
  });

  it('GET /relationship with the opt-in relationshipOrgNr (a later API version): the example, plus orgNr', async () => {
    const r = await api(later, laterTok, API_PATHS.relationships.path());
    expect(r.status).toBe(200);
    const page = RelationshipPage.parse(r.body);
    expect(page.metadata.limit).toBe(PAGINATION.defaultLimit);
    const approvedItem = page.items.find((i) => i.relationshipState === 'access_approved')!;
    expect(shape(approvedItem)).toEqual(shape({ ...doc.RELATIONSHIP, orgNr: '' }));
    expect(shape({ ...(r.body as object), items: [approvedItem] })).toEqual(shape({ ...doc.RELATIONSHIP_PAGE, items: [{ ...doc.RELATIONSHIP, orgNr: '' }] }));
    for (const item of page.items) {
      expect(item.relationshipCreatedAt).toMatch(TIMESTAMP_6);
      expect(isValidOrgNr(item.orgNr!)).toBe(true);
    }
  });

  it.each([
    ['by default', () => [sb, tok] as const],
    ['with omitOrgNr', () => [omit, omitTok] as const],
  ])('GET /relationship %s: exactly the example keys, no orgNr', async (_label, which) => {
    const [s, t] = which();
    const r = await api(s, t, `${API_PATHS.relationships.path()}?limit=100`);
    const page = RelationshipPage.parse(r.body);
    const approvedItem = page.items.find((i) => i.relationshipState === 'access_approved')!;
    expect(shape({ ...(r.body as object), items: [approvedItem] })).toEqual(shape(doc.RELATIONSHIP_PAGE));
    // The raw items: a pending request leaves borrowerContactEmail out, every other key is the example's.
    for (const item of (r.body as { items: Record<string, unknown>[] }).items) {
      const expected = Object.keys(doc.RELATIONSHIP).filter((k) => k !== 'borrowerContactEmail' || item.relationshipState !== 'access_requested');
      expect(Object.keys(item).sort()).toEqual(expected.sort());
    }
  });

  it('GET /relationship/{orgNr}', async () => {
    const r = await api(omit, omitTok, API_PATHS.relationship.path(omit.control.orgNrs(undefined, 'access_approved')[0]!));
    expect(r.status).toBe(200);
    Relationship.parse(r.body);
    expect(shape(r.body)).toEqual(shape(doc.RELATIONSHIP));
  });

  it('GET /accounting-data/{orgNr}: items as the example, timestamps with six-digit microseconds', async () => {
    const r = await api(sb, tok, API_PATHS.accountingData.path(approved));
    expect(r.status).toBe(200);
    const page = AccountingPage.parse(r.body);
    expect(page.metadata).toEqual({ limit: 100, skip: 0, returnedItems: page.items.length, totalItems: page.items.length });
    expect(page.items.length).toBeGreaterThan(1);
    for (const item of page.items) {
      expect(shape(item)).toEqual(shape(doc.ACCOUNTING_PAGE.items[0]));
      expect(item.fetchedAt).toMatch(TIMESTAMP_6);
      expect(item.data.symetrisk_real_time_accounts_format_version).toBe('2025-09-19');
      expect(item.snapshotDate).toBe(item.data.end_date);
      expect(item.data.start_date).toBe(`${item.data.year}-01-01`);
      expect(item.origin).toBe('api');
    }
    // Newest first, as in the example (id 2 before id 1).
    const ids = page.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('POST /relationship: the response as the example, signupLinkExpiresAt in Unix seconds', async () => {
    const orgNr = '923609016';
    const r = await api(sb, tok, API_PATHS.requestAccess.path(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...doc.ACCESS_REQUEST_BODY, borrowers: [{ orgNr }] }),
    });
    expect(r.status).toBe(200);
    const body = AccessRequestResponse.parse(r.body);
    expect(shape(body)).toEqual(shape(doc.ACCESS_REQUEST_RESPONSE));
    expect(body[0]!.orgNr).toBe(orgNr);
    expect(body[0]!.signupLink).toMatch(/^https:\/\/www\.symetrisk\.com\/signup\?symetrisk-signup-id=[^&]+&signup-email=/);
    const expires = body[0]!.signupLinkExpiresAt!;
    expect(Number.isInteger(expires)).toBe(true);
    expect(expires).toBeGreaterThan(sb.control.now().getTime() / 1000);
    expect(expires).toBeLessThan(sb.control.now().getTime() / 1000 + 30 * 86400);
    // "Call GET /relationship/{orgNr} to see relationship status."
    const rel = await api(sb, tok, API_PATHS.relationship.path(orgNr));
    expect((rel.body as { relationshipState: string }).relationshipState).toBe('access_requested');
  });

  it('GET /notifications and /notifications/{orgNr}', async () => {
    const bank = await api(sb, tok, API_PATHS.notifications.path());
    expect(bank.status).toBe(200);
    const bankPage = NotificationPage.parse(bank.body);
    expect(shape({ ...(bank.body as object), items: bankPage.items.slice(0, 1) })).toEqual(shape(doc.NOTIFICATION_PAGE));
    for (const n of bankPage.items) expect(n.createdAt).toMatch(TIMESTAMP_6);
    const one = await api(sb, tok, API_PATHS.borrowerNotifications.path(approved));
    expect(one.status).toBe(200);
    const page = NotificationPage.parse(one.body);
    expect(page.items.length).toBeGreaterThan(0);
    expect(shape({ ...(one.body as object), items: page.items.slice(0, 1) })).toEqual(shape(doc.BORROWER_NOTIFICATION_PAGE));
    const types = new Set(page.items.map((n) => n.type));
    expect(types.has('information') || types.has('data_refresh')).toBe(true);
    expect(page.items.some((n) => / for borrower [A-ZÆØÅ0-9 &]+/.test(n.text))).toBe(true);
  });

  it('400 relationship_not_found exactly as in the document', async () => {
    for (const path of [
      API_PATHS.relationship.path('974760673'),
      API_PATHS.accountingData.path('974760673'),
      API_PATHS.borrowerNotifications.path('974760673'),
    ]) {
      const r = await api(sb, tok, path);
      expect(r.status).toBe(400);
      expect(ApiErrorBody.parse(r.body)).toEqual(doc.RELATIONSHIP_NOT_FOUND);
    }
  });

  it('the document example itself parses with the shared schemas (schemas are right)', () => {
    AccountingPage.parse(doc.ACCOUNTING_PAGE);
    RelationshipPage.parse(doc.RELATIONSHIP_PAGE);
    NotificationPage.parse(doc.NOTIFICATION_PAGE);
    AccessRequestResponse.parse(doc.ACCESS_REQUEST_RESPONSE);
    Self.parse(doc.SELF);
    ApiErrorBody.parse(doc.RELATIONSHIP_NOT_FOUND);
  });
});
