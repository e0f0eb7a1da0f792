import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeasureStatus } from '../../contracts';

/** One colour per status; the light variant's text is shade 9, which keeps AA contrast. */
export const STATUS_COLORS: Record<MeasureStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  completed: 'green',
  cancelled: 'dark',
};

export interface StatusBadgeProps extends Omit<BadgeProps, 'children' | 'color'> {
  status: MeasureStatus;
}

/** A measure's status as a coloured badge with its name in the UI language. */
export function StatusBadge({ status, ...rest }: StatusBadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      data-status={status}
      style={{ textTransform: 'none', ...(status === 'cancelled' ? { textDecoration: 'line-through' } : {}) }}
      {...rest}
    >
      {t(`enums.status.${status}`)}
    </Badge>
  );
}
