/**
 * The registry's read side over a real cache file: a unit's facts and status flags (most severe first), each
 * borrower's place among its NACE peers, the borrower page's part; the peer basis is each borrower's last full year.
 * (The grid stores them per borrower: tests/unit/electron/services/portfolio/grid-*.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../../electron/db/cache';
import { bookPeers, peerInputOf, PortfolioRegistry, rowFactsOf, rowPeersOf } from '../../../../../electron/services/registry/registry-view';
import type { dto } from '../../../../../shared/contract';
import { unitFromEnhet } from '../../../../../shared/registry/facts';
import { PEER_RATIO_IDS, peerBasisOf } from '../../../../../shared/registry/peers';
import { Enhet } from '../../../../../shared/registry/schemas';
import { EQUINOR_ENHET } from '../../../../fixtures/brreg-examples';
import { makeItem } from '../../../shared/analysis/fixtures';

function row(over: Partial<dto.PortfolioRow> & { orgNr: string; name: string }): dto.PortfolioRow {
  return {
    state: 'access_approved',
    lost: false,
    accountingSystem: 'fiken',
    latest: null,
    basis: null,
    figures: {},
    ratios: {},
    ratioGaps: {},
    changes: {},
    ratioChanges: {},
    flags: [],
    breaches: [],
    nearLimit: [],
    revisions: [],
    dataAgeDays: 3,
    lastSyncedAt: null,
    unreadNotifications: 0,
    ...over,
  };
}

const dirs: string[] = [];
const caches: Cache[] = [];
afterEach(() => {
  for (const c of caches.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function cache(): Cache {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-registry-view-'));
  dirs.push(dir);
  const c = openCache('t', path.join(dir, 'cache', 't.sqlite'));
  caches.push(c);
  return c;
}

/** Borrowers of the book (the registry read side does not check numbers; the sync does). */
const ORGS = ['923609016', '914594685', '987654325', '910000047', '920000002', '999999999'];

function put(c: Cache, orgNr: string, over: Record<string, unknown>, at = '2026-12-01T10:00:00.000Z'): void {
  c.registry.putUnit(unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, organisasjonsnummer: orgNr, ...over }), at), null);
}

const basis = (equity: number): dto.PortfolioRow['peerBasis'] => ({ year: 2025, ratios: Object.fromEntries(PEER_RATIO_IDS.map((id) => [id, id === 'equity_ratio' ? equity : null])) });

describe('the registry on portfolio rows', () => {
  it('gives a unit’s facts and its status flags, most severe first; a borrower without a unit has none', () => {
    const c = cache();
    put(c, ORGS[0]!, { konkurs: true, konkursdato: '2026-11-11', underAvvikling: true, underAvviklingDato: '2026-10-01' });
    put(c, ORGS[1]!, {});
    const facts = rowFactsOf(c.registry.unit(ORGS[0]!)!);
    expect(facts.flags).toEqual(['registry_bankruptcy', 'registry_winding_up']);
    expect(facts.row).toMatchObject({ naceDivision: '06', legalForm: { code: 'ASA' }, employees: 21272, municipality: 'STAVANGER', founded: '1972-09-18' });
    expect(facts.row.statusAlerts).toEqual([
      { id: 'bankruptcy', date: '2026-11-11' },
      { id: 'winding_up', date: '2026-10-01' },
    ]);
    expect(rowFactsOf(c.registry.unit(ORGS[1]!)!).flags).toEqual([]);
    expect(c.registry.unit(ORGS[2]!)).toBeNull();
    // The borrower page's row: the status flags before the row's own.
    const reg = new PortfolioRegistry({ clock: () => new Date('2026-12-01T12:00:00Z'), enabled: () => true });
    const page = reg.borrower(c, row({ orgNr: ORGS[0]!, name: 'A', flags: ['stale_data'] }), [], { row: null, group: null });
    expect(page.row.flags).toEqual(['registry_bankruptcy', 'registry_winding_up', 'stale_data']);
    expect(page.row.registry).toMatchObject({ naceDivision: '06' });
  });

  it('places each borrower among its NACE peers on the last full year; fewer than five say so', () => {
    const c = cache();
    const rows: dto.PortfolioRow[] = [];
    ORGS.forEach((o, i) => {
      put(c, o, { naeringskode1: { kode: i < 5 ? '43.210' : '41.200', beskrivelse: 'x' } });
      rows.push(row({ orgNr: o, name: `R${i}`, peerBasis: basis((i + 1) / 10) }));
    });
    const book = bookPeers(rows.map((r) => peerInputOf(r.orgNr, rowFactsOf(c.registry.unit(r.orgNr)!).row, r.peerBasis)));
    const first = rowPeersOf(book, ORGS[0]!);
    expect(first).toMatchObject({ division: '43', groupSize: 5, basis: 'full_year' });
    expect(first!.ratios.equity_ratio).toMatchObject({ value: 0.1, median: 0.3, quartile: 1 });
    expect(first!.ratios.equity_ratio!.vsMedian).toBeCloseTo(-0.2, 10);
    expect(rowPeersOf(book, ORGS[5]!)).toMatchObject({ division: '41', groupSize: 1, ratios: { equity_ratio: { median: null, vsMedian: null } } });
    // Without a division there is no place among peers.
    expect(rowPeersOf(bookPeers([peerInputOf('910000047', null, basis(0.2))]), '910000047')).toBeNull();

    const reg = new PortfolioRegistry({ clock: () => new Date('2026-12-01T12:00:00Z'), enabled: () => true });
    const stored = (orgNr: string) => {
      const p = rowPeersOf(book, orgNr);
      return { row: p, group: p ? (book.groups.get(p.division) ?? null) : null };
    };
    const page = reg.borrower(c, rows[5]!, [], stored(ORGS[5]!));
    expect(page.registry.peers).toMatchObject({ division: '41', groupSize: 1, year: 2025 });
    expect(page.registry.peers!.ratios.find((r) => r.id === 'equity_ratio')!.stats).toMatchObject({ enough: false, reason: 'group_too_small' });
    const big = reg.borrower(c, rows[0]!, [], stored(ORGS[0]!));
    expect(big.registry.peers!.ratios.find((r) => r.id === 'equity_ratio')!.stats).toMatchObject({ enough: true, n: 5, median: 0.3 });
    expect(big.registry).toMatchObject({ enabled: true, unit: { orgNr: ORGS[0] }, alerts: [], filings: [], years: [] });
  });
});

describe('the peer basis', () => {
  it('is the last full financial year as reported; none without a full year', () => {
    const fy24 = makeItem({ id: 1, start: '2024-01-01', end: '2024-12-31' });
    const fy25 = makeItem({ id: 2, start: '2025-01-01', end: '2025-12-31' });
    const ytd = makeItem({ id: 3, start: '2026-01-01', end: '2026-06-30' });
    const b = peerBasisOf([fy24, fy25, ytd])!;
    expect(b.year).toBe(2025);
    // EBITDA 200,000 of revenue 1,000,000; equity 2,000,000 of assets 6,000,000 (the fixture's figures).
    expect(b.ratios.ebitda_margin).toBeCloseTo(0.2, 6);
    expect(b.ratios.equity_ratio).toBeCloseTo(1 / 3, 6);
    expect(peerBasisOf([ytd])).toBeNull();
  });
});
