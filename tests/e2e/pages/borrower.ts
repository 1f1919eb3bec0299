import { expect, type Locator, type Page } from '@playwright/test';

export class BorrowerPage {
  readonly name: Locator;
  readonly orgNr: Locator;
  constructor(readonly page: Page) {
    this.name = page.getByTestId('borrower-name');
    this.orgNr = page.getByTestId('borrower-orgnr');
  }

  async expectBorrower(orgNrSpaced: string): Promise<void> {
    await expect(this.orgNr).toHaveText(orgNrSpaced);
  }

  /** The early-warning table's row of a rule, by the rule's name. */
  ruleRow(ruleName: string): Locator {
    return this.page.getByTestId('borrower-flags').locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name: ruleName, exact: true }) });
  }

  /** Waits until the borrower's early-warning table is shown (every rule that applies is in it at once). */
  async expectRulesShown(): Promise<void> {
    await expect(this.page.getByTestId('borrower-flags').locator('tbody tr').first()).toBeVisible();
  }

  async openCompare(): Promise<void> {
    await this.page.getByTestId('open-compare').click();
  }

  /** The periods flagged as revised, with before and after in words. */
  revisionFlags(): Locator {
    return this.page.getByTestId('revision-flag');
  }

  /** From a revision flag to the comparison of its two versions. */
  async openRevisionComparison(): Promise<void> {
    await this.revisionFlags().first().getByTestId('revision-compare').click();
  }

  /** The statement columns' headers: each period with its basis label. */
  statementColumns(): Locator {
    return this.page.getByTestId('statement-column');
  }
}

export class ComparePage {
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByTestId('comparison');
  }

  async expectComparison(): Promise<void> {
    await expect(this.page.locator('section[data-state="ready"]')).toBeVisible();
    await expect(this.table).toBeVisible();
  }

  async chooseMode(mode: 'raw' | 'annualised' | 'pro_rata'): Promise<void> {
    await this.page.getByTestId(`mode-${mode}`).check({ force: true });
  }

  /** The banner of two versions of one period: its summary, and the lines that moved, before and after. */
  revision(): Locator {
    return this.page.getByTestId('revision');
  }
}
