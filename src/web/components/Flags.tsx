import { Badge, Group, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface FlagsProps {
  overdue?: boolean;
  atRisk?: boolean;
  /** Icons only (compact tables); the name stays available to screen readers. */
  compact?: boolean;
}

/** The derived marks of a measure: overdue (red) and at risk (orange), each explained by a title. */
export function Flags({ overdue, atRisk, compact }: FlagsProps) {
  const { t } = useTranslation();
  if (!overdue && !atRisk) return null;
  return (
    <Group gap={4} wrap="nowrap" component="span" style={{ display: 'inline-flex' }}>
      {overdue && (
        <Badge
          color="red"
          variant="light"
          radius="sm"
          title={t('flags.overdueHint')}
          leftSection={<IconClockExclamation size={12} aria-hidden />}
          data-flag="overdue"
          style={{ textTransform: 'none' }}
        >
          {compact ? <VisuallyHidden>{t('flags.overdue')}</VisuallyHidden> : t('flags.overdue')}
        </Badge>
      )}
      {atRisk && (
        <Badge
          color="orange"
          variant="light"
          radius="sm"
          title={t('flags.atRiskHint')}
          leftSection={<IconAlertTriangle size={12} aria-hidden />}
          data-flag="atRisk"
          style={{ textTransform: 'none' }}
        >
          {compact ? <VisuallyHidden>{t('flags.atRisk')}</VisuallyHidden> : t('flags.atRisk')}
        </Badge>
      )}
    </Group>
  );
}
