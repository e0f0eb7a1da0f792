import { describe, expect, it } from 'vitest';
import { amendedFields, isPlanAmendment } from './plan-amendments';

describe('isPlanAmendment', () => {
  const approved = 'approved';
  it.each([
    ['a due date in an approved plan', approved, { kind: 'update', fields: ['dueDate'] }, true],
    ['responsible bodies', approved, { kind: 'update', fields: ['responsible'] }, true],
    ['a title', approved, { kind: 'update', fields: ['title'] }, true],
    ['a new measure', approved, { kind: 'create' }, true],
    ['a removed measure', approved, { kind: 'delete' }, true],
    ['progress (monitoring, not plan)', approved, { kind: 'update', fields: ['progress', 'status'] }, false],
    ['a description', approved, { kind: 'update', fields: ['description'] }, false],
    ['anything in a draft', 'draft', { kind: 'create' }, false],
    ['a due date in a draft', 'draft', { kind: 'update', fields: ['dueDate'] }, false],
    ['a removed measure of an archived roadmap (refused elsewhere)', 'archived', { kind: 'delete' }, false],
    ['a removed measure of an approved roadmap never frozen', approved, { kind: 'delete' }, true],
    ['no field at all', approved, { kind: 'update', fields: [] }, false],
  ] as const)('%s', (_n, status, write, expected) => {
    expect(isPlanAmendment(status, write)).toBe(expected);
  });
  it('names the plan fields of a change', () => {
    expect(amendedFields(['progress', 'dueDate', 'title'])).toEqual(['dueDate', 'title']);
  });
});
