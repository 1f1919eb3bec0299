// `npm test`: lint, typecheck, build, electronegativity, unit + integration tests (vitest, inside a throwaway Secret Service session
// when one can be started), the end-to-end suite in Chromium (in such a session too), and the Electron suite (skipped with its reason where
// no Electron binary exists). Ends with one summary line: "Summary: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
const only = process.argv.slice(2);

function run(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  process.stdout.write(`\n=== ${name}: ${[cmd, ...args].join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

function countVitest(file) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = j.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  // Say why tests were skipped, so a skip is never silent.
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip') process.stdout.write(`skipped: ${spec.title}: ${a.description}\n`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of j.suites ?? []) walk(suite);
}

const bin = (n) => path.join('node_modules', '.bin', n);
let ok = true;
ok = run('lint', bin('eslint'), ['.', '--max-warnings=0']) && ok;
ok = run('typecheck', 'npm', ['run', '--silent', 'typecheck']) && ok;
const built = run('build', bin('electron-vite'), ['build', '--logLevel', 'warn']);
ok = built && ok;
// Electron security lint over the sources and the built bundles; fails on any finding without a reasoned suppression.
if (built) ok = run('electronegativity', process.execPath, ['scripts/electronegativity.mjs']) && ok;

const vitestJson = path.join(tmp, 'vitest.json');
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`];
const keyring = process.platform === 'linux' && fs.existsSync('scripts/with-keyring.sh');
ok = (keyring ? run('unit+integration', 'bash', ['scripts/with-keyring.sh', bin('vitest'), ...vitestArgs]) : run('unit+integration', bin('vitest'), vitestArgs)) && ok;
countVitest(vitestJson);

if (built) {
  const e2eJson = path.join(tmp, 'e2e.json');
  // In the throwaway Secret Service too: the team connection's e2e test stores its database password in the keychain.
  const e2eArgs = ['test', '-c', 'tests/e2e/playwright.config.ts', '--reporter=list,json'];
  const e2eEnv = { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson };
  ok = (keyring ? run('e2e', 'bash', ['scripts/with-keyring.sh', bin('playwright'), ...e2eArgs], e2eEnv) : run('e2e', bin('playwright'), e2eArgs, e2eEnv)) && ok;
  countPlaywright(e2eJson);
  const elJson = path.join(tmp, 'electron.json');
  const electronArgs = ['test', '-c', 'tests/electron/playwright.config.ts', '--reporter=list,json'];
  const xvfb = process.platform === 'linux' && !process.env['DISPLAY'] && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
  ok = (xvfb ? run('electron', 'xvfb-run', ['-a', bin('playwright'), ...electronArgs], { PLAYWRIGHT_JSON_OUTPUT_NAME: elJson }) : run('electron', bin('playwright'), electronArgs, { PLAYWRIGHT_JSON_OUTPUT_NAME: elJson })) && ok;
  countPlaywright(elJson);
}

process.stdout.write('\nSteps:\n');
for (const s of steps) process.stdout.write(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds} s)\n`);
const failedSteps = steps.filter((s) => !s.ok).length;
if (failedSteps && totals.failed === 0) totals.failed = failedSteps;
process.stdout.write(`\nSummary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
