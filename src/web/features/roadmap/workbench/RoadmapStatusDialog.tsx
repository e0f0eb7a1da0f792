/** The confirmation of a roadmap's status change, saying what follows from it. */
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Roadmap } from '../../../../contracts';
import { useSaveRoadmap } from '../../../api/roadmaps';
import { ConfirmDialog } from '../../../components/Dialogs';

/** The next statuses a roadmap may take: draft → approved → archived (and back to draft from approved). */
export const NEXT_STATUS: Record<Roadmap['status'], Roadmap['status'][]> = {
  draft: ['approved'],
  approved: ['archived'],
  archived: [],
};

/** The dialog for one target status. */
export function RoadmapStatusDialog({
  roadmap,
  to,
  onClose,
}: {
  roadmap: Roadmap;
  to: Roadmap['status'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveRoadmap(roadmap);
  return (
    <ConfirmDialog
      onClose={onClose}
      title={t(`workbench.roadmap.to.${to}.title`)}
      error={save.error}
      busy={save.isPending}
      color={to === 'archived' ? 'red' : 'blue'}
      confirmLabel={t(`workbench.roadmap.to.${to}.confirm`)}
      onConfirm={() =>
        save.mutate(
          { status: to },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('common.saved') });
              onClose();
            },
          },
        )
      }
    >
      <Text fz="sm">{t(`workbench.roadmap.to.${to}.text`)}</Text>
    </ConfirmDialog>
  );
}
