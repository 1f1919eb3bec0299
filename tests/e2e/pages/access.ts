import { expect, type Locator, type Page } from '@playwright/test';

export class AccessPage {
  readonly lineChecks: Locator;
  readonly results: Locator;
  constructor(readonly page: Page) {
    this.lineChecks = page.getByTestId('line-check');
    this.results = page.getByTestId('access-result');
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
