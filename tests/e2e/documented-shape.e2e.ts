/**
 * The Demo in the documented shape (the relationship list carries no org numbers), as a bank starts: its customer
 * list followed, a first sync that shows keyed borrowers with data at once, the relationships the list does not name
 * shown as not linked; one is attached by typing its number, and after the next sync its data shows; another by a
 * number Enhetsregisteret proposes for its name. The followed
 * numbers Symetrisk does not know are named with the reason; access requests keep every answer, with links to copy
 * and to export as a CSV file for a mail merge.
 *
 * Its own browser host and Demo data folder: the other files expect a first run.
 */
import fs from 'node:fs';
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AccessPage } from './pages/access';
import { AppShell } from './pages/app';
import { BorrowerPage } from './pages/borrower';
import { FollowedPage } from './pages/followed';
import { PortfolioPage } from './pages/portfolio';
import { SyncPage } from './pages/sync';
import { UnlinkedSection } from './pages/unlinked';
import { WelcomePage } from './pages/welcome';

test.describe.configure({ mode: 'serial' });

interface Truth {
  orgNr: string;
  relationshipId: string;
  state: string;
  accountingItems: number;
}

let host: RunningHost;
let control: string;

const spaced = (nr: string) => `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6)}`;

/** The Demo sandbox's control API (its own, never faulted), found through the Demo profile's API URL. */
async function demoControl(): Promise<string> {
  const res = await fetch(`${host.origin}/api/call/connections:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
    body: JSON.stringify({}),
  });
  const env = (await res.json()) as { value: { id: string; apiBaseUrl: string }[] };
  return `${new URL(env.value.find((p) => p.id === 'demo')!.apiBaseUrl).origin}/_control`;
}
const get = async <T>(p: string): Promise<T> => (await (await fetch(`${control}${p}`)).json()) as T;

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the first sync shows the keyed borrowers with data and the unlinked relationships; one attached by its number shows its data after the next sync', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host);
  await new WelcomePage(page).chooseDemo();
  const sync = new SyncPage(page);
  await sync.startSync();
  expect(await sync.waitUntilFinished()).toBe('ok');
  await expect(page.getByTestId('last-run-relationships')).toContainText(/4 ikke koblet/);

  control = await demoControl();
  const truth = await get<Truth[]>('/truth');
  const customers = new Set(await get<string[]>('/customer-list'));
  const unlisted = truth.filter((t) => !customers.has(t.orgNr));
  expect(unlisted).toHaveLength(4);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await expect(page.locator('section[data-complete="true"]')).toBeVisible();
  expect(await portfolio.rowCount()).toBe(truth.length - unlisted.length);
  const unlinked = new UnlinkedSection(page);
  await expect(unlinked.summary).toContainText('(4)');
  await unlinked.open();
  await expect(unlinked.rows).toHaveCount(4);
  await app.screenshot('20-unlinked');

  const target = unlisted.find((t) => t.state === 'access_approved' && t.accountingItems > 0)!;
  const other = unlisted.find((t) => t.relationshipId !== target.relationshipId)!;
  // Another relationship's number: Symetrisk answers that other one, so nothing is linked, and the row says why.
  await unlinked.attach(target.relationshipId, other.orgNr);
  await expect(unlinked.refusalOf(target.relationshipId)).toContainText('hører til en annen relasjon');
  await expect(unlinked.rows).toHaveCount(4);
  // Its own number, as a person reads it off a letter.
  await unlinked.attach(target.relationshipId, spaced(target.orgNr));
  await expect(unlinked.linkedMessages()).toContainText(spaced(target.orgNr));
  await expect(unlinked.rows).toHaveCount(3);
  await app.screenshot('21-attached');

  await app.open(host, '/sync');
  await sync.startSync();
  expect(await sync.waitUntilFinished()).toBe('ok');
  await expect(page.getByTestId('last-run-relationships')).toContainText(/3 ikke koblet/);

  await app.open(host, '/portfolio');
  await portfolio.expectLoaded();
  await portfolio.searchFor(spaced(target.orgNr));
  await expect.poll(() => portfolio.rowCount()).toBe(1);
  await portfolio.openFirstRow();
  const borrower = new BorrowerPage(page);
  await borrower.expectBorrower(spaced(target.orgNr));
  await expect(page.getByTestId('statements')).toBeVisible();
  await app.screenshot('22-attached-borrower');

  // Another one by its name: Enhetsregisteret proposes the units of that name, the analyst picks one, and it is
  // linked only through the same check as a typed number.
  const byName = unlisted.find((t) => t.relationshipId !== target.relationshipId)!;
  await app.open(host, '/portfolio');
  await portfolio.expectLoaded();
  await unlinked.open();
  const row = unlinked.row(byName.relationshipId);
  await row.getByTestId('find-org-nr').click();
  const proposal = row.locator(`[data-testid="proposal"][data-org-nr="${byName.orgNr}"]`);
  await expect(proposal).toBeVisible();
  await expect(row.getByTestId('registry-proposals')).toContainText('Søkt på');
  await app.screenshot('23-proposals');
  await proposal.getByTestId('choose-proposal').click();
  await expect(row.getByTestId('attach-input')).toHaveValue(byName.orgNr);
  await expect(row.getByTestId('attach-input')).toBeFocused();
  await row.getByTestId('attach-button').click();
  await expect(unlinked.linkedMessages()).toContainText(spaced(byName.orgNr));
  await expect(unlinked.rows).toHaveCount(2);
});

test('the followed numbers Symetrisk does not know are named with the reason in words', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/followed');
  const followed = new FollowedPage(page);
  const truth = await get<Truth[]>('/truth');
  const unknown = (await get<string[]>('/customer-list')).filter((o) => !truth.some((t) => t.orgNr === o));
  await expect(followed.unknownRows).toHaveCount(unknown.length);
  for (const o of unknown) {
    await expect(followed.unknownRows.filter({ hasText: spaced(o) })).toContainText('Symetrisk har ingen relasjon med dette organisasjonsnummeret');
    await expect(followed.row(o)).toHaveAttribute('data-check', 'not_found');
  }
  await expect(followed.unknown).not.toContainText('relationship_not_found');
  await app.screenshot('23-followed-unknown');
  // From there, straight to an access request for them: the numbers are in the form.
  await page.getByTestId('followed-request-access').click();
  await expect(page.getByTestId('lines-summary')).toHaveText(`${unknown.length} gyldige, ingen med feil`);
});

test('every access answer is kept with its state; a link is copied and all links leave as a CSV file', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const app = new AppShell(page);
  await app.open(host, '/access');
  const access = new AccessPage(page);
  const fresh = '974760673';
  await access.pasteOrgNumbers([spaced(fresh)]);
  await access.enterBankContact('kreditt@demo-sparebank.no');
  await access.send();
  await expect(access.results.first()).toHaveAttribute('data-state', 'requested');
  const row = access.historyOf(fresh);
  await expect(row).toHaveAttribute('data-state', 'requested');
  const link = await row.getByTestId('access-history-link').inputValue();
  expect(link).toMatch(/^https:\/\/www\.symetrisk\.com\/signup\?/);
  await row.getByTestId('access-copy').click();
  await expect(row.getByTestId('access-copy')).toHaveText(/Kopiert/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const download = await access.exportLinks();
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\ufeffOrganisasjonsnummer;')).toBe(true);
  expect(csv).toContain(`${fresh};`);
  expect(csv).toContain(link);
  await app.screenshot('24-access-links');
});
