/** A provision of an agreement with the measures that implement it. */
import { Anchor, Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Measure, Provision } from '../../../../contracts';
import { roadmapMeasuresQuery } from '../../../api/measures';
import { Flags, LocalizedText, ProgressBar, StatusBadge, useLocalize } from '../../../components';

/** The measures (of every roadmap implementing the agreement) that cite each provision. */
export function useMeasuresByProvision(roadmapIds: string[]) {
  const results = useQueries({
    queries: roadmapIds.map(roadmapMeasuresQuery),
  });
  // results is a new array on every render; the data's update times say when it changed.
  const version = results.map((r) => r.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for `results`
  const byProvision = useMemo(() => {
    const map = new Map<string, Measure[]>();
    for (const r of results) {
      for (const m of r.data ?? []) {
        for (const pid of m.provisionIds) {
          const list = map.get(pid) ?? [];
          list.push(m);
          map.set(pid, list);
        }
      }
    }
    return map;
  }, [version]);
  return {
    byProvision,
    isLoading: results.some((r) => r.isLoading),
    error: results.find((r) => r.error)?.error,
    refetch: () => {
      for (const r of results) r.refetch();
    },
  };
}

/** A provision's text (folded when long), its spheres, and the measures implementing it with their status. */
export function ProvisionItem({
  provision,
  measures,
  sphereNames = [],
  note,
  actions,
}: {
  provision: Provision;
  measures: Measure[];
  /** The names of its spheres, shown as tags. */
  sphereNames?: string[];
  /** A line under the number (what it amends, who amends it). */
  note?: React.ReactNode;
  /** The secretariat's controls (edit, move, delete). */
  actions?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const l = useLocalize();
  const text = l(provision.text).text;
  const long = text.length > 360;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="provision" data-number={provision.number}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} fz="sm" component="h3" m={0}>
            {t('agreements.provisionNumber', { number: provision.number })}
          </Text>
          {actions}
        </Group>
        {sphereNames.length > 0 && (
          <Group gap={4} data-testid="provision-spheres">
            {sphereNames.map((n) => (
              <Badge key={n} variant="light" color="teal" radius="sm" style={{ textTransform: 'none' }}>
                {n}
              </Badge>
            ))}
          </Group>
        )}
        {note}
        {long ? (
          <>
            <Text fz="sm" lineClamp={open ? undefined : 3} style={{ whiteSpace: 'pre-line' }}>
              <LocalizedText value={provision.text} />
            </Text>
            <Button
              variant="subtle"
              size="compact-xs"
              w="fit-content"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
            >
              {open ? t('agreements.hideText') : t('agreements.showText')}
            </Button>
          </>
        ) : (
          <Text fz="sm">
            <LocalizedText value={provision.text} />
          </Text>
        )}
        <Text fz="xs" fw={600} c="gray.8" mt={4}>
          {t('agreements.implementedBy')}
        </Text>
        {measures.length === 0 ? (
          <Text fz="sm" c="gray.8">
            {t('agreements.noMeasures')}
          </Text>
        ) : (
          <List spacing={6} listStyleType="none" pl={0}>
            {measures.map((m) => (
              <List.Item key={m.id}>
                <Group gap="xs" wrap="wrap">
                  <Text span fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {m.code}
                  </Text>
                  <Anchor
                    component={Link}
                    to={`/measures/${m.id}`}
                    fz="sm"
                    c="blue.9"
                    style={{ flex: '1 1 240px' }}
                  >
                    <LocalizedText value={m.title} />
                  </Anchor>
                  <StatusBadge status={m.status} size="sm" />
                  <Flags overdue={m.overdue} atRisk={m.atRisk} compact />
                  <ProgressBar
                    value={m.progress}
                    size="xs"
                    w={130}
                    label={`${t('fields.progress')} ${m.code}`}
                  />
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
