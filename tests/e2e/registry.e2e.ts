/**
 * The registry (Brønnøysund) through the browser host: after a Demo sync the konkurs borrower is the first early
 * warning in the grid, and its page shows the status alert with its date and the registry's facts; a year with
 * filed accounts shows the reconciliation side by side with the seeded difference flagged; with the Demo's
 * sandbox stopped (Symetrisk and the registry both down) every registry fact stays on screen.
 *
 * Its own browser host and Demo data folder: the last test stops the Demo sandbox for good.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { BorrowerPage } from './pages/borrower';
import { PortfolioPage } from './pages/portfolio';
import { RegistrySection } from './pages/registry';
import { firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;
/** The Demo sandbox's origin, where its control APIs (never faulted) answer. */
let sandboxOrigin: string;
let roles: Record<string, string>;
/** What the analyst read of the registry on two borrower pages while everything was up. */
const seen = new Map<string, string>();

const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function demoOrigin(): Promise<string> {
  const res = await fetch(`${host.origin}/api/call/connections:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
    body: JSON.stringify({}),
  });
  const env = (await res.json()) as { value: { id: string; apiBaseUrl: string }[] };
  return new URL(env.value.find((p) => p.id === 'demo')!.apiBaseUrl).origin;
}

test('after a Demo sync the konkurs borrower is the first early warning, and its page shows the alert and the facts', async ({ page }) => {
  const app = await firstDemoSync(page, host);
  sandboxOrigin = await demoOrigin();
  roles = (await (await fetch(`${sandboxOrigin}/_control/registry/roles`)).json()) as Record<string, string>;
  expect(roles.bankrupt).toMatch(/^\d{9}$/);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.showOnlyBorrowersNeedingAttention();
  // Most urgent first: a status alert of the registry above any breach, konkurs above every other status.
  await portfolio.sortDescendingBy('flags');
  await expect.poll(() => portfolio.firstOrgNr()).toBe(roles.bankrupt);
  expect((await portfolio.statusAlertsOf(portfolio.rows.first()))[0]).toBe('Konkurs');
  const second = portfolio.rows.nth(1);
  expect((await portfolio.statusAlertsOf(second)).length).toBe(1);
  // The registry's columns: industry at NACE division level with its name, the legal form.
  await portfolio.showColumn('industry');
  await portfolio.showColumn('legalForm');
  const headers = await page.getByRole('columnheader').allInnerTexts();
  const industryCell = portfolio.rows.first().getByRole('gridcell').nth(headers.findIndex((h) => h.includes('Næring')));
  await expect(industryCell).toHaveText(/^\d{2} \S/);
  await app.screenshot('r1-portfolio-status-first');

  await portfolio.openFirstRow();
  const borrower = new BorrowerPage(page);
  await borrower.expectBorrower(spaced(roles.bankrupt!));
  const registry = new RegistrySection(page);
  await expect(registry.alerts.first()).toHaveAttribute('data-alert', 'bankruptcy');
  await expect(registry.alerts.first()).toContainText(/Konkurs fra \d{2}\.\d{2}\.\d{4}/);
  await registry.expectFactsShown();
  await expect(page.getByTestId('registry-orgform')).toHaveText(/^ASA? \(/);
  await expect(page.getByTestId('registry-industry')).toHaveText(/^\d{2} \S/);
  await expect(page.getByTestId('registry-vat')).toHaveText('Ja');
  await expect(page.getByTestId('registry-founded')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  // The alert is above everything else on the page: the first panel after the borrower's name.
  const top = await page.locator('.page > .panel').first().getAttribute('data-testid');
  expect(top).toBe('registry-panel');
  seen.set(roles.bankrupt!, await registry.text());
  await app.screenshot('r2-borrower-bankrupt');
});

test('a year with filed accounts is reconciled side by side, and the seeded difference is flagged', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, `/borrower/${roles.differs}`);
  const registry = new RegistrySection(page);
  const year = registry.firstYearWith('differs');
  await expect(year).toBeVisible();
  await expect(year.getByTestId('reconciliation-status')).toHaveText('Avvik mot innsendt årsregnskap');
  const revenue = year.locator('tr[data-line="revenues"]');
  await expect(revenue.locator('td.result')).toHaveText('Avvik mot innsendt årsregnskap');
  await expect(year.locator('tr[data-line="total_assets"] td.result')).toHaveText('Innenfor toleransen');
  await expect(page.getByTestId('ebitda-not-reconcilable')).toContainText('EBITDA kan ikke avstemmes');
  await expect(page.getByTestId('registry-peers')).toContainText(/låntakere i porteføljen/);
  seen.set(roles.differs!, await registry.text());
  await app.screenshot('r3-reconciliation');

  await app.open(host, `/borrower/${roles.late}`);
  await expect(page.locator('[data-testid="reconciliation-note"][data-note="published_after_deadline"]').first()).toContainText('Innsendt for sent');

  await app.open(host, '/settings');
  await expect(page.getByTestId('registry-enabled')).toBeChecked();
  await expect(page.getByTestId('registry-setting')).toContainText('Hent fra Brønnøysundregistrene');

  await app.open(host, '/notifications');
  const konkurs = page.getByTestId('notification').filter({ hasText: /Konkurs fra/ });
  await expect(konkurs).toHaveCount(1);
  await expect(konkurs.getByRole('cell').nth(3)).toHaveText('Status i Enhetsregisteret');
});

// Last: the Demo sandbox is stopped for good.
test('with Symetrisk and the registry both stopped, every registry fact stays on screen', async ({ page }) => {
  const stop = await fetch(`${sandboxOrigin}/_control/stop-listening`, { method: 'POST' });
  expect(stop.ok).toBe(true);
  await expect(fetch(`${sandboxOrigin}/enhetsregisteret/api/enheter/${roles.bankrupt}`)).rejects.toThrow();

  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  await app.expectOffline();
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.showOnlyBorrowersNeedingAttention();
  await portfolio.sortDescendingBy('flags');
  await expect.poll(() => portfolio.firstOrgNr()).toBe(roles.bankrupt);

  for (const orgNr of [roles.bankrupt!, roles.differs!]) {
    await app.open(host, `/borrower/${orgNr}`);
    const registry = new RegistrySection(page);
    await registry.expectFactsShown();
    await expect(registry.analysis).toBeVisible();
    expect(await registry.text()).toBe(seen.get(orgNr));
  }
  await app.screenshot('r4-offline-registry');
});
