import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n';

export interface ProgressBarProps {
  /** 0–100. */
  value: number;
  /** The accessible name of the bar, e.g. «Прогресс 2.3.1». */
  label?: string;
  /** Show the percentage as text beside the bar (default true). */
  showValue?: boolean;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** Colour by value unless given. */
  color?: string;
  w?: number | string;
}

function colorFor(v: number) {
  if (v >= 100) return 'green.8';
  if (v >= 50) return 'blue.7';
  if (v > 0) return 'cyan.8';
  return 'gray.6';
}

/**
 * A progress bar with role=progressbar, aria-valuenow and an accessible name; the value is
 * also printed as text so it does not rely on colour or length alone.
 */
export function ProgressBar({ value, label, showValue = true, size = 'sm', color, w }: ProgressBarProps) {
  const { t, i18n } = useTranslation();
  const v = Math.max(0, Math.min(100, Number.isFinite(value) ? value : 0));
  const text = formatPercent(v, i18n.resolvedLanguage);
  return (
    <Group gap={8} wrap="nowrap" w={w} style={{ minWidth: 80 }}>
      <Progress.Root size={size} style={{ flex: 1 }} radius="xl" bg="gray.2">
        <Progress.Section
          value={v}
          color={color ?? colorFor(v)}
          aria-label={label ?? t('fields.progress')}
          aria-valuetext={text}
        />
      </Progress.Root>
      {showValue && (
        <Text
          size="xs"
          c="gray.8"
          style={{ minWidth: 40, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
        >
          {text}
        </Text>
      )}
    </Group>
  );
}
