/** Cache migration 0005 (reserved for another branch's step): a schema-4 cache comes to 5 exactly as it was. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-4 cache to 5 without changing a row or a schema object', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 4);
  seedV1(old);
  const before = { rows: dump(old), tables: objects(old, 'table'), indexes: objects(old, 'index'), triggers: objects(old, 'trigger') };
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 5);
  try {
    expect(version(db)).toBe(5);
    expect({ rows: dump(db), tables: objects(db, 'table'), indexes: objects(db, 'index'), triggers: objects(db, 'trigger') }).toEqual(before);
  } finally {
    db.close();
  }
});
