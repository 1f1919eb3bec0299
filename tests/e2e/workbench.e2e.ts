/**
 * The analyst's day with the Demo profile, through the browser host: first run, sync, find a borrower that needs
 * attention, compare its snapshots, request access, export a pack, and keep browsing while Symetrisk is down.
 * The tests share one host (and its data folder) and run in order, as one session would.
 */
import ExcelJS from 'exceljs';
import { test, expect, type RunningHost } from './fixtures';
import { AccessPage } from './pages/access';
import { AppShell } from './pages/app';
import { BorrowerPage, ComparePage } from './pages/borrower';
import { ExportPage } from './pages/export';
import { PortfolioPage } from './pages/portfolio';
import { SettingsPage } from './pages/settings';
import { SyncPage } from './pages/sync';
import { WelcomePage } from './pages/welcome';

test.describe.configure({ mode: 'serial' });

const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

/** The Demo sandbox's control API (its own, never faulted), found through the Demo profile's API URL. */
async function demoControl(host: RunningHost): Promise<string> {
  const res = await fetch(`${host.origin}/api/call/connections:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
    body: JSON.stringify({}),
  });
  const env = (await res.json()) as { ok: boolean; value: { id: string; apiBaseUrl: string }[] };
  const demo = env.value.find((p) => p.id === 'demo');
  if (!demo) throw new Error('no Demo profile');
  return `${new URL(demo.apiBaseUrl).origin}/_control`;
}

test('first run: the analyst chooses the Demo and syncs, watching the progress', async ({ page, host }) => {
  const app = new AppShell(page);
  await app.open(host);
  const welcome = new WelcomePage(page);
  await welcome.expectShown();
  await app.screenshot('01-welcome');
  await welcome.chooseDemo();

  const sync = new SyncPage(page);
  await expect(sync.root).toBeVisible();
  await sync.startSync();
  await expect(sync.progress).toBeVisible();
  await expect(page.getByTestId('sync-phase')).not.toBeEmpty();
  expect(await sync.waitUntilFinished()).toMatch(/ok|partial/);
  await expect(sync.lastRunOutcome()).toBeVisible();
  await expect(page.getByTestId('strip-last-sync')).not.toHaveText(/aldri|never/);
  await app.expectOnline();
  await app.screenshot('02-sync');
});

test('the analyst filters the grid down to a flagged borrower and opens it', async ({ page, host }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  const all = await portfolio.rowCount();
  await app.screenshot('03-portfolio');
  // Every column header on one line, also with a larger default font (the analyst's browser or OS setting).
  expect(await portfolio.wrappedHeaders()).toEqual([]);
  await page.evaluate(() => (document.documentElement.style.fontSize = '20px'));
  expect(await portfolio.wrappedHeaders()).toEqual([]);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));

  await portfolio.showOnlyBorrowersNeedingAttention();
  await expect.poll(() => portfolio.rowCount()).toBeLessThan(all);
  // The list as shown (flagged only, sorted by name) exported as a plain table and read back.
  const needingAttention = await portfolio.rowCount();
  const listFile = await (await portfolio.exportList()).path();
  const list = new ExcelJS.Workbook();
  await list.xlsx.readFile(listFile);
  const sheet = list.worksheets[0]!;
  const names = await portfolio.rows.evaluateAll((rs) => rs.map((r) => r.querySelector('[role="gridcell"]')?.textContent?.trim() ?? ''));
  const exportedNames: string[] = [];
  sheet.eachRow((r) => exportedNames.push(r.getCell(1).text));
  // A title row and the header, then exactly the rows the grid holds, in its order.
  expect(exportedNames.length - 2).toBe(needingAttention);
  expect(exportedNames.slice(2, 2 + names.length)).toEqual(names);
  // Each flagged row's flags in words, in the analyst's language: no stored code, no English (issue 17).
  const header = sheet.getRow(2).values as unknown[];
  const flagsAt = header.findIndex((v) => v === 'Flagg');
  expect(flagsAt, `a Flagg column among ${header.join(' | ')}`).toBeGreaterThan(0);
  const flagTexts: string[] = [];
  sheet.eachRow((r, i) => {
    if (i > 2) flagTexts.push(r.getCell(flagsAt).text);
  });
  expect(flagTexts.length).toBe(needingAttention);
  expect(flagTexts.filter((f) => f.trim() === '' || /[a-z]+_[a-z]+|\b(the|and|of|stale|breach|missing|old|liquidation)\b/i.test(f))).toEqual([]);
  await app.screenshot('03b-portfolio-exported');
  const flagged = await portfolio.firstOrgNr();
  expect(flagged).toMatch(/^\d{9}$/);
  // Quick search by number, typed as the analyst reads it off a letter.
  await portfolio.searchFor(spaced(flagged));
  await expect.poll(() => portfolio.rowCount()).toBe(1);
  await expect(portfolio.rows.first().getByRole('gridcell').nth(1)).toHaveText(spaced(flagged));
  await portfolio.openFirstWithKeyboard();

  const borrower = new BorrowerPage(page);
  await borrower.expectBorrower(spaced(flagged));
  await expect(page.getByTestId('borrower-flags')).toBeVisible();
  await expect(page.getByTestId('chart-results').getByRole('img')).toHaveAttribute('aria-label', /.+/);
  await expect(page.getByTestId('statements')).toBeVisible();
  await app.screenshot('04-borrower');
});

test('the analyst compares two snapshots of a borrower', async ({ page, host }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  // Borrowers that approved access have accounting data, hence snapshots to compare.
  await portfolio.filterByRelationship('access_approved');
  await portfolio.openFirstRow();
  const borrower = new BorrowerPage(page);
  await expect(borrower.name).toBeVisible();
  await borrower.openCompare();
  const compare = new ComparePage(page);
  await compare.expectComparison();
  await expect(page.getByTestId('compare-default')).toBeVisible();
  await compare.chooseMode('annualised');
  await expect(page).toHaveURL(/mode=annualised/);
  await compare.expectComparison();
  await app.screenshot('05-compare');
});

test('the analyst requests access for a valid and an invalid org number', async ({ page, host }) => {
  const app = new AppShell(page);
  await app.open(host, '/access');
  const access = new AccessPage(page);
  await access.pasteOrgNumbers(['923 609 016', '923609017']);
  // Checked live, line by line, with the reason.
  await expect(access.lineChecks).toHaveCount(2);
  await expect(access.lineChecks.nth(0)).toHaveAttribute('data-valid', 'true');
  await expect(access.lineChecks.nth(1)).toHaveAttribute('data-valid', 'false');
  await expect(access.lineChecks.nth(1)).toContainText(/MOD11/);
  await access.enterBankContact('kreditt@demo-sparebank.no');
  await access.send();
  await expect(access.results).toHaveCount(2);
  await expect(access.results.nth(1)).toHaveAttribute('data-ok', 'false');
  await app.screenshot('06-access');
});

test('the analyst sets the bank’s classification, exports a pack and the download opens with it on every page', async ({ page, host }) => {
  const app = new AppShell(page);
  await app.open(host, '/settings');
  await new SettingsPage(page).setClassification('Fortrolig – underlagt taushetsplikt');
  await app.goTo(/Eksport|Export/);
  const exporter = new ExportPage(page);
  await exporter.exportAll();
  await expect(exporter.root).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('export-path')).toContainText('.xlsx');
  await app.screenshot('07-export');
  const download = await exporter.download();
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.length).toBeGreaterThan(1);
  for (const sheet of wb.worksheets) {
    expect(sheet.headerFooter.oddFooter, sheet.name).toMatch(/Side &P av &N.*Fortrolig – underlagt taushetsplikt$/);
    expect(sheet.pageSetup.paperSize).toBe(9);
  }
});

// Last on purpose: the Demo sandbox is stopped for good (nothing answers over HTTP to start it again).
test('with Symetrisk down, the analyst sees it and keeps browsing the cache', async ({ page, host }) => {
  const control = await demoControl(host);
  // Symetrisk is gone: the Demo sandbox stops listening (connection refused), as a server that is down.
  const stop = await fetch(`${control}/stop-listening`, { method: 'POST' });
  expect(stop.ok).toBe(true);
  await expect(fetch(`${control}/now`)).rejects.toThrow();

  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  await app.expectOffline();
  await expect(app.reachability).toHaveText(/utilgjengelig|not reachable/i);
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  expect(await portfolio.rowCount()).toBeGreaterThan(0);
  await portfolio.filterByRelationship('access_approved');
  await portfolio.openFirstRow();
  const borrower = new BorrowerPage(page);
  await expect(borrower.name).toBeVisible();
  await expect(page.getByTestId('statements')).toBeVisible();
  await app.screenshot('08-offline-borrower');
  await borrower.openCompare();
  await new ComparePage(page).expectComparison();
  // Checking again still finds Symetrisk down, and says so.
  await app.checkReachabilityAgain();
  await app.expectOffline();
  await app.goTo(/Varsler|Notifications/);
  await expect(page.getByRole('heading', { level: 1, name: /Varsler|Notifications/ })).toBeVisible();
  await app.screenshot('09-notifications');
  await app.goTo(/Innstillinger|Settings/);
  await expect(page.getByTestId('profile-demo')).toBeVisible();
  // "Start a fresh cache" asks first and says the old file is kept aside; declined, nothing changes.
  page.once('dialog', (d) => {
    expect(d.message()).toMatch(/legges til side|kept aside/);
    void d.dismiss();
  });
  await page.getByTestId('fresh-cache-demo').click();
  await expect(page.getByTestId('fresh-cache-result')).toHaveCount(0);
  await expect(page.getByTestId('thr-rule-equity_ratio_min')).toBeVisible();
  await app.screenshot('10-settings');
});
