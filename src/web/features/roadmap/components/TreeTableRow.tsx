/** One row of the tree table: phones stack due date, status and progress beside the title. */
import { ActionIcon, Checkbox, Group, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organisation, Party } from '../../../../contracts';
import { Flags, ProgressBar, StatusBadge } from '../../../components';
import { useFormat } from '../../../i18n';
import { textOf } from '../format';
import { ResponsibleOfParty } from '../MeasureBits';
import type { TreeRow as Row } from '../tree';

/** Props: the row, where it is drawn, its state and what its controls do. */
export interface TreeTableRowProps {
  row: Row;
  index: number;
  start: number;
  size: number;
  view: 'tree' | 'flat';
  phone: boolean;
  gridTemplateColumns: string;
  partyColumns: readonly Party[];
  orgById: ReadonlyMap<string, Organisation>;
  /** In the tab order (roving focus). */
  active: boolean;
  selectable: boolean;
  /** This row may be selected (not a context row, and the user may bulk-edit it). */
  canSelect: boolean;
  selected: boolean;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>, index: number) => void;
  onFocusRow: (index: number) => void;
  onToggleExpand: () => void;
  onToggleSelect: () => void;
  /** The row's menu cell, when the table has a menu column. */
  menu?: ReactNode;
}

/** A `<tr>` of the treegrid (see the table's module comment for the keyboard model). */
export function TreeTableRow(p: TreeTableRowProps) {
  const { t, i18n } = useTranslation();
  const { formatDate } = useFormat();
  const { row, phone, view } = p;
  const m = row.measure;
  const title = textOf(m.title, i18n.language);
  const flagged = m.overdue || m.atRisk || row.context;
  const expander =
    view !== 'tree' ? null : row.hasChildren ? (
      <ActionIcon
        variant="subtle"
        color="dark"
        size="sm"
        tabIndex={-1}
        aria-label={t(row.expanded ? 'roadmap.collapse' : 'roadmap.expand', { code: m.code })}
        onClick={p.onToggleExpand}
      >
        {row.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
      </ActionIcon>
    ) : (
      <span style={{ display: 'inline-block', width: 22 }} />
    );
  const titleLink = (
    <Link
      to={`/measures/${m.id}`}
      tabIndex={-1}
      className="accord-tt-link"
      title={title}
      style={{ WebkitLineClamp: !phone && flagged ? 1 : 2 }}
    >
      {phone && <span className="accord-tt-code">{m.code} </span>}
      {title}
    </Link>
  );
  const due = (size: 'xs' | 'sm') => (
    <Text
      size={size}
      c={m.overdue ? '#c92a2a' : undefined}
      fw={m.overdue ? 700 : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {formatDate(m.dueDate)}
    </Text>
  );
  return (
    <tr
      data-row-index={p.index}
      aria-rowindex={p.index + 2}
      aria-level={view === 'tree' ? row.level : undefined}
      aria-posinset={view === 'tree' ? row.posInSet : undefined}
      aria-setsize={view === 'tree' ? row.setSize : undefined}
      aria-expanded={view === 'tree' && row.hasChildren ? row.expanded : undefined}
      aria-selected={p.selectable ? p.selected : undefined}
      tabIndex={p.active ? 0 : -1}
      onKeyDown={(e) => p.onKeyDown(e, p.index)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) p.onFocusRow(p.index);
      }}
      className={`accord-tt-row accord-tt-body${row.context ? ' accord-tt-context' : ''}${p.selected ? ' accord-tt-selected' : ''}`}
      style={{
        gridTemplateColumns: p.gridTemplateColumns,
        height: p.size,
        transform: `translateY(${p.start}px)`,
      }}
    >
      {p.selectable && (
        <td className="accord-tt-cell">
          <Checkbox
            tabIndex={-1}
            aria-label={t('roadmap.selectRow', { code: m.code })}
            checked={p.selected}
            disabled={!p.canSelect}
            onChange={p.onToggleSelect}
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
              <Flags overdue={m.overdue} atRisk={m.atRisk} lateReport={m.lateReport} />
            </div>
          </td>
          <td className="accord-tt-cell accord-tt-stack">
            {due('xs')}
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
              {flagged && (
                <Group gap={6} wrap="nowrap">
                  <Flags overdue={m.overdue} atRisk={m.atRisk} lateReport={m.lateReport} />
                  {row.context && (
                    <Text size="xs" c="#495057" fs="italic" title={t('roadmap.contextRow')}>
                      {t('roadmap.contextShort')}
                    </Text>
                  )}
                </Group>
              )}
            </div>
          </td>
          {p.partyColumns.map((party) => (
            <td key={party.id} className="accord-tt-cell">
              <ResponsibleOfParty measure={m} partyId={party.id} orgById={p.orgById} />
            </td>
          ))}
          <td className="accord-tt-cell">{due('sm')}</td>
          <td className="accord-tt-cell">
            <StatusBadge status={m.status} />
          </td>
          <td className="accord-tt-cell">
            <ProgressBar value={m.progress} label={t('roadmap.progressOf', { code: m.code })} w={104} />
          </td>
        </>
      )}
      {p.menu !== undefined && <td className="accord-tt-cell">{p.menu}</td>}
    </tr>
  );
}
