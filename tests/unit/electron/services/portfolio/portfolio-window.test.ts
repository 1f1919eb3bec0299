/**
 * The portfolio grid as a query of the cache (migration 0009), on a real SQLite file of a few thousand borrowers:
 * windows at any depth, sort either way with gaps last, the filters and their counts, the quick search with
 * ø/å/æ and accents folded, a change seen at the next window, and the table export running the same list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nullLogger } from '../../../../../electron/services/log';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../../../electron/services/portfolio/portfolio-service';
import type { dto } from '../../../../../shared/contract';
import { unitFromEnhet } from '../../../../../shared/registry/facts';
import { Enhet } from '../../../../../shared/registry/schemas';
import { compareKeys, foldForSearch, searchTerms, sortKey } from '../../../../../shared/text-fold';
import { buildPortfolioCache, type BuiltCache } from '../../../../fixtures/build-cache';
import { EQUINOR_ENHET } from '../../../../fixtures/brreg-examples';

const BORROWERS = 2000;
let dir: string;
let built: BuiltCache;
let caches: CacheRegistry;
let svc: PortfolioService;
let orgs: string[];

/** Names a Norwegian book holds, typed by an analyst without their letters. */
const NAMED: Record<number, string> = { 10: 'Bjørgvin Bygg AS', 20: 'Ålesund Fisk AS', 30: 'Café Noël Müller AS', 40: 'Sæther & Sønn AS', 50: 'Aalesund Tre AS' };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-window-'));
  built = buildPortfolioCache({ file: path.join(dir, 'cache', 'p.sqlite'), borrowers: BORROWERS, snapshots: 2, end: new Date('2026-06-01T12:00:00Z'), profileId: 'p' });
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  svc = new PortfolioService({ caches, clock: () => built.dataNow, log: nullLogger });
  const db = caches.open('p').db;
  orgs = db.prepare('SELECT org_nr FROM relationships ORDER BY org_nr').pluck().all() as string[];
  for (const [i, name] of Object.entries(NAMED)) db.prepare('UPDATE relationships SET name = ? WHERE org_nr = ?').run(name, orgs[Number(i)]);
  db.prepare('UPDATE relationships SET state = ? WHERE org_nr IN (?, ?, ?)').run('access_requested', orgs[1], orgs[2], orgs[3]);
}, 120_000);
afterAll(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

const win = (input: Omit<dto.PortfolioWindowInput, 'profileId' | 'limit'> & { limit?: number }) => svc.window({ profileId: 'p', limit: 500, ...input });

/** Asks until every borrower is read into the grid (the first test shows it takes bounded steps). */
function settle(): void {
  while (win({ limit: 1 }).pending > 0);
}

/** Every row of the list, read a window at a time as the grid would. */
function all(input: Omit<dto.PortfolioWindowInput, 'profileId' | 'limit' | 'offset'> = {}): dto.PortfolioRow[] {
  const out: dto.PortfolioRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const w = win({ ...input, offset });
    out.push(...w.rows);
    if (out.length >= w.matched) return out;
  }
}

describe('portfolio:window', () => {
  it('reads the book into the grid in bounded steps, then gives a window at any depth in Norwegian name order', () => {
    // The first list after the upgrade answers within its time budget with the borrowers still to read counted.
    let first = win({ limit: 100 });
    let steps = 1;
    while (first.pending > 0) {
      expect(first.matched + first.pending).toBe(BORROWERS);
      first = win({ limit: 100 });
      expect(++steps).toBeLessThan(100);
    }
    expect(first.total).toBe(BORROWERS);
    expect(first.matched).toBe(BORROWERS);
    expect(first.rows).toHaveLength(100);
    const every = all();
    expect(every).toHaveLength(BORROWERS);
    const keys = every.map((r) => sortKey(r.name));
    expect([...keys].sort(compareKeys)).toEqual(keys);
    // Æ, Ø, Å after Z: Ålesund Fisk is among the last.
    expect(every.findIndex((r) => r.name === 'Ålesund Fisk AS')).toBeGreaterThan(every.findIndex((r) => r.name === 'Sæther & Sønn AS'));
    const deep = win({ offset: 1234, limit: 50 });
    expect(deep.offset).toBe(1234);
    expect(deep.rows.map((r) => r.orgNr)).toEqual(every.slice(1234, 1284).map((r) => r.orgNr));
    // Past the end: no rows, the length said.
    expect(win({ offset: 5000, limit: 10 })).toMatchObject({ rows: [], matched: BORROWERS });
    expect(first.facets.states).toEqual(['access_approved', 'access_requested']);
    expect(first.commonBasis).toMatchObject({ choice: 'ltm' });
  });

  it('sorts by a figure either way, the gaps last both ways, the name breaking ties', () => {
    settle();
    for (const desc of [false, true]) {
      const rows = all({ sort: { id: 'revenues', desc } });
      expect(rows).toHaveLength(BORROWERS);
      const values = rows.map((r) => r.figures.revenues ?? null);
      const firstGap = values.indexOf(null);
      const known = (firstGap === -1 ? values : values.slice(0, firstGap)) as number[];
      if (firstGap !== -1) expect(values.slice(firstGap).every((v) => v === null)).toBe(true);
      expect(known.length).toBeGreaterThan(BORROWERS / 2);
      for (let i = 1; i < known.length; i++) expect(desc ? known[i - 1]! >= known[i]! : known[i - 1]! <= known[i]!).toBe(true);
    }
    const ratio = all({ sort: { id: 'equity_ratio', desc: true } }).map((r) => r.ratios.equity_ratio ?? null);
    const known = ratio.filter((v): v is number => v !== null);
    expect(ratio.slice(0, known.length)).toEqual(known);
    expect([...known].sort((a, b) => b - a)).toEqual(known);
  });

  it('filters by state, attention and the registry’s NACE division; the counts agree with the rows', () => {
    settle();
    const requested = win({ filters: { state: 'access_requested' } });
    expect(requested.matched).toBe(3);
    expect(requested.rows.map((r) => r.orgNr).sort()).toEqual([orgs[1], orgs[2], orgs[3]].sort());
    expect(requested.total).toBe(BORROWERS);

    const flagged = all({ filters: { flaggedOnly: true } });
    expect(flagged.length).toBe(win({}).counts.flagged);
    expect(flagged.every((r) => r.flags.length > 0 || r.breaches.length > 0 || r.lost)).toBe(true);
    const unflagged = all().filter((r) => !flagged.some((f) => f.orgNr === r.orgNr));
    expect(unflagged.every((r) => r.flags.length === 0 && r.breaches.length === 0)).toBe(true);

    const cache = caches.open('p');
    cache.registry.putUnit(unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, organisasjonsnummer: orgs[7]! }), '2026-06-01T10:00:00.000Z'), null);
    const division = win({ filters: { naceDivision: '06' } });
    expect(division.rows.map((r) => r.orgNr)).toEqual([orgs[7]]);
    expect(division.rows[0]!.registry).toMatchObject({ naceDivision: '06' });
    expect(division.facets.naceDivisions).toEqual(['06']);

    cache.workflow.write(() => cache.workflow.addWatchVersion({ id: 'w-1', orgNr: orgs[8]!, replaces: null, author: 'Kari', createdAt: '2026-06-01T10:00:00.000Z', watched: true, reason: 'Svak likviditet', reviewDate: '2026-07-01' }));
    const watched = win({ filters: { watchedOnly: true } });
    expect(watched.rows.map((r) => r.orgNr)).toEqual([orgs[8]]);
    expect(watched.counts.watched).toBe(1);
    expect(watched.rows[0]!.workflow?.watch?.reason).toBe('Svak likviditet');
    // Assigned and noted afterwards: the row shows both at the next window.
    cache.workflow.write(() => cache.workflow.addAssignmentVersion({ id: 'a-1', orgNr: orgs[8]!, replaces: null, author: 'Kari', createdAt: '2026-06-01T10:01:00.000Z', assignee: 'Ola Hansen' }));
    cache.workflow.write(() => cache.workflow.addNoteVersion({ id: 'n-1', noteId: 'n-1', orgNr: orgs[8]!, replaces: null, author: 'Kari', createdAt: '2026-06-01T10:02:00.000Z', text: 'Ringte daglig leder.', deleted: false }));
    const worked = win({ filters: { watchedOnly: true }, sort: { id: 'assignedTo', desc: false } }).rows[0]!.workflow;
    expect(worked).toMatchObject({ assignedTo: 'Ola Hansen', latestNote: { text: 'Ringte daglig leder.' } });
  });

  it('searches with ø, å, æ and accents folded, by words in any order, and by an org number typed with spaces', () => {
    settle();
    const names = (query: string) => all({ filters: { query } }).map((r) => r.name);
    const book = all().map((r) => r.name);
    /** What the search should find: every name holding each folded word (the rule of shared/text-fold.ts). */
    const expected = (query: string) => book.filter((n) => searchTerms(query).words.every((w) => foldForSearch(n).includes(w)));
    for (const q of ['bjorgvin', 'BJØRGVIN', 'aalesund', 'alesund fisk', 'cafe noel', 'muller', 'saether sonn', 'sonn saether', 'fisk as']) {
      expect(names(q), q).toEqual(expected(q));
    }
    expect(names('bjorgvin')).toContain('Bjørgvin Bygg AS');
    expect(names('aalesund')).toEqual(expect.arrayContaining(['Aalesund Tre AS', 'Ålesund Fisk AS']));
    expect(names('cafe noel')).toEqual(['Café Noël Müller AS']);
    expect(names('sonn saether')).toEqual(['Sæther & Sønn AS']);
    expect(names('qqqzzz')).toEqual([]);
    const org = orgs[42]!;
    const spaced = `${org.slice(0, 3)} ${org.slice(3, 6)} ${org.slice(6)}`;
    expect(all({ filters: { query: spaced } }).map((r) => r.orgNr)).toEqual([org]);
    // Two letters: no trigram, still found.
    expect(names('bj')).toEqual(expected('bj'));
  });

  it('sees a change at the next window, and exports the list as filtered and sorted, in full', async () => {
    settle();
    const db = caches.open('p').db;
    db.prepare('UPDATE relationships SET name = ? WHERE org_nr = ?').run('Øksnes Havbruk AS', orgs[60]);
    expect(win({ filters: { query: 'oksnes' } }).rows.map((r) => r.orgNr)).toEqual([orgs[60]]);

    const filters = { flaggedOnly: true };
    const sort = { id: 'equity_ratio', desc: false };
    const table = await svc.table({
      profileId: 'p',
      filters,
      sort,
      columns: ['name', 'orgNr', 'equity_ratio', 'flags'],
      fileName: 'grid.xlsx',
      title: 'Portefølje',
      language: 'nb',
      words: { columns: { 'grid.col.name': 'Navn' }, flags: {}, states: {}, nearLimit: {} },
    });
    const shown = all({ filters, sort });
    expect(table.rows.map((r) => r[1])).toEqual(shown.map((r) => r.orgNr));
    expect(table.columns.map((c) => c.key)).toEqual(['name', 'orgNr', 'equity_ratio', 'flags']);
    expect(() => svc.tableJob({ profileId: 'nope', columns: ['name'], fileName: 'x.xlsx', title: 'x', language: 'nb', words: { columns: {}, flags: {}, states: {}, nearLimit: {} } })).not.toThrow();
  });
});
