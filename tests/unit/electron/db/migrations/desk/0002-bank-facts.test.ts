/** desk.sqlite migration 0002: a schema-1 file gets the bank's org number and check time, its profiles kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DESK_SCHEMA } from '../../../../../../electron/db/migrations';
import { dump, openAt, useTempDir, version } from '../../helpers';

const tmp = useTempDir();

it('brings a schema-1 desk.sqlite to 2 with every profile and setting kept, the bank facts empty until read', () => {
  const file = path.join(tmp(), 'desk.sqlite');
  const old = openAt(file, DESK_SCHEMA, 1);
  old.exec(`
    INSERT INTO profiles VALUES ('vest', 'Vest', 'production', 'https://t', 'https://a', 'c', '[]', 'Sparebanken Vest', '2026-01-01', '2026-01-01');
    INSERT INTO settings VALUES ('language', '"nb"');
  `);
  const before = dump(old);
  old.close();

  const db = openAt(file, DESK_SCHEMA, 2);
  try {
    expect(version(db)).toBe(2);
    const after = dump(db);
    expect(after['settings']).toEqual(before['settings']);
    expect(after['profiles']).toEqual(before['profiles']!.map((p) => ({ ...(p as object), bank_org_nr: null, bank_checked_at: null })));
    // The columns take the bank facts as the profile store writes them at that version.
    db.prepare("UPDATE profiles SET bank_org_nr = '987654321', bank_checked_at = '2026-02-01T10:00:00.000Z' WHERE id = 'vest'").run();
    expect(db.prepare("SELECT bank_name, bank_org_nr, bank_checked_at FROM profiles WHERE id = 'vest'").get()).toEqual({
      bank_name: 'Sparebanken Vest',
      bank_org_nr: '987654321',
      bank_checked_at: '2026-02-01T10:00:00.000Z',
    });
  } finally {
    db.close();
  }
});
