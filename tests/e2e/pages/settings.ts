import { expect, type Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

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
