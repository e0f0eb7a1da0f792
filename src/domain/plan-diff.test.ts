import { describe, expect, it } from 'vitest';
import {
  diffCounts,
  diffPage,
  diffPlans,
  filterDiff,
  itemChanges,
  type PlanItem,
  visiblePlan,
} from './plan-diff';
import type { Actor } from './policies';

const KZ = 'kz-party';
const RU = 'ru-party';
const item = (id: string, o: Partial<PlanItem> = {}): PlanItem => ({
  measureId: id,
  parentId: null,
  code: id,
  title: { ru: `Мера ${id}` },
  startDate: '2026-01-01',
  dueDate: '2026-06-30',
  tier: 'shared',
  ownerPartyId: null,
  status: 'not_started',
  progress: 0,
  responsible: [{ organisationId: 'org-kz', partyId: KZ, role: 'lead' }],
  sphereIds: ['trade'],
  ...o,
});

describe('itemChanges', () => {
  it.each([
    ['nothing', {}, []],
    [
      'a later due date, in days',
      { dueDate: '2026-12-31' },
      [{ field: 'dueDate', old: '2026-06-30', new: '2026-12-31', days: 184 }],
    ],
    [
      'an earlier start',
      { startDate: '2025-12-01' },
      [{ field: 'startDate', old: '2026-01-01', new: '2025-12-01', days: -31 }],
    ],
    [
      'a title in one language',
      { title: { ru: 'Мера 1', kk: 'Шара' } },
      [{ field: 'title', old: { ru: 'Мера 1' }, new: { ru: 'Мера 1', kk: 'Шара' } }],
    ],
    [
      'status and progress',
      { status: 'in_progress', progress: 40 },
      [
        { field: 'status', old: 'not_started', new: 'in_progress' },
        { field: 'progress', old: 0, new: 40 },
      ],
    ],
    [
      'a body added and one removed',
      { responsible: [{ organisationId: 'org-ru', partyId: RU, role: 'lead' }] },
      [{ field: 'responsible', added: ['org-ru'], removed: ['org-kz'] }],
    ],
    [
      'a changed role: the body removed and added',
      { responsible: [{ organisationId: 'org-kz', partyId: KZ, role: 'co_executor' }] },
      [{ field: 'responsible', added: ['org-kz'], removed: ['org-kz'] }],
    ],
    ['spheres', { sphereIds: ['energy', 'trade'] }, [{ field: 'sphereIds', added: ['energy'], removed: [] }]],
  ] as const)('%s', (_name, patch, expected) => {
    expect(itemChanges(item('1'), item('1', patch as Partial<PlanItem>))).toEqual(expected);
  });
});

describe('diffPlans', () => {
  it('sorts added, removed and changed measures by code (2.10 after 2.9)', () => {
    const from = [item('2.9'), item('1'), item('3')];
    const to = [item('2.10'), item('2.9', { dueDate: '2026-07-01' }), item('1'), item('2.2')];
    const d = diffPlans(from, to);
    expect(d.added.map((m) => m.code)).toEqual(['2.2', '2.10']);
    expect(d.removed.map((m) => m.code)).toEqual(['3']);
    expect(d.changed.map((c) => [c.item.code, c.changes[0].days])).toEqual([['2.9', 1]]);
  });
});

describe('filterDiff', () => {
  const d = diffPlans(
    [item('1'), item('2', { sphereIds: [] }), item('3')],
    [
      item('1', { dueDate: '2026-07-30', progress: 5 }),
      item('3', { responsible: [{ organisationId: 'org-ru', partyId: RU, role: 'lead' }] }),
      item('4', { sphereIds: ['energy'] }),
    ],
  );
  it.each([
    ['no filter', {}, ['4'], ['2'], ['1', '3']],
    ['kind', { kinds: ['added'] as const }, ['4'], [], []],
    ['field keeps only those changes', { fields: ['progress'] as const }, [], [], ['1']],
    ['sphere', { sphereId: 'trade' }, [], [], ['1', '3']],
    ['party on either side of a change', { partyId: RU }, [], [], ['3']],
  ])('%s', (_n, f, added, removed, changed) => {
    const out = filterDiff(d, f);
    expect([
      out.added.map((m) => m.code),
      out.removed.map((m) => m.code),
      out.changed.map((c) => c.item.code),
    ]).toEqual([added, removed, changed]);
  });
  it('drops the other changes of a measure when a field is asked for', () => {
    expect(filterDiff(d, { fields: ['dueDate'] }).changed[0].changes.map((c) => c.field)).toEqual([
      'dueDate',
    ]);
  });
});

describe('visiblePlan', () => {
  const plan = [
    item('1'),
    item('1.KZ1', { tier: 'internal', ownerPartyId: KZ }),
    item('1.RU1', { tier: 'internal', ownerPartyId: RU }),
  ];
  const actor = (role: Actor['role'], partyId: string | null): Actor => ({
    userId: 'u',
    role,
    partyId,
    organisationId: null,
    label: 'x',
  });
  it.each([
    ['admin', actor('admin', null), ['1', '1.KZ1', '1.RU1']],
    ['KZ coordinator', actor('coordinator', KZ), ['1', '1.KZ1']],
    ['RU reporter', actor('reporter', RU), ['1', '1.RU1']],
    ['viewer', actor('viewer', null), ['1']],
  ])('%s', (_n, a, codes) => {
    expect(visiblePlan(a, plan).map((m) => m.code)).toEqual(codes);
  });
});

describe('diffPage', () => {
  // 3 changed (c1…c3), 2 added (a1, a2), 1 removed (r1): pages run changed, then added, then removed
  const d = {
    changed: ['c1', 'c2', 'c3'].map((id) => ({ item: item(id), before: item(id), changes: [] })),
    added: [item('a1'), item('a2')],
    removed: [item('r1')],
  };
  const ids = (p: ReturnType<typeof diffPage>) => [
    ...p.changed.map((c) => c.item.measureId),
    ...p.added.map((m) => m.measureId),
    ...p.removed.map((m) => m.measureId),
  ];
  it.each([
    [0, 2, ['c1', 'c2']],
    [2, 2, ['c3', 'a1']],
    [4, 2, ['a2', 'r1']],
    [5, 10, ['r1']],
    [6, 2, []],
    [0, 10, ['c1', 'c2', 'c3', 'a1', 'a2', 'r1']],
  ])('from %i, %i measures: %j', (offset, limit, want) => {
    expect(ids(diffPage(d, offset, limit))).toEqual(want);
  });
  it('counts every list whatever the page', () => {
    expect(diffCounts(d)).toEqual({ changed: 3, added: 2, removed: 1 });
  });
});
