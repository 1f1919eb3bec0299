/**
 * The portfolio grid at 1440 × 900 (issue 17's findings), through the browser host after a Demo sync: the default
 * view fits without a horizontal scrollbar, the name stays in view when the grid is scrolled sideways (a layout
 * assertion plus screenshots in tests/e2e/screenshots/ for review), no column twice, the unit line, the flags as a
 * count with their list on hover, click and keyboard, the quick search with ø/å/æ folded, and a saved view kept
 * across a reload.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { PortfolioPage } from './pages/portfolio';
import { callHost, firstDemoSync } from './demo';

/** What the test reads of a row from portfolio:list (the e2e project compiles apart from shared/). */
interface Row {
  orgNr: string;
  name: string;
}

/** A name as an analyst types it on a keyboard without ø, å, æ or accents (the app's own rule: shared/text-fold.ts). */
function typedWithout(name: string): string {
  return name
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 900 } });

let host: RunningHost;

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const call = <T>(channel: string, input: unknown): Promise<T> => callHost<T>(host, channel, input);

test('after a Demo sync the default view fits 1440 px, the name frozen when scrolled sideways, each column once, the unit line above', async ({ page }) => {
  const app = await firstDemoSync(page, host);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.expectComplete();

  // No horizontal scrollbar, neither the grid's nor the page's.
  const fit = await portfolio.grid.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(fit.scroll, 'the grid scrolls sideways').toBeLessThanOrEqual(fit.client);
  expect(fit.page, 'the page scrolls sideways').toBeLessThanOrEqual(fit.view);
  const headers = (await page.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  for (const label of ['Låntaker', 'Org.nr.', 'Flagg']) expect(headers).toContain(label);
  // Every header reads on one line, whole (not cut to an ellipsis), and the flags column is on screen.
  expect(await portfolio.wrappedHeaders()).toEqual([]);
  const cut = await page.locator('[role="columnheader"] .th-label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
  expect(cut).toEqual([]);
  // The org number and the basis of each row read whole too.
  const cutBasis = await page
    .locator('[data-testid="grid-row"] :is([data-col="basis"], [data-col="orgNr"])')
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(cutBasis).toEqual([]);
  const flagsHeader = await page.getByRole('columnheader').filter({ has: page.getByTestId('sort-flags') }).boundingBox();
  expect(flagsHeader!.x + flagsHeader!.width).toBeLessThanOrEqual(1440);

  // The column menu names each column once ("Oms.vekst" and "Δ Inntekter" were the same figure).
  await page.locator('details.menu summary').click();
  const offered = (await page.locator('details.menu .menu-body label').allInnerTexts()).map((s) => s.trim());
  expect(new Set(offered).size).toBe(offered.length);
  expect(offered.filter((o) => /Omsetningsvekst|Oms\.vekst|Δ Inntekter/.test(o))).toEqual(['Omsetningsvekst']);
  await page.locator('details.menu summary').click();

  // The unit line: the amounts' unit and the basis most of the list is on, with its date.
  await expect(page.getByTestId('unit-line')).toHaveText(/^Beløp i NOK( 1 000)?\. Siste 12 mnd per \d{2}\.\d{2}\.\d{4} der ikke annet er angitt\.$/);
  await app.screenshot('grid-01-default-1440');

  // Wider than the screen with every column shown: scrolled sideways, the name stays where it was.
  await portfolio.showColumns(['profit_before_tax', 'net_profit', 'equity', 'interest_cover', 'ebitdaChange', 'accountingSystem', 'latestPeriod']);
  const before = await portfolio.cell(portfolio.rows.first(), 'name').boundingBox();
  const scrolled = await portfolio.grid.evaluate((el) => {
    el.scrollLeft = 600;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  await expect.poll(async () => (await portfolio.cell(portfolio.rows.first(), 'name').boundingBox())!.x).toBe(before!.x);
  const nameHeader = await page.getByRole('columnheader').filter({ has: page.getByTestId('sort-name') }).boundingBox();
  expect(nameHeader!.x).toBe(before!.x);
  // And it is on top of the columns that slide under it, not behind them.
  const onTop = await portfolio.cell(portfolio.rows.first(), 'name').evaluate((cell) => {
    const r = cell.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width - 10, r.top + r.height / 2);
    return !!hit && cell.contains(hit);
  });
  expect(onTop).toBe(true);
  await app.screenshot('grid-02-scrolled-sideways');
});

test('a row’s flags are a count; their list opens on hover, on click and from the keyboard, most severe first', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.showOnlyBorrowersNeedingAttention();
  await portfolio.sortDescendingBy('flags');
  const row = portfolio.rows.first();
  const count = portfolio.flagCount(row);
  await expect(count).toHaveText(/^\d+$/);
  const n = Number(await count.innerText());
  expect(n).toBeGreaterThan(0);
  // The cell shows the count only, never a list of names cut off in 200 px.
  await expect(portfolio.cell(row, 'flags').locator('.flag')).toHaveCount(0);

  await count.hover();
  await expect(portfolio.flagsPopover).toBeVisible();
  await expect(portfolio.flagsPopover.locator('li')).toHaveCount(n);
  await app.screenshot('grid-03-flags');
  await page.mouse.move(5, 5);
  await expect(portfolio.flagsPopover).toBeHidden();

  const listed = await portfolio.flagsOf(row);
  expect(listed).toHaveLength(n);
  // The most severe first: with the flags column sorted, the top row's first flag is a registry status alert.
  expect((await portfolio.statusAlertsOf(row))[0]).toBe(listed[0]);

  // Keyboard: into the grid, F opens the active row's list and takes focus; Escape gives focus back to the grid.
  await portfolio.grid.focus();
  await page.keyboard.press('f');
  await expect(portfolio.flagsPopover).toBeVisible();
  await expect(portfolio.flagsPopover).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(portfolio.flagsPopover).toBeHidden();
  await expect(portfolio.grid).toBeFocused();
});

test('the quick search finds a name typed without ø, å, æ or accents', async ({ page }) => {
  const rows = await call<Row[]>('portfolio:list', { profileId: 'demo' });
  const special = rows.find((r) => /[øåæÅØÆ]/.test(r.name));
  expect(special, 'the Demo has a name with ø, å or æ').toBeDefined();
  const typed = typedWithout(special!.name.split(' ').find((w) => /[øåæÅØÆ]/.test(w))!);
  expect(typed).toMatch(/^[a-z0-9&.-]+$/);

  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.searchFor(typed);
  await expect(page.locator(`[data-testid="grid-row"][data-org-nr="${special!.orgNr}"]`)).toBeVisible();
  const names = await portfolio.rows.locator('[data-col="name"]').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(typedWithout(name).replace(/aa/g, 'a')).toContain(typed.replace(/aa/g, 'a'));
});

test('a saved view (columns, sort, filters) is chosen from the toolbar and kept across a reload', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await expect(page.getByTestId('view-select')).toHaveValue('');
  await portfolio.showOnlyBorrowersNeedingAttention();
  await portfolio.sortAscendingBy('equity_ratio');
  await portfolio.showColumns(['interest_cover']);
  await expect(page.getByTestId('view-modified')).toBeVisible();
  await page.getByTestId('view-save').click();
  await page.getByTestId('view-name').fill('Trenger oppfølging');
  await page.getByTestId('view-name-save').click();
  await expect(page.getByTestId('view-form')).toBeHidden();
  await expect(page.getByTestId('view-modified')).toBeHidden();
  const flagged = await portfolio.rowCount();

  await page.reload();
  await portfolio.expectLoaded();
  await expect(page.getByTestId('view-select').locator('option:checked')).toHaveText('Trenger oppfølging');
  await expect(page.getByTestId('flagged-only')).toBeChecked();
  await expect(page.getByRole('columnheader').filter({ has: page.getByTestId('sort-equity_ratio') })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('sort-interest_cover')).toBeVisible();
  await expect.poll(() => portfolio.rowCount()).toBe(flagged);

  // The standard view again: no filter, by name; the saved one is still offered.
  await page.getByTestId('view-select').selectOption('');
  await expect(page.getByTestId('flagged-only')).not.toBeChecked();
  await expect(page.getByTestId('sort-interest_cover')).toHaveCount(0);
  await expect(page.getByTestId('view-select').locator('option')).toHaveText(['Standardvisning', 'Trenger oppfølging']);
  // A second view of the same name is refused, in words.
  await page.getByTestId('view-save').click();
  await page.getByTestId('view-name').fill('trenger oppfølging');
  await page.getByTestId('view-name-save').click();
  await expect(page.getByTestId('view-problem')).toHaveText('Det finnes allerede en visning med dette navnet.');
});
