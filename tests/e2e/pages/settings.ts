import { expect, type Locator, type Page } from '@playwright/test';

/** The settings view, as the analyst fills it in: preferences and the early-warning thresholds. */
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

  /** Unticks a rule's switch beside its limit (the limit itself is kept). */
  async switchOffRule(rule: string): Promise<void> {
    await this.page.getByTestId(`thr-on-${rule}`).uncheck();
    await expect(this.page.getByTestId(`thr-rule-${rule}`)).toHaveAttribute('data-enabled', 'false');
  }

  /** Saves the thresholds and waits until the app says they are kept. */
  async saveThresholds(): Promise<void> {
    await this.page.getByTestId('thresholds-save').click();
    await expect(this.page.getByTestId('thresholds-saved')).toBeVisible();
  }
}
