// Electronegativity (Doyensec's Electron security linter) over the sources (electron/) and the built bundles (out/),
// through its programmatic API. Fails on any finding that is not switched off by an inline `eng-disable` comment,
// and every such comment must say why (`/* eng-disable CHECK_ID -- reason */`); the script lists them all.
//
// Offline and fast: the tool fetches translations and Electron's release list with `got` on every run (and would
// rewrite a file inside node_modules with the release list); both are answered locally here with "not available",
// so it uses its bundled English texts and skips only the "newer Electron with security fixes" lookup — the
// Electron version is checked by tests/security/electron-builder.test.ts's neighbour, docs/security.md item 16.
import fs from 'node:fs';
import os from 'node:os';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));

const offlineGot = Object.assign(async () => ({ statusCode: 404, body: '{}', headers: {} }), {
  head: async () => {
    throw new Error('offline by design');
  },
});
const originalLoad = Module._load;
Module._load = function load(request, parent, ...rest) {
  if (request === 'got' && parent?.filename?.includes(`${path.sep}@doyensec${path.sep}`)) return offlineGot;
  return originalLoad.call(this, request, parent, ...rest);
};
const run = require('@doyensec/electronegativity');

/** Checks left out (by class name, as the tool wants them), each with the reason. */
const EXCLUDED = {
  // Needs Electron's release list from GitHub; the pinned Electron version is checked from package-lock instead.
  AvailableSecurityFixesGlobalCheck: "needs Electron's release list from the network; the Electron version is pinned in package-lock.json and reviewed in docs/security.md",
  ElectronVersionJSONCheck: 'informational only (it reports the Electron version package.json names) and JSON cannot carry a suppression comment',
};

/**
 * What ships (out/** and package.json, as electron-builder.yml packs it), copied to a temporary folder with .cjs/.mjs
 * renamed to .js: the tool only reads .js/.ts/.html files and would otherwise skip the whole main bundle and preload.
 */
function stageBuiltOutput() {
  const out = path.join(root, 'out');
  if (!fs.existsSync(out)) return null;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-eng-'));
  for (const rel of fs.readdirSync(out, { recursive: true, encoding: 'utf8' })) {
    const from = path.join(out, rel);
    if (!fs.statSync(from).isFile()) continue;
    const to = path.join(stage, 'out', rel.replace(/\.(cjs|mjs)$/, '.js'));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  fs.copyFileSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
  return stage;
}

const staged = stageBuiltOutput();
const targets = [
  { name: 'sources', input: path.join(root, 'electron'), shown: 'electron' },
  { name: 'built output', input: staged, shown: 'out/** + package.json' },
];

const SUPPRESSION = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+([A-Z0-9_ \t,]+?)(?:[ \t]*(?:--|:)[ \t]*([^*\n]*))?(?:\*\/|\n|$)/g;

/** Every eng-disable comment in a tree, with its reason (empty when none is given). */
function suppressions(dir) {
  const found = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|js|cjs|mjs|html)$/.test(rel)) continue;
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(SUPPRESSION)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ file: path.relative(root, file), line, checks: m[1].trim().split(/[\s,]+/), reason: (m[2] ?? '').trim() });
    }
  }
  return found;
}

const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
let failed = false;
for (const t of targets) {
  if (t.input === null || !fs.existsSync(t.input)) {
    console.error(`electronegativity: ${t.name}: ${t.shown} does not exist (run the build first)`);
    failed = true;
    continue;
  }
  const started = Date.now();
  const result = await run({
    input: t.input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: Object.keys(EXCLUDED),
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    electronUpgrade: undefined,
    // The sources carry no package.json of their own; tell the tool which Electron the app runs on.
    electronVersionOverride: electronVersion,
  });
  const hard = result.errors.filter((e) => !e.tolerable);
  const listed = suppressions(t.input);
  // A bundle keeps the sources' comments only in part, so the built output may also be explained by the sources.
  const explainedBy = t === targets[1] ? [...listed, ...suppressions(path.join(root, 'electron'))] : listed;
  console.log(
    `electronegativity: ${t.name} (${t.shown}): ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ` +
      `${result.issues.length} finding(s), ${hard.length} parse error(s), ${Date.now() - started} ms`,
  );
  const used = {};
  for (const i of result.issues) {
    // A global check that finds nothing to look at reports "N/A" with no line to put a comment on; it counts as
    // explained when the place that does the thing carries a suppression naming that check, with its reason.
    // In the bundle, a finding whose source line carries a reasoned suppression (which the bundler dropped) is
    // explained by that suppression, one source suppression per bundled finding.
    const global = i.file === 'N/A';
    const candidates = explainedBy.filter((s) => s.checks.includes(i.id) && s.reason.length >= 10);
    const why = global ? candidates[0] : t === targets[1] ? candidates[(used[i.id] = (used[i.id] ?? 0) + 1) - 1] : undefined;
    if (why) {
      console.log(`  explained ${i.id} ${global ? '(global)' : `at ${i.file}:${i.location.line}`} by ${why.file}:${why.line}: ${why.reason}`);
      continue;
    }
    console.log(`  FINDING ${i.id} ${i.file}:${i.location.line}:${i.location.column} ${i.description ?? ''}`);
    failed = true;
  }
  for (const e of hard) {
    console.log(`  PARSE ERROR ${e.file}: ${e.message}`);
    failed = true;
  }
  for (const s of listed) {
    const ok = s.reason.length >= 10;
    console.log(`  suppressed ${s.checks.join(',')} at ${s.file}:${s.line}: ${ok ? s.reason : 'NO REASON GIVEN'}`);
    if (!ok) failed = true;
  }
}
if (staged) fs.rmSync(staged, { recursive: true, force: true });
for (const [id, why] of Object.entries(EXCLUDED)) console.log(`electronegativity: not run: ${id}: ${why}`);
console.log(failed ? 'electronegativity: FAILED' : 'electronegativity: no unexplained findings');
process.exit(failed ? 1 : 0);
