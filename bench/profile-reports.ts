/**
 * Where a report transition's server time goes: `node --import tsx bench/profile-reports.ts
 * [--measures 100000] [--count 300] [--move submit|approve|both] [--cpuprofile dir]`.
 *
 * On the benchmark's dataset (bench/.data, as `npm run bench` leaves it), it submits and then
 * approves `count` reports one after another through the real app (Fastify inject: the whole
 * pipeline, no socket), and prints per transition: the server's CPU ms, PostgreSQL's CPU ms,
 * the SQL round trips and their summed wall time, and, with `--cpuprofile`, the heaviest
 * functions by self time (the V8 profile is written beside them for a closer look).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { cpuNow, cpuPerOp } from './cpu';
import { pickScenario } from './operations';
import { prepareReports } from './reports';
import { openBenchDatabase } from './system';

const { values } = parseArgs({
  options: {
    measures: { type: 'string', default: '100000' },
    count: { type: 'string', default: '300' },
    move: { type: 'string', default: 'both' },
    cpuprofile: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
  },
});
const log = (m: string) => console.log(`[profile] ${m}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/**
 * Busy time by the project's own function nearest each sample (what it and the libraries it
 * called cost), and by the library the sample was in: where a transition's CPU goes.
 */
function byOwner(profile: Profile, n = 30) {
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const own = new Map<string, number>();
  const lib = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    busy += us;
    const pkg =
      leaf.callFrame.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ??
      (leaf.callFrame.url ? 'node/src' : leaf.callFrame.functionName);
    lib.set(pkg, (lib.get(pkg) ?? 0) + us);
    let cur: number | undefined = id;
    let key = '(outside src)';
    while (cur !== undefined) {
      const f = byId.get(cur)?.callFrame;
      if (f?.url.includes('/src/')) {
        key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/src\//, 'src/')}:${f.lineNumber + 1}`;
        break;
      }
      cur = parent.get(cur);
    }
    own.set(key, (own.get(key) ?? 0) + us);
  });
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`);
  return { busyMs: busy / 1000, own: fmt(own), lib: fmt(lib) };
}

/** The heaviest functions by self time, as lines. */
function topSelf(profile: Profile, n = 25) {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const where = f.url.replace(/^.*\/(node_modules|src)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
}

async function main() {
  const db = await openBenchDatabase({
    measures: Number(values.measures),
    seed: 1,
    fresh: false,
    temp: false,
    log,
  });
  const pool = new pg.Pool({ connectionString: db.database.url, max: 4 });
  // count the app's round trips: every query of its pool's clients
  const rt = { n: 0, ms: 0, trace: null as string[] | null };
  // every query of every client (the app's pool and the sealer's alike), wrapped once
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    rt.n++;
    const t0 = performance.now();
    const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text;
    const line = rt.trace ? rt.trace.push(String(text).replace(/\s+/g, ' ').slice(0, 150)) - 1 : -1;
    const trace = rt.trace;
    const done = () => {
      const took = performance.now() - t0;
      rt.ms += took;
      if (trace && line >= 0) trace[line] = `${took.toFixed(2).padStart(7)} ms  ${trace[line]}`;
    };
    const r = query.apply(this, a);
    if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(done, done);
    return r;
  };
  const app = await buildApp({
    ctx: db.ctx,
    config: { sessionHours: 12, publicUrl: undefined },
    // PROFILE_VERBOSE: the server's warnings (a constraint violation or a deadlock behind a 409)
    logger: process.env.PROFILE_VERBOSE ? { level: 'warn' } : false,
    validateResponses: false,
  });
  try {
    const s = await pickScenario(pool, db.admin, 16);
    const count = Number(values.count);
    const rs = await prepareReports(pool, db.ctx, s, log, count);
    const send = async (move: 'submit' | 'approve', x: { id: string; version: number }) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/reports/${x.id}/${move}`,
        headers: { ...rs.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ version: x.version }),
      });
      if (res.statusCode !== 200 && process.env.PROFILE_VERBOSE)
        log(`${move}: ${res.statusCode} ${res.body}`);
      return res.statusCode === 200;
    };
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    const moves: ['submit' | 'approve', { id: string; version: number }[]][] = [];
    if (values.move !== 'approve') moves.push(['submit', rs.drafts.slice(0, count)]);
    if (values.move !== 'submit') moves.push(['approve', rs.submitted.slice(0, count)]);
    for (const [move, items] of moves) {
      // warm-up: the first few compile the code paths
      for (const x of items.slice(0, 9)) await send(move, x);
      // one traced: the statements of a transition, in order
      rt.trace = [];
      await send(move, items[9]);
      await new Promise((r) => setTimeout(r, 100)); // the seal after it
      console.log(`${move} — statements:\n${rt.trace.map((t, i) => `  ${i + 1}. ${t}`).join('\n')}`);
      rt.trace = null;
      const measured = items.slice(10);
      if (values.cpuprofile) await session.post('Profiler.start');
      rt.n = 0;
      rt.ms = 0;
      const c0 = cpuNow(db.postmasterPid);
      const t0 = performance.now();
      let failed = 0;
      // one after another, or `--concurrency` workers taking the next item
      let next = 0;
      await Promise.all(
        Array.from({ length: Number(values.concurrency) }, async () => {
          while (next < measured.length) if (!(await send(move, measured[next++]))) failed++;
        }),
      );
      const wall = ((performance.now() - t0) / measured.length) * Number(values.concurrency);
      const cpu = cpuPerOp(c0, cpuNow(db.postmasterPid), measured.length);
      log(
        `${move}: ${measured.length} by ${values.concurrency} at a time (${failed} refused): wall ${wall.toFixed(2)} ms, CPU server ${cpu.nodeMs} + PostgreSQL ${cpu.postgresMs} ms, ${(rt.n / measured.length).toFixed(1)} round trips (${(rt.ms / measured.length).toFixed(2)} ms) per transition`,
      );
      if (values.cpuprofile) {
        const { profile } = await session.post('Profiler.stop');
        mkdirSync(values.cpuprofile, { recursive: true });
        const file = path.join(values.cpuprofile, `${move}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        const o = byOwner(profile as Profile);
        console.log(
          `${move} — ${(o.busyMs / measured.length).toFixed(2)} ms busy per transition (${file})\n by the project's nearest function:\n${o.own.join('\n')}\n by library:\n${o.lib.join('\n')}\n self time:\n${topSelf(profile as Profile).join('\n')}`,
        );
      }
    }
    session.disconnect();
  } finally {
    await app.close();
    await pool.end();
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
