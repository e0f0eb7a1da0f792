import { describe, expect, it } from 'vitest';
import { type Draft, mergeNext, nextNumber, problemsOf, splitAt } from './review';

const d = (key: string, number: string, text: string, sphereIds: string[] = []): Draft => ({
  key,
  number,
  text,
  heading: null,
  sphereIds,
  matched: {},
});

describe('provision review', () => {
  it('merges a provision with the next, keeping both spheres', () => {
    const out = mergeNext(
      [d('a', '1', 'Первое.', ['s1']), d('b', '2', 'Второе.', ['s2']), d('c', '3', 'Третье.')],
      0,
    );
    expect(out.map((x) => [x.number, x.text, x.sphereIds])).toEqual([
      ['1', 'Первое.\nВторое.', ['s1', 's2']],
      ['3', 'Третье.', []],
    ]);
    expect(mergeNext([d('a', '1', 'x')], 0)).toHaveLength(1);
  });

  it('splits at the cursor with the next free number', () => {
    const out = splitAt(
      [d('a', '5.1', 'Первое предложение. Второе предложение.'), d('b', '5.1a', 'x')],
      0,
      20,
    );
    expect(out.map((x) => [x.number, x.text])).toEqual([
      ['5.1', 'Первое предложение.'],
      ['5.1b', 'Второе предложение.'],
      ['5.1a', 'x'],
    ]);
    expect(splitAt([d('a', '1', 'Текст')], 0, 0)).toHaveLength(1);
    expect(nextNumber('2.2a', new Set())).toBe('2.2b');
  });

  it('names what blocks saving: a bad number, a repeated one, an empty text', () => {
    const p = problemsOf([d('a', '1', 'x'), d('b', '1', 'y'), d('c', '1..2', 'z'), d('e', '4', '  ')]);
    expect([...p]).toEqual([
      ['a', 'duplicate'],
      ['b', 'duplicate'],
      ['c', 'number'],
      ['e', 'empty'],
    ]);
  });
});
