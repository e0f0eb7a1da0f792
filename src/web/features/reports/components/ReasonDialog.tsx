/** Asks for the reason of a return or a reopening (3–1000 characters), then makes the move. */
import { Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../contracts';
import { useReportMove } from '../../../api/reports';
import { FormDialog } from '../../admin/Dialogs';

export function ReasonDialog({
  report,
  move,
  onClose,
}: {
  report: Report;
  move: 'return' | 'reopen';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const act = useReportMove();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    act.mutate({ report, move, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t(`reports.report.${move}Title`)}
      error={act.error}
      busy={act.isPending}
      onSubmit={submit}
      submitLabel={t(`reports.report.${move}`)}
    >
      <Textarea
        label={t('reports.report.reason')}
        description={t('reports.report.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
        minLength={3}
        maxLength={1000}
        rows={4}
        data-autofocus
      />
    </FormDialog>
  );
}
