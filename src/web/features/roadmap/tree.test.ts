import { describe, expect, it } from 'vitest';
import { compareCodes } from './format';
import { buildMeasure } from './testing';
import { buildTree, flatRows, parentIds, visibleRows } from './tree';
import { parseView, viewToApiFilter, viewToSearch } from './urlState';

/** A roadmap with joint and internal branches, listed out of order on purpose. */
function world() {
  const m1 = buildMeasure('1');
  const m14 = buildMeasure('1.4', { parent: m1 });
  const kids = ['1.4.RU1', '1.4.KZ10', '1.4.2', '1.4.KZ2', '1.4.10', '1.4.KZ1', '1.4.1'].map((c) =>
    buildMeasure(c, { parent: m14 }),
  );
  const kz1 = kids.find((m) => m.code === '1.4.KZ1')!;
  const kz1kids = ['1.4.KZ1.2', '1.4.KZ1.1'].map((c) => buildMeasure(c, { parent: kz1 }));
  const m3 = buildMeasure('3');
  const m3kz1 = buildMeasure('3.KZ1', { parent: m3 });
  const m3kz12 = buildMeasure('3.KZ1.2', { parent: m3kz1 });
  const top = ['KZ1', 'RU1', '2', '10'].map((c) => buildMeasure(c));
  return [m3kz12, ...kz1kids, ...top, m3kz1, ...kids, m14, m3, m1];
}

describe('codes of the parties’ own series in the tree', () => {
  it('compares joint numbers first, then each party’s series, numbers as numbers', () => {
    const codes = ['1.KZ10', '1.RU1', '1.10', '1.KZ2', '1.2', 'KZ1', '1', '1.KZ1.1', '1.KZ1', '2'];
    expect([...codes].sort(compareCodes)).toEqual([
      '1',
      '1.2',
      '1.10',
      '1.KZ1',
      '1.KZ1.1',
      '1.KZ2',
      '1.KZ10',
      '1.RU1',
      '2',
      'KZ1',
    ]);
    expect(compareCodes('1.KZ2', '1.KZ10')).toBeLessThan(0);
    expect(compareCodes('3.KZ1.2', '3.KZ1.2')).toBe(0);
  });

  it('nests internal children under their parents and orders siblings joint, KZ, RU', () => {
    const measures = world();
    const tree = buildTree(measures);
    const rows = visibleRows(tree, parentIds(tree), null);
    expect(rows.map((r) => `${'  '.repeat(r.level - 1)}${r.measure.code}`)).toEqual([
      '1',
      '  1.4',
      '    1.4.1',
      '    1.4.2',
      '    1.4.10',
      '    1.4.KZ1',
      '      1.4.KZ1.1',
      '      1.4.KZ1.2',
      '    1.4.KZ2',
      '    1.4.KZ10',
      '    1.4.RU1',
      '2',
      '3',
      '  3.KZ1',
      '    3.KZ1.2',
      '10',
      'KZ1',
      'RU1',
    ]);
  });

  it('shows a matching internal measure with its ancestors, and lists it flat in code order', () => {
    const measures = world();
    const tree = buildTree(measures);
    const match = measures.find((m) => m.code === '3.KZ1.2')!;
    const rows = visibleRows(tree, parentIds(tree), new Set([match.id]));
    expect(rows.map((r) => [r.measure.code, r.context])).toEqual([
      ['3', true],
      ['3.KZ1', true],
      ['3.KZ1.2', false],
    ]);
    const flat = flatRows(measures, null, 'code').map((r) => r.measure.code);
    expect(flat.indexOf('1.4.KZ2')).toBeLessThan(flat.indexOf('1.4.KZ10'));
    expect(flat.indexOf('1.4.10')).toBeLessThan(flat.indexOf('1.4.KZ1'));
  });

  it('lets the code search carry such codes to the server unchanged', () => {
    for (const code of ['1.4.KZ1', '3.KZ1.2', 'RU12']) {
      const view = parseView(new URLSearchParams({ q: code }));
      expect(view.q).toBe(code);
      expect(viewToSearch(view).get('q')).toBe(code);
      expect(viewToApiFilter(view)).toMatchObject({ q: code });
    }
  });
});
