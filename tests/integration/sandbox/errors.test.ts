/**
 * Every error the sandbox answers: the token endpoint's (RFC 6749), the API's own ([{key, message}], status 400)
 * and the gateway's in front of it ({message}); the last two are our defaults (shared/symetrisk/defaults.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { API_PATHS, GATEWAY_ERRORS, PAGINATION, SCOPES } from '../../../shared/symetrisk/defaults';
import { ApiErrorBody, OAuthError, TokenResponse } from '../../../shared/symetrisk/schemas';
import { api, basic, start, token, tokenResponse } from './helpers';

let sb: Sandbox;
let tok: string;
let approved: string;
let pending: string;

beforeAll(async () => {
  sb = await start({ tokenTtlSeconds: 60 });
  tok = await token(sb);
  approved = sb.control.orgNrs(undefined, 'access_approved')[0]!;
  pending = sb.control.orgNrs(undefined, 'access_requested')[0]!;
});
afterAll(() => sb.close());

async function oauthError(res: Response): Promise<string> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return OAuthError.parse(await res.json()).error;
}

describe('token endpoint errors (RFC 6749 section 5.2)', () => {
  it('GET is refused: POST only', async () => {
    const res = await fetch(sb.tokenUrl, { headers: { Authorization: basic(sb.clientId, sb.clientSecret) } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await oauthError(res)).toBe('invalid_request');
  });

  it('missing or wrong client credentials: 401 invalid_client with WWW-Authenticate', async () => {
    const none = await fetch(sb.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await oauthError(none)).toBe('invalid_client');
    const wrong = await tokenResponse(sb, { secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await oauthError(wrong)).toBe('invalid_client');
    const unknown = await tokenResponse(sb, { id: 'someone-else' });
    expect(unknown.status).toBe(401);
  });

  it('not a form body: invalid_request; no grant_type: invalid_request', async () => {
    const json = await fetch(sb.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic(sb.clientId, sb.clientSecret), 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await oauthError(json)).toBe('invalid_request');
    const noGrant = await tokenResponse(sb, {}, 'scope=x');
    expect(noGrant.status).toBe(400);
    expect(await oauthError(noGrant)).toBe('invalid_request');
  });

  it('another grant type: unsupported_grant_type', async () => {
    const res = await tokenResponse(sb, {}, 'grant_type=password&username=a&password=b');
    expect(res.status).toBe(400);
    expect(await oauthError(res)).toBe('unsupported_grant_type');
  });

  it('an unknown scope: invalid_scope; a subset is granted', async () => {
    const bad = await tokenResponse(sb, { scope: `${SCOPES.read} https://api.symetrisk.com/admin` });
    expect(bad.status).toBe(400);
    expect(await oauthError(bad)).toBe('invalid_scope');
    const readOnly = await tokenResponse(sb, { scope: SCOPES.read });
    expect(readOnly.status).toBe(200);
    TokenResponse.parse(await readOnly.json());
  });
});

describe('API errors', () => {
  const errorKeys = (body: unknown): string[] => ApiErrorBody.parse(body).map((e) => e.key);

  const gatewayMessage = (r: { headers: Headers; body: unknown }): string => {
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.body as object)).toEqual(['message']);
    return (r.body as { message: string }).message;
  };

  it('401 from the gateway for a missing, malformed, unknown or expired token, with an RFC 6750 challenge', async () => {
    const missing = await api(sb, null, API_PATHS.ping.path());
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="symetrisk"');
    expect(gatewayMessage(missing)).toBe(GATEWAY_ERRORS.missingToken.message);

    const notBearer = await api(sb, null, API_PATHS.ping.path(), { headers: { Authorization: `Token ${tok}` } });
    expect(notBearer.status).toBe(401);
    expect(notBearer.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(gatewayMessage(notBearer)).toBe(GATEWAY_ERRORS.invalidToken.message);

    const unknown = await api(sb, 'eyJhbGciOiJub25lIn0.e30.garbage', API_PATHS.ping.path());
    expect(unknown.status).toBe(401);
    expect(gatewayMessage(unknown)).toBe(GATEWAY_ERRORS.invalidToken.message);

    const short = await token(sb);
    sb.control.advanceTime({ days: 0, seconds: 61, share: 0 });
    const expired = await api(sb, short, API_PATHS.ping.path());
    expect(expired.status).toBe(401);
    expect(gatewayMessage(expired)).toBe(GATEWAY_ERRORS.expiredToken.message);
    tok = await token(sb);
  });

  it('expireAllTokens makes every token fail', async () => {
    const t = await token(sb);
    sb.control.expireAllTokens();
    expect((await api(sb, t, API_PATHS.ping.path())).status).toBe(401);
    tok = await token(sb);
  });

  it('403 from the gateway for a POST without the write scope (and a GET without read)', async () => {
    const readOnly = await token(sb, { scope: SCOPES.read });
    const post = await api(sb, readOnly, API_PATHS.requestAccess.path(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: '923609016' }] }),
    });
    expect(post.status).toBe(403);
    expect(gatewayMessage(post)).toBe(GATEWAY_ERRORS.insufficientScope.message);
    expect(post.headers.get('www-authenticate')).toBe(`Bearer realm="symetrisk", error="insufficient_scope", scope="${SCOPES.write}"`);
    const writeOnly = await token(sb, { scope: SCOPES.write });
    const get = await api(sb, writeOnly, API_PATHS.ping.path());
    expect(get.status).toBe(403);
    expect(get.headers.get('www-authenticate')).toMatch(new RegExp(`scope="${SCOPES.read}"`));
  });

  it('400 for bad limit or skip', async () => {
    for (const q of ['limit=0', `limit=${PAGINATION.maxLimit + 1}`, 'limit=-1', 'limit=abc', 'limit=1.5', 'limit=1&limit=2']) {
      const r = await api(sb, tok, `${API_PATHS.relationships.path()}?${q}`);
      expect(r.status, q).toBe(400);
      expect(errorKeys(r.body), q).toEqual(['invalid_limit']);
    }
    for (const q of ['skip=-1', 'skip=x', 'skip=']) {
      const r = await api(sb, tok, `${API_PATHS.accountingData.path(approved)}?${q}`);
      expect(r.status, q).toBe(400);
      expect(errorKeys(r.body), q).toEqual(['invalid_skip']);
    }
    const both = await api(sb, tok, `${API_PATHS.notifications.path()}?limit=0&skip=-3`);
    expect(errorKeys(both.body)).toEqual(['invalid_limit', 'invalid_skip']);
  });

  it('400 for a malformed org number in a path; 400 relationship_not_found for an unknown one', async () => {
    for (const bad of ['12345', '923609017', 'abcdefghi']) {
      const r = await api(sb, tok, API_PATHS.accountingData.path(bad));
      expect(r.status).toBe(400);
      expect(errorKeys(r.body)).toEqual(['invalid_organization_number']);
    }
    const r = await api(sb, tok, API_PATHS.relationship.path('974760673'));
    expect(r.status).toBe(400);
    expect(errorKeys(r.body)).toEqual(['relationship_not_found']);
  });

  it('400 relationship_not_approved for data of a borrower who has not approved', async () => {
    for (const path of [API_PATHS.accountingData.path(pending), API_PATHS.borrowerNotifications.path(pending)]) {
      const r = await api(sb, tok, path);
      expect(r.status).toBe(400);
      expect(errorKeys(r.body)).toEqual(['relationship_not_approved']);
    }
    // The relationship itself is readable in any state.
    expect((await api(sb, tok, API_PATHS.relationship.path(pending))).status).toBe(200);
  });

  it('POST /relationship: malformed JSON, bad email, empty borrowers -> 400; bad org numbers per item', async () => {
    const post = (body: string) =>
      api(sb, tok, API_PATHS.requestAccess.path(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const malformed = await post('{"bankContactEmail": ');
    expect(malformed.status).toBe(400);
    expect(errorKeys(malformed.body)).toEqual(['invalid_json']);
    const email = await post(JSON.stringify({ bankContactEmail: 'not-an-email', borrowers: [{ orgNr: '923609016' }] }));
    expect(email.status).toBe(400);
    expect(errorKeys(email.body)).toEqual(['invalid_email']);
    const empty = await post(JSON.stringify({ bankContactEmail: 'bank@email.com', borrowers: [] }));
    expect(empty.status).toBe(400);
    expect(errorKeys(empty.body)).toEqual(['invalid_borrowers']);
    const missing = await post(JSON.stringify({}));
    expect(errorKeys(missing.body)).toEqual(['invalid_email', 'invalid_borrowers']);

    const mixed = await post(
      JSON.stringify({ bankContactEmail: 'bank@email.com', borrowers: [{ orgNr: '923609017' }, { orgNr: '916627939' }, { orgNr: approved }, {}, { orgNr: 923609016 }] }),
    );
    expect(mixed.status).toBe(200);
    const items = mixed.body as Array<{ orgNr: string; success: boolean; message: string }>;
    expect(items.map((i) => i.success)).toEqual([false, true, false, false, false]);
    // A refused borrower's result has no link fields at all (not null where the document shows values).
    for (const refused of items.filter((i) => !i.success)) expect(Object.keys(refused).sort()).toEqual(['message', 'orgNr', 'success']);
    expect(items[0]!.message).not.toBe('');
    expect(items[2]!.message).toMatch(/already approved/);
  });

  it('unknown paths and wrong methods: 404 from the gateway, also outside /api/v1', async () => {
    for (const r of [
      await api(sb, tok, '/nope'),
      await api(sb, tok, API_PATHS.ping.path(), { method: 'DELETE' }),
      { ...(await fetch(`${sb.origin}/ping`, { headers: { Authorization: `Bearer ${tok}` } }).then(async (res) => ({ status: res.status, headers: res.headers, body: await res.json() }))) },
    ]) {
      expect(r.status).toBe(404);
      expect(gatewayMessage(r)).toBe(GATEWAY_ERRORS.notFound.message);
    }
  });
});
