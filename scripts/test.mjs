#!/usr/bin/env node
// `npm test`: lint and type-check, the Vitest suites (server on a real PostgreSQL, web
// components in jsdom, the slow project), then the browser tests in Chromium. Nothing is
// skipped; independent steps run side by side to save wall time on a small machine:
//
//   chain 1: biome → tsc → vitest slow (SIGKILL durability, the embedded PostgreSQL as root)
//   chain 2: vitest server + web
//   chain 3: vite build → playwright
//
// Chain 3 is the longest and cannot be split (one browser on one set of demo data). Chain 1
// has the most slack, so it runs `nice`d and takes what the other two leave. Chain 2 keeps
// its priority: `nice`d on a machine shared with other work it became the longest (796 s
// against the browser tests' 682 s) and its timed tests failed.
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

/** `nice` lowers a step's priority where it exists (coreutils); elsewhere steps run as they are. */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));

/** Runs one step with its output buffered; resolves true when it passed. */
function run(name, cmd, args, { env = {}, nice = false } = {}) {
  const t0 = Date.now();
  process.stdout.write(`▶ ${name}\n`);
  const [file, argv] = nice && NICE ? [NICE, ['-n', '10', cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
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

// Only when the browser tests run beside them do chain 1's steps give way.
const nice = want('e2e');
const lint = () => run('lint (biome)', 'npx', ['biome', 'check', '.'], { nice });
const types = () => run('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { nice });
const slow = () => run('slow tests (vitest slow)', 'npx', ['vitest', 'run', '--project', 'slow'], { nice });
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
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
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
