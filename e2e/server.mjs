// Starts Accord for the browser tests on a fresh data directory (embedded PostgreSQL, demo
// data, a known admin password), and forwards SIGTERM/SIGINT so PostgreSQL stops cleanly.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'test-results', 'e2e-data');
rmSync(dataDir, { recursive: true, force: true });

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
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
