/**
 * The secretariat's actions on a meeting not yet held: edit it, hold it (which freezes the
 * baselines), delete it — each confirmed, each refusal of the API explained. A held meeting
 * is read-only, as the API keeps it: none of these are shown then.
 */
import { Button, Group, Modal, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Meeting } from '../../../../contracts';
import { useDeleteMeeting, useHoldMeeting } from '../../../api/meetings';
import { ErrorAlert } from '../../../components';
import { ConfirmDialog } from '../../../components/Dialogs';
import { MeetingDialog } from './MeetingDialog';

type Open = 'edit' | 'hold' | 'delete' | null;

/** The buttons and their dialogs; nothing for a held meeting. */
export function MeetingActions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const hold = useHoldMeeting();
  const remove = useDeleteMeeting();
  if (meeting.heldAt) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Button
          variant="light"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => setOpen('edit')}
        >
          {t('common.edit')}
        </Button>
        <Button
          onClick={() => {
            hold.reset();
            setOpen('hold');
          }}
        >
          {t('meetings.hold')}
        </Button>
        <Button
          variant="light"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => {
            remove.reset();
            setOpen('delete');
          }}
        >
          {t('common.delete')}
        </Button>
      </Group>
      {open === 'edit' && <MeetingDialog editing={meeting} onClose={close} />}
      <Modal
        opened={open === 'hold'}
        onClose={close}
        title={t('meetings.holdTitle', { number: meeting.number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="md">
          {t('meetings.holdText')}
        </Text>
        <ErrorAlert error={hold.error} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button loading={hold.isPending} onClick={() => hold.mutate(meeting, { onSuccess: close })}>
            {t('meetings.confirm')}
          </Button>
        </Group>
      </Modal>
      {open === 'delete' && (
        <ConfirmDialog
          onClose={close}
          title={t('meetingForm.deleteTitle', { number: meeting.number })}
          error={remove.error}
          busy={remove.isPending}
          confirmLabel={t('common.delete')}
          onConfirm={() =>
            remove.mutate(meeting, {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: t('meetingForm.deleted', { number: meeting.number }),
                });
                navigate('/meetings');
              },
            })
          }
        >
          <Text size="sm">{t('meetingForm.deleteText')}</Text>
        </ConfirmDialog>
      )}
    </>
  );
}
