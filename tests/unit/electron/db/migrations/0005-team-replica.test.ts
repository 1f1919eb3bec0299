/** Cache migration 0005: a schema-4 cache gets the team replica's cursors, every row it held kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-4 cache to 5 with every row kept and the replica cursor tables empty', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 4);
  seedV1(old);
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 5);
  try {
    expect(version(db)).toBe(5);
    const after = dump(db);
    for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
    expect(objects(db, 'table')).toEqual(expect.arrayContaining(['team_replica_cursors', 'team_replica_source']));
    expect(after['team_replica_cursors']).toEqual([]);
    db.prepare("INSERT INTO team_replica_cursors (table_name, change_seq) VALUES ('snapshots', 42)").run();
    db.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (1, 'bank-client')").run();
    // One source per replica: a second bank's rows are never taken in.
    expect(() => db.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (2, 'other')").run()).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});
