/** Real database files in a temp folder for the db tests: a schema stopped at a version, and a table dump. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/db/connection';
import type { Schema } from '../../../../electron/db/migrate';

/** A fresh temp folder per test, removed after it. */
export function useTempDir(prefix = 'desk-db-'): () => string {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** The schema as the release that stopped at `version` knew it. */
export function upTo(schema: Schema, version: number): Schema {
  return { ...schema, migrations: schema.migrations.slice(0, version) };
}

/** Opens `file` with the code of schema version `version`: a file exactly as that version writes it. */
export function openAt(file: string, schema: Schema, version: number): Db {
  return openDatabase(file, upTo(schema, version));
}

function withoutRowid(db: Db, table: string): boolean {
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string | null) ?? '';
  return /WITHOUT\s+ROWID\s*$/i.test(sql);
}

/** Every row of every table (rowid order), to show an upgrade kept each byte the old version stored. */
export function dump(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    // A WITHOUT ROWID table (and FTS5's shadow tables) has no rowid: ordered by every column instead.
    const rowid = db.prepare(`SELECT count(*) FROM pragma_table_info(?) WHERE name = 'rowid'`).pluck().get(name) === 0 && !withoutRowid(db, name);
    const columns = (db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(name) as number) || 1;
    const order = rowid ? 'rowid' : Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all();
  }
  return out;
}

/** Names of the schema objects of a type (table, index, trigger). */
export function objects(db: Db, type: 'table' | 'index' | 'trigger'): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(type) as { name: string }[]).map((r) => r.name);
}

export function version(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
