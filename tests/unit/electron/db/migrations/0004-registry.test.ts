/** Cache migration 0004: a schema-3 cache gets the registry tables, every row it held kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { registryRepo } from '../../../../../electron/db/registry';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { seedV1 } from './cache-v1-data';

const tmp = useTempDir();

it('brings a schema-3 cache to 4 with every row kept and the registry tables ready for use', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 3);
  seedV1(old);
  old.prepare("INSERT INTO portfolio_rows (org_nr, basis, row) VALUES ('923609016', 'f:1', '{}')").run();
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 4);
  try {
    expect(version(db)).toBe(4);
    const after = dump(db);
    for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
    expect(objects(db, 'table')).toEqual(expect.arrayContaining(['registry_units', 'registry_accounts', 'registry_filing_dates', 'registry_checks', 'registry_feed']));
    expect(objects(db, 'index')).toContain('registry_units_by_nace_division');
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'registry_%'").all() as { sql: string }[];
    for (const t of sql) expect(t.sql).toMatch(/STRICT\s*$/);
    // The new tables start empty and take rows through the repository the sync step uses.
    for (const t of ['registry_units', 'registry_accounts', 'registry_filing_dates', 'registry_checks', 'registry_feed']) expect(after[t]).toEqual([]);
    const registry = registryRepo(db);
    registry.write(() => {
      registry.putFilingDate('923609016', 2025, '2026-06-30T06:00:00.000Z');
      registry.setCursor({ nextUpdateId: 42, since: '2026-01-01T00:00:00.000Z', updatedAt: '2026-12-01T08:00:00Z' });
    });
    expect(registry.filingDate('923609016', 2025)).toBe('2026-06-30T06:00:00.000Z');
    expect(registry.cursor()).toMatchObject({ nextUpdateId: 42 });
  } finally {
    db.close();
  }
});
