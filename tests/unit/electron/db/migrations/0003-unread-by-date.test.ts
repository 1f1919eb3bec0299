/** Cache migration 0003: a schema-2 cache gets the unread-notification indexes, every row kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-2 cache to 3 with its notifications kept and unread ones read from an index in date order', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 2);
  seedV1(old);
  old.prepare("INSERT INTO portfolio_rows (org_nr, basis, row) VALUES ('923609016', 'f:1', '{}')").run();
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 3);
  try {
    expect(version(db)).toBe(3);
    expect(dump(db)).toEqual(before);
    expect(objects(db, 'index')).toEqual(expect.arrayContaining(['notifications_by_read', 'notifications_unread_by_date']));
    const cols = db.prepare("SELECT name FROM pragma_index_info('notifications_by_read')").all();
    expect(cols).toEqual([{ name: 'read' }, { name: 'org_nr' }, { name: 'created_at' }]);
  } finally {
    db.close();
  }
});
