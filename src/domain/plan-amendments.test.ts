import { describe, expect, it } from 'vitest';
import { amendedFields, isPlanAmendment } from './plan-amendments';

describe('isPlanAmendment', () => {
  const approved = { roadmapStatus: 'approved', hasBaseline: true };
  it.each([
    ['a due date in an approved plan', approved, { kind: 'update', fields: ['dueDate'] }, true],
    ['responsible bodies', approved, { kind: 'update', fields: ['responsible'] }, true],
    ['a title', approved, { kind: 'update', fields: ['title'] }, true],
    ['a new measure', approved, { kind: 'create' }, true],
    ['a removed measure', approved, { kind: 'delete' }, true],
    ['progress (monitoring, not plan)', approved, { kind: 'update', fields: ['progress', 'status'] }, false],
    ['a description', approved, { kind: 'update', fields: ['description'] }, false],
    ['anything in a draft', { roadmapStatus: 'draft', hasBaseline: true }, { kind: 'create' }, false],
    [
      'an approved roadmap never frozen',
      { roadmapStatus: 'approved', hasBaseline: false },
      { kind: 'delete' },
      false,
    ],
  ] as const)('%s', (_n, state, write, expected) => {
    expect(isPlanAmendment(state, write)).toBe(expected);
  });
  it('names the plan fields of a change', () => {
    expect(amendedFields(['progress', 'dueDate', 'title'])).toEqual(['dueDate', 'title']);
  });
});
