import { Anchor, Card, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A figure tile: a label, a big value (a link when `to` is given) and a caption below. */
export function Stat({
  label,
  value,
  children,
  to,
  name,
}: {
  /** Names the tile for tests (`data-stat`). */
  name: string;
  label: string;
  value: ReactNode;
  children?: ReactNode;
  to?: string;
}) {
  return (
    <Card withBorder padding="md" radius="md" data-stat={name}>
      <Text size="sm" c="gray.8" fw={500}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {to ? (
          <Anchor component={Link} to={to} inherit c="inherit" underline="hover">
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
      {children}
    </Card>
  );
}

/** A titled region of the dashboard, named by its heading for screen readers. */
export function Section({
  title,
  id,
  children,
  extra,
}: {
  title: string;
  id: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}
