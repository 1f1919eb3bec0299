/**
 * Imported first by every plain-Node entry point (browser host, CLI). better-sqlite3 13 needs Node 22: on an older
 * Node it would crash the process in native code, so we stop here with a clear message instead.
 */
const major = Number(process.versions.node.split('.')[0]);
if (!process.versions['electron'] && major < 22) {
  process.stderr.write(
    `Symetrisk Desk needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
      'Run it through npm (npm run web, npm run cli), which uses the Node 22 the project installs.\n',
  );
  process.exit(1);
}
export {};
