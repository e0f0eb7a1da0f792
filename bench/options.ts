/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Dataset sizes (number of measures), each benchmarked in turn. */
  sizes: number[];
  /** Seconds of measured load per operation and floor. */
  duration: number;
  /** Seconds of unmeasured load before each measured one. */
  warmup: number;
  connections: number;
  seed: number;
  /** Regenerate datasets even when bench/.data holds one with the same size and seed. */
  fresh: boolean;
  /** Embedded server in a temporary directory, deleted at the end (nothing cached). */
  temp: boolean;
  /** Skip the browser part. */
  web: boolean;
  /** Cold and warm dashboard navigations to time. */
  webRuns: number;
  /** Only these operations (names as in the table). */
  only: string[] | null;
  /** Print EXPLAIN ANALYZE of each operation's SQL before measuring it. */
  explain: boolean;
}

export const USAGE = `npm run bench -- [options]

  --sizes 10000,100000   dataset sizes in measures (default 10000,100000)
  --duration 10          seconds of load per operation (default 10)
  --warmup 2             seconds of unmeasured load before each measurement (default 2)
  --connections 16       concurrent connections (default 16)
  --seed 1               generator seed (default 1)
  --only get,update      run only these operations (list-filtered, list-at-risk,
                         list-late-report, summary, search, search-roadmap,
                         get, get-with-history, update, report-submit, report-approve,
                         approval-queue, my-reports, reporting-completeness, diff, import,
                         report: the commission report PDF and DOCX)
  --fresh                regenerate datasets even when bench/.data has them
  --temp                 use a temporary data directory (nothing is kept)
  --explain              print EXPLAIN (ANALYZE, BUFFERS) of each operation's SQL
  --no-web               skip the browser measurements
  --web-runs 5           dashboard navigations to time (default 5)
`;

const positiveInt = (name: string, v: string | undefined, dflt: number) => {
  if (v === undefined) return dflt;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name}: must be a positive whole number, got "${v}"`);
  return n;
};

/** Parses argv; throws with a message naming the option on bad input. */
export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      temp: { type: 'boolean', default: false },
      'no-web': { type: 'boolean', default: false },
      'web-runs': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const sizes = (values.sizes ?? '10000,100000')
    .split(/[ ,]+/)
    .filter(Boolean)
    .map((s) => positiveInt('sizes', s, 0));
  const warmup = values.warmup === '0' ? 0 : positiveInt('warmup', values.warmup, 2);
  return {
    sizes,
    duration: positiveInt('duration', values.duration, 10),
    warmup,
    connections: positiveInt('connections', values.connections, 16),
    seed: positiveInt('seed', values.seed, 1),
    fresh: values.fresh ?? false,
    temp: values.temp ?? false,
    web: !values['no-web'],
    webRuns: positiveInt('web-runs', values['web-runs'], 5),
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
    explain: values.explain ?? false,
  };
}
