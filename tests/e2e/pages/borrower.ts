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

  /** The statement column of the chosen basis. */
  basisColumn(): Locator {
    return this.statementColumns().and(this.page.locator('[data-role="basis"]'));
  }

  /** Waits until the page shows the borrower's figures: statements, charts and history. */
  async expectFigures(): Promise<void> {
    await expect(this.page.locator('section.borrower-page[data-state="ready"]')).toBeVisible();
    await expect(this.page.getByTestId('statements')).toBeVisible();
    await expect(this.page.getByTestId('chart-results').getByRole('img')).toBeVisible();
    await expect(this.page.getByTestId('snapshot-history')).toBeVisible();
  }

  /** The statement columns' labels, left to right. */
  async statementPeriods(): Promise<string[]> {
    return (await this.statementColumns().evaluateAll((ths) => ths.map((th) => th.childNodes[0]?.textContent?.trim() ?? ''))).filter(Boolean);
  }

  /** A chart by its test id (chart-results, chart-margins, chart-equity, chart-leverage). */
  chart(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** A chart's periods as its accessible twin table lists them, left to right. */
  async chartPeriods(id: string): Promise<string[]> {
    return this.chart(id).getByTestId('chart-period').allTextContents().then((ls) => ls.map((l) => l.trim()));
  }

  /** A chart's twin table, opened. */
  async openChartTable(id: string): Promise<Locator> {
    await this.chart(id).locator('details.twin > summary').click();
    return this.chart(id).locator('details.twin table');
  }

  /** The history row of one fetched snapshot, by its local key. */
  historyRow(key: number): Locator {
    return this.page.locator(`[data-testid="history-row"][data-key="${key}"]`);
  }

  /** "Sammenlign" on a snapshot of the history. */
  async compareFromHistory(key: number): Promise<void> {
    await this.historyRow(key).getByTestId('history-compare').click();
  }

  /** Opens the covenant editor (in the covenant panel). */
  async openCovenantEditor(): Promise<void> {
    const editor = this.page.getByTestId('covenant-editor');
    if (!(await editor.evaluate((d) => (d as HTMLDetailsElement).open))) await editor.locator('summary').click();
  }

  /** Types a covenant value for a rule and saves. */
  async setCovenant(rule: string, value: string): Promise<void> {
    await this.openCovenantEditor();
    await this.page.locator(`#cov-${rule}`).fill(value);
    await this.page.getByTestId('covenants').getByRole('button', { name: /Lagre|Save/ }).click();
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

  /** The snapshots chosen as A and B (their local keys). */
  async chosenPair(): Promise<{ a: number; b: number }> {
    return { a: Number(await this.page.getByTestId('compare-a').inputValue()), b: Number(await this.page.getByTestId('compare-b').inputValue()) };
  }

  /** A line's change cell (its class and data-meaning say how it is coloured). */
  change(line: string): Locator {
    return this.table.locator(`tr[data-line="${line}"] [data-testid="compare-change"]`);
  }
}
