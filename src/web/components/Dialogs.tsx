import { Button, Group, type MantineSize, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './QueryState';

interface DialogBase {
  onClose: () => void;
  title: string;
  /** The last failed attempt, shown above the buttons in words. */
  error: unknown;
  /** A request is running: the main button shows it and cannot be pressed twice. */
  busy: boolean;
  children: ReactNode;
}

const closeLabel = (t: (k: string) => string) => ({ 'aria-label': t('common.close') });

/** A form in a dialog: the fields, the server's error, Cancel and a submit button. */
export function FormDialog({
  onClose,
  title,
  error,
  busy,
  children,
  onSubmit,
  submitLabel,
  size,
  opened = true,
}: DialogBase & {
  onSubmit: (e: FormEvent) => void;
  submitLabel: string;
  size?: MantineSize;
  opened?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} closeButtonProps={closeLabel(t)}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {error ? <ErrorAlert error={error} /> : null}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A question in a dialog: what will happen, the server's error, Cancel and the action. */
export function ConfirmDialog({
  onClose,
  title,
  error,
  busy,
  children,
  onConfirm,
  confirmLabel,
  color = 'red',
}: DialogBase & { onConfirm: () => void; confirmLabel: string; color?: string }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={closeLabel(t)}>
      <Stack>
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={color} loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
