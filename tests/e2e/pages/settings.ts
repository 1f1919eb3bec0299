import { expect, type Locator, type Page } from '@playwright/test';

/** The settings view's preferences, as the analyst fills them in. */
export class SettingsPage {
  readonly classification: Locator;
  constructor(readonly page: Page) {
    this.classification = page.getByLabel(/^(Klassifisering|Classification)$/);
  }

  /** Types the bank's classification label and saves it; waits until the field shows what was saved. */
  async setClassification(label: string): Promise<void> {
    await this.classification.fill(label);
    await this.page.getByTestId('classification-form').getByRole('button', { name: /Lagre|Save/ }).click();
    await expect(this.page.getByTestId('classification-form').getByRole('alert')).toHaveCount(0);
    await expect(this.classification).toHaveValue(label.trim());
  }
}
