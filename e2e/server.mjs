// Starts Accord for the browser tests on a fresh data directory (embedded PostgreSQL, demo
// data, a known admin password), and forwards SIGTERM/SIGINT so PostgreSQL stops cleanly.
// E2E_DATA_DIR moves the data directory (so a second server for exploring does not delete
// the data of a running one).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.E2E_DATA_DIR ?? path.join(root, 'test-results', 'e2e-data');
rmSync(dataDir, { recursive: true, force: true });

// The server serves dist/web only if it exists when it starts (no SPA routes otherwise), and
// `--no-web-build` keeps it from building: `npm test` builds first. A build that is still
// writing (another terminal) gets a short grace period rather than a confusing 404 page.
const webIndex = path.join(root, 'dist', 'web', 'index.html');
for (let waited = 0; !existsSync(webIndex); waited += 500) {
  if (waited >= 60_000) {
    process.stderr.write(`e2e: ${webIndex} is missing: run \`npx vite build\` before the browser tests\n`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}

const child = spawn(process.execPath, [path.join(root, 'bin/accord.js'), 'start', '--no-web-build'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '3210',
    HOST: '127.0.0.1',
    ACCORD_DATA_DIR: dataDir,
    ACCORD_ADMIN_EMAIL: 'admin@accord.local',
    ACCORD_ADMIN_PASSWORD: 'e2e-admin-password',
    ACCORD_DEMO: '1',
    // A throwaway server: cheap password hashes (no test measures argon2's cost) and a
    // PostgreSQL that does not flush to disk (src/db/embedded.ts TEST_SERVER_SETTINGS).
    ACCORD_ARGON2_COST: 'test',
    ACCORD_PG_TEST_SETTINGS: '1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
