// Browser tests: Debian's chromium (no browser download), headless, against scripts/serve.mjs.
// Run with `npx playwright test` (the README's test command does it too).

import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.HEDGEMARK_TEST_PORT || 4173);
const CHROMIUM = process.env.HEDGEMARK_CHROMIUM || "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/browser",
  testMatch: /.*\.spec\.mjs$/,
  outputDir: "test-results/playwright",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    acceptDownloads: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/www/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
