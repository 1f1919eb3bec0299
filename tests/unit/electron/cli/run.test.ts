import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../../shared/contract/dto';
import { SCOPES } from '../../../../shared/symetrisk/defaults';
import { runCli, type CliDeps } from '../../../../electron/cli/run';
import type { CliIO } from '../../../../electron/cli/io';
import Database from 'better-sqlite3';
import { createAppServices } from '../../../../electron/core/container';
import { MemoryCredentialStore } from '../../../../electron/services/credentials/credential-store';
import { tempDir } from '../services/connections/helpers';
import { Capture } from '../../../fixtures/cli';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function harness(opts: { stdin?: string; tty?: boolean; credentials?: MemoryCredentialStore; dir?: string } = {}) {
  const dir = opts.dir ?? tempDir('desk-cli-');
  if (!opts.dir) dirs.push(dir);
  const stdout = new Capture(opts.tty);
  const stderr = new Capture(opts.tty);
  const io: CliIO = { stdout, stderr, stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]) };
  const credentials = opts.credentials ?? new MemoryCredentialStore();
  const deps: CliDeps = { io, credentials, env: { SYMETRISK_DESK_DATA: dir } };
  return { dir, stdout, stderr, credentials, deps, run: (argv: string[], more: Partial<CliDeps> = {}) => runCli(argv, { ...deps, ...more }) };
}

const addArgs = ['profiles', 'add', '--name', 'Vest Bank', '--environment', 'custom', '--client-id', 'cid', '--token-url', 'https://auth.example.no/token', '--api-base-url', 'https://api.example.no/v1'];

describe('cli: profiles', () => {
  it.each([['--secret', 'hunter2'], ['--secret=hunter2'], ['--client-secret', 'hunter2']])('refuses a secret given as an argument (%s)', async (...flag) => {
    const h = harness();
    expect(await h.run([...addArgs, ...flag])).toBe(2);
    expect(h.stderr.text).toContain('never taken from the command line');
    expect(h.stderr.text + h.stdout.text).not.toContain('hunter2');
    expect(fs.existsSync(path.join(h.dir, 'desk.sqlite'))).toBe(false);
  });

  it('adds a profile with the secret from stdin, lists it and removes it with its keychain entry', async () => {
    const h = harness({ stdin: 'pipe-secret\n' });
    expect(await h.run([...addArgs, '--scope', 'read', '--secret-stdin'])).toBe(0);
    expect(h.stdout.text).toContain('Added profile "Vest Bank" (id vest-bank), secret stored in the keychain');
    expect(await h.credentials.get('vest-bank')).toBe('pipe-secret');

    const list = harness({ credentials: h.credentials, dir: h.dir });
    expect(await list.run(['profiles', 'list', '--json'])).toBe(0);
    const profiles = JSON.parse(list.stdout.text) as { id: string; scopes: string[]; hasSecret: boolean }[];
    expect(profiles.map((p) => [p.id, p.hasSecret])).toEqual([['demo', true], ['vest-bank', true]]);
    expect(profiles[1]!.scopes).toEqual([SCOPES.read]);
    expect(list.stdout.text).not.toContain('pipe-secret');

    const rm = harness({ credentials: h.credentials, dir: h.dir });
    expect(await rm.run(['profiles', 'remove', 'Vest Bank', '--delete-cache'])).toBe(0);
    expect(await h.credentials.get('vest-bank')).toBeNull();
  });

  it('asks for --secret-stdin when there is no terminal to prompt on', async () => {
    const h = harness();
    expect(await h.run(addArgs)).toBe(2);
    expect(h.stderr.text).toContain('--secret-stdin');
  });

  it('explains bad input: unknown options, non-loopback http, missing names', async () => {
    const h = harness({ stdin: 's' });
    expect(await h.run(['profiles', 'list', '--colour'])).toBe(2);
    expect(h.stderr.text).toMatch(/Unknown option '--colour'[\s\S]*Usage: npm run cli -- profiles list/);
    expect(await h.run([...addArgs.slice(0, -1), 'http://api.example.no/v1', '--secret-stdin'])).toBe(2);
    expect(h.stderr.text).toContain('Plain http is allowed only for this computer');
    expect(await h.run(['profiles', 'remove', 'nobody'])).toBe(1);
    expect(h.stderr.text).toContain('There is no profile "nobody". Known profiles: demo.');
    expect(await h.run(['profiles'])).toBe(2);
    expect(h.stderr.text).toContain('"profiles" needs one of: list, add, remove, test, secret');
  });

  it('tests the Demo profile against the in-process sandbox', async () => {
    const h = harness();
    expect(await h.run(['--data-dir', h.dir, 'profiles', 'test', 'demo'])).toBe(0);
    expect(h.stdout.text).toContain('Connection ok: Connected to Symetrisk as Demo Sparebank.');
  });

  it('status shows the data folder and the profiles', async () => {
    const h = harness();
    expect(await h.run(['status'])).toBe(0);
    expect(h.stdout.text).toContain(`Data folder:    ${path.resolve(h.dir)}`);
    expect(h.stdout.text).toMatch(/demo\s+demo\s+secret: yes/);
  });
});

/** The sync and follow handlers belong to the cache side; these tests drive the CLI binding with stand-ins. */
function withFakeSync(outcome: SyncRun['outcome']): CliDeps['createServices'] {
  return async (ctx) => {
    const s = await createAppServices(ctx);
    s.handlers['sync:start'] = async ({ profileId }) => {
      const runId = 7;
      setImmediate(() => {
        for (const [phase, done, total] of [['relationships', 1, 1], ['accounting', 0, 4], ['accounting', 2, 4], ['accounting', 4, 4]] as const) {
          ctx.emit('sync:progress', { profileId, runId, phase, done, total, currentOrgNr: '923609016', requests: done * 3, retries: 1, errors: 0 });
        }
        ctx.emit('sync:finished', {
          id: runId, profileId, startedAt: 'a', endedAt: 'b', outcome, requests: 12, retries: 1, borrowersSynced: 4,
          borrowersFailed: outcome === 'ok' ? 0 : 1, newSnapshots: 9, newNotifications: 2, message: null,
          errors: outcome === 'ok' ? [] : [{ orgNr: '923609016', code: 'api_error', message: 'HTTP 500' }],
        });
      });
      return { runId };
    };
    s.handlers['followed:follow'] = async ({ lines, source }) => ({
      added: lines.filter((l) => l === '923609016'),
      alreadyFollowed: [],
      rejected: lines.flatMap((l, i) => (l === '923609016' ? [] : [{ line: i + 1, input: l, reason: `bad_check_digit:${source}`, message: 'The check digit (MOD11) does not match' }])),
    });
    return s;
  };
}

describe('cli: sync and follow', () => {
  it('prints plain progress lines off a terminal and exits 0 on ok', async () => {
    const h = harness();
    expect(await h.run(['sync', '--profile', 'Demo'], { createServices: withFakeSync('ok') })).toBe(0);
    expect(h.stdout.text).toContain('relationships 1/1 requests=3 retries=1 errors=0');
    expect(h.stdout.text).toContain('accounting 4/4');
    expect(h.stdout.text).toContain('Sync ok: 4 borrowers synced, 0 failed, 9 new snapshots');
    expect(h.stderr.text).toBe('');
  });

  it('draws a bar on a terminal and exits non-zero on failure', async () => {
    const h = harness({ tty: true });
    expect(await h.run(['sync'], { createServices: withFakeSync('failed') })).toBe(1);
    // Each redraw starts with a carriage return and the erase-line escape (ESC [2K).
    expect(h.stderr.text).toContain('\r\u001b[2Kaccounting');
    expect(h.stderr.text).toMatch(/accounting\s+2\/4\s+\[#+\.+\] 50% 923609016/);
    expect(h.stdout.text).toContain('923609016 api_error: HTTP 500');
    const p = harness();
    expect(await p.run(['sync', '--profile', 'demo'], { createServices: withFakeSync('partial') })).toBe(3);
  });

  it('names an unknown profile', async () => {
    const h = harness();
    expect(await h.run(['sync', '--profile', 'nope'])).toBe(1);
    expect(h.stderr.text).toContain('There is no profile "nope"');
  });

  it('follows org numbers from a file, skipping blanks and comments, and names each rejected line', async () => {
    const h = harness();
    const list = path.join(h.dir, 'list.txt');
    fs.writeFileSync(list, '# borrowers\n923609016\n\n923609017\n');
    expect(await h.run(['follow', '--file', list], { createServices: withFakeSync('ok') })).toBe(1);
    expect(h.stdout.text).toContain('demo: 1 added, 0 already followed, 1 rejected.');
    expect(h.stdout.text).toContain('line 2: "923609017" bad_check_digit:import');
    const typed = harness();
    expect(await typed.run(['follow', '923609016'], { createServices: withFakeSync('ok') })).toBe(0);
    expect(await typed.run(['follow'])).toBe(2);
  });
});

describe('cli: sync of the Demo profile, end to end', () => {
  it('fills the cache, then a second run finds nothing new', async () => {
    const h = harness();
    expect(await h.run(['sync', '--profile', 'demo'])).toBe(0);
    expect(h.stdout.text).toMatch(/Sync ok: (\d+) borrowers synced, 0 failed, [1-9]\d* new snapshots/);
    // The Demo's customer list was followed; the relationships it does not name are there to attach.
    expect(h.stdout.text).toMatch(/Relationships: \d+ linked, 4 not linked \(attach their org numbers in the app\), 2 followed numbers unknown to Symetrisk\./);
    const again = harness({ dir: h.dir, credentials: h.credentials });
    expect(await again.run(['sync', '--profile', 'demo'])).toBe(0);
    expect(again.stdout.text).toMatch(/Sync ok: \d+ borrowers synced, 0 failed, 0 new snapshots, 0 new notifications/);
    const status = harness({ dir: h.dir, credentials: h.credentials });
    expect(await status.run(['status'])).toBe(0);
    expect(status.stdout.text).toMatch(/demo\s+demo\s+secret: yes\s+last sync \S+ \(ok\)/);

    // One borrower's figures: every block headed by its basis, the covenant tests as sentences on their own basis.
    const cache = new Database(path.join(h.dir, 'cache', 'demo.sqlite'), { readonly: true });
    const { org_nr: orgNr } = cache.prepare('SELECT org_nr FROM relationships WHERE latest_snapshot_key IS NOT NULL ORDER BY org_nr LIMIT 1').get() as { org_nr: string };
    cache.close();
    const b = harness({ dir: h.dir, credentials: h.credentials });
    expect(await b.run(['borrower', orgNr, '--profile', 'demo'])).toBe(0);
    const lines = b.stdout.text.split('\n');
    const label = /^Basis: (.+)$/.exec(lines[1] ?? '')?.[1] ?? '';
    expect(label).toMatch(/^(LTM \d\d\.\d\d\.\d{4}( \(estimate\))?|\d{4} annualised \(×\d+\/\d+\))$/);
    expect(lines).toContain(`Figures, NOK (${label}):`);
    expect(lines.some((l) => l.startsWith(`Ratios (${label})`))).toBe(true);
    expect(b.stdout.text).toMatch(/Covenants \(each on its own basis; near the limit within 10\.0% of the requirement\):\n {2}\S.* – requirement (at least|at most) .* – (met|near the limit|breach|cannot be tested).*\[.*\]/);
    const nb = harness({ dir: h.dir, credentials: h.credentials });
    expect(await nb.run(['borrower', orgNr, '--basis', 'ytd', '--language', 'nb'])).toBe(0);
    expect(nb.stdout.text).toMatch(/Basis: (01\.01–\S+ \(HiÅ\)|\d{4} \(helår\))/);
    expect(nb.stdout.text).toContain('Driftsinntekter');
    const bad = harness({ dir: h.dir, credentials: h.credentials });
    expect(await bad.run(['borrower', orgNr, '--basis', 'quarterly'])).toBe(2);
    expect(bad.stderr.text).toContain('--basis is one of ltm, last_financial_year, ytd, annualised');
    expect(await bad.run(['borrower', '12345'])).toBe(2);
  });
});

describe('cli: the npm script entry point', () => {
  it('runs as a process: refuses --secret, lists profiles in the given data folder', async () => {
    const dir = tempDir('desk-cli-proc-');
    dirs.push(dir);
    const exec = promisify(execFile);
    const main = path.resolve('electron/cli/main.ts');
    const refused = await exec(process.execPath, ['--import', 'tsx', main, 'profiles', 'add', '--secret', 'x'], { env: { ...process.env } }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('never taken from the command line') });
    const listed = await exec(process.execPath, ['--import', 'tsx', main, 'profiles', 'list', '--data-dir', dir]);
    expect(listed.stdout).toMatch(/^ID\s+NAME/);
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(true);
  });
});

describe('cli: Ctrl-C ends a sync that a server stalls (finding 1)', () => {
  it('a SIGINT while a body stalls ends the process with the run cancelled, long before the 30 s deadline', async () => {
    const { startSandbox } = await import('../../../../electron/sandbox/index');
    const { startHostileServer } = await import('../../../fixtures/hostile-server');
    const sandbox = await startSandbox({ seed: 3, borrowers: 6 });
    const hostile = await startHostileServer({ upstream: new URL(sandbox.tokenUrl).origin });
    const data = tempDir('desk-cli-sigint-');
    dirs.push(data);
    try {
      const cli = (args: string[], input?: string) => {
        const child = execFile(process.execPath, ['bin/symetrisk-desk.mjs', ...args, '--data-dir', data]);
        if (input !== undefined) child.stdin!.end(input);
        let stdout = '';
        child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
        const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
        return { child, exited, stdout: () => stdout };
      };
      const add = cli(['profiles', 'add', '--name', 'Stall', '--environment', 'custom', '--client-id', sandbox.clientId, '--token-url', hostile.tokenUrl, '--api-base-url', hostile.apiBaseUrl, '--secret-stdin'], sandbox.clientSecret);
      expect(await add.exited).toBe(0);
      // The bank's customer list: the documented relationship list carries no org numbers.
      const follow = cli(['follow', ...sandbox.control.customerList(), '--profile', 'stall']);
      expect(await follow.exited).toBe(0);
      hostile.set('stall-body', { where: /\/accounting-data\// });
      const sync = cli(['sync', '--profile', 'stall']);
      await hostile.waitForHits(1);
      sync.child.kill('SIGINT');
      expect(await sync.exited).toBe(1);
      expect(sync.stdout()).toContain('Sync cancelled');
    } finally {
      await hostile.close();
      await sandbox.close();
    }
  });
});

describe('cli: a secret typed as an argument never reaches a log (finding 9)', () => {
  const exec = promisify(execFile);
  const canary = 'CANARY-9f2c41-not-a-secret';
  /** Every file under `dir` whose text contains the canary. */
  const holding = (dir: string): string[] =>
    fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => { const p = path.join(dir, f); return fs.statSync(p).isFile() && fs.readFileSync(p, 'utf8').includes(canary); }) : [];

  it('bin/symetrisk-desk.mjs runs the CLI without npm: the argument is refused and written nowhere', async () => {
    const cache = tempDir('desk-npm-cache-');
    const data = tempDir('desk-cli-bin-');
    dirs.push(cache, data);
    const env = { ...process.env, npm_config_cache: cache };
    const refused = await exec(process.execPath, ['bin/symetrisk-desk.mjs', 'profiles', 'add', '--data-dir', data, `--secret=${canary}`], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('never taken from the command line') });
    expect(holding(cache)).toEqual([]);
    expect(holding(data)).toEqual([]);
    const help = await exec(process.execPath, ['bin/symetrisk-desk.mjs', 'help'], { env });
    expect(help.stdout).toContain('npm logs every argument to ~/.npm/_logs before this CLI starts');
  });

  it('through npm, --logs-max=0 keeps it out of npm’s debug log; --silent does not (why the help says so)', async () => {
    const cache = tempDir('desk-npm-cache-');
    dirs.push(cache);
    const env = { ...process.env, npm_config_cache: cache };
    await exec('npm', ['run', '--logs-max=0', 'cli', '--', `--secret=${canary}`], { env }).catch(() => undefined);
    expect(holding(cache)).toEqual([]);
    await exec('npm', ['run', '--silent', 'cli', '--', `--secret=${canary}`], { env }).catch(() => undefined);
    expect(holding(cache).length).toBeGreaterThan(0);
  });
});

describe('cli: what a server sends never drives the terminal (finding 6)', () => {
  it('writes control characters from server text out as \\xNN: no carriage return can fake a "Sync ok" line', async () => {
    const { startSandbox } = await import('../../../../electron/sandbox/index');
    const { startHostileServer, HOSTILE_TEXT } = await import('../../../fixtures/hostile-server');
    const sandbox = await startSandbox({ seed: 3, borrowers: 4 });
    const hostile = await startHostileServer({ upstream: new URL(sandbox.tokenUrl).origin });
    try {
      const add = harness({ stdin: sandbox.clientSecret, tty: true });
      const args = ['profiles', 'add', '--name', 'Hostile', '--environment', 'custom', '--client-id', sandbox.clientId, '--token-url', hostile.tokenUrl, '--api-base-url', hostile.apiBaseUrl, '--secret-stdin'];
      expect(await add.run(args)).toBe(0);
      const h = harness({ dir: add.dir, credentials: add.credentials, tty: true });
      // A number the bank has no relationship with: Symetrisk's error about it carries the hostile text.
      expect(await h.run(['follow', '910000047', '--profile', 'hostile'])).toBe(0);
      hostile.set('control-chars');
      expect(await h.run(['sync', '--profile', 'hostile'])).toBe(3);
      expect(await h.run(['profiles', 'test', 'hostile'])).toBe(0);
      const all = h.stdout.text + h.stderr.text.replaceAll('\r\u001b[2K', '');
      // Symetrisk's own words in an error are cleaned like every text a server sends (shared/safe-text.ts).
      expect(all).toMatch(/bad_thing: Evil ?\[2KSync ok: 0 errors\]0;owned slx\.kcap31m/);
      // eslint-disable-next-line no-control-regex -- the characters that must never reach the terminal raw
      expect(all.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      // The bank name from /self is cleaned before it is stored; what is printed of it is plain text.
      expect(h.stdout.text).toMatch(/Connected to Symetrisk as Evil ?\[2KSync ok: 0 errors\]0;owned slx\.kcap31m/);
      expect(HOSTILE_TEXT).toContain('\r');
    } finally {
      await hostile.close();
      await sandbox.close();
    }
  });
});
