// End-to-end tests: Playwright driving Debian's Chromium through web mode against a real sshd (test/e2e).
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/fixtures/chromiumLaunchOptions.js';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Two cores: one browser, one web mode and one sshd at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './test/e2e/globalSetup.ts',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }], ['./test/e2e/summaryReporter.ts']],
  use: {
    headless: true,
    viewport: { width: 1200, height: 760 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'chromium', testIgnore: /noWebgl\.spec\.ts$/ },
    {
      // No WebGL in the page at all: the terminal must fall back to the DOM renderer and still show text.
      name: 'chromium-no-webgl',
      testMatch: /noWebgl\.spec\.ts$/,
      use: { launchOptions: chromiumLaunchOptions(['--disable-3d-apis']) },
    },
  ],
});
