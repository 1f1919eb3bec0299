import { expect, type Locator, type Page } from '@playwright/test';

/** The portfolio's section of relationships at Symetrisk that no org number keys yet, with the attach flow. */
export class UnlinkedSection {
  readonly root: Locator;
  readonly summary: Locator;
  readonly rows: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('unlinked');
    this.summary = page.getByTestId('unlinked-summary');
    this.rows = page.getByTestId('unlinked-row');
  }

  async open(): Promise<void> {
    await expect(this.root).toBeVisible();
    if ((await this.root.getAttribute('open')) === null) await this.summary.click();
    await expect(this.rows.first()).toBeVisible();
  }

  row(relationshipId: string): Locator {
    return this.page.locator(`[data-testid="unlinked-row"][data-relationship-id="${relationshipId}"]`);
  }

  /** Types (or pastes) a number into the relationship's field and asks to link it. */
  async attach(relationshipId: string, orgNr: string): Promise<void> {
    const row = this.row(relationshipId);
    await row.getByTestId('attach-input').fill(orgNr);
    await row.getByTestId('attach-button').click();
  }

  refusalOf(relationshipId: string): Locator {
    return this.row(relationshipId).getByTestId('attach-refused');
  }

  linkedMessages(): Locator {
    return this.page.getByTestId('unlinked-linked');
  }
}
