import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class PortfolioPage {
  readonly grid: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  constructor(readonly page: Page) {
    this.grid = page.getByTestId('portfolio-grid');
    this.rows = page.getByTestId('grid-row');
    this.search = page.getByTestId('grid-search');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.locator('section[data-state="ready"]')).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  async showOnlyBorrowersNeedingAttention(): Promise<void> {
    await this.page.getByTestId('flagged-only').check();
  }

  async filterByRelationship(state: string): Promise<void> {
    await this.page.getByTestId('state-filter').selectOption(state);
  }

  async openFirstRow(): Promise<void> {
    await this.rows.first().getByRole('link').click();
  }

  /** Sorts the grid by a column, lowest first (one click on a column the grid is not sorted by). */
  async sortAscendingBy(columnId: string): Promise<void> {
    await this.page.getByTestId(`sort-${columnId}`).click();
    await expect(this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${columnId}`) })).toHaveAttribute('aria-sort', 'ascending');
  }

  /** Sorts the grid by a column, highest first (two clicks on a column the grid is not sorted by). */
  async sortDescendingBy(columnId: string): Promise<void> {
    await this.sortAscendingBy(columnId);
    await this.page.getByTestId(`sort-${columnId}`).click();
    await expect(this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${columnId}`) })).toHaveAttribute('aria-sort', 'descending');
  }

  /** Shows an optional column (the grid's column menu). */
  async showColumn(columnId: string): Promise<void> {
    await this.page.locator('details.menu summary').click();
    await this.page.getByTestId(`col-${columnId}`).check();
    await this.page.locator('details.menu summary').click();
  }

  /** The status alerts (Brønnøysund) a row shows first in its flags cell, by name. */
  async statusAlertsOf(row: Locator): Promise<string[]> {
    return (await row.getByTestId('status-flag').allTextContents()).map((s) => s.trim());
  }

  /** The breaches a row shows in its flags cell, by name. */
  async breachesOf(row: Locator): Promise<string[]> {
    return (await row.locator('.flag.breach').allTextContents()).map((s) => s.trim());
  }

  /** Ticks columns in the "Kolonner" menu (by column id) and closes it. */
  async showColumns(ids: readonly string[]): Promise<void> {
    const menu = this.page.locator('details.menu summary');
    await menu.click();
    for (const id of ids) await this.page.getByTestId(`col-${id}`).check();
    await menu.click();
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** The headers whose label does not sit on one line (wrapped onto a second line, taller than the shortest). */
  async wrappedHeaders(): Promise<string[]> {
    return this.page.locator('[role="columnheader"] .th-btn').evaluateAll((buttons) => {
      const heights = buttons.map((b) => b.getBoundingClientRect().height);
      const single = Math.min(...heights);
      return buttons.filter((_, i) => heights[i]! > single + 1).map((b) => b.textContent?.trim() ?? '');
    });
  }

  async rowCount(): Promise<number> {
    return Number(await this.grid.getAttribute('data-rows'));
  }

  /** The org number of the first visible row. */
  async firstOrgNr(): Promise<string> {
    return (await this.rows.first().getAttribute('data-org-nr')) ?? '';
  }

  /** Keyboard path: into the grid from the search box, then Enter on the active row. */
  async openFirstWithKeyboard(): Promise<void> {
    await this.search.press('ArrowDown');
    await this.grid.press('Enter');
  }

  /** "Export this list": the grid as shown, offered as a download in the browser host. */
  async exportList(): Promise<Download> {
    await this.page.getByTestId('export-list').click();
    await expect(this.page.getByTestId('export-list-result')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
    const waiting = this.page.waitForEvent('download');
    await this.page.getByTestId('export-list-download').click();
    return waiting;
  }
}
