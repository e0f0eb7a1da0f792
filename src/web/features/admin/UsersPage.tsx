import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Pagination,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LIMITS, LOCALES, type Locale, ROLES, type Role, type User } from '../../../contracts';
import { api } from '../../api/client';
import { useApiMutation, useMe, useOrganisations, useParties, useUsers } from '../../api/hooks';
import { roleNeedsOrganisation } from '../../api/permissions';
import { fieldErrors } from '../../components/errors';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useFormat } from '../../i18n';
import { AdminNav } from './AdminNav';
import { ConfirmDialog, FormDialog } from './Dialogs';
import { PartyAndSearchFilters } from './ListFilters';

const PAGE_SIZE = 50;

interface UserForm {
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  locale: Locale;
  password: string;
}

function UserModal({ editing, onClose }: { editing: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const me = useMe();
  const orgs = useOrganisations();
  const parties = useParties();
  const self = editing?.id === me.id;
  const [form, setForm] = useState<UserForm>({
    email: editing?.email ?? '',
    name: editing?.name ?? '',
    role: editing?.role ?? 'reporter',
    organisationId: editing?.organisationId ?? '',
    locale: editing?.locale ?? 'ru',
    password: '',
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useApiMutation(
    (f: UserForm) => {
      // Admins act for both parties and have no organisation (the API's affiliation rule).
      const organisationId = f.role === 'admin' ? null : f.organisationId || null;
      if (!editing) {
        return api.post<User>('/users', {
          email: f.email.trim(),
          name: f.name.trim(),
          role: f.role,
          organisationId,
          locale: f.locale,
          password: f.password,
        });
      }
      return api.patch<User>(`/users/${editing.id}`, {
        version: editing.version,
        email: f.email.trim(),
        name: f.name.trim(),
        ...(self ? {} : { role: f.role }),
        organisationId,
        locale: f.locale,
        ...(f.password ? { password: f.password } : {}),
      });
    },
    [['users']],
  );
  const errors = { ...fieldErrors(save.error, t), ...missing };
  const needsOrg = roleNeedsOrganisation(form.role);
  const orgOptions = [...(orgs.data ?? [])]
    .sort((a, b) => a.partyId.localeCompare(b.partyId) || l.str(a.name).localeCompare(l.str(b.name)))
    .map((o) => {
      const party = parties.data?.find((p) => p.id === o.partyId);
      return { value: o.id, label: `${party?.code ?? ''} · ${l.str(o.shortName) || l.str(o.name)}` };
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.email.trim()) m.email = t('common.required');
    if (!form.name.trim()) m.name = t('common.required');
    if (needsOrg && !form.organisationId) m.organisationId = t('admin.needsOrganisation');
    if (!editing && form.password.length < LIMITS.password.min) m.password = `≥ ${LIMITS.password.min}`;
    if (editing && form.password && form.password.length < LIMITS.password.min)
      m.password = `≥ ${LIMITS.password.min}`;
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate(form, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onClose();
      },
    });
  };

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? t('admin.editUser') : t('admin.newUser')}
      size="lg"
      error={save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.create')}
    >
      <TextInput
        label={t('fields.name')}
        required
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={errors.name}
        autoComplete="off"
      />
      <TextInput
        label={t('fields.email')}
        type="email"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
        error={errors.email}
        autoComplete="off"
      />
      <NativeSelect
        label={t('fields.role')}
        required
        disabled={self}
        value={form.role}
        onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}
        data={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
        description={t(`admin.roleHint.${form.role}`)}
        error={errors.role}
      />
      {form.role !== 'admin' && (
        <NativeSelect
          label={t('fields.organisationId')}
          required={needsOrg}
          value={form.organisationId}
          onChange={(e) => setForm({ ...form, organisationId: e.currentTarget.value })}
          data={[
            { value: '', label: needsOrg ? t('measure.noOrganisation') : t('common.none') },
            ...orgOptions,
          ]}
          error={errors.organisationId}
        />
      )}
      <NativeSelect
        label={t('fields.locale')}
        value={form.locale}
        onChange={(e) => setForm({ ...form, locale: e.currentTarget.value as Locale })}
        data={LOCALES.map((x) => ({ value: x, label: t(`locales.${x}`) }))}
      />
      <PasswordInput
        visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
        label={editing ? t('admin.newPassword') : t('admin.initialPassword')}
        description={editing ? t('admin.newPasswordHint') : undefined}
        required={!editing}
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
        error={errors.password}
        autoComplete="new-password"
      />
    </FormDialog>
  );
}

function DisableModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const toggle = useApiMutation(
    (u: User) => api.patch<User>(`/users/${u.id}`, { version: u.version, disabled: !u.disabled }),
    [['users']],
  );
  const disabling = !user.disabled;
  return (
    <ConfirmDialog
      onClose={onClose}
      title={disabling ? t('admin.disableUser') : t('admin.enableUser')}
      error={toggle.error}
      busy={toggle.isPending}
      color={disabling ? 'red' : 'blue'}
      confirmLabel={disabling ? t('admin.disableUser') : t('admin.enableUser')}
      onConfirm={() =>
        toggle.mutate(user, {
          onSuccess: () => {
            notifications.show({
              color: 'green',
              message: disabling ? t('admin.userDisabled') : t('common.saved'),
            });
            onClose();
          },
        })
      }
    >
      <Text>{disabling ? t('admin.disableUserConfirm', { name: user.name }) : user.name}</Text>
    </ConfirmDialog>
  );
}

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
