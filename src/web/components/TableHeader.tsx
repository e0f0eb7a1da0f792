import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A table's header row from its column labels; `actions` adds a last column for row buttons,
 * named for screen readers only.
 */
export function TableHeader({ columns, actions = false }: { columns: ReactNode[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a header never reorder
          <Table.Th key={i}>{c}</Table.Th>
        ))}
        {actions && (
          <Table.Th>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
