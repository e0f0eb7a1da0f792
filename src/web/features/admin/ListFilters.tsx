import { NativeSelect, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParties } from '../../api/reference';
import { SEARCH_MAX, useLengthLimit } from '../../components/limits';
import { useLocalize } from '../../components/LocalizedText';

/** The party filter and search box both administration lists show above their tables. */
export function PartyAndSearchFilters({
  party,
  q,
  onChange,
}: {
  party: string;
  q: string;
  onChange: (key: 'party' | 'q', value: string) => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const hint = useLengthLimit()(q, SEARCH_MAX);
  const parties = useParties();
  return (
    <>
      <NativeSelect
        label={t('admin.filterParty')}
        value={party}
        onChange={(e) => onChange('party', e.currentTarget.value)}
        data={[
          { value: '', label: t('common.all') },
          ...(parties.data ?? []).map((p) => ({ value: p.id, label: l.str(p.name) })),
        ]}
        w={220}
      />
      <TextInput
        label={t('common.search')}
        type="search"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => onChange('q', e.currentTarget.value)}
        description={hint.description}
        error={hint.error}
        w={300}
      />
    </>
  );
}
