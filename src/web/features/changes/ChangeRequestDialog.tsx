/** A coordinator asks the secretariat to move a measure's due date, with the reason. */
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../../contracts';
import { useCreateChangeRequest } from '../../api/change-requests';
import { DateInput, fieldErrors } from '../../components';
import { FormDialog } from '../../components/Dialogs';
import { ReasonField } from '../../components/ReasonField';

export function ChangeRequestDialog({ measure, onClose }: { measure: Measure; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateChangeRequest(measure.id);
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { ...(dueDate ? { dueDate } : {}), reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('planHistory.sent'),
            closeButtonProps: { 'aria-label': t('common.close') },
          });
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('planHistory.askTitle', { code: measure.code })}
      error={create.error}
      busy={create.isPending}
      onSubmit={submit}
      submitLabel={t('planHistory.ask')}
    >
      <DateInput
        label={t('planHistory.newDue')}
        value={dueDate}
        onChange={setDueDate}
        required
        error={errors.dueDate}
        data-autofocus
      />
      <ReasonField
        label={t('planHistory.reason')}
        description={t('planHistory.reasonHint')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
    </FormDialog>
  );
}
