import react from '@vitejs/plugin-react';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** What every project on the real PostgreSQL shares (src/test/global-setup.ts starts it). */
const onPostgres: TestProjectInlineConfiguration['test'] = {
  environment: 'node',
  globalSetup: ['src/test/global-setup.ts'],
  // Hashing is not what most tests test: src/services/passwords.test.ts checks the real cost.
  env: { ACCORD_ARGON2_COST: 'test' },
  testTimeout: 30_000,
  hookTimeout: 120_000,
  pool: 'forks',
};

/**
 * Three projects: `server` (Node, real PostgreSQL) and `web` (jsdom, React components) are
 * the inner loop (`npx vitest run --project server --project web`); `slow` holds the
 * `*.slow.test.ts` files (a SIGKILL of the real server, large datasets), which `npm test`
 * runs beside the web build and the browser tests. e2e/ belongs to Playwright.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...onPostgres,
          name: 'server',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/web/**', 'node_modules/**', '**/*.slow.test.ts'],
          // Files share a worker's modules: loading the app per file cost more CPU than the
          // tests themselves. Each file still gets its own database (src/test/db.ts), and
          // src/test/process-state.ts puts process-wide settings back before each file.
          isolate: false,
          setupFiles: ['src/test/process-state.ts'],
        },
      },
      {
        test: {
          ...onPostgres,
          name: 'slow',
          include: ['src/**/*.slow.test.ts'],
          testTimeout: 240_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['src/web/test-setup.ts'],
          // As the projects on PostgreSQL: a file whose first render loads a lazy route can
          // take 20 s on a loaded two-core machine.
          testTimeout: 30_000,
          // Not `isolate: false` as the server project: it would cut this project's CPU by
          // two thirds (React, Mantine and jsdom loaded once per worker instead of once per
          // file), but the files would then share one jsdom window, and DateInput's calendar
          // test failed after some orders of the other files (a popover left hidden).
        },
      },
    ],
  },
});
