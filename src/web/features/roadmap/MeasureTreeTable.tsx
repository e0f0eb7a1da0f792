/**
 * The roadmap's measures as an accessible, virtualised tree grid (WAI-ARIA treegrid,
 * row-focus mode): only the rows in view are in the DOM, so 10,000 measures scroll as
 * smoothly as 10. One row at a time is in the tab order; arrows move between rows, Right
 * and Left expand and collapse, Enter opens the measure, Space selects it.
 */
import { Box, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Measure, Organisation, Party } from '../../../contracts';
import { TABLE_CSS, tableColumns } from './components/tableLayout';
import { TreeTableHead } from './components/TreeTableHead';
import { TreeTableRow } from './components/TreeTableRow';
import { rowKeyAction } from './components/rowKeys';
import { useExpansion } from './components/useExpansion';
import { buildTree, flatRows, parentIds, type TreeRow, visibleRows } from './tree';
import type { MeasureSort } from './urlState';

/** Props of the tree table; everything it shows comes in, so it is testable with plain data. */
export interface MeasureTreeTableProps {
  measures: readonly Measure[];
  /** Ids matching the filters, or null when nothing is filtered. */
  matches: ReadonlySet<string> | null;
  sort: MeasureSort;
  onSortChange?: (sort: MeasureSort) => void;
  view: 'tree' | 'flat';
  parties: readonly Party[];
  orgById: ReadonlyMap<string, Organisation>;
  /** Show the selection column (bulk edit). */
  selectable?: boolean;
  /** Whether a measure can take part in a bulk edit (rows where not are disabled). */
  canSelect?: (m: Measure) => boolean;
  selected?: ReadonlySet<string>;
  onSelectedChange?: (next: Set<string>) => void;
  /** Height of the scrolling area. */
  height?: number | string;
  /** A menu for each row (null: none for that row); absent: no menu column. */
  rowMenu?: (m: Measure, active: boolean) => ReactNode;
  /** A measure to show once it is in `measures` (one just added): its ancestors open. */
  reveal?: string | null;
}

const ROW_HEIGHT = 52;
const ROW_HEIGHT_PHONE = 76;

/** The roadmap's tree (or flat list) of measures. */
export function MeasureTreeTable({
  measures,
  matches,
  sort,
  onSortChange,
  view,
  parties,
  orgById,
  selectable = false,
  canSelect = () => true,
  selected = new Set(),
  onSelectedChange,
  height = '70vh',
  rowMenu,
  reveal,
}: MeasureTreeTableProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const hintId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const tree = useMemo(() => buildTree(measures, sort, i18n.language), [measures, sort, i18n.language]);

  const [expanded, setExpanded] = useExpansion(measures, matches, reveal);

  const rows: TreeRow[] = useMemo(
    () =>
      view === 'flat'
        ? flatRows(measures, matches, sort, i18n.language)
        : visibleRows(tree, expanded, matches),
    [view, measures, matches, sort, i18n.language, tree, expanded],
  );

  // the parties that carry out this roadmap, in the order of the reference list
  const partyColumns = useMemo(() => {
    const used = new Set<string>();
    for (const m of measures) for (const r of m.responsible) used.add(r.partyId);
    return parties.filter((p) => used.has(p.id));
  }, [measures, parties]);

  const rowHeight = phone ? ROW_HEIGHT_PHONE : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the row height changes with the layout; cached sizes must be dropped then
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  // roving focus: the index of the row that is in the tab order
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));
  const focusAfterRender = useRef<number | null>(null);
  useEffect(() => {
    const i = focusAfterRender.current;
    if (i === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${i}"]`);
    if (el) {
      focusAfterRender.current = null;
      el.focus({ preventScroll: true });
    }
  });
  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActive(next);
    focusAfterRender.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const selectableRows = useMemo(
    () => (selectable ? rows.filter((r) => !r.context && canSelect(r.measure)) : []),
    [rows, selectable, canSelect],
  );
  const selectedVisible = selectableRows.filter((r) => selected.has(r.measure.id)).length;
  const toggleSelect = (m: Measure) => {
    if (!onSelectedChange || !canSelect(m)) return;
    const next = new Set(selected);
    if (next.has(m.id)) next.delete(m.id);
    else next.add(m.id);
    onSelectedChange(next);
  };
  const toggleAllVisible = () => {
    if (!onSelectedChange) return;
    const next = new Set(selected);
    const all = selectedVisible === selectableRows.length && selectableRows.length > 0;
    for (const r of selectableRows) {
      if (all) next.delete(r.measure.id);
      else next.add(r.measure.id);
    }
    onSelectedChange(next);
  };

  const toggleExpand = (row: TreeRow) => {
    const next = new Set(expanded);
    if (next.has(row.measure.id)) next.delete(row.measure.id);
    else next.add(row.measure.id);
    setExpanded(next);
  };
  const expandAll = () => setExpanded(parentIds(tree));
  const collapseAll = () => {
    setExpanded(new Set());
    setActive(0);
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const row = rows[index];
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    const action = rowKeyAction(e.key, rows, index, page);
    if (!action) return;
    if (action.kind === 'move') moveTo(action.to);
    else if (action.kind === 'toggle') toggleExpand(row);
    else if (action.kind === 'open') navigate(`/measures/${row.measure.id}`);
    else if (action.kind === 'select' && selectable) toggleSelect(row.measure);
    e.preventDefault();
  };

  const layout = tableColumns(phone, selectable, partyColumns.length, !!rowMenu);
  const { gridTemplateColumns, minWidth } = layout;

  const items = virtualizer.getVirtualItems();
  const headerAll = selectableRows.length > 0 && selectedVisible === selectableRows.length;

  return (
    <Box>
      <style>{TABLE_CSS}</style>
      <Group justify="space-between" mb="xs" gap="xs" wrap="wrap">
        {view === 'tree' ? (
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={expandAll}>
              {t('roadmap.expandAll')}
            </Button>
            <Button variant="default" size="xs" onClick={collapseAll}>
              {t('roadmap.collapseAll')}
            </Button>
          </Group>
        ) : (
          <span />
        )}
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('roadmap.rowsInfo', { count: rows.length })}
        </Text>
      </Group>
      <VisuallyHidden id={hintId}>{t('roadmap.keyboardHint')}</VisuallyHidden>
      <div ref={scrollRef} className="accord-tt" style={{ height, maxHeight: height, overflow: 'auto' }}>
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table with role treegrid is the WAI-ARIA APG treegrid pattern
          role="treegrid"
          aria-label={t('roadmap.tableLabel')}
          aria-describedby={hintId}
          aria-rowcount={rows.length + 1}
          aria-colcount={layout.count}
          aria-multiselectable={selectable || undefined}
          className="accord-tt-table"
        >
          <TreeTableHead
            phone={phone}
            sort={sort}
            onSortChange={onSortChange}
            partyColumns={partyColumns}
            gridTemplateColumns={gridTemplateColumns}
            minWidth={minWidth}
            selectable={selectable}
            menu={!!rowMenu}
            all={headerAll}
            some={selectedVisible > 0}
            none={selectableRows.length === 0}
            onToggleAll={toggleAllVisible}
          />
          <tbody style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
            {items.map((vi) => {
              const row = rows[vi.index];
              const m = row.measure;
              return (
                <TreeTableRow
                  key={m.id}
                  row={row}
                  index={vi.index}
                  start={vi.start}
                  size={vi.size}
                  view={view}
                  phone={phone}
                  gridTemplateColumns={gridTemplateColumns}
                  partyColumns={partyColumns}
                  orgById={orgById}
                  active={vi.index === activeIndex}
                  selectable={selectable}
                  canSelect={selectable && !row.context && canSelect(m)}
                  selected={selected.has(m.id)}
                  onKeyDown={onRowKey}
                  onFocusRow={setActive}
                  onToggleExpand={() => toggleExpand(row)}
                  onToggleSelect={() => toggleSelect(m)}
                  menu={rowMenu ? (rowMenu(m, vi.index === activeIndex) ?? null) : undefined}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </Box>
  );
}
