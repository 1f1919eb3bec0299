/** desk.sqlite migration 0001: an empty file becomes the profiles and settings store. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DESK_SCHEMA } from '../../../../../../electron/db/migrations';
import { objects, openAt, useTempDir, version } from '../../helpers';

const tmp = useTempDir();

it('turns an empty file into schema 1: profiles (names unique whatever their case) and settings', () => {
  const file = path.join(tmp(), 'desk.sqlite');
  fs.writeFileSync(file, '');
  const db = openAt(file, DESK_SCHEMA, 1);
  try {
    expect(version(db)).toBe(1);
    expect(objects(db, 'table')).toEqual(['profiles', 'settings']);
    expect(objects(db, 'index')).toEqual(['profiles_by_name']);
    const insert = db.prepare(
      "INSERT INTO profiles (id, name, environment, token_url, api_base_url, client_id, scopes, created_at, updated_at) VALUES (?, ?, ?, 'https://t', 'https://a', 'c', '[]', 'now', 'now')",
    );
    insert.run('a', 'Sparebanken Vest', 'custom');
    expect(() => insert.run('b', 'SPAREBANKEN VEST', 'custom')).toThrow(/UNIQUE/);
    expect(() => insert.run('c', 'Other', 'staging')).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});
