/** A report's state as a coloured badge (or «not started»), and the late/overdue marks. */
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportState } from '../../../../contracts';

const COLORS: Record<ReportState | 'none', string> = {
  none: 'gray',
  draft: 'blue',
  submitted: 'violet',
  returned: 'orange',
  approved: 'green',
};

/** The state in words; colour only adds to the text. */
export function ReportStateBadge({ state }: { state: ReportState | null }) {
  const { t } = useTranslation();
  const key = state ?? 'none';
  return (
    <Badge variant="light" color={COLORS[key]} radius="sm" tt="none" data-state={key}>
      {t(`reports.states.${key}`)}
    </Badge>
  );
}

/** «Overdue» and «late» marks beside a state. */
export function LateMarks({ overdue, late }: { overdue?: boolean; late?: boolean }) {
  const { t } = useTranslation();
  if (!overdue && !late) return null;
  return (
    <Group gap={4} component="span">
      {overdue && (
        <Badge variant="filled" color="red.8" radius="sm" tt="none">
          {t('reports.overdue')}
        </Badge>
      )}
      {late && (
        <Badge variant="outline" color="red.9" radius="sm" tt="none">
          {t('reports.late')}
        </Badge>
      )}
    </Group>
  );
}
