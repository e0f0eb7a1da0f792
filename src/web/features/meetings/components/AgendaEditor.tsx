/** The agenda: items in order, each titled in ru/kk/en; add, remove, move up and down. */
import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { I18nFields } from '../../admin/I18nFields';
import { type AgendaRow, moveItem, rowKey } from '../meetingForm';
import { RowButtons } from './RowButtons';

/** Props: the items, their setter and the field errors keyed by path (`agenda.0.title.ru`). */
export function AgendaEditor({
  value,
  onChange,
  errors,
}: {
  value: AgendaRow[];
  onChange: (v: AgendaRow[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('meetings.agenda')}>
      <Stack gap="sm">
        {value.length === 0 && <Text size="sm">{t('meetings.noAgenda')}</Text>}
        {value.map((a, i) => {
          const name = t('meetingForm.agendaItem', { n: i + 1 });
          return (
            <Stack key={a.key} gap={4} data-testid="agenda-item">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {name}
                </Text>
                <RowButtons
                  index={i}
                  count={value.length}
                  name={name}
                  onMove={(d) => onChange(moveItem(value, i, d))}
                  onRemove={() => onChange(value.filter((_, j) => j !== i))}
                />
              </Group>
              <I18nFields
                labelKey="meetingForm.agendaTitleIn"
                value={a.title}
                onChange={(title) => onChange(value.map((x, j) => (j === i ? { ...x, title } : x)))}
                errors={errors}
                path={`agenda.${i}.title`}
              />
            </Stack>
          );
        })}
        {errors.agenda && (
          <Text size="sm" c="#c92a2a" role="alert">
            {errors.agenda}
          </Text>
        )}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...value, { key: rowKey(), title: { ru: '' } }])}
        >
          {t('meetingForm.addAgendaItem')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
