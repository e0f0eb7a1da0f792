/**
 * The measure tree on the client: the server returns a flat list (every measure of a
 * roadmap); this builds parent → children, orders siblings and lists the rows to show for
 * the current expansion and filter. Everything is linear in the number of measures so that
 * 10,000 measures stay instant.
 */
import type { Measure } from '../../../contracts';
import { compareCodes } from './format';
import type { MeasureSort } from './urlState';

/** Parent → children index of a roadmap's measures. */
export interface MeasureTree {
  byId: Map<string, Measure>;
  /** Children by parent id; `null` holds the top level. */
  children: Map<string | null, Measure[]>;
}

/** One visible row of the table. */
export interface TreeRow {
  measure: Measure;
  /** 1-based level for aria-level. */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Shown only as the ancestor of a match, to give it context. */
  context: boolean;
  posInSet: number;
  setSize: number;
}

const statusOrder: Record<Measure['status'], number> = {
  not_started: 0,
  in_progress: 1,
  completed: 2,
  cancelled: 3,
};

/**
 * A comparator with the server's semantics (src/services/measures.ts SORTS): the key, then
 * the code; `-key` reverses the key only.
 */
export function comparatorFor(sort: MeasureSort, language = 'ru'): (a: Measure, b: Measure) => number {
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const collator = new Intl.Collator(language);
  const byKey = (a: Measure, b: Measure): number => {
    switch (key) {
      case 'dueDate':
        return a.dueDate.localeCompare(b.dueDate);
      case 'startDate':
        return a.startDate.localeCompare(b.startDate);
      case 'progress':
        return a.progress - b.progress;
      case 'status':
        return statusOrder[a.status] - statusOrder[b.status];
      case 'title':
        return collator.compare(a.title.ru, b.title.ru);
      case 'updatedAt':
        return a.updatedAt.localeCompare(b.updatedAt);
      default:
        return compareCodes(a.code, b.code);
    }
  };
  return (a, b) => {
    const k = byKey(a, b);
    if (k !== 0) return desc ? -k : k;
    return compareCodes(a.code, b.code);
  };
}

/**
 * Builds the index. A measure whose parent the reader may not see (or that is missing)
 * is shown at the top level rather than lost.
 */
export function buildTree(
  measures: readonly Measure[],
  sort: MeasureSort = 'code',
  language = 'ru',
): MeasureTree {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const children = new Map<string | null, Measure[]>();
  for (const m of measures) {
    const parent = m.parentId && byId.has(m.parentId) ? m.parentId : null;
    const list = children.get(parent);
    if (list) list.push(m);
    else children.set(parent, [m]);
  }
  const cmp = comparatorFor(sort, language);
  for (const list of children.values()) list.sort(cmp);
  return { byId, children };
}

/** The ids of the given measures and all their ancestors. */
export function withAncestors(tree: MeasureTree, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    let cur = tree.byId.get(id);
    while (cur && !out.has(cur.id)) {
      out.add(cur.id);
      cur = cur.parentId ? tree.byId.get(cur.parentId) : undefined;
    }
  }
  return out;
}

/** Every id that has children (what "expand all" opens). */
export function parentIds(tree: MeasureTree): Set<string> {
  const out = new Set<string>();
  for (const key of tree.children.keys()) if (key) out.add(key);
  return out;
}

/**
 * The rows to render, depth first. With `matches` only matches and their ancestors appear
 * (ancestors flagged `context`); children hidden by the filter do not make a row
 * expandable.
 */
export function visibleRows(
  tree: MeasureTree,
  expanded: ReadonlySet<string>,
  matches: ReadonlySet<string> | null,
): TreeRow[] {
  const include = matches ? withAncestors(tree, matches) : null;
  const rows: TreeRow[] = [];
  // an explicit stack rather than recursion: trees may be deep and wide
  const stack: { list: Measure[]; index: number; level: number }[] = [];
  const shown = (list: Measure[] | undefined) =>
    !list ? [] : include ? list.filter((m) => include.has(m.id)) : list;
  stack.push({ list: shown(tree.children.get(null)), index: 0, level: 1 });
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.index >= top.list.length) {
      stack.pop();
      continue;
    }
    const m = top.list[top.index];
    top.index += 1;
    const kids = shown(tree.children.get(m.id));
    const isOpen = kids.length > 0 && expanded.has(m.id);
    rows.push({
      measure: m,
      level: top.level,
      hasChildren: kids.length > 0,
      expanded: isOpen,
      context: !!matches && !matches.has(m.id),
      posInSet: top.index,
      setSize: top.list.length,
    });
    if (isOpen) stack.push({ list: kids, index: 0, level: top.level + 1 });
  }
  return rows;
}

/** A flat list: matches (or everything) in the chosen order, without ancestors. */
export function flatRows(
  measures: readonly Measure[],
  matches: ReadonlySet<string> | null,
  sort: MeasureSort,
  language = 'ru',
): TreeRow[] {
  const list = matches ? measures.filter((m) => matches.has(m.id)) : [...measures];
  list.sort(comparatorFor(sort, language));
  return list.map((m, i) => ({
    measure: m,
    level: 1,
    hasChildren: false,
    expanded: false,
    context: false,
    posInSet: i + 1,
    setSize: list.length,
  }));
}
