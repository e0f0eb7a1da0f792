import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (never a downloaded browser) against a real server on
 * a fresh embedded PostgreSQL with the demo data (e2e/server.mjs). `npm test` runs them.
 *
 * E2E_BASE_URL points the tests at a server that is already running (it must hold the
 * freshly loaded demo data and the admin password of e2e/server.mjs); no server is started.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const external = process.env.E2E_BASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // E2E_CPU_REPORT=<file>: each test's CPU by process kind (scripts/playwright-cpu-report.mjs)
  reporter: process.env.E2E_CPU_REPORT ? [['list'], ['./scripts/playwright-cpu-report.mjs']] : [['list']],
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    locale: 'ru-RU',
    timezoneId: 'Asia/Almaty',
    // every test saves its final screen (its whole page when it failed) as final.png through
    // the auto fixture in e2e/fixtures.ts
    screenshot: 'off',
    // A failed test keeps its trace (actions, DOM snapshots, network) but not the screencast:
    // the frames cost a quarter of the browser's CPU in every test, passing or not, and the
    // final.png above shows how the page ended.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
  ],
  webServer: external
    ? undefined
    : {
        command: 'node e2e/server.mjs',
        url: `http://127.0.0.1:${PORT}/readyz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: { E2E_PORT: String(PORT) },
        // SIGTERM lets e2e/server.mjs stop the embedded PostgreSQL cleanly
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      },
});
