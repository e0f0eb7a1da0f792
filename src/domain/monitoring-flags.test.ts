import { describe, expect, it } from 'vitest';
import type { MeasureStatus, ReportState } from '../contracts/enums';
import { isAtRiskAsKnown, isLateReport, isReportMissing, latestDuePeriod } from './monitoring-flags';

const KZ = 'kz';
const RU = 'ru';
const period = { startDate: '2026-01-01', endDate: '2026-03-31', reportDueDate: '2026-04-10' };
const leaf = { startDate: '2026-01-01', dueDate: '2026-12-31', childCount: 0 };
const facts = (
  reports: { partyId: string; state: ReportState; late?: boolean }[],
  scope: 'all' | string | null,
  measure: { startDate: string; dueDate: string; status: MeasureStatus; childCount: number } = {
    ...leaf,
    status: 'in_progress',
  },
) => ({
  measure,
  responsibleParties: [KZ, RU],
  period,
  reports: reports.map((r) => ({ late: false, ...r })),
  scope,
});

describe('isLateReport', () => {
  it.each([
    // reports, scope, day, late?
    [[], 'all', '2026-04-10', false], // due today: not yet late
    [[], 'all', '2026-04-11', true], // nothing handed in after the due date
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'approved' },
      ],
      'all',
      '2026-04-11',
      false,
    ],
    [
      [
        { partyId: KZ, state: 'approved', late: true },
        { partyId: RU, state: 'approved' },
      ],
      null,
      '2026-04-11',
      true,
    ],
    // RU submitted on time: RU and admins know it; KZ and viewers only see approved reports
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'submitted' },
      ],
      RU,
      '2026-04-11',
      false,
    ],
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'submitted' },
      ],
      'all',
      '2026-04-11',
      false,
    ],
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'submitted' },
      ],
      KZ,
      '2026-04-11',
      true,
    ],
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'submitted' },
      ],
      null,
      '2026-04-11',
      true,
    ],
    // a draft or a returned report is not handed in, whoever asks
    [
      [
        { partyId: KZ, state: 'approved' },
        { partyId: RU, state: 'returned' },
      ],
      RU,
      '2026-04-11',
      true,
    ],
    [
      [
        { partyId: KZ, state: 'draft' },
        { partyId: RU, state: 'approved' },
      ],
      'all',
      '2026-04-11',
      true,
    ],
  ] as const)('%j as %s on %s → %s', (reports, scope, day, late) => {
    expect(isLateReport(facts([...reports], scope), day)).toBe(late);
  });

  it('is never late, nor missing, where no report is due: cancelled, not started by then, a parent, done before', () => {
    for (const m of [
      { ...leaf, status: 'cancelled' as const },
      { ...leaf, startDate: '2026-04-01', status: 'in_progress' as const },
      { ...leaf, childCount: 2, status: 'in_progress' as const },
      { ...leaf, startDate: '2025-10-01', dueDate: '2025-12-20', status: 'completed' as const },
    ]) {
      expect(isLateReport(facts([], 'all', m), '2026-05-01'), JSON.stringify(m)).toBe(false);
      expect(isReportMissing(facts([], 'all', m), '2026-05-01'), JSON.stringify(m)).toBe(false);
    }
    // completed within the period: its report is still due
    expect(isLateReport(facts([], 'all', { ...leaf, status: 'completed' }), '2026-05-01')).toBe(true);
  });

  it('a missing report is also late; a late one is not missing', () => {
    const late = facts(
      [
        { partyId: KZ, state: 'approved', late: true },
        { partyId: RU, state: 'approved' },
      ],
      'all',
    );
    expect([isReportMissing(late, '2026-05-01'), isLateReport(late, '2026-05-01')]).toEqual([false, true]);
    const missing = facts([{ partyId: KZ, state: 'approved' }], 'all');
    expect([isReportMissing(missing, '2026-05-01'), isLateReport(missing, '2026-05-01')]).toEqual([
      true,
      true,
    ]);
  });
});

describe('isAtRiskAsKnown', () => {
  const onTrack = {
    status: 'in_progress' as const,
    progress: 60,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
  };
  it.each([
    // measure, report missing, at risk?
    [onTrack, false, false],
    [onTrack, true, true], // on schedule, but a report is missing
    [{ ...onTrack, progress: 0 }, false, true], // behind schedule, as before
    [{ ...onTrack, dueDate: '2026-04-30' }, true, false], // overdue stays overdue, not at risk
    [{ ...onTrack, status: 'completed' as const, progress: 100 }, true, false],
    [{ ...onTrack, status: 'cancelled' as const }, true, false],
  ])('%j, missing %s → %s', (m, missing, atRisk) => {
    expect(isAtRiskAsKnown(m, missing, '2026-05-01')).toBe(atRisk);
  });
});

describe('latestDuePeriod', () => {
  const q1 = { id: 'q1', endDate: '2026-03-31', reportDueDate: '2026-04-10' };
  const q2 = { id: 'q2', endDate: '2026-06-30', reportDueDate: '2026-07-10' };
  it.each([
    ['2026-04-10', null], // due today has not passed
    ['2026-04-11', 'q1'],
    ['2026-07-10', 'q1'],
    ['2026-07-11', 'q2'],
  ])('on %s → %s', (day, id) => {
    expect(latestDuePeriod([q2, q1], day)?.id ?? null).toBe(id);
  });
});
