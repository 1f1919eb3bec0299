// `npm run web`: builds the app only when something it is built from changed since the last build, then starts the
// browser host (electron/host/cli.ts) with the arguments given (`npm run web -- --port 8080 --data-dir DIR`).
// "Changed" is a content hash of the sources (renderer/, electron/, shared/) and of what decides how they are built
// (the build config, package.json and its lock file), kept beside the build in out/.build-inputs.sha256. A full
// build took about 10 s on every launch; an unchanged tree starts in under 3 s (docs/benchmarks.md).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent, inputsHash } from './build-inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const STAMP = path.join(ROOT, 'out', '.build-inputs.sha256');

const hash = inputsHash(ROOT);
if (buildIsCurrent(ROOT, STAMP, hash)) {
  process.stdout.write('Nothing changed since the last build: starting it as it is.\n');
} else {
  process.stdout.write('Building the app (sources changed since the last build) …\n');
  const build = spawnSync(bin('electron-vite'), ['build', '--mode', 'web-host', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.writeFileSync(STAMP, `${hash}\n`);
}

const host = spawn(bin('tsx'), [path.join('electron', 'host', 'cli.ts'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
// Ctrl-C reaches the host from the terminal itself (this process waits for it to stop); a SIGTERM sent to this
// process alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => host.kill('SIGTERM'));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
