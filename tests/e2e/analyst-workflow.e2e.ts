/**
 * The analyst's own work on a borrower, through the browser host: she signs as herself, writes a note, puts the
 * borrower on the watch-list with a reason and a review date, assigns it to a saksbehandler and writes the assessment
 * for the committee; after a reload all of it is there with who wrote it and when. The portfolio then shows the
 * watch-list (its filter and columns), and the list it exports has those columns.
 *
 * Its own browser host and Demo data folder: the other files expect a first run.
 */
import ExcelJS from 'exceljs';
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AnalystPanel } from './pages/analyst';
import { AppShell } from './pages/app';
import { BorrowerPage } from './pages/borrower';
import { PortfolioPage } from './pages/portfolio';
import { firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;
let orgNr: string;
/** A review date a month or so ahead, as the date field takes it. */
const reviewDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const shownDate = `${reviewDate.slice(8, 10)}.${reviewDate.slice(5, 7)}.${reviewDate.slice(0, 4)}`;
const NOTE = 'Ringte daglig leder.\nKvartalstallene kommer fredag.';
const signedBy = (name: string) => new RegExp(`${name}, \\d\\d\\.\\d\\d\\.\\d{4}`);

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the analyst signs as herself and writes a note, the watch-list entry, the saksbehandler and the assessment; a reload keeps them', async ({ page }) => {
  const app = await firstDemoSync(page, host);

  await app.goTo(/Innstillinger|Settings/);
  await page.getByLabel('Navn på notater og vurderinger').fill('Kari Nordmann');
  await page.getByTestId('analyst-name-form').getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByTestId('analyst-name-saved')).toContainText('«Kari Nordmann»');

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.filterByRelationship('access_approved');
  orgNr = await portfolio.firstOrgNr();
  await portfolio.openFirstRow();
  await expect(new BorrowerPage(page).name).toBeVisible();

  const panel = new AnalystPanel(page);
  await panel.expectReady();
  await expect(panel.root).toContainText('Alt her signeres «Kari Nordmann»');
  // A recommendation without its rationale is said beside the field, and nothing is saved.
  await panel.root.getByTestId('rec-approve').check();
  await panel.root.getByTestId('assessment-save').click();
  await expect(panel.root.getByText('En anbefaling trenger en begrunnelse: skriv en kommentar.')).toBeVisible();
  await expect(panel.assessmentStatus).toHaveText('Ingen vurdering ennå.');

  await panel.writeNote(NOTE);
  await panel.putOnWatchList('Svak likviditet etter tap i 3. kvartal', reviewDate);
  await panel.assignTo('Ola Hansen');
  await panel.assess('approve_with_conditions', 'God drift, men svak likviditet.\nEgenkapitalen er styrket.', 'Kvartalsvis rapportering.\nIngen utbytte før lånet er nedbetalt.');
  await app.screenshot('analyst-01-panel');

  await page.reload();
  await panel.expectReady();
  await expect(panel.notes).toHaveCount(1);
  await expect(panel.notes.first().getByTestId('note-text')).toHaveText(NOTE);
  await expect(panel.notes.first().getByTestId('note-meta')).toContainText(signedBy('Skrevet av Kari Nordmann'));
  await expect(panel.watchStatus).toContainText(/På overvåkingslisten siden \d\d\.\d\d\.\d{4} \d\d:\d\d \(Kari Nordmann\)\./);
  await expect(panel.watchStatus).toContainText(`Neste gjennomgang ${shownDate}`);
  await expect(panel.watchStatus).toContainText('Svak likviditet etter tap i 3. kvartal');
  await expect(panel.assignmentStatus).toContainText('Tildelt Ola Hansen.');
  await expect(panel.assignmentStatus).toContainText(signedBy('Kari Nordmann'));
  await expect(panel.assessmentStatus).toContainText('Anbefaling: Innvilges med vilkår.');
  await expect(panel.assessmentStatus).toContainText(signedBy('Sist lagret av Kari Nordmann'));
  await expect(panel.assessmentStatus).toContainText('(versjon 1)');
  await expect(panel.root.getByLabel(/^Kommentar$/)).toHaveValue('God drift, men svak likviditet.\nEgenkapitalen er styrket.');
  await expect(panel.root.getByLabel(/^Vilkår$/)).toHaveValue('Kvartalsvis rapportering.\nIngen utbytte før lånet er nedbetalt.');

  // A second version of the assessment keeps the first in its history.
  await panel.assess('approve_with_conditions', 'God drift, men svak likviditet.\nEgenkapitalen er styrket etter emisjonen.', 'Kvartalsvis rapportering.\nIngen utbytte før lånet er nedbetalt.');
  await expect(panel.assessmentStatus).toContainText('(versjon 2)');
  await panel.root.getByTestId('assessment').getByText('Historikk (2)').click();
  await expect(panel.root.getByTestId('assessment').locator('.history li')).toHaveCount(2);
});

test('the portfolio shows the watch-list, and the list it exports has the chosen workflow columns', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await expect(page.getByTestId('watch-count')).toContainText('1 på overvåkingslisten, 0 med forfalt gjennomgang');
  await page.getByTestId('watched-only').check();
  await expect.poll(() => portfolio.rowCount()).toBe(1);
  expect(await portfolio.firstOrgNr()).toBe(orgNr);

  await portfolio.showColumns(['watch', 'watchReason', 'assignedTo', 'latestNote']);
  const row = portfolio.rows.first();
  await expect(row).toContainText(shownDate);
  await expect(row).toContainText('Ola Hansen');
  await expect(row).toContainText('Ringte daglig leder.');
  await app.screenshot('analyst-02-portfolio');

  const file = await (await portfolio.exportList()).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(2).values as unknown[]).slice(1);
  const col = (label: string) => header.indexOf(label) + 1;
  for (const label of ['Overvåkes, gjennomgang', 'Grunn til overvåking', 'Saksbehandler', 'Siste notat']) expect(header).toContain(label);
  const data = sheet.getRow(3);
  expect(data.getCell(col('Overvåkes, gjennomgang')).value).toEqual(new Date(`${reviewDate}T00:00:00Z`));
  expect(data.getCell(col('Grunn til overvåking')).value).toBe('Svak likviditet etter tap i 3. kvartal');
  expect(data.getCell(col('Saksbehandler')).value).toBe('Ola Hansen');
  expect(data.getCell(col('Siste notat')).value).toBe(NOTE);
});
