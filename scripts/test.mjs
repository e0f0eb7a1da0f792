#!/usr/bin/env node
// `npm test`: lint and type-check, the Vitest suites (server on a real PostgreSQL, web
// components in jsdom), then the browser tests in Chromium. Stops at the first failing step.
//
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium; when neither exists and we are root with
// apt, Debian's `chromium` is installed; otherwise the run stops and says how to install it.
// The browser tests are never skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [];
const run = (name, cmd, args, env = {}) => {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  steps.push(`${r.status === 0 ? '✓' : '✗'} ${name} (${secs} s)`);
  if (r.status !== 0) {
    process.stdout.write(`\n${steps.join('\n')}\n\n✗ ${name} failed\n`);
    process.exit(r.status ?? 1);
  }
};

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  );
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stdout.write('\n▶ installing Debian chromium for the browser tests (apt-get)\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    if (r.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  process.stderr.write(
    '\n✗ The browser tests need Chromium and none was found.\n' +
      '  Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to its binary, then run npm test again.\n',
  );
  process.exit(1);
}

const only = process.argv[2];
if (!only || only === 'lint') {
  run('lint (biome)', 'npx', ['biome', 'check', '.']);
  run('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
}
if (!only || only === 'unit') {
  run('unit and API tests (vitest)', 'npx', ['vitest', 'run']);
}
if (!only || only === 'e2e') {
  const chromium = findChromium();
  run('web build (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']);
  run('browser tests (playwright, Chromium)', 'npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
}
process.stdout.write(`\n${steps.join('\n')}\n\nAll ${steps.length} steps passed.\n`);
