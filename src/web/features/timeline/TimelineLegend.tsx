import { Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURE_STATUSES } from '../../../contracts';
import { AT_RISK, OVERDUE, STATUS_FILL, TODAY } from './palette';

/** A bar swatch: a status track with its progress strip. */
const bar = (track: string, done: string, width = 26) => (
  <>
    <rect x={1} y={3} width={width} height={10} rx={2} fill={track} />
    <rect x={1} y={9} width={width / 2} height={4} fill={done} />
  </>
);

/** What every colour and mark of the timeline means, in words, in the UI language. */
export function TimelineLegend() {
  const { t } = useTranslation();
  const item = (key: string, swatch: ReactNode, label: string) => (
    <Group gap={6} wrap="nowrap" component="li" key={key} data-legend={key}>
      <svg width={28} height={16} aria-hidden="true">
        {swatch}
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Box data-testid="timeline-legend">
      <Text size="xs" fw={600} component="h2" m={0} mb={4}>
        {t('timeline.legend')}
      </Text>
      <Group gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} wrap="wrap">
        {MEASURE_STATUSES.map((s) =>
          item(s, bar(STATUS_FILL[s].track, STATUS_FILL[s].done), t(`enums.status.${s}`)),
        )}
        {item(
          'progress',
          bar(STATUS_FILL.in_progress.track, STATUS_FILL.in_progress.done),
          t('timeline.legendProgress'),
        )}
        {item(
          'overdue',
          <>
            <rect
              x={1}
              y={3}
              width={18}
              height={10}
              rx={2}
              fill={OVERDUE.fill}
              stroke={OVERDUE.stroke}
              strokeWidth={1.5}
            />
            <circle cx={23} cy={8} r={5} fill={OVERDUE.stroke} />
          </>,
          t('timeline.legendOverdue'),
        )}
        {item(
          'atRisk',
          <path d="M14 2 L21 14 L7 14 Z" fill={AT_RISK.fill} stroke={AT_RISK.stroke} />,
          t('flags.atRisk'),
        )}
        {item(
          'today',
          <line x1={14} x2={14} y1={0} y2={16} stroke={TODAY.stroke} strokeWidth={2} strokeDasharray="4 3" />,
          t('timeline.today'),
        )}
        {item(
          'alsoIn',
          <text x={14} y={12} textAnchor="middle" fontSize={11} fontWeight={700} fill="#495057">
            +1
          </text>,
          t('timeline.legendAlsoIn'),
        )}
      </Group>
    </Box>
  );
}
