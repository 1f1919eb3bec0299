import { expect, type Locator, type Page, type Download } from '@playwright/test';

export class ExportPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('export-page');
  }

  async exportAll(): Promise<void> {
    await this.page.getByTestId('export-start').click();
    await expect(this.root).toHaveAttribute('data-state', /^(ok|failed|cancelled)$/, { timeout: 45_000 });
  }

  async download(): Promise<Download> {
    const waiting = this.page.waitForEvent('download');
    await this.page.getByTestId('export-download').click();
    return waiting;
  }
}
