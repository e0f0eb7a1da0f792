// A Playwright reporter that writes, per test, its wall time and the CPU seconds spent by the
// processes under this run: Chromium, node (the test worker and the e2e server) and
// PostgreSQL. Wall time on a shared machine is noise; CPU time shows what a test costs.
// playwright.config.ts adds it when E2E_CPU_REPORT names the file to write (tab-separated).
// Linux only (/proc); elsewhere it writes nothing.
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const TICKS = 100; // clock ticks per second on Linux

/** CPU seconds by kind of process, over every live process under this one. */
function cpuByKind() {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // utime, stime and the same of waited-for children (a closed renderer's CPU stays counted)
      const cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
      procs.set(Number(entry), { ppid: Number(f[1]), name, cpu });
    } catch {
      // the process ended while we read
    }
  }
  const underUs = (pid) => {
    for (let p = pid, depth = 0; p > 1 && depth < 64; depth++) {
      if (p === process.pid) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const sums = { chromium: 0, node: 0, postgres: 0 };
  for (const [pid, p] of procs) {
    if (pid === process.pid || !underUs(pid)) continue;
    const kind = /chrom/i.test(p.name) ? 'chromium' : /postgres/.test(p.name) ? 'postgres' : 'node';
    sums[kind] += p.cpu;
  }
  return sums;
}

/** Writes one tab-separated line per test and a total. */
export default class CpuReport {
  constructor() {
    this.file = process.env.E2E_CPU_REPORT;
    this.enabled = Boolean(this.file) && existsSync('/proc/self/stat');
    this.total = { wall: 0, chromium: 0, node: 0, postgres: 0 };
  }

  onBegin() {
    if (this.enabled) writeFileSync(this.file, 'test\twall s\tchromium CPU s\tnode CPU s\tpostgres CPU s\n');
  }

  onTestBegin() {
    if (!this.enabled) return;
    this.before = cpuByKind();
    this.startedAt = Date.now();
  }

  onTestEnd(test, result) {
    if (!this.enabled) return;
    const after = cpuByKind();
    const row = { wall: (Date.now() - this.startedAt) / 1000 };
    for (const k of ['chromium', 'node', 'postgres']) row[k] = after[k] - this.before[k];
    for (const k of Object.keys(this.total)) this.total[k] += row[k];
    const where = `${test.location.file.split(/[\\/]/).pop()}:${test.location.line}`;
    const cells = [row.wall, row.chromium, row.node, row.postgres].map((v) => v.toFixed(2));
    appendFileSync(this.file, `${where} ${test.title} (${result.status})\t${cells.join('\t')}\n`);
  }

  onEnd() {
    if (!this.enabled) return;
    const t = this.total;
    const cells = [t.wall, t.chromium, t.node, t.postgres].map((v) => v.toFixed(1));
    appendFileSync(this.file, `all tests\t${cells.join('\t')}\n`);
  }

  printsToStdio() {
    return false;
  }
}
