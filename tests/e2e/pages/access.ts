import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class AccessPage {
  readonly lineChecks: Locator;
  readonly results: Locator;
  readonly history: Locator;
  constructor(readonly page: Page) {
    this.lineChecks = page.getByTestId('line-check');
    this.results = page.getByTestId('access-result');
    this.history = page.getByTestId('access-history-row');
  }

  /** Every answer kept for a number, newest first. */
  historyOf(orgNr: string): Locator {
    return this.page.locator(`[data-testid="access-history-row"][data-org-nr="${orgNr}"]`);
  }

  /** The signup links as a CSV file for a mail merge, offered as a download in the browser host. */
  async exportLinks(): Promise<Download> {
    await this.page.getByTestId('access-export-links').click();
    await expect(this.page.getByTestId('access-links-result')).toBeVisible();
    const waiting = this.page.waitForEvent('download');
    await this.page.getByTestId('access-links-download').click();
    return waiting;
  }

  async pasteOrgNumbers(lines: string[]): Promise<void> {
    await this.page.getByLabel(/Organisasjonsnumre|Org numbers/).fill(lines.join('\n'));
  }

  async enterBankContact(email: string): Promise<void> {
    await this.page.getByLabel(/Bankens kontakt-e-post|Bank contact email/).fill(email);
  }

  async send(): Promise<void> {
    await this.page.getByTestId('access-send').click();
    await expect(this.page.getByTestId('access-results')).toBeVisible();
  }
}
