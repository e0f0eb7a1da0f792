import { describe, expect, it } from 'vitest';
import type { MeasureStatus } from '../contracts/enums';
import {
  type ApprovedClaim,
  claimsAgree,
  confirm,
  dissent,
  fromReports,
  reportsBasis,
  transitionAction,
} from './reconciliation';

const KZ = 'kz';
const RU = 'ru';
const claim = (partyId: string, status: MeasureStatus, progress: number): ApprovedClaim => ({
  partyId,
  status,
  progress,
  reviewedBy: `coord-${partyId}`,
  reviewedAt: '2026-04-05T10:00:00.000Z',
});
const by = (partyId: string, status: MeasureStatus, progress: number) => ({
  partyId,
  userId: `u-${partyId}`,
  at: '2026-04-06T10:00:00.000Z',
  status,
  progress,
});

describe('fromReports', () => {
  it.each([
    ['no report yet', [KZ, RU], [], 'awaiting_reports', null, null],
    ['one of two approved', [KZ, RU], [claim(KZ, 'in_progress', 40)], 'awaiting_reports', null, null],
    [
      'same status, 10 points apart: the lower',
      [KZ, RU],
      [claim(KZ, 'in_progress', 40), claim(RU, 'in_progress', 50)],
      'confirmed',
      'in_progress',
      40,
    ],
    [
      'same status, 11 points apart',
      [KZ, RU],
      [claim(KZ, 'in_progress', 39), claim(RU, 'in_progress', 50)],
      'disputed',
      null,
      null,
    ],
    [
      'different statuses',
      [KZ, RU],
      [claim(KZ, 'completed', 100), claim(RU, 'in_progress', 95)],
      'disputed',
      null,
      null,
    ],
    ['one responsible party', [KZ], [claim(KZ, 'in_progress', 30)], 'confirmed', 'in_progress', 30],
    [
      'a report of a party no longer responsible is ignored',
      [KZ],
      [claim(KZ, 'in_progress', 30), claim(RU, 'completed', 100)],
      'confirmed',
      'in_progress',
      30,
    ],
    ['no responsible party', [], [], 'awaiting_reports', null, null],
  ] as const)('%s', (_name, responsible, approved, state, status, progress) => {
    const js = fromReports(responsible, approved);
    expect(js).toMatchObject({ state, status, progress });
  });

  it('each approval is its party confirmation; dissents are kept', () => {
    const d = { partyId: RU, userId: 'u', at: 'x', text: 'не согласны' };
    const js = fromReports([KZ, RU], [claim(RU, 'in_progress', 50), claim(KZ, 'in_progress', 45)], [d]);
    expect(js.confirmations).toEqual([
      {
        partyId: KZ,
        userId: 'coord-kz',
        at: '2026-04-05T10:00:00.000Z',
        status: 'in_progress',
        progress: 45,
      },
      {
        partyId: RU,
        userId: 'coord-ru',
        at: '2026-04-05T10:00:00.000Z',
        status: 'in_progress',
        progress: 50,
      },
    ]);
    expect(js.dissents).toEqual([d]);
  });

  it('claimsAgree needs at least one claim', () => {
    expect(claimsAgree([])).toBe(false);
    expect(claimsAgree([{ status: 'completed', progress: 100 }])).toBe(true);
  });
});

describe('confirm', () => {
  const disputed = fromReports([KZ, RU], [claim(KZ, 'completed', 100), claim(RU, 'in_progress', 70)]);

  it('a confirmation of different values becomes the proposal and waits for the other party', () => {
    const r = confirm(disputed, [KZ, RU], by(KZ, 'in_progress', 80));
    expect(r.ok && r.next).toMatchObject({ state: 'disputed', status: 'in_progress', progress: 80 });
    if (!r.ok) return;
    expect(r.next.confirmations.find((c) => c.partyId === KZ)).toMatchObject({
      progress: 80,
      userId: 'u-kz',
    });
    expect(r.next.confirmations).toHaveLength(2);
  });

  it('both parties confirming the same values confirm the status', () => {
    const a = confirm(disputed, [KZ, RU], by(KZ, 'in_progress', 80));
    if (!a.ok) throw new Error('refused');
    const b = confirm(a.next, [KZ, RU], by(RU, 'in_progress', 80));
    expect(b.ok && b.next).toMatchObject({ state: 'confirmed', status: 'in_progress', progress: 80 });
  });

  it('the other party confirming yet other values replaces the proposal again', () => {
    const a = confirm(disputed, [KZ, RU], by(KZ, 'in_progress', 80));
    if (!a.ok) throw new Error('refused');
    const b = confirm(a.next, [KZ, RU], by(RU, 'in_progress', 75));
    expect(b.ok && b.next).toMatchObject({ state: 'disputed', status: 'in_progress', progress: 75 });
  });

  it('a single responsible party confirms alone', () => {
    const one = fromReports([KZ], [claim(KZ, 'in_progress', 30)]);
    const r = confirm(one, [KZ], by(KZ, 'in_progress', 35));
    expect(r.ok && r.next).toMatchObject({ state: 'confirmed', progress: 35 });
  });

  it.each([
    [
      'a party that is not responsible',
      disputed,
      by('other', 'in_progress', 80),
      'jointStatus.notResponsible',
    ],
    [
      'while reports are awaited',
      fromReports([KZ, RU], [claim(KZ, 'completed', 100)]),
      by(KZ, 'in_progress', 80),
      'jointStatus.awaitingReports',
    ],
  ] as const)('refuses %s', (_n, js, who, problem) => {
    expect(confirm(js, [KZ, RU], who)).toEqual({ ok: false, problem });
  });
});

describe('dissent', () => {
  const confirmed = fromReports([KZ, RU], [claim(KZ, 'in_progress', 40), claim(RU, 'in_progress', 45)]);
  const d = { partyId: RU, userId: 'u', at: 't', text: 'прогресс завышен' };

  it('stays beside a confirmed status', () => {
    const r = dissent(confirmed, [KZ, RU], d);
    expect(r.ok && r.next).toMatchObject({ state: 'confirmed', progress: 40, dissents: [d] });
  });

  it('is refused for a party that is not responsible and while reports are awaited', () => {
    expect(dissent(confirmed, [KZ], d)).toEqual({ ok: false, problem: 'jointStatus.notResponsible' });
    expect(dissent(fromReports([KZ, RU], []), [KZ, RU], d)).toEqual({
      ok: false,
      problem: 'jointStatus.awaitingReports',
    });
  });
});

describe('reportsBasis and transitions', () => {
  it('is the same for the same reports in any order, and changes when one does', () => {
    const a = { ...claim(KZ, 'in_progress', 40), reportId: 'r1' };
    const b = { ...claim(RU, 'in_progress', 45), reportId: 'r2' };
    expect(reportsBasis([a, b], [KZ, RU])).toBe(reportsBasis([b, a], [RU, KZ]));
    expect(reportsBasis([a], [KZ, RU])).not.toBe(reportsBasis([a, b], [KZ, RU]));
    expect(reportsBasis([a, b], [KZ, RU])).not.toBe(reportsBasis([a, { ...b, progress: 46 }], [KZ, RU]));
  });

  it.each([
    ['awaiting_reports', 'awaiting_reports', null],
    ['awaiting_reports', 'disputed', 'joint_status.dispute'],
    ['disputed', 'confirmed', 'joint_status.confirm'],
    ['confirmed', 'awaiting_reports', 'joint_status.await'],
    ['confirmed', 'disputed', 'joint_status.dispute'],
  ] as const)('%s → %s records %s', (from, to, action) => {
    expect(transitionAction(from, to)).toBe(action);
  });
});
