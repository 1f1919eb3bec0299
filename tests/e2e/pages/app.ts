import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningHost } from '../fixtures';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** The shell every view shares: navigation, the connection strip, and a screenshot for review. */
export class AppShell {
  readonly strip: Locator;
  readonly reachability: Locator;
  constructor(readonly page: Page) {
    this.strip = page.getByTestId('connection-strip');
    this.reachability = page.getByTestId('strip-reachability');
  }

  /** Opens the app with this launch's token, as the link `npm run web` prints. */
  async open(host: RunningHost, route = ''): Promise<void> {
    await this.page.goto(host.url);
    await expect(this.page.locator('.shell[data-ready="true"]')).toBeVisible();
    if (route) await this.page.goto(`${host.origin}/#${route}`);
  }

  async goTo(name: RegExp | string): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name }).click();
  }

  async expectOnline(): Promise<void> {
    await expect(this.strip).toHaveAttribute('data-reachability', 'online');
  }

  async expectOffline(): Promise<void> {
    await expect(this.strip).toHaveAttribute('data-reachability', 'offline');
  }

  async checkReachabilityAgain(): Promise<void> {
    await this.page.getByTestId('recheck').click();
  }

  /** Saves a full-page screenshot to tests/e2e/screenshots/ (gitignored) for a human to look at. */
  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(shots, { recursive: true });
    await this.page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  }
}
