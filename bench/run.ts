/**
 * `npm run bench`: the server's speed on large datasets (issue 2, item 11) and the web app's
 * (issue 3, "Speed"). See bench/README.md for what is measured and how to read it.
 */
import pg from 'pg';
import type { RoadmapSummary } from '../src/contracts/roadmaps';
import { buildApp } from '../src/server/app';
import { startBare } from './bare';
import { benchCommissionReport, formatReportRow, type ReportBenchRow } from './commission-report';
import { cpuNow, cpuPerOp } from './cpu';
import { type LoadRequest, runLoad } from './load';
import { operations, pickScenario } from './operations';
import { parseOptions, USAGE } from './options';
import { runRaw } from './raw';
import { prepareReports, reportOperations } from './reports';
import {
  formatTable,
  formatWeb,
  loadWarning,
  makeRow,
  type ResultRow,
  TARGET_SIZE,
  writeResults,
} from './report';
import { BENCH_ADMIN, openBenchDatabase } from './system';
import { formatImport, type ImportFigures, runImportBench } from './import';
import { buildWebIfStale, measureWeb, waitForChromium, type WebResult } from './web';
import { benchDiff, formatDiff } from './diff';
import { flagListOperations } from './list-flags';

const log = (m: string) => console.log(`[bench] ${m}`);
/** The report operations (bench/reports.ts), prepared only when one of them runs. */
const REPORT_OPS = [
  'report-submit',
  'report-approve',
  'approval-queue',
  'my-reports',
  'reporting-completeness',
];

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const opts = parsed;
  const started = performance.now();
  const rows: ResultRow[] = [];
  let web: (WebResult & { measures: number }) | null = null;
  let webProblem: string | null = null;
  const diffLines: string[] = [];
  let importFigures: ImportFigures | null = null;
  const webSize = opts.sizes.includes(TARGET_SIZE) ? TARGET_SIZE : Math.max(...opts.sizes);

  if (opts.web) {
    try {
      buildWebIfStale(log);
    } catch (e) {
      webProblem = `the web app did not build: ${e instanceof Error ? e.message : e}`;
      log(webProblem);
    }
  }

  for (const size of opts.sizes) {
    log(`— ${size.toLocaleString('en')} measures —`);
    const db = await openBenchDatabase({
      measures: size,
      seed: opts.seed,
      fresh: opts.fresh,
      temp: opts.temp,
      log,
    });
    log(`data: ${db.origin}`);
    const app = await buildApp({
      ctx: db.ctx,
      config: { sessionHours: 12, publicUrl: undefined },
      logger: false,
      // as `accord start` runs it
      validateResponses: false,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const bare = await startBare();
    const pool = new pg.Pool({ connectionString: db.database.url, max: 20 });
    try {
      const scenario = await pickScenario(pool, db.admin, opts.connections);
      log(
        `roadmap ${scenario.roadmapId}: ${scenario.roadmapMeasures} measures; sphere ${scenario.sphereId}: ${scenario.sphereMeasures}, ${scenario.overdueInSphere} overdue`,
      );
      const headers = { authorization: `Bearer ${db.token}` };
      const common = {
        connections: opts.connections,
        duration: opts.duration,
        warmupSeconds: opts.warmup,
        headers,
      };
      const wantReports = !opts.only || opts.only.some((n) => REPORT_OPS.includes(n));
      const reportScenario = wantReports ? await prepareReports(pool, db.ctx, scenario, log) : null;
      if (reportScenario)
        log(
          `reports: ${reportScenario.reports} in all; ${reportScenario.drafts.length} drafts and ${reportScenario.submitted.length} submitted in the current period`,
        );
      const ops = [
        ...operations(scenario),
        ...flagListOperations(scenario),
        ...(reportScenario ? reportOperations(scenario, reportScenario) : []),
      ];
      for (const op of ops) {
        if (opts.only && !opts.only.includes(op.name)) continue;
        const res = await fetch(url + op.sample.path, { headers: op.headers ?? headers });
        const body = Buffer.from(await res.arrayBuffer());
        if (!res.ok)
          throw new Error(`${op.name}: GET ${op.sample.path} answered ${res.status}: ${body.toString()}`);
        if (op.name === 'list-filtered') {
          const page = JSON.parse(body.toString()) as { total: number; data: unknown[] };
          log(`list-filtered: ${page.total} matches, ${page.data.length} on the page`);
        }
        bare.setBody(body);
        if (opts.explain) {
          for (const q of op.queries) {
            const plan = await pool.query(`explain (analyze, buffers) ${q.text}`, q.values);
            console.log(
              `\n${op.name} — ${q.label}:\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}\n`,
            );
          }
        }

        log(`${op.name}: server…`);
        const request = await op.http(pool);
        let cpu0 = cpuNow(db.postmasterPid);
        const http = await runLoad({ ...common, headers: op.headers ?? headers, url, request }, () => {
          cpu0 = cpuNow(db.postmasterPid);
        });
        const httpCpu = cpuPerOp(cpu0, cpuNow(db.postmasterPid), http.count);
        log(`${op.name}: raw SQL…`);
        const raw = await runRaw(
          pool,
          op.raw,
          { concurrency: opts.connections, seconds: opts.duration, warmupSeconds: opts.warmup },
          () => {
            cpu0 = cpuNow(db.postmasterPid);
          },
        );
        const rawCpu = cpuPerOp(cpu0, cpuNow(db.postmasterPid), raw.count);
        log(`${op.name}: bare Fastify…`);
        const bareRequest: LoadRequest =
          request.kind === 'update' ? { ...request, trackVersions: false } : request;
        const floor = await runLoad({ ...common, url: bare.url, request: bareRequest });
        const row = {
          ...makeRow(op.name, size, op.targetMs, http, raw, floor, body.length, httpCpu, rawCpu),
          ...(op.extra ? await op.extra(pool) : {}),
        };
        rows.push(row);
        if (row.rawSqlUncachedP50Ms !== undefined)
          log(`${op.name}: a cache miss costs ${row.rawSqlUncachedP50Ms} ms of SQL (p50 of 5, alone)`);
        log(
          `${op.name}: ${row.answered ? '' : 'NO ANSWER within the run; '}p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.rps} rps; SQL p50 ${row.rawSqlP50Ms}, bare p50 ${row.bareP50Ms} → limit ${row.limitMs} ms, ratio ${row.ratio}; CPU per request: server ${row.cpuMsPerRequest.nodeMs} + PostgreSQL ${row.cpuMsPerRequest.postgresMs} ms, raw SQL ${row.rawSqlCpuMsPerOp.nodeMs} + ${row.rawSqlCpuMsPerOp.postgresMs} ms${row.non2xx || row.errors ? `; non-2xx ${row.non2xx}, errors ${row.errors} ${JSON.stringify(row.statusCodes)}` : ''}`,
        );
      }

      if (!opts.only || opts.only.includes('diff')) {
        log('diff: two baselines, 10 % changed…');
        diffLines.push(
          formatDiff(
            await benchDiff(db.ctx, db.admin, scenario.roadmapId, {
              http: { url, token: db.token },
              postmasterPid: db.postmasterPid,
              databaseUrl: db.database.url,
            }),
          ),
        );
        log(diffLines[diffLines.length - 1]);
      }

      if (opts.web && !webProblem && size === webSize) {
        if (!(await waitForChromium(300, log))) {
          webProblem = 'Chromium is not installed (set CHROMIUM_PATH or install Debian’s chromium)';
        } else {
          log('web: sign-in + dashboard in Chromium…');
          const res = await fetch(`${url}/api/v1/roadmaps/${scenario.roadmapId}/summary`, { headers });
          const summary = (await res.json()) as RoadmapSummary;
          try {
            web = {
              measures: size,
              ...(await measureWeb({
                baseUrl: url,
                email: BENCH_ADMIN.email,
                password: BENCH_ADMIN.password,
                byStatus: summary.leaves.byStatus,
                runs: opts.webRuns,
              })),
            };
          } catch (e) {
            webProblem = `the dashboard did not show its figures: ${e instanceof Error ? e.message.split('\n')[0] : e}`;
            log(webProblem);
          }
        }
      }
      // import and export figures (issue 10) on the largest dataset
      if ((!opts.only || opts.only.includes('import')) && size === Math.max(...opts.sizes))
        importFigures = await runImportBench(db.ctx, log, { postmasterPid: db.postmasterPid });
    } finally {
      await app.close();
      await bare.close();
      await pool.end();
      await db.close();
    }
  }

  // the commission report is timed on its own 1,000-measure dataset (issue 10's target)
  let reportRows: ReportBenchRow[] = [];
  if (!opts.only || opts.only.includes('report')) {
    log('— commission report (PDF, DOCX) —');
    reportRows = await benchCommissionReport({ seed: opts.seed, fresh: opts.fresh, temp: opts.temp, log });
  }

  console.log('');
  console.log(formatTable(rows));
  for (const r of reportRows) console.log(formatReportRow(r));
  const warning = loadWarning(rows);
  if (warning) console.log(`\n${warning}`);
  console.log('');
  console.log(
    `targets at ${TARGET_SIZE.toLocaleString('en')} measures: summary p50 ≤ 50 ms, list-filtered ≤ 15 ms, get ≤ 5 ms, update ≤ 15 ms; every p50 ≤ 2 × limit (limit = raw SQL p50 + bare Fastify p50)`,
  );
  for (const line of diffLines) console.log(`\n${line}`);
  if (web) console.log(`\n${formatWeb(web, web.measures)}`);
  else if (opts.web) console.log(`\nweb: not measured — ${webProblem ?? 'no dataset size was run'}`);
  if (importFigures) console.log(`\n${formatImport(importFigures)}`);
  const files = writeResults(rows, web);
  console.log(`\nwrote ${files.join(', ')} in ${Math.round((performance.now() - started) / 1000)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    process.exit(1);
  },
);
