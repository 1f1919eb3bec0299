/** The registry sandbox over loopback HTTP: the documented shapes, media types, statuses, paging, feed and control. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { MEDIA_TYPES } from '../../../shared/registry/defaults';
import {
  BadRequest,
  Enhet,
  EnheterPage,
  EnhetsregisterServerError,
  GoneEnhet,
  OppdateringerPage,
  RegnskapList,
  RegnskapServerError,
  SlettetEnhet,
} from '../../../shared/registry/schemas';
import { rawGet, start } from '../sandbox/helpers';

let sb: Sandbox;
let roles: ReturnType<Sandbox['registry']['control']['roles']>;
let enh: string;
let reg: string;

beforeAll(async () => {
  sb = await start({ borrowers: 30 });
  roles = sb.registry.control.roles();
  enh = sb.registry.enhetsregisteretUrl;
  reg = sb.registry.regnskapsregisteretUrl;
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.registry.control.setFaults({});
  sb.registry.control.resetStats();
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string; json: unknown }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type'), text, json };
}

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sb.registry.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('Enhetsregisteret', () => {
  it('answers a unit as the versioned media type, a deleted one as 200 SlettetEnhet, a removed one 410, an unknown one 404 without a body', async () => {
    const live = await get(`${enh}/enheter/${roles.bankrupt}`, { accept: MEDIA_TYPES.enhet });
    expect(live.status).toBe(200);
    expect(live.type).toBe(`${MEDIA_TYPES.enhet};charset=UTF-8`);
    expect(Enhet.parse(live.json)).toMatchObject({ respons_klasse: 'Enhet', konkurs: true, organisasjonsnummer: roles.bankrupt });
    const deleted = await get(`${enh}/enheter/${roles.deleted}`);
    expect(SlettetEnhet.parse(deleted.json).respons_klasse).toBe('SlettetEnhet');
    const removed = await get(`${enh}/enheter/${roles.removed}`);
    expect(removed.status).toBe(410);
    expect(GoneEnhet.parse(removed.json).organisasjonsnummer).toBe(roles.removed);
    const unknown = await get(`${enh}/enheter/123456785`);
    expect([unknown.status, unknown.text, unknown.type]).toEqual([404, '', null]);
  });

  it('refuses a malformed number with the documented 400 body, and a media type it does not serve', async () => {
    const bad = await get(`${enh}/enheter/9ECD01011`);
    expect(bad.status).toBe(400);
    expect(BadRequest.parse(bad.json).valideringsfeil[0]).toEqual({
      feilmelding: 'Organisasjonsnummer må være et nummer med nøyaktig 9 siffer',
      parametere: ['9ECD01011'],
      feilaktigVerdi: '9ECD01011',
    });
    expect((await get(`${enh}/enheter/${roles.bankrupt}`, { accept: 'application/xml' })).status).toBe(406);
    expect((await get(`${enh}/oppdateringer/enheter`, { accept: 'text/csv' })).status).toBe(415);
  });

  it('looks up a batch: live units only, paged, with HAL links', async () => {
    const orgNrs = sb.control.orgNrs().filter((o) => o !== roles.deleted && o !== roles.removed).slice(0, 5);
    const list = [...orgNrs, roles.deleted!, roles.removed!, '123456785'].join(',');
    const all = EnheterPage.parse((await get(`${enh}/enheter?organisasjonsnummer=${list}&size=20`)).json);
    const found = all._embedded!.enheter.map((e) => Enhet.parse(e).organisasjonsnummer);
    expect(found.sort()).toEqual([...orgNrs].sort());
    const first = await get(`${enh}/enheter?organisasjonsnummer=${list}&size=2`);
    const page = EnheterPage.parse(first.json);
    expect(page.page).toEqual({ size: 2, totalElements: 5, totalPages: 3, number: 0 });
    expect(Object.keys(page._links).sort()).toEqual(['first', 'last', 'next', 'self']);
    const last = EnheterPage.parse((await get(page._links.last!.href)).json);
    expect(last.page.number).toBe(2);
    expect(last._embedded!.enheter).toHaveLength(1);
    expect(last._links.next).toBeUndefined();
  });

  it('answers zero hits without _embedded, and keeps (page + 1) * size within 10,000', async () => {
    const none = await get(`${enh}/enheter?navn=zzqqxx`);
    expect(none.status).toBe(200);
    const page = EnheterPage.parse(none.json);
    expect(page._embedded).toBeUndefined();
    expect(page.page.totalElements).toBe(0);
    const deep = await get(`${enh}/enheter?organisasjonsnummer=${roles.bankrupt}&page=50&size=200`);
    expect(deep.status).toBe(400);
    expect(BadRequest.parse(deep.json).valideringsfeil[0]!.feilmelding).toMatch(/Paginering/);
    const notNumbers = await get(`${enh}/enheter?organisasjonsnummer=${roles.bankrupt},12345`);
    expect(BadRequest.parse(notNumbers.json).valideringsfeil[0]!.feilaktigVerdi).toBe('12345');
  });

  it('finds a borrower by name, in the registry’s upper case, beside units that only share the start of the name', async () => {
    const company = sb.control.orgNrs()[0]!;
    const unit = Enhet.parse((await get(`${enh}/enheter/${company}`)).json);
    const first = unit.navn.split(' ')[0]!;
    const hits = EnheterPage.parse((await get(`${enh}/enheter?navn=${encodeURIComponent(first.toLowerCase())}&size=100`)).json);
    const names = hits._embedded!.enheter.map((e) => Enhet.parse(e).navn);
    expect(names).toContain(unit.navn);
    for (const n of names) expect(n.startsWith(first)).toBe(true);
  });
});

describe('the change feed', () => {
  it('pages from a time, then from an id, with changes only when asked', async () => {
    const url = `${enh}/oppdateringer/enheter`;
    const first = await get(`${url}?dato=2026-01-01T00:00:00.000Z&size=5`);
    expect(first.type).toBe(`${MEDIA_TYPES.oppdateringEnhet};charset=UTF-8`);
    const page = OppdateringerPage.parse(first.json);
    const items = page._embedded!.oppdaterteEnheter;
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.endringer === undefined && i.dato >= '2026-01-01')).toBe(true);
    const next = OppdateringerPage.parse((await get(`${url}?oppdateringsid=${items[4]!.oppdateringsid + 1}&size=5&includeChanges=true`)).json);
    expect(next._embedded!.oppdaterteEnheter[0]!.oppdateringsid).toBe(items[4]!.oppdateringsid + 1);
    expect(next._embedded!.oppdaterteEnheter[0]!.endringer!.length).toBeGreaterThan(0);
    const head = OppdateringerPage.parse((await get(`${url}?sort=id,DESC&size=1`)).json)._embedded!.oppdaterteEnheter[0]!;
    expect(head.oppdateringsid).toBe(sb.registry.control.feedHead());
    const none = OppdateringerPage.parse((await get(`${url}?oppdateringsid=${head.oppdateringsid + 1}`)).json);
    expect(none._embedded).toBeUndefined();
  });

  it('refuses a malformed time, a size out of range and a sort other than by id', async () => {
    const url = `${enh}/oppdateringer/enheter`;
    for (const q of ['dato=2026-01-01', 'size=0', 'size=10001', 'sort=dato,ASC', 'oppdateringsid=0', 'page=1&size=10000']) {
      const r = await get(`${url}?${q}`);
      expect(r.status, q).toBe(400);
      BadRequest.parse(r.json);
    }
  });

  it('publishes a status set through the control API, and the unit shows it', async () => {
    const orgNr = sb.control.orgNrs(undefined, 'access_approved').find((o) => !Object.values(roles).includes(o))!;
    const before = sb.registry.control.feedHead()!;
    const set = await control('POST', '/status', { orgNr, status: 'winding_up' });
    expect(set).toEqual({ status: 200, json: { oppdateringsid: before + 1 } });
    const items = OppdateringerPage.parse((await get(`${enh}/oppdateringer/enheter?oppdateringsid=${before + 1}&includeChanges=true&organisasjonsnummer=${orgNr}`)).json);
    expect(items._embedded!.oppdaterteEnheter[0]).toMatchObject({ organisasjonsnummer: orgNr, endringstype: 'Endring' });
    expect(Enhet.parse((await get(`${enh}/enheter/${orgNr}`)).json)).toMatchObject({ underAvvikling: true, underAvviklingDato: '2026-10-10' });
    expect((await control('POST', '/publish', { orgNr, endringstype: 'Ukjent' })).json).toEqual({ oppdateringsid: before + 2 });
    expect((await control('POST', '/status', { orgNr, status: 'active' })).status).toBe(200);
    expect(Enhet.parse((await get(`${enh}/enheter/${orgNr}`)).json).underAvvikling).toBe(false);
    expect((await control('POST', '/status', { orgNr, status: 'konkurs' })).status).toBe(400);
    expect((await control('GET', '/roles')).json).toEqual(roles);
  });
});

describe('Regnskapsregisteret', () => {
  it('answers the latest filing as a one-element array, 404 without a body when none, 500 for an insurer', async () => {
    const filed = await get(`${reg}/${roles.differs}?år=2019&regnskapstype=KONSERN`);
    expect(filed.type).toBe('application/json');
    const [r] = RegnskapList.parse(filed.json);
    expect(r).toMatchObject({ regnskapstype: 'SELSKAP', regnskapsperiode: { tilDato: '2025-12-31' } });
    expect((filed.json as Record<string, unknown>[])[0]).toHaveProperty('regnkapsprinsipper');
    const none = await get(`${reg}/${roles.forced_dissolution}`);
    expect([none.status, none.text]).toEqual([404, '']);
    const insurer = await get(`${reg}/${roles.insurer}`);
    expect(insurer.status).toBe(500);
    expect(RegnskapServerError.parse(insurer.json).message).toBe('Regnskapet inneholder en oppstillingsplan som ikke er stottet (SKADE)');
    const usd = RegnskapList.parse((await get(`${reg}/${roles.foreign_currency}`)).json)[0]!;
    expect(usd.valuta).toBe('USD');
    const holding = (await get(`${reg}/${roles.no_revenue_line}`)).json as { resultatregnskapResultat: { driftsresultat: { driftsinntekter: unknown } } }[];
    expect(holding[0]!.resultatregnskapResultat.driftsresultat.driftsinntekter).toEqual({});
  });
});

describe('registry faults', () => {
  it('answers 500 in each API’s own shape, and bodies that are not JSON, by rate', async () => {
    sb.registry.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    EnhetsregisterServerError.parse((await get(`${enh}/enheter/${roles.bankrupt}`)).json);
    RegnskapServerError.parse((await get(`${reg}/${roles.differs}`)).json);
    sb.registry.control.setFaults({ malformedRate: 1 });
    const m = await get(`${enh}/enheter/${roles.bankrupt}`);
    expect(m.status).toBe(200);
    expect(m.json).toBeUndefined();
    expect(sb.registry.control.stats().faultsInjected).toEqual({ error500: 2, malformed: 1 });
  });

  it('aims a fault at one unit: its lookups and batches that include it, nothing else', async () => {
    const put = await control('PUT', '/faults', { targets: [{ orgNr: roles.bankrupt, api: 'enhetsregisteret', mode: 'bad_shape' }] });
    expect(put.status).toBe(200);
    expect(Enhet.safeParse((await get(`${enh}/enheter/${roles.bankrupt}`)).json).success).toBe(false);
    expect(EnheterPage.safeParse((await get(`${enh}/enheter?organisasjonsnummer=${roles.bankrupt},${roles.differs}`)).json).success).toBe(false);
    Enhet.parse((await get(`${enh}/enheter/${roles.differs}`)).json);
    RegnskapList.parse((await get(`${reg}/${roles.bankrupt}`)).json);
    sb.registry.control.setFaults({ targets: [{ orgNr: roles.differs!, mode: 'slow', ms: 80 }] });
    const slow = await rawGet(`${reg}/${roles.differs}`, {});
    expect('chunks' in slow && slow.chunks).toBeGreaterThan(1);
    expect((await control('PUT', '/faults', { targets: [{ orgNr: 'x', mode: 'slow' }] })).status).toBe(400);
  });

  it('goes down with the Symetrisk sandbox: one origin, one server', async () => {
    const other = await start({ borrowers: 12 });
    const url = `${other.registry.enhetsregisteretUrl}/enheter/${other.control.orgNrs()[0]}`;
    expect((await get(url)).status).toBe(200);
    await other.stopListening();
    await expect(fetch(url)).rejects.toThrow();
    await other.close();
  });
});
