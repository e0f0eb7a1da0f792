/**
 * Import and export figures (issue 10): a 10,000-row XLSX imported end to end (reading, the
 * plan, the checks and the writes; dry run, saved, and the same file again), and the export
 * of a large roadmap to XLSX with the process's peak RSS while it streams. Run alone with
 * `node --import tsx bench/import.ts [--measures 100000] [--temp]`; `npm run bench` runs it
 * on the largest dataset too (`--only import`).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { measures, organisations, parties, roadmaps } from '../src/db/schema';
import { SYSTEM_ACTOR } from '../src/domain/policies';
import type { Ctx } from '../src/services/context';
import { exportMeasures } from '../src/services/exports';
import { importRoadmap } from '../src/services/imports';
import { bigXlsx } from '../src/test/import-files';

export interface ImportFigures {
  rows: number;
  fileMb: number;
  dryRunMs: number;
  applyMs: number;
  reimportMs: number;
  exportMeasures: number;
  exportMs: number;
  exportMb: number;
  exportPeakRssMb: number;
  baselineRssMb: number;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/** Runs the import and export figures on `ctx`, exporting the largest roadmap there is. */
export async function runImportBench(
  ctx: Ctx,
  log: (m: string) => void,
  rows = 10_000,
): Promise<ImportFigures> {
  const ps = await ctx.db.select().from(parties).orderBy(asc(parties.code)).limit(2);
  const orgOf = async (partyId: string) =>
    (await ctx.db.select().from(organisations).where(eq(organisations.partyId, partyId)).limit(1))[0].name.ru;
  const [a, b] = [await orgOf(ps[0].id), await orgOf(ps[1].id)];
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
          a,
          b,
          String(k % 100),
        ];
  });
  const [rm] = await ctx.db
    .insert(roadmaps)
    .values({ title: { ru: `Импорт ${new Date().toISOString()}` }, status: 'draft' })
    .returning();
  const run = async (dryRun: boolean) => {
    const t0 = performance.now();
    const r = await importRoadmap(
      ctx,
      SYSTEM_ACTOR,
      rm.id,
      { fileName: 'bench.xlsx', kind: 'xlsx', data: file },
      { dryRun, createOrganisations: false, locale: 'en' },
    );
    const ms = Math.round(performance.now() - t0);
    if (r.errors.length) throw new Error(`import found problems: ${JSON.stringify(r.errors.slice(0, 3))}`);
    log(
      `import ${dryRun ? 'dry run' : 'apply'}: ${ms} ms (create ${r.create}, update ${r.update}, unchanged ${r.unchanged})`,
    );
    return ms;
  };
  const dryRunMs = await run(true);
  const applyMs = await run(false);
  const reimportMs = await run(true);

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
  const t0 = performance.now();
  const out = await exportMeasures(ctx, SYSTEM_ACTOR, big.id, {}, 'xlsx', 'ru');
  let bytes = 0;
  for await (const chunk of out.stream) bytes += (chunk as Buffer).length;
  const exportMs = Math.round(performance.now() - t0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  log(
    `export of ${big.n} measures to XLSX: ${exportMs} ms, ${mb(bytes)} MB, peak RSS ${mb(peak)} MB (before: ${mb(baseline)} MB)`,
  );
  return {
    rows,
    fileMb: mb(file.length),
    dryRunMs,
    applyMs,
    reimportMs,
    exportMeasures: big.n,
    exportMs,
    exportMb: mb(bytes),
    exportPeakRssMb: mb(peak),
    baselineRssMb: mb(baseline),
  };
}

/** The figures beside their targets. */
export const formatImport = (f: ImportFigures) =>
  [
    `import of a ${f.rows.toLocaleString('en')}-row XLSX (${f.fileMb} MB): dry run ${f.dryRunMs} ms, apply ${f.applyMs} ms, same file again ${f.reimportMs} ms (target < 5000 ms each)`,
    `export of ${f.exportMeasures.toLocaleString('en')} measures to XLSX: ${f.exportMs} ms (target < 10000 ms), ${f.exportMb} MB, peak RSS ${f.exportPeakRssMb} MB (${f.baselineRssMb} MB before)`,
  ].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openBenchDatabase } = await import('./system');
  const arg = (name: string) => process.argv.find((a, i) => process.argv[i - 1] === name);
  const log = (m: string) => console.log(`[bench] ${m}`);
  const db = await openBenchDatabase({
    measures: Number(arg('--measures') ?? 100_000),
    seed: 1,
    fresh: false,
    temp: process.argv.includes('--temp'),
    log,
  });
  try {
    console.log(formatImport(await runImportBench(db.ctx, log, Number(arg('--rows') ?? 10_000))));
  } finally {
    await db.close();
  }
  process.exit(0);
}
