/** The tree table's header row: select-all, and sortable column headers (aria-sort). */
import { Checkbox, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../../contracts';
import { textOf } from '../format';
import type { MeasureSort } from '../urlState';

const SORTABLE: Record<string, string> = {
  code: 'code',
  title: 'title',
  dueDate: 'dueDate',
  status: 'status',
  progress: 'progress',
};

/** Props: the layout, the sort and the select-all state. */
export interface TreeTableHeadProps {
  phone: boolean;
  sort: MeasureSort;
  onSortChange?: (sort: MeasureSort) => void;
  partyColumns: readonly Party[];
  gridTemplateColumns: string;
  minWidth: number | undefined;
  selectable: boolean;
  /** A last column of row menus. */
  menu?: boolean;
  /** Select-all: every selectable row is selected, some are, or none can be. */
  all: boolean;
  some: boolean;
  none: boolean;
  onToggleAll: () => void;
}

/** The `<thead>` of the tree table. */
export function TreeTableHead(p: TreeTableHeadProps) {
  const { t, i18n } = useTranslation();
  const sortHeader = (key: string, label: string) => {
    const k = SORTABLE[key];
    const current = p.sort.replace(/^-/, '') === k;
    const desc = p.sort.startsWith('-');
    const ariaSort = current ? (desc ? 'descending' : 'ascending') : 'none';
    const onSortChange = p.onSortChange;
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
  return (
    <thead className="accord-tt-head" style={{ minWidth: p.minWidth }}>
      <tr aria-rowindex={1} className="accord-tt-row" style={{ gridTemplateColumns: p.gridTemplateColumns }}>
        {p.selectable && (
          <th scope="col" className="accord-tt-cell">
            <Checkbox
              aria-label={t('roadmap.selectAll')}
              checked={p.all}
              indeterminate={p.some && !p.all}
              disabled={p.none}
              onChange={p.onToggleAll}
            />
          </th>
        )}
        {p.phone ? (
          <>
            {sortHeader('title', t('roadmap.columns.title'))}
            {sortHeader('dueDate', t('roadmap.columns.dueDate'))}
          </>
        ) : (
          <>
            {sortHeader('code', t('roadmap.columns.code'))}
            {sortHeader('title', t('roadmap.columns.title'))}
            {p.partyColumns.map((party) => (
              <th scope="col" key={party.id} className="accord-tt-cell">
                <Text fw={600} fz="sm" component="span">
                  {t('roadmap.columns.responsibleOf', { party: textOf(party.name, i18n.language) })}
                </Text>
              </th>
            ))}
            {sortHeader('dueDate', t('roadmap.columns.dueDate'))}
            {sortHeader('status', t('roadmap.columns.status'))}
            {sortHeader('progress', t('roadmap.columns.progress'))}
          </>
        )}
        {p.menu && (
          <th scope="col" className="accord-tt-cell">
            <VisuallyHidden>{t('rowActions.column')}</VisuallyHidden>
          </th>
        )}
      </tr>
    </thead>
  );
}
