/**
 * The golden cases of issue 15 (tests/unit/shared/analysis/golden.test.ts, every value computed by hand there)
 * through the channels the screens call: portfolio:list on each basis, portfolio:borrower and portfolio:compare,
 * in and out through the dispatcher with the contract's output checked. What the list, the borrower page and
 * compare show must be the numbers worked by hand, each with its basis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../electron/core/dispatch';
import { limitsHandlers } from '../../../../../electron/core/handlers/limits';
import { portfolioHandlers } from '../../../../../electron/core/handlers/portfolio';
import type { Cache } from '../../../../../electron/db/cache';
import { LimitsService } from '../../../../../electron/services/limits/limits-service';
import { nullLogger } from '../../../../../electron/services/log';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../../../electron/services/portfolio/portfolio-service';
import type { ChannelInput, ChannelOutput, Handlers } from '../../../../../shared/contract';
import { mod11CheckDigit } from '../../../../../shared/orgnr';
import { itemWithBaseLines as item } from '../../../shared/analysis/fixtures';

const NOW = new Date('2025-07-25T12:00:00Z');
const NB = '\u00a0';
const MINUS = '\u2212';


/** Valid (MOD11) org numbers, one per case. */
function orgNr(n: number): string {
  for (let i = n * 10; ; i++) {
    const first8 = String(91_000_000 + i);
    const d = mod11CheckDigit(first8);
    if (d !== null) return `${first8}${d}`;
  }
}

const CASES = {
  netDebt: {
    name: 'Tapsbedrift Gjeld AS',
    items: [
      item(1, '2024-01-01', '2024-12-31', { revenues: 10_000_000, expenses: 10_500_000, depreciation: 100_000, interest_expenses: 300_000 }, { equity: 1_000_000, interest_bearing_debt: 6_000_000, net_interest_bearing_debt: 5_800_000, total_assets: 9_000_000 }),
      item(2, '2024-01-01', '2024-06-30', { revenues: 5_000_000, expenses: 5_100_000, depreciation: 50_000, interest_expenses: 140_000 }, { equity: 1_600_000, interest_bearing_debt: 5_900_000, net_interest_bearing_debt: 5_700_000, total_assets: 9_300_000 }),
      item(3, '2025-01-01', '2025-06-30', { revenues: 4_000_000, expenses: 4_400_000, depreciation: 50_000, interest_expenses: 150_000 }, { equity: 400_000, interest_bearing_debt: 6_500_000, net_interest_bearing_debt: 6_300_000, total_assets: 8_800_000 }),
    ],
  },
  netCash: {
    name: 'Tapsbedrift Kontanter AS',
    items: [
      item(1, '2024-01-01', '2024-12-31', { revenues: 5_000_000, expenses: 5_300_000 }, { equity: 6_000_000, interest_bearing_debt: 0, net_interest_bearing_debt: -3_000_000, total_assets: 7_000_000 }),
      item(2, '2025-01-01', '2025-03-31', { revenues: 1_000_000, expenses: 1_200_000 }, { equity: 5_800_000, interest_bearing_debt: 0, net_interest_bearing_debt: -2_800_000, total_assets: 6_700_000 }),
    ],
  },
  leapDay: {
    name: 'Skuddår AS',
    items: [
      item(1, '2023-01-01', '2023-12-31', { revenues: 3_650_000, expenses: 3_000_000 }, { equity: 1_000_000, interest_bearing_debt: 500_000, net_interest_bearing_debt: 400_000, total_assets: 2_000_000 }),
      item(2, '2023-01-01', '2023-02-28', { revenues: 500_000, expenses: 450_000 }, { equity: 900_000, interest_bearing_debt: 500_000, net_interest_bearing_debt: 450_000, total_assets: 1_900_000 }),
      item(3, '2024-01-01', '2024-02-29', { revenues: 600_000, expenses: 520_000 }, { equity: 1_050_000, interest_bearing_debt: 500_000, net_interest_bearing_debt: 420_000, total_assets: 2_050_000 }),
    ],
  },
  revisedYtd: {
    name: 'Korrigert AS',
    items: [
      item(20, '2025-01-01', '2025-06-30', { revenues: 5_000_000, expenses: 4_480_000 }, { equity: 2_000_000, interest_bearing_debt: 800_000, net_interest_bearing_debt: 500_000, total_assets: 4_000_000 }, '2025-07-05T08:00:00.000000'),
      item(21, '2025-01-01', '2025-06-30', { revenues: 4_500_000, expenses: 4_480_000 }, { equity: 1_500_000, interest_bearing_debt: 800_000, net_interest_bearing_debt: 500_000, total_assets: 3_500_000 }, '2025-07-20T08:00:00.000000'),
    ],
  },
  restated: {
    name: 'Omarbeidet AS',
    items: [
      item(30, '2024-01-01', '2024-12-31', { revenues: 10_000_000, expenses: 9_000_000, taxes: 220_000 }, { equity: 3_000_000, interest_bearing_debt: 1_000_000, net_interest_bearing_debt: 900_000, total_assets: 5_000_000 }, '2025-02-01T08:00:00.000000'),
      item(31, '2024-01-01', '2024-12-31', { revenues: 9_800_000, expenses: 9_000_000, taxes: 220_000 }, { equity: 3_000_000, interest_bearing_debt: 1_000_000, net_interest_bearing_debt: 900_000, total_assets: 5_000_000 }, '2025-04-01T08:00:00.000000'),
    ],
  },
  oneSnapshot: {
    name: 'Ett Tall AS',
    items: [item(40, '2025-01-01', '2025-05-31', { revenues: 2_000_000, expenses: 1_700_000 }, { equity: 1_000_000, interest_bearing_debt: 2_200_000, net_interest_bearing_debt: 2_000_000, total_assets: 4_000_000 })],
  },
  zeroRevenue: {
    name: 'Null Omsetning AS',
    items: [
      item(50, '2023-01-01', '2023-12-31', { revenues: 0, expenses: 300_000, interest_expenses: 15_000 }, { equity: 500_000, interest_bearing_debt: 1_100_000, net_interest_bearing_debt: 1_000_000, total_assets: 2_000_000 }),
      item(51, '2024-01-01', '2024-12-31', { revenues: 0, expenses: 400_000, interest_expenses: 20_000 }, { equity: 500_000, interest_bearing_debt: 1_100_000, net_interest_bearing_debt: 1_000_000, total_assets: 2_000_000 }),
    ],
  },
  negativeEquity: {
    name: 'Negativ Egenkapital AS',
    items: [
      item(60, '2023-01-01', '2023-12-31', { revenues: 3_500_000, expenses: 3_300_000, interest_expenses: 90_000 }, { equity: 300_000, interest_bearing_debt: 1_500_000, net_interest_bearing_debt: 1_400_000, total_assets: 2_500_000 }),
      item(61, '2024-01-01', '2024-12-31', { revenues: 3_000_000, expenses: 3_200_000, interest_expenses: 100_000 }, { equity: -500_000, interest_bearing_debt: 1_900_000, net_interest_bearing_debt: 1_850_000, total_assets: 2_000_000 }),
    ],
  },
} as const;
type CaseId = keyof typeof CASES;
const ORG: Record<CaseId, string> = Object.fromEntries(Object.keys(CASES).map((k, i) => [k, orgNr(i)])) as Record<CaseId, string>;

let dir: string;
let caches: CacheRegistry;
let dispatch: ReturnType<typeof createDispatcher>;
let call: <C extends 'portfolio:list' | 'portfolio:borrower' | 'portfolio:compare' | 'limits:setThresholds'>(c: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
/** The local key of each case's snapshot by the API's id. */
const keys = new Map<string, number>();

function fill(cache: Cache): void {
  const at = NOW.toISOString();
  for (const [id, c] of Object.entries(CASES) as [CaseId, (typeof CASES)[CaseId]][]) {
    const o = ORG[id];
    const rel = { relationshipId: `rel-${o}`, relationshipState: 'access_approved', borrowerCompanyName: c.name, borrowerContactEmail: 'post@example.no', bankContactEmail: 'bank@example.no', relationshipCreatedAt: '2024-01-01T00:00:00.000000', orgNr: o };
    cache.relationships.upsert(o, rel, rel, at);
    for (const it of c.items) cache.snapshots.put(o, it, it, at);
    cache.relationships.refreshLatest(o);
    cache.relationships.setFetched(o, at);
    for (const s of cache.snapshots.itemsOfBorrower(o)) keys.set(`${id}:${s.item.id}`, s.key);
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-golden-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  fill(caches.open('p'));
  const portfolio = new PortfolioService({ caches, clock: () => NOW, log: nullLogger });
  const handlers = { ...portfolioHandlers(portfolio), ...limitsHandlers(new LimitsService({ caches })) } as unknown as Handlers;
  dispatch = createDispatcher(handlers, { validateOutput: true });
  call = async (c, input) => {
    const r = await dispatch(c, input, { host: 'test' });
    if (!r.ok) throw new Error(`${c}: ${r.error.code} ${r.error.message}`);
    return r.value as never;
  };
});
afterAll(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function row(id: CaseId, basis?: 'ltm' | 'last_financial_year' | 'ytd' | 'annualised') {
  const rows = await call('portfolio:list', { profileId: 'p', ...(basis ? { basis } : {}) });
  return rows.find((r) => r.orgNr === ORG[id])!;
}
const rules = (bs: { rule: string }[]) => bs.map((b) => b.rule);

describe('a loss-maker with net debt', () => {
  it('lists its LTM figures (exact, to 30.06.2025), leverage n.m. with the reason, and the breaches of the LTM tests', async () => {
    const r = await row('netDebt');
    expect(r.basis).toMatchObject({ choice: 'ltm', shown: 'ltm', period: 'ltm', estimate: false, start: '2024-07-01', end: '2025-06-30', fallback: null, taxNotBooked: true });
    expect(r.basis!.label.nb).toBe('Siste 12 mnd per 30.06.2025');
    // revenue 4.0 + 10.0 − 5.0 = 9.0 MNOK; EBITDA −0.8 MNOK; EBIT −0.9 MNOK; profit before tax −1 210 000
    expect(r.figures).toMatchObject({ revenues: 9_000_000, ebitda: -800_000, ebit: -900_000, profit_before_tax: -1_210_000, net_interest_bearing_debt: 6_300_000 });
    expect(r.ratios.nibd_to_ebitda).toBeNull();
    expect(r.ratioGaps.nibd_to_ebitda).toMatchObject({ kind: 'not_meaningful', reason: 'negative_ebitda' });
    expect(r.ratioGaps.interest_cover).toMatchObject({ kind: 'not_meaningful', reason: 'negative_ebit' });
    expect(rules(r.breaches)).toEqual(['equity_ratio_min', 'nibd_to_ebitda_max', 'interest_cover_min', 'net_profit_min']);
    const lev = r.breaches.find((b) => b.rule === 'nibd_to_ebitda_max')!;
    expect(lev).toMatchObject({ actual: null, limit: 4, source: 'default' });
    expect(lev.tested?.nb).toBe('Siste 12 mnd per 30.06.2025');
    expect(lev.reason?.nb).toContain(`EBITDA er negativ (${MINUS}800${NB}000 kr)`);
    // growth −20 % sits exactly on its limit: met, with no headroom at all, so near it
    expect(rules(r.nearLimit)).toEqual(['revenue_growth_min']);
    // No LTM a year earlier (no FY 2023): no change on this basis, and why
    expect(r.changes).toEqual({});
    expect(r.basis!.comparable).toBeNull();
    expect(r.basis!.noComparable?.nb).toBe('Ingen helårsrapport for 2023 er tilgjengelig.');
  });

  it('on the year to date: growth against the same period last year, margin changes in percentage points', async () => {
    const r = await row('netDebt', 'ytd');
    expect(r.basis).toMatchObject({ choice: 'ytd', shown: 'ytd', period: 'ytd', fallback: null });
    expect(r.basis!.label.nb).toBe('01.01–30.06.2025 (HiÅ)');
    expect(r.basis!.comparable).toEqual({ label: { en: '01.01–30.06.2024 (YTD last year)', nb: '01.01–30.06.2024 (HiÅ i fjor)' }, estimate: false });
    expect(r.figures.revenues).toBe(4_000_000);
    // 4 000 000 / 5 000 000 − 1 = −0.2
    expect(r.changes.revenues).toBeCloseTo(-0.2, 6);
    // EBITDA margin −400 000 / 4 000 000 = −0.1 against −100 000 / 5 000 000 = −0.02: −8.0 pp
    expect(r.ratioChanges.ebitda_margin).toBeCloseTo(-0.08, 6);
    // equity ratio 400 / 8 800 = 0.045455 against 1 600 / 9 300 = 0.172043: −12.66 pp
    expect(r.ratioChanges.equity_ratio).toBeCloseTo(-0.126588, 6);
    // the rules are tested on their covenant basis whatever the list shows
    expect(rules(r.breaches)).toEqual(rules((await row('netDebt')).breaches));
  });

  it('on the borrower page: each rule as a covenant row, its basis, test date and status in words', async () => {
    const d = await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.netDebt });
    expect(d.nearLimitShare).toBe(0.1);
    const lev = d.covenantTests.find((t) => t.rule === 'nibd_to_ebitda_max')!;
    expect(lev).toMatchObject({ status: 'breach', basis: 'ltm', testDate: '2025-06-30', actual: null, headroom: null, unit: 'multiple', reason: { kind: 'not_meaningful', reason: 'negative_ebitda' } });
    expect(lev.sentence.nb).toBe(
      `NIBD / EBITDA n.m. – krav høyst 4,0x – brudd: EBITDA er negativ (${MINUS}800${NB}000 kr) med netto rentebærende gjeld på 6${NB}300${NB}000 kr: inntjeningen bærer ingen gjeld. Brudd på ethvert krav til høyeste gjeldsgrad.`,
    );
    expect(lev.basisText.nb).toBe('Siste tolv måneder: Siste 12 mnd per 30.06.2025, testet per 30.06.2025');
    const eq = d.covenantTests.find((t) => t.rule === 'equity_ratio_min')!;
    expect(eq.sentence.nb).toBe(`Egenkapitalandel 4,5${NB}% – krav minst 20,0${NB}% – brudd`);
    expect(eq.headroom).toBeCloseTo(-0.154545455, 8);
    const growth = d.covenantTests.find((t) => t.rule === 'revenue_growth_min')!;
    expect(growth.status).toBe('near_limit');
    expect(growth.fallback?.nb).toBe('Ingen helårsrapport for 2023 er tilgjengelig. Testet i stedet på 01.01–30.06.2025 (HiÅ).');
    // the page's rules and the row's breaches are the same tests
    expect(d.covenantTests.filter((t) => t.status === 'breach').map((t) => t.rule)).toEqual(rules(d.row!.breaches));
    expect(d.evaluations.filter((e) => e.status === 'breach').map((e) => e.rule)).toEqual(rules(d.row!.breaches));
    expect(d.row!.basis!.choice).toBe('ltm');
    expect((await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.netDebt, basis: 'ytd' })).row!.basis!.choice).toBe('ytd');
  });
});

describe('a loss-maker with net cash', () => {
  it('lists an LTM estimate marked as one; leverage n.m. but no breach; the loss (an estimate) is one', async () => {
    const r = await row('netCash');
    expect(r.basis).toMatchObject({ shown: 'ltm', estimate: true, start: '2024-04-01', end: '2025-03-31' });
    expect(r.basis!.label.nb).toBe('Siste 12 mnd per 31.03.2025 (anslag)');
    // 1 000 000 + 5 000 000 × 275 / 366 = 4 756 830.60; EBITDA −200 000 − 300 000 × 275 / 366 = −425 409.84
    expect(r.figures.revenues).toBeCloseTo(4_756_830.6, 2);
    expect(r.figures.ebitda).toBeCloseTo(-425_409.84, 2);
    expect(r.ratioGaps.nibd_to_ebitda).toMatchObject({ kind: 'not_meaningful', reason: 'negative_ebitda_net_cash' });
    expect(rules(r.breaches)).not.toContain('nibd_to_ebitda_max');
    expect(rules(r.breaches)).toContain('net_profit_min');
    const d = await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.netCash });
    const loss = d.covenantTests.find((t) => t.rule === 'net_profit_min')!;
    expect(loss).toMatchObject({ status: 'breach', estimate: true });
    expect(loss.sentence.nb).toBe(`Resultat før skatt ${MINUS}425${NB}410 kr (anslag) – krav minst 0 kr – brudd`);
    expect(d.covenantTests.find((t) => t.rule === 'nibd_to_ebitda_max')).toMatchObject({ status: 'ok', reason: { reason: 'negative_ebitda_net_cash' } });
  });
});

describe('a year to date to 29 February', () => {
  it('lists LTM 01.03.2023–29.02.2024 and YTD growth against the YTD to 28 February', async () => {
    const r = await row('leapDay');
    expect(r.basis).toMatchObject({ shown: 'ltm', start: '2023-03-01', end: '2024-02-29', estimate: false });
    // 600 000 + 3 650 000 − 500 000 = 3 750 000
    expect(r.figures.revenues).toBe(3_750_000);
    const y = await row('leapDay', 'ytd');
    expect(y.basis!.comparable!.label.nb).toBe('01.01–28.02.2023 (HiÅ i fjor)');
    // 600 000 / 500 000 − 1 = +20 %
    expect(y.changes.revenues).toBeCloseTo(0.2, 6);
  });
});

describe('a revised year to date', () => {
  it('is flagged revised in the list with before and after reachable; the revised figures breach leverage', async () => {
    const r = await row('revisedYtd');
    expect(r.flags).toContain('revised');
    expect(r.flags).not.toContain('restated');
    expect(r.revisions).toEqual([
      {
        kind: 'interim_revision',
        year: 2025,
        startDate: '2025-01-01',
        endDate: '2025-06-30',
        beforeKey: keys.get('revisedYtd:20'),
        afterKey: keys.get('revisedYtd:21'),
        summary: expect.objectContaining({ nb: `Korrigert hittil i år 01.01–30.06.2025: driftsinntekter 5${NB}000${NB}000 → 4${NB}500${NB}000 og 5 linjer til (regnskapsuttrekk 20 → 21).` }),
        lines: ['revenues', 'ebitda', 'ebit', 'net_profit', 'equity', 'total_assets'],
      },
    ]);
    // No full year: LTM falls back to the annualised year to date, said per row
    expect(r.basis).toMatchObject({ choice: 'ltm', shown: 'annualised', period: 'ytd_annualised' });
    expect(r.basis!.fallback?.nb).toBe('Ingen helårsrapport for 2024 er tilgjengelig. Vist i stedet: 2025 annualisert (×365/181).');
    // 500 000 / (20 000 × 365 / 181) = 12.397260
    expect(r.ratios.nibd_to_ebitda).toBeCloseTo(12.39726, 5);
    expect(rules(r.breaches)).toContain('nibd_to_ebitda_max');
  });

  it('compares the two versions: before and after line by line, growth −10 %, the margin change in percentage points', async () => {
    const r = await row('revisedYtd');
    const rev = r.revisions[0]!;
    const c = await call('portfolio:compare', { profileId: 'p', orgNr: ORG.revisedYtd, a: rev.beforeKey, b: rev.afterKey, mode: 'raw' });
    expect(c.revision).toMatchObject({ kind: 'interim_revision', beforeKey: rev.beforeKey, afterKey: rev.afterKey });
    expect(c.revision!.moved.find((m) => m.id === 'revenues')).toEqual({ id: 'revenues', before: 5_000_000, after: 4_500_000, change: -500_000 });
    expect(c.comparable).toBe(true);
    expect(c.notComparable).toBeNull();
    expect(c.labels.a.nb).toBe('01.01–30.06.2025 (HiÅ)');
    expect(c.lines.find((l) => l.id === 'revenues')!.changePct).toBeCloseTo(-0.1, 12);
    // EBITDA margin 0.104 → 0.004444: −0.099555556 (−10.0 pp), never a per cent of a per cent
    const m = c.lines.find((l) => l.id === 'ebitda_margin')!;
    expect(m).toMatchObject({ group: 'ratio', unit: 'pp', changePct: null });
    expect(m.change).toBeCloseTo(-0.099555556, 8);
    expect(c.notes.every((n) => n.nb.length > 0 && n.en.length > 0)).toBe(true);
  });
});

describe('a restated year', () => {
  it('is flagged restated; the last financial year uses the restated figures', async () => {
    const r = await row('restated', 'last_financial_year');
    expect(r.flags).toContain('restated');
    expect(r.revisions[0]).toMatchObject({ kind: 'restatement', beforeKey: keys.get('restated:30'), afterKey: keys.get('restated:31') });
    expect(r.basis!.label.nb).toBe('2024 (helår)');
    // EBITDA 800 000, NIBD 900 000 → 1.125x
    expect(r.ratios.nibd_to_ebitda).toBe(1.125);
    const c = await call('portfolio:compare', { profileId: 'p', orgNr: ORG.restated, a: keys.get('restated:30')!, b: keys.get('restated:31')!, mode: 'raw' });
    expect(c.restatement).toEqual({ restated: true, lines: ['revenues', 'ebitda', 'ebit', 'net_profit'] });
    expect(c.revision?.kind).toBe('restatement');
  });
});

describe('one snapshot only', () => {
  it('lists the annualised year to date for LTM, saying why; growth cannot be measured, with the reason', async () => {
    const r = await row('oneSnapshot');
    expect(r.basis).toMatchObject({ choice: 'ltm', shown: 'annualised' });
    expect(r.basis!.label.nb).toBe('2025 annualisert (×365/151)');
    expect(r.basis!.fallback?.nb).toBe('Ingen helårsrapport for 2024 er tilgjengelig. Vist i stedet: 2025 annualisert (×365/151).');
    // 2 000 000 / (300 000 × 365 / 151) = 2.757991
    expect(r.ratios.nibd_to_ebitda).toBeCloseTo(2.757991, 6);
    expect(r.ratioGaps.revenue_growth).toMatchObject({ kind: 'not_available', reason: 'no_comparable' });
    const lfy = await row('oneSnapshot', 'last_financial_year');
    expect(lfy.basis).toMatchObject({ choice: 'last_financial_year', shown: 'ytd' });
    expect(lfy.basis!.fallback?.nb).toBe('Ingen helårsrapport er tilgjengelig. Vist i stedet: 01.01–31.05.2025 (HiÅ).');
    const d = await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.oneSnapshot });
    expect(d.covenantTests.find((t) => t.rule === 'revenue_growth_min')!.sentence.nb).toBe(
      `Omsetningsvekst – krav minst ${MINUS}20,0${NB}% – kan ikke testes: Ingen sammenlignbar periode i fjor er tilgjengelig.`,
    );
  });
});

describe('zero revenue', () => {
  it('lists margins as n.m. with the reason; leverage and interest cover are n.m. breaches', async () => {
    const r = await row('zeroRevenue');
    expect(r.basis).toMatchObject({ shown: 'ltm', fallback: null });
    expect(r.basis!.label.nb).toBe('Siste 12 mnd per 31.12.2024');
    for (const id of ['ebitda_margin', 'ebit_margin', 'pretax_margin', 'net_margin']) {
      expect(r.ratios[id], id).toBeNull();
      expect(r.ratioGaps[id], id).toMatchObject({ kind: 'not_meaningful', reason: 'zero_revenue' });
    }
    expect(rules(r.breaches)).toEqual(expect.arrayContaining(['nibd_to_ebitda_max', 'interest_cover_min']));
    // revenue from 0 to 0: no growth figure
    expect(r.changes.revenues).toBeNull();
  });
});

describe('negative equity', () => {
  it('lists the negative equity ratio, its breaches in % and NOK, ROE n.m.; the ratio change is −37 pp', async () => {
    const r = await row('negativeEquity');
    expect(r.ratios.equity_ratio).toBe(-0.25);
    expect(rules(r.breaches)).toEqual(expect.arrayContaining(['equity_ratio_min', 'equity_min']));
    expect(r.breaches.find((b) => b.rule === 'equity_min')).toMatchObject({ actual: -500_000, headroom: -500_000 });
    expect(r.ratioGaps.return_on_equity).toMatchObject({ reason: 'negative_equity' });
    // −0.25 − 300 000 / 2 500 000 (0.12) = −0.37
    expect(r.ratioChanges.equity_ratio).toBeCloseTo(-0.37, 6);
    // growth 3.0 / 3.5 − 1 = −0.142857: headroom 0.057143 = 28.6 % of the limit, not within 10 %
    expect(rules(r.nearLimit)).not.toContain('revenue_growth_min');
  });

  it('with the near-limit band set to 30 %, growth is near the limit in the list and on the page', async () => {
    await call('limits:setThresholds', { profileId: 'p', thresholds: { near_limit_share: 0.3 } });
    try {
      expect(rules((await row('negativeEquity')).nearLimit)).toContain('revenue_growth_min');
      const d = await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.negativeEquity });
      expect(d.nearLimitShare).toBe(0.3);
      expect(d.covenantTests.find((t) => t.rule === 'revenue_growth_min')!.status).toBe('near_limit');
    } finally {
      await call('limits:setThresholds', { profileId: 'p', thresholds: { near_limit_share: 0.1 } });
    }
  });
});

describe('a rule switched off', () => {
  it('shows nowhere: no breach in any row on any basis, no test on the page', async () => {
    await call('limits:setThresholds', { profileId: 'p', thresholds: { nibd_to_ebitda_max_enabled: 0 } });
    try {
      for (const basis of ['ltm', 'last_financial_year', 'ytd', 'annualised'] as const) {
        const rows = await call('portfolio:list', { profileId: 'p', basis });
        expect(rows.flatMap((x) => [...rules(x.breaches), ...rules(x.nearLimit)])).not.toContain('nibd_to_ebitda_max');
      }
      const d = await call('portfolio:borrower', { profileId: 'p', orgNr: ORG.netDebt });
      expect(d.covenantTests.map((t) => t.rule)).not.toContain('nibd_to_ebitda_max');
      expect(d.evaluations.map((e) => e.rule)).not.toContain('nibd_to_ebitda_max');
    } finally {
      await call('limits:setThresholds', { profileId: 'p', thresholds: { nibd_to_ebitda_max_enabled: 1 } });
    }
    expect(rules((await row('netDebt')).breaches)).toContain('nibd_to_ebitda_max');
  });
});

describe('the basis switch as an input', () => {
  it('refuses a basis that is not one of the switch, before any handler runs', async () => {
    const r = await dispatch('portfolio:list', { profileId: 'p', basis: 'quarterly' }, { host: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const b = await dispatch('portfolio:borrower', { profileId: 'p', orgNr: ORG.netDebt, basis: 'ltm2' }, { host: 'test' });
    expect(b).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
