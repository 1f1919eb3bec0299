/** Every migration has its upgrade test, named after it (so a new step without one fails here). */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DESK_MIGRATIONS, MIGRATIONS } from '../../../../../electron/db/migrations';

const src = path.resolve(import.meta.dirname, '../../../../../electron/db/migrations');
const steps = (dir: string) => fs.readdirSync(dir).filter((f) => /^\d{4}-.+\.ts$/.test(f)).sort();

it.each([
  ['', MIGRATIONS],
  ['desk', DESK_MIGRATIONS],
] as const)('migrations/%s: every file listed in order, and each has an upgrade test', (sub, listed) => {
  const files = steps(path.join(src, sub));
  expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(listed.map((m) => m.version));
  for (const f of files) expect(fs.existsSync(path.join(import.meta.dirname, sub, f.replace(/\.ts$/, '.test.ts'))), `a test for ${sub}/${f}`).toBe(true);
});
