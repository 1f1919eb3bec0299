/**
 * Issue 15's "done when" through the browser host after a Demo sync: every borrower with EBITDA ≤ 0 and net debt
 * carries a leverage breach in the grid and on its page (n.m. with its reason, never a pass), a loss-maker with net
 * cash none; figures say their basis and the basis switch changes it; a revised year to date made through the Demo
 * sandbox's control API (POST /_control/revise-ytd) is flagged in the grid and on the borrower page, and one click
 * on the flag opens the comparison of its two versions; a rule switched off shows nowhere.
 *
 * Its own browser host and Demo data folder: the other files expect a first run.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { BorrowerPage, ComparePage } from './pages/borrower';
import { PortfolioPage } from './pages/portfolio';
import { SettingsPage } from './pages/settings';
import { SyncPage } from './pages/sync';
import { callHost, firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

// What the analyst reads (shared/analysis/rules.ts): the rule as a covenant row, and its breach as a flag.
const LEVERAGE = 'Høyeste NIBD / EBITDA';
const LEVERAGE_BREACH = 'NIBD / EBITDA over kravet';

/** What this test reads of portfolio:list and sync:status (the e2e project does not load shared/). */
interface Row {
  orgNr: string;
  name: string;
  figures: Record<string, number | null>;
  basis: { label: { nb: string } } | null;
  latest: { daysIncluded: number } | null;
  revisions: unknown[];
}
interface SyncStatus {
  running: boolean;
  lastRun: { id: number; outcome: string } | null;
}

let host: RunningHost;
/** Borrowers whose LTM EBITDA is zero or below with net debt, and with net cash. */
let withDebt: Row[] = [];
let withCash: Row[] = [];

/** A channel of the browser host, as the window calls it (the test's own look at what the list holds). */
const call = <T>(channel: string, input: unknown): Promise<T> => callHost<T>(host, channel, input);

/** The Demo sandbox's control API (its own, never faulted), found through the Demo profile's API URL. */
async function demoControl(): Promise<string> {
  const profiles = await call<{ id: string; apiBaseUrl: string }[]>('connections:list', undefined);
  const demo = profiles.find((p) => p.id === 'demo');
  if (!demo) throw new Error('no Demo profile');
  return `${new URL(demo.apiBaseUrl).origin}/_control`;
}

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('after a Demo sync, every borrower with EBITDA ≤ 0 and net debt shows a leverage breach in the grid, n.m. with the reason', async ({ page }) => {
  const app = await firstDemoSync(page, host);

  const rows = await call<Row[]>('portfolio:list', { profileId: 'demo' });
  const lossMaking = rows.filter((r) => (r.figures['ebitda'] ?? 1) <= 0);
  withDebt = lossMaking.filter((r) => (r.figures['net_interest_bearing_debt'] ?? 0) > 0);
  withCash = lossMaking.filter((r) => (r.figures['net_interest_bearing_debt'] ?? 0) <= 0);
  // The Demo world places a loss-maker with net debt and one with net cash (docs/sandbox.md).
  expect(withDebt.length).toBeGreaterThan(0);
  expect(withCash.length).toBeGreaterThan(0);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.expectComplete();
  for (const b of withDebt) {
    const row = await portfolio.findRow(b.orgNr);
    expect(await portfolio.breachesOf(row), b.name).toContain(LEVERAGE_BREACH);
    await expect(portfolio.cell(row, 'nibd_to_ebitda')).toHaveText('n.m.');
    await expect(portfolio.cell(row, 'nibd_to_ebitda')).toHaveAttribute('title', /EBITDA er (negativ|null)/);
    // Every figure states its basis: LTM where it exists, the fallback named where it does not.
    // (The cell says it short, "12 mnd 21.11.2026"; its title says it in full.)
    await expect(portfolio.cell(row, 'basis').locator('[title]')).toHaveAttribute('title', /Siste 12 mnd per|annualisert/);
  }
  for (const b of withCash) {
    const row = await portfolio.findRow(b.orgNr);
    expect(await portfolio.breachesOf(row), b.name).not.toContain(LEVERAGE_BREACH);
    await expect(portfolio.cell(row, 'nibd_to_ebitda')).toHaveText('n.m.');
    await expect(portfolio.cell(row, 'nibd_to_ebitda')).toHaveAttribute('title', /netto kontanter/);
  }
  await portfolio.searchFor('');
  await app.screenshot('15-grid-ltm');
});

test('on its page the leverage covenant reads n.m. and breach on the LTM basis, the chart marks the period, and what cannot be computed is said', async ({ page }) => {
  const app = new AppShell(page);
  for (const [i, b] of withDebt.entries()) {
    await app.open(host, `/borrower/${b.orgNr}`);
    const borrower = new BorrowerPage(page);
    await borrower.expectRulesShown();
    const row = borrower.ruleRow(LEVERAGE);
    await expect(row).toContainText('Brudd');
    await expect(row).toContainText('n.m.');
    await expect(row).toContainText('Siste tolv måneder');
    // The statements show the figures on the chosen basis (the newest, at the right), labelled as the grid labels them.
    await expect(borrower.basisColumn()).toHaveText(new RegExp(b.basis!.label.nb.replace(/[().×/]/g, '\\$&')));
    if (i === 0) {
      await expect(page.getByTestId('chart-leverage')).not.toHaveAttribute('data-gaps', '0');
      await expect(page.getByTestId('not-computable')).toContainText('Likviditetsgrad 1 og 2');
      await app.screenshot('15-borrower-loss-maker');
    }
  }
  const cash = withCash[0]!;
  await app.open(host, `/borrower/${cash.orgNr}`);
  const borrower = new BorrowerPage(page);
  await borrower.expectRulesShown();
  await expect(borrower.ruleRow(LEVERAGE)).toContainText('Oppfylt');
  await expect(borrower.ruleRow(LEVERAGE)).toContainText('netto kontanter');
});

test('the basis switch: on the year to date the grid labels the periods HiÅ, and back on LTM', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.chooseBasis('ytd');
  // The cell says the basis short ("HiÅ 30.09.2026"), its title in full.
  await expect(portfolio.rows.locator('[data-col="basis"]').filter({ hasText: /^HiÅ \d{2}\.\d{2}\.\d{4}/ }).first()).toBeVisible();
  await expect(portfolio.rows.locator('[data-col="basis"] [title*="(HiÅ)"]').first()).toBeVisible();
  await app.screenshot('15-grid-ytd');
  await portfolio.chooseBasis('ltm');
  await expect(portfolio.rows.locator('[data-col="basis"] [title*="Siste 12 mnd per"]').first()).toBeVisible();
});

test('a revised year to date from the sandbox’s control API is flagged in the grid and on the page, and opens the two versions', async ({ page }) => {
  // A borrower whose latest snapshot is a year to date; the control API fetches that window again, revised.
  const rows = await call<Row[]>('portfolio:list', { profileId: 'demo' });
  const target = rows.find((r) => r.latest && r.latest.daysIncluded < 365 && r.revisions.length === 0 && !withDebt.some((d) => d.orgNr === r.orgNr))!;
  expect(target).toBeDefined();
  const res = await fetch(`${await demoControl()}/revise-ytd`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ orgNr: target.orgNr }) });
  expect(res.status).toBe(200);
  const revised = (await res.json()) as { itemId: number; revisedItemId: number };

  // The analyst syncs again; the run is done when the app says its last run is a newer one.
  const before = await call<SyncStatus>('sync:status', { profileId: 'demo' });
  const app = new AppShell(page);
  await app.open(host, '/sync');
  await new SyncPage(page).startSync();
  await expect
    .poll(async () => {
      const s = await call<SyncStatus>('sync:status', { profileId: 'demo' });
      return !s.running && (s.lastRun?.id ?? 0) > (before.lastRun?.id ?? 0) ? s.lastRun!.outcome : 'running';
    }, { timeout: 45_000 })
    .toMatch(/ok|partial/);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  const row = await portfolio.findRow(target.orgNr);
  const flag = await portfolio.revisedFlag(row);
  await expect(flag).toHaveText('Korrigert');
  await expect(flag).toHaveAttribute('title', /Korrigert hittil i år .*driftsinntekter/);
  await flag.click();

  const compare = new ComparePage(page);
  await compare.expectComparison();
  await expect(page).toHaveURL(new RegExp(`/borrower/${target.orgNr}/compare\\?`));
  await expect(compare.revision()).toHaveAttribute('data-kind', 'interim_revision');
  await expect(compare.revision()).toContainText(`(regnskapsuttrekk ${revised.itemId} → ${revised.revisedItemId})`);
  await expect(compare.revision().getByTestId('revision-line').filter({ hasText: 'Driftsinntekter' })).toHaveCount(1);
  // Ratio changes between the versions are in percentage points.
  await expect(compare.table.locator('tr[data-line="ebitda_margin"] td[data-unit="pp"]')).toContainText('pp');
  await app.screenshot('15-compare-revision');

  await app.open(host, `/borrower/${target.orgNr}`);
  const borrower = new BorrowerPage(page);
  await expect(borrower.revisionFlags().first()).toContainText('Korrigert hittil i år');
  // The replaced version stays in the provenance.
  await expect(page.getByTestId('snapshot-replaced').first()).toBeVisible();
  await borrower.openRevisionComparison();
  await compare.expectComparison();
  await expect(compare.revision()).toContainText(`(regnskapsuttrekk ${revised.itemId} → ${revised.revisedItemId})`);
});

test('with the leverage rule switched off it shows nowhere: not in the grid, not on the page', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/settings');
  const settings = new SettingsPage(page);
  await settings.switchOffRule('nibd_to_ebitda_max');
  await settings.saveThresholds();

  const b = withDebt[0]!;
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  const row = await portfolio.findRow(b.orgNr);
  expect(await portfolio.breachesOf(row)).not.toContain(LEVERAGE_BREACH);
  await app.open(host, `/borrower/${b.orgNr}`);
  const borrower = new BorrowerPage(page);
  await borrower.expectRulesShown();
  await expect(borrower.ruleRow(LEVERAGE)).toHaveCount(0);
});
