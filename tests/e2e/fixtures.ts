/**
 * Fixtures for the end-to-end suite:
 * - `host`: a real browser host (`tsx electron/host/cli.ts`, what `npm run web` runs after building) with a fresh
 *   data folder per test file, started as a child process; its URL carries the launch token.
 * - `page`: fails the test on any console error, uncaught page error or CSP violation.
 */
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnWebHost } from './web-host';

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startWebHost(extraEnv: Record<string, string> = {}): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  // Outputs are checked against the contract here, which the running app skips.
  const host = await spawnWebHost({ dataDir, env: { SYMETRISK_DESK_CHECK_OUTPUT: '1', ...extraEnv } });
  const u = new URL(host.url);
  return {
    url: host.url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    dataDir,
    stop: async () => {
      await host.stop();
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
