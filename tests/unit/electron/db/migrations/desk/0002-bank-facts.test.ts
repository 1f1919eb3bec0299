/** desk.sqlite migration 0002: a schema-1 file gets the bank's org number and check time, its profiles kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DESK_SCHEMA } from '../../../../../../electron/db/migrations';
import { ProfileStore } from '../../../../../../electron/services/connections/profile-store';
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
    const store = new ProfileStore(db);
    expect(store.get('vest')).toMatchObject({ bankName: 'Sparebanken Vest', bankOrgNr: null, bankCheckedAt: null });
    expect(store.setBank('vest', { name: 'Sparebanken Vest', orgNr: '987654321', checkedAt: '2026-02-01T10:00:00.000Z' })).toBe(true);
    expect(store.get('vest')).toMatchObject({ bankOrgNr: '987654321', bankCheckedAt: '2026-02-01T10:00:00.000Z' });
  } finally {
    db.close();
  }
});
