/**
 * Where the import's save goes: `node --import tsx bench/profile-import.ts [--measures 100000]
 * [--rows 10000] [--explain file]`. On the bench dataset it saves the bench's XLSX
 * (bench/import.ts) into a new roadmap once and prints the SQL statements of the save grouped
 * by their text, with their wall time and the PostgreSQL backend's CPU time while each ran
 * (/proc/<pid>/schedstat); `--explain` writes every statement's plan with its triggers' times
 * (auto_explain, nested statements included) to a file. The new roadmap stays in the dataset.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { roadmaps } from '../src/db/schema';
import { SYSTEM_ACTOR } from '../src/domain/policies';
import { importRoadmap } from '../src/services/imports';
import { cpuNow, cpuPerOp } from './cpu';
import { benchFile } from './import';
import { openBenchDatabase } from './system';

const { values } = parseArgs({
  options: {
    measures: { type: 'string', default: '100000' },
    rows: { type: 'string', default: '10000' },
    explain: { type: 'string' },
  },
});
const log = (m: string) => console.log(`[profile] ${m}`);
const bench = await openBenchDatabase({
  measures: Number(values.measures),
  seed: 1,
  fresh: false,
  temp: false,
  log,
});
const plans: string[] = [];
// a pool of its own, so that auto_explain is on in every session the save may use
const database = openDatabase(bench.database.url, { max: 4 });
database.pool.on('connect', (c) => {
  c.on('notice', (n) => plans.push(n.message ?? ''));
  if (values.explain)
    void c.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
      SET auto_explain.log_triggers = on; SET auto_explain.log_nested_statements = on;
      SET auto_explain.log_level = notice`);
});
const ctx = { db: database.db, now: () => new Date() };
const { file } = await benchFile(ctx, Number(values.rows));
const [rm] = await ctx.db
  .insert(roadmaps)
  .values({ title: { ru: `Профиль ${new Date().toISOString()}` }, status: 'draft' })
  .returning();

/** CPU ms of one process so far, from the scheduler (ns resolution, unlike /proc/<pid>/stat). */
const cpuOf = (pid: number) => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
};
const trace: { text: string; ms: number; cpu: number }[] = [];
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const query = proto.query;
proto.query = function (this: { processID?: number }, ...args: unknown[]) {
  const pid = this.processID ?? 0;
  const t0 = performance.now();
  const c0 = cpuOf(pid);
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
  const rec = { text: String(text).replace(/\s+/g, ' ').trim().slice(0, 90), ms: 0, cpu: 0 };
  trace.push(rec);
  const out = query.apply(this, args) as Promise<unknown>;
  const done = () => {
    rec.ms = performance.now() - t0;
    rec.cpu = cpuOf(pid) - c0;
  };
  if (typeof out?.then === 'function') out.then(done, done);
  return out;
};
const c0 = cpuNow(bench.postmasterPid);
const t0 = performance.now();
const r = await importRoadmap(
  ctx,
  SYSTEM_ACTOR,
  rm.id,
  { fileName: 'profile.xlsx', kind: 'xlsx', data: file },
  { dryRun: false, createOrganisations: false, locale: 'en' },
);
const wall = performance.now() - t0;
const cpu = cpuPerOp(c0, cpuNow(bench.postmasterPid), 1);
proto.query = query;
log(
  `save: ${Math.round(wall)} ms, CPU: server ${cpu.nodeMs} ms, PostgreSQL ${cpu.postgresMs} ms (created ${r.create})`,
);
const groups = new Map<string, { n: number; ms: number; cpu: number }>();
for (const x of trace) {
  const g = groups.get(x.text) ?? { n: 0, ms: 0, cpu: 0 };
  g.n++;
  g.ms += x.ms;
  g.cpu += x.cpu;
  groups.set(x.text, g);
}
log(`${trace.length} statements; wall ms, PostgreSQL CPU ms, count, statement:`);
for (const [text, g] of [...groups].sort((a, b) => b[1].cpu - a[1].cpu))
  console.log(
    `${g.ms.toFixed(0).padStart(7)} ${g.cpu.toFixed(0).padStart(7)} ${String(g.n).padStart(4)}  ${text}`,
  );
if (values.explain) writeFileSync(values.explain, plans.join('\n\n'));
await database.close();
await bench.close();
process.exit(0);
