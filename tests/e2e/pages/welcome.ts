import { expect, type Page } from '@playwright/test';

export class WelcomePage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: /Velkommen|Welcome/ })).toBeVisible();
  }

  async chooseDemo(): Promise<void> {
    await this.page.getByTestId('use-demo').click();
  }
}
