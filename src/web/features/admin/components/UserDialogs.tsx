/** The dialogs of the users page: create or edit a user, disable or re-enable one. */
import { NativeSelect, PasswordInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, LOCALES, type Locale, ROLES, type Role, type User } from '../../../../contracts';
import { roleNeedsOrganisation } from '../../../api/permissions';
import { useOrganisations, useParties } from '../../../api/reference';
import { useMe } from '../../../api/session';
import { useSaveUser, useToggleUser } from '../../../api/users';
import { useLengthLimit } from '../../../components';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';

interface UserForm {
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  locale: Locale;
  password: string;
}

/** Creates a user (editing null) or edits one. */
export function UserModal({ editing, onClose }: { editing: User | null; onClose: () => void }) {
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
  const save = useSaveUser(editing);
  const limit = useLengthLimit();
  const nameHint = limit(form.name, LIMITS.name);
  const emailHint = limit(form.email, LIMITS.email);
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
    // Admins act for both parties and have no organisation (the API's affiliation rule).
    const organisationId = form.role === 'admin' ? null : form.organisationId || null;
    const body = {
      email: form.email.trim(),
      name: form.name.trim(),
      ...(self ? {} : { role: form.role }),
      organisationId,
      locale: form.locale,
      ...(form.password || !editing ? { password: form.password } : {}),
    };
    save.mutate(body, {
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
        description={nameHint.description}
        error={errors.name ?? nameHint.error}
        autoComplete="off"
      />
      <TextInput
        label={t('fields.email')}
        type="email"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
        description={emailHint.description}
        error={errors.email ?? emailHint.error}
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

/** Confirms disabling (or re-enabling) a user. */
export function DisableModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const toggle = useToggleUser();
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
