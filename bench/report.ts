/** The results: one row per operation and dataset size, the table, the targets and the JSON files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadStats } from './stats';
import { round } from './stats';
import type { WebResult } from './web';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** The size at which issue 2's targets apply. */
export const TARGET_SIZE = 100_000;
/** Issue 3's web targets. */
export const WEB_TARGETS = { jsGzipBytes: 300_000, dashboardMs: 1500 };

/** One line of latest.json. The first six fields are the issue's; the rest explain them. */
export interface ResultRow {
  operation: string;
  measures: number;
  p50Ms: number;
  p99Ms: number;
  rps: number;
  /** Raw SQL p50 + bare Fastify p50: what the operation cannot beat by much. */
  limitMs: number;
  rawSqlP50Ms: number;
  rawSqlP99Ms: number;
  bareP50Ms: number;
  bareP99Ms: number;
  /** p50 / limit: 1 means no overhead beyond SQL and HTTP; the target is ≤ 2. */
  ratio: number;
  targetMs: number;
  /** p50 ≤ target and p50 ≤ 2 × limit (judged at 100,000 measures); false when a figure is missing. */
  pass: boolean;
  /** False when the server or a floor gave no answer within the run: no figure, never a pass. */
  answered: boolean;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  responseBytes: number;
  requests: number;
  /** CPU ms per request of the server process and of PostgreSQL: unlike latencies, barely affected by other load. */
  cpuMsPerRequest: { nodeMs: number; postgresMs: number };
  /** The same for one raw SQL operation (nodeMs: the pg client's side). */
  rawSqlCpuMsPerOp: { nodeMs: number; postgresMs: number };
  /** Summary only: the SQL of a cache miss (the four aggregates), timed alone. */
  rawSqlUncachedP50Ms?: number;
  /** The machine's 1-minute load average right after the server run: above the core count, others competed. */
  loadAvg1m: number;
}

/** Combines the three measurements of one operation into a row. */
export function makeRow(
  operation: string,
  measures: number,
  targetMs: number,
  http: LoadStats,
  raw: LoadStats,
  bare: LoadStats,
  responseBytes: number,
  cpu: { nodeMs: number; postgresMs: number },
  rawCpu: { nodeMs: number; postgresMs: number },
): ResultRow {
  // a run without answers has no percentiles: NaN here, null once it crossed IPC as JSON
  // (and null / x is 0, null <= x is true), so every figure is normalised to a number or NaN
  const fig = (x: number | null | undefined) =>
    typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN;
  http = { ...http, p50Ms: fig(http.p50Ms), p99Ms: fig(http.p99Ms) };
  raw = { ...raw, p50Ms: fig(raw.p50Ms), p99Ms: fig(raw.p99Ms) };
  bare = { ...bare, p50Ms: fig(bare.p50Ms), p99Ms: fig(bare.p99Ms) };
  const limitMs = round(raw.p50Ms + bare.p50Ms);
  const ratio = round(http.p50Ms / limitMs);
  // NaN compares false both ways, so a missing figure must be ruled out explicitly
  const answered = [http.p50Ms, http.p99Ms, limitMs, ratio].every(Number.isFinite) && http.count > 0;
  return {
    operation,
    measures,
    p50Ms: http.p50Ms,
    p99Ms: http.p99Ms,
    rps: http.rps,
    limitMs,
    rawSqlP50Ms: raw.p50Ms,
    rawSqlP99Ms: raw.p99Ms,
    bareP50Ms: bare.p50Ms,
    bareP99Ms: bare.p99Ms,
    ratio,
    targetMs,
    pass: answered && http.p50Ms <= targetMs && ratio <= 2 && http.non2xx === 0 && http.errors === 0,
    answered,
    non2xx: http.non2xx,
    errors: http.errors,
    statusCodes: http.statusCodes,
    responseBytes,
    requests: http.count,
    cpuMsPerRequest: cpu,
    rawSqlCpuMsPerOp: rawCpu,
    loadAvg1m: round(os.loadavg()[0]),
  };
}

const pad = (s: string, n: number, right = false) => (right ? s.padEnd(n) : s.padStart(n));
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

/** Why a row misses its targets: a missing figure first (never compared), then each missed target. */
function missReasons(r: ResultRow): string {
  const noAnswer = !Number.isFinite(r.p50Ms) || r.requests === 0;
  const noLimit = !Number.isFinite(r.limitMs);
  const compared = !noAnswer && !noLimit;
  return [
    noAnswer ? 'no answer' : '',
    noLimit ? 'no limit' : '',
    !noAnswer && r.p50Ms > r.targetMs ? `p50 > ${r.targetMs}` : '',
    compared && r.ratio > 2 ? 'ratio > 2' : '',
    r.non2xx || r.errors ? 'failures' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** PASS or MISS (why) at the target size; in parentheses at other sizes. A row without a figure never passes. */
export function verdict(r: ResultRow): string {
  const reasons = missReasons(r);
  const pass = r.pass && reasons === '';
  if (r.measures === TARGET_SIZE) return pass ? 'PASS' : `MISS (${reasons || 'see figures'})`;
  return pass ? '(would pass)' : `(would miss: ${reasons || 'see figures'})`;
}

/** The results table, one line per row, with PASS/MISS at the target size. */
export function formatTable(rows: ResultRow[]): string {
  const head = [
    'operation',
    'measures',
    'p50 ms',
    'p99 ms',
    'rps',
    'SQL p50',
    'bare p50',
    'limit',
    'p50/limit',
    'target',
    'non-2xx',
    'CPU/req',
    'SQL CPU',
    'verdict',
  ];
  const widths = [22, 9, 8, 8, 7, 8, 9, 8, 10, 7, 8, 8, 8, 22];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i === 0 || i === 13)).join(' ');
  const cpu = (c: { nodeMs: number; postgresMs: number }) =>
    ms(c.nodeMs + (Number.isFinite(c.postgresMs) ? c.postgresMs : 0));
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of rows) {
    out.push(
      line([
        r.operation,
        r.measures.toLocaleString('en'),
        ms(r.p50Ms),
        ms(r.p99Ms),
        r.rps.toFixed(0),
        ms(r.rawSqlP50Ms),
        ms(r.bareP50Ms),
        ms(r.limitMs),
        Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '—',
        `≤${r.targetMs}`,
        String(r.non2xx + r.errors),
        cpu(r.cpuMsPerRequest),
        cpu(r.rawSqlCpuMsPerOp),
        verdict(r),
      ]),
    );
  }
  return out.join('\n');
}

/** The web figures and their targets, as printed lines. */
export function formatWeb(w: WebResult, measures: number): string {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = median(w.coldMs);
  const warm = median(w.warmMs);
  const kB = (b: number) => `${(b / 1000).toFixed(1)} kB`;
  return [
    `web (Chromium, ${measures.toLocaleString('en')} measures; figures recognised by ${w.probe}; status counts ${w.mismatches.length ? `DIFFER from the summary API: ${w.mismatches.join('; ')}` : 'equal the summary API'})`,
    `  JavaScript on the sign-in + dashboard path: ${kB(w.jsGzipBytes)} gzip (${kB(w.jsRawBytes)} raw) in ${w.scripts.length} files, ${kB(w.jsGzipBytesBeforeFigures)} of it before the figures showed — target ≤ ${kB(WEB_TARGETS.jsGzipBytes)}: ${w.jsGzipBytes <= WEB_TARGETS.jsGzipBytes ? 'PASS' : 'MISS'}`,
    ...w.scripts
      .slice(0, 8)
      .map((s) => `    ${pad(kB(s.gzipBytes), 9)}  ${s.url}${s.lazy ? ' (after the figures)' : ''}`),
    `  navigation → dashboard figures: median ${cold.toFixed(0)} ms cold cache, ${warm.toFixed(0)} ms warm (runs: ${w.coldMs.map((x) => x.toFixed(0)).join(', ')} / ${w.warmMs.map((x) => x.toFixed(0)).join(', ')}) — target ≤ ${WEB_TARGETS.dashboardMs} ms: ${cold <= WEB_TARGETS.dashboardMs ? 'PASS' : 'MISS'}${measures === TARGET_SIZE ? '' : ` (not at ${TARGET_SIZE.toLocaleString('en')} measures)`}`,
  ].join('\n');
}

/** Writes latest.json (operations) and web-latest.json (browser figures). */
export function writeResults(rows: ResultRow[], web: (WebResult & { measures: number }) | null): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const files = [path.join(RESULTS_DIR, 'latest.json')];
  writeFileSync(files[0], `${JSON.stringify(rows, null, 2)}\n`);
  if (web) {
    const f = path.join(RESULTS_DIR, 'web-latest.json');
    const out = {
      ...web,
      coldMs: web.coldMs.map((x) => Math.round(x)),
      warmMs: web.warmMs.map((x) => Math.round(x)),
      targets: WEB_TARGETS,
    };
    // Short number arrays on one line, as the project's formatter (Biome) writes them.
    const text = JSON.stringify(out, null, 2).replace(
      /\[\n\s+([-\d.,\s]+?)\n\s+\]/g,
      (_m, items: string) => `[${items.split(/,\s*/).join(', ')}]`,
    );
    writeFileSync(f, `${text}\n`);
    files.push(f);
  }
  return files;
}

/** A warning when other work competed for the CPU during the runs (their figures are then pessimistic). */
export function loadWarning(rows: ResultRow[]): string | null {
  const cores = os.cpus().length;
  const busy = rows.filter((r) => r.loadAvg1m > cores);
  if (!busy.length) return null;
  return `warning: the machine was busy during ${busy.map((r) => `${r.operation}@${r.measures}`).join(', ')} (1-min load average up to ${Math.max(...busy.map((r) => r.loadAvg1m))} on ${cores} cores): other processes competed with the benchmark, so these figures are pessimistic`;
}
