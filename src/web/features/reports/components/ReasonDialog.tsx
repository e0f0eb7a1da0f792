/** Asks for the reason of a return or a reopening (3–1000 characters), then makes the move. */
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../contracts';
import { useReportMove } from '../../../api/reports';
import { ReasonDialog as AskReason } from '../../../components/ReasonDialog';

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
  return (
    <AskReason
      onClose={onClose}
      title={t(`reports.report.${move}Title`)}
      submitLabel={t(`reports.report.${move}`)}
      label={t('reports.report.reason')}
      description={t('reports.report.reasonHint')}
      error={act.error}
      busy={act.isPending}
      onConfirm={(reason) => act.mutate({ report, move, reason }, { onSuccess: onClose })}
    />
  );
}
