/**
 * The treegrid's keyboard model (WAI-ARIA APG, row-focus mode) as a pure function: arrows
 * move between rows, Right and Left expand, collapse or go to the parent, Home/End and
 * PageUp/PageDown jump, Enter opens the measure, Space selects it.
 */
import type { TreeRow } from '../tree';

/** What a key does to the row list; `none` is a handled key that changes nothing here. */
export type RowKeyAction =
  | { kind: 'move'; to: number }
  | { kind: 'toggle' }
  | { kind: 'open' }
  | { kind: 'select' }
  | { kind: 'none' };

/** The action of `key` on row `index`; null for keys the grid leaves to the browser. */
export function rowKeyAction(
  key: string,
  rows: readonly TreeRow[],
  index: number,
  page: number,
): RowKeyAction | null {
  const row = rows[index];
  const move = (to: number): RowKeyAction => ({ kind: 'move', to });
  switch (key) {
    case 'ArrowDown':
      return move(index + 1);
    case 'ArrowUp':
      return move(index - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(rows.length - 1);
    case 'PageDown':
      return move(index + page);
    case 'PageUp':
      return move(index - page);
    case 'ArrowRight':
      if (row.hasChildren && !row.expanded) return { kind: 'toggle' };
      return row.expanded ? move(index + 1) : { kind: 'none' };
    case 'ArrowLeft': {
      if (row.expanded) return { kind: 'toggle' };
      if (row.level <= 1) return { kind: 'none' };
      const parent = rows.findLastIndex((r, i) => i < index && r.level === row.level - 1);
      return parent >= 0 ? move(parent) : { kind: 'none' };
    }
    case 'Enter':
      return { kind: 'open' };
    case ' ':
      return { kind: 'select' };
    default:
      return null;
  }
}
