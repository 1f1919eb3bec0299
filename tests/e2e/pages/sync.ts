import { expect, type Locator, type Page } from '@playwright/test';

export class SyncPage {
  readonly root: Locator;
  readonly progress: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-page');
    this.progress = page.getByRole('progressbar');
  }

  async startSync(): Promise<void> {
    await this.page.getByTestId('sync-start').click();
  }

  /** Waits for the run to end on its own and returns how it went. */
  async waitUntilFinished(): Promise<string> {
    await expect(this.root).toHaveAttribute('data-state', /^(ok|partial|failed|cancelled)$/, { timeout: 45_000 });
    return (await this.root.getAttribute('data-state')) ?? '';
  }

  lastRunOutcome(): Locator {
    return this.page.getByTestId('last-run-outcome');
  }
}
