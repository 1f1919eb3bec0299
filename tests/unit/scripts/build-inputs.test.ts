/** `npm run web` builds only when what the build reads changed (scripts/build-inputs.mjs). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { buildIsCurrent, inputsHash } from '../../../scripts/build-inputs.mjs';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-inputs-'));
  write('renderer/src/App.vue', '<template>a</template>');
  write('shared/x.ts', 'export const x = 1;');
  write('electron/host/cli.ts', '');
  write('package.json', '{}');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

it('hashes the sources and the build config: the same tree the same hash, any change another', () => {
  const first = inputsHash(root);
  expect(inputsHash(root)).toBe(first);
  // Not inputs: installed packages, dot folders, the build itself.
  write('renderer/node_modules/y/index.js', 'x');
  write('renderer/.cache/z', 'x');
  write('out/renderer/index.html', '<html>');
  write('docs/notes.md', 'x');
  expect(inputsHash(root)).toBe(first);
  write('shared/x.ts', 'export const x = 2;');
  const changed = inputsHash(root);
  expect(changed).not.toBe(first);
  write('shared/y.ts', '');
  expect(inputsHash(root)).not.toBe(changed);
  write('electron.vite.config.ts', 'export default {}');
  expect(inputsHash(root)).not.toBe(changed);
});

it('counts a build as current only with its stamp matching and its renderer there', () => {
  const stamp = path.join(root, 'out', '.build-inputs.sha256');
  const hash = inputsHash(root);
  expect(buildIsCurrent(root, stamp, hash)).toBe(false);
  write('out/.build-inputs.sha256', `${hash}\n`);
  expect(buildIsCurrent(root, stamp, hash)).toBe(false);
  write('out/renderer/index.html', '<html>');
  expect(buildIsCurrent(root, stamp, hash)).toBe(true);
  expect(buildIsCurrent(root, stamp, 'another')).toBe(false);
});
