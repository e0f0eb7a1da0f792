import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, overdueByOrganisation } from './basis';

const r = (organisationId: string, partyId: string, role: 'lead' | 'co_executor' = 'lead') => ({
  organisationId,
  partyId,
  role,
});

describe('overdueByOrganisation', () => {
  it('counts a measure once for each organisation responsible for it, most overdue first', () => {
    const rows = overdueByOrganisation([
      { id: 'm1', responsible: [r('a', 'kz'), r('b', 'ru', 'co_executor')] },
      { id: 'm2', responsible: [r('b', 'ru'), r('b', 'ru', 'co_executor')] },
      { id: 'm3', responsible: [r('c', 'kz'), r('b', 'ru')] },
    ]);
    expect(rows).toEqual([
      { organisationId: 'b', partyId: 'ru', overdue: 3 },
      { organisationId: 'a', partyId: 'kz', overdue: 1 },
      { organisationId: 'c', partyId: 'kz', overdue: 1 },
    ]);
  });

  it('gives nothing for no measures', () => {
    expect(overdueByOrganisation([])).toEqual([]);
  });
});

describe('dates', () => {
  it('adds days across a month end and counts days between', () => {
    expect(addDays('2026-01-20', 30)).toBe('2026-02-19');
    expect(daysBetween('2026-02-19', '2026-01-20')).toBe(-30);
    expect(daysBetween('2026-01-20', '2026-02-19')).toBe(30);
  });
});
