import { test, expect } from './fixtures';

test('the app opens in the browser host and shows its status page', async ({ page, host }) => {
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/status`);
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('host')).toHaveText(/Nettleservert|Browser host/);
  await expect(page.getByTestId('data-dir')).toContainText(host.dataDir);
  // The launch token is taken out of the address bar at once.
  expect(page.url()).not.toContain('token=');
});
