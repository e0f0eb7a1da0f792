import { Badge, Group, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface FlagsProps {
  overdue?: boolean;
  atRisk?: boolean;
  /** Icons only (compact tables); the name stays available to screen readers. */
  compact?: boolean;
}

const FLAGS = {
  overdue: { color: 'red', Icon: IconClockExclamation },
  atRisk: { color: 'orange', Icon: IconAlertTriangle },
} as const;

/** The derived marks of a measure: overdue (red) and at risk (orange), each explained by a title. */
export function Flags({ overdue, atRisk, compact }: FlagsProps) {
  const { t } = useTranslation();
  const shown = (['overdue', 'atRisk'] as const).filter((f) => (f === 'overdue' ? overdue : atRisk));
  if (shown.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" component="span" style={{ display: 'inline-flex' }}>
      {shown.map((flag) => {
        const { color, Icon } = FLAGS[flag];
        const label = t(`flags.${flag}`);
        return (
          <Badge
            key={flag}
            color={color}
            variant="light"
            radius="sm"
            title={t(`flags.${flag}Hint`)}
            leftSection={<Icon size={12} aria-hidden />}
            data-flag={flag}
            style={{ textTransform: 'none' }}
          >
            {compact ? <VisuallyHidden>{label}</VisuallyHidden> : label}
          </Badge>
        );
      })}
    </Group>
  );
}
