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

  /** Opens the first row's borrower by its name (a row's revision flag is a link too, to compare). */
  async openFirstRow(): Promise<void> {
    await this.rows.first().getByRole('gridcell').first().getByRole('link').click();
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

  /** Waits until every row is read (the list's first screen comes first). */
  async expectComplete(): Promise<void> {
    await expect(this.page.locator('section[data-complete="true"]')).toBeVisible();
  }

  /** Chooses a basis in the switch and waits until every row is on it. */
  async chooseBasis(choice: 'ltm' | 'last_financial_year' | 'ytd' | 'annualised'): Promise<void> {
    await this.page.getByTestId(`basis-${choice}`).check({ force: true });
    await expect(this.page.locator(`section[data-basis="${choice}"][data-complete="true"]`)).toBeVisible();
  }

  /** A borrower's row, found by searching for its org number (the grid renders only the rows in view). */
  async findRow(orgNr: string): Promise<Locator> {
    await this.searchFor(orgNr);
    const row = this.page.locator(`[data-testid="grid-row"][data-org-nr="${orgNr}"]`);
    await expect(row).toBeVisible();
    return row;
  }

  /** A cell of a row by its column id. */
  cell(row: Locator, columnId: string): Locator {
    return row.locator(`[data-col="${columnId}"]`);
  }

  /** The flag of a revised year to date, which opens the comparison of its two versions. */
  revisedFlag(row: Locator): Locator {
    return row.getByTestId('flag-revised');
  }
}
