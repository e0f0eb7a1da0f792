/**
 * Move a measure (with its subtree) under another parent: a searchable tree of the roadmap's
 * measures, the measure's own subtree left out (a measure cannot go under itself). The API
 * renumbers the moved subtree; the new code is shown when it answers.
 */
import { Alert, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Measure, MeasureMove, type Roadmap } from '../../../../contracts';
import { useMoveMeasure, useRoadmapMeasures } from '../../../api/measures';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { FormDialog } from '../../../components/Dialogs';
import { ReasonField, reasonError } from '../components/ReasonField';

const TOP = '__top__';

/** The measures of `all` outside `m`'s subtree, in code order. */
export function moveTargets(all: readonly Measure[], m: Measure): Measure[] {
  const inside = new Set([m.id]);
  // codes sort parents before children, so one pass in code order finds the whole subtree
  const byCode = [...all].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  for (const x of byCode) if (x.parentId && inside.has(x.parentId)) inside.add(x.id);
  // the API judges the rest (tiers, the numbering series) and names the field when it refuses
  return byCode.filter((x) => !inside.has(x.id));
}

/** The dialog. */
export function MoveDialog({
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
  const all = useRoadmapMeasures(measure.roadmapId);
  const [q, setQ] = useState('');
  const [target, setTarget] = useState(measure.parentId ?? TOP);
  const [reason, setReason] = useState('');
  const [reasonErr, setReasonErr] = useState<string>();
  const [moved, setMoved] = useState<Measure | null>(null);
  const move = useMoveMeasure(measure);
  const approved = roadmap.status === 'approved';
  const takesReason = 'reason' in MeasureMove.shape;
  const errors = fieldErrors(move.error);
  const targets = useMemo(() => moveTargets(all.data ?? [], measure), [all.data, measure]);
  const needle = q.trim().toLowerCase();
  const shown = needle
    ? targets.filter((m) => m.code.startsWith(needle) || l.str(m.title).toLowerCase().includes(needle))
    : targets;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (moved) return onClose();
    const why = approved ? reasonError(reason, t) : undefined;
    setReasonErr(why);
    if (why) return;
    move.mutate(
      {
        parentId: target === TOP ? null : target,
        ...(approved && takesReason ? { reason: reason.trim() } : {}),
      },
      { onSuccess: setMoved },
    );
  };

  return (
    <FormDialog
      onClose={onClose}
      title={t('workbench.move.title', { code: measure.code })}
      size="lg"
      error={move.error}
      busy={move.isPending}
      onSubmit={submit}
      submitLabel={moved ? t('common.close') : t('workbench.move.submit')}
    >
      {moved ? (
        <Alert color="green" variant="light" role="status">
          {t('workbench.move.done', { from: measure.code, to: moved.code })}
        </Alert>
      ) : (
        <>
          <TextInput
            type="search"
            label={t('workbench.move.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-autofocus
          />
          <Radio.Group
            label={t('workbench.move.target')}
            value={target}
            onChange={setTarget}
            error={errors.parentId}
          >
            <ScrollArea.Autosize mah={320} type="auto" mt="xs">
              <Stack gap={6}>
                <Radio value={TOP} label={t('workbench.move.top')} />
                {shown.map((m) => (
                  <Radio
                    key={m.id}
                    value={m.id}
                    pl={m.depth * 16}
                    label={
                      <Text span fz="sm" style={{ overflowWrap: 'anywhere' }}>
                        <b>{m.code}</b> {l.str(m.title)}
                      </Text>
                    }
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Radio.Group>
          <Text fz="xs" c="gray.8">
            {t('workbench.move.renumber')}
          </Text>
          {approved && <ReasonField value={reason} onChange={setReason} error={reasonErr ?? errors.reason} />}
        </>
      )}
    </FormDialog>
  );
}
