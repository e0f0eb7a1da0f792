import { describe, expect, it } from 'vitest';
import {
  codeFitsParent,
  codeSeries,
  codeSortKey,
  completionLevel,
  dateRangeError,
  dependencyCycle,
  elapsedPercent,
  isAtRisk,
  isOverdue,
  moveCreatesCycle,
  nextChildCode,
  parseCode,
  rebaseCode,
  rollUpProgress,
  rollUpStatus,
  seriesFor,
  weightedMean,
} from './measures';

describe('codes', () => {
  it('parses dotted numbers and party series, and refuses anything else', () => {
    expect(parseCode('2.3.1')).toEqual(['2', '3', '1']);
    expect(parseCode('2.3.KZ1.4')).toEqual(['2', '3', 'KZ1', '4']);
    for (const bad of ['', '0', '1.0', '1..2', 'a.1', '1.', '01', 'KZ', 'kz1', 'KZ0', '1.K1'])
      expect(parseCode(bad)).toBeNull();
  });

  it('numbers internal branches in their party series, apart from the joint one', () => {
    expect(codeSeries('1.4.KZ2')).toBe('KZ');
    expect(codeSeries('1.4.KZ2.1')).toBeNull();
    expect(seriesFor({ tier: 'internal', ownerPartyCode: 'KZ' }, { tier: 'shared' })).toBe('KZ');
    expect(seriesFor({ tier: 'internal', ownerPartyCode: 'KZ' }, null)).toBe('KZ');
    expect(seriesFor({ tier: 'internal', ownerPartyCode: 'KZ' }, { tier: 'internal' })).toBeNull();
    expect(seriesFor({ tier: 'shared', ownerPartyCode: null }, { tier: 'shared' })).toBeNull();
    // hidden siblings of another series never move the joint numbering, and vice versa
    expect(nextChildCode('1.4', ['1.4.1', '1.4.KZ1', '1.4.KZ2', '1.4.RU1'])).toBe('1.4.2');
    expect(nextChildCode('1.4', ['1.4.1', '1.4.KZ1', '1.4.KZ2'], 'KZ')).toBe('1.4.KZ3');
    expect(nextChildCode('1.4', ['1.4.1', '1.4.KZ1'], 'RU')).toBe('1.4.RU1');
    expect(nextChildCode(null, ['1', '2'], 'KZ')).toBe('KZ1');
    expect(codeFitsParent('1.4.KZ3', '1.4', 'KZ')).toBeNull();
    expect(codeFitsParent('1.4.3', '1.4', 'KZ')).toEqual({
      key: 'code.partySeries',
      params: { example: '1.4.KZN' },
    });
    expect(codeFitsParent('1.4.KZ3', '1.4', null)?.key).toBe('code.jointSeries');
    expect(codeFitsParent('1.4.RU3', '1.4', 'KZ')?.key).toBe('code.partySeries');
  });

  it('sorts a party series after the joint numbers of the same level', () => {
    const codes = ['1.KZ1', '1.10', '1.2', '1.KZ1.1', '1.RU2', '2'];
    expect(codes.sort((a, b) => codeSortKey(a).localeCompare(codeSortKey(b)))).toEqual([
      '1.2',
      '1.10',
      '1.KZ1',
      '1.KZ1.1',
      '1.RU2',
      '2',
    ]);
  });

  it('sorts 2.10 after 2.9 as plain strings', () => {
    const codes = ['2.10', '2.9', '10', '2', '2.9.1'];
    expect(codes.sort((a, b) => codeSortKey(a).localeCompare(codeSortKey(b)))).toEqual([
      '2',
      '2.9',
      '2.9.1',
      '2.10',
      '10',
    ]);
  });

  it('checks that a code belongs under its parent', () => {
    expect(codeFitsParent('3', null)).toBeNull();
    expect(codeFitsParent('3.1', null)?.key).toBe('code.topLevel');
    expect(codeFitsParent('2.4', '2')).toBeNull();
    expect(codeFitsParent('3.4', '2')).toEqual({
      key: 'code.underParent',
      params: { example: '2.N', parent: '2' },
    });
    expect(codeFitsParent('2.4.1', '2')?.key).toBe('code.underParent');
  });

  it('gives the next free code under a parent', () => {
    expect(nextChildCode(null, [])).toBe('1');
    expect(nextChildCode('2', ['2.1', '2.4'])).toBe('2.5');
    expect(nextChildCode(null, ['1', '3'])).toBe('4');
  });

  it('rebases codes of a moved subtree', () => {
    expect(rebaseCode('2.3.1', '2.3', '4.1')).toBe('4.1.1');
    expect(rebaseCode('2.3', '2.3', '4.1')).toBe('4.1');
    expect(() => rebaseCode('2.4', '2.3', '4.1')).toThrow();
  });
});

describe('dates and flags', () => {
  const m = { status: 'in_progress' as const, progress: 20, startDate: '2026-01-01', dueDate: '2026-12-31' };

  it('refuses a due date before the start date', () => {
    expect(dateRangeError('2026-05-01', '2026-04-30')).toBe('date.beforeStart');
    expect(dateRangeError('2026-05-01', '2026-05-01')).toBeNull();
  });

  it('is overdue after the due date unless completed or cancelled', () => {
    expect(isOverdue(m, '2027-01-01')).toBe(true);
    expect(isOverdue(m, '2026-12-31')).toBe(false);
    expect(isOverdue({ ...m, status: 'completed' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...m, status: 'cancelled' }, '2027-01-01')).toBe(false);
  });

  it('computes the elapsed share of the schedule, clamped', () => {
    expect(elapsedPercent(m, '2025-12-01')).toBe(0);
    expect(elapsedPercent({ startDate: '2026-01-01', dueDate: '2026-01-11' }, '2026-01-06')).toBe(50);
    expect(elapsedPercent(m, '2030-01-01')).toBe(100);
    // a one-day schedule does not divide by zero
    expect(elapsedPercent({ startDate: '2026-01-01', dueDate: '2026-01-01' }, '2026-01-01')).toBe(0);
  });

  it('is at risk when elapsed% − progress exceeds 25 (the README example)', () => {
    const half = { status: 'in_progress' as const, startDate: '2026-01-01', dueDate: '2026-01-11' };
    expect(isAtRisk({ ...half, progress: 20 }, '2026-01-06')).toBe(true); // 50 − 20 = 30
    expect(isAtRisk({ ...half, progress: 30 }, '2026-01-06')).toBe(false); // 50 − 30 = 20
    expect(isAtRisk({ ...half, progress: 0 }, '2025-12-31')).toBe(false); // not started yet
    expect(isAtRisk({ ...half, progress: 0 }, '2026-02-01')).toBe(false); // overdue, not at risk
    expect(isAtRisk({ ...half, progress: 0, status: 'completed' }, '2026-01-06')).toBe(false);
  });

  it('maps progress to the OGP completion level', () => {
    expect(completionLevel(0, 'not_started')).toBe('not_started');
    expect(completionLevel(1, 'in_progress')).toBe('limited');
    expect(completionLevel(49, 'in_progress')).toBe('limited');
    expect(completionLevel(50, 'in_progress')).toBe('substantial');
    expect(completionLevel(100, 'in_progress')).toBe('complete');
    expect(completionLevel(0, 'completed')).toBe('complete');
  });
});

describe('roll-ups', () => {
  it('weights children and ignores cancelled ones and zero weights', () => {
    expect(
      rollUpProgress([
        { weight: 3, progress: 100, status: 'completed' },
        { weight: 1, progress: 20, status: 'in_progress' },
        { weight: 5, progress: 0, status: 'cancelled' },
        { weight: 0, progress: 0, status: 'not_started' },
      ]),
    ).toBe(80);
    expect(rollUpProgress([{ weight: 1, progress: 0, status: 'cancelled' }])).toBeNull();
  });

  it('derives a parent status from its children', () => {
    const c = (status: 'not_started' | 'in_progress' | 'completed' | 'cancelled', progress = 0) => ({
      weight: 1,
      progress,
      status,
    });
    expect(rollUpStatus([])).toBeNull();
    expect(rollUpStatus([c('completed', 100), c('cancelled')])).toBe('completed');
    expect(rollUpStatus([c('cancelled'), c('cancelled')])).toBe('cancelled');
    expect(rollUpStatus([c('not_started'), c('completed', 100)])).toBe('in_progress');
    expect(rollUpStatus([c('not_started'), c('not_started')])).toBe('not_started');
  });

  it('averages group progress to one decimal', () => {
    expect(
      weightedMean([
        { weight: 1, progress: 10 },
        { weight: 2, progress: 15 },
      ]),
    ).toBe(13.3);
    expect(weightedMean([])).toBe(0);
  });
});

describe('tree and dependency cycles', () => {
  const parents: Record<string, string | null> = { a: null, b: 'a', c: 'b', d: null };

  it('refuses moving a measure under itself or a descendant', () => {
    const parentOf = (id: string) => parents[id];
    expect(moveCreatesCycle('a', 'c', parentOf)).toBe(true);
    expect(moveCreatesCycle('a', 'a', parentOf)).toBe(true);
    expect(moveCreatesCycle('c', 'd', parentOf)).toBe(false);
    expect(moveCreatesCycle('b', null, parentOf)).toBe(false);
  });

  it('finds a dependency that would close a cycle', () => {
    const edges: Record<string, string[]> = { a: ['b'], b: ['c'], c: [] };
    const deps = (id: string) => edges[id] ?? [];
    expect(dependencyCycle('c', ['a'], deps)).toBe('a');
    expect(dependencyCycle('a', ['a'], deps)).toBe('a');
    expect(dependencyCycle('d', ['a'], deps)).toBeNull();
  });
});
