/**
 * Tilgang and Fulgte after a Demo sync (issue 17): "Tidligere forespørsler" follows the relationship (a request the
 * borrower approves shows as approved after the next sync), a borrower already approved is answered on the spot and
 * never logged as a request, and Fulgte counts the bank’s borrowers after the first sync, and lists each refused line on one line: line, input, reason. Both screens in
 * the screen's language, Symetrisk's own words aside.
 *
 * Its own browser host and data folder: a first run.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AccessPage } from './pages/access';
import { AppShell } from './pages/app';
import { SyncPage } from './pages/sync';
import { WelcomePage } from './pages/welcome';
import { languageFindings, report } from './walk/checker';
import { callHost } from './demo';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;
/** A number the Demo bank has no relationship with (valid MOD11). */
const FRESH = '974760673';
const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

const call = <T>(channel: string, input: unknown): Promise<T> => callHost<T>(host, channel, input);

async function demoControl(): Promise<string> {
  const profiles = await call<{ id: string; apiBaseUrl: string }[]>('connections:list', undefined);
  return `${new URL(profiles.find((p) => p.id === 'demo')!.apiBaseUrl).origin}/_control`;
}

async function syncNow(app: AppShell): Promise<void> {
  await app.open(host, '/sync');
  const sync = new SyncPage(app.page);
  await sync.startSync();
  expect(await sync.waitUntilFinished()).toMatch(/ok|partial/);
}

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('Tidligere forespørsler shows an approval after the next sync; an approved borrower is not asked again, nor logged', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host);
  await new WelcomePage(page).chooseDemo();
  await syncNow(app);
  const rows = await call<{ orgNr: string; state: string }[]>('portfolio:list', { profileId: 'demo' });
  const approved = rows.find((r) => r.state === 'access_approved')!.orgNr;
  expect(rows.some((r) => r.orgNr === FRESH)).toBe(false);

  await app.open(host, '/access');
  const access = new AccessPage(page);
  await access.pasteOrgNumbers([FRESH]);
  await access.enterBankContact('kreditt@demo-sparebank.no');
  await access.send();
  await expect(access.results.first()).toHaveAttribute('data-state', 'requested');
  await expect(access.historyOf(FRESH)).toHaveCount(1);
  await expect(access.historyOf(FRESH)).toHaveAttribute('data-state', 'requested');
  await expect(access.historyOf(FRESH).getByTestId('access-history-relationship')).toHaveCount(0);

  // The borrower finishes onboarding at Symetrisk; the next sync learns it, and the request says so.
  const control = await demoControl();
  const set = await fetch(`${control}/relationship-state`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ orgNr: FRESH, state: 'access_approved' }) });
  expect(set.ok).toBe(true);
  await syncNow(app);
  await app.open(host, '/access');
  await expect(access.historyOf(FRESH).getByTestId('access-history-relationship')).toHaveText(/·\s*Godkjent$/);

  // Asked for an approved borrower: answered here, nothing sent, nothing added to the requests.
  const before = await access.history.count();
  await access.pasteOrgNumbers([spaced(approved)]);
  await access.enterBankContact('kreditt@demo-sparebank.no');
  await access.send();
  await expect(access.results).toHaveCount(1);
  await expect(access.results.first()).toHaveAttribute('data-state', 'invalid');
  await expect(access.results.first().getByTestId('access-result-reason')).toHaveText(/^Banken har allerede tilgang til denne låntakeren/);
  await expect(access.history).toHaveCount(before);
  await expect(access.historyOf(approved)).toHaveCount(0);
  await expect(page.getByTestId('access-history')).not.toContainText(/already approved/i);
  expect(report(await languageFindings(page, 'nb'))).toEqual([]);
  await app.screenshot('17-access-approved');
});

test('Fulgte counts the bank’s borrowers after the first sync, and lists each refused line as line, input and reason side by side, in the screen’s language', async ({ page }) => {
  const app = new AppShell(page);
  // After the first sync the register holds the bank's borrowers, and its title counts them (never "Fulgte (0)").
  await app.open(host, '/followed');
  await expect(page.getByTestId('followed-row').first()).toBeVisible();
  const listed = await page.getByTestId('followed-row').count();
  await expect(page.locator('#followed-list-title')).toHaveText(`Fulgte (${listed})`);
  // At 1440 px the register's table fits its panel: every column, "Slutt å følge" included, without scrolling sideways.
  expect(await page.getByTestId('followed-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  for (const lang of ['nb', 'en'] as const) {
    await call('settings:update', { language: lang });
    await app.open(host, '/followed');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.locator('#follow-lines').fill(['923 609 016', '923609017', '12345'].join('\n'));
    await page.locator('form').getByRole('button', { name: /Følg|Follow/ }).click();
    const rejected = page.getByTestId('follow-rejected');
    await expect(rejected).toHaveCount(2);
    await expect(rejected.first()).toHaveText(lang === 'nb' ? /^Linje 2\s*923609017\s*Kontrollsifferet \(MOD11\) stemmer ikke$/ : /^Line 2\s*923609017\s*The check digit \(MOD11\) does not match$/);
    // Side by side, each part whole: the line number and the input on one line each, the reason on at most two
    // (the walk-through found one word per line). Lines counted as the text's own line boxes.
    const lines = await rejected.evaluateAll((lis) =>
      lis.map((li) => {
        const count = (sel: string): number => {
          const range = document.createRange();
          range.selectNodeContents(li.querySelector(sel)!);
          return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
        };
        return { no: count('.line-no'), input: count('.line-input'), reason: count('.line-reason') };
      }),
    );
    for (const l of lines) expect(l.no === 1 && l.input === 1 && l.reason <= 2, JSON.stringify(l)).toBe(true);
    expect(report(await languageFindings(page, lang))).toEqual([]);
    await app.screenshot(`17-followed-rejected-${lang}`);
  }
  await call('settings:update', { language: 'nb' });
});
