/**
 * Cache migration 0009: a schema-8 cache gets the portfolio grid's tables (sort keys, search index, decoration,
 * dirty marks) with every row kept; every borrower it held is marked to be read into the grid, and the triggers mark
 * a borrower again whenever what its row is made of changes, whoever writes the file.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { registryRepo } from '../../../../../electron/db/registry';
import { unitFromEnhet } from '../../../../../shared/registry/facts';
import { Enhet } from '../../../../../shared/registry/schemas';
import { foldForSearch } from '../../../../../shared/text-fold';
import { EQUINOR_ENHET } from '../../../../fixtures/brreg-examples';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { A, B, seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-8 cache to 9 with every row kept, every borrower marked for the grid, and the triggers marking changes', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 8);
  seedV1(old);
  const before = dump(old);
  const borrowers = (old.prepare('SELECT org_nr FROM relationships ORDER BY org_nr').pluck().all() as string[]);
  expect(borrowers).toEqual(expect.arrayContaining([A, B]));
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 9);
  try {
    expect(version(db)).toBe(9);
    const after = dump(db);
    for (const [table, rows] of Object.entries(before)) {
      expect((after[table] ?? []).map((r) => Object.fromEntries(Object.keys(rows[0] ?? {}).map((k) => [k, (r as Record<string, unknown>)[k]])))).toEqual(rows);
    }
    expect(objects(db, 'table')).toEqual(expect.arrayContaining(['portfolio_grid', 'portfolio_borrowers', 'portfolio_search', 'portfolio_dirty', 'portfolio_grid_meta', 'portfolio_peer_groups']));
    expect(objects(db, 'index')).toContain('portfolio_grid_by_name');

    // Every borrower of the old file is to be read into the grid at the first list (from its stored row).
    const dirty = () => db.prepare('SELECT org_nr, seq FROM portfolio_dirty ORDER BY org_nr').all() as { org_nr: string; seq: number }[];
    expect(dirty().map((d) => d.org_nr)).toEqual(borrowers);
    db.exec('DELETE FROM portfolio_dirty');

    // What a row is made of changes: the borrower is marked again; a change of nothing it shows marks nothing.
    db.prepare('UPDATE relationships SET name = ? WHERE org_nr = ?').run('Aurora Glass Norge AS', A);
    db.prepare('UPDATE relationships SET last_seen_at = ? WHERE org_nr = ?').run('2026-01-02', B);
    expect(dirty()).toEqual([{ org_nr: A, seq: 0 }]);
    // Marked again while marked: its count moves, so a read of the earlier mark does not clear this one.
    db.prepare('UPDATE relationships SET state = ? WHERE org_nr = ?').run('access_revoked', A);
    expect(dirty()).toEqual([{ org_nr: A, seq: 1 }]);
    registryRepo(db).putUnit(unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, organisasjonsnummer: B }), '2026-12-01T10:00:00.000Z'), null);
    expect(dirty().map((d) => d.org_nr)).toEqual([A, B]);

    // The search index takes substrings of the folded names (the trigram tokenizer).
    db.prepare('INSERT INTO portfolio_search (rowid, name, org_nr) VALUES (1, ?, ?)').run(foldForSearch('Bjørgvin Ålesund Café AS'), A);
    const find = (q: string) => db.prepare('SELECT org_nr FROM portfolio_search WHERE portfolio_search MATCH ?').pluck().all(`name : "${foldForSearch(q)}"`);
    expect(find('bjorgvin')).toEqual([A]);
    expect(find('aalesund')).toEqual([A]);
    expect(find('cafe')).toEqual([A]);
    expect(find('bergen')).toEqual([]);
  } finally {
    db.close();
  }
});
