/** Up, down and remove buttons of one row of an editable list, each named after the row. */
import { ActionIcon, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Props: the row's place in the list, its name for the labels, and what the buttons do. */
export function RowButtons(p: {
  index: number;
  count: number;
  /** «пункт 2», «решение 3»: what each button's label names. */
  name: string;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="default"
        disabled={p.index === 0}
        onClick={() => p.onMove(-1)}
        aria-label={t('meetingForm.moveUp', { name: p.name })}
      >
        <IconArrowUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="default"
        disabled={p.index === p.count - 1}
        onClick={() => p.onMove(1)}
        aria-label={t('meetingForm.moveDown', { name: p.name })}
      >
        <IconArrowDown size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="default"
        color="red"
        onClick={p.onRemove}
        aria-label={t('meetingForm.remove', { name: p.name })}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
