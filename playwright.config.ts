// End-to-end tests: Playwright driving Debian's Chromium through web mode against a real sshd (test/e2e).
import { defineConfig } from '@playwright/test';

/** Debian's package; Playwright's own browser builds cannot be downloaded here (docs: machine notes). */
const executablePath = '/usr/bin/chromium';
/**
 * Headless and without a sandbox come from Playwright itself. Without the background-networking
 * flags this Chromium keeps dialling services it cannot reach. Playwright gives every launch a
 * fresh profile (user-data dir) of its own, under the run's TMPDIR.
 */
const chromiumFlags = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
    launchOptions: { executablePath, args: chromiumFlags, chromiumSandbox: false },
  },
  projects: [
    { name: 'chromium', testIgnore: /noWebgl\.spec\.ts$/ },
    {
      // No WebGL in the page at all: the terminal must fall back to the DOM renderer and still show text.
      name: 'chromium-no-webgl',
      testMatch: /noWebgl\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: [...chromiumFlags, '--disable-3d-apis'], chromiumSandbox: false } },
    },
  ],
});
