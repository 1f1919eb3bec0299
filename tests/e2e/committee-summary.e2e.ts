/**
 * The print view of a borrower's committee summary: the analyst opens it from the borrower page, and the page
 * prints, as the browser's print does, to one A4 page whose text holds the borrower, the key figures as the page
 * shows them and the assessment. Printed by Chromium (page.pdf) and read back with poppler's pdftotext.
 *
 * Its own browser host and Demo data folder: the other files expect a first run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { BorrowerPage } from './pages/borrower';
import { PortfolioPage } from './pages/portfolio';
import { SummaryPage } from './pages/summary';
import { firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;
let orgNr: string;
let dir: string;

/** pdftotext's text of a PDF in reading order (a column at a time), and its page count. */
function pdfText(file: string): { text: string; pages: number } {
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}
/** Text as a PDF reader gives it: no-break and thin spaces as spaces, runs of spaces as one. */
const flat = (s: string) => s.replace(/[\u00a0\u202f\s]+/g, ' ').trim();

test.beforeAll(async () => {
  host = await startWebHost();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-summary-'));
});
test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the analyst syncs the Demo and opens the committee summary from a borrower with accounts', async ({ page }) => {
  const app = await firstDemoSync(page, host);

  await app.open(host, '/portfolio');
  const portfolio = new PortfolioPage(page);
  await portfolio.expectLoaded();
  await portfolio.sortAscendingBy('equity_ratio');
  orgNr = await portfolio.firstOrgNr();
  await portfolio.openFirstRow();
  await new BorrowerPage(page).expectRulesShown();
  await page.getByTestId('open-summary').click();
  const summary = new SummaryPage(page);
  await summary.expectShown();
  await expect(page).toHaveURL(new RegExp(`#/borrower/${orgNr}/summary$`));
  await expect(summary.printButton).toBeEnabled();
  await expect(summary.printButton).toHaveText('Skriv ut / lagre som PDF');
  await app.screenshot('summary-view');
});

test('printed to PDF it is one A4 page with the borrower, its key figures and the assessment, and no app chrome', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, `/borrower/${orgNr}/summary`);
  const summary = new SummaryPage(page);
  await summary.expectShown();
  const borrower = await summary.text('summary-borrower');
  const figures = await summary.keyFigures();
  const assessment = await summary.text('summary-assessment');
  expect(figures.size).toBe(9);
  expect(figures.get('Driftsinntekter')).toMatch(/\d/);

  const file = path.join(dir, 'summary.pdf');
  await summary.printToPdf(file);
  const { text, pages } = pdfText(file);
  expect(pages).toBe(1);
  const printed = flat(text);
  expect(printed).toContain('Sammendrag for kredittkomiteen');
  expect(printed).toContain(flat(borrower));
  expect(printed).toContain(`${orgNr.slice(0, 3)} ${orgNr.slice(3, 6)} ${orgNr.slice(6)}`);
  for (const [label, value] of figures) {
    expect(printed, label).toContain(flat(label));
    expect(printed, `${label}: ${value}`).toContain(flat(value));
  }
  // The assessment as shown: the recommendation (none yet in a fresh Demo) and the assessment text.
  expect(printed).toContain('Vurdering og anbefaling');
  for (const line of assessment.split('\n').map(flat).filter(Boolean)) expect(printed).toContain(line);
  expect(printed).toContain('Signering');
  expect(printed).toContain('Beslutning (kredittkomiteen)');
  // The print CSS leaves the app's own chrome out.
  expect(printed).not.toContain('Skriv ut / lagre som PDF');
  expect(printed).not.toContain('Symetrisk Desk');
  // Nothing printed smaller than 8 pt: poppler's boxes of every word are at least 8 pt high less the leading.
  const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const heights = [...boxes.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
  expect(heights.length).toBeGreaterThan(50);
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(8);
});
