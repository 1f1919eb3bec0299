import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { PortfolioPage } from '../e2e/pages/portfolio';
import { SyncPage } from '../e2e/pages/sync';
import { WelcomePage } from '../e2e/pages/welcome';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = electronBinary();

/** The built app (out/main/main.cjs) on a fresh data folder, with its first window and the console errors it logs. */
async function launchApp(): Promise<{ app: ElectronApplication; page: Page; problems: string[]; userData: string }> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [path.join(root, 'out/main/main.cjs')],
    env: { ...process.env, NODE_ENV: 'production', SYMETRISK_DESK_DATA: userData },
  });
  const problems: string[] = [];
  const page = await app.firstWindow();
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  return { app, page, problems, userData };
}

test.describe('desktop app (Playwright _electron)', () => {
  test.skip('reason' in binary, 'reason' in binary ? `Skipped: ${binary.reason}.` : '');

  test('opens, shows the status page, and nothing is reachable from the page but window.api', async () => {
    const { app, page, problems, userData } = await launchApp();
    await page.goto('app://desk/index.html#/status');
    await expect(page.getByTestId('host')).toHaveText(/Skrivebordsapp|Desktop app/);
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>)['require'],
      process: typeof (globalThis as Record<string, unknown>)['process'],
      api: typeof (globalThis as Record<string, unknown>)['api'],
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
    expect(problems).toEqual([]);
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  });

  test('first run: the Demo syncs (writes in the bundled cache-writer worker) and the portfolio lists its borrowers', async () => {
    const { app, page, problems, userData } = await launchApp();
    const welcome = new WelcomePage(page);
    await welcome.expectShown();
    await welcome.chooseDemo();
    const sync = new SyncPage(page);
    await sync.startSync();
    expect(await sync.waitUntilFinished()).toBe('ok');
    await page.goto('app://desk/index.html#/portfolio');
    const portfolio = new PortfolioPage(page);
    await portfolio.expectLoaded();
    expect(await portfolio.rowCount()).toBeGreaterThan(0);
    // The sync's writes went through the worker: nothing in the log says it fell back to the main thread.
    const logs = path.join(userData, 'logs');
    const logText = fs.existsSync(logs) ? fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n') : '';
    expect(logText).not.toContain('cache-writer worker');
    expect(problems).toEqual([]);
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  });
});
