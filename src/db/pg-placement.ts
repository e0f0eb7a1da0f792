/**
 * Where the embedded PostgreSQL's binaries and cluster live when Accord runs as root: the
 * server then runs as the `postgres` user, which must reach both. A checkout or data
 * directory under a private folder (`/root/…`, `mktemp -d`) is out of its reach, and Accord
 * does not loosen the modes of folders that are not its own. Instead:
 *   - the binaries are copied once to /var/lib/accord/postgres-<version>-<platform>-<arch>;
 *   - a new cluster goes to /var/lib/accord/clusters/<name>-<random>, and the data directory
 *     keeps a pointer to it (`pg-location`), so the data directory still identifies its
 *     database. An existing cluster inside an unreachable data directory is never replaced:
 *     Accord stops and says what to do.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { binary, type RunAs } from './pg-process';

/** The system folder for what the `postgres` user must reach (root only). */
export const SHARED_DIR = process.env.ACCORD_PG_SHARED_DIR || '/var/lib/accord';
/** The file in a data directory that names its cluster when the cluster lives elsewhere. */
export const POINTER_FILE = 'pg-location';

/** True when `runAs` can reach `target` (search permission on every folder above it, and `x` on it). */
export function canReach(runAs: RunAs, target: string): boolean {
  if (!runAs) return true;
  return spawnSync('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/** The nearest folder above `target` that `runAs` cannot enter, for messages. */
function blocker(runAs: RunAs, target: string): string {
  let d = path.resolve(target);
  const chain: string[] = [];
  while (d !== path.dirname(d)) {
    chain.unshift(d);
    d = path.dirname(d);
  }
  return chain.find((dir) => !canReach(runAs, dir)) ?? target;
}

function sharedFolder(...parts: string[]): string {
  const dir = path.join(SHARED_DIR, ...parts);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (let d = dir; d.startsWith(SHARED_DIR); d = path.dirname(d)) {
    chmodSync(d, 0o755);
    if (d === SHARED_DIR) break;
  }
  return dir;
}

/** A binaries folder `runAs` can execute from: the package's, or a copy of it. */
export function reachableBinDir(runAs: RunAs, binDir: string, log: (m: string) => void): string {
  if (canReach(runAs, binary(binDir, 'postgres'))) return binDir;
  const native = path.dirname(binDir);
  const pkg = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = path.join(SHARED_DIR, `postgres-${pkg.version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(copy, '.complete'))) {
    log(`the postgres user cannot reach ${native}; copying the PostgreSQL binaries to ${copy}`);
    sharedFolder();
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(partial, '.complete'), '');
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
    chmodSync(copy, 0o755);
  }
  const bin = path.join(copy, 'bin');
  if (!canReach(runAs, binary(bin, 'postgres'))) {
    throw new Error(
      `the postgres user cannot run PostgreSQL from ${bin}; check the modes of ${blocker(runAs, bin)}`,
    );
  }
  return bin;
}

/**
 * The cluster folder of `dataDir`: `<dataDir>/pg`, or the folder its pointer names, or (as
 * root, for a new cluster the postgres user could not reach) a new folder under SHARED_DIR.
 */
export function clusterDir(dataDir: string, runAs: RunAs, log: (m: string) => void): string {
  const inside = path.join(dataDir, 'pg');
  if (!runAs) return inside;
  const pointer = path.join(dataDir, POINTER_FILE);
  if (existsSync(pointer)) return readFileSync(pointer, 'utf8').trim();
  // The data directory is Accord's own: letting others pass through it is ours to decide.
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o777) | 0o011);
  if (canReach(runAs, dataDir)) return inside;
  if (existsSync(path.join(inside, 'PG_VERSION'))) {
    throw new Error(
      `the embedded PostgreSQL runs as the postgres user, which cannot enter ${blocker(runAs, dataDir)}, so it cannot reach the database in ${inside}. ` +
        'Let it pass (`chmod o+x` on that folder) or move the data directory (ACCORD_DATA_DIR) under a folder others can enter, such as /srv or /var/lib',
    );
  }
  const name = `${path.basename(dataDir).replace(/[^\w.-]/g, '_')}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(sharedFolder('clusters'), name);
  writeFileSync(pointer, `${dir}\n`);
  log(
    `the postgres user cannot enter ${blocker(runAs, dataDir)}, so this data directory's PostgreSQL cluster lives in ${dir} (named in ${pointer})`,
  );
  return dir;
}
