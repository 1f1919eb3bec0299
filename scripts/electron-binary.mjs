// Where Electron's binary is, without ever downloading it. (Requiring the `electron` package would try to
// download a missing binary, which this project's machines cannot do, and would change node_modules.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');

/** @returns {{ path: string } | { reason: string }} */
export function electronBinary() {
  const pathFile = path.join(pkgDir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const p = path.join(override, rel ?? 'electron');
    return fs.existsSync(p) ? { path: p } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${p})` };
  }
  if (!fs.existsSync(pkgDir)) return { reason: 'the electron package is not installed (run npm ci)' };
  if (!rel) return { reason: 'the Electron binary was never downloaded (this machine cannot reach its download host)' };
  const p = path.join(pkgDir, 'dist', rel);
  return fs.existsSync(p) ? { path: p } : { reason: `the Electron binary is missing (${p})` };
}
