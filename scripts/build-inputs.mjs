// What `npm run web` builds from, as one hash, so that an unchanged tree is not built again (scripts/web.mjs).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The three source trees and the files that decide how they are built. */
export const BUILD_INPUTS = [
  'renderer',
  'electron',
  'shared',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'tsconfig.web.json',
  'tsconfig.node.json',
];

function files(root, rel) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return [];
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => files(root, path.join(rel, e.name)));
}

/** One SHA-256 over every input's path and content, in a fixed order. */
export function inputsHash(root, inputs = BUILD_INPUTS) {
  const h = createHash('sha256');
  for (const rel of inputs.flatMap((i) => files(root, i)).sort()) {
    h.update(rel.split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(path.join(root, rel)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Whether the build in out/ was made from exactly these inputs (and is still there). */
export function buildIsCurrent(root, stampFile, hash) {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim() === hash && fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'));
  } catch {
    return false;
  }
}
