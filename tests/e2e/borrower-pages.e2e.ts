/**
 * Issue 17's findings on the borrower page and compare, through the browser host after a Demo sync: both screens fit
 * 1280 and 1440 px wide windows (nothing runs off the side, no select cuts off its text) in Norwegian and English,
 * with no word of the other language and no raw code, bad input on the covenant form refused in words; screenshots
 * of each for review (tests/e2e/screenshots/17-*); chart titles that match their series, axes in NOK 1 000 or MNOK
 * with the unit; statements and charts in one period order; a restated row's "Sammenlign" and every
 * "Omarbeidet"/"Korrigert" chip open the two versions; a lower cost shown as good news.
 *
 * Its own browser host and Demo data folder: the other files expect a first run.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { BorrowerPage, ComparePage } from './pages/borrower';
import { SyncPage } from './pages/sync';
import { languageProblems, layoutProblems } from './screen-checks';
import { callHost, firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

/** What this test reads of portfolio:list and sync:status (the e2e project does not load shared/). */
interface Revision {
  kind: 'restatement' | 'interim_revision';
  beforeKey: number;
  afterKey: number;
}
interface Row {
  orgNr: string;
  name: string;
  figures: Record<string, number | null>;
  latest: { snapshotKey: number; daysIncluded: number } | null;
  revisions: Revision[];
}
interface SyncStatus {
  running: boolean;
  lastRun: { id: number; outcome: string } | null;
}

const WINDOWS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const LANGUAGES = ['nb', 'en'] as const;

let host: RunningHost;
/** A borrower with a restated closed year, and that restatement. */
let restated: { row: Row; revision: Revision };

const call = <T>(channel: string, input: unknown): Promise<T> => callHost<T>(host, channel, input);

/** The analyst's language (Settings), and the app opened again on a route to show it. */
async function useLanguage(app: AppShell, lang: 'nb' | 'en', route: string): Promise<void> {
  await call('settings:update', { language: lang });
  await app.open(host, route);
  await expect(app.page.locator('html')).toHaveAttribute('lang', lang);
}

async function demoControl(): Promise<string> {
  const profiles = await call<{ id: string; apiBaseUrl: string }[]>('connections:list', undefined);
  const demo = profiles.find((p) => p.id === 'demo');
  if (!demo) throw new Error('no Demo profile');
  return `${new URL(demo.apiBaseUrl).origin}/_control`;
}

/** The amounts of a chart's twin table, as numbers (the cells read "7 139 678", "−1 370", "–"). */
async function twinAmounts(borrower: BorrowerPage, id: string): Promise<number[]> {
  const table = await borrower.openChartTable(id);
  const cells = await table.locator('tbody td').allTextContents();
  return cells.map((c) => Number(c.replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-'))).filter((n) => Number.isFinite(n));
}

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('after a Demo sync, a borrower with a restated year is at hand', async ({ page }) => {
  await firstDemoSync(page, host);
  const rows = await call<Row[]>('portfolio:list', { profileId: 'demo' });
  // About one company in eight restates a closed year in the Demo world (docs/sandbox.md).
  const row = rows.find((r) => r.revisions.some((x) => x.kind === 'restatement'));
  expect(row, 'a Demo borrower with a restatement').toBeDefined();
  restated = { row: row!, revision: row!.revisions.find((x) => x.kind === 'restatement')! };
});

test('at 1280 and 1440 px, in Norwegian and English, the borrower page and compare fit the window and speak the screen’s language', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppShell(page);
  const borrower = new BorrowerPage(page);
  const compare = new ComparePage(page);
  const { row, revision } = restated;
  for (const lang of LANGUAGES) {
    for (const size of WINDOWS) {
      await page.setViewportSize(size);
      const tag = `${lang}-${size.width}`;

      await useLanguage(app, lang, `/borrower/${row.orgNr}`);
      await borrower.expectFigures();
      expect(await layoutProblems(page), `borrower page ${tag}`).toEqual([]);
      expect(await languageProblems(page, lang), `borrower page ${tag}`).toEqual([]);
      await app.screenshot(`17-borrower-${tag}`);

      // Bad input on the covenant form: refused beside the field, in the screen's language, nothing saved.
      await borrower.setCovenant('nibd_to_ebitda_max', 'fire');
      await expect(page.getByTestId('cov-nibd_to_ebitda_max-problem')).toBeVisible();
      await expect(page.getByTestId('covenants-refused')).toBeVisible();
      await expect(page.locator('#cov-nibd_to_ebitda_max')).toHaveAttribute('aria-invalid', 'true');
      expect(await layoutProblems(page), `covenant form refused ${tag}`).toEqual([]);
      expect(await languageProblems(page, lang), `covenant form refused ${tag}`).toEqual([]);
      await expect(borrower.ruleRow(lang === 'nb' ? 'Høyeste NIBD / EBITDA' : 'Maximum NIBD / EBITDA')).toContainText(lang === 'nb' ? 'Porteføljegrense' : 'Portfolio limit');

      // Compare as it opens, with a query it cannot use (it falls back to its defaults), and the two versions.
      await app.open(host, `/borrower/${row.orgNr}/compare?a=abc&b=999999999&mode=sideways`);
      await compare.expectComparison();
      await expect(page.getByTestId('compare-default')).toBeVisible();
      expect(await layoutProblems(page), `compare ${tag}`).toEqual([]);
      expect(await languageProblems(page, lang), `compare ${tag}`).toEqual([]);
      // The comparison's mode lines up with the period selects (issue 17: "the Modus box is misaligned"): its left
      // edge under theirs, its choices side by side on one row.
      const modeBox = (await page.getByTestId('compare-mode').boundingBox())!;
      const selectBox = (await page.getByTestId('compare-a').boundingBox())!;
      expect(Math.abs(modeBox.x - selectBox.x), `mode box aligned ${tag}`).toBeLessThanOrEqual(1);
      expect(modeBox.y, `mode box below the selects ${tag}`).toBeGreaterThanOrEqual(selectBox.y + selectBox.height);
      const choiceTops = await page.getByTestId('compare-mode').locator('.segmented label').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
      expect(new Set(choiceTops).size, `mode choices on one row ${tag}`).toBe(1);
      await app.screenshot(`17-compare-${tag}`);

      await app.open(host, `/borrower/${row.orgNr}/compare?a=${revision.beforeKey}&b=${revision.afterKey}&mode=raw`);
      await compare.expectComparison();
      await expect(compare.revision()).toHaveAttribute('data-kind', 'restatement');
      expect(await layoutProblems(page), `compare of two versions ${tag}`).toEqual([]);
      expect(await languageProblems(page, lang), `compare of two versions ${tag}`).toEqual([]);
      await app.screenshot(`17-compare-versions-${tag}`);
    }
  }
  await useLanguage(app, 'nb', '/portfolio');
  await page.setViewportSize(WINDOWS[1]);
});

test('chart titles match their series, the value axes carry their unit (NOK 1 000 or MNOK), and statements and charts run oldest to newest alike', async ({ page }) => {
  const app = new AppShell(page);
  const borrower = new BorrowerPage(page);
  await app.open(host, `/borrower/${restated.row.orgNr}`);
  await borrower.expectFigures();

  // Each chart says what it plots, and its axis what unit it counts in.
  const charts = {
    'chart-results': ['Driftsinntekter, EBITDA og resultat før skatt per periode', ['Driftsinntekter', 'EBITDA', 'Resultat før skatt']],
    'chart-margins': ['EBITDA-margin, driftsmargin og resultatmargin før skatt per periode', ['EBITDA-margin', 'Driftsmargin', 'Resultatmargin før skatt']],
    'chart-equity': ['Egenkapitalandel per periode', ['Egenkapitalandel']],
    'chart-leverage': ['NIBD / EBITDA og rentebærende gjeld / egenkapital per periode', ['NIBD / EBITDA', 'Rentebærende gjeld / egenkapital']],
  } as const;
  for (const [id, [title, series]] of Object.entries(charts)) {
    await expect(borrower.chart(id).locator('figcaption')).toHaveText(title);
    const table = await borrower.openChartTable(id);
    await expect(table.locator('tbody th')).toHaveText([...series]);
  }
  await expect(borrower.chart('chart-margins')).toHaveAttribute('data-axis-title', 'Prosent');
  await expect(borrower.chart('chart-equity')).toHaveAttribute('data-axis-title', 'Prosent');
  await expect(borrower.chart('chart-leverage')).toHaveAttribute('data-axis-title', 'Ganger (x)');
  // Whole kroner in Settings: the axis in MNOK from NOK 10 million, else NOK 1 000; never whole kroner.
  const largest = Math.max(...(await twinAmounts(borrower, 'chart-results')).map(Math.abs));
  await expect(borrower.chart('chart-results')).toHaveAttribute('data-axis-title', largest >= 10_000_000 ? 'Beløp i MNOK' : 'Beløp i NOK 1 000');
  await expect(borrower.chart('chart-results').getByRole('img')).toHaveAttribute('aria-label', /^Driftsinntekter, EBITDA og resultat før skatt per periode \(Beløp i (MNOK|NOK 1 000)\)/);
  await expect(borrower.chart('chart-results').locator('thead th').first()).toHaveText('Beløp i NOK');

  // One period order: the statements' columns end oldest to newest, and each chart's periods are columns, in that order.
  const ends = await borrower.statementColumns().evaluateAll((ths) => ths.map((th) => th.getAttribute('data-end') ?? ''));
  expect(ends).toEqual([...ends].sort());
  const columns = await borrower.statementPeriods();
  for (const id of Object.keys(charts)) {
    const periods = await borrower.chartPeriods(id);
    expect(periods.length, id).toBeGreaterThan(0);
    const at = periods.map((p) => columns.indexOf(p));
    expect(at.every((i) => i >= 0), `${id}: ${periods.join(' | ')} among ${columns.join(' | ')}`).toBe(true);
    expect(at, id).toEqual([...at].sort((a, b) => a - b));
  }
  // The newest periods are in view at once: the statements open scrolled to their right end.
  const scroll = page.getByTestId('statements-scroll');
  await expect.poll(() => scroll.evaluate((el) => Math.ceil(el.scrollLeft + el.clientWidth) >= el.scrollWidth)).toBe(true);
  // The history lists the periods the same way, oldest first.
  const historyEnds = await page.getByTestId('history-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-end') ?? ''));
  expect(historyEnds).toEqual([...historyEnds].sort());

  // NOK 1 000 in Settings: the axis and the twin table in NOK 1 000.
  await call('settings:update', { amountFormat: 'nok_thousands' });
  await app.open(host, `/borrower/${restated.row.orgNr}`);
  await borrower.expectFigures();
  await expect(borrower.chart('chart-results')).toHaveAttribute('data-axis-title', 'Beløp i NOK 1 000');
  await expect(borrower.chart('chart-results').locator('thead th').first()).toHaveText('Beløp i NOK 1 000');
  await app.screenshot('17-borrower-thousands');
  await call('settings:update', { amountFormat: 'nok' });
});

test('a restated row’s “Sammenlign”, and every Omarbeidet chip on the page, open the two versions of the period', async ({ page }) => {
  const app = new AppShell(page);
  const borrower = new BorrowerPage(page);
  const compare = new ComparePage(page);
  const { row, revision } = restated;
  const versions = { a: revision.beforeKey, b: revision.afterKey };
  const opensTheVersions = async () => {
    await compare.expectComparison();
    await expect(page).toHaveURL(new RegExp(`/borrower/${row.orgNr}/compare\\?a=${revision.beforeKey}&b=${revision.afterKey}&mode=raw`));
    expect(await compare.chosenPair()).toEqual(versions);
    await expect(compare.revision()).toHaveAttribute('data-kind', 'restatement');
    await expect(compare.revision()).toContainText(`(regnskapsuttrekk`);
  };

  // In the history: the restated version against the earlier one, not against the latest year to date.
  await app.open(host, `/borrower/${row.orgNr}`);
  await borrower.expectFigures();
  await expect(borrower.historyRow(revision.afterKey).getByTestId('history-compare')).toHaveText('Sammenlign med forrige versjon');
  await borrower.compareFromHistory(revision.afterKey);
  await opensTheVersions();
  await app.screenshot('17-compare-restated-from-history');

  // The replaced version's own "Sammenlign", and its "Erstattet" tag, open the same two.
  await app.open(host, `/borrower/${row.orgNr}`);
  await borrower.expectFigures();
  await expect(borrower.historyRow(revision.beforeKey).getByTestId('history-compare')).toHaveText('Sammenlign med versjonen som erstattet den');
  await borrower.historyRow(revision.beforeKey).getByTestId('snapshot-replaced').click();
  await opensTheVersions();

  // The chips: on the revision panel, in the covenant panel's flags, on a statement column built from the restated year.
  for (const chip of ['revision-chip', 'flag-revision', 'column-revision']) {
    await app.open(host, `/borrower/${row.orgNr}`);
    await borrower.expectFigures();
    const first = page.getByTestId(chip).first();
    await expect(first, chip).toHaveText('Omarbeidet');
    await first.click();
    await compare.expectComparison();
    await expect(compare.revision(), chip).toHaveAttribute('data-kind', 'restatement');
    expect(await compare.chosenPair(), chip).toEqual(versions);
  }
});

test('colour by meaning: a revised year to date with lower costs shows the lower cost as good news, the lower revenue as bad', async ({ page }) => {
  const rows = await call<Row[]>('portfolio:list', { profileId: 'demo' });
  const target = rows.find((r) => r.latest && r.latest.daysIncluded < 365 && r.revisions.length === 0 && r.orgNr !== restated.row.orgNr)!;
  expect(target).toBeDefined();
  const res = await fetch(`${await demoControl()}/revise-ytd`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ orgNr: target.orgNr, revenueChange: -0.02, expenseChange: -0.1 }),
  });
  expect(res.status).toBe(200);

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

  const borrower = new BorrowerPage(page);
  await app.open(host, `/borrower/${target.orgNr}`);
  await borrower.expectFigures();
  const chip = page.getByTestId('revision-chip').first();
  await expect(chip).toHaveText('Korrigert');
  await chip.click();
  const compare = new ComparePage(page);
  await compare.expectComparison();
  await expect(compare.revision()).toHaveAttribute('data-kind', 'interim_revision');

  // Operating expenses fell: a decrease, shown with its minus sign, coloured as good news.
  await expect(compare.change('expenses')).toHaveText(/^\u2212/);
  await expect(compare.change('expenses')).toHaveAttribute('data-meaning', 'good');
  await expect(compare.change('expenses')).toHaveClass(/\bpos\b/);
  // Revenue fell too: bad news, red.
  await expect(compare.change('revenues')).toHaveText(/^\u2212/);
  await expect(compare.change('revenues')).toHaveAttribute('data-meaning', 'bad');
  await expect(compare.change('revenues')).toHaveClass(/\bneg\b/);
  // The banner's before-and-after lines are coloured by the same rule.
  await expect(compare.revision().locator('[data-testid="revision-line"][data-line="expenses"] td').last()).toHaveClass(/\bpos\b/);
  await expect(compare.revision().locator('[data-testid="revision-line"][data-line="revenues"] td').last()).toHaveClass(/\bneg\b/);
  await app.screenshot('17-compare-lower-costs');
});
