import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgreements } from '../../api/agreements';
import { canManageReference } from '../../api/permissions';
import { useParties } from '../../api/reference';
import { useMe } from '../../api/session';
import { SEARCH_MAX, useLengthLimit } from '../../components/limits';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n';
import { AgreementDialog } from './components/AgreementDialog';

/** Registry of agreements: title, kind, parties, signing, status, number of provisions. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate } = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const hint = useLengthLimit()(q, SEARCH_MAX);
  const [debounced] = useDebouncedValue(q, 300);
  const agreements = useAgreements(debounced.trim() ? { q: debounced.trim() } : {});
  const parties = useParties();
  const partyName = (id: string) => {
    const p = parties.data?.find((x) => x.id === id);
    return p ? l.str(p.name) : '…';
  };
  const rows = agreements.data ?? [];
  const admin = canManageReference(useMe());
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('agreements.title')}
        subtitle={agreements.data ? t('counts.agreements', { count: rows.length }) : undefined}
        actions={
          admin && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('workbench.agreement.new')}
            </Button>
          )
        }
      />
      {creating && <AgreementDialog editing={null} onClose={() => setCreating(false)} />}
      <TextInput
        label={t('agreements.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.currentTarget.value) next.set('q', e.currentTarget.value);
          else next.delete('q');
          setParams(next, { replace: true });
        }}
        description={hint.description}
        error={hint.error}
        maw={480}
        type="search"
      />
      <QueryState query={agreements} isEmpty={rows.length === 0} empty={t('agreements.empty')}>
        <Table.ScrollContainer minWidth={720}>
          <Table
            striped
            highlightOnHover
            verticalSpacing="sm"
            className="data-table"
            data-testid="agreements-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.title')}</Table.Th>
                <Table.Th>{t('agreements.kind')}</Table.Th>
                <Table.Th>{t('agreements.parties')}</Table.Th>
                <Table.Th>{t('agreements.signedOn')}</Table.Th>
                <Table.Th>{t('agreements.status')}</Table.Th>
                <Table.Th>{t('agreements.provisions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td maw={480}>
                    <Anchor component={Link} to={`/agreements/${a.id}`} c="blue.9" fw={500}>
                      <LocalizedText value={a.title} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`enums.agreementKind.${a.kind}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {a.partyIds.map((id) => (
                        <Badge
                          key={id}
                          variant="outline"
                          color="gray"
                          radius="sm"
                          style={{ textTransform: 'none' }}
                        >
                          {partyName(id)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{formatDate(a.signedOn) || t('common.empty')}</Text>
                    {a.signedPlace && (
                      <Text fz="xs" c="gray.8">
                        <LocalizedText value={a.signedPlace} />
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`enums.agreementStatus.${a.status}`)}</Table.Td>
                  <Table.Td>{t('counts.provisions', { count: a.provisionCount })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
