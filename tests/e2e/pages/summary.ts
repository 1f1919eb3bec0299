import { expect, type Locator, type Page } from '@playwright/test';

/** The print view of a borrower's committee summary (/borrower/:orgNr/summary). */
export class SummaryPage {
  readonly root: Locator;
  readonly summary: Locator;
  readonly printButton: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('summary-page');
    this.summary = page.getByTestId('committee-summary');
    this.printButton = page.getByTestId('print-summary');
  }

  async expectShown(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-state', 'ready');
    await expect(this.summary).toBeVisible();
  }

  /** The key figures as the page shows them: label → value text. */
  async keyFigures(): Promise<Map<string, string>> {
    const rows = this.page.getByTestId('summary-figures').locator('tbody tr');
    const out = new Map<string, string>();
    for (const row of await rows.all()) out.set((await row.locator('th').innerText()).trim(), (await row.locator('td').first().innerText()).trim());
    return out;
  }

  async text(testId: string): Promise<string> {
    return (await this.page.getByTestId(testId).innerText()).trim();
  }

  /** Prints the page as the browser prints it (its print CSS, A4) into a PDF. */
  async printToPdf(file: string): Promise<void> {
    await this.page.emulateMedia({ media: 'print' });
    await this.page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
    await this.page.emulateMedia({ media: 'screen' });
  }
}
