import { defineConfig } from '@playwright/test';

// The desktop app itself, through Playwright's _electron. Needs the Electron binary and a display (xvfb-run on
// Linux CI); where the binary cannot be had, every test here reports itself skipped with the reason.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.electron\.ts$/,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '.artifacts',
});
