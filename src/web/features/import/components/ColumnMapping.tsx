/** The mapping step: a select per column of the file, the field it holds (or ignored). */
import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS } from '../../../../contracts';

export interface ColumnMappingProps {
  columns: { header: string; field: string | null }[];
  parties: { code: string; name: string }[];
  value: Record<string, string | null>;
  onChange: (next: Record<string, string | null>) => void;
}

/** One select per column; the choice overrides what the header was recognised as. */
export function ColumnMapping({ columns, parties, value, onChange }: ColumnMappingProps) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('import.ignoreColumn') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`import.fields.${f}`) })),
    ...parties.map((p) => ({
      value: `responsible:${p.code}`,
      label: t('import.responsibleOf', { party: p.name }),
    })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      {columns
        .filter((c) => c.header)
        .map((c) => {
          const current = c.header in value ? value[c.header] : c.field;
          return (
            <NativeSelect
              key={c.header}
              label={c.header}
              data={options}
              value={current ?? ''}
              onChange={(e) => onChange({ ...value, [c.header]: e.currentTarget.value || null })}
              data-testid="mapping-select"
            />
          );
        })}
    </SimpleGrid>
  );
}
