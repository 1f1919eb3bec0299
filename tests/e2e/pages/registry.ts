import { expect, type Locator, type Page } from '@playwright/test';

/** The registry's parts of the borrower page: the status alerts and facts at the top, the reconciliation and peers lower. */
export class RegistrySection {
  readonly panel: Locator;
  readonly alerts: Locator;
  readonly facts: Locator;
  readonly analysis: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('registry-panel');
    this.alerts = page.getByTestId('registry-alert');
    this.facts = page.getByTestId('registry-facts');
    this.analysis = page.getByTestId('registry-analysis');
  }

  async expectFactsShown(): Promise<void> {
    await expect(this.facts).toBeVisible();
    await expect(this.page.getByTestId('registry-name')).not.toBeEmpty();
    await expect(this.page.getByTestId('registry-fetched')).toBeVisible();
  }

  /** A year's reconciliation block, by its financial year. */
  year(year: number | string): Locator {
    return this.page.getByTestId('reconciliation-year').and(this.page.locator(`[data-year="${year}"]`));
  }

  /** The first year whose filed accounts were reconciled with the given outcome (differs, matches, ...). */
  firstYearWith(status: string): Locator {
    return this.page.locator(`[data-testid="reconciliation-year"][data-status="${status}"]`).first();
  }

  /** What the analyst reads of the registry on the page: to compare before and after both services went down. */
  async text(): Promise<string> {
    const parts = [await this.panel.innerText(), await this.analysis.innerText()];
    return parts.join('\n');
  }
}
