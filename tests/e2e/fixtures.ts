/**
 * Fixtures for the end-to-end suite:
 * - `host`: a real browser host (`tsx electron/host/cli.ts`, what `npm run web` runs after building) with a fresh
 *   data folder per test file, started as a child process; its URL carries the launch token.
 * - `page`: fails the test on any console error, uncaught page error or CSP violation.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startWebHost(extraEnv: Record<string, string> = {}): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const child: ChildProcess = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['electron/host/cli.ts', '--port', '0', '--data-dir', dataDir],
    { cwd: root, env: { ...process.env, SYMETRISK_DESK_CHECK_OUTPUT: '1', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open: (\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}) before it was ready:\n${output}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ page: Page; consoleProblems: string[] }, { host: RunningHost }>({
  host: [
    async ({}, use) => {
      const host = await startWebHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  consoleProblems: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, consoleProblems }, use) => {
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleProblems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
    await use(page);
    expect(consoleProblems, 'no console errors, page errors or CSP violations').toEqual([]);
  },
});

export { expect };
