import { Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts';
import { useChangePassword } from '../../../api/session';
import { ErrorAlert, Section } from '../../../components';
import { fieldErrors } from '../../../components/errors';

/** Changing one's password: the current one, the new one twice. */
export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(change.error, t), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!current) m.currentPassword = t('common.required');
    if (next.length < LIMITS.password.min) m.newPassword = `≥ ${LIMITS.password.min}`;
    if (next !== repeat) m.repeat = t('profile.mismatch');
    setLocal(m);
    if (Object.keys(m).length) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          notifications.show({ color: 'green', message: t('profile.passwordChanged') });
        },
      },
    );
  };

  return (
    <Section id="profile-password" title={t('profile.password')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={400}>
          {change.error ? <ErrorAlert error={change.error} /> : null}
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.newPassword')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.repeatPassword')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
