/**
 * Drives autocannon in a child process (load-child.ts) and returns exact latency
 * percentiles. The server under test keeps this process's event loop to itself.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadStats } from './stats';

/** What the load process sends: one fixed request, a rotation over paths, or versioned updates. */
export type LoadRequest =
  | { kind: 'fixed'; method: 'GET' | 'PATCH'; path: string; body?: string }
  | { kind: 'rotate'; paths: string[] }
  /** Each item sent once, in order (a workflow move: a report is submitted once). */
  | { kind: 'once'; method: 'POST'; items: { path: string; body: string }[] }
  | {
      kind: 'update';
      pathPrefix: string;
      pool: { id: string; version: number; progress: number }[];
      /** Read the next version from each response (false for the bare route's canned body). */
      trackVersions: boolean;
    };

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  warmupSeconds: number;
  headers: Record<string, string>;
  request: LoadRequest;
}

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** Runs one autocannon load (after its warm-up) in a fresh child process; `onMeasuring` marks the end of the warm-up. */
export function runLoad(spec: LoadSpec, onMeasuring: () => void = () => {}): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (m: { phase?: 'measuring'; ok?: boolean; stats?: LoadStats; error?: string }) => {
      if (m.phase === 'measuring') return onMeasuring();
      settled = true;
      child.kill();
      if (m.ok && m.stats) resolve(m.stats);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code}`));
    });
    child.send(spec);
  });
}
