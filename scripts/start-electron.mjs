// `npm start`: builds and runs the desktop app where Electron's binary is installed. Where it is not (machines
// without access to Electron's download host, such as this project's CI), it says so and points to the browser
// host; it never tries to download anything and leaves node_modules exactly as it is.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const found = electronBinary();
const binary = 'path' in found ? found.path : null;
const reason = 'reason' in found ? found.reason : '';

if (!binary) {
  process.stderr.write(
    `\nSymetrisk Desk cannot start as a desktop app here: ${reason}.\n\n` +
      'Run the same app in your browser instead:\n\n    npm run web\n\n' +
      'It serves the app on 127.0.0.1 and prints a link to open. (To get the desktop app, install Electron\'s\n' +
      'binary where its download host is reachable: `npx install-electron` or reinstall without\n' +
      'ELECTRON_SKIP_BINARY_DOWNLOAD.)\n\n',
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(run.status ?? 0);
