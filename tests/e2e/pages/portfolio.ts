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

  /**
   * Does something that asks the main side for another list (a filter, the search, a sort), and waits until the grid
   * shows its answer: the list's version moved and its first window is in.
   */
  async relisted(action: () => Promise<void>): Promise<void> {
    const before = await this.grid.getAttribute('data-list');
    await action();
    await expect(this.grid).not.toHaveAttribute('data-list', before ?? '');
    await expect(this.page.locator('section[data-complete="true"]')).toBeVisible();
  }

  async showOnlyBorrowersNeedingAttention(): Promise<void> {
    await this.relisted(() => this.page.getByTestId('flagged-only').check());
  }

  async filterByRelationship(state: string): Promise<void> {
    await this.relisted(async () => void (await this.page.getByTestId('state-filter').selectOption(state)));
  }

  /** Opens the first row's borrower by its name (a row's revision flag is a link too, to compare). */
  async openFirstRow(): Promise<void> {
    await this.rows.first().getByRole('gridcell').first().getByRole('link').click();
  }

  /** Sorts the grid by a column, lowest first (one click on a column the grid is not sorted by). */
  async sortAscendingBy(columnId: string): Promise<void> {
    await this.relisted(() => this.page.getByTestId(`sort-${columnId}`).click());
    await expect(this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${columnId}`) })).toHaveAttribute('aria-sort', 'ascending');
  }

  /** Sorts the grid by a column, highest first (two clicks on a column the grid is not sorted by). */
  async sortDescendingBy(columnId: string): Promise<void> {
    await this.sortAscendingBy(columnId);
    await this.relisted(() => this.page.getByTestId(`sort-${columnId}`).click());
    await expect(this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${columnId}`) })).toHaveAttribute('aria-sort', 'descending');
  }

  /** Shows an optional column (the grid's column menu). */
  async showColumn(columnId: string): Promise<void> {
    await this.page.locator('details.menu summary').click();
    await this.page.getByTestId(`col-${columnId}`).check();
    await this.page.locator('details.menu summary').click();
  }

  /** A row's flag count (the cell shows how many; the list is in its popover). */
  flagCount(row: Locator): Locator {
    return row.getByTestId('flag-count');
  }

  /** The flags popover, as the grid shows it for one row. */
  get flagsPopover(): Locator {
    return this.page.getByTestId('flags-popover');
  }

  /**
   * Opens a row's flags (a click on its count), reads `read` from the list, and closes it again (Escape). A row with
   * no flags has no count: nothing to read.
   */
  private async withFlags<T>(row: Locator, read: (list: Locator) => Promise<T>, none: T): Promise<T> {
    const count = this.flagCount(row);
    if ((await count.count()) === 0) return none;
    const orgNr = await row.getAttribute('data-org-nr');
    await count.click();
    const list = this.page.locator(`[data-testid="flags-popover"][data-org-nr="${orgNr}"]`);
    await expect(list).toBeVisible();
    const out = await read(list);
    await this.page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    return out;
  }

  /** The status alerts (Brønnøysund) a row lists first among its flags, by name. */
  async statusAlertsOf(row: Locator): Promise<string[]> {
    return this.withFlags(row, async (list) => (await list.getByTestId('status-flag').allTextContents()).map((s) => s.trim()), []);
  }

  /** The breaches a row lists among its flags, by name. */
  async breachesOf(row: Locator): Promise<string[]> {
    return this.withFlags(row, async (list) => (await list.locator('.flag.breach').allTextContents()).map((s) => s.trim()), []);
  }

  /** Every flag a row lists, most severe first, by name. */
  async flagsOf(row: Locator): Promise<string[]> {
    return this.withFlags(row, async (list) => (await list.locator('.flag').allTextContents()).map((s) => s.trim()), []);
  }

  /** Ticks columns in the "Kolonner" menu (by column id) and closes it. */
  async showColumns(ids: readonly string[]): Promise<void> {
    const menu = this.page.locator('details.menu summary');
    await menu.click();
    for (const id of ids) await this.page.getByTestId(`col-${id}`).check();
    await menu.click();
  }

  async searchFor(text: string): Promise<void> {
    if ((await this.search.inputValue()) === text) return;
    await this.relisted(() => this.search.fill(text));
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

  /** The flag of a revised year to date in a row's flags (its popover opened), which opens the comparison of its two versions. */
  async revisedFlag(row: Locator): Promise<Locator> {
    const orgNr = await row.getAttribute('data-org-nr');
    const list = this.page.locator(`[data-testid="flags-popover"][data-org-nr="${orgNr}"]`);
    if (!(await list.isVisible())) await this.flagCount(row).click();
    return list.getByTestId('flag-revised');
  }
}
