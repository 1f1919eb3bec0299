/** tests/unit mirrors the source tree (tests/unit/renderer/ mirrors renderer/src/): a test's folder names its code's. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNIT = path.join(ROOT, 'tests/unit');

function folders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => {
    const sub = path.join(dir, e.name);
    return [path.relative(UNIT, sub), ...folders(sub)];
  });
}

it('puts every unit test in the folder of the code it tests', () => {
  const strays = folders(UNIT).filter((rel) => {
    const parts = rel.split(path.sep);
    const source = parts[0] === 'renderer' ? path.join(ROOT, 'renderer/src', ...parts.slice(1)) : path.join(ROOT, rel);
    return !fs.existsSync(source) || !fs.statSync(source).isDirectory();
  });
  expect(strays).toEqual([]);
  const loose = fs.readdirSync(UNIT).filter((f) => f.endsWith('.ts') && f !== path.basename(import.meta.filename));
  expect(loose).toEqual([]);
});
