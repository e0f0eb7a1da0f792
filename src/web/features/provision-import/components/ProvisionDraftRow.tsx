/** One provision under review: its number, text and spheres; merge with the next, split at the cursor, remove. */
import { Button, Group, MultiSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sphere } from '../../../../contracts';
import { useLocalize } from '../../../components';
import type { Draft, DraftProblem } from '../review';

export interface ProvisionDraftRowProps {
  draft: Draft;
  index: number;
  isLast: boolean;
  spheres: readonly Sphere[];
  problem: DraftProblem | undefined;
  onChange: (patch: Partial<Draft>) => void;
  onMerge: () => void;
  onSplit: (caret: number) => void;
  onRemove: () => void;
}

export function ProvisionDraftRow(p: ProvisionDraftRowProps) {
  const { t } = useTranslation();
  const l = useLocalize();
  const text = useRef<HTMLTextAreaElement>(null);
  const d = p.draft;
  const label = t('provisionImport.item', { index: p.index + 1 });
  const words = d.sphereIds.flatMap((id) => d.matched[id] ?? []);
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={label} data-testid="draft">
      <Stack gap="xs">
        {d.heading && (
          <Text size="xs" c="gray.8" fw={600}>
            {d.heading}
          </Text>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('provisionImport.number')}
            value={d.number}
            onChange={(e) => p.onChange({ number: e.currentTarget.value })}
            error={
              p.problem === 'number' || p.problem === 'duplicate'
                ? t(`provisionImport.problem.${p.problem}`)
                : undefined
            }
            w={120}
          />
          <MultiSelect
            label={t('provisionImport.spheres')}
            data={p.spheres.map((s) => ({ value: s.id, label: l.str(s.name) }))}
            value={d.sphereIds}
            onChange={(v) => p.onChange({ sphereIds: v })}
            description={
              words.length ? t('provisionImport.suggested', { words: words.join(', ') }) : undefined
            }
            style={{ flex: '1 1 220px', minWidth: 0 }}
            clearable
          />
        </Group>
        <Textarea
          ref={text}
          label={t('provisionImport.text', { number: d.number })}
          value={d.text}
          onChange={(e) => p.onChange({ text: e.currentTarget.value })}
          error={p.problem === 'empty' ? t('provisionImport.problem.empty') : undefined}
          autosize
          minRows={2}
          maxRows={10}
        />
        <Group gap="xs" wrap="wrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => p.onSplit(text.current?.selectionStart ?? 0)}
          >
            {t('provisionImport.splitAtCursor')}
          </Button>
          {!p.isLast && (
            <Button size="compact-sm" variant="default" onClick={p.onMerge}>
              {t('provisionImport.mergeNext')}
            </Button>
          )}
          <Button size="compact-sm" variant="subtle" color="red" c="red.9" onClick={p.onRemove}>
            {t('provisionImport.remove')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
