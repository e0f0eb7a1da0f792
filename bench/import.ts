/**
 * Import and export figures (issue 10): a 10,000-row XLSX imported end to end (reading, the
 * plan, the checks and the writes; dry run, saved, and the same file again), and the export
 * of a large roadmap to XLSX with the process's peak RSS while it streams. Run alone with
 * `node --import tsx bench/import.ts [--measures 100000] [--rows 10000] [--import-only] [--temp]`; `npm run bench` runs it
 * on the largest dataset too (`--only import`).
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { measures, organisations, parties, roadmaps } from '../src/db/schema';
import { SYSTEM_ACTOR } from '../src/domain/policies';
import type { Ctx } from '../src/services/context';
import { pendingSeals, sealAudit } from '../src/services/audit-seal';
import { exportMeasures } from '../src/services/exports';
import { importRoadmap } from '../src/services/imports';
import { bigXlsx } from '../src/test/import-files';
import { cpuNow, cpuPerOp } from './cpu';

/** Wall time of one run and the CPU it cost this process (the server's work) and PostgreSQL. */
export interface Timed {
  ms: number;
  nodeCpuMs: number;
  /** NaN when PostgreSQL is not the benchmark's own (DATABASE_URL). */
  postgresCpuMs: number;
}

export interface ImportFigures {
  rows: number;
  fileMb: number;
  dryRun: Timed;
  apply: Timed;
  /**
   * The stack's floor for the apply: the same rows (measures, responsible bodies, one audit
   * event each with the measure's JSON) written by hand-made multi-row INSERTs in one
   * transaction, with the triggers, keys and indexes as they are, then rolled back.
   */
  rawSave: Timed;
  /** Sealing the apply's audit events, which the server does after the commit. */
  seal: Timed;
  reimport: Timed;
  exportMeasures: number;
  export: Timed;
  exportMb: number;
  exportPeakRssMb: number;
  baselineRssMb: number;
  /** The 1-minute load average after the runs: above the number of cores, the wall times are inflated. */
  loadAvg1m: number;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function timed<T>(postmasterPid: number | null, f: () => Promise<T>): Promise<[T, Timed]> {
  const c0 = cpuNow(postmasterPid);
  const t0 = performance.now();
  const value = await f();
  const ms = Math.round(performance.now() - t0);
  const cpu = cpuPerOp(c0, cpuNow(postmasterPid), 1);
  return [value, { ms, nodeCpuMs: Math.round(cpu.nodeMs), postgresCpuMs: Math.round(cpu.postgresMs) }];
}

class RolledBack extends Error {}

/**
 * The apply's rows written the plainest way (the floor its figures are compared with): one
 * INSERT … SELECT FROM json_to_recordset per table and 2,000 rows, a roll-up statement, no
 * lemmatising (titles indexed as they are), no ORM, in a new roadmap; then rolled back.
 */
async function rawWrite(ctx: Ctx, rows: number, perSection: number, bodies: { o: string; p: string }[]) {
  const ms: { i: string; p: string | null; c: string; t: string; pr: number }[] = [];
  let parent: string | null = null;
  for (let i = 0; i < rows; i++) {
    const s = Math.floor(i / perSection) + 1;
    const k = i % perSection;
    const id = randomUUID();
    if (k === 0) parent = id;
    ms.push(
      k === 0
        ? { i: id, p: null, c: String(s), t: `Направление ${s}`, pr: 0 }
        : {
            i: id,
            p: parent,
            c: `${s}.${k}`,
            t: `Мероприятие ${s}.${k}: провести совместное заседание`,
            pr: k,
          },
    );
  }
  try {
    await ctx.db.transaction(async (tx) => {
      const [rm] = await tx
        .insert(roadmaps)
        .values({ title: { ru: 'floor' }, status: 'draft' })
        .returning();
      for (let i = 0; i < ms.length; i += 2000)
        await tx.execute(sql`insert into measures (id, roadmap_id, parent_id, code, sort_key, depth, title, start_date,
          due_date, completion_form, weight, tier, status, progress, search_vector)
          select x.i, ${rm.id}::uuid, x.p, x.c, x.c, (x.p is not null)::int, jsonb_build_object('ru', x.t), '2026-01-01',
            '2027-12-31', 'other', 1, 'shared', 'not_started', x.pr, to_tsvector('simple', x.t)
          from json_to_recordset(${JSON.stringify(ms.slice(i, i + 2000))}::json) as x(i uuid, p uuid, c text, t text, pr smallint)`);
      const resp = ms.filter((m) => m.p).flatMap((m) => bodies.map((x) => ({ m: m.i, ...x })));
      await tx.execute(sql`insert into measure_responsibles (measure_id, organisation_id, party_id, role)
        select x.m, x.o, x.p, 'lead' from json_to_recordset(${JSON.stringify(resp)}::json) as x(m uuid, o uuid, p uuid)`);
      await tx.execute(sql`update measures m set child_count = k.n, progress = k.pr, status = 'in_progress'
        from (select parent_id, count(*)::int as n, round(avg(progress))::smallint as pr from measures
              where roadmap_id = ${rm.id} and parent_id is not null group by parent_id) k where m.id = k.parent_id`);
      const at = new Date().toISOString();
      for (let i = 0; i < ms.length; i += 2000)
        await tx.execute(sql`insert into audit_events (id, occurred_at, actor_label, action, entity_type, entity_id, after)
          select gen_random_uuid(), ${at}::timestamptz, 'floor', 'measure.create', 'measure', x.i, x.f
          from json_to_recordset(${JSON.stringify(ms.slice(i, i + 2000).map((m) => ({ i: m.i, f: { ...m, responsible: bodies } })))}::json)
            as x(i uuid, f jsonb)`);
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
}

const NO_EXPORT = {
  exportMeasures: 0,
  export: { ms: 0, nodeCpuMs: 0, postgresCpuMs: 0 },
  exportMb: 0,
  exportPeakRssMb: 0,
  baselineRssMb: 0,
};

const show = (t: Timed) =>
  `${t.ms} ms (CPU: server ${t.nodeCpuMs} ms, PostgreSQL ${Number.isNaN(t.postgresCpuMs) ? '?' : t.postgresCpuMs} ms)`;

/**
 * The bench's XLSX of `rows` rows (sections of 99 measures, a body of each party, dates and
 * progress) and the two bodies it names, as ids.
 */
export async function benchFile(ctx: Ctx, rows: number) {
  const ps = await ctx.db.select().from(parties).orderBy(asc(parties.code)).limit(2);
  const orgOf = async (partyId: string) =>
    (await ctx.db.select().from(organisations).where(eq(organisations.partyId, partyId)).limit(1))[0];
  const [orgA, orgB] = [await orgOf(ps[0].id), await orgOf(ps[1].id)];
  const header = [
    'Код',
    'Наименование мероприятия',
    'Срок исполнения',
    `Ответственные (${ps[0].code})`,
    `Ответственные (${ps[1].code})`,
    'Прогресс, %',
  ];
  const perSection = 100;
  const file = await bigXlsx(header, rows, (i) => {
    const s = Math.floor(i / perSection) + 1;
    const k = i % perSection;
    return k === 0
      ? [String(s), `Направление ${s}`, '', '', '', '']
      : [
          `${s}.${k}`,
          `Мероприятие ${s}.${k}: провести совместное заседание`,
          '31.12.2027',
          orgA.name.ru,
          orgB.name.ru,
          String(k % 100),
        ];
  });
  const bodies = [
    { o: orgA.id, p: ps[0].id },
    { o: orgB.id, p: ps[1].id },
  ];
  return { file, bodies, perSection };
}

/** Runs the import and export figures on `ctx`, exporting the largest roadmap there is. */
export async function runImportBench(
  ctx: Ctx,
  log: (m: string) => void,
  opts: { rows?: number; postmasterPid?: number | null; importOnly?: boolean } = {},
): Promise<ImportFigures> {
  const rows = opts.rows ?? 10_000;
  const pm = opts.postmasterPid ?? null;
  const { file, bodies, perSection } = await benchFile(ctx, rows);
  const [rm] = await ctx.db
    .insert(roadmaps)
    .values({ title: { ru: `Импорт ${new Date().toISOString()}` }, status: 'draft' })
    .returning();
  const run = async (dryRun: boolean) => {
    const [r, t] = await timed(pm, () =>
      importRoadmap(
        ctx,
        SYSTEM_ACTOR,
        rm.id,
        { fileName: 'bench.xlsx', kind: 'xlsx', data: file },
        { dryRun, createOrganisations: false, locale: 'en' },
      ),
    );
    if (r.errors.length) throw new Error(`import found problems: ${JSON.stringify(r.errors.slice(0, 3))}`);
    log(
      `import ${dryRun ? 'dry run' : 'apply'}: ${show(t)} (create ${r.create}, update ${r.update}, unchanged ${r.unchanged})`,
    );
    return t;
  };
  const dryRun = await run(true);
  const apply = await run(false);
  // the chain is sealed after the commit (services/audit-seal.ts): waited for here, so that
  // its work is counted apart and does not run under the next figures
  const [, seal] = await timed(pm, async () => {
    while ((await pendingSeals(ctx.db)) > 0) await sealAudit(ctx.db, { wait: true });
  });
  log(`sealing the apply's audit events afterwards: ${show(seal)}`);
  // after the seal, which would otherwise run under it
  const [, rawSave] = await timed(pm, () => rawWrite(ctx, rows, perSection, bodies));
  log(`the same rows by raw SQL (the floor): ${show(rawSave)}`);
  const reimport = await run(true);
  const figures = { rows, fileMb: mb(file.length), dryRun, apply, rawSave, seal, reimport };
  if (opts.importOnly) return { ...figures, ...NO_EXPORT, loadAvg1m: os.loadavg()[0] };

  const [big] = (
    await ctx.db.execute<{ id: string; n: number }>(
      sql`select roadmap_id as id, count(*)::int as n from ${measures} group by roadmap_id order by n desc limit 1`,
    )
  ).rows;
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let bytes = 0;
  const [, exported] = await timed(pm, async () => {
    const out = await exportMeasures(ctx, SYSTEM_ACTOR, big.id, {}, 'xlsx', 'ru');
    for await (const chunk of out.stream) bytes += (chunk as Buffer).length;
  });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  log(
    `export of ${big.n} measures to XLSX: ${show(exported)}, ${mb(bytes)} MB, peak RSS ${mb(peak)} MB (before: ${mb(baseline)} MB)`,
  );
  return {
    ...figures,
    exportMeasures: big.n,
    export: exported,
    exportMb: mb(bytes),
    exportPeakRssMb: mb(peak),
    baselineRssMb: mb(baseline),
    loadAvg1m: os.loadavg()[0],
  };
}

/** The figures beside their targets. */
export const formatImport = (f: ImportFigures) =>
  [
    `import of a ${f.rows.toLocaleString('en')}-row XLSX (${f.fileMb} MB), target < 5000 ms each:`,
    `  dry run ${show(f.dryRun)}`,
    `  apply ${show(f.apply)}, then sealing its audit events ${show(f.seal)}`,
    `  the same rows by raw SQL ${show(f.rawSave)}: apply / floor ${(f.apply.ms / f.rawSave.ms).toFixed(2)} (wall), ${((f.apply.nodeCpuMs + f.apply.postgresCpuMs) / (f.rawSave.nodeCpuMs + f.rawSave.postgresCpuMs)).toFixed(2)} (CPU)`,
    `  same file again ${show(f.reimport)}`,
    ...(f.exportMeasures === 0
      ? []
      : [
          `export of ${f.exportMeasures.toLocaleString('en')} measures to XLSX: ${show(f.export)} (target < 10000 ms), ${f.exportMb} MB, peak RSS ${f.exportPeakRssMb} MB (${f.baselineRssMb} MB before)`,
        ]),
    `load average (1 min) ${f.loadAvg1m.toFixed(2)} on ${os.cpus().length} cores`,
  ].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openBenchDatabase } = await import('./system');
  const arg = (name: string) => process.argv.find((_a, i) => process.argv[i - 1] === name);
  const log = (m: string) => console.log(`[bench] ${m}`);
  const db = await openBenchDatabase({
    measures: Number(arg('--measures') ?? 100_000),
    seed: 1,
    fresh: false,
    temp: process.argv.includes('--temp'),
    log,
  });
  try {
    const figures = await runImportBench(db.ctx, log, {
      rows: Number(arg('--rows') ?? 10_000),
      postmasterPid: db.postmasterPid,
      importOnly: process.argv.includes('--import-only'),
    });
    console.log(formatImport(figures));
  } finally {
    await db.close();
  }
  process.exit(0);
}
