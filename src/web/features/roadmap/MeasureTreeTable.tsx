/**
 * The roadmap's measures as an accessible, virtualised tree grid (WAI-ARIA treegrid,
 * row-focus mode): only the rows in view are in the DOM, so 10,000 measures scroll as
 * smoothly as 10. One row at a time is in the tab order; arrows move between rows, Right
 * and Left expand and collapse, Enter opens the measure, Space selects it.
 */
import {
  ActionIcon,
  Box,
  Button,
  Checkbox,
  Group,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Measure, Organisation, Party } from '../../../contracts';
import { useFormat } from '../../i18n';
import { textOf } from './format';
import { Flags, ProgressBar, StatusBadge } from '../../components';
import { ResponsibleOfParty } from './MeasureBits';
import { buildTree, flatRows, parentIds, type TreeRow, visibleRows, withAncestors } from './tree';
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
  orgById: Map<string, Organisation>;
  /** Show the selection column (bulk edit). */
  selectable?: boolean;
  /** Whether a measure can take part in a bulk edit (rows where not are disabled). */
  canSelect?: (m: Measure) => boolean;
  selected?: ReadonlySet<string>;
  onSelectedChange?: (next: Set<string>) => void;
  /** Height of the scrolling area. */
  height?: number | string;
}

const ROW_HEIGHT = 52;
const ROW_HEIGHT_PHONE = 76;
const SORTABLE: Record<string, string> = {
  code: 'code',
  title: 'title',
  dueDate: 'dueDate',
  status: 'status',
  progress: 'progress',
};

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
}: MeasureTreeTableProps) {
  const { t, i18n } = useTranslation();
  const { formatDate } = useFormat();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const hintId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const tree = useMemo(() => buildTree(measures, sort, i18n.language), [measures, sort, i18n.language]);

  // Expansion resets when the data or the filter changes (the "adjust state on prop change"
  // pattern: no effect, no flash of the old state).
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
    setExpandState({ measures, matches, open: expanded });
  }
  const setExpanded = (open: Set<string>) => setExpandState({ measures, matches, open });

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

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const row = rows[index];
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        moveTo(index + page);
        break;
      case 'PageUp':
        moveTo(index - page);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) toggleExpand(row);
        else if (row.expanded) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggleExpand(row);
        else if (row.level > 1) {
          const parent = rows.findLastIndex((r, i) => i < index && r.level === row.level - 1);
          if (parent >= 0) moveTo(parent);
        }
        break;
      case 'Enter':
        navigate(`/measures/${row.measure.id}`);
        break;
      case ' ':
        if (selectable) toggleSelect(row.measure);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const columns = phone
    ? [selectable ? '40px' : null, 'minmax(0, 1fr)', '124px']
    : [
        selectable ? '44px' : null,
        'minmax(112px, max-content)',
        'minmax(260px, 3fr)',
        ...partyColumns.map(() => 'minmax(150px, 1.2fr)'),
        '132px',
        '136px',
        '120px',
      ];
  const gridTemplateColumns = columns.filter(Boolean).join(' ');
  const minWidth = phone ? undefined : 44 + 112 + 260 + partyColumns.length * 150 + 132 + 136 + 120;

  const sortHeader = (key: string, label: string) => {
    const k = SORTABLE[key];
    const current = sort.replace(/^-/, '') === k;
    const desc = sort.startsWith('-');
    const ariaSort = current ? (desc ? 'descending' : 'ascending') : 'none';
    return (
      <th scope="col" aria-sort={ariaSort} className="accord-tt-cell">
        {onSortChange ? (
          <UnstyledButton
            onClick={() => onSortChange((current && !desc ? `-${k}` : k) as MeasureSort)}
            fw={600}
            fz="sm"
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            {label}
            {current &&
              (desc ? <IconArrowDown size={14} aria-hidden /> : <IconArrowUp size={14} aria-hidden />)}
          </UnstyledButton>
        ) : (
          <Text fw={600} fz="sm" component="span">
            {label}
          </Text>
        )}
      </th>
    );
  };

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
          aria-colcount={columns.filter(Boolean).length}
          aria-multiselectable={selectable || undefined}
          className="accord-tt-table"
        >
          <thead className="accord-tt-head" style={{ minWidth }}>
            <tr aria-rowindex={1} className="accord-tt-row" style={{ gridTemplateColumns }}>
              {selectable && (
                <th scope="col" className="accord-tt-cell">
                  <Checkbox
                    aria-label={t('roadmap.selectAll')}
                    checked={headerAll}
                    indeterminate={selectedVisible > 0 && !headerAll}
                    disabled={selectableRows.length === 0}
                    onChange={toggleAllVisible}
                  />
                </th>
              )}
              {phone ? (
                <>
                  {sortHeader('title', t('roadmap.columns.title'))}
                  {sortHeader('dueDate', t('roadmap.columns.dueDate'))}
                </>
              ) : (
                <>
                  {sortHeader('code', t('roadmap.columns.code'))}
                  {sortHeader('title', t('roadmap.columns.title'))}
                  {partyColumns.map((p) => (
                    <th scope="col" key={p.id} className="accord-tt-cell">
                      <Text fw={600} fz="sm" component="span">
                        {t('roadmap.columns.responsibleOf', { party: textOf(p.name, i18n.language) })}
                      </Text>
                    </th>
                  ))}
                  {sortHeader('dueDate', t('roadmap.columns.dueDate'))}
                  {sortHeader('status', t('roadmap.columns.status'))}
                  {sortHeader('progress', t('roadmap.columns.progress'))}
                </>
              )}
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
            {items.map((vi) => {
              const row = rows[vi.index];
              const m = row.measure;
              const title = textOf(m.title, i18n.language);
              const isSelected = selected.has(m.id);
              const selectableRow = selectable && !row.context && canSelect(m);
              const expander =
                view === 'tree' ? (
                  row.hasChildren ? (
                    <ActionIcon
                      variant="subtle"
                      color="dark"
                      size="sm"
                      tabIndex={-1}
                      aria-label={t(row.expanded ? 'roadmap.collapse' : 'roadmap.expand', { code: m.code })}
                      onClick={() => toggleExpand(row)}
                    >
                      {row.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  ) : (
                    <span style={{ display: 'inline-block', width: 22 }} />
                  )
                ) : null;
              const titleLink = (
                <Link
                  to={`/measures/${m.id}`}
                  tabIndex={-1}
                  className="accord-tt-link"
                  title={title}
                  style={{ WebkitLineClamp: !phone && (m.overdue || m.atRisk || row.context) ? 1 : 2 }}
                >
                  {phone && <span className="accord-tt-code">{m.code} </span>}
                  {title}
                </Link>
              );
              return (
                <tr
                  key={m.id}
                  data-row-index={vi.index}
                  aria-rowindex={vi.index + 2}
                  aria-level={view === 'tree' ? row.level : undefined}
                  aria-posinset={view === 'tree' ? row.posInSet : undefined}
                  aria-setsize={view === 'tree' ? row.setSize : undefined}
                  aria-expanded={view === 'tree' && row.hasChildren ? row.expanded : undefined}
                  aria-selected={selectable ? isSelected : undefined}
                  tabIndex={vi.index === activeIndex ? 0 : -1}
                  onKeyDown={(e) => onRowKey(e, vi.index)}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setActive(vi.index);
                  }}
                  className={`accord-tt-row accord-tt-body${row.context ? ' accord-tt-context' : ''}${isSelected ? ' accord-tt-selected' : ''}`}
                  style={{
                    gridTemplateColumns,
                    height: vi.size,
                    transform: `translateY(${vi.start}px)`,
                  }}
                >
                  {selectable && (
                    <td className="accord-tt-cell">
                      <Checkbox
                        tabIndex={-1}
                        aria-label={t('roadmap.selectRow', { code: m.code })}
                        checked={isSelected}
                        disabled={!selectableRow}
                        onChange={() => toggleSelect(m)}
                      />
                    </td>
                  )}
                  {phone ? (
                    <>
                      <td
                        className="accord-tt-cell accord-tt-titlecell"
                        style={{ paddingInlineStart: view === 'tree' ? (row.level - 1) * 12 : 0 }}
                      >
                        {expander}
                        <div style={{ minWidth: 0 }}>
                          {titleLink}
                          <Flags overdue={m.overdue} atRisk={m.atRisk} />
                        </div>
                      </td>
                      <td className="accord-tt-cell accord-tt-stack">
                        <Text
                          size="xs"
                          c={m.overdue ? '#c92a2a' : undefined}
                          fw={m.overdue ? 700 : undefined}
                        >
                          {formatDate(m.dueDate)}
                        </Text>
                        <StatusBadge status={m.status} size="xs" maw="100%" />
                        <Text size="xs">{t('common.percent', { value: m.progress })}</Text>
                      </td>
                    </>
                  ) : (
                    <>
                      <td
                        className="accord-tt-cell"
                        style={{ paddingInlineStart: view === 'tree' ? 4 + (row.level - 1) * 18 : 8 }}
                      >
                        {expander}
                        <span className="accord-tt-code">{m.code}</span>
                      </td>
                      <td className="accord-tt-cell accord-tt-titlecell">
                        <div style={{ minWidth: 0 }}>
                          {titleLink}
                          {(m.overdue || m.atRisk || row.context) && (
                            <Group gap={6} wrap="nowrap">
                              <Flags overdue={m.overdue} atRisk={m.atRisk} />
                              {row.context && (
                                <Text size="xs" c="#495057" fs="italic" title={t('roadmap.contextRow')}>
                                  {t('roadmap.contextShort')}
                                </Text>
                              )}
                            </Group>
                          )}
                        </div>
                      </td>
                      {partyColumns.map((p) => (
                        <td key={p.id} className="accord-tt-cell">
                          <ResponsibleOfParty measure={m} partyId={p.id} orgById={orgById} />
                        </td>
                      ))}
                      <td className="accord-tt-cell">
                        <Text
                          size="sm"
                          c={m.overdue ? '#c92a2a' : undefined}
                          fw={m.overdue ? 700 : undefined}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {formatDate(m.dueDate)}
                        </Text>
                      </td>
                      <td className="accord-tt-cell">
                        <StatusBadge status={m.status} />
                      </td>
                      <td className="accord-tt-cell">
                        <ProgressBar
                          value={m.progress}
                          label={t('roadmap.progressOf', { code: m.code })}
                          w={104}
                        />
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Box>
  );
}

/** Layout of the grid; plain CSS so that it works without a CSS pipeline in tests. */
const TABLE_CSS = `
.accord-tt { border: 1px solid #dee2e6; border-radius: 6px; background: #fff; }
.accord-tt-table { display: block; border-collapse: collapse; width: 100%; }
.accord-tt-table tbody { display: block; }
.accord-tt-head { display: block; position: sticky; top: 0; z-index: 2; background: #f8f9fa; border-bottom: 1px solid #ced4da; }
.accord-tt-row { display: grid; align-items: center; width: 100%; }
.accord-tt-body { position: absolute; top: 0; left: 0; border-bottom: 1px solid #e9ecef; background: #fff; }
.accord-tt-body:hover { background: #f8f9fa; }
.accord-tt-body:focus { outline: 3px solid #1c5ea8; outline-offset: -3px; }
.accord-tt-body:focus-visible { outline: 3px solid #1c5ea8; outline-offset: -3px; }
.accord-tt-selected, .accord-tt-selected:hover { background: #e7f5ff; }
.accord-tt-context .accord-tt-link, .accord-tt-context .accord-tt-code { color: #495057; font-style: italic; }
.accord-tt-cell { text-align: start; font-weight: inherit; padding: 4px 8px; min-width: 0; display: flex; align-items: center; gap: 4px; overflow: hidden; }
.accord-tt-head .accord-tt-cell { text-align: start; font-weight: inherit; padding-top: 10px; padding-bottom: 10px; }
.accord-tt-titlecell { align-items: center; }
.accord-tt-stack { flex-direction: column; align-items: flex-start; gap: 2px; }
.accord-tt-code { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
.accord-tt-link { color: #1a4d7c; text-decoration: none; overflow-wrap: break-word; hyphens: auto; padding-inline-end: 4px; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; font-size: 14px; line-height: 1.3; }
.accord-tt-link:hover { text-decoration: underline; }
`;
