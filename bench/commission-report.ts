/**
 * The commission report's benchmark (issue 10: "the PDF report for 1,000 measures, under
 * 5 s"): a generated roadmap of 1,000 measures, the PDF and the DOCX fetched over HTTP as an
 * admin (every measure visible), each timed end to end with the CPU it cost the server and
 * PostgreSQL, so a busy machine's figures can still be read.
 */
import { buildApp } from '../src/server/app';
import { cpuNow, cpuPerOp } from './cpu';
import { openBenchDatabase } from './system';

/** The dataset size of the target, and the target itself. */
export const REPORT_MEASURES = 1_000;
export const REPORT_TARGET_MS = 5_000;

/** One format's figures. */
export interface ReportBenchRow {
  format: 'pdf' | 'docx';
  measures: number;
  runs: number;
  p50Ms: number;
  maxMs: number;
  bytes: number;
  cpuMsPerRequest: { nodeMs: number; postgresMs: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Generates (or reuses) the 1,000-measure dataset and times both formats. */
export async function benchCommissionReport(opts: {
  seed: number;
  fresh: boolean;
  temp: boolean;
  runs?: number;
  log: (m: string) => void;
}): Promise<ReportBenchRow[]> {
  const runs = opts.runs ?? 5;
  const db = await openBenchDatabase({
    measures: REPORT_MEASURES,
    seed: opts.seed,
    fresh: opts.fresh,
    temp: opts.temp,
    log: opts.log,
  });
  const app = await buildApp({
    ctx: db.ctx,
    config: { sessionHours: 12 },
    logger: false,
    validateResponses: false,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const rm = await db.database.pool.query<{ roadmap_id: string; n: number }>(
      'select roadmap_id, count(*)::int as n from measures group by 1 order by 2 desc limit 1',
    );
    const { roadmap_id: roadmapId, n } = rm.rows[0];
    opts.log(`report: roadmap ${roadmapId} with ${n} measures`);
    const out: ReportBenchRow[] = [];
    for (const format of ['pdf', 'docx'] as const) {
      const path = `${url}/api/v1/roadmaps/${roadmapId}/report.${format}?since=2026-01-01`;
      const get = async () => {
        const res = await fetch(path, { headers: { authorization: `Bearer ${db.token}` } });
        const body = Buffer.from(await res.arrayBuffer());
        if (!res.ok)
          throw new Error(`report.${format} answered ${res.status}: ${body.toString().slice(0, 300)}`);
        return body.length;
      };
      await get(); // warm-up: fonts, code paths, the summary cache
      const times: number[] = [];
      let bytes = 0;
      const cpu0 = cpuNow(db.postmasterPid);
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        bytes = await get();
        times.push(performance.now() - t0);
      }
      const row: ReportBenchRow = {
        format,
        measures: n,
        runs,
        p50Ms: Math.round(median(times)),
        maxMs: Math.round(Math.max(...times)),
        bytes,
        cpuMsPerRequest: cpuPerOp(cpu0, cpuNow(db.postmasterPid), runs),
      };
      opts.log(formatReportRow(row));
      out.push(row);
    }
    return out;
  } finally {
    await app.close();
    await db.close();
  }
}

/** One line per format, beside the target. */
export function formatReportRow(r: ReportBenchRow): string {
  return `report.${r.format}: ${r.measures.toLocaleString('en')} measures, p50 ${r.p50Ms} ms (max ${r.maxMs} ms of ${r.runs}), ${Math.round(r.bytes / 1024)} KiB; CPU per request: server ${r.cpuMsPerRequest.nodeMs} + PostgreSQL ${r.cpuMsPerRequest.postgresMs} ms; target < ${REPORT_TARGET_MS} ms`;
}

// `npx tsx bench/commission-report.ts` runs it alone
if (import.meta.url === `file://${process.argv[1]}`) {
  benchCommissionReport({ seed: 1, fresh: false, temp: false, log: (m) => console.log(`[bench] ${m}`) }).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
