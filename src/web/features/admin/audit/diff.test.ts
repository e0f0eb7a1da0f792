import { describe, expect, it } from 'vitest';
import { auditDiff } from './diff';

describe('auditDiff', () => {
  it.each([
    [
      'an update shows only the changed fields, texts by language',
      { title: { ru: 'Старое' }, dueDate: '2026-06-30', version: 1, code: '1.1' },
      { title: { ru: 'Новое', kk: 'Жаңа' }, dueDate: '2026-06-30', version: 2, code: '1.1' },
      [{ field: 'title', before: 'ru: Старое', after: 'ru: Новое · kk: Жаңа' }],
    ],
    [
      'a creation has no before',
      null,
      { number: '3', sphereIds: ['a'] },
      [
        { field: 'number', before: null, after: '3' },
        { field: 'sphereIds', before: null, after: '["a"]' },
      ],
    ],
    ['a deletion has no after', { binding: true }, null, [{ field: 'binding', before: 'true', after: null }]],
    [
      'a field set to null reads as a dash',
      { signedOn: '2025-11-12' },
      { signedOn: null },
      [{ field: 'signedOn', before: '2025-11-12', after: '—' }],
    ],
    ['a bare value is shown whole', 'x', 'y', [{ field: '—', before: 'x', after: 'y' }]],
  ])('%s', (_name, before, after, rows) => {
    expect(auditDiff(before, after)).toEqual(rows);
  });
});
