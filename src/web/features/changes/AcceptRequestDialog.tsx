/**
 * Accepting a change request: what it changes, and the commission decision it follows, if any
 * (the decisions of the meetings reviewing the measure's roadmap). The request's own reason is
 * the amendment's reason; the API's refusal of the decision shows beside the field.
 */
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeRequest } from '../../../contracts';
import { useDecideChangeRequest } from '../../api/change-requests';
import { formatDateText } from '../../components';
import { ConfirmDialog } from '../../components/Dialogs';
import { fieldErrors } from '../../components/errors';
import { DecisionSelect } from '../meetings/components/DecisionSelect';

/** The dialog; closes once the request is accepted. */
export function AcceptRequestDialog({ request, onClose }: { request: ChangeRequest; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const decide = useDecideChangeRequest();
  const [decisionId, setDecisionId] = useState('');
  const errors = fieldErrors(decide.error);
  const date = (d: string) => formatDateText(d, i18n.language);
  return (
    <ConfirmDialog
      onClose={onClose}
      title={t('planDecision.acceptTitle', { code: request.measureCode })}
      error={errors.decisionId ? null : decide.error}
      busy={decide.isPending}
      color="blue"
      confirmLabel={t('changeRequests.accept')}
      onConfirm={() =>
        decide.mutate(
          { request, accept: true, decisionId: decisionId || undefined },
          {
            onSuccess: () => {
              notifications.show({
                color: 'green',
                message: t('changeRequests.accepted'),
                closeButtonProps: { 'aria-label': t('common.close') },
              });
              onClose();
            },
          },
        )
      }
    >
      <Text size="sm">
        {request.dueDate
          ? t('changeRequests.askedDue', {
              from: date(request.previousDueDate ?? request.currentDueDate),
              to: date(request.dueDate),
            })
          : t('changeRequests.askedBodies')}
      </Text>
      <Text size="sm" className="accord-wrap">
        {t('planDecision.acceptReason', { reason: request.reason })}
      </Text>
      <DecisionSelect
        roadmapId={request.roadmapId}
        value={decisionId}
        onChange={setDecisionId}
        error={errors.decisionId}
      />
    </ConfirmDialog>
  );
}
