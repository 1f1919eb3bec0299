/** desk.sqlite migration 0003: a schema-2 file can hold team connections, its profiles and bank facts kept. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DESK_SCHEMA } from '../../../../../../electron/db/migrations';
import { ProfileStore } from '../../../../../../electron/services/connections/profile-store';
import { dump, objects, openAt, useTempDir, version } from '../../helpers';

const tmp = useTempDir();

it('brings a schema-2 desk.sqlite to 3: every profile and setting kept, team connections with their database URL accepted', () => {
  const file = path.join(tmp(), 'desk.sqlite');
  const old = openAt(file, DESK_SCHEMA, 2);
  old.exec(`
    INSERT INTO profiles (id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, created_at, updated_at, bank_org_nr, bank_checked_at)
      VALUES ('vest', 'Vest', 'production', 'https://t', 'https://a', 'c', '[]', 'Sparebanken Vest', '2026-01-01', '2026-01-01', '987654321', '2026-02-01T10:00:00.000Z');
    INSERT INTO settings VALUES ('language', '"nb"');
  `);
  const before = dump(old);
  old.close();

  const db = openAt(file, DESK_SCHEMA, 3);
  try {
    expect(version(db)).toBe(3);
    const after = dump(db);
    expect(after['settings']).toEqual(before['settings']);
    expect(after['profiles']).toEqual(before['profiles']!.map((p) => ({ ...(p as object), database_url: null })));
    expect(objects(db, 'index')).toContain('profiles_by_name');
    const insert = db.prepare(
      "INSERT INTO profiles (id, name, environment, token_url, api_base_url, client_id, scopes, created_at, updated_at, database_url) VALUES (?, ?, ?, '', '', '', '[]', 'now', 'now', ?)",
    );
    insert.run('team', 'Team', 'team', 'postgres://desk_reader@db.bank.example/desk');
    // A team connection names its database; no other kind does.
    expect(() => insert.run('t2', 'Team 2', 'team', null)).toThrow(/CHECK/);
    expect(() => insert.run('c2', 'Custom 2', 'custom', 'postgres://x@y/z')).toThrow(/CHECK/);
    expect(() => insert.run('vest2', 'VEST', 'custom', null)).toThrow(/UNIQUE/);
    // Through the store the app uses: a team profile keeps its URL, the others have none.
    const store = new ProfileStore(db);
    expect(store.get('team')?.databaseUrl).toBe('postgres://desk_reader@db.bank.example/desk');
    expect(store.get('vest')).toMatchObject({ environment: 'production', bankName: 'Sparebanken Vest', bankOrgNr: '987654321', databaseUrl: null });
  } finally {
    db.close();
  }
});
