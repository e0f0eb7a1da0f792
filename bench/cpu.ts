/**
 * CPU time spent by this process (the server or the raw SQL client) and by the PostgreSQL
 * server, so that each operation's cost per request can be read even when other work on
 * the machine inflates the latencies.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime, stime, cutime, cstime (ms) and ppid of a process, from /proc/<pid>/stat. */
function stat(pid: number): { ppid: number; own: number; children: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
    return {
      ppid: Number(f[1]),
      own: (Number(f[11]) + Number(f[12])) * TICK_MS,
      children: (Number(f[13]) + Number(f[14])) * TICK_MS,
    };
  } catch {
    return null;
  }
}

/**
 * CPU ms used so far by a PostgreSQL server: the postmaster, its live backends and (through
 * the postmaster's cumulative child time) the backends and parallel workers that exited.
 */
function postgresCpu(postmasterPid: number): number {
  const pm = stat(postmasterPid);
  if (!pm) return Number.NaN;
  let total = pm.own + pm.children;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === postmasterPid) continue;
    const s = stat(pid);
    if (s && s.ppid === postmasterPid) total += s.own;
  }
  return total;
}

export interface CpuSnapshot {
  node: number;
  postgres: number;
}

/** This process's and PostgreSQL's CPU ms so far (postgres NaN when it is not ours to see). */
export function cpuNow(postmasterPid: number | null): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    node: (u.user + u.system) / 1000,
    postgres: postmasterPid ? postgresCpu(postmasterPid) : Number.NaN,
  };
}

/** CPU ms per operation between two snapshots. */
export function cpuPerOp(a: CpuSnapshot, b: CpuSnapshot, ops: number) {
  const per = (x: number) => (ops > 0 ? Math.round((x / ops) * 100) / 100 : Number.NaN);
  return { nodeMs: per(b.node - a.node), postgresMs: per(b.postgres - a.postgres) };
}
