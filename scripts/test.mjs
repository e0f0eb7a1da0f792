#!/usr/bin/env node
// `npm test`: lint and type-check, the Vitest suites (server on a real PostgreSQL, web
// components in jsdom, the slow project), then the browser tests in Chromium. Nothing is
// skipped; independent steps run side by side to save wall time on a small machine:
//
//   chain 1: biome → tsc → vitest slow (SIGKILL durability, the embedded PostgreSQL as root)
//   chain 2: vitest server + web
//   chain 3: vite build → playwright
//
// A chain stops at its first failing step; each step's output is printed whole when it ends
// (so parallel steps never interleave) and the summary lists every step with its duration.
// `npm test -- lint|unit|slow|e2e` runs one part.
//
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium; when neither exists and we are root with
// apt, Debian's `chromium` is installed; otherwise the run stops and says how to install it.
// The browser tests are never skipped silently.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const results = [];
const started = Date.now();

/** Runs one step with its output buffered; resolves true when it passed. */
function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  process.stdout.write(`▶ ${name}\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0', ...env },
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      const ok = code === 0;
      results.push(`${ok ? '✓' : '✗'} ${name} (${secs} s)`);
      process.stdout.write(
        `\n── ${ok ? '✓' : '✗'} ${name} (${secs} s) ──\n${Buffer.concat(out).toString()}\n`,
      );
      resolve(ok);
    });
  });
}

/** Runs steps one after another, stopping at the first failure. */
async function chain(...steps) {
  for (const step of steps) if (!(await step())) return false;
  return true;
}

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
const want = (part) => !only || only === part;
// Before anything starts, so a missing browser stops the run at once.
const chromium = want('e2e') ? findChromium() : null;

const lint = () => run('lint (biome)', 'npx', ['biome', 'check', '.']);
const types = () => run('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const slow = () => run('slow tests (vitest slow)', 'npx', ['vitest', 'run', '--project', 'slow']);
const unit = () =>
  run('unit and API tests (vitest server + web)', 'npx', [
    'vitest',
    'run',
    '--project',
    'server',
    '--project',
    'web',
  ]);
const build = () => run('web build (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']);
const e2e = () =>
  run('browser tests (playwright, Chromium)', 'npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });

const chains = [
  chain(...[want('lint') && lint, want('lint') && types, want('slow') && slow].filter(Boolean)),
  chain(...[want('unit') && unit].filter(Boolean)),
  chain(...[want('e2e') && build, want('e2e') && e2e].filter(Boolean)),
];
const ok = (await Promise.all(chains)).every(Boolean);
const total = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`\n${results.join('\n')}\n\n`);
if (!ok) {
  process.stdout.write(`✗ npm test failed (${total} s)\n`);
  process.exit(1);
}
process.stdout.write(`All ${results.length} steps passed in ${total} s.\n`);
