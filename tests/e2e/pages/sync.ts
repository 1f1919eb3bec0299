import { expect, type Locator, type Page } from '@playwright/test';

export class SyncPage {
  readonly root: Locator;
  readonly progress: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-page');
    this.progress = page.getByRole('progressbar');
  }

  /**
   * Starts a sync and waits until the page shows that run (its id), so that the outcome of the run before it, still
   * on the page at the click, is never taken for this one's.
   */
  async startSync(): Promise<void> {
    const before = (await this.root.getAttribute('data-run-id')) ?? '';
    await this.page.getByTestId('sync-start').click();
    await expect(this.root).not.toHaveAttribute('data-run-id', before, { timeout: 15_000 });
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
