import { Badge, Button, Group, NativeSelect, Pagination, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role, type User } from '../../../contracts';
import { useOrganisations } from '../../api/reference';
import { useMe } from '../../api/session';
import { useUsers } from '../../api/users';
import { LocalizedText } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useFormat } from '../../i18n';
import { AdminNav } from './AdminNav';
import { DisableModal, UserModal } from './components/UserDialogs';
import { PartyAndSearchFilters } from './ListFilters';

const PAGE_SIZE = 50;

/** Administration of user accounts: filter, create, edit, disable/enable (admins only). */
export default function UsersPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const role = (ROLES as readonly string[]).includes(params.get('role') ?? '')
    ? (params.get('role') as Role)
    : '';
  const party = params.get('party') ?? '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const users = useUsers({ role, partyId: party, q: debouncedQ, page, limit: PAGE_SIZE });
  const orgs = useOrganisations();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [toggling, setToggling] = useState<User | null>(null);

  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const rows = users.data?.data ?? [];
  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('admin.users')}
        breadcrumbs={[{ label: t('admin.title') }]}
        subtitle={users.data ? t('counts.users', { count: total }) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
            {t('admin.newUser')}
          </Button>
        }
      />
      <AdminNav />
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('admin.filterRole')}
          value={role}
          onChange={(e) => setParam('role', e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) })),
          ]}
          w={200}
        />
        <PartyAndSearchFilters party={party} q={q} onChange={setParam} />
      </Group>
      <QueryState query={users} isEmpty={rows.length === 0} empty={t('admin.noUsers')}>
        <Table.ScrollContainer minWidth={900}>
          <Table
            striped
            highlightOnHover
            verticalSpacing="xs"
            className="data-table"
            data-testid="users-table"
          >
            <TableHeader
              columns={[
                t('fields.name'),
                t('fields.email'),
                t('fields.role'),
                t('fields.organisationId'),
                t('fields.status'),
                t('fields.lastSignInAt'),
              ]}
              actions
            />
            <Table.Tbody>
              {rows.map((u) => {
                const org = u.organisationId ? orgs.data?.find((o) => o.id === u.organisationId) : undefined;
                const self = u.id === me.id;
                return (
                  <Table.Tr key={u.id} data-disabled={u.disabled || undefined}>
                    <Table.Td>
                      {u.name}
                      {self && (
                        <Text span fz="xs" c="gray.8">
                          {' '}
                          ({t('admin.you')})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{t(`enums.role.${u.role}`)}</Table.Td>
                    <Table.Td maw={280}>
                      {org ? <LocalizedText value={org.shortName ?? org.name} /> : t('common.empty')}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={u.disabled ? 'gray' : 'green'}
                        variant="light"
                        radius="sm"
                        style={{ textTransform: 'none' }}
                      >
                        {u.disabled ? t('admin.disabled') : t('admin.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : t('admin.never')}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          onClick={() => setEditing(u)}
                          aria-label={`${t('common.edit')}: ${u.name}`}
                        >
                          {t('common.edit')}
                        </Button>
                        {!self && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color={u.disabled ? 'blue' : 'red'}
                            leftSection={
                              u.disabled ? (
                                <IconUserCheck size={14} aria-hidden />
                              ) : (
                                <IconUserOff size={14} aria-hidden />
                              )
                            }
                            onClick={() => setToggling(u)}
                            aria-label={`${u.disabled ? t('admin.enableUser') : t('admin.disableUser')}: ${u.name}`}
                          >
                            {u.disabled ? t('admin.enableUser') : t('admin.disableUser')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pages > 1 && (
          <Group justify="center">
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => setParam('page', String(p))}
              getControlProps={(control) => ({
                'aria-label':
                  control === 'previous'
                    ? t('common.previous')
                    : control === 'next'
                      ? t('common.next')
                      : control,
              })}
              getItemProps={(p) => ({ 'aria-label': t('common.pageOf', { page: p, pages }) })}
            />
          </Group>
        )}
      </QueryState>
      {editing !== undefined && (
        <UserModal key={editing?.id ?? 'new'} editing={editing} onClose={() => setEditing(undefined)} />
      )}
      {toggling && <DisableModal user={toggling} onClose={() => setToggling(null)} />}
    </Stack>
  );
}
