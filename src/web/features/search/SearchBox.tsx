/**
 * The header search: a keyboard-first combobox over measures, agreements, provisions and bodies.
 * Typing searches (debounced), arrows move through the hits grouped by kind, Enter opens the
 * selected one; Escape closes the list.
 */
import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchResults } from '../../../contracts/search';
import { api } from '../../api/client';
import { useLocalize } from '../../components/LocalizedText';

/** One hit as the list shows it: where Enter goes and what it says. */
interface Hit {
  href: string;
  label: string;
  detail?: string;
}

function useSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get<SearchResults>('/search', { query: { q, limit: 5 }, signal }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

function useGroups(data: SearchResults | undefined) {
  const { t } = useTranslation();
  const l = useLocalize();
  if (!data) return [];
  const groups: { key: string; label: string; hits: Hit[] }[] = [
    {
      key: 'measures',
      label: t('search.measures'),
      hits: data.measures.map((m) => ({ href: `/measures/${m.id}`, label: l.str(m.title), detail: m.code })),
    },
    {
      key: 'agreements',
      label: t('search.agreements'),
      hits: data.agreements.map((a) => ({ href: `/agreements/${a.id}`, label: l.str(a.title) })),
    },
    {
      key: 'provisions',
      label: t('search.provisions'),
      hits: data.provisions.map((p) => ({
        href: `/agreements/${p.agreementId}`,
        label: l.str(p.text),
        detail: t('search.provision', { number: p.number }),
      })),
    },
    {
      key: 'organisations',
      label: t('search.organisations'),
      hits: data.organisations.map((o) => ({
        href: `/roadmap?org=${o.id}`,
        label: l.str(o.name),
        detail: l.str(o.shortName) || undefined,
      })),
    },
  ];
  return groups.filter((g) => g.hits.length > 0);
}

/** The search box of the header. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [q] = useDebouncedValue(value.trim(), 200);
  const search = useSearch(q);
  const groups = useGroups(q ? search.data : undefined);

  const open = (href: string) => {
    combobox.closeDropdown();
    setValue('');
    navigate(href);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width="target">
      <Combobox.Target>
        <TextInput
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex('active');
          }}
          onFocus={() => value && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            // The first hit is what Enter opens when none is highlighted yet.
            if (e.key === 'Enter' && combobox.getSelectedOptionIndex() < 0) combobox.selectFirstOption();
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={search.isFetching ? <Loader size={14} aria-label={t('search.searching')} /> : null}
          w={{ base: 100, xs: 200, sm: 260, lg: 240, xl: 320 }}
          data-testid="header-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!q} miw={300}>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }} aria-label={t('search.label')}>
          {search.isError && <Combobox.Empty>{t('search.failed')}</Combobox.Empty>}
          {!search.isError && search.isSuccess && groups.length === 0 && (
            <Combobox.Empty>{t('search.nothing')}</Combobox.Empty>
          )}
          {groups.map((g) => (
            <Combobox.Group key={g.key} label={g.label}>
              {g.hits.map((hit) => (
                <Combobox.Option key={hit.href + hit.label} value={hit.href}>
                  <Text size="sm" lineClamp={2} style={{ overflowWrap: 'break-word' }}>
                    {hit.detail ? <b>{hit.detail} </b> : null}
                    {hit.label}
                  </Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
