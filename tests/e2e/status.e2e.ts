import { test, expect } from './fixtures';

test('the app opens in the browser host and shows its status page', async ({ page, host }) => {
  await page.goto(host.url);
  // Ready: the token is in this tab's session and the router follows the address bar (a route typed before that is
  // followed too, see followEarlyAddressChanges).
  await expect(page.locator('.shell[data-ready="true"]')).toBeVisible();
  await page.goto(`${host.origin}/#/status`);
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('host')).toHaveText(/I nettleseren \(lokal tjener\)|In the browser \(local server\)/);
  await expect(page.getByTestId('data-dir')).toContainText(host.dataDir);
  // The launch token is taken out of the address bar at once.
  expect(page.url()).not.toContain('token=');
  // A reload of this tab still has the token (sessionStorage): the page's calls are not refused.
  await page.reload();
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
});
