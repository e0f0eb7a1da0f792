/** The benchmark's verdicts: a row without a figure is never a pass. */
import { describe, expect, it } from 'vitest';
import { formatTable, makeRow, TARGET_SIZE, verdict } from './report';
import type { LoadStats } from './stats';
import { summarise } from './stats';

const stats = (latencies: number[]): LoadStats => summarise(latencies, 10);
const cpu = { nodeMs: 1, postgresMs: 1 };
const row = (http: LoadStats, raw: LoadStats, measures = TARGET_SIZE) =>
  makeRow('op', measures, 30, http, raw, stats([1, 1, 1]), 100, cpu, cpu);

describe('bench verdicts', () => {
  it('passes a row whose p50 meets the target and the ratio', () => {
    const r = row(stats([10, 10, 12]), stats([8, 8, 8]));
    expect(r.pass).toBe(true);
    expect(verdict(r)).toBe('PASS');
  });

  it('names each missed target', () => {
    const r = row(stats([100, 100, 100]), stats([8, 8, 8]));
    expect(verdict(r)).toBe('MISS (p50 > 30, ratio > 2)');
  });

  it('never passes a row where the server gave no answer within the run', () => {
    const r = row(stats([]), stats([8, 8, 8]));
    expect(r.answered).toBe(false);
    expect(r.pass).toBe(false);
    expect(verdict(r)).toBe('MISS (no answer)');
    expect(verdict({ ...r, measures: 10_000 })).toBe('(would miss: no answer)');
    expect(formatTable([r])).toContain('MISS (no answer)');
  });

  it('never passes a run whose percentiles came back as null over IPC (JSON has no NaN)', () => {
    const overIpc = JSON.parse(JSON.stringify(stats([]))) as LoadStats;
    expect(overIpc.p50Ms).toBeNull();
    const r = row(overIpc, stats([8, 8, 8]));
    expect(r.pass).toBe(false);
    expect(Number.isNaN(r.ratio)).toBe(true);
    expect(verdict(r)).toBe('MISS (no answer)');
  });

  it('never passes a row whose raw SQL gave no answer (no limit to compare with)', () => {
    const r = row(stats([10, 10, 10]), stats([]));
    expect(r.pass).toBe(false);
    expect(verdict(r)).toBe('MISS (no limit)');
  });

  it('judges a row read back from JSON (NaN written as null) as no answer', () => {
    const r = row(stats([]), stats([8, 8, 8]));
    const back = JSON.parse(JSON.stringify({ ...r, pass: true, answered: undefined }));
    expect(verdict(back)).toBe('MISS (no answer)');
    expect(formatTable([back])).not.toContain('PASS');
  });
});
