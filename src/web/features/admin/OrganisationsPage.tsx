import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type I18nText,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
} from '../../../contracts';
import { api } from '../../api/client';
import { useApiMutation, useOrganisations, useParties } from '../../api/hooks';
import { fieldErrors } from '../../components/errors';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { AdminNav } from './AdminNav';
import { ConfirmDialog, FormDialog } from './Dialogs';
import { PartyAndSearchFilters } from './ListFilters';
import { cleanI18n, I18nFields } from './I18nFields';

interface OrgForm {
  partyId: string;
  parentId: string;
  kind: OrganisationKind;
  name: Partial<I18nText>;
  shortName: Partial<I18nText>;
}

function OrganisationModal({
  editing,
  opened,
  onClose,
}: {
  /** null: create a new one. */
  editing: Organisation | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const parties = useParties();
  const orgs = useOrganisations();
  const [form, setForm] = useState<OrgForm>(() => ({
    partyId: editing?.partyId ?? parties.data?.[0]?.id ?? '',
    parentId: editing?.parentId ?? '',
    kind: editing?.kind ?? 'ministry',
    name: editing?.name ?? { ru: '' },
    shortName: editing?.shortName ?? {},
  }));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useApiMutation(
    (f: OrgForm) => {
      const name = cleanI18n(f.name) as I18nText;
      const shortName = cleanI18n(f.shortName);
      const parentId = f.parentId || null;
      return editing
        ? api.patch<Organisation>(`/organisations/${editing.id}`, {
            version: editing.version,
            kind: f.kind,
            parentId,
            name,
            shortName,
          })
        : api.post<Organisation>('/organisations', {
            partyId: f.partyId,
            kind: f.kind,
            parentId,
            name,
            shortName,
          });
    },
    [['organisations']],
  );
  const errors = { ...fieldErrors(save.error, t), ...missing };
  const parents = (orgs.data ?? []).filter((o) => o.partyId === form.partyId && o.id !== editing?.id);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.name.ru?.trim()) m['name.ru'] = t('common.required');
    if (!form.partyId) m.partyId = t('common.required');
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
      opened={opened}
      onClose={onClose}
      title={editing ? t('admin.editOrganisation') : t('admin.newOrganisation')}
      size="xl"
      error={save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.create')}
    >
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('fields.partyId')}
          required
          disabled={!!editing}
          description={editing ? t('admin.partyFixed') : undefined}
          value={form.partyId}
          onChange={(e) => setForm({ ...form, partyId: e.currentTarget.value, parentId: '' })}
          data={(parties.data ?? []).map((p) => ({ value: p.id, label: l.str(p.name) }))}
          error={errors.partyId}
          miw={200}
        />
        <NativeSelect
          label={t('fields.kind')}
          required
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as OrganisationKind })}
          data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`enums.orgKind.${k}`) }))}
          error={errors.kind}
          miw={200}
        />
        <NativeSelect
          label={t('admin.parent')}
          value={form.parentId}
          onChange={(e) => setForm({ ...form, parentId: e.currentTarget.value })}
          data={[
            { value: '', label: t('common.none') },
            ...parents.map((o) => ({ value: o.id, label: l.str(o.shortName) || l.str(o.name) })),
          ]}
          error={errors.parentId}
          miw={200}
        />
      </Group>
      <I18nFields
        labelKey="admin.nameIn"
        value={form.name}
        onChange={(name) => setForm({ ...form, name })}
        errors={errors}
        path="name"
      />
      <I18nFields
        labelKey="admin.shortNameIn"
        value={form.shortName}
        onChange={(shortName) => setForm({ ...form, shortName })}
        errors={errors}
        path="shortName"
        required={false}
      />
    </FormDialog>
  );
}

function DeleteModal({ org, onClose }: { org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const del = useApiMutation(
    (o: Organisation) => api.delete(`/organisations/${o.id}`, { query: { version: o.version } }),
    [['organisations']],
  );
  return (
    <ConfirmDialog
      onClose={onClose}
      title={t('admin.deleteOrganisation')}
      error={del.error}
      busy={del.isPending}
      confirmLabel={t('common.delete')}
      onConfirm={() =>
        del.mutate(org, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('admin.organisationDeleted') });
            onClose();
          },
        })
      }
    >
      <Text>{t('admin.deleteOrganisationConfirm', { name: l.str(org.name) })}</Text>
    </ConfirmDialog>
  );
}

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
