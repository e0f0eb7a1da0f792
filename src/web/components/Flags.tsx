import { Badge, Group, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation, IconFileAlert } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface FlagsProps {
  overdue?: boolean;
  atRisk?: boolean;
  /** A report of the latest past-due period missing or handed in late. */
  lateReport?: boolean;
  /** Icons only (compact tables); the name stays available to screen readers. */
  compact?: boolean;
}

const FLAGS = {
  overdue: { color: 'red', Icon: IconClockExclamation, ns: 'flags' },
  atRisk: { color: 'orange', Icon: IconAlertTriangle, ns: 'flags' },
  lateReport: { color: 'grape', Icon: IconFileAlert, ns: 'reportFlags' },
} as const;

/** The derived marks of a measure: overdue (red), at risk (orange), late report (grape), each explained by a title. */
export function Flags({ overdue, atRisk, lateReport, compact }: FlagsProps) {
  const { t } = useTranslation();
  const on = { overdue, atRisk, lateReport };
  const shown = (['overdue', 'atRisk', 'lateReport'] as const).filter((f) => on[f]);
  if (shown.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" component="span" style={{ display: 'inline-flex' }}>
      {shown.map((flag) => {
        const { color, Icon, ns } = FLAGS[flag];
        const label = t(`${ns}.${flag}`);
        return (
          <Badge
            key={flag}
            color={color}
            variant="light"
            radius="sm"
            title={t(`${ns}.${flag}Hint`)}
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
