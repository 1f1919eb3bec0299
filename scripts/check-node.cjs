// Runs before anything else (and as npm's preinstall), in plain CommonJS that every Node understands,
// so that an old Node stops here with a clear message instead of crashing later in a native module.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `Symetrisk Desk needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
      'Run it through npm (npm ci, npm test, npm run web): the project installs Node 22 as a devDependency\n' +
      'and npm scripts then run on node_modules/.bin/node. Or install Node 22 (https://nodejs.org).\n',
  );
  process.exit(1);
}
