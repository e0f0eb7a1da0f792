/**
 * The decisions: each numbered, its text in ru/kk/en, and the measures it creates, changes,
 * closes or moves, picked from the roadmaps the meeting reviews. Reordering keeps numbers:
 * the number is the protocol's, typed by the secretariat.
 */
import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DECISION_EFFECTS, type Measure } from '../../../../contracts';
import { I18nTextareas } from '../../admin/I18nFields';
import { textOf } from '../../roadmap/format';
import { type DecisionEffect, type DecisionRow, errorUnder, moveItem, rowKey } from '../meetingForm';
import { MeasurePicker } from './MeasurePicker';
import { RowButtons } from './RowButtons';

/** Props: the decisions, their setter, errors by path and the measures that can be linked. */
export interface DecisionsEditorProps {
  value: DecisionRow[];
  onChange: (v: DecisionRow[]) => void;
  errors: Record<string, string>;
  measures: ReadonlyMap<string, Measure>;
  /** No roadmap chosen yet: nothing to link. */
  noRoadmaps: boolean;
}

/** One decision's linked measures with their effects. */
function Links({
  d,
  i,
  set,
  errors,
  measures,
  noRoadmaps,
}: {
  d: DecisionRow;
  i: number;
  set: (d: DecisionRow) => void;
  errors: Record<string, string>;
  measures: ReadonlyMap<string, Measure>;
  noRoadmaps: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={6}>
      {d.measures.map((l, k) => {
        const m = measures.get(l.measureId);
        const label = m ? `${m.code} ${textOf(m.title, i18n.language)}` : l.measureId;
        const err = errorUnder(errors, `decisions.${i}.measures.${k}`);
        return (
          <Group key={l.measureId} gap="xs" wrap="wrap" align="flex-end" data-testid="decision-link">
            <Text size="sm" className="accord-wrap" style={{ flex: '1 1 200px' }}>
              {label}
              {err && (
                <Text span size="sm" c="#c92a2a" display="block" role="alert">
                  {err}
                </Text>
              )}
            </Text>
            <NativeSelect
              label={t('meetingForm.effectOf', { measure: m?.code ?? '' })}
              value={l.effect}
              onChange={(e) =>
                set({
                  ...d,
                  measures: d.measures.map((x, j) =>
                    j === k ? { ...x, effect: e.currentTarget.value as DecisionEffect } : x,
                  ),
                })
              }
              data={DECISION_EFFECTS.map((x) => ({ value: x, label: t(`planHistory.effects.${x}`) }))}
              style={{ flex: '0 1 220px' }}
            />
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('meetingForm.unlink', { measure: m?.code ?? '' })}
              onClick={() => set({ ...d, measures: d.measures.filter((_, j) => j !== k) })}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        );
      })}
      {errors[`decisions.${i}.measures`] && (
        <Text size="sm" c="#c92a2a" role="alert">
          {errors[`decisions.${i}.measures`]}
        </Text>
      )}
      <MeasurePicker
        label={t('meetingForm.linkMeasure', { n: d.number || i + 1 })}
        measures={measures}
        exclude={d.measures.map((l) => l.measureId)}
        disabled={noRoadmaps}
        onPick={(measureId) => set({ ...d, measures: [...d.measures, { measureId, effect: 'changes' }] })}
      />
      {noRoadmaps && (
        <Text size="xs" c="gray.8">
          {t('meetingForm.chooseRoadmapsFirst')}
        </Text>
      )}
    </Stack>
  );
}

/** The fieldset of decisions. */
export function DecisionsEditor({ value, onChange, errors, measures, noRoadmaps }: DecisionsEditorProps) {
  const { t } = useTranslation();
  const next = String(Math.max(0, ...value.map((d) => Number(d.number) || 0)) + 1);
  return (
    <Fieldset legend={t('meetings.decisions')}>
      <Stack gap="md">
        {value.length === 0 && <Text size="sm">{t('meetings.noDecisions')}</Text>}
        {value.map((d, i) => {
          const name = t('meetingForm.decisionN', { n: d.number || i + 1 });
          const set = (nd: DecisionRow) => onChange(value.map((x, j) => (j === i ? nd : x)));
          return (
            <Stack key={d.key} gap={6} data-testid="decision">
              <Group justify="space-between" wrap="nowrap" align="flex-end">
                <TextInput
                  label={t('meetingForm.decisionNumber')}
                  required
                  inputMode="numeric"
                  value={d.number}
                  onChange={(e) => set({ ...d, number: e.currentTarget.value })}
                  error={errors[`decisions.${i}.number`] ?? errors[`decisions.${i}.id`]}
                  maw={200}
                />
                <RowButtons
                  index={i}
                  count={value.length}
                  name={name}
                  onMove={(delta) => onChange(moveItem(value, i, delta))}
                  onRemove={() => onChange(value.filter((_, j) => j !== i))}
                />
              </Group>
              <I18nTextareas
                labelKey="meetingForm.decisionTextIn"
                value={d.text}
                onChange={(text) => set({ ...d, text })}
                errors={errors}
                path={`decisions.${i}.text`}
                required
                maxRows={6}
              />
              <Links d={d} i={i} set={set} errors={errors} measures={measures} noRoadmaps={noRoadmaps} />
            </Stack>
          );
        })}
        {errors.decisions && (
          <Text size="sm" c="#c92a2a" role="alert">
            {errors.decisions}
          </Text>
        )}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            onChange([...value, { key: rowKey(), number: next, text: { ru: '' }, measures: [] }])
          }
        >
          {t('meetingForm.addDecision')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
