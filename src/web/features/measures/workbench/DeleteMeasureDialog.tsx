/**
 * Delete a measure: its children and the measures depending on it are named first (the API
 * refuses while it has children; a dependant would lose the link). In an approved roadmap a
 * reason is required, and the commission decision the removal follows may be cited.
 */
import { List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Measure, Roadmap } from '../../../../contracts';
import { useDeleteMeasure, useRoadmapMeasures } from '../../../api/measures';
import { useLocalize } from '../../../components/LocalizedText';
import { roadmapHref } from '../../roadmap/urlState';
import { ConfirmDialog } from '../../../components/Dialogs';
import { fieldErrors } from '../../../components/errors';
import { DecisionSelect } from '../../meetings/components/DecisionSelect';
import { ReasonField, reasonError } from '../components/ReasonField';

/** The measures to name before deleting `m`: its visible children and dependants. */
export function blockersOf(all: readonly Measure[], m: Measure) {
  return {
    children: all.filter((x) => x.parentId === m.id),
    dependants: all.filter((x) => x.dependsOn.includes(m.id)),
  };
}

/** The dialog; after deleting it opens the roadmap. */
export function DeleteMeasureDialog({
  measure,
  roadmap,
  onClose,
}: {
  measure: Measure;
  roadmap: Roadmap;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const navigate = useNavigate();
  const all = useRoadmapMeasures(measure.roadmapId);
  const remove = useDeleteMeasure(measure);
  const [reason, setReason] = useState('');
  const [reasonErr, setReasonErr] = useState<string>();
  const [decisionId, setDecisionId] = useState('');
  const apiErrors = fieldErrors(remove.error);
  const approved = roadmap.status === 'approved';
  const { children, dependants } = blockersOf(all.data ?? [], measure);
  const blocked = children.length > 0 || measure.childCount > 0;
  const names = (list: Measure[]) => (
    <List size="sm">
      {list.map((m) => (
        <List.Item key={m.id}>
          {m.code} {l.str(m.title)}
        </List.Item>
      ))}
    </List>
  );

  return (
    <ConfirmDialog
      onClose={onClose}
      title={t('workbench.delete.title', { code: measure.code })}
      error={remove.error}
      busy={remove.isPending}
      confirmLabel={t('common.delete')}
      onConfirm={() => {
        const missing = approved ? reasonError(reason, t) : undefined;
        setReasonErr(missing);
        if (missing || blocked) return;
        const why = approved ? { reason: reason.trim(), ...(decisionId ? { decisionId } : {}) } : {};
        remove.mutate(why, {
          onSuccess: () => {
            notifications.show({
              color: 'green',
              message: t('workbench.delete.done', { code: measure.code }),
            });
            onClose();
            navigate(roadmapHref({ roadmap: measure.roadmapId }));
          },
        });
      }}
    >
      {blocked ? (
        <>
          <Text fz="sm" fw={600}>
            {t('workbench.delete.hasChildren')}
          </Text>
          {names(children)}
        </>
      ) : (
        <Text fz="sm">{t('workbench.delete.text')}</Text>
      )}
      {dependants.length > 0 && (
        <>
          <Text fz="sm" fw={600}>
            {t('workbench.delete.dependants')}
          </Text>
          {names(dependants)}
        </>
      )}
      {approved && !blocked && (
        <>
          <ReasonField value={reason} onChange={setReason} error={reasonErr ?? apiErrors.reason} />
          <DecisionSelect
            roadmapId={measure.roadmapId}
            value={decisionId}
            onChange={setDecisionId}
            error={apiErrors.decisionId}
          />
        </>
      )}
    </ConfirmDialog>
  );
}
