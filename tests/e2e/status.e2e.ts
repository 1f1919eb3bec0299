import { test, expect } from './fixtures';

test('the app opens in the browser host and shows its status page', async ({ page, host }) => {
  await page.goto(host.url);
  // The app has taken the launch token (into this tab's session) once it is ready; only then leave the page.
  await expect(page.locator('.shell[data-ready="true"]')).toBeVisible();
  await page.goto(`${host.origin}/#/status`);
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('host')).toHaveText(/Nettleservert|Browser host/);
  await expect(page.getByTestId('data-dir')).toContainText(host.dataDir);
  // The launch token is taken out of the address bar at once.
  expect(page.url()).not.toContain('token=');
});
