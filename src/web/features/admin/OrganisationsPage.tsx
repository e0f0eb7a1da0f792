import { Button, Group, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Organisation } from '../../../contracts';
import { useOrganisations, useParties } from '../../api/reference';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { AdminNav } from './AdminNav';
import { DeleteModal, OrganisationModal } from './components/OrganisationDialogs';
import { PartyAndSearchFilters } from './ListFilters';

/** Administration of organisations: list by party, create, edit, delete (admins only). */
export default function OrganisationsPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const [params, setParams] = useSearchParams();
  const party = params.get('party') ?? '';
  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 200);
  const orgs = useOrganisations();
  const parties = useParties();
  const [editing, setEditing] = useState<Organisation | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Organisation | null>(null);
  const byId = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);

  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const needle = debouncedQ.trim().toLowerCase();
    return (orgs.data ?? []).filter(
      (o) =>
        (!party || o.partyId === party) &&
        (!needle ||
          [o.name.ru, o.name.kk, o.name.en, o.shortName?.ru, o.shortName?.kk, o.shortName?.en]
            .filter(Boolean)
            .some((s) => s?.toLowerCase().includes(needle))),
    );
  }, [orgs.data, party, debouncedQ]);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('admin.organisations')}
        breadcrumbs={[{ label: t('admin.title') }]}
        subtitle={orgs.data ? t('counts.organisations', { count: rows.length }) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
            {t('admin.newOrganisation')}
          </Button>
        }
      />
      <AdminNav />
      <Group align="flex-end" gap="sm">
        <PartyAndSearchFilters party={party} q={q} onChange={setParam} />
      </Group>
      <QueryState query={[orgs, parties]} isEmpty={rows.length === 0} empty={t('admin.noOrganisations')}>
        <Table.ScrollContainer minWidth={760}>
          <Table
            striped
            highlightOnHover
            verticalSpacing="xs"
            className="data-table"
            data-testid="organisations-table"
          >
            <TableHeader
              columns={[
                t('fields.name'),
                t('fields.shortName'),
                t('fields.partyId'),
                t('fields.kind'),
                t('admin.parent'),
              ]}
              actions
            />
            <Table.Tbody>
              {rows.map((o) => {
                const name = l.str(o.name);
                const parent = o.parentId ? byId.get(o.parentId) : undefined;
                return (
                  <Table.Tr key={o.id}>
                    <Table.Td maw={420}>
                      <LocalizedText value={o.name} />
                    </Table.Td>
                    <Table.Td>
                      <LocalizedText value={o.shortName} empty={t('common.empty')} />
                    </Table.Td>
                    <Table.Td>
                      <LocalizedText value={parties.data?.find((p) => p.id === o.partyId)?.name} />
                    </Table.Td>
                    <Table.Td>{t(`enums.orgKind.${o.kind}`)}</Table.Td>
                    <Table.Td>
                      {parent ? l.str(parent.shortName) || l.str(parent.name) : t('common.empty')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          onClick={() => setEditing(o)}
                          aria-label={`${t('common.edit')}: ${name}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          onClick={() => setDeleting(o)}
                          aria-label={`${t('common.delete')}: ${name}`}
                        >
                          {t('common.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing !== undefined && (
        <OrganisationModal
          key={editing?.id ?? 'new'}
          editing={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
      {deleting && <DeleteModal org={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
