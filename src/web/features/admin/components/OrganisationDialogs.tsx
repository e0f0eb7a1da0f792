/** The dialogs of the organisations page: create or edit an organisation, delete one. */
import { Group, NativeSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type I18nText,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
} from '../../../../contracts';
import {
  useDeleteOrganisation,
  useOrganisations,
  useParties,
  useSaveOrganisation,
} from '../../../api/reference';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';
import { cleanI18n, I18nFields } from '../I18nFields';

interface OrgForm {
  partyId: string;
  parentId: string;
  kind: OrganisationKind;
  name: Partial<I18nText>;
  shortName: Partial<I18nText>;
}

/** Creates an organisation (editing null) or edits one. */
export function OrganisationModal({
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
  const save = useSaveOrganisation(editing);
  const errors = { ...fieldErrors(save.error, t), ...missing };
  const parents = (orgs.data ?? []).filter((o) => o.partyId === form.partyId && o.id !== editing?.id);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.name.ru?.trim()) m['name.ru'] = t('common.required');
    if (!form.partyId) m.partyId = t('common.required');
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate(
      {
        partyId: form.partyId,
        kind: form.kind,
        parentId: form.parentId || null,
        name: cleanI18n(form.name) as I18nText,
        shortName: cleanI18n(form.shortName),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
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

/** Confirms deleting an organisation. */
export function DeleteModal({ org, onClose }: { org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const del = useDeleteOrganisation();
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
