import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

// End-to-end tests drive the browser host (`npm run web`'s server) in Debian's Chromium. The renderer must be
// built first (npm test does it; alone: `npm run build && npm run test:e2e`).
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.e2e\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '.artifacts',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1440, height: 900 },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    trace: 'retain-on-failure',
  },
});
