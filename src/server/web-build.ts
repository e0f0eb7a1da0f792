/**
 * `npm start` builds the web app when dist/web is missing or older than its sources, so the
 * two README commands are all a fresh clone needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = [
  'src/web',
  'src/contracts',
  'src/domain',
  'vite.config.ts',
  'src/server/precompress.ts',
  'package-lock.json',
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name.endsWith('.test.ts') || e.name.endsWith('.test.tsx')) continue;
    max = Math.max(max, newestMtime(path.join(p, e.name)));
  }
  return max;
}

/** True when dist/web/index.html is missing or older than any web source. */
export function webBuildIsStale(root = ROOT): boolean {
  const index = path.join(root, 'dist/web/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Runs `vite build` when needed; throws with Vite's output when the build fails. */
export function ensureWebBuild(log: (m: string) => void, root = ROOT): void {
  if (!webBuildIsStale(root)) return;
  log('building the web app (dist/web is missing or older than its sources)…');
  // Vite's package exports do not expose its bin; find it beside its package.json.
  const vitePkg = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(vitePkg), 'bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the web app did not build:\n${r.stdout}\n${r.stderr}`);
}
