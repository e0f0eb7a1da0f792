/**
 * Adding a child or a sibling from a row of the roadmap tree: the row menus (for those who may
 * add measures to a roadmap not archived), the measure page's own dialog, and the measure just
 * added, which the tree reveals in its place.
 */
import { type ReactNode, useState } from 'react';
import type { Measure, Roadmap, User } from '../../../../contracts';
import { mayCreateMeasures } from '../../../api/permissions';
import { MeasureCreateDialog } from '../../measures/workbench/MeasureCreateDialog';
import { type RowAction, RowMenu } from '../components/RowMenu';

/** The tree's `rowMenu` and `reveal`, and the dialog to render (null while none is open). */
export function useRowAdding(
  roadmap: Roadmap | undefined,
  user: User | null,
  list: readonly Measure[],
): {
  rowMenu: ((m: Measure, active: boolean) => ReactNode) | undefined;
  reveal: string | null;
  dialog: ReactNode;
} {
  const [adding, setAdding] = useState<{ measure: Measure; action: RowAction } | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const may = !!roadmap && roadmap.status !== 'archived' && mayCreateMeasures(user);
  const parentOf = (m: Measure) => list.find((x) => x.id === m.parentId) ?? null;
  return {
    rowMenu: may
      ? (m, active) => (
          <RowMenu
            measure={m}
            active={active}
            onAction={(measure, action) => setAdding({ measure, action })}
          />
        )
      : undefined,
    reveal: added,
    dialog:
      adding && roadmap && user ? (
        <MeasureCreateDialog
          roadmap={roadmap}
          parent={adding.action === 'child' ? adding.measure : parentOf(adding.measure)}
          user={user}
          onClose={() => setAdding(null)}
          onCreated={(saved) => {
            setAdding(null);
            setAdded(saved.id);
          }}
        />
      ) : null,
  };
}
