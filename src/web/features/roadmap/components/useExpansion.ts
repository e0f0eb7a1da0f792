/** Which rows of the tree table are expanded, reset when the data or the filter changes. */
import { useState } from 'react';
import type { Measure } from '../../../../contracts';
import { buildTree, withAncestors } from '../tree';

function sameIds(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** Which ids are open when the view starts: top-level parents, or the path to every match. */
function initialExpanded(measures: readonly Measure[], matches: ReadonlySet<string> | null): Set<string> {
  const tree = buildTree(measures);
  if (matches) {
    // every ancestor of a match is open, so that the matches themselves are on screen
    const open = new Set<string>();
    for (const id of withAncestors(tree, matches)) {
      const parent = tree.byId.get(id)?.parentId;
      if (parent) open.add(parent);
    }
    return open;
  }
  return new Set((tree.children.get(null) ?? []).filter((m) => tree.children.has(m.id)).map((m) => m.id));
}

/** `open` with every ancestor of `id` added (a measure just added shows in its place). */
function withPath(open: ReadonlySet<string>, measures: readonly Measure[], id: string): Set<string> {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const out = new Set(open);
  for (let p = byId.get(id)?.parentId; p; p = byId.get(p)?.parentId) out.add(p);
  return out;
}

/**
 * The expanded ids and their setter. Expansion resets when the data or the filter changes
 * (the "adjust state on prop change" pattern: no effect, no flash of the old state);
 * `reveal`, once it arrives in the data, has its ancestors opened.
 */
export function useExpansion(
  measures: readonly Measure[],
  matches: ReadonlySet<string> | null,
  reveal?: string | null,
): [ReadonlySet<string>, (open: Set<string>) => void] {
  const [expandState, setExpandState] = useState(() => ({
    measures,
    matches,
    open: initialExpanded(measures, matches),
  }));
  let expanded = expandState.open;
  if (expandState.measures !== measures || expandState.matches !== matches) {
    // a refetch gives new objects with the same content: keep what the user opened then
    const keep = sameIds(expandState.matches, matches);
    expanded = keep ? expandState.open : initialExpanded(measures, matches);
    if (reveal && !expandState.measures.some((m) => m.id === reveal))
      expanded = withPath(expanded, measures, reveal);
    setExpandState({ measures, matches, open: expanded });
  }
  const setExpanded = (open: Set<string>) => setExpandState({ measures, matches, open });

  return [expanded, setExpanded];
}
