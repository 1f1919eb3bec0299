/** Cache migration 0002: a schema-1 cache gains row_version, its triggers and portfolio_rows, every row kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { A, B, seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-1 cache to 2 with every row kept and row_version kept by triggers from then on', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 1);
  seedV1(old);
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 2);
  try {
    expect(version(db)).toBe(2);
    const after = dump(db);
    // The old columns of every borrower as they were; the new column starts at 0.
    const oldColumns = after['relationships']!.map((r) => {
      const { row_version: _new, ...rest } = r as Record<string, unknown>;
      return rest;
    });
    expect(oldColumns).toEqual(before['relationships']);
    for (const t of Object.keys(before).filter((t) => t !== 'relationships')) expect(after[t], t).toEqual(before[t]);
    expect(after['portfolio_rows']).toEqual([]);
    expect(objects(db, 'index')).toContain('relationships_by_name');
    expect(objects(db, 'trigger')).toHaveLength(8);

    const rowVersion = (o: string) => (db.prepare('SELECT row_version FROM relationships WHERE org_nr = ?').get(o) as { row_version: number }).row_version;
    expect([rowVersion(A), rowVersion(B)]).toEqual([0, 0]);
    db.prepare("UPDATE notifications SET read = 1 WHERE org_nr = ?").run(A);
    expect(rowVersion(A)).toBe(1);
    db.prepare("UPDATE covenants SET value = 0.35 WHERE org_nr = ?").run(A);
    expect(rowVersion(A)).toBe(2);
    db.prepare('DELETE FROM snapshots WHERE org_nr = ?').run(A);
    expect(rowVersion(A)).toBe(3);
    // The reference from the borrower to its newest snapshot is cleared, not left dangling.
    expect(db.prepare('SELECT latest_snapshot_key FROM relationships WHERE org_nr = ?').get(A)).toEqual({ latest_snapshot_key: null });
    expect(rowVersion(B)).toBe(0);
  } finally {
    db.close();
  }
});
